"""The source reader: each course source read whole, every passage the data quotes highlighted and annotated.

Students otherwise meet the sources only as excerpts. Every data row that comes from a source carries a verbatim
quote of it, so the text itself can show which of its words the course rests on, and which rows rest on them.

What is here (standard library and pandas only; one renderer serves the site pages and the notebook view):

- ``passages(source_id)``: every distinct passage some row quotes, located in the seed text (overlapping and nested
  passages included), each with the rows that cite it; ``anchor(source_id, quote)`` names a passage for links and
  ``href(source_id, quote)`` is the link from the site's root;
- ``sentences(text)`` and ``coverage(source_id)``: the one sentence rule, and how many sentences some row uses;
- ``page_html(source_id)``, ``index_html()``, ``translation_html()``: the site pages ``sources/<source_id>.html``,
  ``sources/index.html`` and ``sources/translation.html`` (the Indonesian text beside the English original);
  ``site_pages()`` lists them for the site build (with the inputs to hash) and ``write_pages(site)`` writes them;
- ``read(source, around=None)``: the same annotated text inline in a notebook (no JavaScript: the rows behind the
  passages are numbered notes under the text, as on paper); ``around=`` a row id shows only that row's paragraph
  with its neighbours.

Terms: a *passage* is one distinct quote (distinct after ``csto.data.verbatim.normalise``); an *occurrence* is one
place in the text where it stands (a few short quotes occur twice: both places are highlighted, since the row does
not say which it means). Passages overlap and nest: the text is cut into segments at every passage boundary and
rendered as nested ``<mark>`` elements, a passage that crosses another being continued in a second piece.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import labels
from .data import lookups
from .data import package
from .data.frames import load, source_text
from .data.verbatim import normalise
from .paths import descriptor_path

ASSETS = Path(__file__).resolve().parent / "site" / "assets"
CSS_FILE = ASSETS / "reader.css"
WRAPPER = "csto-reader"  # every rule in reader.css is scoped to this class, so the notebook view can inline it
TRANSLATION_PAGE = "translation.html"

# ---- which columns quote which source (one place) ----------------------------------------------------------------

DEFAULT_QUOTE = ("quote", "source_id")
# Besides (quote, source_id), a table may quote a second source in another column: the Indonesian side of a pair.
EXTRA_QUOTES = {"translation_pairs": [("translation", "translation_source_id")]}

# What one row records, in words, per table: the label of the table and how its row reads.
TABLE_LABELS = {
    "sources": "source", "membership": "membership", "crises": "crisis", "crisis_responses": "crisis response",
    "events": "event", "event_countries": "country in an event", "people": "person", "name_variants": "name as written",
    "quotes": "quotation", "figures": "figure", "claims": "claim", "forecast_checks": "forecast check",
    "translation_pairs": "translation pair", "corrections": "correction", "glossary": "glossary",
}
MAX_WORDS_CHARS = 240


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _countries() -> dict[str, str]:
    frame = load("countries")
    return dict(zip(frame["iso3"], frame["name_en"]))


def _events() -> dict[str, str]:
    frame = load("events")
    return dict(zip(frame["event_id"], frame["title"]))


def _crises() -> dict[str, str]:
    frame = load("crises")
    return dict(zip(frame["crisis_id"], frame["name"]))


def _when(row: dict) -> str:
    return labels.date_label(row.get("date"), row.get("date_end"), row.get("date_precision"))


def _describe_membership(row: dict) -> str:
    country = _countries().get(_text(row["iso3"]), _text(row["iso3"]))
    return f"{country}: {lookups.value_label('membership', 'change', row['change'])} ({_when(row)})"


def _describe_event_country(row: dict) -> str:
    country = _countries().get(_text(row["iso3"]), _text(row["iso3"]))
    act = _text(row.get("act"))
    what = lookups.value_label("event_countries", "role", row["role"]) + (
        "" if act in ("", "none") else f", {lookups.value_label('event_countries', 'act', act)}"
    )
    return f"{country} ({what}) in “{_events().get(_text(row['event_id']), _text(row['event_id']))}”"


def _describe_quote(row: dict) -> str:
    voice = (f"{lookups.source_name(row.get('source_id'))}'s account, not the speaker's words"
             if _text(row.get("voice")) == "source_words" else "the speaker's own words")
    return f"{_text(row['speaker'])}: “{_text(row['words'])}” ({voice})"


def _describe_figure(row: dict) -> str:
    unit = _text(row.get("unit"))
    return f"{_text(row['subject'])}: {_text(row['value_text'])}{(' ' + unit) if unit else ''} ({_when(row)})"


def _describe_pair(row: dict) -> str:
    shift = lookups.value_label("translation_pairs", "shift", row["shift"])
    return f"pair {_text(row['seq'])} of the translation ({shift})"


def _describe_correction(row: dict) -> str:
    return f"the text writes “{_text(row['as_written'])}”; {_text(row['correction'])}"


DESCRIBE = {
    "sources": lambda r: f"{_text(r['short_name'])}: {_text(r['title'])}",
    "membership": _describe_membership,
    "crises": lambda r: _text(r["name"]),
    "crisis_responses": lambda r: (
        f"{_crises().get(_text(r['crisis_id']), _text(r['crisis_id']))}: "
        f"{lookups.value_label('crisis_responses', 'response', r['response'])}"
    ),
    "events": lambda r: f"{_text(r['title'])} ({_when(r)})",
    "event_countries": _describe_event_country,
    "people": lambda r: f"{_text(r['name_standard'])}, {_text(r['role'])}",
    "name_variants": lambda r: (
        f"“{_text(r['name_as_written'])}”" + (" (a misspelling)" if r.get("is_error") is True else "")
    ),
    "quotes": _describe_quote,
    "figures": _describe_figure,
    "claims": lambda r: _text(r["claim"]),
    "forecast_checks": lambda r: (
        f"{lookups.value_label('forecast_checks', 'verdict', r['verdict'])}: {_text(r['verdict_note'])}"
    ),
    "translation_pairs": _describe_pair,
    "corrections": _describe_correction,
    "glossary": lambda r: _text(r.get("expansion")) or _text(r.get("definition")),
}


def describe(table: str, row: dict) -> str:
    """What one row records, in words: 'Armenia refuses to host the 2022 exercise (Oct 2022)'.

    A table not listed in ``DESCRIBE`` reads as its first text column other than the key.
    """
    if table in DESCRIBE:
        text = DESCRIBE[table](row)
    else:
        keys = set(_key_columns(table))
        text = next((_text(v) for k, v in row.items() if k not in keys and isinstance(v, str) and v), "")
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= MAX_WORDS_CHARS else text[:MAX_WORDS_CHARS - 1].rstrip() + "…"


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table.replace("_", " "))


def _key_columns(table: str) -> list[str]:
    key = package.schema(table).get("primaryKey")
    if key is None:
        return [package.schema(table)["fields"][0]["name"]]
    return [key] if isinstance(key, str) else list(key)


def _quote_columns(table: str) -> list[tuple[str, str]]:
    names = {f["name"] for f in package.schema(table)["fields"]}
    pairs = [DEFAULT_QUOTE] if set(DEFAULT_QUOTE) <= names else []
    return pairs + [p for p in EXTRA_QUOTES.get(table, []) if set(p) <= names]


# ---- the rows that quote a source -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One data row citing a passage: its table, its key (the table's primary key) and what it records."""

    table: str
    row_id: str
    what: str

    @property
    def label(self) -> str:
        return table_label(self.table)


