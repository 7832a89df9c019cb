"""csto.lessons.quiz: self-checks for notebooks 00–05 and the review of 06, answers computed from the data.

The tests compare against values computed here from the tables (never against numbers typed into the test), so
they stay right when a row is corrected, and each fails if the quiz drifts from the data.
"""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from csto import data
from csto.data import views
from csto.data import lookups
from csto.lessons import facts, near_miss, quiz
from csto.lessons.typed_numbers import NUMBER_WORDS
from csto.lessons.wording import plain_number
from csto.lessons.source_criticism import count_in

LEGACY_REVIEW = [
    "q01_first_two_years",
    "q02_stayed_after_1999",
    "q03_members_named_2022",
    "q04_response_2010",
    "q05_troop_deployments",
    "q06_where_troops",
    "q07_who_asked_kazakhstan",
    "q08_south_caucasus_decline",
    "q09_joined_moscow",
    "q10_last_chairmanship",
    "q11_special_operation",
    "q12_inferred_dates",
    "q13_sco_summit_city",
    "q14_peskov_first_name",
    "q15_neither_country_shift",
    "q16_not_yet_testable",
]
SELF_CHECKS = ["00", "01", "02", "03", "04", "05"]
CHOICES = [qid for qid in quiz.question_ids() if quiz.question(qid).kind == "choice"]


def _options(qid: str) -> list[quiz.Option]:
    return quiz.options(qid)


def _everything(notebook: str) -> str:
    """All a student and a teacher can read for a notebook: prompts, choices, feedback, reasons."""
    parts = []
    for qid in quiz.question_ids(notebook):
        q = quiz.question(qid)
        parts.append(q.text())
        parts += [f"{o.label} {o.why}" for o in _options(qid)] if q.kind == "choice" else []
        parts.append(quiz.why_right(qid))
    return data.verbatim.normalise(" ".join(parts))


# ---- the shape of the quiz ---------------------------------------------------------------------------------


@pytest.mark.parametrize("notebook", SELF_CHECKS)
def test_every_notebook_00_to_05_has_five_to_eight_self_check_questions(notebook):
    assert 5 <= len(quiz.question_ids(notebook)) <= 8, quiz.question_ids(notebook)


def test_notebook_06_keeps_the_sixteen_review_questions_and_their_ids():
    ids = quiz.question_ids("06")
    assert len(ids) >= 16
    assert ids[:16] == LEGACY_REVIEW
    assert len(set(quiz.question_ids())) == len(quiz.question_ids())
    assert all(re.fullmatch(r"(q|nb|ex)\d\d_[a-z0-9_]+", qid) for qid in quiz.question_ids())
    assert quiz.question_ids("6") == ids, "a notebook number without its leading zero works too"


# ---- answers are always among the choices, by construction --------------------------------------------------


@pytest.mark.parametrize("qid", CHOICES)
def test_each_choice_question_has_exactly_one_right_option(qid):
    options = _options(qid)
    assert len(options) >= 3, f"{qid}: too few choices"
    assert sum(o.right for o in options) == 1, [(o.label, o.right) for o in options]
    labels = [data.verbatim.normalise(o.label) for o in options]
    assert len(set(labels)) == len(labels), f"{qid}: two choices read the same"
    assert quiz.answer(qid) in [o.label for o in options]


@pytest.mark.parametrize("qid", CHOICES)
def test_every_wrong_option_has_its_own_feedback(qid):
    wrong = [o for o in _options(qid) if not o.right]
    for o in wrong:
        assert len(o.why) > 25, f"{qid} / {o.label}: feedback too thin: {o.why!r}"
        message = quiz.check(qid, o.label)
        assert message.startswith("Not quite:") and o.why[:40] in message, message
    assert len({o.why for o in wrong}) == len(wrong), (
        f"{qid}: two wrong choices share one feedback, so it is not specific"
    )


