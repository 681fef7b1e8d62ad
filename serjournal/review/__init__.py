"""The weekly review: periods, SQL aggregates, patterns, and its JSON shape.

Rendering lives in serjournal.render.review; the command in serjournal.cli.review.
"""
