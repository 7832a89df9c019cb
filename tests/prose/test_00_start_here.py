"""Notebook 00 (Start here): every number, date, name and quoted phrase its prose states, checked against the data.

Each test reads the data (never a number typed from memory where the data has it) and the notebook's own words
(``nb.says``), so a change to either fails here (docs/authoring.md §1).
"""

from __future__ import annotations

import re

import pytest

from csto import data, glossary, labels, reader, show, story
from csto.data import lookups
from csto.course import course_map
from csto.data import views
from csto.lessons import quiz

# the shape the notebook's partition relies on


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

def test_the_time_is_the_course_maps(nb):
    course = course_map().set_index("notebook")
    minutes = (course.loc["00", "minutes_self"], course.loc["00", "minutes_class"])
    assert nb.says(f"**Time:** {minutes[0]} min self-study, {minutes[1]} min in class.")


def test_five_course_sources_written_between_2017_and_2026(nb, sources):
    assert len(sources) == 5
    assert sources["start"].dt.year.min() == 2017 and sources["end"].dt.year.max() == 2026
    assert set(sources.index) == {"stratfor2017", "stratfor2017_id", "evstratov2022", "afp2022", "mitchell2026"}
    first, last = sources["start"].dt.year.min(), sources["end"].dt.year.max()
    assert nb.says(f"our five sources, written between {first} and {last}")
    assert nb.says("**Sources:** all five: Stratfor's forecast of January 2017, its Indonesian translation, "
                   "Evstratov's "
                   "article of autumn 2022, the relayed report (citing AFP) of November 2022, and Mitchell's analysis "
                   "of "
                   "January 2026.")


def test_the_sources_line_describes_each_text_as_the_sources_table_does(nb, sources):
    assert (
        sources.loc["stratfor2017_id", "translation_of"] == "stratfor2017"
        and sources.loc["stratfor2017_id", "language"] == "id"
    )
    assert sources.loc["stratfor2017_id", "author_description"] == "unnamed translator"
    evstratov = sources.loc["evstratov2022", "author_description"]
    assert "Russian historian" in evstratov and "living in Armenia" in evstratov and "Yerevan" in evstratov
    assert sources.loc["afp2022", "outlet"] == "unnamed outlet relaying AFP"
    assert "DC-based foreign policy analyst" in sources.loc["mitchell2026", "author_description"]
    assert pd_isna(sources.loc["stratfor2017", "author"]) and "Stratfor" in sources.loc["stratfor2017", "outlet"]
    published = lookups.source_published()
    assert published["stratfor2017"].endswith("Jan 2017") and published["mitchell2026"].endswith("Jan 2026")
    assert published["afp2022"] == "Nov 2022" and published["evstratov2022"] == "Sep 2022–Dec 2022"
    assert nb.says("undated, by an unnamed translator, and **partial**")


def pd_isna(value) -> bool:
    return value != value or value is None


def test_the_opening_definition_is_stratfors_words(nb):
    assert data.source_says("stratfor2017", "a Eurasian military alliance led by Russia")
    assert nb.says('in Stratfor\'s words, "a Eurasian military alliance led by Russia"')


def test_other_reports_are_said_to_be_marked_and_cited(nb):
    for name in data.table_names():
        frame = data.load(name)
        if "origin" in frame and "citation_id" in frame:
            background = frame[frame["origin"].astype(str) == "context"]
            assert background["citation_id"].notna().all(), f"{name}: a background row without a citation"
    assert nb.says("Facts from other reports (cited) are drawn in open grey, each with its citation")


# ---- the CSTO in plain words ----------------------------------------------------------------------------------------

def test_every_source_calls_it_a_military_alliance(nb):
    for source_id, words in {"stratfor2017": "military alliance", "stratfor2017_id": "aliansi militer",
                             "evstratov2022": "military alliance", "afp2022": "military alliance",
                             "mitchell2026": "military alliance"}.items():
        assert data.source_says(source_id, words), source_id
    # review 4, L2: the Indonesian translation only says the bloc will find it hard to become an 'aliansi militer'
    assert data.source_says("stratfor2017_id", "blok") and data.source_says("stratfor2017_id", "koalisi")
    assert nb.says('Each of the four English texts calls it a military alliance (the Indonesian translation says '
                   '"blok"')
    assert not nb.says("Every source calls it a military alliance")


