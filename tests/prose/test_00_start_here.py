"""Notebook 00 (Start here): every number, date, name and quoted phrase its prose states, checked against the data.

Each test reads the data (never a number typed from memory where the data has it) and the notebook's own words
(``nb.says``), so a change to either fails here (docs/authoring.md §1).
"""

from __future__ import annotations

import re

import pytest

from csto import data, glossary, labels, reader
from csto.course import course_map
from csto.data import views
from csto.lessons import quiz
from csto.lessons.exercises import nb00

YARDSTICK = r"Who: (?P<who>.+?) For whom: (?P<for_whom>.+?) War: (?P<war>.+)"  # the notebook's split of 'viewpoint'


@pytest.fixture(scope="module")
def sources():
    return data.load("sources").set_index("source_id")


@pytest.fixture(scope="module")
def membership():
    return data.load("membership")


@pytest.fixture(scope="module")
def rows():
    return views.dated_rows()


# ---- the opening ----------------------------------------------------------------------------------------------------

def test_twenty_minutes_alone_and_thirty_in_class(nb):
    course = course_map().set_index("notebook")
    assert (course.loc["00", "minutes_self"], course.loc["00", "minutes_class"]) == (20, 30)
    assert nb.says("**Time:** 20 min self-study, 30 min in class.")


def test_five_course_sources_written_between_2017_and_2026(nb, sources):
    assert len(sources) == 5
    assert sources["start"].dt.year.min() == 2017 and sources["end"].dt.year.max() == 2026
    assert set(sources.index) == {"stratfor2017", "stratfor2017_id", "evstratov2022", "afp2022", "mitchell2026"}
    assert nb.says("its five [course sources](../docs/glossary.md#course-source), written between 2017 and 2026")
    assert nb.says("`stratfor2017`, `stratfor2017_id`, `evstratov2022`, `afp2022`, `mitchell2026`")


def test_the_opening_describes_each_author_as_the_sources_table_does(nb, sources):
    assert sources.loc["stratfor2017_id", "translation_of"] == "stratfor2017" and sources.loc["stratfor2017_id", "language"] == "id"
    assert sources.loc["stratfor2017_id", "author_description"] == "unnamed translator"
    evstratov = sources.loc["evstratov2022", "author_description"]
    assert "Russian historian" in evstratov and "living in Armenia" in evstratov and "Yerevan" in evstratov
    assert sources.loc["afp2022", "outlet"] == "unnamed outlet relaying AFP"
    assert "DC-based foreign policy analyst" in sources.loc["mitchell2026", "author_description"]
    assert pd_isna(sources.loc["stratfor2017", "author"]) and "Stratfor" in sources.loc["stratfor2017", "outlet"]
    assert nb.says("a forecast by the firm Stratfor, a partial Indonesian translation of it by an unnamed translator, "
                   "an opinion article by a Russian historian living in Armenia, a report by an unnamed outlet relaying "
                   "the AFP news agency, and an analysis by a DC-based foreign policy analyst")


def pd_isna(value) -> bool:
    return value != value or value is None


def test_the_opening_definition_is_stratfors_words(nb):
    assert data.source_says("stratfor2017", "a Eurasian military alliance led by Russia")
    assert nb.says('in Stratfor\'s words, "a Eurasian military alliance led by Russia"')


def test_background_facts_are_said_to_be_marked_and_cited(nb):
    for name in data.table_names():
        frame = data.load(name)
        if "origin" in frame and "citation_id" in frame:
            background = frame[frame["origin"].astype(str) == "context"]
            assert background["citation_id"].notna().all(), f"{name}: a background row without a citation"
    assert nb.says("A few facts from outside them are marked as background and cited.")


# ---- the CSTO in plain words ----------------------------------------------------------------------------------------

def test_every_source_calls_it_a_military_alliance(nb):
    for source_id, words in {"stratfor2017": "military alliance", "stratfor2017_id": "aliansi militer",
                             "evstratov2022": "military alliance", "afp2022": "military alliance",
                             "mitchell2026": "military alliance"}.items():
        assert data.source_says(source_id, words), source_id
    assert nb.says("Every source calls it a military alliance")


