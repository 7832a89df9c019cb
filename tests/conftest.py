"""Shared fixtures, and the rule that under CI=true nothing may be skipped."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Turn a skip into a failure on CI: a skipped browser test there means the product was never checked."""
    report = yield
    if on_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which is not allowed: {report.longrepr}"
    return report


def site_first_order(items: list) -> list:
    """The test files in the order two workers should take them (``--dist loadfile --no-loadscope-reorder``).

    The shared site takes over a minute to build, and every test of a file that needs it waits for it. So the first
    browser file that needs the site leads (its worker builds it), then the browser files that do not need it (the
    other worker's longest work, while the site builds), then the other browser files, then everything else, with
    the remaining files that need the site last. Within a rank, files keep their collection order."""
    files = list(dict.fromkeys(item.path for item in items))
    needs_site = {item.path for item in items if "built_site" in getattr(item, "fixturenames", ())}
    browser = {path for path in files if path.parent.name == "browser"}
    builder = next((path for path in files if path in needs_site and path in browser), None)

    def rank(path: Path) -> int:
        if path == builder:
            return 0
        if path in browser:
            return 2 if path in needs_site else 1
        return 4 if path in needs_site else 3

    return sorted(items, key=lambda item: rank(item.path))


def pytest_collection_modifyitems(config, items):
    items[:] = site_first_order(items)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the data package (descriptor, data/ and seeds/) so a test can break it; returns its
    descriptor."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy2(ROOT / "datapackage.json", tmp_path / "datapackage.json")
    return tmp_path / "datapackage.json"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course site built once per test run into a fresh cache, so every notebook really is executed (PDFs too
    when Chromium is present); returns (site, report, cache).

    When the suite runs on several processes (pytest-xdist), the first process to need the site builds it in the
    run's shared temporary folder, under a lock, and the others wait and read the same site: read-only, since a test
    that changes a site works on its own copy (``site_copy`` in test_build.py)."""
    from csto.site.browser import chromium_path
    from csto.site.build import build

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    folder = (tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()) / "built"
    folder.mkdir(exist_ok=True)
    site, cache, stored = folder / "site", folder / "cache", folder / "report.pickle"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stored.exists():
            report = build(site, pdf=chromium_path() is not None, log=lambda *_: None, cache=cache)
            stored.write_bytes(pickle.dumps(report))
        report = pickle.loads(stored.read_bytes())
    return site, report, cache
