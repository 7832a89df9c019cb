"""The chart kit: every builder on small frames, offline figures, stable colours, distinct context rows, the map."""

from __future__ import annotations

import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from csto import charts, data, labels
from csto.data import views as tables

URL = re.compile(r"https?://")


def _legend_name(trace) -> str:
    """A trace's legend entry in words (a long one is wrapped on two lines at the right of a wide figure)."""
    return str(trace.name).replace("<br>", " ")


def _figure_json(fig: go.Figure) -> str:
    return fig.to_json()


def _context_row(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the first row turned into a background row, as a notebook would add one."""
    row = frame.head(1).copy()
    row["origin"] = "context"
    row["source_id"] = pd.NA
    row["quote"] = pd.NA
    row["citation_id"] = "cite_un_es11_1"
    return row


@pytest.fixture(scope="module")
def small():
    acts = tables.country_acts()
    events = tables.dated_rows()
    crises = tables.crisis_responses()
    figures = tables.with_labels(data.load("figures"))
    percent = figures[figures["unit"] == figures["unit"].value_counts().index[0]].head(4)
    return {
        "timeline": charts.timeline(pd.concat([events.head(6), _context_row(events)]), title="t"),
        "lanes": charts.lanes(pd.concat([acts.head(8), _context_row(acts)]), title="t"),
        "spans": charts.membership_spans(data.load("membership"), data.load("countries")),
        "map": charts.membership_map([1993, 2000, 2024], data.load("countries")),
        "matrix": charts.response_matrix(crises, highlight="kaz_2022"),
        "bars": charts.figure_bars(
            pd.concat([percent, _context_row(percent)]).assign(label=lambda f: f["subject"]), "t"
        ),
        "counts": charts.grouped_counts(
            pd.DataFrame({"term": ["war", "war"], "count": [1, 3], "source_id": ["afp2022", "mitchell2026"]}),
            "term",
            "count",
            "t",
            "Term",
            "Uses",
            "Counted in the seeds",
        ),
    }


BUILDERS = ["timeline", "lanes", "spans", "map", "matrix", "bars", "counts"]


@pytest.mark.parametrize("name", BUILDERS)
def test_builder_returns_a_titled_captioned_figure_with_a_text_alternative(small, name):
    fig = small[name]
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    alt = charts.alt_text(fig)
    assert alt.endswith(".") and len(alt) > 30 and "nan" not in alt.lower()
    captions = [a.text for a in fig.layout.annotations if a.text.startswith("Source:")]
    assert captions, "no source caption"


@pytest.mark.parametrize("name", BUILDERS)
def test_no_figure_references_a_remote_resource(small, name):
    assert not URL.search(_figure_json(small[name]))


@pytest.mark.parametrize("name", [n for n in BUILDERS if n not in ("map", "quotes", "counts")])
def test_axes_are_labelled(small, name):
    fig = small[name]
    assert fig.layout.xaxis.title.text, "x axis has no title"


@pytest.mark.parametrize("name", ["timeline", "lanes", "bars"])
def test_context_rows_are_drawn_distinctly_with_a_legend_entry(small, name):
    traces = [t for t in small[name].data if _legend_name(t) == labels.BACKGROUND]
    assert traces, "no trace for background rows"
    assert any(t.showlegend is not False for t in traces)
    seed_markers = [
        t for t in small[name].data if _legend_name(t) != labels.BACKGROUND and getattr(t, "marker", None) is not None
    ]
    context = traces[0]
    if isinstance(context, go.Bar):
        assert context.marker.pattern.shape == "/"
    # a day-dated background row is an open grey diamond, a span a dotted grey bar; no course-source mark looks like
    # either
    else:
        for trace in traces:
            assert trace.marker.symbol == charts.CONTEXT_SYMBOL or (
                trace.line.dash == "dot" and trace.line.color == charts.CONTEXT_COLOUR
            )
        assert all(t.marker.symbol != charts.CONTEXT_SYMBOL for t in seed_markers)
        assert all(t.line.dash != "dot" for t in seed_markers if t.mode and "lines" in t.mode)


def test_hover_carries_the_quote_and_its_source(small):
    trace = next(t for t in small["lanes"].data if t.customdata is not None and t.name != labels.BACKGROUND)
    title, when, said, source = trace.customdata[0]
    assert said.startswith("“") and source.startswith("Source: ")


def test_country_colours_are_stable_and_distinct_for_members():
    members = ["RUS", "BLR", "ARM", "KAZ", "KGZ", "TJK", "UZB", "GEO", "AZE"]
    colours = [charts.country_colour(c) for c in members]
    assert len(set(colours)) == len(members)
    assert colours == [charts.country_colour(c) for c in members]
    assert set(colours) <= set(charts.OKABE_ITO.values())


def test_every_act_and_response_has_a_palette_colour_and_symbol():
    acts = data.schema("event_countries")["schema"]["fields"]
    act_enum = next(f for f in acts if f["name"] == "act")["constraints"]["enum"]
    assert set(act_enum) == set(charts.ACT_STYLE)
    responses = next(f for f in data.schema("crisis_responses")["schema"]["fields"] if f["name"] == "response")[
        "constraints"
    ]["enum"]
    assert set(responses) == set(charts.RESPONSE_COLOURS)
    assert len({s for _, s in charts.ACT_STYLE.values()}) == len(charts.ACT_STYLE), (
        "symbols repeat the colour's meaning"
    )


def test_map_geojson_is_valid_small_and_covers_every_country():
    geo = charts.region_geojson()
    assert geo["type"] == "FeatureCollection"
    ids = {f["id"] for f in geo["features"]}
    assert set(data.load("countries")["iso3"]) <= ids
    for feature in geo["features"]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
    size = len(json.dumps(geo, separators=(",", ":")))
    assert size < 150_000, f"{size} bytes"


def test_map_has_no_geo_traces_and_a_step_per_year(small):
    fig = small["map"]
    assert all(t.type == "scatter" for t in fig.data)
    assert [s.label for s in fig.layout.sliders[0].steps] == ["1993", "2000", "2024"]


def test_membership_status_marks_vague_dates_uncertain_in_the_sources_alone():
    in_1993 = tables.membership_status(1993, include_context=False).set_index("iso3")["status"]
    assert (in_1993 == "uncertain").all(), "joined '1992-1994': from the sources alone 1993 cannot be decided"
    in_2000 = tables.membership_status(2000, include_context=False).set_index("iso3")["status"]
    assert in_2000["RUS"] == "member" and in_2000["UZB"] == "former member"


def test_figure_bars_refuse_mixed_units():
    figures = data.load("figures")
    mixed = figures[figures["unit"].isin(figures["unit"].unique()[:2])]
    with pytest.raises(ValueError, match="one unit"):
        charts.figure_bars(tables.with_labels(mixed).assign(label="x"), "t")


@pytest.mark.parametrize("nb", [e["notebook"] for e in __import__("csto.course", fromlist=["entries"]).entries()])
def test_places_map_labels_every_country_the_lesson_names_on_the_map(nb):
    fig = charts.places_map(nb)
    named = set(charts.lesson_places(nb)["name"])
    labelled = {re.sub(r"</?b>", "", a.text) for a in fig.layout.annotations}
    assert named <= labelled, f"lesson {nb}: no label on the map for {sorted(named - labelled)}"
    assert not any(isinstance(t, go.Scattergeo) for t in fig.data), "a geo trace fetches its topology from a CDN"
    assert all(a.font.size is None or a.font.size >= charts.PLACE_LABEL_SIZE for a in fig.layout.annotations)
    assert charts.alt_text(fig).startswith("Map of the region")


def test_places_file_with_an_unknown_country_is_refused_with_its_row_and_column(tmp_path, monkeypatch):
    bad = tmp_path / "csto"
    bad.mkdir()
    (bad / charts.PLACES_FILE).write_text("notebook,iso3,focus\n03,KAZ,true\n03,XXX,false\n", encoding="utf-8")
    monkeypatch.setattr(charts.maps, "__file__", str(bad / "charts" / "maps.py"))
    with pytest.raises(ValueError, match=r"row 3, column iso3: 'XXX'"):
        charts.lesson_places("03")


# ---- slides: every mark labelled, text the room can read ---------------------------------------------------------


def _kazakhstan_timeline() -> go.Figure:
    from csto.lessons import gaps

    window = gaps.within(tables.dated_rows(), "2022-01-01", "2022-02-28")
    return charts.timeline(window, lane="source", lane_labels={"background": "Other reports (cited)"}, title="t")


def _label_boxes(fig: go.Figure, narrow: bool = False) -> list[tuple[float, float, float, str]]:
    """(row, left px, right px, text) of each mark label, placed as the chart says and as wide as its words."""
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    plot, char = (charts.NARROW_PLOT_PX, charts.NARROW_LABEL_CHAR_PX) if narrow else (charts.TIMELINE_PLOT_PX,
                                                                                    charts.LABEL_CHAR_PX)
    updates = fig.layout.meta["narrow"] if narrow else {}
    boxes = []
    for i, note in enumerate(fig.layout.annotations):
        if note.text.startswith("Source:"):
            continue
        x = pd.Timestamp(updates.get(f"annotations[{i}].x", note.x))
        anchor = updates.get(f"annotations[{i}].xanchor", note.xanchor)
        at, width = (x - first) / (last - first) * plot, char * len(note.text)
        left = {"left": at, "right": at - width, "center": at - width / 2}[anchor]
        boxes.append((updates.get(f"annotations[{i}].y", note.y), left, left + width, note.text))
    return boxes


@pytest.mark.parametrize("narrow", [False, True], ids=["slide", "paper"])
def test_every_timeline_mark_carries_its_label_and_no_two_labels_meet(narrow):
    fig = _kazakhstan_timeline()
    boxes = _label_boxes(fig, narrow)
    ys = fig.layout.meta["narrow_traces"]["y"] if narrow else [t.y for t in fig.data]
    rows_of_marks = {y for trace_ys in ys for y in trace_ys if y is not None}
    assert all(text.strip() for *_, text in boxes)
    labelled = {b[0] for b in boxes} | {b[0] + 1 for b in boxes}  # a label beside its mark, or under its bar
    assert rows_of_marks <= labelled, f"rows of marks with no label: {sorted(rows_of_marks - labelled)}"
    meeting = [(a[3], b[3]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[0] == b[0] and a[1] < b[2] and b[1] < a[2]]
    assert not meeting, f"labels on one row run into each other: {meeting[:3]}"
    assert all(n.font.size >= charts.SLIDE_TEXT_PX for n in fig.layout.annotations), "slide text under 16 px"


def test_a_background_event_is_labelled_with_the_story_s_words_and_its_day():
    fig = _kazakhstan_timeline()
    texts = [n.text for n in fig.layout.annotations]
    story = data.load("story_events")
    short = story.loc[story["event_id"] == "ev_2022_01_05_tokayev_request_context", "label"].iloc[0]
    assert f"5 Jan: {short}" in texts


def test_the_crisis_matrix_names_its_sources_by_letter_at_slide_size_with_the_key_in_its_source_lines():
    fig = charts.response_matrix(tables.crisis_responses(), highlight="kaz_2022")
    caption = next(a.text for a in fig.layout.annotations if a.text.startswith("Source:"))
    letters = {letter for t in fig.data if t.text for text in t.text for letter in text.split()}
    assert letters, "no mark carries its sources"
    for letter in letters:
        assert f"({letter})" in caption, f"the letter {letter} is not explained in the source lines"
    assert all(t.textfont.size >= charts.SLIDE_TEXT_PX for t in fig.data if t.text)


def test_the_crisis_matrix_draws_other_reports_as_open_grey_marks_apart_from_our_sources_filled_ones():
    """Background accounts are open grey marks with a legend entry, as in every course chart; a crisis that our
    sources and other reports tell alike gets both marks side by side, never one coloured mark lettered 'B'."""
    responses = tables.crisis_responses()
    fig = charts.response_matrix(responses, highlight="kaz_2022")
    background = [t for t in fig.data if t.marker.symbol == charts.CONTEXT_SYMBOL]
    assert len(background) == 1, "one trace of open grey marks for every background account"
    trace = background[0]
    assert trace.marker.color == charts.CONTEXT_COLOUR and trace.showlegend and "open grey" in trace.name
    told = responses[responses["origin"] == "context"]
    assert len(trace.x) == told.groupby(["crisis_id", "response"]).ngroups
    filled = [t for t in fig.data if t is not trace and t.text]
    assert filled and all(t.marker.symbol == "square" for t in filled)
    assert not {letter for t in filled for text in t.text for letter in text.split()} & {"B"}, "a 'B' on a filled mark"
    assert {t.offsetgroup for t in filled} != {trace.offsetgroup}, "both kinds of mark in one cell stand apart"
    assert fig.layout.scattermode == "group"
    kazakhstan = next(y for y in trace.y if "Kazakhstan" in y)
    assert any(kazakhstan in t.y for t in filled), "Kazakhstan: our sources' mark beside the other reports' one"


def test_the_crisis_matrix_in_its_periods_fits_a_slide_each_with_the_same_columns():
    from csto.charts.matrix import MATRIX_PERIODS
    from csto.site.preprocessors import DECK_FIGURE_MAX

    responses = tables.crisis_responses()
    whole = charts.response_matrix(responses)
    halves = [charts.response_matrix(responses, years=years) for years in MATRIX_PERIODS]
    for half in halves:
        assert half.layout.height <= DECK_FIGURE_MAX, "a period of the matrix is taller than a slide gives a chart"
        assert list(half.layout.xaxis.categoryarray) == list(whole.layout.xaxis.categoryarray)
        assert all(label.count("<br>") <= 1 for label in half.layout.yaxis.ticktext), "a crisis name over two lines"
    assert sum(len(h.layout.yaxis.tickvals) for h in halves) == len(whole.layout.yaxis.tickvals)
    with pytest.raises(ValueError, match="no crisis began between 1990 and 1991"):
        charts.response_matrix(responses, years=(1990, 1991))


@pytest.mark.parametrize("name", BUILDERS)
def test_source_captions_name_the_sources_in_words_not_a_repository_path(small, name):
    """The kit keeps the data under dataset/, so a caption naming data/sources.csv points students to nothing."""
    captions = [a.text for a in small[name].layout.annotations if a.text.startswith("Source:")]
    assert not [c for c in captions if re.search(r"\w+/\w+\.csv|data/", c)], captions


# deck 04 draws its cohesion lanes in three charts, one slide each (all six in one chart were 1092 px high)
COHESION_GROUPS = {"all six": None, "Armenia": ["ARM"], "Belarus and Russia": ["BLR", "RUS"],
                   "Central Asia": ["KAZ", "KGZ", "TJK"]}


def _support_and_distancing(countries: list[str] | None = None) -> go.Figure:
    """Deck 04's 'Support and distancing' chart (or one of its three parts), built as the notebook builds it."""
    from csto.lessons import scorecard

    acts = tables.country_acts()
    marks = scorecard.cohesion_acts(acts, tables.members_listed_by("afp2022"), include_context=True, skip_kinds=())
    return charts.lanes(marks, "t", countries=countries)


@pytest.mark.parametrize("group", [g for g in COHESION_GROUPS if COHESION_GROUPS[g]])
def test_each_part_of_the_cohesion_lanes_fits_the_height_a_slide_gives_a_chart(group):
    """On a 1280x720 slide a chart gets at most DECK_FIGURE_MAX px: a taller lanes figure loses its bottom lanes on
    the projector. Each of deck 04's three parts fits; all six lanes in one figure would not."""
    from csto.site.preprocessors import DECK_FIGURE_MAX

    fig = _support_and_distancing(COHESION_GROUPS[group])
    assert fig.layout.height <= DECK_FIGURE_MAX, f"{group}: {fig.layout.height} px, a slide gives {DECK_FIGURE_MAX}"
    assert len(fig.layout.yaxis.ticktext) == len(COHESION_GROUPS[group])
    whole = _support_and_distancing()
    # all six lanes in one chart: too tall for a slide, or too many marks to label at all (the lanes then keep one
    # line each and tell their marks only on hover)
    labelled = [a for a in whole.layout.annotations if not a.text.startswith(("Source", "Other reports"))]
    assert whole.layout.height > DECK_FIGURE_MAX or not labelled, "the whole chart no longer needs splitting"


@pytest.mark.parametrize("group", [g for g in COHESION_GROUPS if COHESION_GROUPS[g]])
def test_every_lanes_mark_background_included_carries_its_label_and_no_two_labels_or_bars_meet(group):
    fig = _support_and_distancing(COHESION_GROUPS[group])
    boxes = _label_boxes(fig)
    rows_of_marks = {y for t in fig.data for y in t.y if y is not None}
    labelled = {b[0] for b in boxes} | {b[0] + 1 for b in boxes}  # a label beside its mark, or under its bar
    assert rows_of_marks <= labelled, f"rows of marks with no label: {sorted(rows_of_marks - labelled)}"
    meeting = [(a[3], b[3]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[0] == b[0] and a[1] < b[2] and b[1] < a[2]]
    assert not meeting, f"labels on one row run into each other: {meeting[:3]}"
    background = [t for t in fig.data if t.legendgroup == "context"]
    assert all(y in labelled for t in background for y in t.y if y is not None)
    assert background or group != "Armenia", "other reports' marks are drawn"
    bars = [(t.y[i], t.x[i], t.x[i + 1]) for t in fig.data for i in range(0, len(t.x) - 1, 3)
            if t.mode == "lines+markers" and t.y[i] is not None]
    overlapping = [(a, b) for i, a in enumerate(bars) for b in bars[i + 1:]  # one span told twice is one bar, by design
                   if a[0] == b[0] and a[1:] != b[1:]
                   and pd.Timestamp(a[1]) <= pd.Timestamp(b[2]) and pd.Timestamp(b[1]) <= pd.Timestamp(a[2])]
    assert not overlapping, f"bars drawn over each other in a lane: {overlapping[:3]}"



def _mark_boxes(fig: go.Figure, plot: float, narrow: bool) -> list[tuple[float, float, float]]:
    """(row, left px, right px) of each mark and each bar (with its end ticks) as drawn, on a plot ``plot`` px wide."""
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    ys = fig.layout.meta["narrow_traces"]["y"] if narrow else [list(t.y) for t in fig.data]

    def px(x) -> float:
        return (pd.Timestamp(x) - first) / (last - first) * plot

    boxes = []
    for trace, trace_ys in zip(fig.data, ys):
        if trace.mode == "lines+markers":  # bars: start, end, gap
            boxes += [(trace_ys[i], px(trace.x[i]) - 4, px(trace.x[i + 1]) + 4) for i in range(0, len(trace.x) - 1, 3)
                      if trace_ys[i] is not None]
        else:
            boxes += [(y, px(x) - 7, px(x) + 7) for x, y in zip(trace.x, trace_ys) if y is not None]
    return boxes


@pytest.mark.parametrize("group", [g for g in COHESION_GROUPS if COHESION_GROUPS[g]])
@pytest.mark.parametrize("narrow", [False, True], ids=["jupyterlab-900px", "paper"])
def test_no_cohesion_lane_label_sits_on_a_bar_or_a_mark_even_in_a_900px_jupyterlab_cell(narrow, group):
    """The fact review's crowded chart: labels were written over the long distancing bars of the Central Asian lanes
    (centred on them) and, packed for a 900 px plot, ran over Armenia's marks in a 900 px JupyterLab cell, whose plot
    is about 700 px. Every label now sits in free space, on the narrowest screen and on paper."""
    from csto.charts.marks import LANES_PLOT_PX

    fig = _support_and_distancing(COHESION_GROUPS[group])
    plot, char = (charts.NARROW_PLOT_PX, charts.NARROW_LABEL_CHAR_PX) if narrow else (LANES_PLOT_PX,
                                                                                    charts.LABEL_CHAR_PX)
    assert plot <= 720, "packed for a plot no wider than a 900 px JupyterLab cell gives it"
    updates = fig.layout.meta["narrow"] if narrow else {}
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    labels_drawn = []
    for i, note in enumerate(fig.layout.annotations):
        if note.text.startswith(("Source:", "Other reports")) or note.y is None or note.yref == "paper":
            continue
        x = pd.Timestamp(updates.get(f"annotations[{i}].x", note.x))
        at = (x - first) / (last - first) * plot + updates.get(f"annotations[{i}].xshift", note.xshift or 0)
        width = char * len(note.text)
        left = {"left": at, "right": at - width, "center": at - width / 2}[
            updates.get(f"annotations[{i}].xanchor", note.xanchor)]
        labels_drawn.append((updates.get(f"annotations[{i}].y", note.y), left, left + width, note.text))
    if "ARM" in (COHESION_GROUPS[group] or ["ARM"]):
        assert any(text.startswith("12 Jun 2024: ") for *_, text in labels_drawn), "Armenia's lane stops in 2024"
    on_marks = [(text, row) for row, left, right, text in labels_drawn
                for mark_row, mark_left, mark_right in _mark_boxes(fig, plot, narrow)
                if mark_row == row and left < mark_right and mark_left < right]
    assert not on_marks, f"labels drawn over a bar or a mark: {on_marks[:3]}"
    off = [(text, left, right) for _, left, right, text in labels_drawn if left < -8 or right > plot + 12]
    assert not off, f"labels run off the plot: {off[:3]}"


# The data model's words that a student should not meet on a chart (the readability count's list, issue 21).
DATABASE_WORDS = re.compile(r"\b(rows?|background rows?|course[- ]sources?|course data|spans?|seeds?|coded|"
                            r"happenings?|iso3|vague)\b", re.I)


def _words_a_student_reads(fig: go.Figure) -> list[str]:
    """A chart's text alternative, axis titles, legend entries and source lines (the course-wide background
    legend entry, labels.BACKGROUND, is the labels module's wording and is left to it)."""
    words = [charts.alt_text(fig), fig.layout.xaxis.title.text or "", fig.layout.yaxis.title.text or ""]
    words += [t.name for t in fig.data if t.name and t.showlegend is not False and t.name != labels.BACKGROUND]
    return words + [a.text for a in fig.layout.annotations if a.text.startswith(("Source", "Other reports"))]


@pytest.mark.parametrize("name", ["timeline", "lanes", "spans", "map", "matrix", "bars"])
def test_what_a_student_reads_on_a_chart_is_in_the_classrooms_words(small, name):
    found = [(w, m.group(0)) for w in _words_a_student_reads(small[name]) for m in [DATABASE_WORDS.search(w)] if m]
    assert not found, found[:3]


def test_a_time_axis_says_a_bar_is_a_period_exact_or_known_only_roughly():
    """Review: 'a bar is the span a vague date may cover' was also written under exact periods (a mission from 6 to
    19 January); the axis says what a bar is in plain words, true of both."""
    from csto import story

    fig = story.what_happened_figure("03")
    title = fig.layout.xaxis.title.text
    assert not DATABASE_WORDS.search(title) and "period" in title
    assert "period" in charts.TIME_AXIS_TITLE and "roughly" in charts.TIME_AXIS_TITLE
    # the story's plot is narrow beside its event labels: its axis title fits under it in a JupyterLab window too
    assert len(title) <= 30, title
    assert not DATABASE_WORDS.search(charts.alt_text(fig)), charts.alt_text(fig)


def test_the_story_chart_s_source_lines_end_at_the_plots_right_edge_so_a_narrow_window_keeps_them_whole():
    from csto import story

    caption = story.what_happened_figure("03").layout.annotations[-1]
    assert caption.text.startswith("Background from other reports") and (caption.x, caption.xanchor) == (1, "right")


def test_a_bar_shared_by_several_events_counts_events_not_accounts():
    from csto.charts.marks import _lane_marks

    both = pd.DataFrame({"start": pd.to_datetime(["2022-01-01"] * 2), "end": pd.to_datetime(["2022-02-28"] * 2),
                         "date_precision": ["month"] * 2, "when": ["Jan–Feb 2022"] * 2, "title": ["a", "b"]})
    assert [m["label"] for m in _lane_marks(both, {})] == ["Jan–Feb 2022: 2 events"]


def test_membership_bands_decided_by_other_reports_say_so_in_the_classrooms_words():
    from csto.data import load

    fig = charts.membership_spans(load("membership"), load("countries"))
    bands = [_legend_name(t) for t in fig.data if t.mode == "lines" and t.line.dash == "dot"]
    assert bands and all(name.endswith("(from other reports, cited)") for name in bands), bands
    assert not any("background" in str(t.name).lower() for t in fig.data)


def test_the_course_theme_read_back_from_its_built_file_looks_as_freshly_merged(tmp_path, monkeypatch):
    """The theme is registered from a built file, unchecked, for speed: it must be the same look as merging
    plotly_white and the course layout afresh, both when it is first built and when it is read back."""
    import plotly.io as pio

    from csto.charts import theme

    monkeypatch.setenv("CSTO_TABLE_CACHE", str(tmp_path))
    fresh = pio.templates.merge_templates(pio.templates["plotly_white"], theme.course_template()).to_plotly_json()
    first, again = theme.built_template(), theme.built_template()
    assert list(tmp_path.glob("templates/*.json")), "the built template was not written to the cache"
    assert first.to_plotly_json() == fresh == again.to_plotly_json()
    previous = pio.templates.default
    try:
        charts.use_course_theme()
        student_figure = go.Figure(go.Bar(x=["a"], y=[1]))
        assert student_figure.layout.template.layout.font.family == theme.COURSE_LAYOUT["font"]["family"]
    finally:
        pio.templates.default = previous


# ---- source lines under the ticks, and stacked bars labelled with their totals --------------------------------------

def _year_counts() -> pd.DataFrame:
    """Notebook 00's per-year chart's table: dated entries per source and year, 'several years' for a stretch."""
    entries = tables.dated_rows()
    within_a_year = entries["start"].dt.year == entries["end"].dt.year
    entries["year"] = entries["start"].dt.year.astype(str).where(within_a_year, "several years")
    entries["source_id"] = entries["source_id"].fillna(labels.BACKGROUND)
    return entries.groupby(["source_id", "year"]).size().reset_index(name="entries")


def _question_counts() -> pd.DataFrame:
    """Notebook 06's exercise 3 table: cards per question and source (long question names under five groups)."""
    from csto.lessons import evidence

    return evidence.sources_per_question()


@pytest.fixture(scope="module")
def counted():
    return {
        "years": charts.grouped_counts(_year_counts(), "year", "entries", "t", "Year of the date", "Dated entries",
                                       stacked=True, note="Grey: other reports, each cited in data/citations.csv."),
        "questions": charts.grouped_counts(_question_counts(), "question", "items", "t", "Question", "Cards"),
    }


def _tick_room(fig: go.Figure, text_px: float) -> float:
    """px the x tick labels take at ``text_px`` under a plot at the angle the figure fixes (plotly's own rule when the
    angle is left to it depends on the width: the test refuses that)."""
    import math

    axis = fig.layout.xaxis
    assert axis.tickangle is not None, "a category axis left to turn its labels as the width calls for"
    ticks = [str(t) for t in (axis.ticktext or fig.data[0].x)]
    longest = max(len(line) for t in ticks for line in t.split("<br>")) * charts.LABEL_CHAR_PX * text_px / 16
    lines = max(t.count("<br>") + 1 for t in ticks)
    angle = math.radians(abs(axis.tickangle))
    return longest * math.sin(angle) + lines * 1.25 * text_px * abs(math.cos(angle))


@pytest.mark.parametrize("name", ["years", "questions"])
def test_source_lines_start_below_the_tick_labels_and_the_axis_title_in_both_forms(counted, name):
    """Student 5 (JupyterLab, 1366 px): 'several years' and 'Russia's main tool', turned by plotly to fit a narrower
    plot than a slide's, took more height than the margin left them, and the source lines were drawn over them."""
    fig = counted[name]
    caption = fig.layout.annotations[-1]
    lines = caption.text.count("<br>") + 1
    # the caption's bottom sits (bottom - 6) px under the plot: its top must clear the ticks, the title (30 px) and 5 px
    top_under_plot = -caption.yshift + 6 - lines * charts.theme.CAPTION_LINE
    assert top_under_plot >= 10 + _tick_room(fig, 16) + 30, (top_under_plot, _tick_room(fig, 16))
    narrow = fig.layout.meta["narrow"]
    key = f"annotations[{len(fig.layout.annotations) - 1}]"
    paper_lines = narrow[f"{key}.text"].count("<br>") + 1
    paper_top = -narrow[f"{key}.yshift"] + 6 - paper_lines * charts.theme.NARROW_CAPTION_LINE
    assert paper_top >= 8 + _tick_room(fig, 13) + 24, (paper_top, _tick_room(fig, 13))
    assert narrow["margin.b"] >= -narrow[f"{key}.yshift"] + 6 - 1


@pytest.mark.parametrize("name", ["years", "questions"])
def test_source_lines_wrap_to_fit_a_figure_800_px_wide(counted, name):
    """JupyterLab beside its file browser draws a figure about 950 px wide; the source lines (16 px) ran past its
    right edge. Each line fits from where it starts to the right edge of a figure 800 px wide."""
    fig = counted[name]
    caption = fig.layout.annotations[-1]
    start = charts.theme.plot_left(fig) if caption.xanchor == "left" else 40
    longest = max(len(line) for line in caption.text.split("<br>"))
    assert start + longest * charts.theme.CAPTION_CHAR_PX <= 800, (start, longest, caption.text)


def test_long_question_names_are_written_level_on_two_lines_and_many_years_upright(counted):
    questions, years = counted["questions"].layout.xaxis, counted["years"].layout.xaxis
    assert questions.tickangle == 0 and all(t.count("<br>") <= 1 for t in questions.ticktext)
    assert "Russia's<br>main tool" in questions.ticktext
    assert years.tickangle == -90


def test_each_stacked_bar_is_labelled_with_its_total_not_its_top_segment(counted):
    """Notebook 00's per-year chart read '2' above 2022, a bar of 75: plotly's 'outside' text on a stack labels the
    top segment. A text-only trace writes each bar's total above it."""
    fig, counts = counted["years"], _year_counts()
    totals = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    assert len(totals) == 1, "one trace of totals"
    drawn = dict(zip(totals[0].x, (int(t) for t in totals[0].text)))
    assert drawn == {str(k): int(v) for k, v in counts.groupby("year")["entries"].sum().items()}
    assert drawn["2022"] == max(drawn.values()) and list(totals[0].y) == [drawn[x] for x in totals[0].x]
    assert totals[0].showlegend is False
    assert fig.layout.yaxis.range[1] > max(drawn.values()), "room above the tallest bar for its total"
    bars = [t for t in fig.data if t.type == "bar"]
    assert all(t.textposition == "inside" for t in bars), "a segment's own count stays inside it"
    # a count that does not fit its segment at the chart's smallest text is hidden, never shrunk
    assert (fig.layout.uniformtext.mode, fig.layout.uniformtext.minsize) == ("hide", charts.SLIDE_TEXT_PX)
    assert fig.layout.meta["narrow"]["uniformtext.minsize"] == charts.theme.PAPER_TEXT_PX


def test_grouped_bars_keep_one_count_per_bar_and_no_totals_and_hide_a_count_too_small_to_read(counted):
    """Notebook 00's kinds chart wrote '14' a few pixels high over a bar too thin for it: hidden instead."""
    fig = counted["questions"]
    assert all(t.type == "bar" and t.textposition == "outside" for t in fig.data)
    assert (fig.layout.uniformtext.mode, fig.layout.uniformtext.minsize) == ("hide", charts.SLIDE_TEXT_PX)


def test_a_count_charts_legend_runs_above_the_plot_in_the_rows_its_top_margin_holds(counted):
    """'Other reports (cited), not our five sources' took 450 px of a 950 px JupyterLab figure at the right, and in
    notebook 05 the legend at the right left the term counts a narrow plot under upright labels: the legend runs in
    rows between the title and the plot, its names whole, and the top margin holds the title and those rows."""
    from csto.charts import bars

    fig = counted["years"]
    legend = fig.layout.legend
    assert (legend.orientation, legend.y, legend.yanchor) == ("h", 1.0, "bottom")
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert labels.BACKGROUND in names, "whole names: the legend is not squeezed at the right"
    rows = bars._legend_rows(names, charts.theme.FIGURE_MIN_PX - 20, charts.theme.LABEL_CHAR_PX)
    assert fig.layout.margin.t >= 44 + bars.TITLE_LINE_PX + bars.LEGEND_ROW_PX * rows


def test_the_nbconvert_html_form_of_a_chart_is_plotlys_own_cdn_html():
    """The course writes plotly's CDN loading tags once instead of letting plotly hash its bundle for every chart: the
    HTML nbconvert's slides keep must stay what plotly itself writes (same tags, same integrity hash, same figure)."""
    import plotly.io as pio

    from csto.charts.theme import figure_html_for_nbconvert

    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": "t"}}).to_dict()
    ours = figure_html_for_nbconvert(fig)
    plotlys = pio.to_html(fig, include_plotlyjs="cdn", full_html=False, include_mathjax=False, validate=False,
                          config={"displaylogo": False})

    def same(html: str) -> str:
        html = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID", html)
        return re.sub(r"\s+", " ", html).replace("> <", "><")

    assert 'integrity="sha256-' in ours
    assert same(ours) == same(plotlys)


def test_after_the_setup_a_figure_shown_any_way_draws_offline_in_jupyterlab_and_keeps_a_form_for_nbconvert(
        monkeypatch):
    """A cell's value, display(fig) and charts.show give plotly's mimetype and the HTML form nbconvert keeps; a
    student's own fig.show() gives the mimetype JupyterLab draws offline. None reaches for the network but the
    nbconvert form's script tag (plotly's CDN, as nbconvert's own output does)."""
    import plotly.io as pio
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from csto.data import keeping

    # the setup changes this process as it changes a kernel: put everything back for the tests after this one
    monkeypatch.setenv("PLOTLY_RENDERER", "")
    monkeypatch.delenv("PLOTLY_RENDERER")
    monkeypatch.setitem(keeping._KEEPING, "on", keeping._KEEPING["on"])
    monkeypatch.setattr(pio.templates, "default", pio.templates.default)
    shell = InteractiveShell.instance()
    try:
        shell.run_cell("from csto import charts\ncharts.use_course_theme()\nimport plotly.graph_objects as go\n"
                       "fig = go.Figure(go.Bar(x=['a'], y=[1]))", store_history=False)
        shown = {}
        for how in ("fig", "display(fig)", "charts.show(fig)", "fig.show()"):
            with capture_output() as captured:
                result = shell.run_cell(how, store_history=False)
            assert result.success, (how, result.error_in_exec)
            shown[how] = captured.outputs[0].data
    finally:
        InteractiveShell.clear_instance()
    for how in ("fig", "display(fig)", "charts.show(fig)"):
        assert shown[how]["application/vnd.plotly.v1+json"]["data"][0]["type"] == "bar", how
        assert 'src="https://cdn.plot.ly' in shown[how]["text/html"] and "plotly-graph-div" in shown[how]["text/html"]
    assert shown["fig.show()"]["application/vnd.plotly.v1+json"]["data"][0]["type"] == "bar"


def test_map_outlines_travel_in_single_precision_half_the_bytes():
    """A country's outline is most of what a lesson's page, deck and notebook carry: its vertices go as float32
    (plotly's "f4" arrays, to a metre or so), half the bytes of float64, with the gaps between rings kept as NaN."""
    import json

    fig = charts.places_map("02")
    outlines = [t for t in json.loads(fig.to_json())["data"] if t.get("fill") == "toself"]
    assert outlines and {t["x"]["dtype"] for t in outlines} == {t["y"]["dtype"] for t in outlines} == {"f4"}
    assert any(pd.isna(v) for v in fig.data[0].x), "rings are still separated by gaps"
