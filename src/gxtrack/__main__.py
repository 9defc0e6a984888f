from gxtrack.cli import main

main()
