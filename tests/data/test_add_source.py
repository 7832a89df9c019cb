"""``python -m csto.data add-source``: a new text in one command, all or nothing, always on a copy of the package.

Every test works on a scratch copy (``data_copy``: datapackage.json, data/ and seeds/) and passes CSTO_ROOT or
--root, so the real repository is never written; ``_real_repository_untouched`` checks that after each test.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRICTIONLESS = Path(sys.executable).with_name("frictionless")
NEW_ID = "ivanov2026"

# An invented Russian-language text for the tests, not a real article (it says so itself).
TEXT = """Пример статьи для проверки курса
Иван Иванов, «Пример-журнал», 20 февраля 2026 года

Это вымышленный текст, а не настоящая публикация: он нужен только тестам команды add-source.
10 февраля 2026 года в вымышленном городе Примерск прошло вымышленное заседание.
"""
EVENT_QUOTE = "10 февраля 2026 года в вымышленном городе Примерск прошло вымышленное заседание."
ARGS = [
    "--id",
    NEW_ID,
    "--short-name",
    "Ivanov 2026",
    "--title",
    "Пример статьи для проверки курса",
    "--author",
    "Иван Иванов",
    "--outlet",
    "Пример-журнал",
    "--published",
    "2026-02-20",
    "--language",
    "ru",
    "--genre",
    "journal_article",
    "--viewpoint-who",
    "An invented text written for the tests, in Russian.",
    "--viewpoint-for-whom",
    "the tests.",
    "--viewpoint-war",
    "written in 2026; it says nothing of the war.",
    "--quote",
    "Иван Иванов, «Пример-журнал», 20 февраля 2026 года",
]


@pytest.fixture(autouse=True)
def _real_repository_untouched():
    yield
    assert not (ROOT / "seeds" / f"{NEW_ID}.txt").exists(), "a test wrote into the real seeds/"
    assert NEW_ID not in (ROOT / "data" / "sources.csv").read_text(encoding="utf-8"), (
        "a test wrote into the real sources.csv"
    )
    assert NEW_ID not in (ROOT / "datapackage.json").read_text(encoding="utf-8"), (
        "a test wrote into the real descriptor"
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "incoming" / "article.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


def add_source(root: Path, *args: str, via: str = "env") -> subprocess.CompletedProcess:
    """Run the command in a subprocess against the copy at ``root`` (through CSTO_ROOT, or --root)."""
    env = {k: v for k, v in os.environ.items() if k != "CSTO_ROOT"}
    argv = [sys.executable, "-m", "csto.data", "add-source", *args]
    if via == "env":
        env["CSTO_ROOT"] = str(root)
    else:
        argv += ["--root", str(root)]
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root.parent, timeout=120)


def run_check(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CSTO_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "csto.data", "check"], capture_output=True, text=True, env=env, timeout=120
    )


def run_frictionless(root: Path) -> subprocess.CompletedProcess:
    assert FRICTIONLESS.is_file(), f"the Frictionless CLI is missing beside {sys.executable} (pip install frictionless)"
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "datapackage.json"],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
    )


def fingerprint(root: Path) -> dict[str, str]:
    """SHA-256 of every file under the copy, by relative path (a new or removed file shows too)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def append_rows(path: Path, rows: list[dict]) -> None:
    """Append rows in the file's own column order, as a researcher editing the CSV would."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([[row.get(c, "") for c in header] for row in rows])


def sources_rows(root: Path) -> list[dict]:
    with (root / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---- adding a source, then quoting it ------------------------------------------------------------------------------


def test_add_a_source_then_quote_it_and_the_package_validates(data_copy, article, monkeypatch):
    root = data_copy.parent
    before = fingerprint(root)
    count = len(sources_rows(root))

    added = add_source(root, str(article), *ARGS)
    assert added.returncode == 0, added.stdout + added.stderr
    assert "add-row TABLE --source ivanov2026" in added.stdout and "python -m csto.data check" in added.stdout
    assert "python -m csto.stale" in added.stdout and "ADDING_A_SOURCE.md" in added.stdout

    # The text is copied byte for byte and registered with its hash, in the descriptor's own format.
    seed = root / "seeds" / f"{NEW_ID}.txt"
    assert seed.read_bytes() == article.read_bytes()
    raw_descriptor = data_copy.read_text(encoding="utf-8")
    descriptor = json.loads(raw_descriptor)
    assert raw_descriptor == json.dumps(descriptor, indent=1, ensure_ascii=False) + (
        "\n" if raw_descriptor.endswith("\n") else ""
    )
    resource = next(r for r in descriptor["resources"] if r["name"] == f"seed_{NEW_ID}")
    assert resource["path"] == f"seeds/{NEW_ID}.txt"
    assert resource["hash"] == "sha256:" + hashlib.sha256(article.read_bytes()).hexdigest()
    assert resource["bytes"] == len(article.read_bytes())
    template = next(r for r in descriptor["resources"] if r["name"].startswith("seed_") and r is not resource)
    assert list(resource) == list(template), "the new text's resource has the same shape as the others"

    # The row: every column of the descriptor, the derived span filled, defaults applied.
    rows = sources_rows(root)
    assert len(rows) == count + 1
    row = rows[-1]
    fields = [f["name"] for f in next(r for r in descriptor["resources"] if r["name"] == "sources")["schema"]["fields"]]
    assert list(row) == fields
    assert (row["source_id"], row["seed_file"], row["language"], row["genre"]) == (
        NEW_ID,
        f"{NEW_ID}.txt",
        "ru",
        "journal_article",
    )
    assert (row["date_precision"], row["date_basis"], row["origin"]) == ("day", "stated", "seed")
    assert (row["published_earliest"], row["published_latest"]) == ("2026-02-20", "2026-02-20")
    assert "Included in full for teaching" in row["rights"]

    # Only the command's three files changed; now quote the text in one event row and its happening, by hand.
    after = fingerprint(root)
    assert {k for k in after if after.get(k) != before.get(k)} == {
        f"seeds/{NEW_ID}.txt",
        "datapackage.json",
        "data/sources.csv",
    }
    append_rows(
        root / "data" / "happenings.csv",
        [
            {
                "happening_id": "h_test_2026_02_10_primersk",
                "title": "Invented meeting in Primersk (test fixture)",
                "kind": "summit",
            }
        ],
    )
    append_rows(
        root / "data" / "events.csv",
        [
            {
                "event_id": "ev_test_2026_02_10_primersk_ivanov",
                "happening_id": "h_test_2026_02_10_primersk",
                "title": "Invented meeting in Primersk (test fixture)",
                "kind": "summit",
                "place": "Примерск",
                "date": "2026-02-10",
                "date_precision": "day",
                "earliest": "2026-02-10",
                "latest": "2026-02-10",
                "source_id": NEW_ID,
                "quote": EVENT_QUOTE,
                "origin": "seed",
            }
        ],
    )

    checked = run_check(root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{count + 1} source texts" in checked.stdout
    validated = run_frictionless(root)
    assert validated.returncode == 0, validated.stdout[-3000:] + validated.stderr[-3000:]

    from csto import data
    from csto.data import lookups

    monkeypatch.setenv("CSTO_ROOT", str(root))
    sources = data.load("sources")
    assert len(sources) == count + 1 and NEW_ID in set(sources["source_id"])
    assert NEW_ID in lookups.source_order() and NEW_ID in lookups.source_colours()
    assert lookups.source_order()[-1] == NEW_ID, "the newest text reads last"
    events = data.load("events")
    assert (events["source_id"] == NEW_ID).sum() == 1


def test_root_option_and_a_period_date(data_copy, article):
    root = data_copy.parent
    args = list(ARGS)
    at = args.index("--published")
    args[at + 1] = "2026-01"
    args += [
        "--published-end",
        "2026-02",
        "--date-basis",
        "inferred",
        "--date-note",
        "Invented: the text is dated from its contents.",
    ]
    added = add_source(root, str(article), *args, via="root")
    assert added.returncode == 0, added.stdout + added.stderr
    row = sources_rows(root)[-1]
    assert (row["published"], row["published_end"], row["date_precision"]) == ("2026-01", "2026-02", "period")
    assert (row["published_earliest"], row["published_latest"], row["date_basis"]) == (
        "2026-01-01",
        "2026-02-28",
        "inferred",
    )


def test_a_later_source_extends_member_years(data_copy, article):
    """The record runs to the latest publication year, so a 2027 text re-derives member_years.csv in the same step."""
    root = data_copy.parent
    args = list(ARGS)
    args[args.index("--published") + 1] = "2027"
    added = add_source(root, str(article), *args)
    assert added.returncode == 0, added.stdout + added.stderr
    assert "data/member_years.csv" in added.stdout
    years = {row["year"] for row in csv.DictReader((root / "data" / "member_years.csv").open(encoding="utf-8"))}
    assert "2027" in years
    assert run_check(root).returncode == 0


def test_a_column_added_to_the_descriptor_needs_no_change_in_the_command(data_copy, article):
    """The row is built from the descriptor's field list: a new column is filled with --field and lands in place."""
    root = data_copy.parent
    _add_column(root, "reviewed_by", {"type": "string", "description": "who checked the row"}, after="viewpoint_war")
    added = add_source(root, str(article), *ARGS, "--field", "reviewed_by=a second reader")
    assert added.returncode == 0, added.stdout + added.stderr
    row = sources_rows(root)[-1]
    assert row["reviewed_by"] == "a second reader"
    assert list(row).index("reviewed_by") == list(row).index("viewpoint_war") + 1


