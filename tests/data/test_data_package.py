"""The data package: schema, keys, provenance, dates, coverage of the seeds, and clear errors on bad input."""

from __future__ import annotations

import csv
import json
import hashlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from csto import data
from csto.data.verbatim import normalise
from csto.data.validation import DataPackageError, collect_problems

ROOT = Path(__file__).resolve().parents[2]
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_package_validates_against_schema_and_provenance_rule():
    data.validate()


def test_seed_copies_match_the_hashes_in_the_descriptor():
    for source_id, resource in data.package.seed_resources().items():
        digest = hashlib.sha256((ROOT / resource["path"]).read_bytes()).hexdigest()
        assert f"sha256:{digest}" == resource["hash"], source_id


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seed_copies_are_byte_identical_to_shared_seeds():
    shared = sorted(p.name for p in SHARED_SEEDS.iterdir())
    assert shared == sorted(p.name for p in (ROOT / "seeds").iterdir())
    for name in shared:
        assert (ROOT / "seeds" / name).read_bytes() == (SHARED_SEEDS / name).read_bytes(), name


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "tools").is_dir(), reason="../shared/tools is not beside this checkout"
)
def test_independent_provenance_checker_passes():
    run = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "check_provenance.py"), str(ROOT)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_source_is_quoted_often_and_the_package_passes_150_quoted_rows():
    quoted = data.summary()
    per_source = quoted.drop(columns=["rows", "quoted", "context"]).sum()
    assert quoted["quoted"].sum() >= 150
    for source_id in data.load("sources")["source_id"]:
        assert per_source.get(source_id, 0) >= 10, f"{source_id} has only {per_source.get(source_id, 0)} quoted rows"


def _seed_text(source_id: str) -> str:
    sources = data.load("sources").set_index("source_id")
    return (ROOT / "seeds" / sources.loc[source_id, "seed_file"]).read_text(encoding="utf-8")


@pytest.mark.parametrize("source_id", ["stratfor2017", "evstratov2022", "mitchell2026", "afp2022", "stratfor2017_id"])
def test_every_number_in_a_seed_is_in_some_quoted_row(source_id):
    """Coverage: each numeral of the seed's body appears inside a quote taken from that seed."""
    quotes = " ".join(normalise(q) for frame in data.load_all().values() if "quote" in frame
                      for q in frame.loc[frame["source_id"] == source_id, "quote"].dropna())
    body = _seed_text(source_id).split("Article Search")[0]
    numerals = set(re.findall(r"\d[\d,.]*\d|\d", body))
    missing = sorted(n for n in numerals if n not in quotes)
    assert not missing, f"numerals of {source_id} in no quote: {missing}"


def test_every_person_named_in_quotes_and_variants_exists():
    people = set(data.load("people")["person_id"])
    assert set(data.load("name_variants")["person_id"]) <= people
    assert set(data.load("quotes")["speaker_id"].dropna()) <= people


