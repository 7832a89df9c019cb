"""Helpers that belong to one notebook's questions, each tested, so that a notebook's code cells stay one or two lines.

- ``gaps`` (03): what the course sources leave out about a crisis; arithmetic on background dates, in the open.
- ``scorecard`` (04): a per-member count of supportive and distancing acts, and a self-check for it.
- ``source_criticism`` (05): dating, wording, kinds of claim, forecast checks, translation shifts, corrections.
- ``evidence`` (06): the evidence matrix for "Is the CSTO the next NATO?".
- ``quiz`` (every notebook): self-check questions whose answers are computed from the data.

They import from ``csto.data`` and ``csto.labels``, never from the site build or from each other, except the quiz,
which asks about every lesson.
"""
