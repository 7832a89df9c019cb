"""The crisis matrix on a slide: as many crises as the record holds in a period still fit the height a slide gives a
chart, with rows closed up only as far as two lines of a crisis's name allow."""

from __future__ import annotations

from csto import charts
from csto.charts.matrix import MATRIX_ROW_PX, MATRIX_ROW_PX_MIN
from csto.data import views
from csto.site.preprocessors import DECK_FIGURE_MAX


def _row_px(fig) -> float:
    """The height each crisis gets: the figure's height less its margins, shared by its rows."""
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    return plot / len(fig.layout.yaxis.tickvals)


def test_a_crowded_half_of_the_matrix_closes_its_rows_to_fit_a_slide_but_keeps_two_lines_per_crisis():
    responses = views.crisis_responses()
    early = charts.response_matrix(responses, years=(2010, 2021))
    rows = len(early.layout.yaxis.tickvals)
    assert rows * MATRIX_ROW_PX + early.layout.margin.t + early.layout.margin.b > DECK_FIGURE_MAX, (
        "this half no longer needs closer rows: test the rule on a period that does"
    )
    assert early.layout.height <= DECK_FIGURE_MAX
    assert MATRIX_ROW_PX_MIN <= _row_px(early) < MATRIX_ROW_PX


def test_a_half_of_the_matrix_with_room_to_spare_keeps_its_full_row_height():
    late = charts.response_matrix(views.crisis_responses(), years=(2022, 2026))
    assert _row_px(late) == MATRIX_ROW_PX and late.layout.height <= DECK_FIGURE_MAX
