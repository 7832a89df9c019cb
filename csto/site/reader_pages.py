"""The source reader's pages in the kit: ``sources/<source_id>.html``, ``sources/index.html`` and
``sources/translation.html``.

The annotated text itself is rendered by ``csto.reader`` (one renderer for these pages and for ``read()`` in a
notebook); this module wraps it in whole pages with the site's navigation, styles and script. A source's page also
carries, per lesson, which of its passages that lesson uses: a link from a lesson (``<page>?lesson=03``) opens the
page in class mode, with only those passages highlighted and the rest of the text plain (``assets/reader.js``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..data import lookups
from ..data import package
from ..data.frames import load
from ..reader import (
    TRANSLATION_PAGE,
    WRAPPER,
    SENTENCE_RULE,
    _check_source,
    _esc,
    _quoting_rows,
    _render,
    _source_card,
    _sources,
    _text,
    anchor,
    coverage,
    lesson_anchors,
    passages,
    source_text,
)


def _document(title: str, body: str, lang: str = "en", script: bool = True, body_class: str = "") -> str:
    js = '<script src="../assets/reader.js" defer></script>' if script else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        'initial-scale=1">'
        f"<title>{_esc(title)}</title>"
        '<link rel="stylesheet" href="../assets/course.css"><link rel="stylesheet" href="../assets/reader.css">'
        f'{js}</head>\n<body class="csto-reader-page{(" " + body_class) if body_class else ""}">\n'
        f'{body}\n</body></html>\n'
    )


def _nav(current: str) -> str:
    links = [
        ("../index.html", "Course page"),
        ("index.html", "All sources"),
        (TRANSLATION_PAGE, "The translation side by side"),
    ]
    current_attr = ' aria-current="page"'
    items = "".join(f'<li><a href="{h}"{current_attr if h == current else ""}>{_esc(t)}</a></li>' for h, t in links)
    return f'<nav class="csto-nav rd-nav" aria-label="Course and sources"><ul>{items}</ul></nav>'


def page_html(source_id: str) -> str:
    """The annotated page of one source, a whole HTML document for ``site/sources/<source_id>.html``.

    It links ../assets/course.css, ../assets/reader.css and ../assets/reader.js (copied with the site's assets).
    """
    _check_source(source_id)
    name = lookups.source_name(source_id)
    title = _text(_sources().loc[source_id, "title"])
    panel = (
        '<div id="rd-panel" class="rd-panel" role="region" aria-label="What the course takes from the selected '
        'passage" hidden>'
        '<div class="rd-panel-head"><p class="rd-panel-title">What the course takes from this passage</p>'
        '<button type="button" class="rd-close" aria-label="Close this list">Close</button></div>'
        '<div class="rd-panel-body"></div></div>'
    )
    lessons = json.dumps(lesson_anchors(source_id), separators=(",", ":"))
    body = (
        f'{_nav("")}<main id="main" class="rd-main" data-lessons="{_esc(lessons)}"><h1>{_esc(name)}: {_esc(title)}</h1>'
        '<p class="rd-class-banner" hidden></p>'
        f"{_render(source_id, inline=False)}</main>{panel}"
    )
    return _document(f"{name}: the annotated text", body, body_class="rd-source")


def index_html() -> str:
    """The page ``site/sources/index.html``: each source with its card summary, coverage and links."""
    card = pd.DataFrame(_source_card()).set_index("source_id")
    rows = []
    for source_id in lookups.source_order():
        c = card.loc[source_id]
        used, total = coverage(source_id)
        share = f" ({round(100 * used / total)}%)" if total else ""
        title = _text(_sources().loc[source_id, "title"])
        rows.append(
            f'<tr><th scope="row"><a href="{_esc(source_id)}.html">{_esc(c["source"])}</a><br><span '
            f'class="rd-small">{_esc(title)}</span></th>'
            f'<td>{_esc(c["outlet"])}<br><span class="rd-small">{_esc(c["author"])}</span></td>'
            f"<td>{_esc(c['date'])}</td><td>{_esc(c['language'])}, {_esc(c['genre'])}</td>"
            f'<td class="rd-coverage-n" data-used="{used}" data-total="{total}">{used} of {total} sentences{share}; '
            f'{len(passages(source_id))} passages</td></tr>'
        )
    pairs = load("translation_pairs")
    body = (
        f'{_nav("index.html")}<main id="main" class="rd-main"><div class="{WRAPPER} rd-page">'
        "<h1>The course’s source texts, read whole</h1>"
        "<p>Everything the course takes from our five sources comes with the source's own words. Each page below "
        "shows a source's full text with every passage the course quotes highlighted; select a passage to see what "
        "the course takes from it. "
        "The dates say whether the text states them or the course inferred them.</p>"
        '<table class="rd-index"><caption>The sources, oldest first</caption><thead><tr><th scope="col">Source</th>'
        '<th scope="col">Outlet and author</th><th scope="col">Date</th><th scope="col">Language and genre</th>'
        f'<th scope="col">Coverage</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        '<p class="rd-small">Coverage: sentences of the text that the course quotes somewhere, of all its sentences. '
        f'{_esc(SENTENCE_RULE)}</p>'
        f'<p><a href="{TRANSLATION_PAGE}">The Indonesian translation beside the English original</a> ({len(pairs)} '
        'pairs of passages).</p>'
        "</div></main>"
    )
    return _document("The source texts", body, script=False)


def translation_html() -> str:
    """The page ``site/sources/translation.html``: the Indonesian text beside the English original, pair by pair.

    Pairs are ordered by ``seq``; an English passage the translation leaves out shows an empty cell that says
    'not translated'. Each pair shows the data's label and note, and the course's back-translation, marked as such.
    """
    pairs = load("translation_pairs").sort_values("seq", kind="stable")
    counts = pairs["shift"].value_counts()
    summary = ", ".join(f"{int(counts[v])} {lookups.value_label('translation_pairs', 'shift', v).lower()}"
                        for v in package.enum("translation_pairs", "shift") if int(counts.get(v, 0)))
    rows = []
    for pair in pairs.to_dict("records"):
        english, english_source = _text(pair["quote"]), _text(pair["source_id"])
        indonesian, indonesian_source = _text(pair["translation"]), _text(pair["translation_source_id"])
        shift = _text(pair["shift"])
        label = lookups.value_label("translation_pairs", "shift", shift)

        def cell(words: str, source_id: str, lang: str) -> str:
            if not words:
                return ('<td class="rd-gap-cell" data-label="Indonesian">'
                        '<span class="rd-gap-text">not translated</span></td>')
            link = ""
            try:
                link = f' <a class="rd-small" href="{_esc(source_id)}.html#{anchor(source_id, words)}">in the text</a>'
            except (ValueError, KeyError):
                pass
            name = "English" if lang == "en" else "Indonesian"
            return f'<td data-label="{name}"><span lang="{lang}">{_esc(words)}</span>{link}</td>'

        gloss = _text(pair["gloss"])
        gloss_html = (
            f'<p class="rd-gloss"><span class="rd-gloss-label">The course’s back-translation:</span> {_esc(gloss)}</p>'
            if gloss
            else ""
        )
        rows.append(
            f'<tr class="rd-shift-{_esc(shift)}" id="{_esc(pair["pair_id"])}"><th scope="row">{_esc(pair["seq"])}</th>'
            + cell(english, english_source, "en")
            + cell(indonesian, indonesian_source, "id")
            + f'<td data-label="What the translation does"><p><span class="rd-shift">{_esc(label)}</span></p>'
            f'<p class="rd-note">{_esc(pair["note"])}</p>{gloss_html}<p '
            f'class="rd-rowid"><code>{_esc(pair["pair_id"])}</code></p></td></tr>'
        )
    english_name = lookups.source_name(_text(pairs["source_id"].iloc[0])) if len(pairs) else ""
    indonesian_name = (
        lookups.source_name(_text(pairs["translation_source_id"].dropna().iloc[0]))
        if pairs["translation_source_id"].notna().any()
        else ""
    )
    body = (
        f'{_nav(TRANSLATION_PAGE)}<main id="main" class="rd-main"><div class="{WRAPPER} rd-page rd-translation">'
        f"<h1>The translation side by side: {_esc(english_name)} and {_esc(indonesian_name)}</h1>"
        f"<p>{len(pairs)} pairs in the order of the English text: {_esc(summary)}. The labels and notes are the course "
        "data’s "
        "(data/translation_pairs.csv); the back-translations into English are the course’s own, not the translator’s. "
        "An English passage the translation leaves out has an empty cell marked “not translated”.</p>"
        '<table class="rd-pairs"><caption>Translation pairs, by position in the English text</caption><thead><tr>'
        f'<th scope="col">#</th><th scope="col">English original ({_esc(english_name)})</th>'
        f'<th scope="col">Indonesian translation ({_esc(indonesian_name)})</th><th scope="col">What the translation '
        'does</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></main>"
    )
    return _document("The translation side by side", body, script=False)


def page_inputs(source_id: str, quoting: pd.DataFrame | None = None) -> bytes:
    """What one source's page is made from: its text, its sources.csv row, the rows that quote it (with what they
    record) and the corrections of it with their citations. The site rebuilds the page only when these change."""
    sources = load("sources").set_index("source_id")
    corrections = load("corrections")
    mine = corrections[corrections["source_id"] == source_id]
    cited = load("citations")
    cited = cited[cited["citation_id"].isin(set(mine["correction_citation_id"]))]
    quoting = _quoting_rows() if quoting is None else quoting
    parts = [
        source_text(source_id),
        sources.loc[[source_id]].to_csv(),
        quoting[quoting["source_id"] == source_id].to_csv(),
        mine.to_csv(),
        cited.to_csv(),
    ]
    return "\x1f".join(parts).encode("utf-8")


def site_pages() -> dict[str, tuple[bytes, object]]:
    """The reader's pages for the site build: {name under sources/: (the bytes they are made from, make)}.

    ``make()`` returns the page's HTML; hash the bytes with this module's source to decide whether a cached page is
    still good. A source's page depends only on ``page_inputs``; the index (every source's coverage) and the
    translation view depend on every source they show.
    """
    quoting = _quoting_rows()
    lessons = json.dumps({s: lesson_anchors(s) for s in lookups.source_order()}, sort_keys=True).encode()
    per_source = {source_id: page_inputs(source_id, quoting) + lessons for source_id in lookups.source_order()}
    everything = b"".join(per_source.values())
    pages: dict[str, tuple[bytes, object]] = {
        "index.html": (everything, index_html),
        TRANSLATION_PAGE: (everything + load("translation_pairs").to_csv().encode(), translation_html),
    }
    for source_id, inputs in per_source.items():
        pages[f"{source_id}.html"] = (inputs, lambda s=source_id: page_html(s))
    return pages


def write_pages(site: Path) -> dict[str, int]:
    """Write sources/index.html, sources/translation.html and sources/<source_id>.html under ``site``.

    The pages need ``site/assets/course.css``, ``reader.css`` and ``reader.js`` (in csto/site/assets, copied with
    the other assets). Returns each written file (relative to ``site``) with its size in bytes.
    """
    folder = Path(site) / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, (_inputs, make) in site_pages().items():
        data = make().encode("utf-8")
        (folder / name).write_bytes(data)
        sizes[f"sources/{name}"] = len(data)
    return sizes
