"""Results a lesson computes on every Run All, kept while nothing they rest on has changed.

A lesson draws the same charts each time a student presses Run All, and drawing a chart with plotly (building and
checking every mark) takes most of a lesson's own time. What a chart shows depends only on the course's files (the
tables, the texts, the code and its assets) and on what the cell passes in. So in a Jupyter kernel a result is kept in
the table cache under a key made of all three, and read back the next time.

Keeping is switched on only in a kernel (``keep_in_this_kernel``, called by the notebooks' setup): a test process
draws each chart once and often changes a constant to see the effect, which a kept result would hide. A result is
returned the same way whether it was just built or read back (``encode`` then ``decode``), so a cell never sees two
kinds of value.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from ..paths import descriptor_path
from .frames import kept_json

T = TypeVar("T")
_KEEPING = {"on": False}
_FROZEN = {"done": False}
PLAIN = (str, int, float, bool, type(None))


def ipython_shell():
    """The running IPython shell, or None (a plain Python process, or IPython never imported)."""
    shell_module = sys.modules.get("IPython")
    return shell_module.get_ipython() if shell_module else None


def keep_in_this_kernel() -> bool:
    """Keep results from now on if this process is a Jupyter kernel; returns whether it is."""
    _KEEPING["on"] = ipython_shell() is not None and "ipykernel" in sys.modules
    return _KEEPING["on"]


def freeze_what_is_loaded() -> bool:
    """In a kernel, once: leave every object loaded so far out of Python's full garbage collections; returns whether
    it froze them.

    The collector walks every object it tracks once enough new ones have lived a while. In a lesson's Run All that
    happened once, a walk of 0.12 s through the 230,000 objects of pandas, plotly and the course, which are never
    garbage. ``gc.freeze`` is Python's own way out: the objects move to a generation no collection walks. Called at the
    end of the setup (``charts.use_course_theme``), after the imports; only once, so that a student's own objects,
    made after it, are collected as usual however often the setup cell runs."""
    if not _KEEPING["on"] or _FROZEN["done"]:
        return False
    gc.freeze()
    _FROZEN["done"] = True
    return True


def course_stamp() -> tuple:
    """Every file a result may rest on: the descriptor, the data and texts beside it, and the course's package (code
    and assets), each with its modification time and size."""
    descriptor = descriptor_path()
    package = Path(__file__).resolve().parents[1]
    described = descriptor.stat()
    found = [(str(descriptor), described.st_mtime_ns, described.st_size)]
    for folder in (descriptor.parent / "data", descriptor.parent / "seeds", package):
        found += sorted(_files_under(str(folder)))
    return tuple(found)


def _files_under(folder: str) -> list[tuple[str, int, int]]:
    """(path, modification time, size) of every file under a folder but Python's byte-code caches, walked with
    ``os.scandir``: a lesson stamps the course on every kept result, and pathlib's rglob took five times as long."""
    found, pending = [], [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif entry.is_file():
                    status = entry.stat()
                    found.append((entry.path, status.st_mtime_ns, status.st_size))
    return found


def _digest(value: Any) -> str | None:
    """A stable digest of what a cell passed in, or None for a value that has none (then nothing is kept)."""
    if isinstance(value, PLAIN):
        return repr(value)
    if isinstance(value, (list, tuple)):
        parts = [_digest(v) for v in value]
        return None if None in parts else f"{type(value).__name__}[{','.join(parts)}]"
    if isinstance(value, dict):
        parts = [(_digest(k), _digest(v)) for k, v in value.items()]
        return None if any(None in p for p in parts) else "{" + ",".join(f"{k}:{v}" for k, v in parts) + "}"
    if isinstance(value, (pd.DataFrame, pd.Series)):
        try:
            hashed = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        except TypeError:  # a cell holding lists or dicts
            return None
        frame = value if isinstance(value, pd.DataFrame) else value.to_frame()
        # a category's order decides a chart's order, and the values' hash does not see it
        kinds = [(str(t), list(t.categories), t.ordered) if isinstance(t, pd.CategoricalDtype) else str(t)
                 for t in frame.dtypes]
        shape = repr((list(frame.columns), list(frame.index.names), kinds))
        return hashlib.sha1(hashed + shape.encode("utf-8")).hexdigest()
    return None


def _as_is(value: Any) -> Any:
    return value


def kept(kind: str, encode: Callable[[T], Any] = _as_is,
         decode: Callable[[Any], T] = _as_is) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Keep a function's results under ``kind`` while its arguments and the course's files are unchanged.

    ``encode`` turns a result into plain JSON and ``decode`` turns it back; both run on every call, kept or not. A
    result that is plain JSON already (text, lists of dicts) needs neither."""

    def decorate(build: Callable[..., T]) -> Callable[..., T]:
        @wraps(build)
        def keeping(*args: Any, **kwargs: Any) -> T:
            given = _digest([list(args), kwargs]) if _KEEPING["on"] else None
            if given is None:
                return build(*args, **kwargs)
            key = repr((build.__module__, build.__qualname__, given, course_stamp()))
            return decode(kept_json(kind, key, lambda: encode(build(*args, **kwargs))))

        keeping.unkept = build  # type: ignore[attr-defined]
        return keeping

    return decorate
