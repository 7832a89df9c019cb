"""What a notebook shows a reader: quotes as quotes (who, where, when, which source), passages, and tables with keys.

Each helper renders from the data, never from retyped text, so a quotation on a slide is always the verbatim one.
A quotation links to its place in the source reader (``csto.reader``) so that the words around it are one
click away. (Named ``show``, not ``display``: IPython's own ``display()`` stays available in every notebook.)
"""

from __future__ import annotations

import html
import numbers

import numpy as np
import pandas as pd
from IPython.display import HTML, Markdown, display
from pandas.io.formats.style import Styler

from . import labels
from .data import keeping, lookups
from .data.frames import load


def _row(table: str, key: str) -> pd.Series:
    frame = load(table)
    key_column = frame.columns[0]
    rows = frame[frame[key_column] == key]
    if rows.empty:
        close = [k for k in frame[key_column] if isinstance(k, str) and key and key.split("_")[0] in k][:5]
        hint = f" Did you mean one of: {', '.join(close)}?" if close else ""
        raise KeyError(f"no {key_column} {key!r} in data/{table}.csv.{hint}")
    return rows.iloc[0]


def quote_markdown(quote_id: str) -> str:
    """A quotation from quotes.csv as a Markdown block quote with speaker, setting, date and reporting source."""
    row = _row("quotes", quote_id)
    setting = row["setting"] if isinstance(row["setting"], str) else ""
    where = f", place {setting}" if setting.startswith("not stated") else (f", {setting}" if setting else "")
    when = labels.date_label(row["date"], row["date_end"], row["date_precision"])
    source = lookups.source_name(row["source_id"])
    if row["voice"] == "speaker_words":
        return f"> “{row['words']}”\n>\n> — **{row['speaker']}**{where}, {when}. *Reported by {source}.*"
    setting = f" ({row['setting']}, {when})" if isinstance(row["setting"], str) else f" ({when})"
    return (f"> “{row['words']}”\n>\n> — *{source}'s account* of **{row['speaker']}**{setting}: "
            f"the source's words, not the speaker's.")


READER_KEY = "csto_reader"  # output metadata the site build turns into a link to the passage in the source reader


def _reader_metadata(row: pd.Series) -> dict:
    """{"csto_reader": "afp2022#p-0123456789"} for a row quoting a source, so the site links it to its place."""
    from .reader import anchor

    if row.get("origin") != "seed" or not isinstance(row.get("quote"), str):
        return {}
    return {READER_KEY: f"{row['source_id']}#{anchor(row['source_id'], row['quote'])}"}


def quote(quote_id: str) -> None:
    """Show one attributed quotation, e.g. ``show.quote("q_afp2022_pashinyan_condemned_failure")``."""
    display(Markdown(quote_markdown(quote_id)), metadata=_reader_metadata(_row("quotes", quote_id)))


def passage_markdown(table: str, key: str) -> str:
    """The source passage behind one row of any table (its ``quote``), with the source named."""
    row = _row(table, key)
    if row.get("origin") == "context":
        return f"*{labels.BACKGROUND}:* {lookups.citation(row.get('citation_id'))}"
    return f"> “{row['quote']}”\n>\n> — *{lookups.source_name(row['source_id'])}*"


def passage(table: str, key: str) -> None:
    """Show the passage one row rests on, e.g. ``show.passage("events", "ev_1992_treaty")``; read the words around it
    with ``read(source_id, around=key)``."""
    display(Markdown(passage_markdown(table, key)), metadata=_reader_metadata(_row(table, key)))


def readable_number(value: object) -> str:
    """A number as people read it: 1,200 not 1200.000000; 1.6 not 1.600000; an empty cell for a missing value; a
    true/false cell as yes or no (True and False are Python's words, not a reader's)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if not isinstance(value, numbers.Number):
        return str(value)
    number = float(value)
    grouping = "," if abs(number) >= 10_000 else ""  # no separator below 10,000: years read 1992, not 1,992
    if number.is_integer():
        return f"{int(number):{grouping}}"
    return f"{number:{grouping}.2f}".rstrip("0").rstrip(".")


def with_key(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index (a source, a term, a notebook, a year) moved into a column of its own.

    pandas shows the index as row labels, which a styled table hides: the key column would vanish.
    """
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame
    names = [n if n is not None else "" for n in frame.index.names]
    return frame.reset_index(names=names if any(names) else None)