@pytest.mark.parametrize("source_id, words", [
    ("stratfor2017", "began in 1992 as the Collective Security Treaty"),
    ("afp2022", "the attacked state receives support from other members"),  # said as the relayed report's (M1)
    ("mitchell2026", "Russia is the most powerful military in the CSTO"),
])
def test_the_plain_words_are_each_sources_own(nb, source_id, words):
    assert data.source_says(source_id, words)
    assert nb.says(f'"{words}"')


def test_stratfor_says_the_treaty_was_struck_by_newly_independent_states(nb):
    assert data.source_says(
        "stratfor2017", "an agreement struck by the newly independent states of the former Soviet Union"
    )
    assert nb.says("an agreement among the newly independent states of the former Soviet Union")


def test_the_member_passage_is_evstratovs_from_autumn_2022(nb, sources):
    row = data.load("glossary").set_index("term").loc["CSTO"]
    assert row["source_id"] == "evstratov2022" and "six post-Soviet states" in row["quote"]
    assert lookups.source_published()["evstratov2022"] == "Sep 2022–Dec 2022"
    assert nb.says("Evstratov, writing in autumn 2022:")


def test_evstratov_and_afp_list_the_same_six_members(nb):
    evstratov, afp = views.members_listed_by("evstratov2022"), views.members_listed_by("afp2022")
    assert len(evstratov) == 6 and set(evstratov) == set(afp)
    assert nb.says("Six members in 2022, as Evstratov and the relayed report (citing AFP) both list them.")
    assert nb.says("Evstratov and the relayed report (citing AFP) name six\n  members in 2022")


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
    assert nb.says('Stratfor writes that the bloc was "designed to serve as a Eurasian NATO of sorts" and says it is '
                   'not the next NATO')
    assert not nb.says('Stratfor calls the bloc "a Eurasian NATO of sorts"'), (
        "review: Stratfor writes 'designed to serve as'"
    )


def test_reading_the_lesson_passages_shows_the_member_passage():
    html = reader.read("evstratov2022", lesson="00").data
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
    assert nb.says('Two texts print their date ("stated"); for the other three the course works it out from clues')
    assert nb.says("Two dates are stated, three inferred.")


def test_afps_date_rests_on_the_background_summit_day(nb, sources):
    note = sources.loc["afp2022", "date_note"]
    assert "23 November 2022" in note and "background" in note
    assert nb.says("(background: the Yerevan summit met on 23 November 2022)")


def test_two_texts_name_no_outlet_of_their_own(nb, sources):
    assert sources.loc["stratfor2017_id", "outlet"] == "unknown"
    assert sources.loc["afp2022", "outlet"].startswith("unnamed outlet")
    assert nb.says("two texts name no outlet of their own")
    assert nb.says("the report citing AFP, which an unnamed outlet relays")


def test_every_viewpoint_follows_the_one_yardstick(nb, sources):
    parts = sources[[f"viewpoint_{part}" for part in ("who", "for_whom", "war")]]
    assert parts.apply(lambda column: column.str.strip().str.len() > 0).all().all(), "a viewpoint part is empty"
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
    assert words in lookups.viewpoint_text(source_id) or words == "invasion"
    assert nb.says(f'"{words}"')


def test_the_translation_is_partial_and_starts_at_stalled_progress(nb, sources):
    pairs = data.load("translation_pairs")
    assert int((pairs["shift"] == "omission").sum()) == 35 and len(pairs) == 52
    assert "from 'Stalled Progress' on" in lookups.viewpoint_text("stratfor2017_id")
    by_seq = pairs.set_index("seq").sort_index()
    first = int(by_seq.index[by_seq["translation"].notna()].min())
    assert (by_seq.loc[: first - 1, "shift"] == "omission").all(), (
        "everything before the first translated passage is left out"
    )
    assert by_seq.loc[first - 1, "quote"] == "Stalled Progress"
    assert nb.says("undated, by an unnamed translator, and **partial**")
    assert nb.says('the translation starts with the section "Stalled Progress"')


