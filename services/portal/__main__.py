from services.portal.bootstrap import main

main()
