"""csto.quiz: answers computed from the data; check() says right, or why an answer is wrong."""

from __future__ import annotations

import csv

import pytest

from csto.lessons import quiz


def test_at_least_ten_questions_covering_notebooks_01_to_05():
    table = quiz.questions()
    assert len(table) >= 10
    assert set(table["notebook"]) == {"01", "02", "03", "04", "05"}
    assert table["id"].is_unique
    assert list(quiz.questions("05")["notebook"].unique()) == ["05"]
    assert set(quiz.questions("01", "02")["notebook"]) == {"01", "02"}


@pytest.mark.parametrize("qid", quiz.question_ids())
def test_the_computed_answer_is_marked_right(qid):
    message = quiz.check(qid, quiz.answer(qid))
    assert message.startswith("Right"), message


@pytest.mark.parametrize("qid", quiz.question_ids())
def test_a_wrong_answer_is_marked_wrong_with_a_reason(qid):
    q = quiz._question(qid)
    correct = quiz.answer(qid)
    if q.choices is not None:
        wrong = next(c for c in q.choices() if c != correct)
    elif q.text:
        wrong = "Boris"
    else:
        wrong = int(correct) + 1
    message = quiz.check(qid, wrong)
    assert message.startswith("Not quite:"), message
    assert len(message) > len("Not quite: ") + 20, "a wrong answer gets a reason, not just 'wrong'"


def test_answers_are_the_data_not_hard_coded_numbers():
    assert quiz.answer("q01_first_two_years") == 9
    assert quiz.answer("q03_members_named_2022") == 6
    assert quiz.answer("q04_response_2010") == "Declined"
    assert quiz.answer("q05_troop_deployments") == 1
    assert quiz.answer("q06_where_troops") == "Kazakhstan"
    assert quiz.answer("q07_who_asked_kazakhstan") == quiz.NONE_OF_THEM
    assert quiz.answer("q08_south_caucasus_decline") == 44
    assert quiz.answer("q09_joined_moscow") == "Belarus"
    assert quiz.answer("q10_last_chairmanship") == 2020
    assert quiz.answer("q11_special_operation") == "Evstratov 2022"
    assert quiz.answer("q12_inferred_dates") == 3
    assert quiz.answer("q13_sco_summit_city") == "Samarkand"
    assert quiz.answer("q14_peskov_first_name") == "Dmitry"
    assert quiz.answer("q15_neither_country_shift") == "meaning shift"


def test_a_changed_figure_changes_the_answer(data_copy, monkeypatch):
    path = data_copy.parent / "data" / "figures.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["figure_id"] == "mi_arms_exports_south_caucasus":
            row["value"] = "45"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    assert quiz.answer("q08_south_caucasus_decline") == 45
    assert quiz.check("q08_south_caucasus_decline", 44).startswith("Not quite")


@pytest.mark.parametrize("qid, given, reason", [
    ("q08_south_caucasus_decline", 23, "Central Asia"),
    ("q08_south_caucasus_decline", 90, "Kazakhstan"),
    ("q01_first_two_years", 6, "Evstratov"),
    ("q01_first_two_years", 3, "withdrawn"),
    ("q03_members_named_2022", 9, "first two years"),
    ("q04_response_2010", "troops deployed", "Kazakhstan"),
    ("q04_response_2010", "b", "Gorno-Badakhshan"),
    ("q05_troop_deployments", 5, "notebook 02"),
    ("q06_where_troops", "Armenia", "Statements and monitoring"),
    ("q07_who_asked_kazakhstan", "Mitchell 2026", "does not say who asked"),
    ("q10_last_chairmanship", 2026, "Bishkek"),
    ("q11_special_operation", "Mitchell 2026", "quotation of Putin"),
    ("q11_special_operation", "Stratfor 2017", "before the war"),
    ("q12_inferred_dates", 2, "stated"),
    ("q13_sco_summit_city", "Tashkent", "Evstratov"),
    ("q14_peskov_first_name", "Dmytro", "AFP"),
    ("q15_neither_country_shift", "faithful", "singular"),
    ("q16_not_yet_testable", 16, "consistent"),
])
def test_wrong_answers_get_the_reason_from_the_data(qid, given, reason):
    message = quiz.check(qid, given)
    assert message.startswith("Not quite") and reason in message, message


@pytest.mark.parametrize("qid, given", [
    ("q01_first_two_years", "9"), ("q01_first_two_years", "nine"), ("q01_first_two_years", 9.0),
    ("q08_south_caucasus_decline", "44%"), ("q08_south_caucasus_decline", "44 percent"),
    ("q04_response_2010", "a"), ("q04_response_2010", "DECLINED"), ("q04_response_2010", "(a)"),
    ("q11_special_operation", "evstratov2022"), ("q11_special_operation", "Evstratov"),
    ("q13_sco_summit_city", "samarkand"), ("q14_peskov_first_name", " dmitry "),
    ("q15_neither_country_shift", "meaning_shift"), ("q07_who_asked_kazakhstan", "none of them"),
])
def test_answers_are_accepted_in_the_forms_a_student_types(qid, given):
    assert quiz.check(qid, given).startswith("Right"), quiz.check(qid, given)


def test_unanswerable_input_gets_a_helpful_message():
    assert quiz.check("q01_first_two_years", None).startswith("No answer yet")
    assert quiz.check("q01_first_two_years", "").startswith("No answer yet")
    assert "not a number" in quiz.check("q01_first_two_years", "lots")
    assert "not one of the choices" in quiz.check("q04_response_2010", "z")
    assert "not one of the choices" in quiz.check("q04_response_2010", "maybe")
    assert quiz.check("q05_troop_deployments", True).startswith("Not quite"), "a boolean is not a count"
    with pytest.raises(KeyError, match="the questions are"):
        quiz.check("q99", 1)


def test_check_all_gives_one_row_per_answer():
    table = quiz.check_all({"q01_first_two_years": 9, "q08_south_caucasus_decline": 23, "q12_inferred_dates": None})
    assert list(table["id"]) == ["q01_first_two_years", "q08_south_caucasus_decline", "q12_inferred_dates"]
    assert table["result"].iloc[0].startswith("Right")
    assert table["result"].iloc[1].startswith("Not quite")
    assert table["result"].iloc[2].startswith("No answer yet")


def test_the_question_table_does_not_give_the_answers_away():
    table = quiz.questions()
    for row in table.itertuples():
        q = quiz._question(row.id)
        if q.choices is None:
            assert row[4] in ("a number", "a name")
        else:
            assert str(quiz.answer(row.id)) in q.choices(), f"{row.id}: the right answer is among the choices"
    assert quiz.answer("q14_peskov_first_name") not in " ".join(table["question"])