def test_a_problem_found_only_by_the_validation_rolls_everything_back(data_copy, article):
    """A constraint the command does not check itself (maxLength) fails after writing: every file is put back."""
    root = data_copy.parent
    _add_column(root, "reviewed_by", {"type": "string", "constraints": {"maxLength": 5}}, after="viewpoint_war")
    before = fingerprint(root)
    refused = add_source(root, str(article), *ARGS, "--field", "reviewed_by=much longer than five")
    assert refused.returncode != 0
    assert f"data/sources.csv, line {len(sources_rows(root)) + 2}, column 'reviewed_by'" in refused.stderr, (
        refused.stderr
    )
    assert "rolled back" in refused.stderr
    assert fingerprint(root) == before


def test_problems_the_package_already_had_are_named_as_such_and_nothing_changes(data_copy, article):
    root = data_copy.parent
    claims = root / "data" / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    assert "efficacy in the coming year" in text
    claims.write_text(text.replace("efficacy in the coming year", "efficacy in the next year", 1), encoding="utf-8")
    before = fingerprint(root)
    refused = add_source(root, str(article), *ARGS)
    assert refused.returncode != 0
    assert (
        "already had" in refused.stderr
        and "column 'quote'" in refused.stderr
        and "data/claims.csv, line" in refused.stderr
    )
    assert fingerprint(root) == before