def test_the_republication_and_its_notice(nb, sources):
    row = sources.loc["mitchell2026"]
    assert row["label"].startswith("Russian 'foreign agent' notice")
    assert "nationalinterest.org" in row["republished_by"] and row["republished_by"].startswith("unnamed")
    assert data.source_says("mitchell2026", "Источник: nationalinterest.org")
    assert data.source_says("mitchell2026", "выполняющим функции иностранного агента")
    assert "does not say who printed the notice or under what rule" in lookups.viewpoint_text("mitchell2026")
    assert nb.says('ends with the line "Источник: nationalinterest.org"')
    assert nb.says("The text does not say who printed the notice or under what rule.")
    assert not nb.says("under Russian law"), "the seed does not say under what law the notice is printed (review L15)"


def test_the_notice_in_the_glossarys_english(nb):
    row = data.load("glossary").set_index("term").loc["foreign agent"]
    # Review round 2, L7: the notice is disjunctive; both alternatives are translated.
    assert "by a foreign mass medium performing the functions of a foreign agent" in row["definition"]
    assert "and (or) by a Russian legal entity performing the functions of a foreign agent" in row["definition"]
    assert data.source_says(
        "mitchell2026", "и (или) российским юридическим лицом, выполняющим функции иностранного агента"
    )
    assert nb.says('a foreign mass medium "performing the functions of a foreign agent", and (or) by a Russian legal '
                   'entity '
                   "performing those functions (the glossary's English)")


# ---- reading the sources whole ---------------------------------------------------------------------------------------

def test_the_sources_are_about_4400_words_and_afp_about_600():
    words = {s: len(data.source_text(s).split()) for s in lookups.source_order()}
    assert round(sum(words.values()), -2) == 4400
    assert round(words["afp2022"], -2) == 600


def test_the_notebook_states_the_word_counts(nb):
    assert nb.says("together they are about 4,400 words")
    assert nb.says("the short report citing AFP (about 600 words) quotes leaders, two Russian dailies and two analysts")


def test_afp_quotes_leaders_two_russian_dailies_and_two_analysts(sources):
    quotes = data.load("quotes")
    afp = quotes[quotes["source_id"] == "afp2022"]
    dailies = set(afp.loc[afp["speaker_kind"] == "newspaper", "speaker"])
    assert dailies == {"Kommersant", "Nezavisimaya Gazeta"}
    assert {"Murat Aslan", "Richard Giragosian"} <= set(afp["speaker"])
    assert "two analysts (one in Ankara, one in Yerevan)" in lookups.viewpoint_text("afp2022")


def test_every_source_can_be_opened_whole_by_its_id():
    for source_id in lookups.source_order():
        assert reader.coverage(source_id)[1] > 0
        assert data.source_text(source_id)


# ---- words -----------------------------------------------------------------------------------------------------------

def test_glossary_entries_from_other_reports_are_cited_the_csto_charter_among_them(nb):
    terms = data.load("glossary")
    context = terms[terms["origin"] == "context"]
    assert "CSTO Charter" in set(context["term"]) and context["citation_id"].notna().all()
    assert nb.says("one of our five sources, or another report (cited), as for the entry *CSTO Charter*")


def test_the_glossary_slide_terms_exist_and_bloc_is_stratfors(nb):
    terms = glossary.terms().set_index("term")
    for term in ["CSTO", "CIS", "NATO", "Secretary-General", "quorum", "bloc"]:
        assert term in terms.index
    assert terms.loc["bloc", "basis"] == "Stratfor 2017"
    assert nb.says("the glossary says which source uses each word (here Stratfor)")


