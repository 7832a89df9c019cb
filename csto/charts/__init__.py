"""The course's chart kit: one visual language for notebooks, handouts and slides.

Every builder takes tidy frames from ``csto.data`` (its views and loaded tables) and returns a ``go.Figure`` that
carries
a title, labelled axes, a source caption, hover text with the quote and its source, context rows drawn
distinctly with a legend entry, and a one-sentence text alternative in ``fig.layout.meta["alt"]``.
Colours come from the Okabe–Ito palette, which stays distinguishable for the common colour-vision deficiencies.

The parts: ``theme`` (template, palette, caption, finish, show), ``marks`` (marks and the label packing the
timeline and the lanes share), ``timelines`` (timeline, lanes, membership spans), ``maps`` (region, membership
and places maps), ``matrix`` (the response matrix), ``bars`` (figure bars, grouped counts).
"""

from __future__ import annotations

from . import bars, maps, matrix, timelines
from .maps import PLACES_FILE, PLACE_LABEL_SIZE, lesson_places, region_geojson
from .marks import LABEL_CHAR_PX, NARROW_LABEL_CHAR_PX, NARROW_PLOT_PX, TIMELINE_PLOT_PX, marks
from .theme import (
    ACT_STYLE, CONTEXT_COLOUR, CONTEXT_SYMBOL, OTHER_COUNTRY, RESPONSE_COLOURS, SLIDE_TEXT_PX, TIME_AXIS_TITLE,
    add_narrow_layout, alt_text, country_colour, drawn_once, finish, response_label, show, use_course_theme,
)
from ..labels import OKABE_ITO

# the builders a lesson calls, each drawn once per state of the course's files and its arguments in a kernel
figure_bars, grouped_counts = drawn_once(bars.figure_bars), drawn_once(bars.grouped_counts)
membership_map, places_map = drawn_once(maps.membership_map), drawn_once(maps.places_map)
response_matrix = drawn_once(matrix.response_matrix)
lanes, membership_spans, timeline = (drawn_once(timelines.lanes), drawn_once(timelines.membership_spans),
                                     drawn_once(timelines.timeline))

__all__ = [
    "ACT_STYLE", "CONTEXT_COLOUR", "CONTEXT_SYMBOL", "LABEL_CHAR_PX", "NARROW_LABEL_CHAR_PX", "NARROW_PLOT_PX",
    "OKABE_ITO", "OTHER_COUNTRY", "PLACES_FILE", "PLACE_LABEL_SIZE", "RESPONSE_COLOURS", "SLIDE_TEXT_PX",
    "TIME_AXIS_TITLE", "TIMELINE_PLOT_PX", "add_narrow_layout", "alt_text", "country_colour", "drawn_once",
    "figure_bars", "finish", "grouped_counts", "lanes", "lesson_places", "marks", "membership_map",
    "membership_spans", "places_map", "region_geojson", "response_label", "response_matrix", "show", "timeline",
    "use_course_theme",
]
