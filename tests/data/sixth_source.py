"""A synthetic sixth source and the commands that add it, shared by the add-row and end-to-end tests.

The text is invented (it says so itself): an agency report of December 2012 on Uzbekistan's suspended membership,
the case that showed what was missing. The commands are the ones data/ADDING_A_SOURCE.md walks through.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SOURCE_ID = "agency2012"
TEXT = "\n".join([
    "Uzbekistan suspends its membership of the CSTO (invented example)",
    "Example News Agency, 20 December 2012",
    "",
    "This is an invented text, not a real publication: it shows how a source is added to the course.",
    "Uzbekistan, which returned to the Collective Security Treaty Organization in 2006, has suspended its membership, "
    "the organisation's secretariat said on Wednesday.",
    "\"Uzbekistan's decision is regrettable but does not weaken the organisation,\" a secretariat spokesman told the "
    "agency.",
    "Analysts quoted by the agency expect that Tashkent will not return to the bloc within the next five years.",
    ""])
SUSPENDED = ("Uzbekistan, which returned to the Collective Security Treaty Organization in 2006, has suspended its "
             "membership, the organisation's secretariat said on Wednesday.")
RETURNED = "Uzbekistan, which returned to the Collective Security Treaty Organization in 2006"

REGISTER = ["--id", SOURCE_ID, "--short-name", "Agency 2012",
            "--title", "Uzbekistan suspends its membership of the CSTO (invented example)",
            "--author-description", "unsigned agency report", "--outlet", "Example News Agency",
            "--published", "2012-12-20", "--language", "en", "--genre", "news_report",
            "--viewpoint-who", "an unsigned report of a news agency (an invented example).",
            "--viewpoint-for-whom", "the agency's subscribers.",
            "--viewpoint-war", "written in 2012, before the wars of 2014 and 2022; it relays the secretariat's "
                               "statement and analysts' expectations.",
            "--quote", "Example News Agency, 20 December 2012"]

ROWS = [
    ["membership", "--source", SOURCE_ID, "--link", "h_2012_12_19_uzb_suspended", "--quote", SUSPENDED,
     "change_id=mem_agency2012_uzb_suspended", "iso3=UZB", "change=membership_suspended", "date=2012-12",
     "date_note=The report of 20 December 2012 says the secretariat announced it 'on Wednesday'; the month is "
     "certain, the day is left open."],
    ["membership", "--source", SOURCE_ID, "--link", "h_2006_08_16_uzb_return", "--quote", RETURNED,
     "change_id=mem_agency2012_uzb_returned", "iso3=UZB", "change=joined", "date=2006"],
    ["events", "--source", SOURCE_ID, "--link", "h_2012_12_19_uzb_suspended", "--quote", SUSPENDED,
     "event_id=ev_2012_12_agency2012_uzb_suspended", "kind=institution",
     "title=Uzbekistan suspends its membership, the secretariat says (invented example)", "date=2012-12",
     "date_note=The report of 20 December 2012 dates the secretariat's statement to 'Wednesday' only."],
    ["claims", "--source", SOURCE_ID, "--quote",
     "Analysts quoted by the agency expect that Tashkent will not return to the bloc within the next five years.",
     "claim_id=agency2012_uzb_no_return", "kind=forecast", "topic=membership", "voice=reported",
     "claim=Analysts quoted by the agency forecast that Uzbekistan will not return to the bloc within five years "
     "(invented example).", "horizon=within the next five years", "horizon_end=2017"],
    ["quotes", "--source", SOURCE_ID, "--quote",
     "\"Uzbekistan's decision is regrettable but does not weaken the organisation,\" a secretariat spokesman told "
     "the agency.", "quote_id=q_agency2012_spokesman_regrettable", "speaker=CSTO secretariat spokesman",
     "speaker_kind=organisation", "words=Uzbekistan's decision is regrettable but does not weaken the organisation",
     "voice=speaker_words"],
]


def command(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m csto.data ARGS`` against the copy at ``root`` (CSTO_ROOT), never the real repository."""
    env = {**os.environ, "CSTO_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "csto.data", *args], capture_output=True, text=True, env=env,
                          cwd=root, timeout=300)


def add(root: Path, text_path: Path) -> list[subprocess.CompletedProcess]:
    """Register the text and add its rows, stopping at the first refusal; returns each command's result."""
    text_path.write_text(TEXT, encoding="utf-8")
    runs = [command(root, "add-source", str(text_path), *REGISTER)]
    for row in ROWS:
        if runs[-1].returncode:
            break
        runs.append(command(root, "add-row", *row))
    return runs


def course_with_the_sixth_source(tmp_path_factory) -> tuple[Path, list[subprocess.CompletedProcess]]:
    """A copy of the course's data, seeds and notebooks with the sixth source added by ``add``; returns its root and
    each command's result.

    It is made once per test run and shared, read-only, by the tests that only read it (the add-row test and the
    end-to-end tests): with pytest-xdist the first worker to need it makes it in the run's shared temporary folder,
    under a lock, and the others wait and read the same copy. A test that changes a package works on its own copy."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "sixth-source"
    folder.mkdir(exist_ok=True)
    root, stored = folder / "course", folder / "runs.pickle"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stored.exists():
            shutil.rmtree(root, ignore_errors=True)
            for name in ("data", "seeds", "notebooks"):
                shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
            shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
            _newest_cast_tables(ROOT / ".build-cache" / "tables", root / ".build-cache" / "tables")
            stored.write_bytes(pickle.dumps(add(root, folder / f"{SOURCE_ID}.txt")))
        runs = pickle.loads(stored.read_bytes())
    return root, runs


def _newest_cast_tables(cache: Path, target: Path) -> None:
    """Copy the newest cast of each table from the repository's table cache, if it has one: the cache is keyed by each
    table's content, so the tables the sixth source leaves unchanged load without casting again, and the others are
    cast afresh. It only saves time."""
    if not cache.is_dir():
        return
    newest: dict[str, Path] = {}
    for path in cache.glob("*.pickle"):
        name = path.name.rsplit("-", 1)[0]
        if name not in newest or path.stat().st_mtime > newest[name].stat().st_mtime:
            newest[name] = path
    target.mkdir(parents=True, exist_ok=True)
    for path in newest.values():
        shutil.copy2(path, target / path.name)
