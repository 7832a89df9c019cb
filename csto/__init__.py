"""CSTO course toolkit: the sourced data package, its validation, the chart kit and the site build.

Notebooks import from here so that they stay narrative: logic lives in small, tested functions.
"""

__all__ = ["data", "charts"]