def test_the_method_words_exist_in_the_glossary():
    method = set(glossary.method_terms()["term"])
    assert {
        "course source",
        "seed",
        "background row",
        "verbatim quote",
        "provenance",
        "date precision",
        "span",
    } <= method


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
    assert lookups.publisher(lapse["citation_id"]) == "Jamestown Foundation"
    assert (
        labels.date_label(data.load("citations").set_index("citation_id").loc[lapse["citation_id"], "date"])
        == "Apr 1999"
    )
    assert nb.says('Stratfor says only that "by 1999" three members had withdrawn: the stretch 1992–1999.')
    assert nb.says("(a Jamestown Foundation report of April 1999, cited) give 20 April 1999")


def test_the_evidence_slide_stays_short(rows):
    assert len(rows[rows["title"].str.startswith("Georgia:")]) <= 8


# ---- the overview ----------------------------------------------------------------------------------------------------

def _per_year(rows):
    within = rows["start"].dt.year == rows["end"].dt.year
    return rows["start"].dt.year.where(within)


def test_the_overview_counts_are_computed_in_shown_cells_not_typed(nb, rows):
    """Counts of dated facts change whenever the record grows: the notebook computes them, the prose never types
    them."""
    years = _per_year(rows)
    assert years.value_counts().idxmax() == 2022 and int(years.isna().sum()) > 0
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "per_year.iloc[0]" in code and "per_year['several years']" in code
    assert "range(1995, 2010)" in code
    for number in (len(rows), int((years == 2022).sum())):
        assert not re.search(rf"\b{number}\b", nb.prose), f"{number} typed in the prose"


def test_background_fills_the_1999_lapse_and_the_2006_return(nb, membership):
    context = membership[membership["origin"] == "context"]
    lapse = context[context["change"] == "did_not_renew"]
    assert set(lapse["iso3"]) == {"AZE", "GEO", "UZB"} and set(lapse["date"]) == {"1999-04-20"}
    assert not context[
        (context["iso3"] == "UZB") & (context["change"] == "joined") & (context["date"] == "2006-08-16")
    ].empty
    assert nb.says("the treaty's lapse for three states in 1999 and Uzbekistan's return in 2006")


def test_notebooks_05_and_06_add_no_dated_rows(nb, rows):
    assert set(rows["notebook"]) == {"01", "02", "03", "04"}
    assert nb.says("Notebooks 05 and 06 add no new dates")


def test_the_sources_were_written_in_2017_2022_and_2026(nb, sources):
    assert set(sources["start"].dt.year) == {2017, 2022, 2026}
    assert nb.says("The sources were written in 2017, 2022 and 2026")


# ---- exercises and self-check ----------------------------------------------------------------------------------------

def test_exercise_1_answer_names_the_method_and_stratfor_first(nb, rows):
    counts = rows["source"].value_counts()
    ours = counts.drop("background")
    assert ours.index[0] == "Stratfor 2017" and rows[rows["source"] == "Stratfor 2017"]["start"].dt.year.min() == 1991
    assert quiz.answer("ex00_background_rows") == int(counts["background"])
    assert nb.says("Of our five sources, Stratfor 2017 gives the most, from 1991 to its own date (January 2017)")
    assert not re.search(rf"\b{int(counts['background'])}\b", nb.prose), (
        "the folded answer gives the method, not the number"
    )


def test_exercise_2_kommersant_and_the_other_daily(nb):
    assert quiz.answer("ex00_headline_daily") == "Kommersant"
    for words in ("Under the headline “Allies with different priorities”, Kommersant daily said on Wednesday that the "
                  "leaders of member countries were developing “very different visions of the organization’s goals”.",
                  "an attempt was made in Yerevan to save the military alliance from collapse",
                  "Officially, Moscow is satisfied with the summit."):
        assert data.source_says("afp2022", words)
        assert nb.says(words)


def test_the_exercise_checks_answer_right_and_wrong(rows):
    counts = rows["source"].value_counts()
    assert quiz.check("ex00_background_rows", int(counts["background"])).startswith("Right")
    assert quiz.check("ex00_background_rows", int(counts["Stratfor 2017"])).startswith("Not quite")
    assert quiz.check("ex00_headline_daily", "Kommersant daily").startswith("Right")
    assert quiz.check("ex00_headline_daily", "Nezavisimaya Gazeta").startswith("Not quite")


