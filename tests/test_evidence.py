"""csto.evidence: the neutral evidence matrix of notebook 06 (who says what, no verdict)."""

from __future__ import annotations

import pytest

from csto import data
from csto.lessons import evidence



def test_every_piece_of_evidence_is_a_quoted_seed_claim():
    claims = data.load("claims").set_index("claim_id")
    for p in evidence.PROPOSITIONS:
        for claim_id in p.yes + p.no:
            assert claim_id in claims.index, f"{p.pid}: {claim_id} is not in claims.csv"
            row = claims.loc[claim_id]
            assert row["origin"] == "seed", f"{claim_id} is a background row; the matrix shows what the sources say"
            assert data.source_says(row["source_id"], row["quote"]), claim_id


def test_each_question_has_evidence_on_both_sides_and_no_claim_on_both():
    for p in evidence.PROPOSITIONS:
        assert p.yes and p.no, f"{p.pid} is one-sided"
        assert not set(p.yes) & set(p.no), f"{p.pid} puts a claim on both sides"
        assert p.question.endswith("?")
    ids = [p.pid for p in evidence.PROPOSITIONS]
    assert len(ids) == len(set(ids))


def test_each_question_draws_on_more_than_one_source():
    frame = evidence.evidence()
    for pid, group in frame.groupby("pid"):
        assert group["source_id"].nunique() >= 3, f"{pid} rests on too few sources"


def test_voices_name_the_person_the_claim_itself_names():
    claims = data.load("claims").set_index("claim_id")
    used = {c for p in evidence.PROPOSITIONS for c in p.yes + p.no}
    for claim_id, voice in evidence.VOICES.items():
        assert claim_id in used, f"{claim_id} has a voice but is not in the matrix"
        assert voice in claims.loc[claim_id, "claim"], f"{voice!r} is not named in the claim {claim_id}"
    cards = evidence.cards("unity")
    assert "Lukashenko, quoted in AFP 2022" in set(cards["who says it"])


def test_matrix_is_one_row_per_question_and_names_sources_not_verdicts():
    table = evidence.matrix()
    assert len(table) == len(evidence.PROPOSITIONS)
    assert list(table.columns) == ["question", "evidence for (points to yes)", "evidence against (points to no)"]
    text = " ".join(table.to_numpy().ravel())
    for word in ("verdict", "therefore", "so the CSTO", "score", "winner"):
        assert word not in text
    assert "Mitchell 2026" in table.iloc[0, 2]


def test_cards_fit_a_slide_and_quote_verbatim():
    for p in evidence.PROPOSITIONS:
        cards = evidence.cards(p.pid)
        assert 2 <= len(cards) <= 8, f"{p.pid}: {len(cards)} rows do not fit one slide"
        assert cards["the source's words"].str.startswith("“").all()
        assert list(cards["points to"]) == sorted(cards["points to"], key=lambda s: s != "yes"), "yes first, then no"
    with pytest.raises(KeyError, match="the propositions are"):
        evidence.proposition("nato")


def test_sources_per_question_counts_every_piece_once():
    counts = evidence.sources_per_question()
    assert counts["items"].sum() == len(evidence.evidence())
    assert set(counts["question"]) == {p.label for p in evidence.PROPOSITIONS}
