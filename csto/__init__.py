"""CSTO course toolkit: the sourced data package, its validation, the chart kit and the site build.

Notebooks import from here so that they stay narrative: logic lives in small, tested functions.
``import csto`` loads what every notebook uses (data, tables, charts, display), so a kernel pays for it once.
"""

import sys

# jsonschema, imported by plotly's notebook renderer (through nbformat) and by Frictionless, imports rfc3987_syntax
# for the "iri" string format, which nothing in the course validates; that import compiles 38 Lark grammars, about
# 1.5 s of every notebook's first chart and of every data validation (measured with cProfile). Marked absent,
# jsonschema simply skips that one format checker.
sys.modules.setdefault("rfc3987_syntax", None)

from . import charts, data, display, tables  # noqa: E402  (after the line above, which must come first)

__all__ = ["charts", "data", "display", "tables"]
