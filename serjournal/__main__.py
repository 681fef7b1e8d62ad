from serjournal.cli import main

main()
