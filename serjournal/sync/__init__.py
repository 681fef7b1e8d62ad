"""Sync through a folder the user already replicates (issue 15).

Each machine appends its own changes to its own log in the folder
(logfile.py) and reads every other machine's log from where it last
stopped. A check-in is a set of registers, one per field, each kept with the
time and machine of the change that set it (registers.py): the newest change
of a field wins, ties going to the larger machine id, so the same logs give
the same journal on every machine, in any order and however often they are
read. A deletion is a register too, which only a newer undo changes.

    registers.py   a check-in as registers; what changed; the check-in they describe
    logfile.py     the log's lines and files: naming, reading what is new, checks
    run.py         `serjournal sync`: write this machine's log, read the others

Every write to the journal, including recording a change and applying the
changes of others, is a function of store/writes.py.
"""
