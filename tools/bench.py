"""Measure what students, teachers and CI wait for: ``python -m tools.bench`` (``make bench``).

Prints a table and writes bench.json at the repository root. Numbers, not timed tests: the budget is checked here
and reported, never asserted by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from csto.course import course_map
from csto.site.build import build, run_cells
from csto.paths import notebooks_dir, repo_root

BUDGET = {"ratio": 1.5, "data_seconds": 1.0, "warm_seconds": 5.0, "warm_share": 0.10, "deck_bytes": 300_000,
          "first_figure_seconds": 1.5, "test_seconds": 300.0, "site_bytes": 6_000_000}
# what every notebook imports before the setup cell's own imports (pandas and plotly come in through the course)
BASE_IMPORTS = "import pandas, plotly.graph_objects"


def baseline_source(nb: nbformat.NotebookNode) -> str:
    """A bare kernel "with the same imports": the notebook's setup cell's import lines, nothing it runs besides.

    The setup cell is the first code cell; its magics (``%load_ext``) and calls (the theme) are the notebook's own
    work, so they count against it, not in the baseline."""
    setup = next(c.source for c in nb.cells if c.cell_type == "code")
    imports = [line for line in setup.splitlines() if line.startswith(("import ", "from "))]
    return "\n".join([BASE_IMPORTS, *imports])


def run_in_fresh_kernel(nb: nbformat.NotebookNode, cwd: Path) -> float:
    """Seconds to start a kernel and run every cell, as a student pressing Run All would wait."""
    started = time.perf_counter()
    run_cells(nb, cwd)
    return time.perf_counter() - started


def time_notebooks(runs: int = 5) -> list[dict]:
    """Each notebook against a bare kernel (start + the course's imports), in ``runs`` interleaved pairs: the ratio is
    the median of the pairs' ratios, since the machine's speed drifts by a tenth or more within a minute and a pair
    shares its moment; seconds and baseline are the medians of each. One kernel is started and run first and not
    counted: the first start after a pause read its files from disk (4.3 s against 1.4 s, measured). The tables come
    from the course's table cache, as on every Run All after the first on a machine (``time_data`` times a first
    load)."""
    rows = []
    for number, file in enumerate(course_map()["file"]):
        path = notebooks_dir() / file
        notebook = nbformat.read(path, as_version=4)
        baseline = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(baseline_source(notebook))])
        if number == 0:
            run_in_fresh_kernel(baseline, path.parent)  # the warm-up start, not counted
        pairs = [(run_in_fresh_kernel(baseline, path.parent),
                  run_in_fresh_kernel(nbformat.read(path, as_version=4), path.parent)) for _ in range(runs)]
        base, seconds = statistics.median(b for b, _ in pairs), statistics.median(s for _, s in pairs)
        rows.append({"name": path.stem, "seconds": round(seconds, 2), "baseline_seconds": round(base, 2),
                     "ratio": round(statistics.median(s / b for b, s in pairs), 2)})
    return rows


def time_cells(path: Path) -> list[dict]:
    """Where one notebook's time goes: the kernel's start, then each code cell's seconds (wall clock, from the moment
    the client sends it to the moment its reply is in, so the round trip counts), slowest first."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    marks: dict[int, float] = {}
    spans: list[dict] = []

    def started(cell, cell_index):
        marks[cell_index] = time.perf_counter()

    def executed(cell, cell_index, execute_reply):
        first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
        spans.append({"cell": cell_index + 1, "seconds": round(time.perf_counter() - marks[cell_index], 3),
                      "first_line": first[:70]})

    client = NotebookClient(nb, timeout=300, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}}, on_cell_start=started,
                            on_cell_executed=executed)
    begun = time.perf_counter()
    with client.setup_kernel():
        kernel = time.perf_counter() - begun
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
    total = time.perf_counter() - begun
    rows = [{"cell": 0, "seconds": round(kernel, 3), "first_line": "(kernel start)"}]
    rows += sorted(spans, key=lambda r: -r["seconds"])
    rows.append({"cell": -1, "seconds": round(total, 3), "first_line": f"(total, {len(spans)} code cells)"})
    return rows