@pytest.mark.parametrize("source_id, words", [
    ("stratfor2017", "began in 1992 as the Collective Security Treaty"),
    ("afp2022", "the attacked state receives support from other members"),
    ("mitchell2026", "Russia is the most powerful military in the CSTO"),
])
def test_the_plain_words_are_each_sources_own(nb, source_id, words):
    assert data.source_says(source_id, words)
    assert nb.says(f'"{words}"')


def test_stratfor_says_the_treaty_was_struck_by_newly_independent_states(nb):
    assert data.source_says("stratfor2017", "an agreement struck by the newly independent states of the former Soviet Union")
    assert nb.says("an agreement among the newly independent states of the former Soviet Union")


def test_the_member_passage_is_evstratovs_from_autumn_2022(nb, sources):
    row = data.load("glossary").set_index("term").loc["CSTO"]
    assert row["source_id"] == "evstratov2022" and "six post-Soviet states" in row["quote"]
    assert labels.source_published()["evstratov2022"] == "Sep 2022–Dec 2022"
    assert nb.says("Evstratov, writing in autumn 2022:")


def test_evstratov_and_afp_list_the_same_six_members(nb):
    evstratov, afp = views.members_listed_by("evstratov2022"), views.members_listed_by("afp2022")
    assert len(evstratov) == 6 and set(evstratov) == set(afp)
    assert nb.says("Six members in 2022, as Evstratov and AFP both list them.")
    assert nb.says("Evstratov and AFP name six members in 2022")


def test_stratfor_counts_nine_in_its_first_two_years(nb, membership):
    joined = membership[(membership["change"] == "joined") & (membership["origin"] == "seed")]
    assert joined["iso3"].nunique() == 9 and set(joined["source_id"]) == {"stratfor2017"}
    assert data.source_says("stratfor2017", "in its first two years the bloc grew to encompass")
    assert nb.says('Stratfor (2017) says the bloc had nine "in its first two years"')


def test_mitchell_reports_armenia_suspending_its_participation(nb, membership):
    rows = membership[(membership["change"] == "suspended_participation") & (membership["source_id"] == "mitchell2026")]
    assert set(rows["iso3"]) == {"ARM"}
    assert "suspending its participation" in rows["quote"].iloc[0]
    assert nb.says('Mitchell (2026) reports Armenia "suspending its participation"')


def test_the_nato_comparisons_in_the_notes_are_the_sources(nb):
    assert data.source_says("stratfor2017", "an alliance designed to serve as a Eurasian NATO of sorts")
    assert data.source_says("stratfor2017", "Why Russia's Military Alliance Is Not the Next NATO")
    assert data.source_says("afp2022", "As in the case of the NATO treaty for the West, the CSTO article provides")
    assert nb.says('Stratfor calls the bloc "a Eurasian NATO of sorts" and says it is not the next NATO')


def test_read_around_shows_the_member_passage():
    html = reader.read("evstratov2022", around="CSTO").data
    assert "six post-Soviet states" in html


# ---- the course map -------------------------------------------------------------------------------------------------

def test_seven_notebooks_and_the_question_of_06(nb):
    course = course_map()
    assert list(course["notebook"]) == ["00", "01", "02", "03", "04", "05", "06"]
    assert course.set_index("notebook").loc["06", "question"].startswith("Is the CSTO the next NATO?")
    assert nb.says('"Is the CSTO the next NATO?"')


# ---- the sources ---------------------------------------------------------------------------------------------------

def test_two_dates_stated_three_inferred(nb, sources):
    assert sources["date_basis"].astype(str).value_counts().to_dict() == {"stated": 2, "inferred": 3}
    assert set(sources[sources["date_basis"] == "stated"].index) == {"stratfor2017", "mitchell2026"}
    assert nb.says("Two texts print their date (stated); for the other three the course infers it")
    assert nb.says("Two dates are stated, three inferred.")


def test_afps_date_rests_on_the_background_summit_day(nb, sources):
    note = sources.loc["afp2022", "date_note"]
    assert "23 November 2022" in note and "background" in note
    assert nb.says("(background: the Yerevan summit met on 23 November 2022)")


