"""The journal store: one SQLite file, opened safely, upgraded by migrations."""
