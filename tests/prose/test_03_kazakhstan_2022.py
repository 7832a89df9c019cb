"""Lesson 03 (Kazakhstan, January 2022): the story it tells and every number, date, name and quoted phrase its prose
states, checked against the record, the source texts and the lesson's own conventions (docs/authoring.md §1)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from csto import data
from csto.data import lookups
from csto.course import course_map
from csto.data import views
from csto.lessons import gaps, quiz

from conftest import fold, jargon_per_thousand, notes_follow_first_slides

ARRIVAL, WITHDRAWAL, WAR = (
    "ev_2022_01_06_first_troops_context",
    "ev_2022_01_13_kaz_withdrawal_context",
    "ev_2022_02_24_invasion_context",
)
DONE = "ev_2022_01_19_kaz_withdrawal_done_context"


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return views.with_labels(data.load("events")).set_index("event_id")


@pytest.fixture(scope="module")
def crises() -> pd.DataFrame:
    return views.with_labels(data.load("crises")).set_index("crisis_id")


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return data.load("claims").set_index("claim_id")


@pytest.fixture(scope="module")
def background(events) -> pd.DataFrame:
    """The record's background (other reports, cited) on January 2022 in Kazakhstan."""
    return events[(events["origin"] == "context") & (events["crisis_id"] == "kaz_2022")]


@pytest.fixture(scope="module")
def background_text(background) -> str:
    """Everything the background record says about the crisis, events and figures, as one text to search."""
    figures = data.load("figures")
    figures = figures[(figures["origin"] == "context") & (figures["iso3"].astype(str) == "KAZ")]
    parts = background[["title", "date_note"]].fillna("").astype(str).agg(" ".join, axis=1).tolist()
    parts += figures[["subject", "value_text"]].fillna("").astype(str).agg(" ".join, axis=1).tolist()
    return " ".join(parts).replace("’", "'")


@pytest.fixture(scope="module")
def gap() -> pd.DataFrame:
    return gaps.days_to(WAR, ["ev_2022_01_05_tokayev_request_context", ARRIVAL, DONE]).set_index("from_when")


