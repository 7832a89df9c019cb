"""csto.scorecard: the per-member scorecard of notebook 04 and its self-check."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from csto.data import views as tables, views as strains
from csto.lessons import scorecard

MEMBERS = ["RUS", "ARM", "BLR", "KAZ", "KGZ", "TJK"]


def _acts(rows):
    frame = pd.DataFrame(rows, columns=["event_id", "iso3", "act", "kind", "origin", "start", "name_en"])
    frame["start"] = pd.to_datetime(frame["start"])
    return frame


SMALL = _acts([
    ("e1", "ARM", "criticism", "statement", "seed", "2022-09-01", "Armenia"),
    ("e2", "ARM", "absence", "summit", "seed", "2022-11-01", "Armenia"),        # an absence from a summit: counted
    ("e3", "ARM", "refusal", "exercise", "context", "2022-11-23", "Armenia"),   # background: skipped
    ("e4", "BLR", "support", "war", "seed", "2022-02-01", "Belarus"),
    ("e4", "BLR", "support", "war", "seed", "2022-02-01", "Belarus"),           # duplicate row: counted once
    ("e5", "BLR", "none", "policy", "seed", "2022-05-01", "Belarus"),           # not an act of either side
    ("e6", "KAZ", "distancing", "policy", "seed", "2021-06-01", "Kazakhstan"),  # before 2022: skipped
    ("e7", "USA", "outreach", "visit", "seed", "2022-09-01", "United States"),  # not a member
])


def test_classify_sorts_act_codes():
    assert scorecard.classify("support") == "supportive"
    assert [scorecard.classify(a) for a in ("criticism", "refusal", "suspension", "distancing")] == ["distancing"] * 4
    assert scorecard.classify("deployment") == "other"


def test_scorecard_counts_distinct_seed_acts_and_a_summit_absence_and_skips_context_and_old_rows():
    card = scorecard.scorecard(SMALL, ["ARM", "BLR", "KAZ"])
    assert list(card.index) == ["Armenia", "Belarus", "Kazakhstan"]
    assert card.loc["Armenia"].tolist() == [0, 2, -2]
    assert card.loc["Belarus"].tolist() == [1, 0, 1]
    assert card.loc["Kazakhstan"].tolist() == [0, 0, 0]


def test_cohesion_acts_can_keep_everything_for_a_chart():
    every = scorecard.cohesion_acts(SMALL, ["ARM"], include_context=True)
    assert sorted(every["event_id"]) == ["e1", "e2", "e3"]
    assert sorted(scorecard.cohesion_acts(SMALL, ["ARM"], skip_kinds=("summit",))["event_id"]) == ["e1"]


def test_scorecard_on_the_data():
    acts = tables.country_acts()
    card = scorecard.scorecard(acts, MEMBERS)
    assert card.loc["Belarus", "supportive"] == 3 and card.loc["Belarus", "distancing"] == 0, (
        "a reported silence is not an act"
    )
    assert card.drop(index=["Russia", "Belarus"])["supportive"].eq(0).all()
    assert card.loc["Armenia", "distancing"] == 4, "voices in Armenian society are not acts of the state"


def test_kazakhstans_doctrine_counts_like_the_diversified_imports():
    """The codebook codes what a state did, not the coder's reading of its motives (review round 2, M8): a doctrine
    that calls for diversified arms purchases is distancing, like the diversified imports Mitchell reports."""
    acts = tables.country_acts()
    doctrine = acts[(acts["event_id"] == "ev_2022_kaz_military_doctrine") & (acts["iso3"] == "KAZ")]
    assert doctrine["act"].tolist() == ["distancing"]
    marks = scorecard.cohesion_acts(acts, MEMBERS)
    assert {"ev_2022_kaz_military_doctrine", "ev_2022_arms_import_diversification"} <= set(
        marks.loc[marks["iso3"] == "KAZ", "event_id"]
    )
    assert scorecard.scorecard(acts, MEMBERS).loc["Kazakhstan", "distancing"] == 3


def most_distancing_first(frame: pd.DataFrame) -> pd.DataFrame:
    """The order the exercise asks for, as its worked example sorts."""
    return frame.sort_values("distancing", ascending=False, kind="stable")


def test_check_accepts_the_reference_and_iso_codes(capsys):
    acts = tables.country_acts()
    reference = scorecard.scorecard(acts, MEMBERS)
    assert scorecard.check(most_distancing_first(reference), acts, MEMBERS)
    assert scorecard.check(most_distancing_first(reference.set_axis(MEMBERS)), acts, MEMBERS)
    assert "Right" in capsys.readouterr().out


@pytest.mark.parametrize(
    "how", ["names in a column", "codes in a column", "codes as the index", "lower-case names", "extra columns"]
)
def test_check_accepts_the_members_in_a_column_or_the_index(how, capsys):
    acts = tables.country_acts()
    reference = most_distancing_first(scorecard.scorecard(acts, MEMBERS))
    codes = [dict(zip(scorecard.scorecard(acts, MEMBERS).index, MEMBERS))[n] for n in reference.index]
    mine = {
        "names in a column": reference.reset_index(),
        "codes in a column": reference.set_axis(codes)
        .rename_axis("iso3")
        .reset_index()[["iso3", "distancing", "supportive"]],
        "codes as the index": reference.set_axis(codes)[["supportive", "distancing"]],
        "lower-case names": reference.set_axis([n.lower() for n in reference.index]),
        "extra columns": reference.reset_index().assign(other=1, note="x"),
    }[how]
    assert scorecard.check(mine, acts, MEMBERS)
    assert "Right" in capsys.readouterr().out


def test_check_accepts_a_students_groupby_with_reset_index(capsys):
    acts = tables.country_acts()
    rows = scorecard.cohesion_acts(acts, MEMBERS)
    mine = most_distancing_first(rows.groupby(["name_en", "side"]).size().unstack(fill_value=0).reset_index())
    assert scorecard.check(mine, acts, MEMBERS)
    assert "Right" in capsys.readouterr().out


def test_check_says_in_one_line_what_form_it_wants_when_no_column_names_the_members(capsys):
    acts = tables.country_acts()
    mine = scorecard.scorecard(acts, MEMBERS).reset_index(drop=True)
    assert not scorecard.check(mine, acts, MEMBERS)
    out = capsys.readouterr().out.strip()
    assert out.startswith("Not yet") and "\n" not in out
    assert "three-letter country codes, down the left side or in a column" in out
    assert not any(word in out for word in ("DataFrame", "index", "ISO3", " row"))


def test_check_names_a_member_given_twice(capsys):
    acts = tables.country_acts()
    reference = scorecard.scorecard(acts, MEMBERS)
    assert not scorecard.check(pd.concat([reference, reference.loc[["Armenia"]]]), acts, MEMBERS)
    assert "more than one line for Armenia" in capsys.readouterr().out


@pytest.mark.parametrize("mine", [None, pd.DataFrame(), pd.DataFrame({"supportive": [1]}, index=["Russia"]),
                                  pd.DataFrame({"supportive": [1], "distancing": ["many"]}, index=["Russia"]),
                                  pd.DataFrame({"supportive": ["a"] * 6, "distancing": [0] * 6}, index=MEMBERS)])
def test_check_explains_and_does_not_raise_on_incomplete_answers(mine, capsys):
    assert not scorecard.check(mine, tables.country_acts(), MEMBERS)
    assert "Not yet" in capsys.readouterr().out


def test_an_empty_table_says_the_selection_most_often_matched_nothing(capsys):
    """Student 5 filtered on a value spelt otherwise than the table ('Summit'): an empty table needs that hint."""
    empty = pd.DataFrame({"supportive": [], "distancing": []})
    assert not scorecard.check(empty, tables.country_acts(), MEMBERS)
    out = capsys.readouterr().out
    assert "empty" in out and "matched nothing" in out and "capitals" in out


def test_check_names_the_wrong_cells(capsys):
    acts = tables.country_acts()
    wrong = scorecard.scorecard(acts, MEMBERS)
    wrong.loc["Kyrgyzstan", "distancing"] += 1
    assert not scorecard.check(wrong, acts, MEMBERS)
    assert "Kyrgyzstan" in capsys.readouterr().out


def test_members_listed_by_afp_are_six():
    assert strains.members_listed_by("afp2022") == MEMBERS
    with pytest.raises(KeyError):
        strains.members_listed_by("nobody")


def _students_crosstab() -> pd.DataFrame:
    """The student's table as the notebook's worked example teaches it: pd.crosstab, members in alphabetical order."""
    table = scorecard.cohesion_acts(tables.country_acts(), MEMBERS).rename(columns={"name_en": "member"})
    return pd.crosstab(table["member"], table["side"])


def _reveals_nothing(said: str, reference: pd.DataFrame) -> bool:
    """No count and no member name: the feedback on an unsorted table must not give away the answer's order."""
    return not re.search(r"\d", said) and not any(name in said for name in reference.index)