# ---- refusals: non-zero, a clear message, and the copy byte-identical ----------------------------------------------


def _with(option: str, value: str) -> list[str]:
    args = list(ARGS)
    args[args.index(option) + 1] = value
    return args


REFUSALS = {
    "unknown-genre": (
        lambda root, text: [str(text), *_with("--genre", "podcast")],
        ["'podcast'", "journal_article", "news_report", "forecast"],
    ),
    "quote-not-in-text": (
        lambda root, text: [str(text), *_with("--quote", "Пётр Петров, «Другой журнал»")],
        ["--quote", "not found verbatim", "Пётр Петров"],
    ),
    "existing-id": (
        lambda root, text: [str(text), *_with("--id", "afp2022")],
        ["'afp2022'", "exists already", "sources.csv, line"],
    ),
    "not-utf8": (
        lambda root, text: [str(_cp1251(text)), *ARGS],
        ["article-cp1251.txt, line 2, character 1: not UTF-8", "0xc8"],
    ),
    "seed-file-exists": (
        lambda root, text: [str(_leftover(root, text)), *ARGS],
        [f"seeds/{NEW_ID}.txt exists already"],
    ),
    "same-text-twice": (
        lambda root, text: [str(_existing_seed(root)), *_with("--quote", "CSTO")],
        ["already in the package", "afp2022"],
    ),
    "bad-id": (lambda root, text: [str(text), *_with("--id", "Ivanov-2026")], ["--id 'Ivanov-2026'", "^[a-z0-9_]+$"]),
    "date-and-precision": (lambda root, text: [str(text), *ARGS, "--precision", "month"], ["--published", "month"]),
    "inferred-without-note": (
        lambda root, text: [str(text), *ARGS, "--date-basis", "inferred"],
        ["--date-note is required"],
    ),
    "unknown-original": (
        lambda root, text: [str(text), *ARGS, "--translation-of", "nosuch"],
        ["'nosuch'", "stratfor2017"],
    ),
    "missing-required": (
        lambda root, text: [str(text), "--id", NEW_ID, "--quote", "Иван Иванов"],
        ["--genre is required", "--outlet is required"],
    ),
    "unknown-column": (lambda root, text: [str(text), *ARGS, "--field", "colour=red"], ["no column 'colour'"]),
    "no-such-file": (lambda root, text: [str(text.with_name("missing.txt")), *ARGS], ["missing.txt: no such file"]),
}


def _cp1251(text: Path) -> Path:
    """The first line in UTF-8, the rest in Windows-1251: the first bad byte is the 'И' opening line 2."""
    path = text.with_name("article-cp1251.txt")
    first, rest = TEXT.split("\n", 1)
    path.write_bytes(first.encode("utf-8") + b"\n" + rest.encode("cp1251"))
    return path


