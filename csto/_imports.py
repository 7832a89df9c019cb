"""Imports that need care: jsonschema without the IRI grammar, scoped so no other code is affected.

jsonschema (imported by Frictionless, and by nbformat under plotly's notebook renderer) imports ``rfc3987_syntax`` at
import time to check the "iri" string format, which nothing in the course validates. That import compiles 38 Lark
grammars: about 0.75 s (1.5 s on a busy machine) of every notebook's first data load or chart, measured with
``python -X importtime``. jsonschema has no setting to skip it, so the module is marked absent only while jsonschema
itself is imported, then unmarked: code that imports ``rfc3987_syntax`` later gets the real module, and jsonschema
simply has no checker for the one format the course never uses.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

_SLOW = "rfc3987_syntax"


def jsonschema() -> ModuleType:
    """jsonschema, imported once without the IRI grammar (a no-op when it is already imported)."""
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    hidden = _SLOW not in sys.modules
    if hidden:
        sys.modules[_SLOW] = None  # type: ignore[assignment]  # makes `import rfc3987_syntax` raise ImportError
    try:
        return importlib.import_module("jsonschema")
    finally:
        if hidden and sys.modules.get(_SLOW) is None:
            del sys.modules[_SLOW]


def frictionless() -> ModuleType:
    """The frictionless package, with jsonschema imported quickly first."""
    jsonschema()
    return importlib.import_module("frictionless")