def test_load_parses_dates_into_spans_and_enums_into_categoricals():
    events = data.load("events")
    assert isinstance(events["kind"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(events["start"])
    assert (events["start"] <= events["end"]).all()
    year_rows = events[events["date_precision"] == "year"]
    assert (year_rows["start"].dt.strftime("%m-%d") == "01-01").all()
    assert (year_rows["end"].dt.strftime("%m-%d") == "12-31").all()


def test_context_rows_carry_citations_and_no_quotes():
    for name, frame in data.load_all().items():
        if "origin" not in frame or "citation_id" not in frame:  # sources (every row is a source), citations, countries
            continue
        context = frame[frame["origin"] == "context"]
        assert context["citation_id"].notna().all(), name
        if "quote" in frame:
            assert context["quote"].isna().all(), name


def test_translation_pairs_cover_every_indonesian_sentence():
    translated = normalise(" ".join(data.load("translation_pairs")["translation"].dropna()))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", _seed_text("stratfor2017_id")) if s.strip()]
    missing = [s for s in sentences if normalise(s) not in translated]
    assert not missing, missing


# --- bad input: each broken copy gives a clear error naming file, line and column, and changes nothing -------------

def _rewrite(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set(column: str, value: str, line: int = 2):
    def edit(rows):
        rows[line - 1][rows[0].index(column)] = value
    return edit


def _first_line_where(path: Path, column: str, value: str) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row[column] == value:
                return line
    raise AssertionError(f"no {column}={value} in {path}")


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _break_date(dp):
    _rewrite(dp.parent / "data" / "events.csv", _set("date", "2010-13-45"))
    return "events.csv", 2, "date"


def _break_country(dp):
    _rewrite(dp.parent / "data" / "membership.csv", _set("iso3", "XYZ"))
    return "membership.csv", 2, "iso3"


def _break_quote(dp):
    _rewrite(dp.parent / "data" / "figures.csv", _set("quote", "The CSTO has 42 members and a navy on the moon."))
    return "figures.csv", 2, "quote"


def _duplicate_key(dp):
    def edit(rows):
        rows[2][0] = rows[1][0]
    _rewrite(dp.parent / "data" / "people.csv", edit)
    return "people.csv", 3, "person_id"


def _not_utf8(dp):
    path = dp.parent / "data" / "glossary.csv"
    path.write_bytes(path.read_bytes().replace("ОДКБ".encode("utf-8"), "ОДКБ".encode("cp1251"), 1))
    line = _first_line_where_raw(path, "ОДКБ".encode("cp1251"))
    return "glossary.csv", line, None


def _first_line_where_raw(path: Path, needle: bytes) -> int:
    raw = path.read_bytes()
    return raw.count(b"\n", 0, raw.index(needle)) + 1


def _missing_column(dp):
    def edit(rows):
        col = rows[0].index("unit")
        for row in rows:
            del row[col]
    _rewrite(dp.parent / "data" / "figures.csv", edit)
    return "figures.csv", 1, "unit"


def _after_publication(dp):
    path = dp.parent / "data" / "events.csv"
    line = _first_line_where(path, "source_id", "stratfor2017")
    _rewrite(
        path,
        lambda rows: (
            _set("date", "2019", line)(rows),
            _set("date_end", "", line)(rows),
            _set("date_precision", "year", line)(rows),
        ),
    )
    return "events.csv", line, "date"


def _citation_without(column: str):
    def breaker(dp):
        _rewrite(dp.parent / "data" / "citations.csv", _set(column, ""))
        return "citations.csv", 2, column
    breaker.__name__ = f"_citation_without_{column}"
    return breaker


def _citation_from(kind: str):
    def breaker(dp):
        _rewrite(dp.parent / "data" / "citations.csv", _set("publisher_kind", kind))
        return "citations.csv", 2, "publisher_kind"
    breaker.__name__ = f"_citation_from_{kind}"
    return breaker


def _check_on_a_judgement(dp):
    """A forecast check pointed at a judgement (review M7): the claim must be a forecast or a scenario."""
    path = dp.parent / "data" / "forecast_checks.csv"
    line = _first_line_where(path, "check_id", "fc_ev_reset_vs_mi_time_will_tell")
    _rewrite(path, _set("claim_id", "ev_russia_hands_tied", line))
    return "forecast_checks.csv", line, "claim_id"


def _note_names_a_missing_row(dp):
    """Review 3, L4: a note that points to a renamed row (the old ids of the background death counts)."""
    path = dp.parent / "data" / "figures.csv"
    line = _first_line_where(path, "figure_id", "afp_kgz_tjk_hundreds_dead")
    _rewrite(path, _set("date_note", "Background counts differ (ctx_kgz_tjk_dead_kgz_echo).", line))
    return "figures.csv", line, "date_note"


BREAKERS = {
    "broken-date": _break_date,
    "unknown-country": _break_country,
    "quote-not-in-seed": _break_quote,
    "duplicate-key": _duplicate_key,
    "non-utf8": _not_utf8,
    "missing-column": _missing_column,
    "date-after-publication": _after_publication,
    "citation-without-outlet": _citation_without("publisher"),
    "citation-without-date": _citation_without("date"),
    "citation-without-url": _citation_without("url"),
    "citation-without-publisher-kind": _citation_without("publisher_kind"),
    "citation-from-a-mirror": _citation_from("mirror"),
    "citation-from-an-aggregator": _citation_from("aggregator"),
    "forecast-check-on-a-judgement": _check_on_a_judgement,
    "note-names-a-missing-row": _note_names_a_missing_row,
}
# Breakers that share one broken copy and one validation: each group breaks different files (the six citation cases
# all break line 2 of citations.csv, so they are in six groups), and every problem a group expects is among the first
# 50 the error shows (the missing column, whose file then fails on every line, shares only with citations.csv,
# which comes first).
GROUPS = [
    ("citation-without-outlet", "broken-date", "unknown-country"),
    ("citation-without-date", "quote-not-in-seed", "duplicate-key"),
    ("citation-without-url", "non-utf8", "forecast-check-on-a-judgement"),
    ("citation-without-publisher-kind", "date-after-publication"),
    ("citation-from-a-mirror", "note-names-a-missing-row"),
    ("citation-from-an-aggregator", "missing-column"),
]


@dataclass
class BrokenCopy:
    """One validation of a copy broken by several breakers: where each expects its problem, what it raised, and the
    fingerprints of the repository's data/ before, and of the copy's data/ after breaking and after validating."""

    expected: dict[str, tuple[str, int, str | None]]
    raised: DataPackageError | None
    repo_before: dict[str, str]
    broken: dict[str, str]
    validated: dict[str, str]


@pytest.fixture(scope="module")
def broken_copies(tmp_path_factory) -> dict[str, BrokenCopy]:
    """Each group's copy of the package, broken by the group's breakers and validated once; by case name."""
    by_case = {}
    for number, group in enumerate(GROUPS):
        root = tmp_path_factory.mktemp(f"broken{number}")
        repo_before = _fingerprint(ROOT / "data")
        for name in ("data", "seeds"):
            shutil.copytree(ROOT / name, root / name)
        shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
        expected = {case: BREAKERS[case](root / "datapackage.json") for case in group}
        broken = _fingerprint(root / "data")
        try:
            data.validate(root / "datapackage.json")
            raised = None
        except DataPackageError as err:
            raised = err
        copy = BrokenCopy(expected, raised, repo_before, broken, _fingerprint(root / "data"))
        by_case.update(dict.fromkeys(group, copy))
    return by_case


def test_every_bad_input_case_is_in_one_group():
    cases = [case for group in GROUPS for case in group]
    assert sorted(cases) == sorted(BREAKERS) and len(cases) == len(set(cases))


@pytest.mark.parametrize("case", list(BREAKERS))
def test_bad_input_is_reported_with_file_line_and_column_and_original_is_untouched(broken_copies, case):
    copy = broken_copies[case]
    file, line, column = copy.expected[case]
    assert copy.raised is not None, f"the copy broken by {case} validated"
    hits = [
        p
        for p in copy.raised.problems
        if p.file.endswith(file) and p.line == line and (column is None or p.column == column)
    ]
    assert hits, f"expected a problem at {file} line {line} column {column}; got:\n{copy.raised}"
    assert f"{file}, line {line}" in str(copy.raised)
    assert copy.validated == copy.broken, "validation must not change the files it reads"
    assert _fingerprint(ROOT / "data") == copy.repo_before


def test_valid_copy_has_no_problems(data_copy):
    assert collect_problems(data_copy) == []


def test_load_reads_values_as_the_table_schema_does(data_copy, monkeypatch):
    """load() and validate() read a cell the same way: Frictionless's own casting ('TRUE' is true, as for validate)."""
    _rewrite(data_copy.parent / "data" / "countries.csv", _set("post_soviet", "TRUE"))
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    assert collect_problems(data_copy) == []
    assert bool(data.load("countries")["post_soviet"].iloc[0]) is True


@pytest.mark.parametrize("column, value", [("post_soviet", "perhaps"), ("cow_code", "three"), ("region", "Atlantis")])
def test_load_refuses_a_value_it_cannot_cast_naming_file_line_and_column(data_copy, monkeypatch, column, value):
    _rewrite(data_copy.parent / "data" / "countries.csv", _set(column, value, line=3))
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    with pytest.raises(DataPackageError, match=rf"data/countries.csv, line 3, column '{column}'"):
        data.load("countries")


def _fresh_process_load(name: str) -> pd.DataFrame:
    """load() as a new kernel would: the in-memory caches are emptied, so only the disk cache can help."""
    data.frames._load_cached.cache_clear()
    data.frames._cache_key.cache_clear()
    return data.load(name)


def test_a_table_loaded_from_the_disk_cache_equals_the_table_cast_by_frictionless(data_copy, monkeypatch):
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    cast = _fresh_process_load("events")
    cached = list(data.frames.table_cache_dir(data_copy).glob("events-*.pickle"))
    assert len(cached) == 1, "the first load keeps the cast table on disk"
    monkeypatch.setattr(data.frames, "_cast", lambda *a: pytest.fail("a warm cache must not cast again"))
    pd.testing.assert_frame_equal(_fresh_process_load("events"), cast)


def test_an_edited_csv_is_read_again_not_served_from_the_cache(data_copy, monkeypatch):
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    assert bool(_fresh_process_load("countries")["post_soviet"].iloc[0]) is True
    _rewrite(data_copy.parent / "data" / "countries.csv", _set("post_soviet", "false"))
    assert bool(data.load("countries")["post_soviet"].iloc[0]) is False, "same kernel"
    assert bool(_fresh_process_load("countries")["post_soviet"].iloc[0]) is False, "new kernel"


def test_a_broken_or_unwritable_cache_never_stops_a_table_loading(data_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    expected = _fresh_process_load("countries")
    for cached in data.frames.table_cache_dir(data_copy).glob("*.pickle"):
        cached.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(_fresh_process_load("countries"), expected)
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("CSTO_TABLE_CACHE", str(tmp_path / "a-file"))
    pd.testing.assert_frame_equal(_fresh_process_load("countries"), expected)


def test_no_cell_points_to_a_local_path():
    local = re.compile(r"(/work/|/tmp/|/home/|/root/|file://)")
    for path in sorted((ROOT / "data").glob("*.csv")):
        for line, row in enumerate(csv.reader(path.open(encoding="utf-8")), start=1):
            assert not any(local.search(cell) for cell in row), f"{path.name} line {line}"


def test_data_readme_documents_every_resource():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    descriptor = (ROOT / "datapackage.json").read_text(encoding="utf-8")
    for resource in json.loads(descriptor)["resources"]:
        if resource["path"].startswith("data/"):
            assert f"`{resource['path'].removeprefix('data/')}`" in readme, resource["path"]


def test_every_forecast_check_tests_a_forecast_or_a_scenario():
    claims = data.load("claims").set_index("claim_id")
    checks = data.load("forecast_checks")
    assert set(claims.loc[checks["claim_id"], "kind"].astype(str)) <= {"forecast", "scenario"}


def test_every_citation_is_an_original_with_outlet_date_address_and_access_date():
    citations = data.load("citations")
    assert citations[["publisher", "title", "date", "url", "accessed", "publisher_kind"]].notna().all().all()
    assert not citations["publisher_kind"].astype(str).isin(["mirror", "aggregator"]).any()
    relays = "sagebrushrider|morningexpress|pledgetimes|urdupoint|einpresswire|wikipedia"
    assert not citations["url"].str.contains(relays, case=False).any(), "a relay or mirror is cited"


def _foreign_keys() -> list[tuple[str, str, str]]:
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    return [(r["name"], r["path"], key["fields"]) for r in descriptor["resources"]
            for key in r.get("schema", {}).get("foreignKeys", [])]


@pytest.mark.parametrize("table, path, column", _foreign_keys(), ids=lambda v: v if "/" not in v else "")
def test_every_foreign_key_names_a_row_that_points_at_nothing_by_file_line_and_column(data_copy, table, path, column):
    """The course checks the foreign keys itself, each table read once (Frictionless read a referenced table again
    for every key): each of the descriptor's keys, broken in its first filled row (or its first row), is named there."""
    from csto.data.package import resources
    from csto.data.validation import foreign_key_problems

    csv_file = data_copy.parent / path
    with csv_file.open(encoding="utf-8", newline="") as handle:
        line = next((n for n, row in enumerate(csv.DictReader(handle), start=2) if row[column]), 2)
    _rewrite(csv_file, _set(column, "no_such_row_anywhere", line=line))
    found = foreign_key_problems(data_copy.parent, resources(data_copy), set())
    assert [(p.file, p.line, p.column) for p in found] == [(path, line, column)], found
    assert '"no_such_row_anywhere" not found in the lookup table' in found[0].message


def test_an_empty_foreign_key_refers_to_nothing_and_is_no_problem(data_copy):
    from csto.data.package import resources
    from csto.data.validation import foreign_key_problems

    csv_file = data_copy.parent / "data" / "membership.csv"
    _rewrite(csv_file, _set("citation_id", ""))
    assert foreign_key_problems(data_copy.parent, resources(data_copy), set()) == []