@pytest.mark.parametrize("qid", quiz.question_ids())
def test_the_computed_answer_is_marked_right(qid):
    message = quiz.check(qid, quiz.answer(qid))
    assert message.startswith("Right"), message
    assert len(message) > len(f"Right: {quiz.answer(qid)}. ") + 20, "a right answer also says why"
    if quiz.question(qid).kind == "choice":
        letter = chr(97 + [o.label for o in _options(qid)].index(quiz.answer(qid)))
        assert quiz.check(qid, letter).startswith("Right")
        assert quiz.check(qid, f"({letter.upper()})").startswith("Right")


@pytest.mark.parametrize("qid", [q for q in quiz.question_ids() if quiz.question(q).kind != "choice"])
def test_a_wrong_number_or_name_is_marked_wrong(qid):
    correct = quiz.answer(qid)
    wrong = "Boris" if quiz.question(qid).kind == "name" else correct + 1
    message = quiz.check(qid, wrong)
    assert message.startswith("Not quite:") and "Look again in" in message, message


# ---- feedback states facts the data hold ------------------------------------------------------------------------


def _why(qid: str, label: str) -> str:
    return next(o.why for o in _options(qid) if o.label == label)


def test_q07_feedback_says_for_each_source_what_it_really_says_about_the_mission():
    events = data.load("events")
    accounts = data.load("crisis_responses")
    crisis = data.load("crises").set_index("crisis_id").loc["kaz_2022"]
    sources = data.load("sources").set_index("source_id")
    names = dict(zip(sources.index, sources["short_name"]))
    mention = set(events.loc[(events["crisis_id"] == "kaz_2022") & (events["origin"] == "seed"), "source_id"]) | set(
        accounts.loc[(accounts["crisis_id"] == "kaz_2022") & (accounts["origin"] == "seed"), "source_id"]
    )
    for source_id in ["stratfor2017", "evstratov2022", "afp2022", "mitchell2026"]:
        why = _why("q07_who_asked_kazakhstan", names[source_id])
        assert ("mentions the mission" in why) == (source_id in mention), why
        assert ("before the mission" in why) == (sources.loc[source_id, "end"] < crisis["start"]), why
    assert "Stratfor" in quiz.check("q07_who_asked_kazakhstan", "Stratfor 2017") and "before" in quiz.check(
        "q07_who_asked_kazakhstan", "Stratfor 2017"
    )


def test_q09_feedback_for_each_member_lists_what_mitchell_reports_of_it():
    acts = views.country_acts()
    acts = acts[
        (acts["source_id"] == "mitchell2026") & (acts["origin"] == "seed") & (acts["act"].astype(str) != "none")
    ]
    countries = data.load("countries").set_index("iso3")["name_en"]
    for option in _options("q09_joined_moscow"):
        if option.right:
            continue
        iso3 = next(i for i, n in countries.items() if n == option.label)
        for title in acts.loc[acts["iso3"] == iso3, "title"]:
            assert title in option.why, (option.label, title)
        if acts[acts["iso3"] == iso3].empty:
            assert "nothing else" in option.why
        assert "Central Asian" not in option.why or countries[iso3] != "Armenia", "Armenia is not Central Asian"


def test_mitchell_member_counts_name_the_states_his_rows_list():
    listed = data.load("membership")
    listed = listed[(listed["change"] == "listed_as_member") & (listed["source_id"] == "mitchell2026")]
    countries = data.load("countries").set_index("iso3")["name_en"]
    assert quiz.answer("nb01_mitchell_members") == listed["iso3"].nunique()
    why = quiz.why_right("nb01_mitchell_members")
    for iso3 in listed["iso3"]:
        assert countries[iso3] in why
    message = quiz.check("q03_members_named_2022", listed["iso3"].nunique())
    if listed["iso3"].nunique() != quiz.answer("q03_members_named_2022"):
        assert all(countries[i] in message for i in listed["iso3"]), (
            "the feedback names every state Mitchell lists"
        )


def test_q04_feedback_names_the_crises_where_each_response_is_reported_by_our_sources_or_other_reports():
    """Except the deployment's: its crisis is where troops went and how many crises had troops, two later questions."""
    accounts = views.crisis_responses()
    for option in _options("q04_response_2010"):
        code = option.also[0]
        for name in accounts.loc[accounts["response"].astype(str) == code, "name"]:
            assert name in option.why or option.right or code == "deployment", (option.label, name)


