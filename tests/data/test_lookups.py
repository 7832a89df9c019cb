"""Lookups from the data (csto.data.lookups): the same facts the tables hold, rebuilt when a table they read changes."""

from __future__ import annotations

import csv

import pytest

from csto import data, labels
from csto.data import lookups, views


def _rewrite(path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows = [change(row) for row in rows]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_source_names_and_order_follow_the_sources_table():
    sources = data.load("sources").sort_values(["start", "source_id"], kind="stable")
    assert lookups.source_order() == list(sources["source_id"])
    assert lookups.source_names() == dict(zip(sources["source_id"], sources["short_name"]))
    assert lookups.source_name(None) == lookups.source_name(float("nan")) == "background"


def test_one_country_lookup_names_every_code_of_the_countries_table():
    countries = data.load("countries")
    names = lookups.country_names()
    assert names == dict(zip(countries["iso3"], countries["name_en"]))
    assert lookups.country_name(countries["iso3"].iloc[0]) == countries["name_en"].iloc[0]
    assert lookups.country_name("XXX") == "XXX"


def test_a_caller_changing_a_lookup_does_not_change_the_next_answer():
    names = lookups.source_names()
    names.clear()
    assert lookups.source_names()


def test_a_lookup_is_rebuilt_when_its_table_changes(data_copy, monkeypatch):
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    monkeypatch.setenv("CSTO_TABLE_CACHE", str(data_copy.parent / "cache"))
    first = next(iter(lookups.source_names()))
    before = lookups.source_names()[first]
    _rewrite(data_copy.parent / "data" / "sources.csv",
             lambda row: {**row, "short_name": row["short_name"] + " (renamed)"} if row["source_id"] == first else row)
    assert lookups.source_names()[first] == before + " (renamed)"


def test_codebook_labels_come_in_the_codebook_order():
    order = data.package.enum("crisis_responses", "response")
    assert lookups.value_order("crisis_responses", "response") == order
    assert list(lookups.value_labels("crisis_responses", "response")) == order
    assert lookups.value_label("crisis_responses", "response", "no_such_code") == "no such code"


def test_a_table_with_labels_has_its_date_and_source_in_words():
    events = data.table("events")
    raw = data.load("events")
    assert len(events) == len(raw)
    assert {"when", "source"} <= set(events.columns)
    seed = events[events["origin"] != "context"].iloc[0]
    assert seed["source"] == lookups.source_names()[seed["source_id"]]


@pytest.mark.parametrize("origin, expected",
                         [("context", labels.BACKGROUND), ("course", "the course")])
def test_basis_marks_rows_from_outside_the_sources(origin, expected):
    import pandas as pd

    frame = pd.DataFrame({"origin": [origin], "source_id": [None], "citation_id": [None]})
    assert lookups.basis(frame) == [expected]


def test_every_viewpoint_reads_in_three_parts_that_make_up_the_whole():
    sources = data.load("sources").set_index("source_id")
    parts = lookups.viewpoints()
    assert set(parts) == set(sources.index)
    for source_id, part in parts.items():
        assert all(part[p].strip() for p in ("who", "for_whom", "war")), source_id
        assert part["who"] == sources.loc[source_id, "viewpoint_who"]
        whole = f"Who: {part['who']} For whom: {part['for_whom']} War: {part['war']}"
        assert lookups.viewpoint_text(source_id) == whole


def test_a_kept_value_is_built_once_per_key_and_again_for_a_new_key(tmp_path, monkeypatch):
    """What a kernel keeps in the table cache (the course template, a notebook's right answers) is computed on the
    first Run All only; a changed key (new data, new code) computes it again instead of reading a stale file."""
    from csto.data.frames import kept_json

    monkeypatch.setenv("CSTO_TABLE_CACHE", str(tmp_path / "cache"))
    built = []

    def build(value: int):
        return lambda: built.append(value) or {"value": value}

    assert kept_json("test-kind", "key one", build(1)) == {"value": 1}
    assert kept_json("test-kind", "key one", build(2)) == {"value": 1}, "read back, not built again"
    assert kept_json("test-kind", "key two", build(3)) == {"value": 3}
    assert built == [1, 3]
    assert len(list((tmp_path / "cache" / "test-kind").glob("*.json"))) == 2


@pytest.mark.parametrize("view, table, column", [(views.country_acts, "events", "title"),
                                                 (views.crisis_responses, "crisis_responses", "detail"),
                                                 (views.dated_rows, "events", "title")])
def test_a_joined_view_is_made_once_handed_out_as_a_copy_and_remade_when_a_table_it_joins_changes(
        data_copy, monkeypatch, view, table, column):
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    monkeypatch.setenv("CSTO_TABLE_CACHE", str(data_copy.parent / "cache"))
    first = view()
    first[column] = "changed by a lesson"
    assert (view()[column] != "changed by a lesson").all(), "a lesson's change to its copy leaks into the next call"
    _rewrite(data_copy.parent / "data" / f"{table}.csv",
             lambda row: {**row, column: "edited in the file"} if column in row else row)
    assert (view()[column] == "edited in the file").any(), f"{view.__name__} did not follow an edit of {table}.csv"