def test_two_texts_name_no_outlet_of_their_own(nb, sources):
    assert sources.loc["stratfor2017_id", "outlet"] == "unknown"
    assert sources.loc["afp2022", "outlet"].startswith("unnamed outlet")
    assert nb.says("two texts name no outlet of their own")


def test_every_viewpoint_follows_the_one_yardstick(nb, sources):
    parts = sources["viewpoint"].str.extract(YARDSTICK)
    assert parts.notna().all().all(), "a viewpoint does not read 'Who: … For whom: … War: …'"
    assert nb.says("The course describes every source with the same yardstick: who writes and from where, for whom, "
                   "how it names the war, and whom it criticises.")


@pytest.mark.parametrize("source_id, words", [
    ("afp2022", "has been dealt a major blow"),
    ("evstratov2022", "special operation"),
    ("evstratov2022", "rude, authoritarian actions"),
    ("mitchell2026", "invasion"),
    ("mitchell2026", "to come to the aid of its member-states, like Armenia"),
])
def test_the_notes_hold_every_source_to_the_same_questions(nb, sources, source_id, words):
    assert data.source_says(source_id, words)
    assert words in sources.loc[source_id, "viewpoint"] or words == "invasion"
    assert nb.says(f'"{words}"')


def test_the_translation_is_partial_and_starts_at_stalled_progress(nb, sources):
    pairs = data.load("translation_pairs")
    assert int((pairs["shift"] == "omission").sum()) == 35 and len(pairs) == 52
    assert "from 'Stalled Progress' on" in sources.loc["stratfor2017_id", "viewpoint"]
    by_seq = pairs.set_index("seq").sort_index()
    first = int(by_seq.index[by_seq["translation"].notna()].min())
    assert (by_seq.loc[: first - 1, "shift"] == "omission").all(), "everything before the first translated passage is left out"
    assert by_seq.loc[first - 1, "quote"] == "Stalled Progress"
    assert nb.says("undated, by an unnamed translator, and **partial**")
    assert nb.says('the translation starts with the section "Stalled Progress"')


def test_the_republication_and_its_notice(nb, sources):
    row = sources.loc["mitchell2026"]
    assert row["label"].startswith("Russian 'foreign agent' notice")
    assert "nationalinterest.org" in row["republished_by"] and row["republished_by"].startswith("unnamed")
    assert data.source_says("mitchell2026", "Источник: nationalinterest.org")
    assert data.source_says("mitchell2026", "выполняющим функции иностранного агента")
    assert "does not say who printed the notice or under what rule" in row["viewpoint"]
    assert nb.says('ends with the line "Источник: nationalinterest.org"')
    assert nb.says("The text does not say who printed the notice or under what rule.")
    assert not nb.says("under Russian law"), "the seed does not say under what law the notice is printed (review L15)"


def test_the_notice_in_the_glossarys_english(nb):
    row = data.load("glossary").set_index("term").loc["foreign agent"]
    # Review round 2, L7: the notice is disjunctive; both alternatives are translated.
    assert "by a foreign mass medium performing the functions of a foreign agent" in row["definition"]
    assert "and (or) by a Russian legal entity performing the functions of a foreign agent" in row["definition"]
    assert data.source_says("mitchell2026", "и (или) российским юридическим лицом, выполняющим функции иностранного агента")
    assert nb.says('a foreign mass medium "performing the functions of a foreign agent", and (or) by a Russian legal entity '
                   "performing those functions (the glossary's English)")


# ---- reading the sources whole -----------------------------------------------------------------------------------------

def test_the_sources_are_about_4400_words_and_afp_about_600():
    words = {s: len(data.source_text(s).split()) for s in labels.source_order()}
    assert round(sum(words.values()), -2) == 4400
    assert round(words["afp2022"], -2) == 600


def test_the_notebook_states_the_word_counts(nb):
    assert nb.says("together they are about 4,400 words")
    assert nb.says("the short AFP report (about 600 words) quotes leaders, two Russian dailies and two analysts")


