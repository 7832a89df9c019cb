"""csto.intro: the source card, member counts by year and the verbatim guard used by notebooks 00-02."""

from __future__ import annotations

import pytest

from csto import data, show as display
from csto.data import views as intro


def test_seed_says_finds_a_verbatim_phrase_and_folds_only_quotes_space_and_case():
    assert data.source_says("stratfor2017", "An attack against one member was an attack against all")
    assert data.source_says("stratfor2017", "an  attack against ONE member\nwas an attack against all")
    # curly ’ in the seed
    assert data.source_says("evstratov2022", "the bloc's representatives have limited themselves")


def test_seed_says_rejects_paraphrase_corrections_and_the_wrong_source():
    assert not data.source_says("stratfor2017", "An attack on one member is an attack on all")
    assert data.source_says("afp2022", "Dmytro Peskov") and not data.source_says("afp2022", "Dmitry Peskov")
    assert not data.source_says("afp2022", "An attack against one member was an attack against all")


def test_seed_says_names_an_unknown_source():
    with pytest.raises(KeyError, match="no source 'nope'"):
        data.source_says("nope", "anything")


def test_source_card_has_one_row_per_source_with_date_basis_and_language():
    card = intro.source_card().set_index("source")
    assert list(card.columns) == ["outlet", "author", "date", "language", "genre"]
    assert len(card) == 5
    assert card.loc["Stratfor 2017", "date"] == "10 Jan 2017 (stated)"
    assert card.loc["Stratfor 2017", "author"] == "unsigned (Stratfor analysts)"
    assert card.loc["Evstratov 2022", "date"].endswith("(inferred)")
    assert card.loc["Stratfor 2017 (Indonesian)", "language"] == "Indonesian"
    assert card.loc["AFP 2022", "genre"] == "news report"


def test_member_counts_puts_years_in_rows_and_statuses_in_columns():
    counts = intro.member_counts([1993, 1994, 1999, 2026], include_context=False)
    assert list(counts.columns) == [
        "member",
        "participation suspended",
        "uncertain",
        "membership suspended",
        "former member",
    ]
    assert counts.loc[1993].tolist() == [0, 0, 9, 0, 0]
    assert counts.loc[1994].tolist() == [6, 0, 3, 0, 0]
    assert counts.loc[1999].tolist() == [6, 0, 0, 0, 3]
    assert counts.loc[2026].tolist() == [5, 1, 0, 0, 3], (
        "Armenia suspended its participation: still a member, not a suspended one"
    )


def test_wide_shows_long_text_in_full_and_left_aligned():
    long_text = "word " * 30
    html = display.table(intro.source_card().assign(note=long_text)).to_html()
    assert long_text.strip() in html
    assert "text-align: left" in html
    assert ">source<" in html  # the key column is kept, as a column
    assert "row0_col0" in html and "level0_row0" not in html  # and no row numbers