def test_q04_a_student_answering_from_the_story_s_2010_is_told_it_is_other_reports_account_not_stratfor_s():
    accounts = views.crisis_responses()
    told_in_story = set(accounts.loc[(accounts["crisis_id"] == "kgz_2010") & (accounts["origin"] == "context"),
                                     "response"].astype(str))
    assert told_in_story, "the record no longer tells 2010 from other reports"
    for option in _options("q04_response_2010"):
        if option.also[0] in told_in_story and not option.right:
            assert "other reports (cited) tell 2010" in option.why and "Stratfor" in option.why, option.why


def test_q11_feedback_counts_the_terms_in_each_text():
    for option in _options("q11_special_operation"):
        source_id = option.also[0]
        if "writes 'invasion'" in option.why:
            assert f"'invasion' {count_in(source_id, 'invasion')} time" in option.why
            assert f"'war' {count_in(source_id, 'war')} time" in option.why
    stratfor = _why("q11_special_operation", "Stratfor 2017")
    assert "Syrian civil war" in stratfor and data.source_says("stratfor2017", "Syrian civil war"), (
        "the feedback names the war Stratfor writes of")
    afp = _why("q11_special_operation", "AFP 2022")
    assert "Lukashenko" in afp and data.source_says(
        "afp2022", "as Lukashenko brutally points out, the failure of the Russian invasion"
    )


def test_kind_verdict_and_shift_feedback_quote_the_course_s_own_reading():
    claims = data.load("claims").set_index("claim_id")
    kind = str(claims.loc["sf_absences_not_coincidence", "kind"])
    for option in _options("nb02_absences_kind"):  # the course's reading, shown once the answer is right
        assert (f"as a {kind}" in option.why) == option.right, option
        assert option.right or "does not file" in option.why and f"as a {option.also[0]}" in option.why, option
    pairs = data.load("translation_pairs").set_index("pair_id")
    assert quiz.answer("q15_neither_country_shift") == str(pairs.loc["tp_45_neither_country", "shift"]).replace(
        "_", " "
    )
    for option in _options("q15_neither_country_shift"):
        assert pairs.loc["tp_45_neither_country", "translation"] in option.why
    checks = data.load("forecast_checks")
    row = checks[
        (checks["claim_id"] == "sf_russia_leery")
        & (checks["source_id"] == "evstratov2022")
        & checks["quote"].str.contains("Kazakhstan")
    ]
    assert quiz.answer("nb03_leery_kazakhstan_verdict") == str(row.iloc[0]["verdict"]).replace("_", " ")


# ---- coverage: the items the course must now use --------------------------------------------------------------


@pytest.mark.parametrize(
    "notebook, words",
    [
        ("04", "stretching its military capacity thin"),  # Stratfor on 2014-16
        ("04", "including CSTO members Belarus and Armenia"),  # Belarus and Armenia re-evaluate
        ("02", "In the past few months, Moscow has signed new military cooperation deals"),  # the 2016 deals
        ("02", "which is not part of the official jurisdiction of the CSTO"),  # Evstratov on Nagorno-Karabakh
        ("02", "internationally recognized territory of Armenia"),
        (
            "04",
            "It mainly concerns assistance to these countries in anti-terrorist activities on and near the Afghan "
            "border",
        ),
        ("04", "Moscow has been dealt a major blow"),  # AFP
        ("04", "pales in comparison to the amount sent to China, India"),  # Mitchell
        ("04", "have been spared from participating in the war"),
        ("04", "sacrifice a lot of attention and resources"),
        ("02", "Neither the CSTO nor Moscow reacted"),  # two accounts of one response
        ("02", "insufficiently adequate"),
    ],
)
def test_the_coverage_items_are_asked_in_their_notebook(notebook, words):
    assert data.verbatim.normalise(words) in _everything(notebook), words