def test_afp_quotes_leaders_two_russian_dailies_and_two_analysts(sources):
    quotes = data.load("quotes")
    afp = quotes[quotes["source_id"] == "afp2022"]
    dailies = set(afp.loc[afp["speaker_kind"] == "newspaper", "speaker"])
    assert dailies == {"Kommersant", "Nezavisimaya Gazeta"}
    assert {"Murat Aslan", "Richard Giragosian"} <= set(afp["speaker"])
    assert "two analysts (one in Ankara, one in Yerevan)" in sources.loc["afp2022", "viewpoint"]


def test_every_source_can_be_opened_whole_by_its_id():
    for source_id in labels.source_order():
        assert reader.coverage(source_id)[1] > 0
        assert data.source_text(source_id)


# ---- words ------------------------------------------------------------------------------------------------------------

def test_one_glossary_entry_is_background_the_csto_charter(nb):
    terms = data.load("glossary")
    context = terms[terms["origin"] == "context"]
    assert list(context["term"]) == ["CSTO Charter"] and context["citation_id"].notna().all()
    assert nb.says("for one entry, *CSTO Charter*, background, not from the course sources, with its citation")


def test_the_glossary_slide_terms_exist_and_bloc_is_stratfors(nb):
    terms = glossary.terms().set_index("term")
    for term in ["CSTO", "CIS", "NATO", "Secretary-General", "quorum", "bloc"]:
        assert term in terms.index
    assert terms.loc["bloc", "basis"] == "Stratfor 2017"
    assert nb.says("the glossary says which source uses each word (here Stratfor)")


def test_the_method_words_exist_in_the_glossary():
    method = set(glossary.method_terms()["term"])
    assert {"course source", "seed", "background row", "verbatim quote", "provenance", "date precision", "span"} <= method


# ---- one state, two kinds of date ------------------------------------------------------------------------------------

def test_georgia_stratfor_spans_and_background_days(nb, rows):
    georgia = rows[rows["title"].str.startswith("Georgia:")]
    assert set(georgia["title"]) == {"Georgia: joined", "Georgia: withdrew", "Georgia: did not renew"}
    seed = georgia[georgia["origin"] == "seed"]
    assert set(seed["source_id"]) == {"stratfor2017"} and (seed["date_precision"].astype(str) == "period").all()
    withdrew = seed[seed["title"] == "Georgia: withdrew"].iloc[0]
    assert (withdrew["start"].year, withdrew["end"].year) == (1992, 1999)
    assert data.source_says("stratfor2017", "But by 1999, three members")
    lapse = georgia[georgia["title"] == "Georgia: did not renew"].iloc[0]
    assert lapse["origin"] == "context" and str(lapse["start"].date()) == "1999-04-20"
    assert labels.publisher(lapse["citation_id"]) == "Jamestown Foundation"
    assert labels.date_label(data.load("citations").set_index("citation_id").loc[lapse["citation_id"], "date"]) == "Apr 1999"
    assert nb.says('Stratfor says only that "by 1999" three members had withdrawn: the span 1992–1999.')
    assert nb.says("(a Jamestown Foundation report of April 1999, cited) give 20 April 1999")


def test_the_evidence_slide_stays_short(rows):
    assert len(rows[rows["title"].str.startswith("Georgia:")]) <= 8


# ---- the overview -----------------------------------------------------------------------------------------------------

def _per_year(rows):
    within = rows["start"].dt.year == rows["end"].dt.year
    return rows["start"].dt.year.where(within)


def test_2022_holds_66_of_166_and_38_are_spans(nb, rows):
    years = _per_year(rows)
    assert len(rows) == 166
    assert int((years == 2022).sum()) == 66 and int(years.isna().sum()) == 38
    assert years.value_counts().idxmax() == 2022
    assert nb.says("2022 alone holds 66 of the 166 dated rows, and 38 more are dated only to a span of years.")


def test_between_1995_and_2009_nine_rows_eight_background(nb, rows):
    years = _per_year(rows)
    middle = rows[years.between(1995, 2009)]
    assert len(middle) == 9 and int((middle["origin"] == "context").sum()) == 8
    assert nb.says("Between 1995 and 2009 the chart has 9, and 8 of them are background rows.")


