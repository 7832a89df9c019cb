"""Each lesson's "What happened" timeline is drawn from the cited record, every mark labelled, with its sources
named."""

from __future__ import annotations

import pytest

from csto import story
from csto.course import entries
from csto.data import load
from csto.paths import notebooks_dir

LESSONS = ["00", "01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("nb", LESSONS)
def test_every_lesson_tells_a_story_of_several_events(nb):
    table = story.what_happened_table(nb)
    assert len(table) >= 4
    assert list(table.columns) == ["When", "What happened", "Who reports it"]
    assert not table["When"].str.contains(r"\d{4}-\d{2}").any()  # dates in words, never ISO


@pytest.mark.parametrize("nb", LESSONS)
def test_every_mark_is_labelled_on_the_chart(nb):
    fig = story.what_happened_figure(nb)
    frame = story.story_frame(nb)
    ticks = list(fig.layout.yaxis.categoryarray)
    assert len(ticks) == len(frame) == len(set(ticks))
    for label in frame["label"]:
        assert any(label.split()[0] in t for t in ticks)
    assert fig.layout.meta["alt"].startswith("Timeline of")


def test_background_marks_name_their_outlets_in_the_source_line():
    frame = story.story_frame("03")
    caption = story.what_happened_figure("03").layout.meta["caption"].replace("<br>", " ")
    for outlet in set(frame.loc[frame["origin"] == "context", "outlet"]):
        assert outlet.split()[0] in caption


def test_lesson_03_tells_january_2022_from_background_rows():
    frame = story.story_frame("03")
    assert (frame["origin"] == "context").all()
    assert frame["start"].dt.year.eq(2022).all()


def test_the_sources_lesson_shows_each_source_once():
    frame = story.story_frame("05")
    published = frame[frame["origin"] == "seed"]
    assert sorted(published["source_id"]) == sorted(load("sources")["source_id"])


def test_story_events_name_known_events_of_their_lesson_kinds():
    story_rows = load("story_events")
    events = set(load("events")["event_id"])
    named = story_rows["event_id"].dropna()
    assert set(named) <= events


def test_an_unknown_lesson_is_a_clear_error():
    with pytest.raises(story.StoryError, match="story_events.csv.*notebook"):
        story.what_happened_table("09")


@pytest.mark.parametrize("value,end,precision,words", [
    ("2022-01-02", None, "day", "2 January 2022"),
    ("2022-01", None, "month", "January 2022"),
    ("2022-01-13", "2022-01-19", "period", "13–19 January 2022"),
    ("2022-09", "2022-12", "period", "September–December 2022"),
    ("1992", "1994", "period", "1992 to 1994"),
])
def test_dates_are_said_in_words_at_their_precision(value, end, precision, words):
    assert story.date_in_words(value, end, precision) == words


def test_the_sources_lesson_sets_its_sources_among_the_events_its_story_tells():
    """Lesson 05's prose tells 2017-2025 between the sources' dates: the timeline carries those events too."""
    frame = story.story_frame("05")
    told = set(frame["title"])
    events = load("events").set_index("event_id")
    for event_id in ("ev_2017_04_khachaturov_approved_context", "ev_2022_02_24_invasion_context",
                     "ev_2022_11_23_yerevan_summit_context", "ev_2025_11_27_bishkek_summit_context"):
        assert events.loc[event_id, "title"] in told, event_id
    first, last = frame.iloc[0], frame.iloc[-1]
    assert first["origin"] == last["origin"] == "seed", "the story opens and closes with a source being written"


def test_no_story_label_calls_the_kazakhstan_mission_the_blocs_first():
    """Second review, finding 3: no cited page of the record says 'first'; only the Kremlin does (attributed)."""
    labels = load("story_events")["label"].str.lower()
    assert not labels.str.contains("first mission").any()


@pytest.mark.parametrize("nb", ["02", "04", "05"])
def test_labels_take_one_line_each_so_rows_stay_apart_on_a_slide(nb):
    """Two-line labels on a category axis overlap their neighbours once a deck shrinks the chart to its 720-px frame
    (testers saw "23 November 2022: Yerevan summit" over "15 September 2022"); one line each, the chart fits."""
    fig = story.what_happened_figure(nb)
    assert not [t for t in fig.layout.yaxis.categoryarray if "<br>" in t]
    assert fig.layout.height <= 720


@pytest.mark.parametrize("nb", LESSONS)
def test_at_most_a_few_labels_wrap(nb):
    ticks = story.what_happened_figure(nb).layout.yaxis.categoryarray
    assert sum("<br>" in t for t in ticks) <= 3 and all(t.count("<br>") <= 1 for t in ticks)


@pytest.mark.parametrize("nb", [e["notebook"] for e in entries()])
def test_every_country_a_lesson_story_names_is_on_its_map(nb):
    """A student reads the story, then the map of 'where it happened': a state the story names is coloured on it."""
    import nbformat

    from csto import charts

    path = next(e["file"] for e in entries() if e["notebook"] == nb)
    cells = nbformat.read(notebooks_dir() / path, as_version=4).cells
    told = " ".join(c.source for c in cells if "story" in c.metadata.get("tags", []))
    named = {row.iso3 for row in load("countries").itertuples() if row.name_en in told}
    assert named <= set(charts.lesson_places(nb)["iso3"]), f"not on the map of {nb}: {sorted(named)}"
