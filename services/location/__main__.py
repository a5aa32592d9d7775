from services.location.bootstrap import main

main()
