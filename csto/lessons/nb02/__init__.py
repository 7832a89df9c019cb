"""Notebook 02's questions: questions.yaml (wording) and queries.py (the facts it is filled from)."""