def _leftover(root: Path, text: Path) -> Path:
    (root / "seeds" / f"{NEW_ID}.txt").write_text("a leftover file of the same name\n", encoding="utf-8")
    return text


def _existing_seed(root: Path) -> Path:
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return root / next(r["path"] for r in descriptor["resources"] if r["name"] == "seed_afp2022")


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_leave_the_copy_byte_identical(data_copy, article, case):
    root = data_copy.parent
    build, expected = REFUSALS[case]
    argv = build(root, article)
    before = fingerprint(root)
    refused = add_source(root, *argv)
    assert refused.returncode != 0, refused.stdout
    assert refused.stderr.startswith("add-source refused:"), refused.stderr
    for words in expected:
        assert words in refused.stderr, f"{words!r} not in:\n{refused.stderr}"
    assert "Nothing was written." in refused.stderr, "each of these is caught before anything is written"
    assert "Traceback" not in refused.stderr
    assert fingerprint(root) == before


# ---- the walk-through's example works as written -------------------------------------------------------------------


def test_the_documented_example_works_as_written_and_prints_what_the_guide_shows(data_copy, tmp_path):
    """data/ADDING_A_SOURCE.md: its text and its add-source and add-row commands, run in order on a copy, print what the
    guide shows after each (line numbers aside: rows added since move them), leave a valid package, and put the
    membership change on the record the chart draws."""
    root = data_copy.parent
    guide = (ROOT / "data" / "ADDING_A_SOURCE.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```(\w+)[ \t]*([^\n]*)\n(.*?)^```", guide, re.M | re.S)
    prose = re.sub(r"^```output\n.*?^```", "", guide, flags=re.M | re.S)
    assert not re.search(r"\b(five|six|[2-9]) (source|seed|text)s?\b", prose, re.I), (
        "the guide says 'the sources', never a count"
    )
    texts = [(name, body) for kind, name, body in blocks if kind == "text" and name.endswith(".txt")]
    assert len(texts) == 1
    work = tmp_path / "downloads"
    work.mkdir()
    (work / texts[0][0]).write_text(texts[0][1], encoding="utf-8")
    env = {**os.environ, "CSTO_ROOT": str(root)}
    ran = 0
    for index, (kind, _, body) in enumerate(blocks):
        if kind != "bash" or not re.match(r"python -m csto\.data add-(source|row)\b", body):
            continue
        argv = shlex.split(body.replace("\\\n", " "))
        run = subprocess.run(
            [sys.executable, *argv[1:]], capture_output=True, text=True, cwd=work, timeout=300, env=env
        )
        shown = blocks[index + 1][2] if index + 1 < len(blocks) and blocks[index + 1][0] == "output" else None
        assert shown is not None, f"the guide shows no output after: {body[:60]}"
        printed = (run.stdout + run.stderr).strip()
        assert re.sub(r"line \d+", "line N", printed) == re.sub(r"line \d+", "line N", shown.strip()), body[:80]
        assert run.returncode == (1 if "refused" in shown else 0), printed
        ran += 1
    assert ran >= 6, "the guide walks through add-source and at least five add-row commands"
    assert run_check(root).returncode == 0
    with (root / "data" / "member_years.csv").open(encoding="utf-8", newline="") as handle:
        uzbekistan = {r["year"]: r["status_sources_only"] for r in csv.DictReader(handle) if r["iso3"] == "UZB"}
    assert (uzbekistan["2005"], uzbekistan["2010"], uzbekistan["2013"]) == (
        "former member",
        "member",
        "membership suspended",
    )


# ---- helpers ----------------------------------------------------------------------------------------------------


def _add_column(root: Path, name: str, spec: dict, after: str) -> None:
    """Add a column to sources (descriptor and CSV) in a copy, as a future version of the course might."""
    path = root / "datapackage.json"
    raw = path.read_text(encoding="utf-8")
    descriptor = json.loads(raw)
    fields = next(r for r in descriptor["resources"] if r["name"] == "sources")["schema"]["fields"]
    at = [f["name"] for f in fields].index(after) + 1
    fields.insert(at, {"name": name, **spec})
    path.write_text(
        json.dumps(descriptor, indent=1, ensure_ascii=False) + ("\n" if raw.endswith("\n") else ""), encoding="utf-8"
    )
    table = root / "data" / "sources.csv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for i, row in enumerate(rows):
        row.insert(at, name if i == 0 else "")
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert (
        subprocess.run(
            [sys.executable, "-m", "csto.data", "check"],
            capture_output=True,
            env={**os.environ, "CSTO_ROOT": str(root)},
        ).returncode
        == 0
    ), "the copy with the new column is valid"
