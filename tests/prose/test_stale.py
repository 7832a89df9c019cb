"""Stale prose names itself (csto/stale.py): counts of sources, spans of years and silences checked against the data."""

from __future__ import annotations

import json
from pathlib import Path

from csto import stale

ROOT = Path(__file__).resolve().parents[2]
NOW = stale.Record(sources=6, years=(2012, 2017, 2022, 2026),
                   membership=(("mem_agency2012_uzb_suspended", "agency2012", 2012, 2012),))


def test_the_notebooks_state_nothing_the_data_no_longer_give():
    places = stale.stale_places(ROOT / "notebooks", ROOT)
    assert places == [], "\n".join(map(str, places))


def test_a_count_of_all_the_sources_is_stale_once_a_source_is_added():
    found = stale.problems_in("This course reads our five sources.\n## The five sources", NOW, baseline=5)
    assert [words for words, _ in found] == ["our five", "## The five sources"]
    assert "six sources" in found[0][1]


def test_a_count_of_some_sources_is_not_a_statement_about_all_of_them():
    some = "Read our two sources on Kazakhstan; all four texts in English agree."
    assert stale.problems_in(some, NOW, baseline=5) == []
    assert stale.problems_in("Read our six sources.", NOW, baseline=5) == []


def test_a_count_above_the_data_is_stale_whatever_the_baseline():
    assert [w for w, _ in stale.problems_in("all seven sources", NOW, baseline=5)] == ["all seven"]


def test_years_of_writing_and_silences_are_checked_against_the_data():
    text = ("Our sources were written between 2017 and 2026, written inside this story: in 2017, in 2022 and in 2026; "
            "written at three moments. They are **silent** on membership between 1999 and 2022.")
    found = dict(stale.problems_in(text, NOW, baseline=6))
    assert found["written between 2017 and 2026"] == "the sources were written between 2012 and 2026"
    assert "written at three moments" in found
    assert "mem_agency2012_uzb_suspended (agency2012, 2012)" in found["silent on membership between 1999 and 2022"]
    assert stale.problems_in("silent on membership between 2013 and 2022", NOW, baseline=6) == []


def test_a_stale_place_is_named_by_notebook_cell_and_id(tmp_path, data_copy):
    notebook = {"cells": [{"cell_type": "raw", "id": "c0", "source": "our nine sources"},
                          {"cell_type": "markdown", "id": "m1",
                           "source": ["Our sources were written ", "between 1990 and 2026."]}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "09_test.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    places = stale.stale_places(tmp_path / "nb", data_copy.parent)
    assert [str(p).split(":")[0] for p in places] == ["09_test.ipynb, cell 2 (id m1)"]
    assert "written between 1990 and 2026" in str(places[0])


def test_counts_of_stated_dates_and_of_words_are_checked_against_the_data():
    facts = stale.Record(sources=6, years=(2012, 2017, 2022, 2026), membership=(), stated=3, words=4460)
    text = ('Two texts print their date ("stated"); for the other three the course works it out. '
            "Two dates are stated, three inferred. Together they are about 4,400 words.")
    assert [w for w, _ in stale.problems_in(text, facts, baseline=6)] == [
        "Two dates are stated, three inferred", 'Two texts print their date ("stated"); for the other three',
        "together they are about 4,400 words".capitalize()]
    fine = "Three dates are stated, three inferred. Together they are about 4,500 words."
    assert stale.problems_in(fine, facts, baseline=6) == []


def test_no_state_joining_or_leaving_is_checked_like_silent_on_membership_in_each_wording_notebook_01_uses():
    change = "mem_agency2012_uzb_suspended (agency2012, 2012)"
    for text in ("Between 1999 and 2022 our five sources report **no state joining or leaving**; Stratfor ...",
                 "- Between 1999 and 2022 our sources report no state joining or leaving (Stratfor names ...",
                 "our sources report no state joining or leaving between 1999 and 2022."):
        found = stale.problems_in(text, NOW, baseline=6)
        assert len(found) == 1 and change in found[0][1], (text, found)
        assert "no state joining or leaving" in found[0][0] and "**" not in found[0][0]
    quiet = "Between 2013 and 2022 our sources report no state joining or leaving."
    assert stale.problems_in(quiet, NOW, baseline=6) == []


def test_notebook_01_states_its_no_change_years_in_a_wording_stale_checks():
    cells = json.loads((ROOT / "notebooks" / "01_founding_and_membership.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells)
    assert "no state joining or leaving" in text
    checked = [m for pattern in stale.SILENT for m in pattern.finditer(text)]
    assert len(checked) >= 2, [m.group(0) for m in checked]