def test_background_on_1999_and_on_uzbekistan_2006_2012_is_computed_from_the_rows():
    membership = views.with_labels(data.load("membership"))
    context = membership[membership["origin"] == "context"]
    lapse = context[context["iso3"].isin(["UZB", "GEO", "AZE"]) & (context["start"].dt.year == 1999)]
    text = _everything("01")
    for when in lapse["when"]:
        assert data.verbatim.normalise(when) in text
    uzbekistan = context[(context["iso3"] == "UZB") & (context["start"].dt.year > 1999)]
    for when in uzbekistan["when"]:
        assert data.verbatim.normalise(when) in text
    right = quiz.answer("nb01_uzbekistan_return")
    assert ("other reports" in right.lower()) == (len(uzbekistan) > 0), "the classroom's words for background rows"


# ---- check() meets students halfway -----------------------------------------------------------------------------


def test_equivalent_forms_are_accepted():
    number = quiz.answer("q08_south_caucasus_decline")
    for given in (
        number,
        str(number),
        float(number),
        f"{number}%",
        f"{number} percent",
        f"{number} per cent",
        f" {number} ",
    ):
        assert quiz.check("q08_south_caucasus_decline", given).startswith("Right"), given
    nine = quiz.answer("q01_first_two_years")
    words = {v: k for k, v in NUMBER_WORDS.items() if k != "none"}
    assert quiz.check("q01_first_two_years", words[nine]).startswith("Right")
    assert quiz.check("q01_first_two_years", words[nine].upper()).startswith("Right")
    answer = quiz.answer("q04_response_2010")
    for given in (answer, answer.upper(), answer.lower(), f"{answer}."):
        assert quiz.check("q04_response_2010", given).startswith("Right"), given
    right_source = next(o for o in _options("q11_special_operation") if o.right).also[0]
    short = data.load("sources").set_index("source_id").loc[right_source, "short_name"]
    for given in (right_source, short, short.split()[0], short.lower()):
        assert quiz.check("q11_special_operation", given).startswith("Right"), given
    first = quiz.answer("q14_peskov_first_name")
    full = data.load("people").set_index("person_id").loc["peskov", "name_standard"]
    for given in (first, first.lower(), f" {first} ", full, f"'{full}'"):
        assert quiz.check("q14_peskov_first_name", given).startswith("Right"), given
    iso3 = next(o for o in _options("q06_where_troops") if o.right).also[0]
    assert quiz.check("q06_where_troops", iso3.lower()).startswith("Right")


def test_an_ambiguous_first_word_asks_for_the_letter():
    message = quiz.check("nb01_crrf_one_witness", "Stratfor")
    assert message.startswith("Can't read") and "letter" in message