def _code(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def _story(nb) -> str:
    (cell,) = nb.tagged("story")
    return fold(cell.source)


# ---- opening ---------------------------------------------------------------------------------------------------------

def test_title_is_the_course_maps_open_question(nb):
    question = course_map().set_index("notebook").loc["03", "question"]
    assert nb.cells[0].source.splitlines()[0] == f"# {question}"
    assert not re.search(r"say(ing)? no|refus", question, re.I)


def test_time_is_the_course_maps(nb):
    course = course_map().set_index("notebook")
    assert nb.says(f"{course.loc['03', 'minutes_self']} min self-study, {course.loc['03', 'minutes_class']} min in "
                   f"class")


def test_only_kazakhstan_has_an_account_of_troops(nb):
    responses = views.crisis_responses()
    assert set(responses.loc[responses["response"].astype(str) == "deployment", "crisis_id"]) == {"kaz_2022"}
    assert nb.says("Of the crises our five sources report, it is the only one in which the bloc sent troops")


def test_two_of_our_sources_mention_it(nb, events):
    seed = events[(events["crisis_id"] == "kaz_2022") & (events["origin"] == "seed")]
    assert set(seed["source_id"]) == {"evstratov2022", "mitchell2026"}
    assert not data.source_says("afp2022", "Kazakhstan in January") and not data.source_says("afp2022", "Tokayev asked")
    assert nb.says("Only two of our sources mention the mission")


# ---- what happened ---------------------------------------------------------------------------------------------------

def test_story_comes_right_after_the_objectives_and_is_short(nb):
    story = nb.index_of("## What happened")
    objectives = nb.index_of("## Learning objectives")
    assert all(c.metadata["slideshow"]["slide_type"] == "skip" for c in nb.cells[objectives + 1:story])
    assert nb.deck_slide_number(story) in (2, 3), "the deck carries the story as its second or third slide"
    assert (
        nb.cells[story].metadata["slideshow"]["slide_type"] == "slide" and "story" in nb.cells[story].metadata["tags"]
    )
    assert len(re.findall(r"[A-Za-z][A-Za-z'’-]*", _story(nb))) <= 250
    assert "other reports (cited)" in _story(nb)
    assert any('story.what_happened("03")' in c.source for c in nb.cells[story + 1:story + 4] if c.cell_type == "code")


def test_story_dates_are_days_of_the_record(nb, background):
    """Every day of January 2022 the story names is the start or end of a background event of the crisis."""
    days = {
        pd.Timestamp(f"2022-01-{int(d):02d}") for d in re.findall(r"\b(\d{1,2}) (?:to \d{1,2} )?January", _story(nb))
    }
    assert len(days) >= 8
    days |= {pd.Timestamp(f"2022-01-{int(d):02d}") for d in re.findall(r"\b\d{1,2} to (\d{1,2}) January", _story(nb))}
    recorded = set(background["start"]) | set(background["end"])
    assert days and days <= recorded, sorted(days - recorded)


@pytest.mark.parametrize(
    "phrase",
    [
        "liquefied gas",
        "terrorist gangs",
        "Article 4",
        "chaired",
        "caused, inter alia, by outside interference",
        "Collective Peacekeeping Forces",
        "no evidence of outside involvement",
        "short-term but effective",
        "11 January",
        "164",
        "225",
    ],
)
def test_story_facts_are_in_the_cited_record(nb, background_text, phrase):
    assert phrase in _story(nb)
    assert phrase.lower() in background_text.lower(), f"no background row of kaz_2022 holds {phrase!r}"


def test_story_contributors_are_the_missions(nb):
    links = data.load("event_countries").query("event_id == 'ev_2022_01_kaz_mission_context' and role == 'participant'")
    names = data.load("countries").set_index("iso3")["name_en"]
    contributors = [names[c] for c in links["iso3"]]
    assert len(contributors) == 5 and (links["origin"] == "context").all()
    assert f"from {', '.join(contributors[:-1])} and {contributors[-1]}" in _story(nb)
    assert nb.says("troops from five member states")


def test_story_troop_figure_is_a_background_figure(nb):
    troops = data.load("figures").query("metric == 'troops_deployed' and origin == 'context'")
    assert {"over 2,000", "2,030"} <= set(troops["value_text"]) and "over 2,000" in _story(nb)
    assert nb.says('"over 2,000" in one, 2,030 in another')


def test_story_toll_is_official_and_dated_and_the_withdrawn_figure_says_so(nb):
    """Review 5, M2: the 164 of 9 January was withdrawn as 'a technical error'; it is never called official."""
    deaths = data.load("figures").query("metric == 'deaths' and origin == 'context'")
    toll = deaths[deaths["iso3"].astype(str) == "KAZ"]
    assert set(zip(toll["date"], toll["value"])) >= {("2022-01-09", 164), ("2022-01-15", 225)}
    withdrawn = toll.set_index("figure_id").loc["ctx_kaz_deaths_164"]
    assert "withdrawn" in withdrawn["subject"] and "official" not in withdrawn["subject"]
    assert "technical error" in data.load("citations").set_index("citation_id").loc["cite_belsat_2022_01_10", "note"]
    labels = data.load("story_events").query("notebook == '03'")["label"]
    assert not labels.str.contains("Official toll: 164").any()
    assert nb.says('on 9 January Kazakh state television reported 164 people killed, a figure withdrawn the next day '
                   'as "a technical error". On 15 January the Prosecutor General\'s Office put the toll at 225')



def test_toll_of_15_january_is_dated_and_marked_as_later_revised(nb):
    """Review 6, M4: 225 was the count of 15 January; the Prosecutor General gave 230 on 14 March 2022 (Interfax).
    The recap and the timeline's label date the first count and say it was revised, with the later figure's value
    and day taken from the figures table."""
    deaths = data.load("figures").query("metric == 'deaths' and origin == 'context'").set_index("figure_id")
    first, later = deaths.loc["ctx_kaz_deaths_225"], deaths.loc["ctx_kaz_deaths_230"]
    assert str(first["date"]) < str(later["date"]) and int(later["value"]) > int(first["value"])
    assert "Prosecutor General" in data.load("citations").set_index("citation_id").loc[later["citation_id"], "note"]
    from csto import story

    drawn = [t for t in story.what_happened_figure("03").layout.yaxis.categoryarray if "225 dead" in t]
    assert len(drawn) == 1 and drawn[0].startswith("15 January 2022:"), drawn  # the chart dates every label
    assert "revised" in drawn[0] and "Official toll" not in drawn[0], drawn
    assert nb.says(f"{int(first['value'])} by the official count of 15 January, later revised to "
                   f"{int(later['value'])} as of 14 March 2022 (other reports, cited)")
    assert nb.says(f"on 14 March the Prosecutor General gave {int(later['value'])}")

def test_context_map_and_story_chart(nb):
    assert 'charts.show(charts.places_map("03"))' in _code(nb)
    assert 'story.what_happened("03")' in _code(nb)


# ---- our two sources -------------------------------------------------------------------------------------------------

def test_evstratov_passages_and_their_kinds(nb, claims, events):
    assert claims.loc["ev_only_effective_kazakhstan", "kind"] == "judgement"
    assert claims.loc["ev_kaz_mission_ambiguous", "kind"] == "judgement"
    assert (
        "without technical or political excesses or problems" in events.loc["ev_2022_kaz_withdrawal_evstratov", "quote"]
    )
    assert data.source_says("evstratov2022", "in an extremely ambiguous way")
    assert nb.says('"Without technical or political excesses or problems" is his assessment; he gives no date')


def test_evstratov_names_who_sees_the_mission_ambiguously_and_the_lesson_quotes_them(nb, claims):
    """He says the mission is perceived so "both in Kazakh society and in the intellectual environment of member
    states": the lesson quotes those groups, shows the passage, and never says he does not say by whom."""
    groups = "both in Kazakh society and in the intellectual environment of member states"
    assert groups in claims.loc["ev_kaz_mission_ambiguous", "quote"] and data.source_says("evstratov2022", groups)
    assert data.source_says("evstratov2022", "having a specific nature")
    assert nb.says(f'the mission "is perceived {groups} in an extremely ambiguous way"')
    assert nb.says('he explains it only by the mission "having a specific nature"')
    assert 'show.passage("claims", "ev_kaz_mission_ambiguous")' in _code(nb)
    assert not nb.says("does not say by whom")
    assert nb.says('"extremely ambiguous" is Evstratov\'s report of how others perceive the mission')
    assert not nb.says('"extremely ambiguous" are Evstratov\'s judgements')


EVSTRATOV_OTHER_CRITICISM = (
    "sometimes pushes it to rather rude, authoritarian actions against them",
    "not the most successful actions of the Russian army in recent times have dealt a blow to the credibility of the "
    "Russian Federation",
    "obvious Azerbaijani provocations",
    "even more shadowed by the extremely active American and Western diplomacy",
    "a decisive victory of Russian troops in Ukraine would immediately close a number of issues",
)


@pytest.mark.parametrize("words", EVSTRATOV_OTHER_CRITICISM)
def test_evstratov_is_introduced_with_every_side_he_criticises_in_his_own_words(nb, words):
    assert data.source_says("evstratov2022", words)
    assert nb.says(f'"{words}"')


def test_evstratovs_decisive_victory_is_introduced_as_the_first_of_his_chances_not_as_a_wish(nb):
    """His criticism of Moscow is quoted as his other lines are, and 'a decisive victory ...' keeps its frame: the
    first of the 'chances of resetting the bloc' he lists, a scenario."""
    assert data.source_says("evstratov2022", "they also have chances of resetting the bloc")
    assert data.source_says("evstratov2022", "First, a decisive victory of Russian troops")
    assert nb.says('The first of his "chances of resetting the bloc" is that "a decisive victory')


def test_peacekeeping_is_the_blocs_official_name(nb, background_text, events):
    assert "peacekeeping intervention" in events.loc["ev_2022_02_invasion", "quote"]
    assert "Collective Peacekeeping Forces" in background_text
    decision = events.loc["ev_2022_01_06_csc_decision_context"]
    assert "official name" in decision["date_note"] and decision["date"] == "2022-01-06"
    assert nb.says('"Peacekeeping" is the bloc\'s own official name: its decision of 6 January 2022 sent the '
                   '"Collective '
                   f'Peacekeeping Forces" (other reports (cited): {lookups.publisher(decision["citation_id"])}, 6 '
                   f'January 2022)')
    assert nb.says("Is it neutral?")
    assert not nb.says("it is Mitchell's label")


def test_sources_described_by_who_where_when(nb):
    sources = data.load("sources").set_index("source_id")
    assert "Russian historian" in sources.loc["evstratov2022", "author_description"]
    assert sources.loc["mitchell2026", "published"] == "2026-01-23"
    assert nb.says("a Russian historian living in Armenia and lecturing in Yerevan, written in autumn 2022")
    assert nb.says("a DC-based foreign policy analyst, in The National Interest, 23 January 2026")


# ---- timeline and arithmetic -----------------------------------------------------------------------------------------

def test_timeline_our_sources_give_no_day(nb):
    window = gaps.within(views.dated_rows(), "2022-01-01", "2022-02-28")
    seed = window[window["origin"] == "seed"]
    assert len(seed) and not (seed["date_precision"].astype(str) == "day").any()
    assert (window.loc[window["origin"] == "context", "date_precision"].astype(str) == "day").any()
    assert seed.loc[seed["source_id"] == "evstratov2022", "when"].nunique() == 1
    assert "only other reports give days" in _code(nb)
    assert [c for c in nb.tagged("main-chart") if "charts.timeline" in c.source]


def test_days_from_the_mission_to_the_war(nb, gap):
    assert gap.loc["6 Jan 2022", ["days", "months"]].tolist() == [49, 1.6]
    assert gap.loc["19 Jan 2022", ["days", "months"]].tolist() == [36, 1.2]
    assert nb.says("From the arrival of the first troops (6 January 2022) it is 49 days, about 1.6 months")
    # 19 January is the day the withdrawal was due to end (Shoigu's statement), not a reported last day
    assert nb.says("From 19 January 2022, the day the withdrawal was due to end and the day Interfax calls the mission "
                   "completed, it is 36 days, about 1.2 months")
    assert not nb.says("From the end of the withdrawal (19 January 2022)")
    assert nb.says("Count the days from the arrival of the first troops to the day the withdrawal was due to end.")
    assert "was due to end" in quiz.check("ex03_mission_days", quiz.answer("ex03_mission_days"))
    assert "the last day of the withdrawal" not in quiz.question("ex03_mission_days").text()
    figure = data.load("figures").set_index("figure_id").loc["mi_kaz_to_invasion"]
    assert figure["value_text"] == "Just over a month" and figure["source_id"] == "mitchell2026"


# ---- why this time ---------------------------------------------------------------------------------------------------

def test_who_asked(nb, crises, events):
    assert crises.loc["kgz_2010", "requester"].startswith("Kyrgyzstan") and data.source_says(
        "stratfor2017", "Bishkek asked"
    )
    assert "Lukashenko" in crises.loc["tjk_2012", "requester"]
    assert events.loc["ev_2022_01_05_tokayev_request_context", "origin"] == "context"
    assert nb.says('Stratfor reports that in 2010 "Bishkek asked", and that in 2012 Belarus\'s president Lukashenko '
                   'asked')


def test_basis_given_is_attributed_and_its_missing_evidence_noted(nb, claims, background_text):
    assert "domestic affair" in claims.loc["sf_2010_domestic_affair", "quote"]
    assert "Article 4" in background_text and "outside interference" in background_text
    assert nb.says("This time the bloc gave another basis, by other reports (cited): Article 4 of the treaty")
    reason = "explained the decision by saying the conflict was a domestic affair"
    assert data.source_says("stratfor2017", reason)
    assert nb.says(f'Secretary-General Bordyuzha, Stratfor reports, "{reason}"')
    assert not nb.says('"a domestic affair"'), "Stratfor's indirect speech is not Bordyuzha's own phrase"
    assert nb.says("Reports at the time noted that no evidence of outside involvement had been shown")
    assert not nb.says("observers disputed") and not nb.says("Observers disputed"), (
        "second review, 11: no named observers"
    )
    for source in ("evstratov2022", "mitchell2026"):
        assert not data.source_says(source, "Article 4") and not data.source_says(source, "interference")


REQUESTS_WITHOUT_TROOPS = {  # event of the request (other reports, cited) → its crisis
    "ev_2021_05_13_arm_article2_appeal_context": "arm_2021",
    "ev_2021_07_07_tjk_afghan_border_appeal_context": "tjk_2021",
    "ev_2022_09_13_arm_appeal_context": "arm_2022",
}


def test_who_asked_gives_the_requests_that_brought_no_troops(nb, events):
    """Review 9, M4: 'a member's own request' is set up with its counter-cases from the course's own record (members'
    requests in 2021 and on 13 September 2022 that brought no troops), in plain words and without a verdict."""
    responses = data.load("crisis_responses")
    for event_id, crisis_id in REQUESTS_WITHOUT_TROOPS.items():
        request = events.loc[event_id]
        assert request["origin"] == "context" and pd.notna(request["citation_id"]), event_id
        assert str(request["kind"]) == "request" and request["crisis_id"] == crisis_id, event_id
        told = responses.loc[responses["crisis_id"] == crisis_id, "response"].astype(str)
        assert len(told) and "deployment" not in set(told), crisis_id
    section = fold(nb.cells[nb.index_of("### 1. Who asked")].source)
    assert "requests that brought no troops" in section
    assert "Armenia asked the bloc for consultations in May 2021 and for military aid on 13 September 2022" in section
    assert "in July 2021 Tajikistan asked the bloc's members for help" in section
    assert "so a request alone does not explain it" not in section, "the course sets out the cases, not a verdict"


def test_the_kazakhstan_verdict_says_it_reads_the_blocs_action_as_russia_depending_on_it():
    """Stratfor's forecast is about Russia; Evstratov's passage names only the bloc. The verdict note says which reading
    the verdict rests on, in Evstratov's own words for the bloc."""
    check = data.load("forecast_checks").set_index("check_id").loc["fc_russia_leery_vs_ev_kazakhstan"]
    assert "Russia" not in check["quote"], "the passage itself names no part for Russia"
    assert data.source_says("evstratov2022", "Russian-led CSTO bloc")
    assert "reading the bloc's action (Evstratov's 'Russian-led CSTO bloc') as Russia depending on it" in check[
        "verdict_note"]
    assert "Evstratov does not say what part Russia played" in check["verdict_note"]


def test_the_forecast_table_shows_verdicts_in_words_not_codes(nb):
    """The table under 'Russia's interest, and Stratfor's forecast' maps the verdict codes to the codebook's words, as
    notebook 02 does: a student reads 'not yet testable', not 'not_yet_testable'."""
    cell = next(c.source for c in nb.cells if c.cell_type == "code" and '"sf_russia_leery"' in c.source)
    assert 'lookups.value_labels_of("forecast_checks", "verdict")' in cell
    words = lookups.value_labels_of("forecast_checks", "verdict")
    assert "_" not in words["not_yet_testable"]


def test_the_spanish_euronews_page_is_quoted_as_the_courses_translation(events):
    citation = data.load("citations").set_index("citation_id").loc["cite_euronews_2022_01_07"]
    assert "es.euronews.com" in citation["url"] and "Ni Rusia ni Kazajist" in citation["note"]
    for event_id in ("ev_2022_01_06_csc_decision_context", "ev_2022_01_07_basis_disputed_context"):
        note = events.loc[event_id, "date_note"]
        assert "Euronews" in note and "the course's translation from the Spanish" in note, event_id


def test_forecast_kazakhstan_counter_case(nb):
    checks = data.load("forecast_checks").set_index("check_id")
    leery = checks[checks["claim_id"] == "sf_russia_leery"]
    assert checks.loc["fc_russia_leery_vs_ev_kazakhstan", "verdict"] == "inconsistent"
    assert (leery.drop("fc_russia_leery_vs_ev_kazakhstan")["verdict"] != "inconsistent").all()
    assert nb.says("By Evstratov's account of Kazakhstan the bloc did act inside a member state: a counter-case")


# ---- exercises and self-check ----------------------------------------------------------------------------------------

def test_exercise_two_thirteen_days_and_neither_source(nb, events):
    assert (events.loc[WITHDRAWAL, "end"] - events.loc[ARRIVAL, "start"]).days == 13
    assert quiz.check("ex03_mission_days", 13).startswith("Right")
    assert quiz.check("ex03_days_source", "a").startswith("Right")
    assert nb.says("(a) Neither: both days come from other reports")


def test_worked_example_before_the_exercise_and_no_answer_in_hints(nb):
    cells = nb.cells
    exercise = next(i for i, c in enumerate(cells) if "ex03_mission_days" in c.source)
    assert any(".days" in c.source and c.cell_type == "code" for c in cells[exercise - 3:exercise])
    for c in nb.tagged("student"):
        hint = "\n".join(line for line in c.source.splitlines() if line.startswith("#"))
        assert "13" not in hint and "(a)" not in hint and "2022-01-19" not in hint


def test_self_check_counts_nothing_by_hand(nb):
    closing = nb.prose[nb.prose.index("## Self-check"):]
    assert not re.search(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+) questions\b", closing, re.I)
    assert 'show.self_check("03")' in _code(nb)


# ---- the room and the classroom's words ------------------------------------------------------------------------------

def test_speaker_notes_open_their_section_and_fit_the_class(nb):
    assert not notes_follow_first_slides(nb)
    planned = nb.planned_minutes()
    assert len(planned) == len(nb.notes().split("**Speaker notes")) - 1
    assert sum(m for _, m in planned) <= 40
    assert {"Exercises", "Self-check", "What happened"} <= {s for s, _ in planned}


def test_prose_uses_the_classrooms_words(nb):
    assert jargon_per_thousand(nb.prose) <= 5


def test_the_mission_was_declared_completed_on_11_january_and_the_withdrawal_began_on_13_january(nb):
    """Second review, finding 1: the cited pages date Tokayev's declaration to 11 January, not 13 January."""
    events = data.load("events").set_index("event_id")
    assert str(events.loc["ev_2022_01_11_kaz_mission_completed_context", "date"]) == "2022-01-11"
    assert nb.says("On\n11 January Tokayev told parliament that their main mission was completed")
    assert nb.says("The withdrawal began on 13 January; Russia's\ndefence minister said it would end by 19 January")
    assert not nb.says("declared over")


def test_the_missing_evidence_is_told_in_the_story_and_where_the_basis_is_read_and_elsewhere_only_referred_to(nb):
    """Said five times, a cited report's remark reads as the course arguing against Tokayev: the story tells it, the
    section on the basis reads it once, and every other place (notes, recap, answers) points back to them."""
    said = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "no evidence" in fold(c.source)]
    basis = nb.index_of("### 2. The basis given")
    assert said == [nb.cells.index(nb.tagged("story")[0]), basis], said
    assert fold(nb.cells[basis].source).count("no evidence") == 1


