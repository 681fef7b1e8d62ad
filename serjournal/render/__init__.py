"""Rich renderings of journal data. Pure: they build renderables, callers print."""
