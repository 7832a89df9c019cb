"""The crisis matrix on a slide: as many crises as the record holds in a period still fit the height a slide gives a
chart, with rows closed up only as far as two lines of a crisis's name allow."""

from __future__ import annotations

from csto import charts
from csto.charts.matrix import MATRIX_PERIODS, MATRIX_ROW_PX, MATRIX_ROW_PX_MIN
from csto.data import views
from csto.site.preprocessors import DECK_FIGURE_MAX


def _row_px(fig) -> float:
    """The height each crisis gets: the figure's height less its margins, shared by its rows."""
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    return plot / len(fig.layout.yaxis.tickvals)


def test_a_crowded_period_of_the_matrix_closes_its_rows_to_fit_a_slide_but_keeps_two_lines_per_crisis():
    """Nine crises in one chart (2010 to 2021, with Tajikistan's appeal of July 2021) would need rows closer than two
    lines of a name: the rule still closes rows no further than MATRIX_ROW_PX_MIN, so such a chart grows instead."""
    responses = views.crisis_responses()
    crowded = charts.response_matrix(responses, years=(2010, 2021))
    rows = len(crowded.layout.yaxis.tickvals)
    assert rows * MATRIX_ROW_PX + crowded.layout.margin.t + crowded.layout.margin.b > DECK_FIGURE_MAX, (
        "this period no longer needs closer rows: test the rule on a period that does"
    )
    assert _row_px(crowded) >= MATRIX_ROW_PX_MIN


def test_every_period_a_lesson_draws_fits_a_slide_with_rows_no_closer_than_two_lines_of_a_name():
    """Review 8: with Tajikistan's appeal of July 2021 the record's 2010-2021 crises closed below 44 px a row; each of
    the lessons' periods (MATRIX_PERIODS) fits the height a slide gives a chart at MATRIX_ROW_PX_MIN or more, and
    together they draw every crisis once."""
    responses = views.crisis_responses()
    drawn = [charts.response_matrix(responses, years=period) for period in MATRIX_PERIODS]
    for period, fig in zip(MATRIX_PERIODS, drawn):
        assert fig.layout.height <= DECK_FIGURE_MAX, f"{period}: taller than a slide gives a chart"
        assert _row_px(fig) >= MATRIX_ROW_PX_MIN, f"{period}: rows closer than {MATRIX_ROW_PX_MIN} px"
    assert sum(len(f.layout.yaxis.tickvals) for f in drawn) == responses["crisis_id"].nunique()


def test_a_period_of_the_matrix_with_room_to_spare_keeps_its_full_row_height():
    """2010 to 2019 holds three crises: they keep MATRIX_ROW_PX each rather than spreading over the slide."""
    early = charts.response_matrix(views.crisis_responses(), years=MATRIX_PERIODS[0])
    assert len(early.layout.yaxis.tickvals) == 3
    assert _row_px(early) == MATRIX_ROW_PX and early.layout.height < DECK_FIGURE_MAX