def test_background_fills_the_1999_lapse_and_the_2006_return(nb, membership):
    context = membership[membership["origin"] == "context"]
    lapse = context[context["change"] == "did_not_renew"]
    assert set(lapse["iso3"]) == {"AZE", "GEO", "UZB"} and set(lapse["date"]) == {"1999-04-20"}
    assert not context[(context["iso3"] == "UZB") & (context["change"] == "joined") & (context["date"] == "2006-08-16")].empty
    assert nb.says("the treaty's lapse for three states in 1999 and Uzbekistan's return in 2006")


def test_notebooks_05_and_06_add_no_dated_rows(nb, rows):
    assert set(rows["notebook"]) == {"01", "02", "03", "04"}
    assert nb.says("Notebooks 05 and 06 add no new dated rows")


def test_the_sources_were_written_in_2017_2022_and_2026(nb, sources):
    assert set(sources["start"].dt.year) == {2017, 2022, 2026}
    assert nb.says("The sources were written in 2017, 2022 and 2026")


# ---- exercises and self-check ----------------------------------------------------------------------------------------

def test_exercise_1_background_rows_and_stratfor_first(nb, rows):
    counts = rows["source"].value_counts()
    assert counts.index[0] == "Stratfor 2017" and counts.iloc[0] == 47 and counts["background"] == 36
    assert rows[rows["source"] == "Stratfor 2017"]["start"].dt.year.min() == 1991
    assert quiz.answer("ex00_background_rows") == 36 == nb00.background_rows()
    assert nb.says("gives 36 background rows among the 166 dated rows. Stratfor 2017 gives the most, 47, from 1991")


def test_exercise_2_kommersant_and_the_other_daily(nb):
    assert quiz.answer("ex00_headline_daily") == "Kommersant"
    for words in ("Under the headline “Allies with different priorities”, Kommersant daily said on Wednesday that the "
                  "leaders of member countries were developing “very different visions of the organization’s goals”.",
                  "an attempt was made in Yerevan to save the military alliance from collapse",
                  "Officially, Moscow is satisfied with the summit."):
        assert data.source_says("afp2022", words)
        assert nb.says(words)


def test_the_exercise_checks_answer_right_and_wrong():
    assert quiz.check("ex00_background_rows", 36).startswith("Right")
    assert quiz.check("ex00_background_rows", 47).startswith("Not quite")
    assert quiz.check("ex00_headline_daily", "Kommersant daily").startswith("Right")
    assert quiz.check("ex00_headline_daily", "Nezavisimaya Gazeta").startswith("Not quite")


def test_the_self_check_has_seven_questions_and_the_model_answers_are_right(nb):
    ids = quiz.question_ids("00")
    assert len(ids) == 7
    assert nb.says("Seven questions on this notebook.")
    starter = next(c for c in nb.cells if "student" in c.metadata.get("tags", []) and "check_all" in c.source)
    model = starter.metadata["csto"]["model_answer"]
    for qid in ids:
        assert repr(quiz.answer(qid)) in model or f'"{quiz.answer(qid)}"' in model or f"{qid}\": {quiz.answer(qid)}," in model, qid
    namespace = {}
    exec(model.replace("display(show.table(quiz.check_all(my_answers)))", ""), namespace)
    results = quiz.check_all(namespace["my_answers"])["result"]
    assert results.str.startswith("Right").all(), list(results)


def test_the_busiest_year_of_the_quiz_is_the_charts(rows):
    assert quiz.answer("nb00_busiest_year") == int(_per_year(rows).value_counts().idxmax())
    assert quiz.answer("nb00_most_rows_source") == rows["source"].value_counts().index[0]


def test_no_slide_says_everything_comes_from_five_texts(nb):
    """Review L14: background rows exist, so the opening says 'almost everything'."""
    assert not re.search(r"(?i)everything this course says about it comes from five texts", nb.markdown)
    assert nb.says("Almost everything this course says about it comes from")
