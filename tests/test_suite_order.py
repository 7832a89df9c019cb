"""The order in which two workers take the test files: the site builds on one while the other runs what does not
need it (the suite's time is a budget of issue 24, measured by ``make bench``)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]


def _suite_conftest():
    """tests/conftest.py read from its path: several folders have a conftest.py, so the name alone is ambiguous."""
    spec = importlib.util.spec_from_file_location("csto_tests_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site_first_order = _suite_conftest().site_first_order


def item(path: str, *fixtures: str) -> SimpleNamespace:
    return SimpleNamespace(path=Path(path), fixturenames=list(fixtures), name=path)


def test_the_first_browser_file_that_needs_the_site_leads_and_the_others_that_need_it_wait_their_turn():
    items = [
        item("tests/browser/test_chart_layout_browser.py"),
        item("tests/browser/test_deck_browser.py", "built_site"),
        item("tests/browser/test_jupyterlab_browser.py", "lab"),
        item("tests/browser/test_site_browser.py", "built_site"),
        item("tests/data/test_add_row.py", "data_copy"),
        item("tests/site/test_build.py", "built_site"),
        item("notebooks/00_start_here.ipynb"),
    ]
    order = [str(i.path) for i in site_first_order(items)]
    assert order == [
        "tests/browser/test_deck_browser.py",
        "tests/browser/test_chart_layout_browser.py",
        "tests/browser/test_jupyterlab_browser.py",
        "tests/browser/test_site_browser.py",
        "tests/data/test_add_row.py",
        "notebooks/00_start_here.ipynb",
        "tests/site/test_build.py",
    ]


def test_a_files_tests_stay_together_and_in_their_order():
    items = [item("tests/data/a.py"), item("tests/browser/b.py", "built_site"), item("tests/data/a.py")]
    items[0].name, items[2].name = "first", "second"
    assert [i.name for i in site_first_order(items)] == ["tests/browser/b.py", "first", "second"]


def test_make_test_and_the_bench_keep_the_order_the_suite_gives():
    """xdist sorts files by their number of tests unless told not to, which would undo the order above."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pytest_line = re.search(r"^PYTEST := (.*)$", makefile, re.M).group(1)
    bench = (ROOT / "tools" / "bench.py").read_text(encoding="utf-8")
    for flag in ("-p tools.fast_imports", "--dist loadfile", "--no-loadscope-reorder"):
        assert flag in pytest_line, f"make test runs without {flag}"
        assert '"' + '", "'.join(flag.split()) + '"' in bench, f"the bench times the suite without {flag}"
