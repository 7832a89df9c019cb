"""A pytest plugin that ``make test`` and the bench load first (``-p tools.fast_imports``): it imports jsonschema the
course's way (``csto._imports``, without the IRI grammar nothing validates) before pytest loads nbval, whose import of
nbformat would otherwise compile that grammar in every pytest process (over a second each, on two workers and the
controller). Importing it is its whole effect; the suite runs the same without it, only slower to start."""

from csto import _imports

_imports.jsonschema()
