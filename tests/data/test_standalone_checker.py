"""The provenance of the data package can be checked without the course: ``python -m csto.data check`` needs only
Python and Frictionless, and it catches what the Frictionless CLI alone cannot (a paraphrase passed off as a quote).

The checker runs in a subprocess in which the course's heavy dependencies are made unimportable, as on a
researcher's machine that has only Frictionless installed.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRICTIONLESS = Path(sys.executable).with_name("frictionless")
ABSENT = ("pandas", "numpy", "plotly", "IPython", "nbformat", "nbconvert", "jupyterlab", "playwright")

# sys.modules[name] = None makes `import name` raise ImportError: the checker must not need any of them.
STANDALONE = (
    "import sys\n"
    f"[sys.modules.__setitem__(m, None) for m in {ABSENT!r}]\n"
    "from csto.data.__main__ import main\n"
    "status = main(['check'])\n"
    f"assert all(sys.modules.get(m) is None for m in {ABSENT!r}), 'a blocked module was replaced'\n"
    "raise SystemExit(status)\n"
)


def standalone_check(root: Path | None = None) -> subprocess.CompletedProcess:
    """``main(['check'])`` with pandas, numpy, plotly, IPython, nbformat, nbconvert, jupyterlab and playwright
    absent."""
    env = {k: v for k, v in os.environ.items() if k != "CSTO_ROOT"}
    if root is not None:
        env["CSTO_ROOT"] = str(root)
    return subprocess.run([sys.executable, "-c", STANDALONE], capture_output=True, text=True, env=env, timeout=120,
                          cwd=root or ROOT)


def frictionless_cli(root: Path) -> subprocess.CompletedProcess:
    assert FRICTIONLESS.is_file(), f"the Frictionless CLI is missing beside {sys.executable} (pip install frictionless)"
    return subprocess.run([str(FRICTIONLESS), "validate", "datapackage.json"], capture_output=True, text=True, cwd=root,
                          env={**os.environ, "COLUMNS": "200"}, timeout=300)


def _rewrite_cell(path: Path, line: int, column: str, edit) -> str:
    """Change one cell of a CSV (line counts the header as 1); returns the new value."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index(column)
    rows[line - 1][at] = edit(rows[line - 1][at])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return rows[line - 1][at]


def _a_seed(root: Path) -> tuple[str, str]:
    """(resource name, path) of the first source text in the descriptor."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    seed = next(r for r in descriptor["resources"] if r["name"].startswith("seed_"))
    return seed["name"], seed["path"]


def test_the_checker_needs_neither_pandas_nor_jupyter_and_passes_the_real_package():
    run = standalone_check()
    assert run.returncode == 0, run.stdout + run.stderr
    valid = next((line for line in run.stdout.splitlines() if line.startswith("valid: ")), "")
    for checked in ("schema", "keys", "text hashes", "the provenance rule"):
        assert checked in valid, run.stdout


def test_the_checker_without_the_course_reports_file_line_and_column(data_copy):
    root = data_copy.parent
    _rewrite_cell(root / "data" / "events.csv", 3, "date", lambda _: "2010-13-45")
    run = standalone_check(root)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "data/events.csv, line 3, column 'date'" in run.stdout, run.stdout
    assert "Traceback" not in run.stderr


def test_one_altered_byte_of_a_source_text_fails_frictionless_and_the_checker(data_copy):
    root = data_copy.parent
    name, path = _a_seed(root)
    text = root / path
    raw = bytearray(text.read_bytes())
    at = raw.index(b"CSTO")
    raw[at] = ord("X")  # same length: only the hash can tell
    text.write_bytes(bytes(raw))

    cli = frictionless_cli(root)
    assert cli.returncode != 0, cli.stdout[-3000:]
    assert "hash-count" in cli.stdout and name in cli.stdout, cli.stdout[-3000:]

    run = standalone_check(root)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert any(line.strip().startswith(f"- {path}:") and "SHA-256" in line for line in lines), run.stdout


def test_a_paraphrased_quote_passes_frictionless_but_not_the_checker(data_copy):
    """Why the checker exists: Frictionless checks types, keys and hashes, but cannot know a quote must be verbatim."""
    root = data_copy.parent
    claims = root / "data" / "claims.csv"
    paraphrase = _rewrite_cell(claims, 2, "quote", lambda quote: "In other words: " + quote)

    cli = frictionless_cli(root)
    assert cli.returncode == 0, "Frictionless alone should accept the paraphrase:\n" + cli.stdout[-3000:]

    run = standalone_check(root)
    assert run.returncode == 1, run.stdout + run.stderr
    problem = [line for line in run.stdout.splitlines() if "data/claims.csv, line 2, column 'quote'" in line]
    assert problem and "not found verbatim" in problem[0] and paraphrase[:30] in problem[0], run.stdout