@dataclass
class Passage:
    """One distinct quoted passage of a source: where it stands (original offsets) and the rows that cite it."""

    anchor: str
    normalised: str
    spans: list[tuple[int, int]]
    rows: list[Row] = field(default_factory=list)
    number: int = 0  # its note number, in reading order

    def text(self, source: str) -> str:
        start, end = self.spans[0]
        return source[start:end]


def _quoting_rows() -> pd.DataFrame:
    """Every row of every table that quotes a source: columns table, row_id, source_id, quote, what."""
    records = []
    for table in package.table_names():
        columns = _quote_columns(table)
        if not columns:
            continue
        keys = _key_columns(table)
        for row in load(table).to_dict("records"):
            row_id = "/".join(_text(row[k]) for k in keys)
            for quote_column, source_column in columns:
                quote, source = _text(row.get(quote_column)), _text(row.get(source_column))
                if quote.strip() and source:
                    records.append({"table": table, "row_id": row_id, "source_id": source, "quote": quote,
                                    "what": describe(table, row)})
    return pd.DataFrame(records, columns=["table", "row_id", "source_id", "quote", "what"])


def anchor(source_id: str, quote_text: str) -> str:
    """The stable id of a passage on its source's page: 'p-' + the first 10 hex of sha1 of the normalised quote.

    ``source_id`` names the page (``sources/<source_id>.html#<anchor>``); a quote that is not in that source's text
    raises ValueError, since a link to it would lead nowhere.
    """
    normalised = normalise(quote_text)
    if not normalised or normalised not in _normalised_text(source_id):
        raise ValueError(f"{quote_text[:60]!r} is not in the text of {source_id!r}, so it has no anchor there")
    return "p-" + hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:10]