def test_the_self_check_is_clickable_and_its_count_is_the_quizs(nb):
    ids = quiz.question_ids("00")
    words = {5: "Five", 6: "Six", 7: "Seven", 8: "Eight"}
    assert nb.says(f"{words[len(ids)]} questions on this notebook.")
    assert any(c.cell_type == "code" and c.source.strip() == 'show.self_check("00")' for c in nb.cells)
    assert not any("my_answers" in c.source for c in nb.cells), "the fill-in-None self-check is gone"


def test_the_busiest_year_of_the_quiz_is_the_charts(rows):
    assert quiz.answer("nb00_busiest_year") == int(_per_year(rows).value_counts().idxmax())
    top = rows["source"].value_counts().index[0]
    answer = quiz.answer("nb00_most_rows_source")
    assert answer == top or (top == "background" and answer.startswith("Other reports")), (answer, top)



def test_the_most_marks_question_counts_other_reports_as_one_group_and_agrees_with_exercise_1(nb, rows):
    """Student 8: 'Stratfor 2017' was marked wrong while Exercise 1's answer says 'Of our five sources, Stratfor 2017
    gives the most': the question says how other reports are counted, and the feedback on our busiest source agrees."""
    counts = rows["source"].value_counts()
    ours = counts.drop("background")
    busiest = ours.idxmax()
    assert nb.says(f"Of our five sources, {busiest} gives the most")
    prompt = next(q["prompt"] for q in quiz.question_data("00") if q["id"] == "nb00_most_rows_source")
    assert "other reports (cited) as one group beside our five sources" in prompt, prompt
    said = quiz.check("nb00_most_rows_source", busiest)
    assert "the most of our sources" in said, said
    if counts["background"] > ours.max():
        assert f"other reports (cited), counted as one group, give {counts['background']}" in said, said

def test_no_slide_says_everything_comes_from_five_texts(nb):
    """Review L14: background rows exist, so the opening says 'almost everything'."""
    assert not re.search(r"(?i)everything this course says about it comes from five texts", nb.markdown)
    assert nb.says("This course reads its story through our five sources")


# ---- what happened, the classroom's words, the plan (issues 21, 22, 23) ----------------------------------------------

STORY_DATE = re.compile(r"\b(?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|September|October|"
                        r"November|December) (\d{4})\b")


def record_dates() -> set[str]:
    """Every day and month of the record and of the sources' own dates, in words ('15 May 1992', 'May 1992')."""
    out = set()
    events = data.load("events")
    for value in (
        list(events["date"].dropna())
        + list(events["date_end"].dropna())
        + list(data.load("sources")["published"].dropna())
    ):
        words = story.date_in_words(str(value))
        out.add(words)
        out.add(" ".join(words.split()[-2:]))
    return out


def test_what_happened_follows_the_objectives_is_short_and_marked_as_background(nb):
    story_cells = nb.tagged("story")
    assert len(story_cells) == 1 and story_cells[0].source.startswith("## What happened")
    i = nb.cells.index(story_cells[0])
    assert nb.cells[i].metadata["slideshow"]["slide_type"] == "slide"
    next_code = next(c for c in nb.cells[i + 1:] if c.cell_type == "code")
    assert next_code.source.strip() == 'story.what_happened("00")'
    assert nb.index_of("## Learning objectives") < i < nb.index_of("## The CSTO in plain words")
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", story_cells[0].source.split("\n", 1)[1])
    assert len(words) <= 250, len(words)
    assert "other reports (cited)" in story_cells[0].source


def test_every_date_the_story_tells_is_in_the_record(nb):
    text = nb.tagged("story")[0].source
    known = record_dates()
    told = [" ".join(x for x in m.groups() if x) for m in STORY_DATE.finditer(text)]
    assert len(told) >= 8
    assert not [d for d in told if d not in known], [d for d in told if d not in known]