def time_data() -> float:
    """Load and validate the whole package in a fresh interpreter (imports excluded: they are the baseline's), with
    an empty table cache of its own: the first load on a new machine, every table cast by Frictionless."""
    code = ("import time, csto.data as d, csto.data.validation, frictionless; t = time.perf_counter(); d.validate(); "
            "d.load_all(); print(time.perf_counter() - t)")
    runs = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "CSTO_TABLE_CACHE": cache}
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
            runs.append(float(done.stdout))
    return round(statistics.median(runs), 3)


def time_build(site: Path, cache: Path, pdf: bool) -> tuple[float, float]:
    """A cold build (an empty cache of its own: the developer's .build-cache is left alone) and a no-change rebuild."""
    cold = build(site, pdf=pdf, log=lambda *_: None, cache=cache).seconds
    warm = build(site, pdf=pdf, log=lambda *_: None, cache=cache).seconds
    return round(cold, 2), round(warm, 2)


def page_bytes(folder: Path, suffix: str = ".html") -> dict[str, int]:
    return {p.stem: p.stat().st_size for p in sorted(folder.glob(f"*{suffix}"))}


def time_first_figures(site: Path) -> dict[str, float]:
    """Seconds from navigation to the first drawn plotly figure of each deck, offline, median of three loads."""
    from csto.site.browser import offline_browser

    script = ("() => { const svg = document.querySelector('.plotly-graph-div .main-svg'); "
              "if (svg && !window.__firstFigure) { window.__firstFigure = performance.now(); } return !!svg; }")
    results = {}
    with offline_browser() as (context, traffic):
        for deck in sorted((site / "decks").glob("*.html")):
            times = []
            for _ in range(3):
                page = context.new_page()
                page.goto(deck.as_uri(), wait_until="commit")
                page.wait_for_function(script, polling="raf", timeout=30000)
                times.append(page.evaluate("() => window.__firstFigure") / 1000)
                page.close()
            results[deck.stem] = round(statistics.median(times), 2)
        if traffic.blocked:
            raise RuntimeError(f"decks reached for the network: {traffic.blocked}")
    return results


def time_tests() -> tuple[float, str]:
    """Seconds for the whole test command, and its closing line (so a failing run is not mistaken for a fast one)."""
    started = time.perf_counter()
    # the command `make test` runs (see the Makefile): one process per core, a file's tests together
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "tools.fast_imports", "-q", "-p", "no:cacheprovider",
                          "-n", "auto",
                          "--dist", "loadfile", "--no-loadscope-reorder"], cwd=repo_root(), check=False,
                         capture_output=True, text=True)
    closing = (run.stdout.strip().splitlines() or ["no output"])[-1]
    return round(time.perf_counter() - started, 1), closing


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def verdicts(result: dict) -> list[str]:
    """One line per budget item: the number, the target, met or missed."""
    lines = []
    worst = max(result["notebooks"], key=lambda r: r["ratio"])
    lines.append(f"notebook/baseline ≤ {BUDGET['ratio']}: worst {worst['name']} {worst['ratio']} — "
                 f"{_met(worst['ratio'] <= BUDGET['ratio'])}")
    lines.append(f"load+validate ≤ {BUDGET['data_seconds']} s: {result['data_seconds']} s — "
                 f"{_met(result['data_seconds'] <= BUDGET['data_seconds'])}")
    share = result["build_warm_seconds"] / result["build_cold_seconds"]
    ok = result["build_warm_seconds"] <= BUDGET["warm_seconds"] and share <= BUDGET["warm_share"]
    lines.append(f"warm rebuild ≤ 5 s and ≤ 10 % of cold: {result['build_warm_seconds']} s = {share:.0%} of "
                 f"{result['build_cold_seconds']} s — {_met(ok)}")
    big = max(result["deck_bytes"].items(), key=lambda kv: kv[1])
    lines.append(f"deck ≤ 300 KB: largest {big[0]} {big[1] / 1000:.0f} KB — {_met(big[1] <= BUDGET['deck_bytes'])}")
    if result["first_figure_seconds"]:
        slow = max(result["first_figure_seconds"].items(), key=lambda kv: kv[1])
        lines.append(f"first figure ≤ 1.5 s: slowest {slow[0]} {slow[1]} s — "
                     f"{_met(slow[1] <= BUDGET['first_figure_seconds'])}")
    else:
        lines.append("first figure ≤ 1.5 s: not measured (no Chromium: apt-get install chromium)")
    lines.append(f"site ≤ {BUDGET['site_bytes'] / 1e6:.0f} MB: {result['site_bytes'] / 1e6:.1f} MB — "
                 f"{_met(result['site_bytes'] <= BUDGET['site_bytes'])}")
    if result.get("test_seconds") is not None:
        lines.append(f"test command ≤ 300 s: {result['test_seconds']} s — "
                     f"{_met(result['test_seconds'] <= BUDGET['test_seconds'])}")
    return lines


