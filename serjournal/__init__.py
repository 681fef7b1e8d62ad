"""serjournal: a guided self-awareness journal for the terminal.

A journaling aid for self-awareness, not therapy or medical advice.
"""

__version__ = "0.1.0"