@pytest.mark.parametrize(
    "qid, given, reason",
    [
        ("q08_south_caucasus_decline", "central_asia", "Central Asia"),
        ("q01_first_two_years", "evstratov", "another moment in the story"),
        ("q01_first_two_years", "withdrawn", "withdrawn"),
        ("q04_response_2010", "Troops deployed", "Bordyuzha's answer"),
        ("q06_where_troops", "Armenia", "Fighting on Armenia's territory"),
        ("q07_who_asked_kazakhstan", "Mitchell 2026", "does not say who asked"),
        ("q07_who_asked_kazakhstan", "Stratfor 2017", "before the mission"),
        ("q10_last_chairmanship", 2026, "holds at the time Mitchell writes"),
        ("q11_special_operation", "Mitchell 2026", "quotation of Putin"),
        ("q12_inferred_dates", "stated", "stated"),
        ("q13_sco_summit_city", "Tashkent", "Evstratov"),
        ("q14_peskov_first_name", "Dmytro", "AFP"),
        ("nb00_foreign_agent_notice", "~the author", "reprint"),
        ("nb01_georgia_left", "1999", "by 1999"),
        ("nb01_armenia_suspension_date", "~as Mitchell reports", "not from one of our sources"),
        ("nb02_who_asked_2012", "Bordyuzha", "refused"),
        ("nb02_kgz_tjk_two_accounts", "No reaction", "AFP"),
        ("nb03_troop_figures", "~averages", "does not work out a figure of its own"),
        ("nb03_only_effective_whose", "~by Mitchell", "Mitchell"),
        ("nb04_major_blow_voice", "Aslan", "Right after that sentence"),
        ("nb04_usd_500m_mainly", "~Air equipment", "but"),
        ("nb05_rahmon_setting", "~never criticised", "do not say whether"),
        ("nb05_simonyan_first_name", "Alain", "Evstratov"),
        # transliterations, known wrong numbers, and the reason behind the suspension bracket
        ("nb05_afp_relayed", 7, "the report's own"),
        ("q05_troop_deployments", 2, "counts crises, not sources"),
        ("nb01_armenia_suspension_date", "~at the Yerevan summit", "still taking part"),
        ("nb02_leery_consistent", 1, "is the number of checks with the verdict 'inconsistent'"),
        ("nb02_leery_consistent", 2, "leaves out at least one check whose verdict is 'not yet testable'"),
        ("nb02_leery_consistent", 4, "adds to the 'not yet testable' checks those with the verdict 'inconsistent'"),
        ("q16_not_yet_testable", "untestable_and_outside", "outside the forecast's horizon"),
    ],
)
def test_typical_wrong_answers_get_a_reason_from_the_data(qid, given, reason):
    values = {
        "central_asia": plain_number(
            data.load("figures").set_index("figure_id").loc["mi_arms_exports_central_asia", "value"]
        ),
        "evstratov": len(views.members_listed_by("evstratov2022")),
        "withdrawn": len(facts.withdrawn_by_1999()),
        "stated": int((data.load("sources")["date_basis"] == "stated").sum()),
        "untestable_and_outside": int(
            data.load("forecast_checks")["verdict"].isin(["not_yet_testable", "outside_horizon"]).sum()
        ),
    }
    if isinstance(given, str) and given.startswith("~"):  # the choice whose words hold this fragment, by its letter
        labels = [o.label for o in _options(qid)]
        hits = [i for i, label in enumerate(labels) if given[1:].lower() in label.lower()]
        assert len(hits) == 1, (given, labels)
        given = chr(97 + hits[0])
    message = quiz.check(qid, values.get(given, given))
    assert message.startswith("Not quite:") and reason in message, message


@pytest.mark.parametrize(
    "qid, given",
    [("q14_peskov_first_name", "Dmitri"), ("q14_peskov_first_name", "Dmitriy"), ("nb05_simonyan_first_name", "Alen")],
)
def test_another_transliteration_of_the_right_name_is_right_and_names_the_courses_spelling(qid, given):
    message = quiz.check(qid, given)
    assert message.startswith("Right:") and quiz.answer(qid) in message, message


def test_the_misprint_a_source_makes_is_not_taken_for_a_transliteration():
    assert quiz.check("q14_peskov_first_name", "Dmytro").startswith("Not quite:")


def test_unreadable_answers_say_what_form_is_wanted_with_an_example():
    for qid, given in [
        ("q01_first_two_years", "lots"),
        ("q04_response_2010", "z"),
        ("q04_response_2010", "maybe"),
        ("q14_peskov_first_name", 3),
        ("q05_troop_deployments", True),
        ("q01_first_two_years", [9]),
    ]:
        message = quiz.check(qid, given)
        assert message.startswith("Can't read"), message
        assert "e.g." in message and "\n" not in message, message
    assert "no choice (z)" in quiz.check("q04_response_2010", "z")
    assert quiz.check("q01_first_two_years", None).startswith("No answer yet")
    assert quiz.check("q01_first_two_years", "  ").startswith("No answer yet")
    assert quiz.check("q01_first_two_yeras", 9).startswith("No question") and "q01_first_two_years" in quiz.check(
        "q01_first_two_yeras", 9
    )
    with pytest.raises(KeyError, match="the questions are"):
        quiz.answer("q99")


class _Broken:
    def __repr__(self):
        raise RuntimeError("no repr")

    def __str__(self):
        raise RuntimeError("no str")