def table(frame: pd.DataFrame | pd.Series) -> Styler:
    """A short table for people: its key column kept, sentences shown whole and left-aligned, numbers readable.

    pandas cuts long text cells with '...', which would hide the very words a reader must compare (a quote, a
    citation, a translation); right-aligned sentences are hard to read on a slide; row numbers mean nothing.
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(frame.name or "value")
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("show.table() takes a DataFrame, e.g. show.table(data.load('sources')); "
                        f"got {type(frame).__name__}")
    shown = with_key(frame)
    left = [("text-align", "left"), ("vertical-align", "top")]
    styled = (shown.style.hide(axis="index").format(readable_number)
              .set_properties(**{"text-align": "left", "vertical-align": "top", "white-space": "normal"})
              .set_td_classes(short_cell_classes(shown))
              .set_table_styles([{"selector": "th", "props": left}])
              .set_table_attributes('class="csto-table"'))
    # headers alone look like a table still loading: say that the selection found nothing, and the likely slip
    return styled.set_caption(NO_ROW_MATCHED) if shown.empty else styled


NO_ROW_MATCHED = "No row matched: check the spelling and capitals of the value you selected on against the table."


SHORT_CELL_CHARS = 20  # a column whose every value is this short ('the speaker's own', '28 Sep 2022') fits one line


def short_cell_classes(frame: pd.DataFrame) -> pd.DataFrame:
    """``csto-short`` on every cell of a column of short values: a deck keeps them on one line (course.css), so a wide
    column of sentences does not squeeze a date or a name into two lines and push the slide past its frame. Paper
    and JupyterLab wrap as before."""
    classes = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for column in frame.columns:
        if frame[column].astype(object).map(lambda v: len(str(v))).max() <= SHORT_CELL_CHARS:
            classes[column] = "csto-short"
    return classes


def sourced_table(frame: pd.DataFrame, columns: list[str], max_rows: int = 8) -> pd.DataFrame:
    """A short table for a slide: the chosen columns plus a 'source' column that marks background rows (with their
    publisher only: the whole citation, with its address, is too long for a slide and stays in the cited record)."""
    shown = frame[columns].copy()
    shown["source"] = lookups.basis(frame, short=True)
    return shown.head(max_rows).reset_index(drop=True)


def response_accounts(responses: pd.DataFrame, years: tuple[int, int]) -> Styler:
    """Who says what about each crisis that began in ``years`` (first, last): the table that follows each part of the
    response matrix, so that the accounts the chart keeps in hover text are read on the slide, where no one hovers.
    Example: ``show.response_accounts(views.crisis_responses(), years=(2020, 2021))``, one of the matrix's periods
    (``csto.charts.matrix.MATRIX_PERIODS``)."""
    started = pd.to_datetime(responses["start"]).dt.year
    accounts = responses[started.between(*years)].sort_values(["start", "crisis_id"], kind="stable")
    if accounts.empty:
        raise ValueError(f"response_accounts: no crisis began between {years[0]} and {years[1]}")
    from .data.views import NOT_IN_SOURCES, NOT_IN_SOURCES_LABEL

    silent = (accounts["response"].astype(str) == NOT_IN_SOURCES).to_numpy()  # a crisis no source of ours reports
    return table(pd.DataFrame({
        "crisis": accounts["name"].to_numpy(),
        "who says it": ["none of our five sources" if s else b for s, b in zip(silent, lookups.basis(accounts,
                                                                                                      short=True))],
        "what the bloc did": [NOT_IN_SOURCES_LABEL if s else lookups.value_label("crisis_responses", "response", r)
                              for s, r in zip(silent, accounts["response"])],
    }))


def note(text: str) -> None:
    """A one-line result as a sentence, not a printed string: 'Six members named in 2022: Armenia, …'."""
    display(HTML(f'<p class="csto-result">{html.escape(text)}</p>'))


def quotes_table(speaker: str | None = None, country: str | None = None, source: str | None = None) -> pd.DataFrame:
    """Every attributed quotation, oldest first, with whose words they are: the speaker's own, or the source's account.

    Filter by ``speaker`` (a name, any case, part of it is enough), ``country`` (a name or an ISO code) or ``source``
    (a short name or an id), e.g. ``show.quotes_table(speaker="Lukashenko")``.
    """
    from .data.views import with_labels

    frame = with_labels(load("quotes")).sort_values(["start", "quote_id"], kind="stable")
    countries = load("countries").set_index("iso3")["name_en"]
    table = pd.DataFrame({
        "speaker": frame["speaker"].to_numpy(),
        "whose words": ["the speaker's own" if v == "speaker_words" else f"{name}'s account"
                        for v, name in zip(frame["voice"], frame["source"])],
        "words": frame["words"].to_numpy(),
        "where": frame["setting"].fillna("not stated").to_numpy(),
        "when": frame["when"].to_numpy(),
        "country": [countries.get(i, "") if isinstance(i, str) else "" for i in frame["iso3"]],
        "reported by": frame["source"].to_numpy(),
        "source_id": frame["source_id"].to_numpy(),
    })
    if speaker is not None:
        table = table[table["speaker"].str.lower().str.contains(str(speaker).lower(), regex=False)]
    if country is not None:
        code = str(country).upper()
        name = countries.get(code, str(country))
        table = table[table["country"].str.lower() == name.lower()]
    if source is not None:
        wanted = str(source).lower()
        table = table[(table["source_id"].str.lower() == wanted) | (table["reported by"].str.lower() == wanted)]
    return table.reset_index(drop=True)


def quote_explorer_html(table: pd.DataFrame) -> str:
    """The quotations as an accessible HTML table whose rows carry their speaker, country and source as data
    attributes: in the site, course.js adds filters (selects with labels) above it; without JavaScript, in JupyterLab
    and on paper, the whole table shows."""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>'
                   for c in ("Speaker", "Whose words", "Words", "Where", "When", "Reported by"))
    rows = []
    for r in table.to_dict("records"):
        cells = "".join(f"<td>{html.escape(v)}</td>" for v in (r["speaker"], r["whose words"], f"“{r['words']}”",
                                                                 r["where"], r["when"], r["reported by"]))
        rows.append(f'<tr data-speaker="{html.escape(r["speaker"])}" data-country="{html.escape(r["country"])}" '
                    f'data-source="{html.escape(r["reported by"])}">{cells}</tr>')
    caption = (f"{len(table)} quotations. “Whose words”: the speaker's own words, quoted by the source, "
               "or the source's account of what the speaker said or did.")
    return ('<div class="csto-explorer"><table class="csto-table csto-explorer-table">'
            f'<caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def quote_explorer(speaker: str | None = None, country: str | None = None, source: str | None = None) -> None:
    """Show the quotations as a table (filters as in ``quotes_table``); in the site it gains filter menus."""
    display(HTML(quote_explorer_html(quotes_table(speaker, country, source))))


def evidence_table(frame: pd.DataFrame, what: str = "title") -> pd.DataFrame:
    """The rows behind a chart's marks as a table: what, when, who says it (source, or background with its citation)
    and the source's own words. Charts keep quotes in hover text; this puts the same evidence where a keyboard, a
    touch screen, a projector and paper can reach it."""
    from .data.views import with_labels

    shown = frame if "when" in frame else with_labels(frame)
    if what not in shown:
        raise KeyError(f"evidence_table() needs a column {what!r} naming each row; "
                       "pass what=<column>, e.g. what='name_en'")
    quotes = shown.get("quote", pd.Series([None] * len(shown), index=shown.index))
    words = [f"“{q}”" if isinstance(q, str) and q else "—" for q in quotes]
    return pd.DataFrame({"what": shown[what].to_numpy(), "when": shown["when"].to_numpy(),
                         "who says it": lookups.basis(shown, short=True), "their words": words})


def evidence(frame: pd.DataFrame, what: str = "title") -> Styler:
    """Show the evidence behind a chart (see ``evidence_table``) as a table for people."""
    return table(evidence_table(frame, what))


# ---- the clickable self-check ------------------------------------------------------------------------------------
# Drawn by jupyterquiz (pinned in requirements.txt): its JavaScript and CSS travel inline in the output, so the same
# output works in JupyterLab, in a handout or a deck opened from disk, and offline. The course computes every answer
# and every piece of feedback (csto.lessons.quiz); the library only shows them.

SELF_CHECK_CSS = """
#{id} .Quiz {{ max-width: 46em; font-size: 1.05rem; line-height: 1.35; }}
#{id} .Answer {{ grid-template-columns: 1fr; }}
#{id} .Feedback {{ font-size: 1.05rem; text-align: left; padding: 0.2em 0.6em; }}
#{id} .MCButton {{ justify-content: flex-start; text-align: left; font-size: 1rem; gap: 0.4em; }}
#{id} .Input-text {{ font-size: 1.05rem; color: #111; background-color: #f3f4f6; border: 1px solid #4b5563; }}
/* a checked box keeps what was typed readable: dark text on a pale fill, the verdict in its border and the feedback
   under it (the library fills the box dark red or green, and the typed number vanished into it) */