def test_the_story_and_its_chart_tell_the_same_events(nb):
    text = re.sub(r"\s+", " ", nb.tagged("story")[0].source)
    for when in story.what_happened_table("00")["When"]:
        assert when in text or when.split()[-1] in text, f"the chart shows {when}, the story does not tell it"


def test_a_map_of_the_places_follows_the_story(nb):
    i = nb.cells.index(nb.tagged("story")[0])
    assert any(c.source.strip() == 'charts.show(charts.places_map("00"))' for c in nb.cells[i:i + 6])


def test_student_prose_keeps_the_classrooms_words():
    from tests.prose.conftest import jargon_per_thousand
    nb_prose = NotebookTextProse.read()
    assert jargon_per_thousand(nb_prose) <= 5


class NotebookTextProse:
    @staticmethod
    def read() -> str:
        import nbformat
        from pathlib import Path
        path = Path(__file__).resolve().parents[2] / "notebooks" / "00_start_here.ipynb"
        cells = nbformat.read(path, as_version=4).cells
        return "\n\n".join(c.source for c in cells if c.cell_type == "markdown"
                            and c.metadata.get("slideshow", {}).get("slide_type") != "notes")


def test_the_relayed_report_is_never_called_afps_own_wording(nb):
    assert not re.search(r"\bAFP's (phrase|words?|wording)\b", nb.markdown)
    assert not re.search(r"- AFP \(2022\) says", nb.markdown)


def test_notebook_00_teaches_edit_and_command_mode(nb):
    for words in ("**Edit mode**", "**Command mode**", "press **Enter**", "press **Esc**",
                  "**Shift+Enter** runs the cell", "you are in command mode: press Enter and type again"):
        assert nb.says(words), words


@pytest.mark.parametrize(
    "heading, operation",
    [
        ("### Select", '["language"] == "en"'),
        ("### Count", ".value_counts()"),
        ("### Group, sort and chart", ".groupby("),
        ("### Group, sort and chart", ".sort_values("),
        ("### Group, sort and chart", "charts.grouped_counts("),
    ],
)
def test_the_primer_works_an_example_of_each_operation_before_the_exercises(nb, heading, operation):
    start = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and heading in c.source.splitlines())
    exercises = nb.index_of("## Exercises")
    code = [c.source for c in nb.cells[start:exercises] if c.cell_type == "code"]
    assert any(operation in c for c in code), f"no worked example of {operation} under {heading}"


def test_speaker_notes_open_each_section_and_fit_forty_minutes(nb):
    from tests.prose.conftest import notes_follow_first_slides
    assert not notes_follow_first_slides(nb)
    minutes = nb.planned_minutes()
    assert sum(m for _, m in minutes) <= min(40, course_map().set_index("notebook").loc["00", "minutes_class"])
    assert "What happened" in [a for a, _ in minutes] and "Self-check" in [a for a, _ in minutes]


def test_no_shown_code_prints_source_ids(nb):
    shown = [
        c.source
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.get("slideshow", {}).get("slide_type") != "skip"
    ]
    assert not any('rename_axis("source id")' in c or '.set_index("source_id")[' in c for c in shown)
    assert not any(".str.extract(" in c for c in nb.cells if c.cell_type == "code"), (
        "no regular expression in a student's view"
    )


def test_the_story_says_mitchell_dates_the_bishkek_summit_but_not_the_chairmanship(nb):
    """Review 2, H1: Mitchell gives the summit's day; only the start of the chairmanship is undated in his text."""
    assert data.source_says("mitchell2026", "At the CSTO Summit in Bishkek, Kyrgyzstan, on November 27, 2025")
    assert nb.says("he dates the summit to 27 November 2025 but gives no date for the start of the chairmanship")
    assert not nb.says("reports both, but gives no date")


def test_the_story_attributes_azerbaijans_attacks_to_armenias_government(nb):
    """Review 2, M4: the course does not call the September 2022 fighting Azerbaijan's attacks in its own voice."""
    assert nb.says("a political assessment of what Armenia's government called Azerbaijan's attacks")