def href(source_id: str, quote_text: str) -> str:
    """The link to a passage from the site's root: 'sources/afp2022.html#p-0123456789'."""
    return f"sources/{source_id}.html#{anchor(source_id, quote_text)}"


# ---- locating quotes: normalised offsets back to the original text ------------------------------------------------

def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the offset of the original character it came from."""
    folded = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    out: list[str] = []
    where: list[int] = []
    in_space = False
    for index, char in enumerate(folded):
        if char.isspace():
            if not in_space and out:
                out.append(" ")
                where.append(index)
            in_space = True
            continue
        in_space = False
        for piece in char.lower():
            out.append(piece)
            where.append(index)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    result = "".join(out)
    if result != normalise(text):  # the map must follow csto.data.verbatim exactly, or offsets would drift
        raise AssertionError("csto.reader's offset map no longer matches csto.data.verbatim.normalise")
    return result, where


def _normalised_text(source_id: str) -> str:
    return _located(source_id, *_cache_key())[0]


@lru_cache(maxsize=16)
def _located(source_id: str, descriptor: str, mtime_ns: int) -> tuple[str, list[int]]:
    return _normalised_with_map(source_text(source_id))


def _cache_key() -> tuple[str, int]:
    path = descriptor_path()
    return str(path), path.stat().st_mtime_ns


def _occurrences(normalised_text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` (non-overlapping); when some fall on word boundaries, only those."""
    found, start = [], normalised_text.find(needle)
    while start >= 0:
        found.append(start)
        start = normalised_text.find(needle, start + len(needle))

    def bounded(i: int) -> bool:
        before = normalised_text[i - 1] if i > 0 else " "
        after = normalised_text[i + len(needle)] if i + len(needle) < len(normalised_text) else " "
        return not (before.isalnum() and needle[0].isalnum()) and not (after.isalnum() and needle[-1].isalnum())

    whole_words = [i for i in found if bounded(i)]
    return whole_words or found


def passages(source_id: str) -> list[Passage]:
    """Every distinct passage of a source some row quotes, in reading order, with the rows citing each.

    Example: ``passages("afp2022")[0].rows``. Order: by where the passage first starts; a longer passage before a
    shorter one starting at the same place (the outer before the inner).
    """
    _check_source(source_id)
    return [
        Passage(p.anchor, p.normalised, list(p.spans), list(p.rows), p.number)
        for p in _passages(source_id, *_cache_key())
    ]