#{id} .Input-text.correctButton, #{id} .Input-text.incorrectButton {{ animation: none; color: #111; box-shadow: none;
  border-width: 2px; }}
#{id} .Input-text.correctButton {{ background-color: #e7f4ea; border-color: #0b6e1f; }}
#{id} .Input-text.incorrectButton {{ background-color: #fdeceb; border-color: #a61b1b; }}
#{id} .InpLabel {{ font-size: 1rem; }}
.csto-check-score {{ font-weight: bold; margin: 0.6em 0; }}
.reveal .csto-self-check {{ text-align: left; }}
/* the choice the keyboard is on shows it (the library hides the radio button itself) */
#{id} .MCButton:focus-within {{ outline: 3px solid #005a8c; outline-offset: 2px; }}
/* on a slide the question takes the slide's width (the library centres it at 760 px inline): fewer lines */
.reveal #{id} .Quiz {{ max-width: none !important; margin: 0.2em 0 0 !important; font-size: 22px; line-height: 1.3; }}
.reveal #{id} .Answer {{ margin: 6px 0; grid-gap: 6px; }}
.reveal #{id} .MCButton, .reveal #{id} .Feedback,
.reveal #{id} .Input-text, .reveal #{id} .InpLabel {{ font-size: 20px; }}
.reveal #{id} .Feedback {{ padding: 0.3em 0.6em; }}
.reveal .csto-check-score {{ font-size: 20px; margin: 0.3em 0; }}
.csto-check-pager {{ display: flex; align-items: center; gap: 1em; margin: 0.4em 0 0; font-size: 20px; }}
.csto-check-pager .csto-check-score {{ margin: 0 0 0 auto; }}
.csto-check-pager button {{ font: inherit; padding: 0.25em 0.8em; border: 1px solid #1f3b5c; border-radius: 6px;
  background: #fff; color: #1f3b5c; cursor: pointer; }}
.csto-check-pager button:disabled {{ color: #767676; border-color: #c4c4c4; cursor: default; }}
"""
SELF_CHECK_COLORS = {"--jq-multiple-choice-bg": "#1f3b5c", "--jq-numeric-bg": "#1f3b5c", "--jq-string-bg": "#1f3b5c",
                     "--jq-correct-color": "#0b6e1f", "--jq-incorrect-color": "#a61b1b", "--jq-mc-button-bg": "#fafafa",
                     "--jq-text-color": "#fafafa"}
# The score line counts the questions whose feedback the library marked right: it reads the page, holds no quiz logic.
# A number box also reads what the Python checker reads ({reader}: csto.lessons.typed_numbers, from the same tables).
SELF_CHECK_SCORE_JS = """
(function start(tries) {{
{reader}
  var box = document.getElementById("{id}"), out = document.getElementById("{id}-score"),
      plain = document.getElementById("{id}-plain");
  // JupyterLab may attach this script before the quiz's own output (cells away from the view are drawn late): wait
  if (!box || !out) {{ if (tries < 600) setTimeout(function () {{ start(tries + 1); }}, 100); return; }}
  var first = [];  // per question: was its first answer right? (set once, when its first feedback shows)
  function update() {{
    var right = box.querySelectorAll(".Quiz .Feedback.correct").length;
    box.querySelectorAll(".Quiz").forEach(function (quiz, k) {{
      var feedback = quiz.querySelector(".Feedback");
      if (first[k] === undefined && feedback &&
          (feedback.classList.contains("correct") || feedback.classList.contains("incorrect"))) {{
        first[k] = feedback.classList.contains("correct");
      }}
    }});
    var atFirst = first.filter(Boolean).length;
    out.textContent = "Your score: " + right + " of {total} right" + (right === {total} ? "" : " so far") +
      " (" + atFirst + " at the first try)" + (right === {total} ? ". Well done!" : ".");
  }}
  new MutationObserver(update).observe(box, {{subtree: true, attributes: true, attributeFilter: ["class"]}});
  // set up once the library has drawn the quiz: a MutationObserver runs before anything else on the page can read it
  // (an audit or a screen reader finds no unlabelled box); a timer would leave a gap of up to its period
  var done = false;
  function drawn() {{
    if (done || !box.querySelector(".Quiz")) return false;
    done = true;
    box.querySelectorAll(".Quiz").forEach(function (quiz) {{  // a typed answer's box is named by its question
      var field = quiz.querySelector("input.Input-text"), prompt = quiz.querySelector("[id^=quizQn]");
      if (field && prompt) field.setAttribute("aria-labelledby", prompt.id);
    }});
    if (plain) plain.style.display = "none";
    out.style.display = "";
    keyboard();
    update();
    if (box.closest(".reveal")) pager(Array.prototype.slice.call(box.querySelectorAll(".Quiz")));
    return true;
  }}
  if (!drawn()) {{
    var watch = new MutationObserver(function () {{ if (drawn()) watch.disconnect(); }});
    watch.observe(box, {{childList: true, subtree: true}});
  }}
  // keys inside the quiz are the quiz's: an arrow moves between choices without choosing one (the library would check
  // each choice it passes, and the score would credit the right one), Enter or Space chooses; a typed answer keeps
  // the focus after Enter (the library drops it on the page, where the next key would move the deck)
  function keyboard() {{
    // the library empties a typed answer's box whenever it gets the focus (and the focus comes back after Enter): the
    // answer stays, selected, so the student sees what was checked and typing replaces it
    box.addEventListener("focus", function (event) {{
      var target = event.target;
      if (target.tagName === "INPUT" && target.classList.contains("Input-text")) {{
        event.stopPropagation();
        target.select();
      }}
    }}, true);
    box.addEventListener("keydown", function (event) {{
      var target = event.target;
      if (target.tagName !== "INPUT") return;
      event.stopPropagation();  // never the deck's key (Space, arrows, S, F) while answering
      if (target.type !== "radio") return;
      if (/^Arrow(Up|Down|Left|Right)$/.test(event.key)) {{
        event.preventDefault();
        var group = Array.prototype.slice.call(box.querySelectorAll("input[type=radio]"))
          .filter(function (radio) {{ return radio.name === target.name; }});
        var k = group.indexOf(target) + (/Up|Left/.test(event.key) ? -1 : 1);
        if (k >= 0 && k < group.length) group[k].focus();
      }} else if (event.key === "Enter") {{
        event.preventDefault();
        target.click();
      }}
    }}, true);
    box.addEventListener("keydown", function (event) {{
      var target = event.target;
      if (event.key === "Enter" && target.tagName === "INPUT" && target.type !== "radio") {{
        setTimeout(function () {{ if (!box.contains(document.activeElement)) target.focus(); }}, 30);
      }}
    }}, true);
    // a number box takes what a student types or pastes ('nine', '44 percent', '2,000': the library lets through
    // digits only, so a word never reached the box); Enter (keydown, before the library's keypress reads the box)
    // writes what was typed as the digits it reads as, and leaves anything else for the library to call not a number
    function numberBox(target) {{  // the library marks a number question's text (a sibling of its box), not the box
      var quiz = target.tagName === "INPUT" ? target.closest(".Quiz") : null;
      return quiz !== null && quiz.querySelector(".NumericQn") !== null;
    }}
    ["keypress", "paste"].forEach(function (kind) {{
      box.addEventListener(kind, function (event) {{
        if (numberBox(event.target) && event.key !== "Enter") event.stopPropagation();
      }}, true);
    }});
    box.addEventListener("keydown", function (event) {{
      if (event.key !== "Enter" || !numberBox(event.target)) return;
      var value = cstoReadNumber(event.target.value);
      if (value !== null) event.target.value = String(value);
    }}, true);
  }}
  // on a slide one question at a time, large enough for the room: buttons step through them (the arrow keys stay
  // the deck's); in JupyterLab and on a page every question shows, one under the other
  function pager(quizzes) {{
    var nav = document.createElement("div"), at = 0;
    nav.className = "csto-check-pager";
    nav.innerHTML = '<button type="button" class="csto-check-prev">Previous question</button>' +
      '<span class="csto-check-at" aria-live="polite"></span>' +
      '<button type="button" class="csto-check-next">Next question</button>';
    box.parentNode.insertBefore(nav, box.nextSibling);
    nav.appendChild(out);  // the score on the pager's line: the question keeps the height
    var prev = nav.querySelector(".csto-check-prev"), next = nav.querySelector(".csto-check-next");
    function show(index) {{
      at = index;
      quizzes.forEach(function (quiz, k) {{ quiz.style.display = k === at ? "" : "none"; }});
      nav.querySelector(".csto-check-at").textContent = "Question " + (at + 1) + " of " + quizzes.length;
      prev.disabled = at === 0;
      next.disabled = at === quizzes.length - 1;
      if (window.Reveal && Reveal.layout) Reveal.layout();
    }}
    prev.addEventListener("click", function () {{ show(Math.max(0, at - 1)); }});
    next.addEventListener("click", function () {{ show(Math.min(quizzes.length - 1, at + 1)); }});
    show(0);
  }}
}})(0);
"""


def _question_data(notebook: str) -> list[dict]:
    """The notebook's self-check as the quiz engine's plain dicts (``quiz.question_data``); refused when empty, since
    a self-check cell with no questions is a mistake to see, not an empty box."""
    from .lessons import quiz

    # kept by a kernel while the data, the question files and the code are unchanged: each right answer and every
    # feedback is computed from the data, a quarter of a second of every Run All
    questions = keeping.kept("self-checks")(quiz.question_data)(notebook)
    if not questions:
        raise LookupError(f"notebook {notebook!r} has no self-check questions (csto.lessons.quiz.question_data)")
    return questions


def _for_page(text: object) -> str:
    """Text as the library puts it into the page (innerHTML): escaped, and with no '$' its maths code would read."""
    return html.escape(str(text)).replace("$", "&#36;")


def _letter(index: int) -> str:
    return f"({chr(97 + index)})"


def _right(shown: object, why: str) -> str:
    return _for_page(f"Right: {shown}. {why}")


def _not_quite(feedback: str, where: str) -> str:
    return _for_page(f"Not quite: {feedback} Look again in {where}.")


def self_check_quiz(questions: list[dict]) -> list[dict]:
    """The course's question data in jupyterquiz's JSON. A choice keeps its letter, its rightness and its own feedback;
    a number gets its answer (with its tolerance), the known wrong numbers with theirs, and a pointer to where to
    look for any other number; a name is typed and matched without case, in any accepted spelling."""
    drawn = []
    for q in questions:
        prompt, where = _for_page(q["prompt"]), q.get("where", "the notebook")
        if q["kind"] == "choice":
            drawn.append({"question": prompt, "type": "multiple_choice", "answers": [
                {"answer": _for_page(f"{_letter(i)} {c['label']}"), "correct": bool(c["right"]),
                 "feedback": _right(c["label"], c["feedback"]) if c["right"] else _not_quite(c["feedback"], where)}
                for i, c in enumerate(q["choices"])]})
        elif q["kind"] == "number":
            answer, tolerance = float(q["answer"]), float(q.get("tolerance") or 0)
            right = _right(readable_number(q["answer"]), q["why"])
            answers = [{"type": "value", "value": q["answer"], "correct": True, "feedback": right}]
            if tolerance:
                answers.append({"type": "range", "range": [answer - tolerance, answer + tolerance + 1e-9],
                                "correct": True, "feedback": right})
            answers += [{"type": "value", "value": w["number"], "correct": False,
                         "feedback": _not_quite(w["feedback"], where)} for w in q.get("wrong", [])]
            # the page reads words as the checker does ('nine', '44 percent': SELF_CHECK_SCORE_JS); what reaches this
            # line is a number no feedback names, or text that is not one number ('lots'): the sentence fits both
            answers.append({"type": "default", "feedback": _for_page(
                f"Not quite: look again in {where}. The box reads one number, in digits or in words: 9 or nine."
            )})
            drawn.append({"question": prompt + " <em>(type a number, in digits or words, then press Enter)</em>",
                          "type": "numeric", "answers": answers})
        else:
            right = _right(q["answer"], q["why"])
            answers = [{"type": "string", "answer": a, "correct": True, "match_case": False, "feedback": right}
                       for a in dict.fromkeys([q["answer"], *q.get("accepted", [])])]
            answers += [{"type": "string", "answer": w["text"], "correct": False, "match_case": False,
                         "feedback": _not_quite(w["feedback"], where)} for w in q.get("wrong", [])]
            answers.append({"type": "default", "feedback": _for_page(f"Not quite: look again in {where}.")})
            drawn.append({"question": prompt + " <em>(type a name, then press Enter)</em>", "type": "string",
                          "answers": answers})
    return drawn


def self_check_plain(questions: list[dict]) -> str:
    """The self-check as text, every choice with its letter: what shows where the page runs no JavaScript."""
    lines = []
    for number, q in enumerate(questions, 1):
        lines.append(f"{number}. {q['prompt']}")
        if q["kind"] == "choice":
            lines += [f"   {_letter(i)} {c['label']}" for i, c in enumerate(q["choices"])]
        else:
            lines.append("   Answer with a number." if q["kind"] == "number" else "   Answer with a name.")
    return "\n".join(lines)


def _plain_items(questions: list[dict]) -> str:
    """The questions as HTML list items, each choice in a lettered list (a), (b), …"""
    items = []
    for q in questions:
        choices = "".join(f"<li>{html.escape(c['label'])}</li>" for c in q.get("choices", []))
        items.append(f"<li>{html.escape(q['prompt'])}" + (f'<ol type="a">{choices}</ol>' if choices else "") + "</li>")
    return "".join(items)


def self_check_outputs(notebook: str, questions: list[dict] | None = None) -> tuple[dict, str]:
    """The self-check's two outputs: an HTML bundle (the quiz's container, its styles, the score line and the
    questions as plain HTML for a page without JavaScript) and the JavaScript that draws the quiz and keeps score."""
    import secrets

    from jupyterquiz.dynamic.loader import load_questions_script
    from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

    from .lessons import typed_numbers

    questions = _question_data(notebook) if questions is None else questions
    element = f"cstoCheck{notebook}{secrets.token_hex(4)}"  # a JavaScript name: the library refers to it unquoted
    prefix, static, url = load_questions_script(self_check_quiz(questions), element)
    container = render_div(element, False, False, False, 1_000_000, 760, 8, "left") + "</div>"
    styles = build_styles(element, dict(SELF_CHECK_COLORS))
    styles = styles.replace("</style>", SELF_CHECK_CSS.format(id=element) + "</style>")
    total = len(questions)
    rich = (f'<div class="csto-self-check" data-notebook="{html.escape(notebook)}" data-questions="{total}">'
            f'{container}{styles}<p id="{element}-score" class="csto-check-score" aria-live="polite" '
            f'style="display:none">Your score: 0 of {total} right so far (0 at the first try).</p>'
            f'<ol id="{element}-plain" class="csto-check-plain">{_plain_items(questions)}</ol></div>')
    score = SELF_CHECK_SCORE_JS.format(id=element, total=total, reader=typed_numbers.reader_js())
    script = build_script(prefix, static, url, element, True) + score
    return {"text/html": rich, "text/plain": self_check_plain(questions)}, script


def self_check(notebook: str) -> None:
    """Show a notebook's self-check to click through, e.g. ``show.self_check("03")``: every choice shown, a click gives
    that choice's own feedback, a number goes in a box in digits or words (Enter checks it), and a score counts the
    right answers."""
    from IPython.display import Javascript

    bundle, script = self_check_outputs(notebook)
    display(bundle, raw=True)
    display(Javascript(script))
