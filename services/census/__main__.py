from services.census.bootstrap import main

main()
