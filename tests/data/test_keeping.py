"""Kept results (``csto.data.keeping``): a chart drawn on the last Run All is read back, and drawn again as soon as
anything it rests on changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from csto import charts
from csto.data import keeping


@pytest.fixture
def kernel_keeping(data_copy: Path, tmp_path: Path, monkeypatch):
    """Keeping switched on, as in a kernel, against a copy of the course data with an empty cache of its own."""
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    monkeypatch.setenv("CSTO_TABLE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setitem(keeping._KEEPING, "on", True)
    return data_copy.parent


def counted():
    calls = []

    @keeping.kept("test")
    def build(frame, title: str = "t") -> dict:
        calls.append(title)
        return {"title": title, "rows": len(frame)}

    return build, calls


def test_outside_a_kernel_every_call_builds_again():
    build, calls = counted()
    frame = pd.DataFrame({"a": [1, 2]})
    build(frame), build(frame)
    assert calls == ["t", "t"], "a test process must see a changed constant at once: nothing is kept"
    assert keeping.keep_in_this_kernel() is False, "pytest is not a Jupyter kernel"


def test_in_a_kernel_the_same_call_is_read_back(kernel_keeping):
    build, calls = counted()
    frame = pd.DataFrame({"a": [1, 2]})
    first, second = build(frame, title="x"), build(frame, title="x")
    assert first == second == {"title": "x", "rows": 2}
    assert calls == ["x"]


def test_other_arguments_or_a_changed_table_build_again(kernel_keeping):
    build, calls = counted()
    frame = pd.DataFrame({"a": [1, 2]})
    build(frame, title="x")
    build(frame, title="y")
    build(pd.DataFrame({"a": [1, 3]}), title="x")
    csv = kernel_keeping / "data" / "events.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(csv, ns=(csv.stat().st_atime_ns, csv.stat().st_mtime_ns + 10**9))
    build(frame, title="x")
    assert calls == ["x", "y", "x", "x"]


def test_the_same_values_in_another_category_order_build_again(kernel_keeping):
    build, calls = counted()
    frame = pd.DataFrame({"a": pd.Categorical(["x", "y"], categories=["x", "y"], ordered=True)})
    build(frame)
    build(frame.assign(a=frame["a"].cat.reorder_categories(["y", "x"])))
    assert len(calls) == 2, "a chart ordered by its categories would otherwise be read back in the old order"


def test_an_argument_with_no_stable_digest_is_never_kept(kernel_keeping):
    build, calls = counted()
    frame = pd.DataFrame({"a": [[1], [2]]})  # lists in a cell cannot be hashed
    build(frame), build(frame), build(pd.DataFrame({"a": [1]}), title=object())
    assert len(calls) == 3


def test_a_kept_chart_is_the_same_figure_whether_just_drawn_or_read_back(kernel_keeping):
    from csto.charts.matrix import MATRIX_PERIODS
    from csto.data import views

    responses = views.crisis_responses()
    drawn = charts.response_matrix(responses, years=MATRIX_PERIODS[0])
    again = charts.response_matrix(responses, years=MATRIX_PERIODS[0])
    assert isinstance(drawn, go.Figure) and isinstance(again, go.Figure)
    assert drawn.to_plotly_json() == again.to_plotly_json()
    assert charts.alt_text(again) == charts.alt_text(charts.response_matrix.unkept(responses, years=MATRIX_PERIODS[0]))
    assert list((Path(os.environ["CSTO_TABLE_CACHE"]) / "figures").glob("*.json")), "the figure was kept"
    built = charts.response_matrix.unkept(responses, years=MATRIX_PERIODS[0])
    assert json.loads(again.to_json()) == json.loads(built.to_json()), "read back, the chart is the one drawn"
    with pytest.raises(ValueError):  # read back without checking every value, it still refuses a misspelt property
        again.update_layout(titel="a misspelt property")


def test_an_edited_source_text_or_data_file_builds_again_but_a_byte_code_cache_does_not(kernel_keeping):
    build, calls = counted()
    frame = pd.DataFrame({"a": [1]})
    build(frame)
    (kernel_keeping / "data" / "__pycache__").mkdir()
    (kernel_keeping / "data" / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"compiled")
    build(frame)
    assert len(calls) == 1, "a byte-code cache is not part of what a result rests on"
    seed = next((kernel_keeping / "seeds").rglob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + " ", encoding="utf-8")
    build(frame)
    assert len(calls) == 2, "a result rests on the source texts"


def test_the_course_stamp_covers_the_code_in_every_folder_of_the_package():
    stamped = {Path(path) for path, _, _ in keeping.course_stamp()}
    package = Path(keeping.__file__).resolve().parents[1]
    code = {p for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    assert code <= stamped, sorted(map(str, code - stamped))[:3]


@pytest.fixture
def freezes(monkeypatch):
    """Calls to ``gc.freeze``, recorded instead of made (a freeze in the test process would outlive the test), with
    the kernel's once-only flag, its keeping flag and the plotly defaults the setup changes put back afterwards."""
    import gc

    import plotly.io as pio

    made: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: made.append(1))
    monkeypatch.setitem(keeping._FROZEN, "done", False)
    monkeypatch.setitem(keeping._KEEPING, "on", keeping._KEEPING["on"])
    monkeypatch.setattr(pio.templates, "default", pio.templates.default)
    monkeypatch.setenv("PLOTLY_RENDERER", "")
    monkeypatch.delenv("PLOTLY_RENDERER")
    return made


def test_the_setup_in_a_kernel_freezes_what_it_loaded_once(freezes, monkeypatch):
    """A lesson's Run All spent a tenth of a second in one full garbage collection walking the setup's imports: the
    setup (``use_course_theme``, its last line) freezes them in a kernel, once however often the cell runs."""
    import sys
    import types

    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setitem(sys.modules, "ipykernel", sys.modules.get("ipykernel") or types.ModuleType("ipykernel"))
    InteractiveShell.instance()
    try:
        charts.use_course_theme()
        charts.use_course_theme()
    finally:
        InteractiveShell.clear_instance()
    assert freezes == [1]


def test_outside_a_kernel_nothing_is_frozen(freezes):
    charts.use_course_theme()
    assert keeping.freeze_what_is_loaded() is False
    assert freezes == []