def test_right_counts_left_unsorted_are_not_right_and_are_told_to_sort_most_distancing_first(capsys):
    """Student 4: the unsorted crosstab got "Right" although the exercise says "then sort"."""
    acts = tables.country_acts()
    mine = _students_crosstab()
    assert list(mine["distancing"]) != sorted(mine["distancing"], reverse=True), "the fixture must be unsorted"
    assert not scorecard.check(mine, acts, MEMBERS)
    said = capsys.readouterr().out.strip()
    assert said.startswith("Your counts are right; now sort it, most distancing first") and "Right:" not in said
    assert 'mine = mine.sort_values("distancing", ascending=False)' in said
    assert _reveals_nothing(said, scorecard.scorecard(acts, MEMBERS))
    assert scorecard.check(most_distancing_first(mine), acts, MEMBERS)
    assert capsys.readouterr().out.startswith("Right:")


def test_right_counts_sorted_fewest_distancing_first_are_told_to_turn_the_order_round(capsys):
    acts = tables.country_acts()
    assert not scorecard.check(_students_crosstab().sort_values("distancing"), acts, MEMBERS)
    said = capsys.readouterr().out.strip()
    assert said.startswith("Your counts are right; now turn the order round") and "ascending=False" in said
    assert _reveals_nothing(said, scorecard.scorecard(acts, MEMBERS))


