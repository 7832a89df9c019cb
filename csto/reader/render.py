"""One renderer for the site page and the notebook view: highlighted passages, margin notes, numbered notes."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


from .. import labels
from ..data import lookups
from ..data import package
from ..data.frames import load, source_text
from ..data.verbatim import normalise

from .cards import UnknownName, card_fields, sources_table, text_of
from .passages import (
    Passage, READ_HEIGHT_PX, Row, WRAPPER, key_columns, lesson_anchors, passages, quoting_rows,
)
from .sentences import SENTENCE_RULE, coverage, coverage_line, paragraphs


def esc(text: object) -> str:
    """Text from the data or the seeds, safe in element content and in double-quoted attributes."""
    return html.escape(text_of(text), quote=False).replace('"', "&quot;")


def _lang_of(paragraph: str, default: str) -> str | None:
    """'ru' for a paragraph written mostly in Cyrillic inside a text in another language (Mitchell's notice)."""
    letters = [c for c in paragraph if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if letters and cyrillic / len(letters) > 0.5 and default != "ru":
        return "ru"
    return None


def render_paragraph(text: str, start: int, end: int, occurrences: list[tuple[int, int, Passage, int]],
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
        out.append(esc(text[left:right]))
    while stack:
        close(stack.pop(), end)
    notes_here()
    return "".join(out)


def _margin_note(correction: dict) -> str:
    kind = lookups.value_label("corrections", "error_kind", correction["error_kind"])
    cited = lookups.citation(correction.get("correction_citation_id"))
    return (
        f'<div class="rd-margin" lang="en" role="note" data-correction="{esc(correction["correction_id"])}" '
        f'aria-label="Background correction of “{esc(correction["as_written"])}”">'
        f'<p class="rd-bg">{esc(labels.BACKGROUND)}</p>'
        f"<p>The text writes <q>{esc(correction['as_written'])}</q> ({esc(kind)}). "
        f"{esc(correction['correction'])}</p>"
        + (f'<p class="rd-cite">Source: {esc(cited)}</p>' if cited else "")
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
            f'<li data-t="{esc(r.table)}" data-r="{esc(r.row_id)}"><span class="rd-t">{esc(r.label)}</span> '
            f'{esc(r.what)}</li>'
            for r in passage.rows
        )
        quoted = f'<q class="rd-excerpt">{esc(excerpt)}</q>'
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
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in card_fields(source_id))
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
    rows = quoting_rows()
    elsewhere = rows[rows["row_id"] == row_id]
    if not elsewhere.empty:
        other = elsewhere.iloc[0]["source_id"]
        raise UnknownName(f"row {row_id!r} quotes {other}, not {source_id}: read({other!r}, around={row_id!r})")
    for table in package.table_names():
        keys = key_columns(table)
        if len(keys) == 1 and table != "member_years":
            frame = load(table)
            if row_id in set(frame[keys[0]].astype(str)):
                found = frame[frame[keys[0]].astype(str) == row_id].iloc[0]
                if text_of(found.get("origin")) == "context":
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


def render_source(source_id: str, inline: bool, around: str | None = None, lesson: str | None = None) -> str:
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
    row = sources_table().loc[source_id]
    language = text_of(row["language"]) or "en"
    spans = paragraphs(text)
    occurrences = sorted(
        ((s, e, p, k) for p in found for k, (s, e) in enumerate(p.spans)), key=lambda o: (o[0], -o[1], o[2].number)
    )
    focus = _find_row(source_id, around) if around is not None else None

    corrections = load("corrections")
    corrections = [
        c for c in corrections.to_dict("records")
        if text_of(c.get("source_id")) == source_id and text_of(c.get("quote"))
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
        body = render_paragraph(text, start, end, occurrences, interactive=not inline,
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
            return f'<p class="rd-h"><strong>{esc(words)}</strong></p>'
        ident = f' id="{element_id}"' if element_id else ""
        return f"<h{level}{ident}>{esc(words)}</h{level}>"

    def labelled(element_id: str) -> str:
        return "" if inline else f' aria-labelledby="{element_id}"'

    parts = []
    if inline:
        parts.append(f'<p class="rd-title"><strong>{esc(name)}</strong>: {esc(row["title"])}</p>')
    if lesson is not None:
        lesson_words = (
            f"The passages lesson {esc(str(lesson).zfill(2))} uses, highlighted, in {len(chosen)} of the text's "
            f"{len(spans)} paragraphs; the numbered notes under the text say what the course takes from each."
            if found
            else f"Lesson {esc(str(lesson).zfill(2))} quotes no passage of this text."
        )
        parts.append(f'<p class="rd-around">{lesson_words} The whole text with every note: '
                     f'<code>read("{esc(source_id)}", whole=True)</code>.</p>')
    elif focus is not None:
        first, last = chosen[0] + 1, chosen[-1] + 1
        parts.append(
            f'<p class="rd-around">Paragraphs {first}–{last} of {len(spans)}. The passage outlined: '
            f"{esc(focus.row.what)}</p>"
        )
    else:
        parts.append(_card_html(source_id, heading(2, "About this source")))
        parts.append(
            f'<p class="rd-coverage"><strong>Coverage:</strong> <span class="rd-coverage-n" data-used="{used}" '
            f'data-total="{total}">'
            f"{esc(coverage_line(source_id))}</span> {len(found)} distinct passages are highlighted. "
            f'<span class="rd-rule">({esc(SENTENCE_RULE)})</span></p>'
        )
        notes_words = ("The small numbers after each highlight refer to the numbered notes under the text, which say "
                       "what the course takes from it. ")
        screen = ("Select a highlight (click, tap, or Tab to it) to see what the course takes from it; the numbered "
                  "notes at the end say it too. ")
        how = (
            esc("Highlighted words are quoted by the course; where highlights overlap, the colour is darker. ")
            + (
                f'<span class="rd-screen">{esc(screen)}</span><span class="rd-paper">{esc(notes_words)}</span>'
                if not inline
                else esc(notes_words)
            )
            + esc(f"Boxes marked “{labels.BACKGROUND}” correct errors in the text itself, with a citation.")
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
            f'<div class="{classes}" data-source="{esc(source_id)}" style="max-height: {READ_HEIGHT_PX}px; '
            'overflow-y: auto; box-sizing: border-box;">'
            + "".join(parts)
            + "</div>"
        )
    return f'<div class="{classes}" data-source="{esc(source_id)}">' + "".join(parts) + "</div>"