ODD = [
    None,
    "",
    " ",
    0,
    -1,
    1e9,
    float("nan"),
    True,
    [],
    [1, 2],
    (),
    {},
    {"a": 1},
    set(),
    pd.DataFrame({"a": [1]}),
    pd.Series([1]),
    b"bytes",
    _Broken(),
    object(),
    "(",
    "()",
    "(zz)",
    "option q",
    "9 9 9",
    "—",
    "ç",
    "1/2",
    pd.NA,
]


@pytest.mark.parametrize("given", ODD, ids=lambda g: type(g).__name__)
def test_check_never_raises_whatever_is_typed(given):
    for qid in quiz.question_ids():
        message = quiz.check(qid, given)
        assert isinstance(message, str) and message.startswith(
            ("Right: ", "Not quite: ", "No answer yet", "Can't read")
        ), message
        assert "Traceback" not in message and "cannot be checked" not in message, message
    assert (
        quiz.check(given, 9).startswith("No question")
        if not isinstance(given, str) or given not in quiz.question_ids()
        else True
    )


# ---- the teacher's key -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("notebook", SELF_CHECKS + ["06"])
def test_the_answer_key_lists_every_question_with_its_computed_answer(notebook):
    key = quiz.answer_key_markdown(notebook)
    lines = key.strip().splitlines()
    assert lines[0] == "| question id | question | answer | why it is right |" and lines[1] == "|---|---|---|---|"
    assert len(lines) == 2 + len(quiz.question_ids(notebook))
    for qid, line in zip(quiz.question_ids(notebook), lines[2:]):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert len(cells) == 4 and cells[0] == f"`{qid}`", line
        assert str(quiz.answer(qid)).replace("|", "\\|") in cells[2]
        assert len(cells[3]) > 20


# ---- a changed row changes the answer ----------------------------------------------------------------------------


def _edit(descriptor, table: str, key: str, key_value: str, column: str, value: str) -> None:
    path = descriptor.parent / "data" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hits = [r for r in rows if r[key] == key_value]
    assert hits, f"{table}.csv has no {key}={key_value}"
    for row in hits:
        row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_changed_figure_changes_the_answer(data_copy, monkeypatch):
    before = quiz.answer("q08_south_caucasus_decline")
    _edit(data_copy, "figures", "figure_id", "mi_arms_exports_south_caucasus", "value", str(before + 1))
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    assert quiz.answer("q08_south_caucasus_decline") == before + 1
    assert quiz.check("q08_south_caucasus_decline", before).startswith("Not quite")


def test_a_changed_response_changes_the_right_choice(data_copy, monkeypatch):
    _edit(data_copy, "crisis_responses", "response_id", "resp_kgz_2010_stratfor2017", "response", "no_reaction")
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    labels = lookups.value_labels("crisis_responses", "response")
    assert quiz.answer("q04_response_2010") == labels["no_reaction"]
    assert not quiz.check("q04_response_2010", labels["declined"]).startswith("Right")
    assert sum(o.right for o in _options("q04_response_2010")) == 1


def test_a_changed_shift_and_a_removed_member_row_change_the_answers(data_copy, monkeypatch):
    before = quiz.answer("nb01_mitchell_members")
    _edit(data_copy, "translation_pairs", "pair_id", "tp_45_neither_country", "shift", "faithful")
    _edit(data_copy, "membership", "change_id", "mem_mitchell2026_blr_listed", "iso3", "RUS")
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    assert quiz.answer("q15_neither_country_shift") == "faithful"
    listed = data.load("membership")
    listed = listed[(listed["change"] == "listed_as_member") & (listed["source_id"] == "mitchell2026")]
    assert quiz.answer("nb01_mitchell_members") == listed["iso3"].nunique() == before - 1
    assert quiz.check("nb01_mitchell_members", before).startswith("Not quite")