def table(result: dict) -> str:
    rows = ["notebook                          seconds  baseline  ratio  deck KB  handout KB  first figure s"]
    for r in result["notebooks"]:
        rows.append(f"{r['name']:<33} {r['seconds']:>7.2f} {r['baseline_seconds']:>9.2f} {r['ratio']:>6.2f} "
                    f"{result['deck_bytes'].get(r['name'], 0) / 1000:>8.0f} "
                    f"{result['handout_bytes'].get(r['name'], 0) / 1000:>11.0f} "
                    f"{result['first_figure_seconds'].get(r['name'], float('nan')):>15.2f}")
    rows.append(f"data load+validate: {result['data_seconds']} s   build cold: {result['build_cold_seconds']} s   "
                f"warm: {result['build_warm_seconds']} s   site: {result['site_bytes'] / 1e6:.1f} MB   "
                f"tests: {result.get('test_seconds')} s ({result.get('test_result')})")
    return "\n".join(rows + [""] + verdicts(result))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the course (writes bench.json).")
    parser.add_argument("--no-tests", action="store_true", help="skip timing the whole test command")
    parser.add_argument("--notebooks", action="store_true", help="time only the notebooks against a bare kernel")
    parser.add_argument("--cells", metavar="NN", help="where one notebook's time goes: its cells, slowest first")
    args = parser.parse_args(argv)
    if args.cells:
        path = notebooks_dir() / course_map().set_index("notebook").loc[args.cells, "file"]
        for row in time_cells(path):
            print(f"{row['seconds']:>7.3f} s  cell {row['cell']:>3}  {row['first_line']}")
        return 0
    if args.notebooks:
        rows = time_notebooks()
        for r in rows:
            print(f"{r['name']:<33} {r['seconds']:>7.2f} s  baseline {r['baseline_seconds']:>5.2f} s  "
                  f"ratio {r['ratio']:>5.2f}")
        return 0
    from csto.site.browser import chromium_path

    browser = chromium_path() is not None
    if not browser:
        print("Chromium is not installed (apt-get install chromium): PDFs and the first-figure time will not be "
              "measured; everything else will.", flush=True)
    result: dict = {"notebooks": time_notebooks(), "data_seconds": time_data()}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result["build_cold_seconds"], result["build_warm_seconds"] = time_build(site, Path(tmp) / "cache", pdf=browser)
        result["deck_bytes"] = page_bytes(site / "decks")
        result["handout_bytes"] = page_bytes(site / "handouts")
        result["reader_bytes"] = page_bytes(site / "sources")
        result["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        result["first_figure_seconds"] = time_first_figures(site) if browser else {}
    result["test_seconds"], result["test_result"] = (None, "not run") if args.no_tests else time_tests()
    result["budget"] = BUDGET
    result["verdicts"] = verdicts(result)
    (repo_root() / "bench.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