@lru_cache(maxsize=16)
def _passages(source_id: str, descriptor: str, mtime_ns: int) -> tuple[Passage, ...]:
    normalised_text, where = _located(source_id, descriptor, mtime_ns)
    rows = _quoting_rows()
    rows = rows[rows["source_id"] == source_id]
    found: dict[str, Passage] = {}
    for record in rows.to_dict("records"):
        key = normalise(record["quote"])
        if key not in found:
            starts = _occurrences(normalised_text, key)
            if not starts:
                continue  # not verbatim: `python -m csto.data check` reports it; the reader cannot place it
            spans = [(where[s], where[s + len(key) - 1] + 1) for s in starts]
            found[key] = Passage("p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10], key, spans)
        row = Row(record["table"], record["row_id"], record["what"])
        if row not in found[key].rows:
            found[key].rows.append(row)
    ordered = sorted(found.values(), key=lambda p: (p.spans[0][0], -p.spans[0][1], p.anchor))
    for number, passage in enumerate(ordered, start=1):
        passage.number = number
    return tuple(ordered)


# ---- the passages each lesson uses --------------------------------------------------------------------------------

READ_HEIGHT_PX = 480  # the height of read()'s box in a notebook: about a screen's half at 1366×768
_LITERAL = re.compile(r"""(?<![A-Za-z0-9_])["']([^"'\n]{1,80})["']""")


def _lesson_literals(path: Path) -> frozenset[str]:
    """Every string literal in a notebook's code cells: the row ids it shows (show.passage, show.quote, around=)."""
    return _literals_cached(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _literals_cached(path: str, mtime_ns: int) -> frozenset[str]:
    import json

    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return frozenset(_LITERAL.findall(code))


def _worksheet_rows(number: str) -> frozenset[str]:
    """The row keys a lesson's worksheet quotes (``csto/site/worksheets/NN.toml``, ``[[quotes]] id``): passages the
    lesson shows on paper and, through tables built in code (``show.quotes_table``, ``evidence.cards``), on its slides,
    which its code does not name literally."""
    import tomllib

    path = Path(__file__).resolve().parent / "site" / "worksheets" / f"{number}.toml"
    if not path.exists():
        return frozenset()
    with path.open("rb") as handle:
        return frozenset(str(q.get("id", "")) for q in tomllib.load(handle).get("quotes", []))


def lesson_anchors(source_id: str) -> dict[str, list[str]]:
    """{lesson number: anchors of this source's passages the lesson shows}, in reading order.

    A lesson uses a passage when its notebook names, in code, a row that quotes it (``show.passage("claims", key)``,
    ``show.quote(quote_id)``, ``read(..., around=row_id)``) or its worksheet quotes that row.
    """
    from .course import entries
    from .paths import notebooks_dir

    found = passages(source_id)
    result = {}
    for entry in entries():
        path = notebooks_dir() / entry["file"]
        if not path.exists():
            continue
        named = _lesson_literals(path) | _worksheet_rows(entry["notebook"])
        result[entry["notebook"]] = [
            p.anchor for p in found if any(r.row_id in named and r.table != "sources" for r in p.rows)
        ]
    return result


# ---- paragraphs and sentences ------------------------------------------------------------------------------------

def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: every non-blank line of the seed, without its leading and trailing spaces.

    The seeds mark paragraphs either with a blank line or with a single line break; a line is a paragraph in both.
    """
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        offset += len(line)
    return spans


# A sentence ends at '.', '!' or '?' (with any closing quotation mark or bracket) followed by white space, unless
# the word before the full stop is an abbreviation (Dec., U.S., Mr.) or a single initial, or the next word starts
# with a small letter ('“Is it?” she asked').
SENTENCE_RULE = (
    "A sentence ends at “.”, “!” or “?” followed by a space, but not after an abbreviation such as “Dec.” or "
    "“U.S.” nor before a word in small letters; a line without a final full stop, such as a heading, counts as one "
    "sentence."
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|No|vs|etc|e\.g|i\.e)\.)$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text: the one sentence rule of the reader, used for coverage.

    Rule: sentences never cross a paragraph (see ``paragraphs``); within one, a sentence ends at '.', '!' or '?'
    (plus any closing quotation mark or bracket) followed by white space, except after an abbreviation ('Dec.',
    'U.S.', 'Mr.') or a single initial, or before a word in small letters ('“Is it?” she asked'). What remains of a
    paragraph after its last sentence end (a heading, a
    caption, a byline without a full stop) is a sentence too.
    """
    spans = []
    for start, end in paragraphs(text):
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            following = text[match.end():end].lstrip()[:1]
            if _ABBREVIATION.search(text, cursor, match.start() + 1) or following.islower():
                continue
            spans.append((cursor, match.end()))
            cursor = match.end()
            while cursor < end and text[cursor].isspace():
                cursor += 1
        if cursor < end:
            spans.append((cursor, end))
    return spans


def _used_sentences(text: str, found: list[Passage]) -> list[bool]:
    spans = [s for p in found for s in p.spans]
    return [any(a < e and b > s for a, b in spans) for s, e in sentences(text)]


def coverage(source_id: str) -> tuple[int, int]:
    """(sentences at least one row quotes from, sentences in the text); see ``sentences`` for the rule."""
    used = _used_sentences(source_text(source_id), passages(source_id))
    return sum(used), len(used)


def coverage_line(source_id: str) -> str:
    used, total = coverage(source_id)
    share = f" ({round(100 * used / total)}%)" if total else ""
    return f"{used} of {total} sentences{share} are quoted by at least one row of the course data."


# ---- sources ----------------------------------------------------------------------------------------------------

def _sources() -> pd.DataFrame:
    return load("sources").set_index("source_id")


def _check_source(source_id: object) -> None:
    ids = list(lookups.source_order())
    if source_id not in ids:
        raise UnknownName(
            f"no source {source_id!r}: pass a source id, e.g. 'afp2022'; the sources are: {', '.join(ids)}"
        )


def resolve_source(source: object) -> str:
    """A source's id from its id or its short name ('AFP 2022', 'afp2022', 'afp 2022' all give 'afp2022')."""
    ids = list(lookups.source_order())
    if isinstance(source, str):
        if source in ids:
            return source
        wanted = re.sub(r"[\s_]+", " ", source).strip().lower()
        for source_id, name in lookups.source_names().items():
            if wanted in (name.lower(), source_id.replace("_", " ")):
                return source_id
    names = ", ".join(f"{s} ({lookups.source_names()[s]})" for s in ids)
    raise UnknownName(
        f"no source {source!r}: pass a source id or short name, e.g. read('afp2022') or read('AFP 2022'); the sources "
        f"are {names}"
    )


class UnknownName(KeyError):
    """A source or row the reader does not know; the message says what to pass instead (printed without quotes)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _card_fields(source_id: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a source's card, the same fields in the same order for every source."""
    card = pd.DataFrame(_source_card()).set_index("source_id").loc[source_id]
    row = _sources().loc[source_id]
    translation_of = _text(row["translation_of"])
    language = card["language"] + (
        f" (a translation of {lookups.source_name(translation_of)})" if translation_of else ""
    )
    date_note = _text(row["date_note"])
    return [
        ("Title", _text(row["title"])),
        ("Author", card["author"]),
        ("Outlet", card["outlet"]),
        ("Republished by", _text(row["republished_by"]) or "—"),
        ("Notice printed on the copy", _text(row["label"]) or "—"),
        ("Date", card["date"] + (f". {date_note}" if date_note else "")),
        ("Language", language),
        ("Genre", card["genre"]),
        ("Viewpoint", _text(row["viewpoint"])),
        ("Address", _text(row["url"]) or "— (the text came without its address)"),
        ("Rights", _text(row["rights"])),
        *_rights_fields(row),
    ]


def _rights_fields(row: pd.Series) -> list[tuple[str, str]]:
    """Any further rights columns of data/sources.csv (a licence, a holder, a note on reuse), in their order, so a
    teacher sees on the source's page what they may copy or print; the same fields for every source."""
    extra = [c for c in row.index if c != "rights" and c.startswith(("rights", "licen", "reuse", "copyright"))]
    def words(column: str) -> str:
        value = _text(row[column])
        try:  # a coded value ('rights_reserved') in the codebook's words
            return lookups.value_label("sources", column, value) if value else "—"
        except (KeyError, ValueError):
            return value

    return [(c.replace("_", " ").capitalize(), words(c)) for c in extra]


def _source_card() -> dict[str, list]:
    from .data.views import source_card

    card = source_card()
    return {"source_id": lookups.source_order(), **{c: list(card[c]) for c in card.columns}}


# ---- rendering: one renderer for the site page and the notebook view ---------------------------------------------

def _esc(text: object) -> str:
    """Text from the data or the seeds, safe in element content and in double-quoted attributes."""
    return html.escape(_text(text), quote=False).replace('"', "&quot;")


def _lang_of(paragraph: str, default: str) -> str | None:
    """'ru' for a paragraph written mostly in Cyrillic inside a text in another language (Mitchell's notice)."""
    letters = [c for c in paragraph if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if letters and cyrillic / len(letters) > 0.5 and default != "ru":
        return "ru"
    return None


def _render_paragraph(text: str, start: int, end: int, occurrences: list[tuple[int, int, Passage, int]],
                      interactive: bool, focus: str | None, corrected: set[str]) -> str:
    """One paragraph with its passages as nested <mark> elements; a passage that crosses another continues in a
    second piece. The first piece of each occurrence is the one a keyboard reaches and the one the note describes;
    after the last piece comes the note number (shown on paper and in the notebook)."""
    # (clipped start, clipped end, passage, which occurrence, true start, true end), outer before inner
    spans = sorted(((max(s, start), min(e, end), p, k, s, e) for s, e, p, k in occurrences if s < end and e > start),
                   key=lambda span: (span[4], -span[5], span[2].number))
    cuts = sorted({start, end} | {span[0] for span in spans} | {span[1] for span in spans})
    out: list[str] = []
    stack: list[int] = []  # indexes into spans of the open marks, outermost first
    opened: set[int] = set()
    ended: list[int] = []  # note numbers of occurrences closed at the current boundary

    def close(index: int, at: int) -> None:
        out.append("</mark>")
        span = spans[index]
        if span[1] <= at and span[5] <= end:  # the occurrence ends here: its note number follows
            ended.append(span[2].number)

    def notes_here() -> None:
        if ended:
            out.append(f'<sup class="rd-ref">{",".join(str(n) for n in sorted(set(ended)))}</sup>')
            ended.clear()

    for left, right in zip(cuts, cuts[1:]):
        covering = [i for i, span in enumerate(spans) if span[0] <= left and span[1] >= right]
        keep = 0
        while keep < len(stack) and stack[keep] in covering:
            keep += 1
        while len(stack) > keep:
            close(stack.pop(), left)
        notes_here()
        for index in (i for i in covering if i not in stack):  # already in outer-before-inner order
            span = spans[index]
            passage, copy = span[2], span[3]
            classes = ["rd-m"]
            if passage.anchor == focus:
                classes.append("rd-focus")
            if passage.anchor in corrected:
                classes.append("rd-corrected")
            attributes = f' data-p="{passage.anchor}"'
            first_piece = index not in opened and span[4] >= start
            if first_piece and interactive:  # ids only on the page: several notebook outputs may show one passage
                element_id = passage.anchor if copy == 0 else f"{passage.anchor}-{copy + 1}"
                attributes += (
                    f' id="{element_id}" tabindex="0" aria-describedby="c-{passage.anchor} r-{passage.anchor}"'
                )
            elif not first_piece:
                classes.append("rd-cont")
            opened.add(index)
            out.append(f'<mark class="{" ".join(classes)}"{attributes}>')
            stack.append(index)
        out.append(_esc(text[left:right]))
    while stack:
        close(stack.pop(), end)
    notes_here()
    return "".join(out)


def _margin_note(correction: dict) -> str:
    kind = lookups.value_label("corrections", "error_kind", correction["error_kind"])
    cited = lookups.citation(correction.get("correction_citation_id"))
    return (
        f'<div class="rd-margin" lang="en" role="note" data-correction="{_esc(correction["correction_id"])}" '
        f'aria-label="Background correction of “{_esc(correction["as_written"])}”">'
        f'<p class="rd-bg">{_esc(labels.BACKGROUND)}</p>'
        f"<p>The text writes <q>{_esc(correction['as_written'])}</q> ({_esc(kind)}). "
        f"{_esc(correction['correction'])}</p>"
        + (f'<p class="rd-cite">Source: {_esc(cited)}</p>' if cited else "")
        + "</div>"
    )


def _excerpt(text: str, head: int = 60, tail: int = 28) -> str:
    """A long passage as its beginning and its end ('the bloc’s response was … to withdraw troops'), so that two
    passages starting alike stay apart in the notes."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= head + tail + 5:
        return text
    start = text[:head].rsplit(" ", 1)[0] if " " in text[:head] else text[:head]
    finish = text[-tail:].split(" ", 1)[-1] if " " in text[-tail:] else text[-tail:]
    return start.rstrip() + " … " + finish.lstrip()


def _notes(source: str, shown: list[Passage], interactive: bool) -> str:
    items = []
    for passage in shown:
        excerpt = _excerpt(passage.text(source))
        count = len(passage.rows)
        times = len(passage.spans)
        twice = (
            f' <span class="rd-twice">This passage stands {times} times in the text; all are highlighted.</span>'
            if times > 1
            else ""
        )
        rows = "".join(
            f'<li data-t="{_esc(r.table)}" data-r="{_esc(r.row_id)}"><span class="rd-t">{_esc(r.label)}</span> '
            f'{_esc(r.what)}</li>'
            for r in passage.rows
        )
        quoted = f'<q class="rd-excerpt">{_esc(excerpt)}</q>'
        if interactive:  # on the page the excerpt leads back to the passage in the text
            quoted = f'<a href="#{passage.anchor}">{quoted}</a>'
        ids = (
            (f' id="n-{passage.anchor}"', f' id="c-{passage.anchor}"', f' id="r-{passage.anchor}"')
            if interactive
            else ("", "", "")
        )
        items.append(
            f'<li value="{passage.number}"{ids[0]} data-p="{passage.anchor}">{quoted} '
            f'<span class="rd-count"{ids[1]}>Used {"once" if count == 1 else f"{count} times"} in the '
            f'course:</span>{twice}'
            f'<ul class="rd-rows"{ids[2]}>{rows}</ul></li>'
        )
    return f'<ol class="rd-notes">{"".join(items)}</ol>'


def _card_html(source_id: str, heading: str) -> str:
    rows = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in _card_fields(source_id))
    return f'<div class="rd-card" role="region" aria-label="About this source">{heading}<dl>{rows}</dl></div>'


@dataclass
class _Focus:
    row: Row
    passage: Passage
    paragraphs: list[int]


def _find_row(source_id: str, row_id: object) -> _Focus:
    example = _example_row(source_id)
    if not isinstance(row_id, str) or not row_id:
        raise UnknownName(
            f"around= takes a row id from any table (a quote_id, claim_id, event_id …), e.g. read({source_id!r}, "
            f"around={example!r}); got {row_id!r}"
        )
    for passage in passages(source_id):
        for row in passage.rows:
            if row.row_id == row_id:
                return _Focus(row, passage, [])
    rows = _quoting_rows()
    elsewhere = rows[rows["row_id"] == row_id]
    if not elsewhere.empty:
        other = elsewhere.iloc[0]["source_id"]
        raise UnknownName(f"row {row_id!r} quotes {other}, not {source_id}: read({other!r}, around={row_id!r})")
    for table in package.table_names():
        keys = _key_columns(table)
        if len(keys) == 1 and table != "member_years":
            frame = load(table)
            if row_id in set(frame[keys[0]].astype(str)):
                found = frame[frame[keys[0]].astype(str) == row_id].iloc[0]
                if _text(found.get("origin")) == "context":
                    raise UnknownName(
                        f"row {row_id!r} of {table} is background "
                        f"({lookups.citation(found.get('citation_id')) or 'no citation'}) "
                        f"and quotes no course source; pass a row that quotes one, e.g. read({source_id!r}, "
                        f"around={example!r})"
                    )
                raise UnknownName(
                    f"row {row_id!r} of {table} quotes no source text; pass a row that does, e.g. read({source_id!r}, "
                    f"around={example!r})"
                )
    raise UnknownName(
        f"no row {row_id!r} in any table that quotes a source: pass a row id such as a quote_id, claim_id or event_id, "
        f"e.g. read({source_id!r}, around={example!r})"
    )


def _example_row(source_id: str) -> str:
    found = passages(source_id)
    preferred = [r.row_id for p in found for r in p.rows if r.table in ("quotes", "claims", "events")]
    return preferred[0] if preferred else (found[0].rows[0].row_id if found else "")


def _render(source_id: str, inline: bool, around: str | None = None, lesson: str | None = None) -> str:
    """The annotated text of a source: card, coverage, paragraphs with highlights and margin notes, numbered notes.

    ``inline`` is the notebook view: no JavaScript and no keyboard stops, headings as bold lines, the notes always
    shown. ``around`` (a row id) keeps only that row's paragraph(s) with one paragraph on either side. ``lesson``
    ('03') keeps only the paragraphs holding the passages that lesson uses, and highlights and notes only those.
    """
    text = source_text(source_id)
    found = passages(source_id)
    if lesson is not None:
        used = set(lesson_anchors(source_id).get(str(lesson).zfill(2), []))
        found = [p for p in found if p.anchor in used]
    row = _sources().loc[source_id]
    language = _text(row["language"]) or "en"
    spans = paragraphs(text)
    occurrences = sorted(
        ((s, e, p, k) for p in found for k, (s, e) in enumerate(p.spans)), key=lambda o: (o[0], -o[1], o[2].number)
    )
    focus = _find_row(source_id, around) if around is not None else None

    corrections = load("corrections")
    corrections = [
        c for c in corrections.to_dict("records") if _text(c.get("source_id")) == source_id and _text(c.get("quote"))
    ]
    by_anchor = {p.normalised: p for p in found}
    margin: dict[int, list[str]] = {}
    corrected: set[str] = set()
    for correction in corrections:
        passage = by_anchor.get(normalise(correction["quote"]))
        if passage is None:
            continue
        corrected.add(passage.anchor)
        first = passage.spans[0][0]
        index = next((i for i, (s, e) in enumerate(spans) if s <= first < e), len(spans) - 1)
        margin.setdefault(index, []).append(_margin_note(correction))

    chosen = list(range(len(spans)))
    if lesson is not None:
        chosen = sorted({i for i, (s, e) in enumerate(spans) for p in found for (a, b) in p.spans if a < e and b > s})
    if focus is not None:
        hit = [i for i, (s, e) in enumerate(spans) for (a, b) in focus.passage.spans if a < e and b > s]
        wanted = sorted({j for i in hit for j in (i - 1, i, i + 1) if 0 <= j < len(spans)})
        chosen = wanted

    blocks, previous = [], None
    if (focus is not None or lesson is not None) and chosen and chosen[0] != 0:
        blocks.append('<p class="rd-gap" aria-hidden="true">[…]</p>')
    for index in chosen:
        if previous is not None and index != previous + 1:
            blocks.append('<p class="rd-gap" aria-hidden="true">[…]</p>')
        start, end = spans[index]
        lang = _lang_of(text[start:end], language)
        lang_attr = f' lang="{lang}"' if lang else ""
        body = _render_paragraph(text, start, end, occurrences, interactive=not inline,
                                 focus=focus.passage.anchor if focus else None, corrected=corrected)
        notes = f'<div class="rd-margins">{"".join(margin[index])}</div>' if margin.get(index) else ""
        blocks.append(f'<div class="rd-para" data-para="{index + 1}"><p{lang_attr}>{body}</p>{notes}</div>')
        previous = index
    if (focus is not None or lesson is not None) and chosen and chosen[-1] != len(spans) - 1:
        blocks.append('<p class="rd-gap" aria-hidden="true">[…]</p>')

    shown_range = [(spans[i][0], spans[i][1]) for i in chosen]
    shown = [p for p in found if any(a < e and b > s for (a, b) in p.spans for (s, e) in shown_range)]
    used, total = coverage(source_id)
    name = lookups.source_name(source_id)

    def heading(level: int, words: str, element_id: str = "") -> str:
        if inline:  # no headings and no ids in a notebook output: they would join the notebook's table of contents
            return f'<p class="rd-h"><strong>{_esc(words)}</strong></p>'
        ident = f' id="{element_id}"' if element_id else ""
        return f"<h{level}{ident}>{_esc(words)}</h{level}>"

    def labelled(element_id: str) -> str:
        return "" if inline else f' aria-labelledby="{element_id}"'

    parts = []
    if inline:
        parts.append(f'<p class="rd-title"><strong>{_esc(name)}</strong>: {_esc(row["title"])}</p>')
    if lesson is not None:
        lesson_words = (
            f"The passages lesson {_esc(str(lesson).zfill(2))} uses, highlighted, in {len(chosen)} of the text's "
            f"{len(spans)} paragraphs; the numbered notes under the text say what the course takes from each."
            if found
            else f"Lesson {_esc(str(lesson).zfill(2))} quotes no passage of this text."
        )
        parts.append(f'<p class="rd-around">{lesson_words} The whole text with every note: '
                     f'<code>read("{_esc(source_id)}", whole=True)</code>.</p>')
    elif focus is not None:
        first, last = chosen[0] + 1, chosen[-1] + 1
        parts.append(
            f'<p class="rd-around">Paragraphs {first}–{last} of {len(spans)}, around the '
            f'{_esc(table_label(focus.row.table))} '
            f"“{_esc(focus.row.what)}”: its passage is outlined.</p>"
        )
    else:
        parts.append(_card_html(source_id, heading(2, "About this source")))
        parts.append(
            f'<p class="rd-coverage"><strong>Coverage:</strong> <span class="rd-coverage-n" data-used="{used}" '
            f'data-total="{total}">'
            f"{_esc(coverage_line(source_id))}</span> {len(found)} distinct passages are highlighted. "
            f'<span class="rd-rule">({_esc(SENTENCE_RULE)})</span></p>'
        )
        notes_words = ("The small numbers after each highlight refer to the numbered notes under the text, which say "
                       "what the course takes from it. ")
        screen = ("Select a highlight (click, tap, or Tab to it) to see what the course takes from it; the numbered "
                  "notes at the end say it too. ")
        how = (
            _esc("Highlighted words are quoted by the course; where highlights overlap, the colour is darker. ")
            + (
                f'<span class="rd-screen">{_esc(screen)}</span><span class="rd-paper">{_esc(notes_words)}</span>'
                if not inline
                else _esc(notes_words)
            )
            + _esc(f"Boxes marked “{labels.BACKGROUND}” correct errors in the text itself, with a citation.")
        )
        parts.append(f'<p class="rd-how">{how}</p>')
    text_lang = f' lang="{language}"' if language != "en" else ""
    parts.append(
        f'<div role="region" class="rd-text"{labelled("rd-text-h")}>'
        f'{heading(2, "The text as the course has it", "rd-text-h")}'
        f'<div class="rd-body"{text_lang}>' + "".join(blocks) + "</div></div>"
    )
    parts.append(
        f'<div role="region" class="rd-notes-section"{labelled("rd-notes-h")}>'
        f'{heading(2, "Notes: what the course takes from each passage", "rd-notes-h")}'
        + _notes(text, shown, interactive=not inline)
        + "</div>"
    )
    classes = f"{WRAPPER} {'rd-inline' if inline else 'rd-page'}"
    if inline:  # a notebook output stays under a set height: the text scrolls inside it, the lesson does not drown
        return (
            f'<div class="{classes}" data-source="{_esc(source_id)}" style="max-height: {READ_HEIGHT_PX}px; '
            'overflow-y: auto; box-sizing: border-box;">'
            + "".join(parts)
            + "</div>"
        )
    return f'<div class="{classes}" data-source="{_esc(source_id)}">' + "".join(parts) + "</div>"


def read(source: str, around: str | None = None, lesson: str | None = None, whole: bool = False):
    """The annotated text of a source, inline in a notebook, in a box of fixed height that scrolls.

    - ``read("evstratov2022", lesson="03")``: only the paragraphs holding the passages lesson 03 uses, those passages
      highlighted, with numbered notes in words (what the course takes from each);
    - ``read("evstratov2022", whole=True)`` (or with no lesson): the whole text, every passage and every note;
    - ``read("afp2022", around=...)``: the paragraph(s) around one row's passage, outlined.

    No JavaScript (JupyterLab runs none in outputs): the rows behind each highlight are the numbered notes under the
    text.
    """
    from IPython.display import HTML

    source_id = resolve_source(source)
    css = CSS_FILE.read_text(encoding="utf-8")
    if whole:
        return HTML(f"<style>{css}</style>" + _render(source_id, inline=True))
    return HTML(f"<style>{css}</style>" + _render(source_id, inline=True, around=around, lesson=lesson))