@pytest.mark.parametrize("notebook", ["00", "01", "02", "03", "04", "05", "06"])
def test_no_rendered_question_text_prints_nan(notebook):
    """Review 2, M5: an empty cell (a source without a URL) must not reach a student as the word 'nan'."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from strings(v)

    for exercises in (False, True):
        for q in quiz.question_data(notebook, exercises=exercises):
            bad = [s for s in strings(q) if re.search(r"\bnan\b", s, flags=re.IGNORECASE)]
            assert not bad, f"{q['id']}: {bad}"


def _source_questions() -> list[tuple[str, str]]:
    """(question id, the right choice's source id) for every question, self-check or exercise, whose answer is a
    source."""
    sources = set(data.load("sources")["source_id"].astype(str))
    found = []
    for qid in quiz.question_ids(exercises=True):
        q = quiz.question(qid)
        if q.kind == "choice" and (right := q.right_option()).key in sources:
            found.append((qid, right.key))
    return found


def test_the_notebooks_own_names_for_a_source_are_read_as_that_source_wherever_a_source_is_the_answer():
    """Student 9, 06 Exercise 3: 'the relayed report', the lessons' own name for AFP 2022, got "Can't read that"."""
    rows = list(csv.DictReader(facts.SOURCE_NAMES.open(encoding="utf-8")))
    named = {row["source_id"] for row in rows}
    asked = [(qid, s) for qid, s in _source_questions() if s in named]
    assert asked, "no question has a source with classroom names as its answer: the test checks nothing"
    for qid, source_id in asked:
        for row in rows:
            if row["source_id"] == source_id:
                for typed in (row["name"], row["name"].capitalize()):
                    said = quiz.check(qid, typed)
                    assert said.startswith("Right"), (qid, typed, said)


def test_the_notebooks_own_names_for_a_source_pick_that_source_among_the_choices_right_or_not():
    rows = list(csv.DictReader(facts.SOURCE_NAMES.open(encoding="utf-8")))
    checked = 0
    for qid in quiz.question_ids(exercises=True):
        q = quiz.question(qid)
        if q.kind != "choice":
            continue
        keys = [o.key for o in q.options()]
        for row in (r for r in rows if r["source_id"] in keys):
            said = quiz.check(qid, row["name"])
            chosen = q.options()[keys.index(row["source_id"])]
            assert said.startswith("Right" if chosen.right else "Not quite"), (qid, row["name"], said)
            checked += 1
    assert checked > 1


def test_the_relayed_report_is_read_in_06_exercise_3():
    assert quiz.check("ex06_no_strength_cards", "the relayed report").startswith("Right")
    assert quiz.check("ex06_no_strength_cards", "the report citing AFP").startswith("Right")


def test_a_classroom_name_for_an_unknown_source_is_named_by_file_row_and_column(tmp_path, monkeypatch):
    bad = tmp_path / "source_names.csv"
    bad.write_text("source_id,name,note\nafp2022,the relayed report,\nafp2033,the other report,\n", encoding="utf-8")
    monkeypatch.setattr(facts, "SOURCE_NAMES", bad)
    with pytest.raises(ValueError, match=r"source_names\.csv, row 3, column source_id: 'afp2033'"):
        facts.classroom_names("afp2022")


def _item(notebook: str, qid: str) -> dict:
    return next(item for item in quiz.question_data(notebook, exercises=True) if item["id"] == qid)


def _read_after_answering(item: dict) -> list[str]:
    return [item["why"], *(c["feedback"] for c in item.get("choices", [])),
            *(w["feedback"] for w in item.get("wrong", []))]


def test_the_review_s_questions_before_where_troops_went_never_name_the_place():
    """Student 9: 06 Q4's feedback for 'Troops deployed' named Kazakhstan (Q6's answer) and, in effect, Q5's count;
    Q7's prompt, shown on the same page, named it too."""
    place = quiz.answer("q06_where_troops")
    for qid in ("q04_response_2010", "q05_troop_deployments"):
        for text in _read_after_answering(_item("06", qid)):
            assert place not in text, (qid, text)
    assert place not in quiz.question("q07_who_asked_kazakhstan").text()


def test_a_wrong_count_in_the_review_does_not_say_where_the_student_s_number_came_from():
    """Student 9: 06 Q1's feedback for 6 said it is how many members Evstratov names (Q3's answer, with the list),
    though 6 is also the count of the founding signatories in the story; Q3's feedback for 9 gave Q1's answer too."""
    q1, q3 = _item("06", "q01_first_two_years"), _item("06", "q03_members_named_2022")
    said_for = {w["number"]: w["feedback"] for w in q1["wrong"]}
    assert quiz.answer("q03_members_named_2022") in said_for, "the question no longer knows the number"
    told = said_for[quiz.answer("q03_members_named_2022")]
    assert "Evstratov" not in told and not any(facts.cname(c) in told for c in facts.listed("evstratov2022"))
    told = {w["number"]: w["feedback"] for w in q3["wrong"]}[quiz.answer("q01_first_two_years")]
    assert "first two years" not in told and "Stratfor" not in told


def test_05_exercise_1_does_not_give_the_self_check_s_special_operation_count():
    special = quiz.answer("nb05_special_operation_count")
    for text in _read_after_answering(_item("05", "ex05_evstratov_operation")):
        assert not re.search(rf"\b{special}\b[^.;]*special operation", text), text


@pytest.mark.parametrize("qid, typed", [("ex00_headline_daily", "Komersant"), ("ex01_uzbekistan_2010", "memeber")])
def test_a_name_one_letter_off_an_accepted_answer_gets_a_spelling_hint_not_a_pass(qid, typed):
    """Students 7 and 8: 'Komersant' got a flat "Not quite", 'memeber' a flat "Can't read"."""
    q = quiz.question(qid)
    meant = quiz.answer(qid) if q.kind == "name" else next(
        o.label for o in q.options() if near_miss.one_edit_apart(typed.lower(), o.label.lower()))
    said = quiz.check(qid, typed)
    assert not said.startswith("Right") and f"check the spelling: did you mean '{meant}'?" in said, said


def test_a_letter_off_another_choice_is_not_read_as_the_choice_one_of_its_words_names():
    """'formr member' was read as 'member' (a word of it names that choice) and marked right; it is a letter off
    'former member'."""
    said = quiz.check("ex01_uzbekistan_2010", "formr member")
    assert not said.startswith("Right") and "did you mean 'former member'?" in said, said


def test_the_spelling_hint_never_names_the_answer_for_a_different_real_answer_or_a_short_word():
    assert "check the spelling" not in quiz.check("nb05_simonyan_first_name", "Allen"), "a name under five letters"
    wrong = [k for k, _ in quiz.question("q14_peskov_first_name").known_wrong() if isinstance(k, str)]
    for typed in wrong:
        assert "check the spelling" not in quiz.check("q14_peskov_first_name", typed), typed
    assert near_miss.meant("Dmitrj", {"Dmitry": "right"}, ["Dmitrk"]) is None, "near a known wrong answer too"
    assert near_miss.meant("membes", {"member": "a", "members": "b"}) is None, "near two different answers"


@pytest.mark.parametrize("a, b, near", [("komersant", "kommersant", True), ("memeber", "member", True),
                                        ("memebr", "member", True), ("member", "member", False),
                                        ("alain", "alen", False), ("abc", "cba", False)])
def test_one_edit_apart_is_one_letter_added_dropped_changed_or_two_neighbours_swapped(a, b, near):
    assert near_miss.one_edit_apart(a, b) is near and near_miss.one_edit_apart(b, a) is near


def test_in_a_kernel_the_same_answer_to_the_same_question_is_read_back_and_another_answer_is_checked(
        tmp_path, monkeypatch):
    from csto.data import keeping

    monkeypatch.setenv("CSTO_TABLE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setitem(keeping._KEEPING, "on", True)
    checked = []
    real = quiz._check
    monkeypatch.setattr(quiz, "_check", lambda q, given: checked.append(given) or real(q, given))
    qid = quiz.question_ids("02")[0]
    first = quiz.check(qid, "z")
    assert quiz.check(qid, "z") == first and checked == ["z"], "the same answer was checked twice"
    quiz.check(qid, "y")
    assert checked == ["z", "y"]
