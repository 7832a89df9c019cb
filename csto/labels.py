"""Every label the course prints in more than one place, defined once.

Where the data has the fact (a source's name, date and language; the order of the sources; the meaning of a
coded value), the label is read from the data package; what remains here is wording: how background is marked,
how a date keeps its precision, how a language code reads. Charts, tables, the quiz and the site all use these,
so a reader meets one wording for one thing.
"""

from __future__ import annotations

from functools import lru_cache

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# How a row from outside the course sources is marked: in legends, in table cells (with its citation), in captions.
BACKGROUND = "Background, not from course sources"
BACKGROUND_SHORT = "background"

# ISO 639-1 codes as readers know them. A language the data uses but this list lacks prints as its code.
LANGUAGE_NAMES = {"en": "English", "id": "Indonesian", "ru": "Russian", "hy": "Armenian", "kk": "Kazakh", "ky": "Kyrgyz",
                  "tg": "Tajik", "be": "Belarusian", "uz": "Uzbek", "az": "Azerbaijani", "ka": "Georgian", "fr": "French",
                  "de": "German", "zh": "Chinese", "tr": "Turkish", "fa": "Persian"}

# Okabe & Ito (2008), "Color Universal Design": distinguishable for the common colour-vision deficiencies.
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999"}
# Sources take these in their order of publication (oldest first), so a new source gets a colour of its own.
SOURCE_PALETTE = ("blue", "sky", "vermillion", "orange", "green", "purple", "black", "yellow")


def citation(citation_id: object) -> str:
    """A reference from citations.csv as one line: 'TVP World, "CSTO forces withdraw …", Jan 2022, tvpworld.com/…'."""
    if not isinstance(citation_id, str) or not citation_id:
        return ""
    rows = _citations()
    if citation_id not in rows:
        return citation_id
    row = rows[citation_id]
    parts = [row["publisher"], f"“{row['title']}”", date_label(row["date"]) if row["date"] else "", row["url"] or ""]
    text = ", ".join(p for p in parts if p)
    return text + (f"; also {row['also']}" if row["also"] else "")


@lru_cache(maxsize=1)
def _citations_cached(mtime: int) -> dict[str, dict]:
    from .data import load

    frame = load("citations")
    return {r["citation_id"]: {k: (v if isinstance(v, str) else "") for k, v in r.items()} for r in frame.to_dict("records")}


def _citations() -> dict[str, dict]:
    from .paths import descriptor_path

    return _citations_cached(descriptor_path().stat().st_mtime_ns)


def publisher(citation_id: object) -> str:
    """Just the publisher of a reference, for short captions ('TVP World')."""
    return _citations().get(citation_id, {}).get("publisher", "") if isinstance(citation_id, str) else ""


def background(citation_id: object) -> str:
    """'Background, not from course sources: TVP World, …' for a table cell."""
    text = citation(citation_id)
    return f"{BACKGROUND}: {text}" if text else BACKGROUND


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
    return LANGUAGE_NAMES.get(str(code), str(code))


def code_label(value: object) -> str:
    """A coded value as words when the codebook gives no label: 'suspended_participation' -> 'suspended participation'."""
    return str(value).replace("_", " ")


@lru_cache(maxsize=None)
def _codebook_labels(table: str, column: str) -> dict[str, str]:
    from .data import package

    categories = package.field(table, column).get("categories") or []
    return {str(c["value"]): c.get("label", code_label(c["value"])) for c in categories}


def value_label(table: str, column: str, value: object) -> str:
    """The codebook's label for a coded value (``categories`` in datapackage.json), e.g. a crisis response."""
    return _codebook_labels(table, column).get(str(value), code_label(value))


def value_labels(table: str, column: str) -> dict[str, str]:
    """Every coded value of a column with its label, in the codebook's order."""
    from .data import package

    return {v: value_label(table, column, v) for v in package.enum(table, column)}


# ---- the sources, from sources.csv -------------------------------------------------------------------------------

def _sources():
    from .data import load

    return load("sources")


def source_order() -> list[str]:
    """source_ids oldest first (by the first day each could have been published): the course's reading order."""
    return list(_sources().sort_values(["start", "source_id"], kind="stable")["source_id"])


def source_names() -> dict[str, str]:
    """source_id -> short name for captions, hovers and tables ('Stratfor 2017')."""
    frame = _sources()
    return dict(zip(frame["source_id"], frame["short_name"]))


def source_name(source_id: object) -> str:
    """A source's short name, or the background label for a row without one."""
    return source_names().get(source_id, BACKGROUND_SHORT) if isinstance(source_id, str) else BACKGROUND_SHORT


def source_colours() -> dict[str, str]:
    """source_id -> a colour of its own, assigned in reading order, the same in every chart and page."""
    return {s: OKABE_ITO[SOURCE_PALETTE[i % len(SOURCE_PALETTE)]] for i, s in enumerate(source_order())}


def source_published() -> dict[str, str]:
    """source_id -> its publication date as written at its precision ('10 Jan 2017', 'Oct 2022–Dec 2022')."""
    frame = _sources()
    return dict(zip(frame["source_id"], when(frame)))


def sources_in(language_code: str) -> list[str]:
    """source_ids written in one language, oldest first (term counts compare English wording, for instance)."""
    frame = _sources().set_index("source_id")
    return [s for s in source_order() if str(frame.loc[s, "language"]) == language_code]


def latest_publication() -> str:
    """The last day any course source could have been published (ISO date): where the course's record ends."""
    return _sources()["end"].max().date().isoformat()


def basis(frame, short: bool = False) -> list[str]:
    """Per row: the source's short name, or the background label with its citation (``short``: with its publisher
    only, for a slide): how every table marks where a row comes from."""
    citations = frame["citation_id"] if "citation_id" in frame else [None] * len(frame)
    mark = (lambda c: f"{BACKGROUND}: {publisher(c)}") if short else background  # noqa: E731
    return [mark(c) if o == "context" else ("the course" if o == "course" else source_name(s))
            for o, s, c in zip(frame["origin"], frame["source_id"], citations)]