def test_the_leave_out_slide_promises_only_questions_its_table_answers(nb):
    heading = nb.index_of("## What our sources leave out")
    promise = fold(nb.cells[heading].source)
    table = gaps.crisis_gaps("kaz_2022").set_index("question")
    assert "what it cost" in promise
    cost = table.loc["What did it cost in lives?", "other reports (cited)"]
    deaths = data.load("figures")
    deaths = deaths[(deaths["metric"] == "deaths") & (deaths["iso3"] == "KAZ")]
    # the table counts the figures given while the crisis lasted (January 2022); a later revision (14 March) is
    # told in the story and the recap, and the story gives every count
    during = deaths[deaths["date"].astype(str) <= "2022-01-31"]
    assert not during.empty and len(during) < len(deaths)
    assert all(str(v) in cost for v in during["value_text"]), cost
    story = _story(nb)
    assert all(str(v) in story for v in deaths["value_text"]), "the story gives every toll, the revision too"


def test_belarus_2020_stands_beside_the_earlier_calls_with_no_request_to_the_bloc(nb):
    """Review 5, M4: the one earlier case in which Moscow named the bloc as a channel of help for a member's
    government facing unrest; the record holds no request to the bloc for it."""
    crises = data.load("crises").set_index("crisis_id")
    assert pd.isna(crises.loc["blr_2020", "requester"]) and crises.loc["blr_2020", "origin"] == "context"
    responses = data.load("crisis_responses")
    detail = responses.loc[responses["crisis_id"] == "blr_2020", "detail"].iloc[0]
    assert "if necessary, through the Collective Security Treaty Organization" in detail
    assert nb.says('In August 2020, amid protests after Belarus\'s presidential election, Moscow said it was ready to '
                   'help "if necessary, through the Collective Security Treaty Organization" (other reports, cited); '
                   'no request to the bloc and no troops are in the record.')