def test_the_story_tells_every_return_between_a_departure_and_a_suspension_it_tells(nb):
    """Review 3, M2: Uzbekistan, outside the treaty in 1999, came back in 2006 before its membership was suspended
    in 2012; the story and its chart tell the return."""
    from tests.prose.conftest import fold, untold_returns
    assert not untold_returns("00")
    assert "16 August 2006" in fold(nb.tagged("story")[0].source)


def test_the_opening_and_recap_claim_no_more_than_the_record_gives(nb):
    """Review 3, L12: the sources' places are not all known (the Indonesian outlet is unknown, the relaying outlet
    unnamed), so the opening says 'standpoints', not 'places'; the recap's story ends when the story's last event
    does."""
    assert nb.says("written between 2017 and 2026 from different standpoints")
    assert not nb.says("very different places")
    last = story.what_happened_table("00")["When"].iloc[-1].split()[-1]
    assert nb.says(f"other reports (cited) tell its story to {last}")


def test_the_map_caption_names_no_state_the_story_does_not_name(nb):
    """The caption said 'from Belarus in the west', but the story never names Belarus and the map leaves it grey."""
    caption = nb.cells[nb.index_of("### Where it happened")].source
    (story,) = nb.tagged("story")
    states = data.load("countries")["name_en"].dropna()
    named = [s for s in states if s in caption and s not in story.source]
    assert not named, named


def test_tables_of_the_sources_head_their_name_column_source_not_short_name(nb):
    lines = [line for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines()
             if 'set_index("short_name")' in line]
    assert lines and all('.rename_axis("source")' in line for line in lines), lines


def test_the_words_you_will_meet_table_gives_each_terms_definition(nb):
    heading = nb.index_of("## Words you will meet")
    cell = next(c for c in nb.cells[heading:] if c.cell_type == "code")
    namespace = {"glossary": glossary, "show": show}
    exec(cell.source.rsplit("\n", 1)[0], namespace)  # noqa: S102 - the notebook's own cell, all but its display line
    shown = eval(cell.source.rsplit("\n", 1)[1], namespace)  # noqa: S307
    html = shown.to_html()
    terms = glossary.terms().set_index("term")
    for term in namespace["shown"]:
        first = terms.loc[term, "definition"].split(". ")[0]
        assert first[:60].replace("'", "&#x27;") in html or first[:60] in html, term


def test_the_self_checks_background_glossary_term_is_in_the_words_you_will_meet_table(nb):
    """A student found 'Collective Peacekeeping Forces' asked in the self-check but missing from the table the question
    points to ('Words you will meet'): every term the question offers is in that table, the right one with its
    background basis."""
    item = next(q for q in quiz.question_data("00") if q["id"] == "nb00_glossary_background")
    table = next(c.source for c in nb.cells if c.cell_type == "code" and c.source.startswith("shown = [")
                 and "glossary.terms(" in c.source)
    for choice in item["choices"]:
        assert f'"{choice["label"]}"' in table, choice["label"]
    right = [c["label"] for c in item["choices"] if c["right"]]
    assert right == ["Collective Peacekeeping Forces"]
    assert data.load("glossary").set_index("term").loc[right[0], "origin"] == "context"


def test_the_first_instructions_say_to_wait_for_idle_before_run_all(nb):
    """Students 6 and 7: Run All clicked while the kernel was still starting did nothing, with no message; the
    instructions say what to wait for, in the words JupyterLab's status bar shows."""
    assert nb.says("wait until the bar at the bottom of the window says *Idle*")
    assert nb.says("while it says *Initializing* or *Starting*, a click does nothing")
    assert nb.markdown.index("says *Idle*") < nb.markdown.index("Run ▸ Run All Cells")



def test_the_glossary_question_names_its_other_report_by_outlet():
    """Student 8: feedback printed raw addresses and Russian headlines; the glossary's background term is told with
    its outlet (every notebook's feedback: tests/lessons/test_question_words.py)."""
    said = quiz.check("nb00_glossary_background", "Collective Peacekeeping Forces")
    citation = data.load("glossary").set_index("term").loc["Collective Peacekeeping Forces", "citation_id"]
    assert lookups.publisher(citation) in said, said