def test_members_with_equal_distancing_counts_may_come_in_either_order(capsys):
    acts = tables.country_acts()
    ordered = most_distancing_first(_students_crosstab())
    ties = ordered[ordered["distancing"].duplicated(keep=False)]
    assert len(ties) >= 2, "the data have no tie to swap"
    first, second = (ordered.index.get_loc(n) for n in ties.index[:2])
    swapped = list(ordered.index)
    swapped[first], swapped[second] = swapped[second], swapped[first]
    assert scorecard.check(ordered.loc[swapped], acts, MEMBERS)
    assert capsys.readouterr().out.startswith("Right:")


def test_a_chart_of_every_act_draws_each_members_part_in_the_bloc_troop_mission_and_the_scorecard_does_not():
    """A lane with no support marks read as a member with no part in the bloc while Kazakhstan's call for help and
    the others' troops of January 2022 were left out: a chart of every act now carries them as a third side,
    'mission', neither support nor distancing; the scorecard's counts leave them out."""
    acts = tables.country_acts()
    every = scorecard.cohesion_acts(acts, MEMBERS, include_context=True)
    mission = every[every["side"] == "mission"]
    assert sorted(mission["iso3"]) == sorted(MEMBERS)
    assert set(mission["event_id"]) <= scorecard.mission_events()
    assert "ev_2022_special_operation_evstratov" not in set(every["event_id"]), "a deployment outside a bloc mission"
    assert scorecard.cohesion_acts(acts, MEMBERS)["side"].isin(["supportive", "distancing"]).all()
    assert scorecard.scorecard(acts, MEMBERS).equals(scorecard.scorecard(acts[~acts["act"].isin(
        scorecard.MISSION)], MEMBERS))


def test_no_members_quoted_act_is_coded_on_two_events_so_the_chart_draws_it_once():
    """Russia's lane showed Putin's one proposal at Bishkek as two support marks: the summit row carried the same
    sentence and act as the proposal. An attended summit is act none; the act sits on the statement made there."""
    acts = tables.country_acts()
    seed = acts[(acts["origin"] == "seed") & acts["act"].astype(str).map(scorecard.classify).ne("other")]
    twice = seed[seed.duplicated(["iso3", "source_id", "quote"], keep=False)]
    assert twice.empty, twice[["event_id", "iso3", "act"]].to_string()
    every = scorecard.cohesion_acts(acts, MEMBERS, include_context=True)
    bishkek = every[every["event_id"].isin(["ev_2025_11_bishkek_summit", "ev_2025_11_putin_arms_programme"])]
    assert bishkek[["event_id", "iso3", "act"]].values.tolist() == [
        ["ev_2025_11_putin_arms_programme", "RUS", "support"]]
