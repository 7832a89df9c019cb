"""The checks of the notebooks' exercises, one module per notebook (``nb01.py`` …), registered with ``quiz.exercise``.

An exercise whose answer is a number, a name or a choice ends its starter cell with ``quiz.check("ex01_…", answer)``;
its question lives here, computed from the data like every quiz question, so the check says right or wrong and why.
"""
