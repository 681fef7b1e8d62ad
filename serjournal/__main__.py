from serjournal.entry import main

main()