def test_the_lesson_draws_the_matrix_once_per_period_and_says_how_many_parts(nb):
    """Review 8: with Tajikistan's appeal of July 2021 the matrix is drawn in three periods (MATRIX_PERIODS); the
    lesson draws each one and its prose counts the parts it shows."""
    from csto.charts.matrix import MATRIX_PERIODS

    drawn = [c.source for c in nb.cells if c.cell_type == "code" and "charts.response_matrix(" in c.source]
    assert [f"years=periods[{i}]" in src for i, src in enumerate(drawn)] == [True] * len(MATRIX_PERIODS)
    assert "MATRIX_PERIODS" in drawn[0] and not any(re.search(r"years=\(\d{4}, \d{4}\)", src) for src in drawn)
    assert nb.says("in four parts (2010 to 2019, 2020, 2021, then from 2022)")
    assert nb.says("with Kazakhstan outlined in the last")



def test_every_exercise_the_feedback_names_is_a_heading_of_the_lesson(nb):
    """Student 8: the feedback named an 'Exercise 2a' that the lesson never labels."""
    import json
    headings = set(re.findall(r"(?m)^#+ (Exercise \w+)", nb.markdown))
    named = set(re.findall(r"Exercise \w+", json.dumps(quiz.question_data("03", exercises=True))))
    assert named and named <= headings, named - headings


def test_dates_typed_day_first_get_feedback_that_names_the_slip(events):
    """Student 8: '06/01/2022' and '19/01/2022' gave -133 and a bare 'Not quite'; pandas had read 06/01 as 1 June."""
    import warnings

    arrival, end = events.loc[ARRIVAL, "start"], events.loc[WITHDRAWAL, "end"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        typed = (pd.Timestamp(f"{end:%d/%m/%Y}") - pd.Timestamp(f"{arrival:%d/%m/%Y}")).days
    assert typed != quiz.answer("ex03_mission_days")
    said = quiz.check("ex03_mission_days", typed)
    assert said.startswith(f"Not quite: {typed} days: a date typed day first") and "year-month-day" in said, said
    assert str(quiz.answer("ex03_mission_days")) not in said.split("Look again")[0].replace(str(typed), "")
