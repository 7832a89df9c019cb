"""Wording the course prints in more than one place, defined once: how background is marked, how a date keeps its
precision, how a language code reads, and the colour-blind-safe palette.

Wording only: this module imports nothing from the rest of ``csto``, so every layer may use it. What comes from the
data (source names and order, citations, country names, the codebook's labels) is looked up in
``csto.data.lookups``, under one cache rule.
"""

from __future__ import annotations

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# How a row from outside the course sources is marked: in legends, in table cells (with its citation), in captions.
BACKGROUND = "Other reports (cited), not our five sources"
BACKGROUND_SHORT = "background"

# ISO 639-1 codes as readers know them. A language the data uses but this list lacks prints as its code.
LANGUAGE_NAMES = {"en": "English", "id": "Indonesian", "ru": "Russian", "hy": "Armenian", "kk": "Kazakh",
                  "ky": "Kyrgyz", "tg": "Tajik", "be": "Belarusian", "uz": "Uzbek", "az": "Azerbaijani",
                  "ka": "Georgian", "fr": "French", "de": "German", "zh": "Chinese", "tr": "Turkish", "fa": "Persian"}

# Okabe & Ito (2008), "Color Universal Design": distinguishable for the common colour-vision deficiencies.
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999"}
# Sources take these in their order of publication (oldest first), so a new source gets a colour of its own.
SOURCE_PALETTE = ("blue", "sky", "vermillion", "orange", "green", "purple", "black", "yellow")
# Lessons 01, 02, … take these in course-map order (csto.course.notebook_colours), then again from the start.
NOTEBOOK_PALETTE = ("blue", "vermillion", "green", "orange", "purple", "black", "sky", "yellow")


def date_label(value: object, value_end: object = None, precision: object = None) -> str:
    """A date as a reader should see it, keeping its precision: '2010', 'Sep 2022', '15 May 1992', '1992–1994'."""
    if not isinstance(value, str) or not value:
        return "undated"

    def one(text: str) -> str:
        parts = text.split("-")
        if len(parts) == 1:
            return parts[0]
        month = MONTHS[int(parts[1]) - 1]
        return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"

    if str(precision) == "period" and isinstance(value_end, str) and value_end:
        return f"{one(value)}–{one(value_end)}"
    return one(value)


def when(frame) -> list[str]:
    """The ``when`` column of a dated table (``date``/``date_end``/``date_precision``, or a source's ``published``)."""
    start, end = ("date", "date_end") if "date" in frame else ("published", "published_end")
    return [date_label(d, e, p) for d, e, p in zip(frame[start], frame[end], frame["date_precision"].astype("object"))]


def language(code: object) -> str:
    """A language code as readers know it ('ru' -> 'Russian'); an unknown code prints as itself."""
    return LANGUAGE_NAMES.get(str(code), str(code))


def code_label(value: object) -> str:
    """A coded value as words when the codebook gives no label: 'suspended_participation' -> 'suspended
    participation'."""
    return str(value).replace("_", " ")
