"""Self-checks at the end of every notebook (00–05) and the course-wide review of notebook 06.

Every answer is computed from the data when it is asked, so a corrected row changes the quiz with it and a
student is never marked wrong for the answer the data now support.

Three kinds of question:

- a **choice** question builds its options from the data: each ``Option`` carries its label, whether it is
  right, and *why* (the feedback for choosing it). The answer is the label of the one option marked right, so
  it is always one of the offered choices; a test checks that exactly one option is right;
- a **number** question computes its number, and explains the wrong numbers the data know ("23 is the fall for
  Central Asia");
- a **name** question computes a name (a first name, from the course's standard spelling).

The student interface (the notebooks call exactly these):

- ``questions("01")``: a table of one notebook's questions (id, question, answer with);
- ``blank_answers("01")``: ``{question_id: None}`` for the student to fill in;
- ``check(question_id, answer)``: "Right: …", "Not quite: <why> …", "No answer yet …" or "Can't read …";
- ``check_all(answers)``: a table (id, your answer, result); it never raises, whatever was typed;
- ``answer(question_id)``: the right answer, for teachers and tests;
- ``answer_key_markdown("01")``: the teacher's key (question, answer, why it is right) as a Markdown table.

For teachers and tests also: ``question_ids("01")``, ``options(question_id)`` (the choices in the order shown,
each with its feedback) and ``why_right(question_id)``. Choices keep their natural order where they have one
(kinds of claim, sources oldest first, dates); otherwise they are shown in a fixed order of their own, so that the
right one is not always the first written.

``check`` meets the student halfway: a letter ("b", "(b)"), the choice's words in any case, a source's id, short
name or first word ("evstratov2022", "Evstratov"); numbers as 9, "9", "nine", 9.0, "44%", "44 percent"; a full
name where a first name is asked ("Dmitry Peskov").
"""

from __future__ import annotations

import difflib
import hashlib
import numbers
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import pandas as pd

from .. import labels
from ..data.frames import load, source_says, source_text
from ..data.verbatim import normalise, overlaps
from ..data import views
from ..data.views import members_listed_by, membership_status
from ..paths import descriptor_path
from ..labels import source_names, source_order, source_published
from .source_criticism import count_in, inside_quotation, relayed_judgements, term_in_context

NUMBER_WORDS = {"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

KIND_MEANING = {
    "fact": "something that happened or is the case, which other evidence could confirm or refute",
    "judgement": "an evaluation or an explanation",
    "forecast": "what the author expects will happen",
    "scenario": "what could happen if something else does",
}
VERDICT_MEANING = {
    "consistent": "the later report points the same way as the forecast",
    "mixed": "the later report points both ways",
    "inconsistent": "the later report runs against the forecast",
    "not_yet_testable": "the later report cannot settle the forecast yet",
    "outside_horizon": "the later report falls after the forecast's horizon, so it cannot test it",
}
SHIFT_MEANING = {
    "faithful": "the translation keeps the meaning",
    "condensed": "the translation shortens the passage but keeps its point",
    "meaning_shift": "the translation changes what the passage says",
    "omission": "the translation leaves the passage out",
    "typo": "the only change is a misspelling",
}
HEDGES = ("probably", "allegedly", "speculation", "perhaps", "likely", "may ", "could ")


# ---- the question types ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    """One choice: what the student sees, whether it is right, and the feedback for choosing it."""

    label: str
    right: bool
    why: str
    also: tuple[str, ...] = ()  # other forms that mean this option: a source id, an ISO3 code, a short name

    def __post_init__(self) -> None:
        object.__setattr__(self, "why", _tidy(self.why))


@dataclass(frozen=True)
class Question:
    """One question. Everything that rests on the data is a function, so it is computed when asked."""

    qid: str
    notebook: str  # the notebook whose self-check asks it ("06" for the course-wide review)
    prompt: str | Callable[[], str]
    where: str  # where a student finds the answer
    kind: str  # "choice", "number" or "name"
    options: Callable[[], list[Option]] | None = None  # choice questions
    correct: Callable[[], object] | None = None  # number and name questions
    why: Callable[[], str] | None = None  # number and name questions: why the answer is right
    wrong: Callable[[object], str | None] = field(default=lambda given: None)  # number/name: why a known wrong answer is wrong
    also: Callable[[object], str | None] = field(default=lambda given: None)  # name: a note when another form is also right
    ordered: bool = False  # choice questions: True keeps the options' natural order (kinds, sources, dates)
    exercise: bool = False  # an exercise's check (csto/lessons/exercises), not part of the notebook's self-check

    def text(self) -> str:
        return self.prompt() if callable(self.prompt) else self.prompt


_QUESTIONS: dict[str, Question] = {}


def _register(question: Question) -> None:
    if question.qid in _QUESTIONS:
        raise ValueError(f"question id {question.qid!r} is used twice")
    _QUESTIONS[question.qid] = question


def _choice(qid: str, notebook: str, prompt, where: str, options: Callable[[], list[Option]], ordered: bool = False) -> None:
    _register(Question(qid, notebook, prompt, where, "choice", options=options, ordered=ordered))


def _number(qid: str, notebook: str, prompt, where: str, correct, why, wrong=lambda given: None) -> None:
    _register(Question(qid, notebook, prompt, where, "number", correct=correct, why=why, wrong=wrong))


def _name(qid: str, notebook: str, prompt, where: str, correct, why, wrong=lambda given: None, also=lambda given: None) -> None:
    _register(Question(qid, notebook, prompt, where, "name", correct=correct, why=why, wrong=wrong, also=also))


# ---- small helpers for wording ---------------------------------------------------------------------------

def _tidy(text: str) -> str:
    """Punctuation where a quotation that ends a sentence meets the sentence around it: '….”.' becomes '….”'."""
    text = re.sub(r"([.!?])”([.;,])", lambda m: m.group(1) + "”" + ("" if m.group(2) == "." else m.group(2)), str(text))
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def _q(text: object) -> str:
    """Words from a source, in curly quotes (trailing full stop kept inside, as printed)."""
    return f"“{str(text).strip()}”"


def _and(items: list[str]) -> str:
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    """Text that ends as a sentence: a full stop added unless it ends with one (inside a closing quote or not)."""
    text = str(text).strip()
    if not text:
        return text
    bare = text.rstrip("”’\"')")
    return text if bare and bare[-1] in ".!?" and bare != text or text[-1] in ".!?" else text + "."


def _dated(name: str, when: str) -> str:
    """'Evstratov 2022 (Oct 2022–Dec 2022)', or 'Stratfor 2017 (Indonesian), 10 Jan 2017–31 Dec 2017' to avoid '))'."""
    return f"{name}, {when}" if name.endswith(")") else f"{name} ({when})"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _n(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


# ---- data look-ups the questions share -------------------------------------------------------------------

def _country_names() -> dict[str, str]:
    countries = load("countries")
    return dict(zip(countries["iso3"], countries["name_en"]))


def _cname(iso3: str) -> str:
    return _country_names().get(iso3, iso3)


def _seed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["origin"].astype(str) == "seed"]


def _context(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["origin"].astype(str) == "context"]


@lru_cache(maxsize=4)
def _source_labels(descriptor: str, mtime_ns: int) -> tuple[dict[str, str], dict[str, str]]:
    return source_names(), source_published()


def _source_lookups() -> tuple[dict[str, str], dict[str, str]]:
    """(short names, publication dates) of the sources, read once per state of the data package."""
    path = descriptor_path()
    return _source_labels(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _view_cached(name: str, descriptor: str, mtime_ns: int) -> pd.DataFrame:
    return getattr(views, name)()


def _view(name: str) -> pd.DataFrame:
    """A derived view of csto.data.views, computed once per state of the data package (a fresh copy each call)."""
    path = descriptor_path()
    return _view_cached(name, str(path), path.stat().st_mtime_ns).copy()


def _crisis_responses() -> pd.DataFrame:
    return _view("crisis_responses")


def _country_acts() -> pd.DataFrame:
    return _view("country_acts")


def _dated_rows() -> pd.DataFrame:
    return _view("dated_rows")


def _sname(source_id: object) -> str:
    if not isinstance(source_id, str):
        return labels.BACKGROUND_SHORT
    return _source_lookups()[0].get(source_id, labels.BACKGROUND_SHORT)


def _pub(source_id: str) -> str:
    return _source_lookups()[1].get(source_id, "?")


def _with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """``when`` and ``source`` columns, as csto.data.views.with_labels adds them (the source names read once)."""
    out = frame.copy()
    if "date" in out:
        out["when"] = labels.when(out)
    out["source"] = [_sname(s) for s in out["source_id"]]
    return out


def _sources() -> pd.DataFrame:
    return load("sources").set_index("source_id")


def _claim(claim_id: str) -> pd.Series:
    claims = load("claims").set_index("claim_id")
    if claim_id not in claims.index:
        raise KeyError(f"the quiz needs claim {claim_id!r}, which data/claims.csv lacks")
    return claims.loc[claim_id]


def _membership() -> pd.DataFrame:
    return _with_labels(load("membership"))


def _events() -> pd.DataFrame:
    return _with_labels(load("events"))


def _change_words(change: object) -> str:
    return labels.code_label(change)


def membership_row_words(row: pd.Series) -> str:
    """A membership row in words. A background row is told by the title of its background event (same day, same
    reference), so that a state's note on suspending its membership reads apart from the bloc's decision to suspend it
    ('membership suspended' twice would read as if it happened twice); otherwise the change's code in words."""
    if str(row.get("origin")) == "context":
        events = load("events")
        same = events[(events["origin"].astype(str) == "context") & (events["date"] == row["date"])
                      & (events["citation_id"] == row["citation_id"])]
        if len(same) == 1:
            title = re.sub(r"\s*\(background[^)]*\)\s*$", "", str(same.iloc[0]["title"]))
            first = title.split()[0] if title.split() else ""
            proper = first.isupper() or first in set(load("countries")["name_en"]) or first in set(load("people")["name_standard"].str.split().str[-1])
            return title if proper else title[:1].lower() + title[1:]
    return _change_words(row["change"])


def _publisher(citation_id: object) -> str:
    return labels.publisher(citation_id) or labels.citation(citation_id) or "background"


def _joined_first_two_years() -> set[str]:
    membership = _seed(load("membership"))
    return set(membership.loc[membership["change"] == "joined", "iso3"])


def _joined_quote() -> str:
    membership = _seed(load("membership"))
    return membership.loc[membership["change"] == "joined", "quote"].iloc[0]


def _withdrawn_by_1999() -> set[str]:
    membership = _seed(load("membership"))
    return set(membership.loc[(membership["change"] == "withdrew") & (membership["end"].dt.year <= 1999), "iso3"])


def _listed(source_id: str) -> list[str]:
    try:
        return members_listed_by(source_id)
    except KeyError:
        return []


def _listed_rows(source_id: str) -> pd.DataFrame:
    membership = _membership()
    return membership[(membership["change"] == "listed_as_member") & (membership["source_id"] == source_id)]


def _response(code: object) -> str:
    return labels.value_label("crisis_responses", "response", code)


def _crises() -> pd.DataFrame:
    return _with_labels(load("crises")).set_index("crisis_id")


def _accounts() -> pd.DataFrame:
    """Each course source's account of what the bloc did in each crisis (background accounts left out)."""
    return _seed(_crisis_responses())


def _deployed_in() -> list[str]:
    accounts = _accounts()
    return sorted(set(accounts.loc[accounts["response"].astype(str) == "deployment", "crisis_id"]))


def _crisis_reporters(crisis_id: str) -> list[str]:
    """The course sources with a row of their own on a crisis (its events or an account of the response)."""
    events = _seed(load("events"))
    found = set(events.loc[events["crisis_id"] == crisis_id, "source_id"]) | set(_accounts().loc[lambda f: f["crisis_id"] == crisis_id, "source_id"])
    crises = load("crises").set_index("crisis_id")
    if crisis_id in crises.index and crises.loc[crisis_id, "origin"] == "seed":
        found.add(crises.loc[crisis_id, "source_id"])
    return [s for s in source_order() if s in found]


def _figure(figure_id: str) -> pd.Series:
    figures = _with_labels(load("figures")).set_index("figure_id")
    if figure_id not in figures.index:
        raise KeyError(f"the quiz needs figure {figure_id!r}, which data/figures.csv lacks")
    return figures.loc[figure_id]


def _figures_with_value(value: float, metric_prefix: str = "") -> list[str]:
    figures = _seed(load("figures"))
    hits = figures[(figures["value"] == value) & figures["metric"].astype(str).str.startswith(metric_prefix)]
    return [f"{t} ({s})" for t, s in zip(hits["value_text"], hits["subject"])]


def _speaker_words() -> pd.DataFrame:
    quotes = load("quotes")
    return quotes[quotes["voice"].astype(str) == "speaker_words"]


def _voice_of(source_id: str, words: str) -> list[str]:
    """The people or papers a source quotes whose own words these are (quotes.csv, voice 'speaker_words')."""
    rows = _speaker_words()
    rows = rows[rows["source_id"] == source_id]
    return list(dict.fromkeys(s for s, w in zip(rows["speaker"], rows["words"]) if overlaps(words, w)))


def _surname(name: str) -> str:
    people = load("people")
    if name in set(people["name_standard"]):
        return name.split()[-1]
    return name




def _kind_options(claim_id: str, intro: str = "") -> list[Option]:
    """The four kinds of claim; the right one is the kind claims.csv gives the claim."""
    claim = _claim(claim_id)
    kind, quote = str(claim["kind"]), claim["quote"]
    hedges = [h.strip() for h in HEDGES if h in normalise(quote) + " "]
    hedge_note = f" Note {_and([repr(h) for h in hedges])}." if hedges else ""
    options = []
    for k, meaning in KIND_MEANING.items():
        if k == kind:
            why = f"The course files {_q(quote)} ({_sname(claim['source_id'])}) as a {kind}: {meaning}.{hedge_note}"
        else:
            why = f"a {k} is {meaning}; the course files {_q(quote)} as a {kind} ({KIND_MEANING[kind]}).{hedge_note}"
        options.append(Option(_cap(f"a {k}"), k == kind, why, also=(k,)))
    return options


def _source_option(source_id: str, right: bool, why: str, extra: tuple[str, ...] = ()) -> Option:
    name = _sname(source_id)
    return Option(name, right, why, also=(source_id, *extra))


def _verdict_options(check: pd.Series) -> list[Option]:
    verdict = str(check["verdict"])
    note = _sentence(str(check["verdict_note"]))
    options = []
    for v, meaning in VERDICT_MEANING.items():
        label = v.replace("_", " ")
        if v == verdict:
            why = f"The course's verdict is '{label}' ({meaning}). Its note: {note}"
        else:
            why = f"'{label}' would mean that {meaning}; the course reads this check otherwise. Its note: {note}"
        options.append(Option(label, v == verdict, why, also=(v,)))
    return options


def _shift_options(pair_id: str) -> list[Option]:
    pairs = load("translation_pairs").set_index("pair_id")
    pair = pairs.loc[pair_id]
    shift = str(pair["shift"])
    rendered = (f"the translation reads {_q(pair['translation'])} (the course's back-translation: {_q(pair['gloss'])})"
                if isinstance(pair["translation"], str) else "the passage is not translated")
    options = []
    for s, meaning in SHIFT_MEANING.items():
        label = s.replace("_", " ")
        counts = int((load("translation_pairs")["shift"].astype(str) == s).sum())
        if s == shift:
            why = f"'{label}': {meaning}. For {_q(pair['quote'])} {rendered}. The course's note: {_sentence(str(pair['note']))}"
        else:
            why = (f"'{label}' would mean that {meaning} (the course gives that label to {counts} passage(s)); here "
                   f"{_q(pair['quote'])} becomes: {rendered}")
        options.append(Option(label, s == shift, why, also=(s,)))
    return options


# ===========================================================================================================
# Notebook 00: what the CSTO is, and how we know what we know about it
# ===========================================================================================================

def _nb00_stated_correct() -> int:
    return int((load("sources")["date_basis"].astype(str) == "stated").sum())


def _nb00_stated_names(basis: str) -> list[str]:
    sources = _sources()
    return [_dated(_sname(s), _pub(s)) for s in source_order() if str(sources.loc[s, "date_basis"]) == basis]


def _nb00_stated_wrong(given: object) -> str | None:
    inferred = _nb00_stated_names("inferred")
    if given == len(inferred):
        return f"{given} is how many dates the course infers from clues in the texts: {_and(inferred)}"
    if given == len(load("sources")):
        return f"not all five print a date: the course infers it for {_and(inferred)}"
    return None


_number(
    "nb00_stated_dates", "00",
    "Of the five sources, how many print their own date (a stated date), rather than a date the course infers from clues in the text?",
    "notebook 00, the source cards (data/sources.csv, column 'date_basis')",
    correct=_nb00_stated_correct,
    why=lambda: (f"{_and(_nb00_stated_names('stated'))} print their date. The course infers the others and writes down "
                 f"its reasoning in 'date_note': {'; '.join(_nb00_stated_names('inferred'))}."),
    wrong=_nb00_stated_wrong,
)


def _nb00_yerevan_options() -> list[Option]:
    sources = _sources()
    options = []
    for s in source_order():
        row = sources.loc[s]
        who = row["author"] if isinstance(row["author"], str) else "no author named"
        right = "Yerevan" in str(row["author_description"])
        why = f"{_sname(s)}: {who} — {row['author_description']}; outlet: {row['outlet']}"
        options.append(_source_option(s, right, why))
    return options


_choice(
    "nb00_yerevan_author", "00",
    "Which source's author lectures at a university in Yerevan?",
    "notebook 00, the source cards (data/sources.csv, columns 'author' and 'author_description')",
    _nb00_yerevan_options,
    ordered=True,
)


def _nb00_notice_options() -> list[Option]:
    row = _sources().loc["mitchell2026"]
    republisher = row["republished_by"] if isinstance(row["republished_by"], str) else None
    printer = "republisher" if republisher and isinstance(row["label"], str) else "outlet"
    notice = row["label"] if isinstance(row["label"], str) else "the notice"
    return [
        Option(f"{row['author']}, the author", False,
               f"{row['author']} wrote the article for {row['outlet']}; the notice is in Russian, above the reprint, "
               f"whose source line names {row['url']}", also=("mitchell", "the author")),
        Option(f"{row['outlet']}, where the article first appeared", printer == "outlet",
               (f"the course's copy is not {row['outlet']}'s own page but a reprint: {republisher}" if republisher
                else f"{row['outlet']} published the copy the course uses"), also=("the national interest",)),
        Option(_cap(republisher or "a republisher"), printer == "republisher",
               (f"This copy is a republication ({republisher}); the notice sits above it: {notice}. It labels this copy; "
                "the text does not say who printed it or under what rule, and it says nothing about whether Mitchell's "
                "claims hold" if republisher
                else "the sources table names no republisher for this copy"), also=("the aggregator", "aggregator")),
        Option("The course, as a warning to readers", False,
               "the course adds no label of its own: the notice is part of the seed text, in Russian; the glossary only "
               "translates it ('foreign agent')", also=("the course",)),
    ]


_choice(
    "nb00_foreign_agent_notice", "00",
    "Who printed the Russian 'foreign agent' notice that stands above Mitchell's article in the course's copy?",
    "notebook 00, 'A republication with a label' (data/sources.csv, columns 'republished_by' and 'label')",
    _nb00_notice_options,
)


def _pairs() -> pd.DataFrame:
    return load("translation_pairs")


def _nb00_omitted() -> int:
    return int((_pairs()["shift"].astype(str) == "omission").sum())


def _nb00_omitted_wrong(given: object) -> str | None:
    pairs = _pairs()
    rendered = int(pairs["translation"].notna().sum())
    if given == len(pairs):
        return f"{given} is the number of passages in the English original, all told"
    if given == rendered:
        return f"{given} is the number of passages the translation does render"
    return None


_number(
    "nb00_omitted_passages", "00",
    "How many passages of Stratfor's English original are missing from the Indonesian translation?",
    "notebook 00, 'Two copies that are not what they first seem' (data/translation_pairs.csv, column 'shift')",
    correct=_nb00_omitted,
    why=lambda: (f"{_nb00_omitted()} of the {len(_pairs())} passages have the shift 'omission'; the translation starts at "
                 f"passage {int(_pairs().loc[_pairs()['translation'].notna(), 'seq'].min())}, so an Indonesian reader never "
                 "meets the history of the bloc or the forecast highlights."),
    wrong=_nb00_omitted_wrong,
)


def _years_of_rows() -> pd.Series:
    """Dated rows per year, counting only rows that fall within one year (as notebook 00's chart does)."""
    rows = _dated_rows()
    within = rows[rows["start"].dt.year == rows["end"].dt.year]
    return within["start"].dt.year.value_counts()


def _nb00_busiest_why() -> str:
    counts = _years_of_rows()
    year = int(counts.idxmax())
    writers = [_sname(s) for s in source_order() if _sources().loc[s, "start"].year == year]
    tail = (f" {_and(writers)} wrote in {year}: sources write most about their own time, so the gaps elsewhere are gaps in "
            "the sources, not necessarily in history." if writers else "")
    return f"{int(counts.max())} of the dated rows fall within {year}, more than in any other year.{tail}"


def _nb00_busiest_wrong(given: object) -> str | None:
    counts = _years_of_rows()
    if not isinstance(given, (int, float)) or not float(given).is_integer():
        return None
    year, top = int(counts.idxmax()), int(counts.max())
    if int(given) in counts.index:
        return f"{int(given)} holds {int(counts[int(given)])} dated rows; {year} holds {top}"
    if 1900 <= given <= 2100:
        return f"no dated row starts in {int(given)}; {year} holds {top}"
    return None


_number(
    "nb00_busiest_year", "00",
    "On the course's overview timeline, which year holds the most dated rows?",
    "notebook 00, 'Everything on one timeline' (csto.data.views.dated_rows())",
    correct=lambda: int(_years_of_rows().idxmax()),
    why=_nb00_busiest_why,
    wrong=_nb00_busiest_wrong,
)


def _nb00_rows_options() -> list[Option]:
    rows = _dated_rows()
    counts = rows["source"].value_counts()
    top = counts.idxmax()
    total = int(counts.sum())
    options = []
    for s in source_order():
        name = _sname(s)
        n = int(counts.get(name, 0))
        mine = rows[rows["source"] == name]
        span = f", from {int(mine['start'].dt.year.min())} to its own date ({_pub(s)})" if n and name == top else ""
        options.append(_source_option(s, name == top, f"{name} gives {n} of the {total} dated rows{span}"))
    n = int(counts.get(labels.BACKGROUND_SHORT, 0))
    options.append(Option("Background rows (not from a course source)", labels.BACKGROUND_SHORT == top,
                          f"background rows give {n} of the {total} dated rows; they add exact dates no course source gives",
                          also=("background", "context")))
    return options


_choice(
    "nb00_most_rows_source", "00",
    "Which source gives the overview timeline the most dated rows?",
    "notebook 00, Exercise 1 (csto.data.views.dated_rows(), column 'source')",
    _nb00_rows_options,
    ordered=True,
)


def _nb00_glossary_options() -> list[Option]:
    glossary = load("glossary")
    context = glossary[glossary["origin"].astype(str) == "context"]
    seed = glossary[glossary["origin"].astype(str) == "seed"].set_index("term")
    chosen = [t for t in ("CSTO", "NATO", "quorum", "bloc") if t in seed.index][:3]
    options = [Option(t, False, f"'{t}' is defined from {_sname(seed.loc[t, 'source_id'])}, whose words it quotes "
                                f"({_q(seed.loc[t, 'quote'])})") for t in chosen]
    if len(context):
        row = context.iloc[0]
        options.append(Option(row["term"], True, f"'{row['term']}' is background (origin 'context'), cited to "
                                                 f"{labels.citation(row['citation_id'])}"))
    return sorted(options, key=lambda o: o.label.lower())


_choice(
    "nb00_glossary_background", "00",
    "Which of these glossary entries is background, not from the course sources?",
    "notebook 00, 'Words you will meet' (data/glossary.csv, column 'origin')",
    _nb00_glossary_options,
    ordered=True,
)


# ===========================================================================================================
# Notebook 01: who joined, who left, and how sure can we be of the dates
# ===========================================================================================================

def _seed_change(iso3: str, change: str) -> pd.Series | None:
    membership = _seed(_membership())
    rows = membership[(membership["iso3"] == iso3) & (membership["change"] == change)]
    return rows.iloc[0] if len(rows) else None


def _nb01_georgia_options() -> list[Option]:
    left = _seed_change("GEO", "withdrew")
    joined = _seed_change("GEO", "joined")
    membership = _membership()
    background = _context(membership[(membership["iso3"] == "GEO") & membership["change"].astype(str).isin(["withdrew", "did_not_renew"])])
    added = "; ".join(f"{_change_words(r['change'])} {r['when']} ({_publisher(r['citation_id'])})" for _, r in background.iterrows())
    added = f" Background, not from the course sources: {added}." if added else ""
    undated = left is not None and str(left["date_precision"]) == "period"
    end = int(left["end"].year) if left is not None else None
    span = left["when"] if left is not None else "?"
    options = [
        Option(f"No single year: some time in {span} (Stratfor: 'by {end}')", undated,
               f"Stratfor: {_q(left['quote']) if left is not None else ''}. It gives only an end, so the data reads it as {span}.{added}"),
        Option(str(end), left is not None and not undated and int(left["start"].year) == end,
               f"Stratfor says only 'by {end}': the data reads it as {span}, any year from {int(left['start'].year) if left is not None else '?'} on"),
    ]
    if joined is not None and int(joined["end"].year) != end:
        year = int(joined["end"].year)
        options.append(Option(str(year), left is not None and not undated and int(left["start"].year) == year,
                              f"{year} ends the 'first two years' ({joined['when']}) in which Stratfor says Georgia joined"))
    options.append(Option("Stratfor does not mention Georgia", left is None and joined is None,
                          f"Stratfor names Georgia twice: among the nine that joined and among the three that had withdrawn "
                          f"({_q(left['quote']) if left is not None else ''})"))
    return options


_choice(
    "nb01_georgia_left", "01",
    "In what year did Georgia leave the bloc, according to Stratfor?",
    "notebook 01, 'Three withdrawals by 1999' (data/membership.csv, rows 'withdrew')",
    _nb01_georgia_options,
)


def _nb01_lapse_rows() -> pd.DataFrame:
    membership = _context(_membership())
    return membership[membership["iso3"].isin(_withdrawn_by_1999()) & (membership["start"].dt.year == 1999)]


def _nb01_lapse_options() -> list[Option]:
    rows = _nb01_lapse_rows()
    names = _and([_cname(i) for i in sorted(set(rows["iso3"]))])
    seed = _seed(_membership())
    seed = seed[seed["iso3"].isin(_withdrawn_by_1999()) & (seed["change"] == "withdrew")]
    seed_when = _and(sorted(set(seed["when"])))
    dated_by_seed = bool((seed["date_precision"].astype(str) == "day").any())
    detail = "; ".join(f"{_cname(r['iso3'])}: {_change_words(r['change'])}, {r['when']} ({_publisher(r['citation_id'])})"
                       for _, r in rows.iterrows())
    whens = _and(sorted(set(rows["when"])))
    return [
        Option(f"A day: background dates the end of their membership to {whens or 'a day in 1999'}", len(rows) > 0 and not dated_by_seed,
               (f"Background, not from the course sources: {detail}. Stratfor's 'by 1999' ({seed_when}) gives no day."
                if len(rows) else "no background row dates their departure")),
        Option("Nothing: no background row dates their departure", len(rows) == 0 and not dated_by_seed,
               (f"background rows do: {detail}" if len(rows) else "the course sources give only the span " + seed_when)),
        Option("Stratfor itself gives the exact day", dated_by_seed,
               f"the course sources give only a span: {seed_when} ('by 1999')"),
    ]


_choice(
    "nb01_treaty_lapse_1999", "01",
    "Stratfor says only that Uzbekistan, Georgia and Azerbaijan had withdrawn 'by 1999'. What do the background rows add?",
    "notebook 01, the membership table with background rows (data/membership.csv, origin 'context')",
    _nb01_lapse_options,
)


def _nb01_uzbekistan_options() -> list[Option]:
    membership = _membership()
    uzb = membership[(membership["iso3"] == "UZB") & (membership["start"].dt.year > 1999)]
    context, seed = _context(uzb), _seed(uzb)
    history = "; ".join(f"{membership_row_words(r)} ({r['when']}, {_publisher(r['citation_id'])})" for _, r in context.iterrows())
    mitchell, evstratov = _listed("mitchell2026"), _listed("evstratov2022")
    arms = [f for f in _seed(load("figures")).itertuples() if f.source_id == "mitchell2026" and "Uzbekistan" in str(f.value_text)]
    arms_note = f" He names Uzbekistan among the states Russia supplied arms to in 2021–2023: {_q(arms[0].quote)}." if arms else ""
    central = [q for q in _listed_rows("mitchell2026")["quote"] if "most of Central Asia" in q]
    central_note = ", and adds 'most of Central Asia' without names" if central else ""
    return [
        Option("Only background reports that it came back and was later suspended", len(context) > 0 and len(seed) == 0,
               (f"Stratfor's story ends with the withdrawal by 1999; background, not from the course sources: {history}. "
                "The course sources are silent on it." if len(context) else "no background row reports Uzbekistan after 1999")),
        Option("Nothing: no row mentions Uzbekistan's membership after 1999", len(context) == 0 and len(seed) == 0,
               (f"background rows do: {history}" if len(context) else
                f"a course source does: {_and([f'{_sname(s)} ({c})' for s, c in zip(seed['source_id'], seed['change'])])}")),
        Option("Mitchell (2026) names it as a member again", "UZB" in mitchell,
               f"Mitchell names {_and([_cname(i) for i in mitchell])} as members{central_note}.{arms_note}"),
        Option("Evstratov (2022) lists it among the members", "UZB" in evstratov,
               f"Evstratov's {len(evstratov)} members are {_and([_cname(i) for i in evstratov])}"),
    ]


_choice(
    "nb01_uzbekistan_return", "01",
    "Stratfor's story of Uzbekistan ends with its withdrawal by 1999. What do the course's rows report after that?",
    "notebook 01, 'What happened between 1999 and 2022?' (data/membership.csv, rows for UZB)",
    _nb01_uzbekistan_options,
)


def _reporters_of(event_id: str) -> list[str]:
    events = load("events")
    row = events.set_index("event_id").loc[event_id]
    reporters = set(_seed(events).loc[events["happening_id"] == row["happening_id"], "source_id"])
    return [s for s in source_order() if s in reporters]


def _nb01_crrf_options() -> list[Option]:
    event = load("events").set_index("event_id").loc["ev_2009_crrf"]
    reporters = _reporters_of("ev_2009_crrf")
    pairs = _pairs()
    sources = _sources()
    options = []
    for s in source_order():
        if s in reporters:
            others = [_sname(o) for o in source_order() if o not in reporters]
            why = (f"{_sname(s)}: {_q(event['quote'])}. No other course source tells it ({_and(others)} do not), so its judgement "
                   "that the force 'boosted' the bloc cannot be checked against a second voice")
        elif isinstance(sources.loc[s, "translation_of"], str):
            pair = pairs[[normalise(str(event["quote"])) in normalise(q) for q in pairs["quote"]]]
            shift = str(pair.iloc[0]["shift"]).replace("_", " ") if len(pair) else "unknown"
            why = f"{_sname(s)} is the translation; the passage on the 2009 force has the shift '{shift}'"
        elif source_says(s, "Rapid Reaction"):
            why = f"{_sname(s)} ({_pub(s)}) names the force but does not tell of its creation"
        else:
            why = f"{_sname(s)} ({_pub(s)}) does not mention the force"
        options.append(_source_option(s, s in reporters, why))
    return options


_choice(
    "nb01_crrf_one_witness", "01",
    "Which course source tells of the creation of the Collective Rapid Reaction Force in 2009?",
    "notebook 01, '2009: the Collective Rapid Reaction Force' (data/events.csv, and the translation pairs)",
    _nb01_crrf_options,
    ordered=True,
)


def _nb01_mitchell_groups() -> list[tuple[str, list[str]]]:
    rows = _listed_rows("mitchell2026")
    return [(q, list(dict.fromkeys(g["iso3"]))) for q, g in rows.groupby("quote", sort=False)]


def _nb01_mitchell_why() -> str:
    parts = [f"{_and([_cname(i) for i in codes])} ({_q(q)})" for q, codes in _nb01_mitchell_groups()]
    central = any("most of Central Asia" in q for q, _ in _nb01_mitchell_groups())
    tail = "; 'most of Central Asia' names no state, so it cannot be counted" if central else ""
    return f"Mitchell names {'; '.join(parts)}{tail}."


def _nb01_mitchell_wrong(given: object) -> str | None:
    for source_id in ("evstratov2022", "afp2022"):
        if given == len(_listed(source_id)):
            return f"{given} is how many members {_sname(source_id)} names ({_pub(source_id)}), not Mitchell in 2026"
    groups = _nb01_mitchell_groups()
    for quote, codes in groups:
        if given == len(codes) and len(groups) > 1:
            others = [c for q, cs in groups if q != quote for c in cs]
            other_quotes = [q for q, _ in groups if q != quote]
            return (f"{given} counts only {_and([_cname(c) for c in codes])} ({_q(quote)}); Mitchell also calls "
                    f"{_and([_cname(c) for c in others])} a member: {'; '.join(_q(q) for q in other_quotes)}")
    return None


_number(
    "nb01_mitchell_members", "01",
    "How many states does Mitchell (2026) name as members of the bloc? Count only states he names, not 'most of Central Asia'.",
    "notebook 01, '2022: six members named' (data/membership.csv, rows 'listed_as_member' for mitchell2026)",
    correct=lambda: len(_listed("mitchell2026")),
    why=_nb01_mitchell_why,
    wrong=_nb01_mitchell_wrong,
)


def _nb01_suspension_options() -> list[Option]:
    membership = _membership()
    arm = membership[(membership["iso3"] == "ARM") & (membership["change"] == "suspended_participation")]
    seed, context = _seed(arm), _context(arm)
    s = seed.iloc[0] if len(seed) else None
    c = context.iloc[0] if len(context) else None
    undated = s is not None and str(s["date_precision"]) == "period"
    afp = _listed_rows("afp2022")
    afp = afp[afp["iso3"] == "ARM"]
    afp_when = afp.iloc[0]["when"] if len(afp) else None
    options = [
        Option(f"Mitchell gives no date; background ({_publisher(c['citation_id']) if c is not None else 'none'}) puts it in "
               f"{c['when'] if c is not None else '?'}", undated and c is not None,
               (f"Mitchell: {_q(s['quote'])}, with no date, so the data can only bracket it ({s['when']}). Background, not from "
                f"the course sources: {c['when']} ({labels.citation(c['citation_id'])})" if s is not None and c is not None
                else "no background row dates it")),
    ]
    if c is not None:
        options.append(Option(f"{c['when']}, as Mitchell reports", s is not None and not undated and s["when"] == c["when"],
                              f"Mitchell gives no date ({s['when'] if s is not None else '?'} in the data); {c['when']} comes from "
                              f"background ({_publisher(c['citation_id'])}), not from a course source"))
    if afp_when:
        links = load("event_countries")
        host = links[(links["event_id"] == "ev_2022_11_yerevan_summit") & (links["iso3"] == "ARM") & (links["origin"] == "seed")]
        took_part = (f"AFP ({afp_when}): {_q(host.iloc[0]['quote'])}. Armenia was still taking part in the bloc then; "
                     "the suspension came later, on a date Mitchell does not give" if len(host) else
                     f"AFP reports the Yerevan summit ({afp_when}) but no suspension; Mitchell gives no date")
        options.append(Option(f"{afp_when}, at the Yerevan summit", s is not None and not undated and s["when"] == afp_when,
                              took_part))
    published = _pub("mitchell2026")
    options.append(Option(f"{published}, the day Mitchell wrote", s is not None and not undated and s["when"] == published,
                          f"{published} is the date of Mitchell's article: the latest the suspension can be, not its date"))
    return options


_choice(
    "nb01_armenia_suspension_date", "01",
    "When did Armenia suspend its participation in the bloc, and who says so?",
    "notebook 01, 'Armenia suspends its participation' (data/membership.csv, rows 'suspended_participation')",
    _nb01_suspension_options,
)


def _nb01_remaining() -> list[str]:
    return sorted(_joined_first_two_years() - _withdrawn_by_1999())


def _nb01_remaining_why() -> str:
    membership = _seed(load("membership"))
    changes = membership[membership["change"].astype(str).isin(["joined", "withdrew", "did_not_renew", "membership_suspended",
                                                                 "suspended_participation"])]
    silent = changes[changes["start"].dt.year.between(2000, 2021)].empty
    background = _context(_membership())
    background = background[background["start"].dt.year.between(2000, 2021) & (background["change"] != "listed_as_member")]
    added = "; ".join(f"{membership_row_words(r)} ({r['when']})" for _, r in background.iterrows())
    tail = (" The course sources report no change between 2000 and 2021"
            + (f"; only background rows do ({added})." if added else ", so the course carries these forward as an assumption, not as evidence.")
            if silent else "")
    return (f"{len(_joined_first_two_years())} joined in the first two years and {_and([_cname(i) for i in sorted(_withdrawn_by_1999())])} "
            f"had withdrawn by 1999, which leaves {_and([_cname(i) for i in _nb01_remaining()])}.{tail}")


_number(
    "nb01_members_after_1999", "01",
    "According to Stratfor, how many of the states that joined in the bloc's first two years were still members after the withdrawals by 1999?",
    "notebook 01, 'Nine members within two years' and 'Three withdrawals by 1999' (data/membership.csv)",
    correct=lambda: len(_nb01_remaining()),
    why=_nb01_remaining_why,
    wrong=lambda given: {
        len(_joined_first_two_years()): f"{len(_joined_first_two_years())} counts all who joined; "
                                        f"{_and([_cname(i) for i in sorted(_withdrawn_by_1999())])} had withdrawn by 1999",
        len(_withdrawn_by_1999()): f"{len(_withdrawn_by_1999())} is how many had withdrawn by 1999, not how many stayed",
    }.get(given),
)


# ===========================================================================================================
# Notebook 02: calls for help, and the 2016 deadlock
# ===========================================================================================================

def _person(person_id: str) -> pd.Series | None:
    people = load("people").set_index("person_id")
    return people.loc[person_id] if person_id in people.index else None


def _nb02_asked_options() -> list[Option]:
    crisis = _crises().loc["tjk_2012"]
    requester = str(crisis["requester"]) if isinstance(crisis["requester"], str) else ""
    refusal = " ".join(str(crisis[c]) for c in ("stated_reason",) if isinstance(crisis[c], str))
    reporters = _crisis_reporters("tjk_2012")
    options = []
    for person_id in ("lukashenko", "rahmon", "bordyuzha", "nazarbayev"):
        person = _person(person_id)
        if person is None:
            continue
        surname = person["name_standard"].split()[-1]
        right = surname in requester
        if right:
            alone = f" No other course source mentions Gorno-Badakhshan ({_and([_sname(s) for s in reporters])} only), so the course cannot check it." if reporters == ["stratfor2017"] else ""
            home = _cname(person["iso3"]) if isinstance(person["iso3"], str) else None
            not_local = (f" The one who asked speaks for {home}, not for {_cname(crisis['iso3'])}, where the clashes were."
                         if home and person["iso3"] != crisis["iso3"] else "")
            why = f"Stratfor: {_q(crisis['quote'])}{not_local}{alone}"
        elif surname in refusal:
            why = f"{person['name_standard']} is the one who refused the request, as Stratfor reports: {_q(crisis['quote'])}"
        else:
            why = (f"{person['name_standard']} ({person['role']}) is not the one Stratfor names; it gives the requester as "
                   f"'{requester}'")
        options.append(Option(f"{person['name_standard']}, {person['role']}", right, why, also=(surname, person["name_standard"])))
    return options


_choice(
    "nb02_who_asked_2012", "02",
    "According to Stratfor, who asked the bloc to quell the clashes in Gorno-Badakhshan, Tajikistan, in 2012?",
    "notebook 02, '2012: Gorno-Badakhshan' (data/crises.csv, column 'requester')",
    _nb02_asked_options,
)


def _nb02_domestic_options() -> list[Option]:
    quotes = load("quotes")
    rows = quotes[quotes["words"].str.contains("domestic affair", case=False, na=False)]
    row = rows.iloc[0]
    speaker = row["speaker"]
    person = _person(row["speaker_id"]) if isinstance(row["speaker_id"], str) else None
    role = f", {person['role'].split(' (')[0]}" if person is not None else ""
    asked = quotes[quotes["quote_id"] == "q_stratfor2017_bishkek_asked_intervene"]
    asked_words = asked.iloc[0]["words"] if len(asked) else ""
    voice = "Stratfor's words for his reason" if str(row["voice"]) == "source_words" else "his own words"
    return [
        Option(f"{speaker}'s ({_cap(role.strip(', '))}), as Stratfor reports it" if role else f"{speaker}'s, as Stratfor reports it", True,
               f"Stratfor: {_q(row['quote'])} ({voice}). It is the only reason the bloc is reported to have given"),
        Option("Evstratov's explanation", source_says("evstratov2022", "domestic affair"),
               f"Evstratov's explanation is for the Kyrgyz–Tajik clashes of 2022: {_q(_claim('ev_cannot_back_either')['quote'])}"),
        Option("The Kyrgyz government's, in its request", speaker == "Kyrgyz government",
               f"Kyrgyzstan asked for help: {_q(asked_words)}; the reason for saying no came from the other side"),
        Option("Stratfor's own judgement", False,
               f"Stratfor reports the reason, and adds its own judgement of the man who gave it: {_q(_claim('sf_secgen_conduit')['quote'])}"),
    ]


_choice(
    "nb02_domestic_affair_whose", "02",
    "When Kyrgyzstan asked for help in 2010, the request was refused as 'a domestic affair'. Whose reason was that?",
    "notebook 02, '2010: southern Kyrgyzstan' (data/quotes.csv and data/claims.csv)",
    _nb02_domestic_options,
)


def _nb02_kgz_tjk_options() -> list[Option]:
    accounts = _accounts()
    here = accounts[accounts["crisis_id"] == "kgz_tjk_2022"]
    theirs = here[here["source_id"] == "evstratov2022"]
    right_code = str(theirs.iloc[0]["response"]) if len(theirs) else None
    afp = here[here["source_id"] == "afp2022"]
    afp_note = (f" AFP's account ({_pub('afp2022')}) is another: {_response(afp.iloc[0]['response'])}, {_q(afp.iloc[0]['quote'])}"
                if len(afp) else "")
    codes = list(dict.fromkeys([c for c in (right_code, *[str(r) for r in here["response"]]) if c]
                               + ["deployment", "statements_and_monitoring"]))
    options = []
    for code in [c for c in labels.value_labels("crisis_responses", "response") if c in codes]:
        if code == right_code:
            why = f"Evstratov ({_pub('evstratov2022')}): {_q(theirs.iloc[0]['quote'])}.{afp_note}"
        else:
            mine = accounts[accounts["response"].astype(str) == code]
            where = "; ".join(f"{_sname(s)} for {n}" for s, n in zip(mine["source_id"], mine["name"]))
            why = f"'{_response(code)}' is the account of {where}" if where else f"no course source reports '{_response(code)}'"
            if code in set(here["response"].astype(str)):
                row = here[here["response"].astype(str) == code].iloc[0]
                why = f"'{_response(code)}' is {_sname(row['source_id'])}'s account of this conflict ({_q(row['quote'])}), not Evstratov's"
        options.append(Option(_response(code), code == right_code, why, also=(code,)))
    return options


_choice(
    "nb02_kgz_tjk_two_accounts", "02",
    "After the mutual accusations of October 2022, AFP writes: 'Neither the CSTO nor Moscow reacted.' How does Evstratov describe the bloc's response to the Kyrgyz–Tajik conflict?",
    "notebook 02, '2022: the Kyrgyz–Tajik conflict — two accounts' (data/crisis_responses.csv and data/claims.csv)",
    _nb02_kgz_tjk_options,
    ordered=True,
)


def _nb02_absent_options() -> list[Option]:
    acts = _country_acts()
    summits = acts[(acts["kind"].astype(str) == "summit") & (acts["source_id"] == "stratfor2017") & (acts["start"].dt.year == 2016)]
    absent = summits[summits["act"].astype(str) == "absence"]
    december = absent[absent["start"].dt.month == 12]
    options = []
    for iso3 in ("KAZ", "BLR", "ARM", "RUS"):
        mine = absent[absent["iso3"] == iso3]
        right = iso3 in set(december["iso3"])
        if len(mine):
            row = mine.iloc[0]
            why = f"{_cname(iso3)}: {row['title']} ({row['when']}) — Stratfor: {_q(row['quote'])}"
        else:
            why = f"Stratfor reports no absence for {_cname(iso3)} at either 2016 summit"
        options.append(Option(_cname(iso3), right, why, also=(iso3,)))
    return options


_choice(
    "nb02_december_2016_absent", "02",
    "Which member's delegation was absent from the bloc's December 2016 summit, according to Stratfor?",
    "notebook 02, 'Who stayed away' (csto.data.views.country_acts(), act 'absence')",
    _nb02_absent_options,
)

_choice(
    "nb02_absences_kind", "02",
    "Stratfor writes: 'The absences probably aren't a coincidence.' What kind of claim does the course file this as?",
    "notebook 02, 'Why Kazakhstan and Belarus?' and notebook 05 (data/claims.csv, column 'kind')",
    lambda: _kind_options("sf_absences_not_coincidence"),
    ordered=True,
)


def _leery_checks() -> pd.DataFrame:
    checks = load("forecast_checks")
    return checks[checks["claim_id"] == "sf_russia_leery"]


def _nb02_leery_wrong(given: object) -> str | None:
    checks = _leery_checks()
    if given == len(checks):
        return f"{given} is how many checks the forecast has in all; count only those whose verdict is 'consistent'"
    for verdict, n in checks["verdict"].astype(str).value_counts().items():
        if n == given and verdict != "consistent":
            return f"{given} is the number of checks with the verdict '{verdict.replace('_', ' ')}'"
    consistent = checks[checks["verdict"].astype(str) == "consistent"]
    for source_id, mine in consistent.groupby("source_id"):
        if given == len(consistent) - len(mine):
            return (f"{given} leaves out {_sname(source_id)}'s check, which is also 'consistent' (its note adds a "
                    "caveat, which does not change the verdict)" if "caveat" in str(mine.iloc[0]["verdict_note"]) else
                    f"{given} leaves out {_sname(source_id)}'s check, which is also 'consistent'")
    return None


_number(
    "nb02_leery_consistent", "02",
    "The course checks Stratfor's forecast that Russia would be 'leery' of depending on the bloc against later reports. "
    "How many of those checks have the verdict 'consistent'?",
    "notebook 02, 'Checking the forecast against 2022' (data/forecast_checks.csv, claim sf_russia_leery)",
    correct=lambda: int((_leery_checks()["verdict"].astype(str) == "consistent").sum()),
    why=lambda: "The checks: " + "; ".join(f"{_sname(s)}, {_q(q)}: {str(v).replace('_', ' ')}"
                                           for s, q, v in zip(_leery_checks()["source_id"], _leery_checks()["quote"], _leery_checks()["verdict"])) + ".",
    wrong=_nb02_leery_wrong,
)


def _seed_sentence(source_id: str, words: str) -> str:
    """The sentence of a seed text that holds ``words`` (as printed), for feedback that shows the context."""
    text = " ".join(source_text(source_id).split())
    at = normalise(text).find(normalise(words))
    if at < 0:
        return words
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    return text[start:end + 1 if end >= 0 else len(text)].strip()


def _nb02_jurisdiction_options() -> list[Option]:
    sentence = _seed_sentence("evstratov2022", "not part of the official jurisdiction of the CSTO")
    status = membership_status(2022).set_index("iso3")["status"]
    aze = status.get("AZE", "not a member")
    withdrew = _seed_change("AZE", "withdrew")
    return [
        Option("Also on Armenia's internationally recognised territory", source_says("evstratov2022", "internationally recognized territory of Armenia"),
               f"Evstratov: {_q(sentence)}"),
        Option("Only inside Nagorno-Karabakh", not source_says("evstratov2022", "has long not been localized in Nagorno-Karabakh"),
               "he writes that the conflict 'has long not been localized in Nagorno-Karabakh'"),
        Option("Inside Azerbaijan, a member of the bloc", aze == "member",
               f"by the course data Azerbaijan is a {aze} at the end of 2022" + (f" (Stratfor: {_q(withdrew['quote'])})" if withdrew is not None else "")),
        Option("On the Kyrgyz–Tajik border", False,
               f"that is the other 2022 conflict among Evstratov's 'trials': {_q(_claim('ev_trials')['quote'])}"),
    ]


_choice(
    "nb02_nk_jurisdiction", "02",
    "Evstratov notes that Nagorno-Karabakh 'is not part of the official jurisdiction of the CSTO'. Where, in his account, was the Armenian–Azerbaijani conflict being fought in 2022?",
    "notebook 02, 'September 2022: Armenia' (the Evstratov seed; data/claims.csv, ev_nk_outside_jurisdiction)",
    _nb02_jurisdiction_options,
)


def _event(event_id: str) -> pd.Series:
    events = _events().set_index("event_id")
    if event_id not in events.index:
        raise KeyError(f"the quiz needs event {event_id!r}, which data/events.csv lacks")
    return events.loc[event_id]


def _nb02_deals_options() -> list[Option]:
    deals = _event("ev_2016_bilateral_deals")
    neutrality = _event("ev_2016_04_nk_neutrality")
    summit = _event("ev_2016_12_summit")
    maidan = _event("ev_2014_euromaidan")
    vague = str(deals["date_precision"]) == "period"
    return [
        Option(f"No month is given: 'in the past few months' before {_pub(deals['source_id'])}", vague,
               f"Stratfor: {_q(deals['quote'])} The data reads it as {deals['when']}: {_sentence(str(deals['date_note']))}"),
        Option(neutrality["when"], not vague and deals["when"] == neutrality["when"],
               f"{neutrality['when']} ('last April') is when Stratfor says the Kremlin adopted neutrality in the Nagorno-Karabakh fighting"),
        Option(summit["when"], not vague and deals["when"] == summit["when"],
               f"{summit['when']} is the summit at which, Stratfor says, the members failed a second time to appoint a successor"),
        Option(maidan["when"], not vague and deals["when"] == maidan["when"],
               f"{maidan['when']} is the date of another of Stratfor's events: {maidan['title']}"),
    ]


_choice(
    "nb02_bilateral_deals_when", "02",
    "When, according to Stratfor, did Moscow sign its new military cooperation deals with Belarus, Armenia, Kazakhstan and Tajikistan?",
    "notebook 02 (data/events.csv, ev_2016_bilateral_deals, columns 'date' and 'date_note')",
    _nb02_deals_options,
)


# ===========================================================================================================
# Notebook 03: Kazakhstan, January 2022
# ===========================================================================================================

def _nb03_reporters() -> list[str]:
    return _crisis_reporters("kaz_2022")


def _nb03_silent_why() -> str:
    crisis_start = _crises().loc["kaz_2022", "start"]
    sources = _sources()
    parts = []
    for s in source_order():
        if s in _nb03_reporters():
            continue
        if sources.loc[s, "end"] < crisis_start:
            parts.append(f"{_dated(_sname(s), _pub(s))} predates it")
        else:
            parts.append(f"{_sname(s)} ({_pub(s)}) does not mention it")
    return "; ".join(parts)


_number(
    "nb03_sources_mention", "03",
    "How many of the five course sources mention the January 2022 mission in Kazakhstan?",
    "notebook 03, 'What the two sources say' (data/events.csv and data/crisis_responses.csv, crisis kaz_2022)",
    correct=lambda: len(_nb03_reporters()),
    why=lambda: f"Only {_and([_sname(s) for s in _nb03_reporters()])} mention it; {_nb03_silent_why()}.",
    wrong=lambda given: (f"only {_and([_sname(s) for s in _nb03_reporters()])} mention it: {_nb03_silent_why()}"
                         if isinstance(given, (int, float)) and 0 <= given <= len(load("sources")) else None),
)


def _kaz_context() -> pd.DataFrame:
    events = _context(_events())
    return events[events["crisis_id"] == "kaz_2022"].sort_values("start", kind="stable")


def _nb03_request_options() -> list[Option]:
    context = _kaz_context()
    mission = _seed(_events())
    mission = mission[(mission["crisis_id"] == "kaz_2022") & (mission["source_id"] == "mitchell2026")]
    options = []
    context = context[context["date_precision"].astype(str).isin(["day", "period"])]
    for row in context.itertuples():
        right = str(row.kind) == "request"
        why = (f"{row.title}: {row.when} ({labels.citation(row.citation_id)}). No course source names who asked, or when"
               if right else f"{row.when}: {row.title}")
        options.append(Option(row.when, right, why))
    if len(mission):
        m = mission.iloc[0]
        options.append(Option(f"{m['when']}, as Mitchell reports", False,
                              f"Mitchell gives only the month of the mission ({_q(m['quote'])}) and does not say who asked"))
    return options


_choice(
    "nb03_request_day", "03",
    "On what day did President Tokayev ask the CSTO for help, and where does that day come from?",
    "notebook 03, 'Background rows, marked and cited' (data/events.csv, origin 'context')",
    _nb03_request_options,
    ordered=True,
)


def _nb03_gap_parts() -> tuple[pd.Series, pd.Series]:
    context = _kaz_context()
    first = context[(context["kind"].astype(str) == "deployment") & (context["date_precision"].astype(str) == "day")].iloc[0]
    events = _context(_events())
    war = events[events["kind"].astype(str) == "war"].sort_values("start").iloc[0]
    return first, war


def _nb03_gap_wrong(given: object) -> str | None:
    _, war = _nb03_gap_parts()
    for row in _kaz_context().itertuples():
        for end_name, day in (("start", row.start), ("end", row.end)):
            days = int((war["start"] - day).days)
            if days == given and days != int((war["start"] - _nb03_gap_parts()[0]["start"]).days):
                label = "the planned end of" if end_name == "end" and row.start != row.end else ""
                return f"{days} days counts from {label or 'the day of'} '{row.title}' ({row.when}), not from the first troops' arrival"
    return None


_number(
    "nb03_days_first_troops_to_war", "03",
    "Using the background dates, how many days passed from the arrival of the first CSTO troops in Kazakhstan to the start of the war in Ukraine?",
    "notebook 03, '\"Just over a month\": background arithmetic' (data/events.csv, origin 'context')",
    correct=lambda: int((_nb03_gap_parts()[1]["start"] - _nb03_gap_parts()[0]["start"]).days),
    why=lambda: (f"From {_nb03_gap_parts()[0]['when']} ({_nb03_gap_parts()[0]['title']}) to {_nb03_gap_parts()[1]['when']} "
                 f"({_nb03_gap_parts()[1]['title']}). This is background arithmetic, the course's own: Mitchell writes only "
                 f"'{_figure('mi_kaz_to_invasion')['value_text']}' and gives no day."),
    wrong=_nb03_gap_wrong,
)


def _nb03_troops() -> pd.DataFrame:
    figures = load("figures")
    troops = figures[(figures["metric"] == "troops_deployed") & (figures["iso3"] == "KAZ")]
    return troops


def _nb03_troop_options() -> list[Option]:
    troops = _nb03_troops()
    context, seed = _context(troops), _seed(troops)
    listed = _and([f"{t} ({_publisher(c)})" for t, c in zip(context["value_text"], context["citation_id"])])
    values = [float(v) for v in context["value"].dropna()]
    differ = len(set(values)) > 1
    mean = sum(values) / len(values) if values else 0
    return [
        Option(f"It keeps both side by side: {listed}", differ and seed.empty,
               f"Background, not from the course sources: {_and([labels.citation(c) for c in context['citation_id']])}. "
               "The two differ, and the course keeps both rather than pick one"),
        Option(f"It averages them: {mean:,.0f}", False,
               f"the course keeps both figures ({listed}) rather than pick or average them; both are background"),
        Option(f"It uses the higher figure, {max(values) if values else 0:,.0f}", False,
               f"the course does not choose between {listed}: it shows both"),
        Option("It uses the figure Evstratov gives", not seed[seed["source_id"] == "evstratov2022"].empty,
               (f"no course source gives a troop number: all {len(troops)} troop rows are background" if seed.empty
                else f"the course-source troop rows are from {_and([_sname(s) for s in seed['source_id']])}")),
    ]


_choice(
    "nb03_troop_figures", "03",
    "Two background reports give different totals for the troops of the Kazakhstan mission. What does the course do with them?",
    "notebook 03, 'Two troop figures, side by side' (data/figures.csv, metric 'troops_deployed')",
    _nb03_troop_options,
)


def _kaz_quote(source_id: str) -> str | None:
    accounts = _accounts()
    accounts = accounts[(accounts["crisis_id"] == "kaz_2022") & (accounts["source_id"] == source_id)]
    if len(accounts):
        return accounts.iloc[0]["quote"]
    rows = _seed(_events())
    rows = rows[(rows["crisis_id"] == "kaz_2022") & (rows["source_id"] == source_id)]
    return rows.iloc[0]["quote"] if len(rows) else None


def _nb03_effective_options() -> list[Option]:
    claim = _claim("ev_only_effective_kazakhstan")
    kind, source = str(claim["kind"]), claim["source_id"]
    crisis_start = _crises().loc["kaz_2022", "start"]
    options = []
    for k, s in (("judgement", "evstratov2022"), ("fact", "evstratov2022"), ("fact", "mitchell2026"), ("forecast", "stratfor2017")):
        right = (k, s) == (kind, source)
        if right:
            why = f"{_sname(s)} ({_pub(s)}): {_q(claim['quote'])}. The course files it as a {kind}: {KIND_MEANING[kind]}"
        elif s != source:
            if _sources().loc[s, "end"] < crisis_start:
                why = f"{_sname(s)} was written on {_pub(s)}, before the mission"
            elif _kaz_quote(s):
                why = f"{_sname(s)} mentions the mission only as {_q(_kaz_quote(s))}"
            else:
                why = f"{_sname(s)} does not mention the mission"
        else:
            why = f"the words are {_sname(source)}'s, but the course files them as a {kind} ({KIND_MEANING[kind]}), not a {k}"
        options.append(Option(f"A {k} by {_sname(s).split()[0]}", right, why))
    return options


_choice(
    "nb03_only_effective_whose", "03",
    "\"The bloc's response was only truly effective in the winter of 2022 in Kazakhstan\": what kind of claim is this, and whose?",
    "notebook 03, 'Evstratov: \"only truly effective\"' (data/claims.csv)",
    _nb03_effective_options,
)


def _nb03_verdict_options() -> list[Option]:
    checks = _leery_checks()
    chosen = checks[(checks["source_id"] == "evstratov2022") & checks["quote"].str.contains("Kazakhstan")]
    return _verdict_options(chosen.iloc[0])


_choice(
    "nb03_leery_kazakhstan_verdict", "03",
    "Stratfor forecast in 2017 that Russia would be 'leery' of depending on the bloc in members' own crises. "
    "What verdict does the course give when it checks this against Evstratov's account of Kazakhstan?",
    "notebook 03, 'Difference 3: Russia's interest' (data/forecast_checks.csv)",
    _nb03_verdict_options,
    ordered=True,
)


def _nb03_left_out_options() -> list[Option]:
    seed = _seed(_events())
    seed = seed[seed["crisis_id"] == "kaz_2022"]
    troops = _seed(_nb03_troops())
    whens = "; ".join(f"{_sname(s)}: {w}" for s, w in dict(zip(seed["source_id"], seed["when"])).items())
    withdraw = seed[seed["quote"].str.contains("withdraw", case=False) | seed["title"].str.contains("withdraw", case=False)]
    collective = seed[seed["quote"].str.contains("collective", case=False)]
    return [
        Option("How many troops took part", troops.empty,
               (f"neither gives a number; the two totals ({_and(list(_context(_nb03_troops())['value_text']))}) are background"
                if troops.empty else f"{_and([_sname(s) for s in troops['source_id']])} gives one")),
        Option("When it happened (a month or a season)", seed.empty,
               f"both give a month or a season: {whens}"),
        Option("That the troops withdrew", withdraw.empty,
               f"Evstratov reports it: {_q(withdraw.iloc[0]['quote'])}" if len(withdraw) else "neither mentions the withdrawal"),
        Option("That member countries took part together", collective.empty,
               f"Evstratov reports it: {_q(collective.iloc[0]['quote'])}" if len(collective) else "neither mentions it"),
    ]


_choice(
    "nb03_left_out", "03",
    "Which of these do both course sources on the Kazakhstan mission (Evstratov and Mitchell) leave out?",
    "notebook 03, 'What our sources do not tell us' (csto.lessons.gaps.crisis_gaps('kaz_2022'))",
    _nb03_left_out_options,
)


# ===========================================================================================================
# Notebook 04: the war in Ukraine and the strains on the bloc
# ===========================================================================================================



def _war_start() -> pd.Timestamp:
    events = _context(load("events"))
    return events[events["kind"].astype(str) == "war"]["start"].min()


def _nb04_stretched_options() -> list[Option]:
    events = _seed(_events())
    wars = events[(events["source_id"] == "stratfor2017") & (events["kind"].astype(str) == "war") & (events["start"].dt.year == 2014)]
    wars = wars.sort_values("start", kind="stable")
    places = [str(p) for p in wars["place"]]
    right = ", then ".join(places)
    claim = _claim("sf_2014_stretched_thin")
    neutrality = _event("ev_2016_04_nk_neutrality")
    kaz = _crises().loc["kaz_2022"]
    georgia = _seed(_membership())
    georgia = georgia[(georgia["iso3"] == "GEO") & (georgia["source_id"] == "stratfor2017")]
    georgia_wars = events[(events["source_id"] == "stratfor2017") & (events["kind"].astype(str) == "war")
                          & (events["place"].fillna("").str.contains("Georgia") | events["title"].str.contains("Georgia"))]
    first = places[0] if places else "Ukraine"
    options = [
        Option(_cap(right), True, f"Stratfor: {_q(claim['quote'])}"),
        Option(_cap(f"{first}, then Nagorno-Karabakh"), right == f"{first}, then Nagorno-Karabakh",
               f"for Nagorno-Karabakh Stratfor reports the Kremlin's neutrality ({neutrality['when']}): {_q(neutrality['quote'])}"),
        Option("Kazakhstan, then Ukraine", right == "Kazakhstan, then Ukraine",
               f"the mission in Kazakhstan came in {kaz['when']}, after Stratfor wrote ({_pub('stratfor2017')})"),
        Option("Georgia, then Ukraine", right == "Georgia, then Ukraine",
               f"Stratfor's rows on Georgia are about the bloc's membership ("
               f"{_and([_change_words(c) + ' ' + w for c, w in zip(georgia['change'], georgia['when'])])})"
               + ("; none of the conflicts it reports is in Georgia" if georgia_wars.empty else "")),
    ]
    return options


_choice(
    "nb04_stretched_thin", "04",
    "Stratfor wrote in 2017 that after the 2014 Euromaidan uprising Moscow's involvement in two conflicts was 'stretching its military capacity thin'. Which two, in order?",
    "notebook 04 (data/events.csv, Stratfor's rows for 2014; data/claims.csv, sf_2014_stretched_thin)",
    _nb04_stretched_options,
)


def _nb04_reevaluate_options() -> list[Option]:
    events = _seed(load("events"))
    event = events[events["quote"].str.contains("re-evaluate", na=False) & (events["source_id"] == "stratfor2017")].iloc[0]
    links = load("event_countries")
    named = set(links.loc[links["event_id"] == event["event_id"], "iso3"])
    deals = _figure("sf_new_military_deals")
    options = []
    for pair in (("BLR", "ARM"), ("KAZ", "TJK"), ("BLR", "KAZ"), ("ARM", "KGZ")):
        right = set(pair) == named
        if right:
            why = f"Stratfor: {_q(event['quote'])}"
        else:
            missing = [i for i in pair if i not in named]
            in_deals = [i for i in missing if _cname(i) in str(deals["value_text"])]
            why = (f"Stratfor does not name {_and([_cname(i) for i in missing])} here; it names "
                   f"{_and([_cname(i) for i in sorted(named)])}: {_q(event['quote'])}")
            if in_deals:
                why += (f". {_and([_cname(i) for i in in_deals])} appear(s) elsewhere in Stratfor, among the states of "
                        f"Moscow's new military cooperation deals: {_q(deals['quote'])}")
        options.append(Option(f"{_cname(pair[0])} and {_cname(pair[1])}", right, why))
    return options


_choice(
    "nb04_reevaluate_west", "04",
    "Which two CSTO members, according to Stratfor, began to re-evaluate their ties with the West after 2014?",
    "notebook 04 (data/events.csv, ev_2014_blr_arm_reevaluate_west; data/event_countries.csv)",
    _nb04_reevaluate_options,
)


def _nb04_blow_options() -> list[Option]:
    claim = _claim("afp_major_blow")
    text = source_text("afp2022")
    voices = _voice_of("afp2022", claim["quote"])
    at = text.find(claim["quote"].rstrip("."))
    quoted = at >= 0 and inside_quotation(text, at)
    own = not voices and not quoted
    options = [Option("AFP's own words, the report's voice", own,
                      (f"{_q(claim['quote'])} stands outside quotation marks and no one is quoted for it: it is the report's own "
                       f"{claim['kind']}" if own else f"the words belong to {_and(voices) if voices else 'someone'} AFP quotes"),
                      also=("afp", "afp2022", "the report"))]
    rows = _speaker_words()
    rows = rows[rows["source_id"] == "afp2022"]
    position = normalise(text).find(normalise(claim["quote"]))
    for person_id in ("aslan", "giragosian", "lukashenko"):
        person = _person(person_id)
        if person is None:
            continue
        mine = rows[rows["speaker_id"] == person_id]
        right = person["name_standard"] in voices
        if mine.empty:
            why = f"AFP quotes no words of {person['name_standard']}"
        else:
            first = mine.iloc[0]["words"]
            gap = normalise(text).find(normalise(first)) - position
            near = "Right after that sentence" if 0 < gap < 200 else "Elsewhere in the report"
            why = f"{near}, AFP quotes {person['name_standard']}: {_q(first)}"
        options.append(Option(f"{person['name_standard']}, quoted by AFP", right, why, also=(person["name_standard"].split()[-1],)))
    return options


_choice(
    "nb04_major_blow_voice", "04",
    "\"Moscow has been dealt a major blow in what remains its immediate sphere of influence.\" Whose words are these in the AFP report?",
    "notebook 04, 'A view from Ankara' (data/claims.csv, afp_major_blow; data/quotes.csv)",
    _nb04_blow_options,
)


def _nb04_spared_options() -> list[Option]:
    war = _war_start()
    choices = [("mi_sacrifice_attention", None), ("ev_russia_hands_tied", None), ("afp_lukashenko_image_pressure", None),
               ("sf_2014_stretched_thin", war)]
    options = []
    for claim_id, before in choices:
        claim = _claim(claim_id)
        s = claim["source_id"]
        right = source_says("mitchell2026", claim["quote"])
        if right:
            why = f"Mitchell ({_pub(s)}): {_q(claim['quote'])}. He reports a cost to the bloc, not to the members he says were spared"
        elif before is not None and _sources().loc[s, "start"] < before:
            why = f"that is {_sname(s)} ({_pub(s)}), on the years after 2014, before the war of 2022"
        else:
            voices = _voice_of(s, claim["quote"])
            who = f"{_sname(s)}, citing {_and(voices)}" if voices else _sname(s)
            why = f"that is {who} ({_pub(s)}), not Mitchell"
        options.append(Option(_q(claim["quote"]), right, why))
    return options


_choice(
    "nb04_spared_sacrifice", "04",
    "Mitchell writes that 'most of the member states have been spared from participating in the war in Ukraine'. Which of these sentences is his account of what the war has cost the bloc?",
    "notebook 04 (the Mitchell seed; data/claims.csv, topic 'ukraine_war')",
    _nb04_spared_options,
)


def _nb04_pale_options() -> list[Option]:
    first, second = _claim("mi_exports_pale"), _claim("mi_more_pressing_priorities")
    k1, k2 = str(first["kind"]), str(second["kind"])
    options = []
    for a, b in (("fact", "judgement"), ("fact", "fact"), ("judgement", "judgement"), ("forecast", "fact")):
        right = (a, b) == (k1, k2)
        if right:
            why = (f"The course files {_q(first['quote'])} as a {k1} and {_q(second['quote'])} as a {k2}: the second draws "
                   f"a conclusion from the first ('This demonstrates'). A {k2} is {KIND_MEANING[k2]}")
        else:
            parts = []
            for place, chosen, kind, claim in (("first", a, k1, first), ("second", b, k2, second)):
                if chosen == kind:
                    parts.append(f"the {place} is indeed a {kind}")
                else:
                    parts.append(f"the {place} is not a {chosen} ({KIND_MEANING[chosen]}): the course files "
                                 f"{_q(claim['quote'])} as a {kind}")
            why = "; ".join(parts)
        options.append(Option(f"First a {a}, then a {b}", right, why))
    return options


_choice(
    "nb04_exports_pale_kinds", "04",
    "Mitchell writes that the amount of arms exports to Central Asian states 'pales in comparison to the amount sent to China, India, and other countries', "
    "then: 'This demonstrates that Moscow has more pressing geopolitical priorities than CSTO and Central Asia.' What kinds of claim are these two, in the course's reading?",
    "notebook 04, 'Arms: Mitchell's numbers' and notebook 05 (data/claims.csv, mi_exports_pale and mi_more_pressing_priorities)",
    _nb04_pale_options,
)


def _nb04_percent_options() -> list[Option]:
    figures = _with_labels(_seed(load("figures")))
    figures = figures[(figures["unit"] == "percent") & (figures["source_id"] == "mitchell2026")]
    from ..data.views import figure_label
    figures = figures.assign(label=figure_label(figures))
    options = []
    for row in figures.itertuples():
        right = row.iso3 == "KAZ" and "90" in str(row.value_text)
        why = (f"Mitchell: {_q(row.quote)}. A share of one country's imports is not a change in exports: the two kinds of number cannot be subtracted"
               if right else f"that is what Mitchell's {row.value_text} measures ({row.label})")
        options.append(Option(row.label, right, why))
    return options


_choice(
    "nb04_percent_measures", "04",
    "What does Mitchell's 'nearly 90 percent' for Kazakhstan measure?",
    "notebook 04, 'Arms: Mitchell's numbers' (data/figures.csv, unit 'percent')",
    _nb04_percent_options,
    ordered=True,
)


def _nb04_putin_row() -> pd.Series:
    rows = _speaker_words()
    rows = rows[rows["words"].str.contains("capabilities for some components", na=False)]
    return rows.iloc[0]


def _nb04_putin_options() -> list[Option]:
    row = _nb04_putin_row()
    speaker, source = row["speaker"], row["source_id"]
    lukashenko = _speaker_words()
    lukashenko = lukashenko[lukashenko["speaker_id"] == "lukashenko"]
    text = source_text(source)
    position = text.find(row["words"][:40])
    inside = position >= 0 and inside_quotation(text, position + 1)
    return [
        Option(f"{speaker}, quoted by {_sname(source)}", True,
               f"{_sname(source)} quotes {speaker} answering questions at the summit: {_q(row['quote'])}",
               also=(speaker, _surname(speaker))),
        Option(f"{_sname(source).split()[0]}'s own words", False,
               ("the words stand inside quotation marks in the text: " if inside else "they are given to a speaker: ")
               + f"{_sname(source)} quotes {speaker}"),
        Option("Evstratov's", source_says("evstratov2022", row["words"]),
               f"the words are not in Evstratov's text, though he writes 'special operation' {count_in('evstratov2022', 'special operation')} times"),
        Option("Lukashenko, quoted by AFP", False,
               f"AFP quotes Lukashenko as saying {_q(lukashenko.iloc[0]['words'])}" if len(lukashenko) else "AFP quotes no such words of Lukashenko"),
    ]


_choice(
    "nb04_putin_capabilities_words", "04",
    lambda: f"{_q(_nb04_putin_row()['words'])} Whose words are these?",
    "notebook 04, 'Putin's admission' (data/quotes.csv)",
    _nb04_putin_options,
)


def _nb04_budget_options() -> list[Option]:
    claim = _claim("ev_us_budget_afghan_border")
    mainly = re.split(r"mainly concerns\s+", claim["quote"], maxsplit=1)[-1].strip()
    sentence = _seed_sentence("evstratov2022", claim["quote"])
    figure = _figure("ev_us_dod_budget")
    equipment = _claim("ev_us_equipment_monopoly")
    region = load("countries").set_index("iso3").loc["ARM", "region"]
    return [
        Option(_cap(mainly), normalise(f"mainly concerns {mainly}") in normalise(sentence), f"Evstratov: {_q(sentence)}"),
        Option("Air equipment for Central Asian armies", False,
               f"air equipment is Evstratov's example of what the regional players receive from the US, after a 'but': {_q(equipment['quote'])}"),
        Option("Funding for the CSTO itself", False,
               f"the budget is for programmes with the countries, not the bloc: {_q(figure['quote'])}"),
        Option("Military cooperation with Armenia", False,
               f"Evstratov ties the {figure['value_text']} to 'the post-Soviet countries of Central Asia'; Armenia is in the {region} (data/countries.csv)"),
    ]


_choice(
    "nb04_usd_500m_mainly", "04",
    "Evstratov reports that in 2022 the US Department of Defense budgeted $500 million for military cooperation with Central Asian countries. What does he say it 'mainly' concerns?",
    "notebook 04, 'Outside powers' (data/figures.csv, ev_us_dod_budget; data/claims.csv, ev_us_budget_afghan_border)",
    _nb04_budget_options,
)


# ===========================================================================================================
# Notebook 05: reading the sources
# ===========================================================================================================

def _nb05_operation_wrong(given: object) -> str | None:
    total = count_in("evstratov2022", "operation")
    special = count_in("evstratov2022", "special operation")
    if given == total and total != special:
        others = term_in_context("operation", ["evstratov2022"])
        others = others[~others["before"].str.lower().str.endswith("special")]
        example = f" (…{others.iloc[0]['before'][-30:]} {others.iloc[0]['term']} {others.iloc[0]['after'][:30]}…)" if len(others) else ""
        return f"{total} counts every 'operation'; {total - special} of them is not 'special operation'{example}"
    smo = term_in_context("special military operation", ["mitchell2026"])
    if given == len(smo) and len(smo):
        where = "inside a quotation of Putin" if bool(smo["in a quotation"].all()) else "in his text"
        return f"{given} is Mitchell's 'special military operation', {where}; the question asks about Evstratov"
    return None


_number(
    "nb05_special_operation_count", "05",
    "How many times does Evstratov write 'special operation' (as a phrase, in any case)?",
    "notebook 05, 'Words carry viewpoints' (csto.lessons.source_criticism.term_counts)",
    correct=lambda: count_in("evstratov2022", "special operation"),
    why=lambda: (f"Evstratov writes 'special operation' {count_in('evstratov2022', 'special operation')} times, and 'war' "
                 f"{count_in('evstratov2022', 'war')} times, 'invasion' {count_in('evstratov2022', 'invasion')} times. A word "
                 "signals a viewpoint, or the norms of where a text is published; it is not proof of an opinion."),
    wrong=_nb05_operation_wrong,
)


def _afp_judgements() -> pd.DataFrame:
    claims = load("claims")
    return claims[(claims["source_id"] == "afp2022") & (claims["kind"].astype(str) == "judgement")]


def _nb05_relayed_wrong(given: object) -> str | None:
    claims = load("claims")
    everything = int((claims["source_id"] == "afp2022").sum())
    own = len(_afp_judgements()) - len(relayed_judgements("afp2022"))
    if given == len(_afp_judgements()):
        return f"{given} is all of AFP's judgements; {own} of them are the report's own"
    if given == own:
        return f"{given} is how many of AFP's judgements are the report's own; the question asks for the relayed ones"
    if given == everything:
        return f"{given} counts all of AFP's claims, of every kind"
    return None


_number(
    "nb05_afp_relayed", "05",
    "How many of AFP's judgements does the course count as relayed from people or papers the report quotes, not the report's own?",
    "notebook 05, 'Facts, judgements, forecasts, scenarios' (csto.lessons.source_criticism.relayed_judgements('afp2022'))",
    correct=lambda: len(relayed_judgements("afp2022")),
    why=lambda: (f"{len(relayed_judgements('afp2022'))} of AFP's {len(_afp_judgements())} judgements open with someone else's name, "
                 f"e.g. {_q(relayed_judgements('afp2022').iloc[0]['claim'])}. A judgement reported is not the reporter's judgement."),
    wrong=_nb05_relayed_wrong,
)

_choice(
    "nb05_not_doomed_kind", "05",
    "Stratfor writes: 'This is not to say that the CSTO is doomed to become irrelevant or collapse outright.' What kind of claim does the course file it as?",
    "notebook 05, 'Facts, judgements, forecasts, scenarios' (data/claims.csv, sf_not_doomed)",
    lambda: _kind_options("sf_not_doomed"),
    ordered=True,
)

_choice(
    "nb05_promised_post_shift", "05",
    "Stratfor writes that Russia 'allegedly promised an Armenian representative Bordyuzha's post'. The Indonesian text has 'Rusia mendukujng Armenia untuk memimpin blok ini'. What shift does the course record?",
    "notebook 05, 'A rumour becomes a statement' (data/translation_pairs.csv, tp_43_armenian_promised_post)",
    lambda: _shift_options("tp_43_armenian_promised_post"),
    ordered=True,
)


def _nb05_rahmon_options() -> list[Option]:
    context = _context(_events())
    sco = context[(context["kind"].astype(str) == "summit") & context["title"].str.contains("SCO")].iloc[0]
    rahmon = context[context["title"].str.contains("Rahmon")]
    r = rahmon.iloc[0] if len(rahmon) else None
    sco_city = str(sco["place"]).split(",")[0].strip()
    r_city = str(r["place"]).split(",")[0].strip() if r is not None else None
    return [
        Option(f"The SCO summit met in {sco_city}, and background places Rahmon's 'we want respect' remarks in {r_city}",
               sco_city != "Tashkent" and r is not None and r_city != "Tashkent",
               f"Background, not from the course sources: {sco['title']}, {sco['when']} ({_publisher(sco['citation_id'])}); "
               + (f"{r['title']}, {r['when']} ({_publisher(r['citation_id'])})" if r is not None else "")
               + ". Whether Evstratov means those remarks is the course's inference"),
        Option("Evstratov has both right: Rahmon spoke at the SCO summit in Tashkent", sco_city == "Tashkent" and r_city == "Tashkent",
               f"background puts the 2022 SCO summit in {sco['place']} ({sco['when']}, {_publisher(sco['citation_id'])})"),
        Option(f"The SCO summit met in Tashkent, but Rahmon spoke in {r_city or 'another city'}", sco_city == "Tashkent" and r_city != "Tashkent",
               f"background puts the 2022 SCO summit in {sco_city}, not in Tashkent"),
        Option("Background shows that Rahmon never criticised Russia", False,
               "background only places his 'we want respect' remarks; it does not say whether he criticised Russia anywhere else"),
    ]


_choice(
    "nb05_rahmon_setting", "05",
    "Evstratov writes that Tajikistan's president criticised Russia 'at the Tashkent SCO summit'. What do the background rows the course cites say about that setting?",
    "notebook 05, 'Checking a claim's setting' (data/events.csv, origin 'context'; data/corrections.csv)",
    _nb05_rahmon_options,
)


def _nb05_afp_date_options() -> list[Option]:
    row = _sources().loc["afp2022"]
    basis, note = str(row["date_basis"]), str(row["date_note"])
    first = note.split(". ")[0].rstrip(".")
    with_background = "background" in note
    clue = next((s for s in re.split(r"(?<=[.;]) ", note) if "background" in s), note)
    return [
        Option(f"Inferred, with the help of one background date: {_pub('afp2022')}", basis == "inferred" and with_background,
               f"The course's reasoning: {note}"),
        Option("Stated: the report prints its date", basis == "stated", f"{first} (date basis: {basis}): the course infers it"),
        Option("Inferred from the text alone, with no background", basis == "inferred" and not with_background,
               f"the clue needs a background date: {clue}"),
        Option("It cannot be dated at all", not isinstance(row["published"], str),
               f"the course dates it to {_pub('afp2022')}: {clue}"),
    ]


_choice(
    "nb05_afp_date_basis", "05",
    "How does the course date the AFP report?",
    "notebook 05, 'When was it written?' (data/sources.csv, columns 'date_basis' and 'date_note')",
    _nb05_afp_date_options,
)


def _evstratov_checks() -> pd.DataFrame:
    checks = load("forecast_checks").merge(load("claims")[["claim_id", "source_id"]].rename(columns={"source_id": "forecaster"}), on="claim_id")
    return checks[checks["forecaster"] == "evstratov2022"]


def _nb05_untestable_wrong(given: object) -> str | None:
    checks = _evstratov_checks()
    if given == len(checks):
        return f"{given} is how many checks Evstratov's forecasts and scenarios have in all"
    for verdict, n in checks["verdict"].astype(str).value_counts().items():
        if n == given and verdict != "not_yet_testable":
            return f"{given} is the number of Evstratov's checks with the verdict '{verdict.replace('_', ' ')}'"
    return None


_number(
    "nb05_evstratov_untestable", "05",
    "How many of the course's checks of Evstratov's forecasts and scenarios have the verdict 'not yet testable'?",
    "notebook 05, 'Evstratov's forecast, read against Mitchell', and the table of all thirty checks (data/forecast_checks.csv)",
    correct=lambda: int((_evstratov_checks()["verdict"].astype(str) == "not_yet_testable").sum()),
    why=lambda: (f"{int((_evstratov_checks()['verdict'].astype(str) == 'not_yet_testable').sum())} of his "
                 f"{len(_evstratov_checks())} checks. A later source's silence is not proof that something did not happen."),
    wrong=_nb05_untestable_wrong,
)


def _first_name(person_id: str) -> str:
    return str(load("people").set_index("person_id").loc[person_id, "name_standard"]).split()[0]


def _correction_for(person_id: str) -> pd.Series | None:
    corrections = load("corrections")
    surname = str(load("people").set_index("person_id").loc[person_id, "name_standard"]).split()[-1]
    rows = corrections[(corrections["error_kind"].astype(str) == "name") & corrections["as_written"].str.contains(surname)]
    return rows.iloc[0] if len(rows) else None


def _name_wrong(person_id: str) -> Callable[[object], str | None]:
    def wrong(given: object) -> str | None:
        row = _correction_for(person_id)
        if row is None:
            return None
        written = str(row["as_written"]).split()[0]
        if normalise(written) in normalise(str(given)).split():
            return (f"'{written}' is how {_sname(row['source_id'])} writes it ({_q(row['quote'])}); the course's correction, "
                    f"from background ({_publisher(row['correction_citation_id'])}), gives another spelling")
        return None
    return wrong


def _name_transliterated(person_id: str) -> Callable[[object], str | None]:
    """A note for an answer that is another English transliteration of the right name ('Dmitri' for 'Dmitry'): right,
    since a name written in another alphabet has several, unless it is the form the source itself misprints."""
    def also(given: object) -> str | None:
        row = _correction_for(person_id)
        if row is not None and normalise(str(row["as_written"]).split()[0]) in normalise(str(given)).split():
            return None
        correct = _first_name(person_id)
        typed = re.findall(r"[\w-]+", str(given))
        close = [w for w in typed if difflib.SequenceMatcher(None, w.lower(), correct.lower()).ratio() >= 0.7]
        if close and close[0].lower() != correct.lower():
            return (f"'{close[0]}' is another English transliteration of the same name, and a transliteration is not an "
                    f"error; the course writes '{correct}'")
        return None
    return also


def _name_why(person_id: str) -> str:
    row = _correction_for(person_id)
    name = load("people").set_index("person_id").loc[person_id, "name_standard"]
    if row is None:
        return f"The course's standard spelling is {name} (data/people.csv)."
    return (f"{_sname(row['source_id'])} writes '{row['as_written']}'; the correction, background not from the course sources, "
            f"reads: {_sentence(str(row['correction']))} ({labels.citation(row['correction_citation_id'])})")


def _corrected_first_name(qid: str, notebook: str, prompt: str, where: str, person_id: str) -> None:
    """A question on a first name a source misprints: right is the course's correction, or another transliteration
    of it; the source's own form gets the correction and its citation."""
    _name(qid, notebook, prompt, where, correct=lambda: _first_name(person_id), why=lambda: _name_why(person_id),
          wrong=_name_wrong(person_id), also=_name_transliterated(person_id))


_corrected_first_name(
    "nb05_simonyan_first_name", "05",
    "Evstratov writes 'Alain Simonyan' for the speaker of Armenia's parliament. What is his first name, as the course's correction gives it?",
    "notebook 05, 'Errors found by cross-checking' (data/corrections.csv, data/people.csv)",
    "simonyan",
)


# ===========================================================================================================
# Notebook 06: the course-wide review (the sixteen questions of earlier releases; ids kept)
# ===========================================================================================================

_number(
    "q01_first_two_years", "06",
    "According to Stratfor (2017), how many states did the bloc grow to in its first two years?",
    "notebook 01, the membership table (data/membership.csv, rows 'joined')",
    correct=lambda: len(_joined_first_two_years()),
    why=lambda: f"Stratfor: {_q(_joined_quote())}.",
    wrong=lambda given: {
        len(_listed("evstratov2022")): f"that is how many members Evstratov names in autumn 2022 ({_and([_cname(i) for i in _listed('evstratov2022')])})",
        len(_withdrawn_by_1999()): "that is how many had withdrawn by 1999, not how many joined",
    }.get(given),
)


def _q02_options() -> list[Option]:
    withdrew = _seed(_membership())
    withdrew = withdrew[withdrew["change"] == "withdrew"]
    quote = withdrew.iloc[0]["quote"] if len(withdrew) else ""
    gone = _withdrawn_by_1999()
    options = []
    for iso3 in sorted(gone) + ["ARM"]:
        right = iso3 not in gone
        why = (f"{_cname(iso3)} is not among the three: {_q(quote)}. Stratfor still calls it a member after 2014"
               if right else f"{_cname(iso3)} is one of the three Stratfor says had withdrawn by 1999: {_q(quote)}")
        options.append(Option(_cname(iso3), right, why, also=(iso3,)))
    return options


_choice(
    "q02_stayed_after_1999", "06",
    "Stratfor says three members had withdrawn by 1999. Which of these states was NOT one of them?",
    "notebook 01, the membership table (data/membership.csv, rows 'withdrew')",
    _q02_options,
)


def _q03_wrong(given: object) -> str | None:
    if given == len(_joined_first_two_years()):
        return "that is the membership of the first two years (1992–1994) in Stratfor's account"
    mitchell = _listed("mitchell2026")
    if given == len(mitchell):
        central = any("most of Central Asia" in q for q in _listed_rows("mitchell2026")["quote"])
        tail = ", and adds 'most of Central Asia' without names" if central else ""
        return f"that is how many states Mitchell names as members in 2026 ({_and([_cname(i) for i in mitchell])}){tail}"
    return None


_number(
    "q03_members_named_2022", "06",
    "How many member states does Evstratov name in his autumn 2022 article?",
    "notebook 01, the member lists (data/membership.csv, rows 'listed_as_member' for evstratov2022)",
    correct=lambda: len(_listed("evstratov2022")),
    why=lambda: f"Evstratov: {_q(_listed_rows('evstratov2022').iloc[0]['quote'])}.",
    wrong=_q03_wrong,
)


def _q04_options() -> list[Option]:
    accounts = _accounts()
    used = [r for r in labels.value_labels("crisis_responses", "response") if r in set(accounts["response"].astype(str))]
    right_code = str(accounts.set_index(["crisis_id", "source_id"]).loc[("kgz_2010", "stratfor2017"), "response"])
    options = []
    for code in used:
        mine = accounts[accounts["response"].astype(str) == code]
        reports = "; ".join(f"{n}, by {_sname(s)}" for s, n in zip(mine["source_id"], mine["name"]))
        why = (f"Stratfor: {_q(_claim('sf_2010_kgz_declined')['quote'])} Bordyuzha {_q(_claim('sf_2010_domestic_affair')['quote'])}"
               if code == right_code else f"'{_response(code)}' is the response reported for: {reports}")
        options.append(Option(_response(code), code == right_code, why, also=(code,)))
    return options


_choice(
    "q04_response_2010", "06",
    "What did the bloc do when Kyrgyzstan asked its fellow members to intervene in 2010 (as Stratfor reports)?",
    "notebook 02, the response matrix (data/crisis_responses.csv)",
    _q04_options,
    ordered=True,
)


def _q05_wrong(given: object) -> str | None:
    crises = _crises()
    deployed = _crisis_responses()
    deployed = deployed[deployed["response"].astype(str) == "deployment"]
    seed_reporters = sorted(set(_seed(deployed)["source_id"]), key=source_order().index)
    if given == len(seed_reporters) and given != len(_deployed_in()):
        return (f"{given} is how many course sources report a deployment ({_and([_sname(s) for s in seed_reporters])}); "
                "the question counts crises, not sources")
    if given == len(deployed) and given != len(_deployed_in()):
        crises_named = _and([_crises().loc[c, "name"] for c in sorted(set(deployed["crisis_id"]))])
        return (f"{given} is how many accounts in the data report a deployment, background included; they are accounts "
                f"of {crises_named}, and the question counts crises")
    if given == len(crises):
        return f"the table holds {len(crises)} crises in all; count only those whose response is a deployment"
    if given == int(crises["notebook"].isin(["02", "03"]).sum()):
        return f"{given} is how many crises notebook 02 sets side by side; count only those that brought troops"
    return None


_number(
    "q05_troop_deployments", "06",
    "In how many of the crises in the course's crisis table did the bloc send troops?",
    "notebook 02, the response matrix (data/crisis_responses.csv, column 'response')",
    correct=lambda: len(_deployed_in()),
    why=lambda: f"Only {_and([_crises().loc[c, 'name'] for c in _deployed_in()])}; in every other crisis the sources report no troops.",
    wrong=_q05_wrong,
)


def _q06_options() -> list[Option]:
    crises = _crises()
    accounts = _accounts()
    deployed = {crises.loc[c, "iso3"] for c in _deployed_in()}
    options = []
    for iso3 in sorted(set(crises["iso3"]), key=_cname):
        mine = accounts[accounts["iso3"] == iso3]
        reports = "; ".join(f"{n}: " + ", ".join(f"{_response(r)} ({_sname(s)})" for r, s in zip(g["response"], g["source_id"]))
                            for n, g in mine.groupby("name", sort=False))
        right = iso3 in deployed
        why = (f"{reports}" if right else f"for {_cname(iso3)} the sources report: {reports}")
        options.append(Option(_cname(iso3), right, why, also=(iso3,)))
    return options


_choice(
    "q06_where_troops", "06",
    "In which member state did the bloc deploy troops?",
    "notebook 03 (data/crisis_responses.csv, the accounts whose response is 'deployment')",
    _q06_options,
    ordered=True,
)


def _q07_options() -> list[Option]:
    crisis = _crises().loc["kaz_2022"]
    events = _seed(_events())
    requests = events[(events["crisis_id"] == "kaz_2022") & (events["kind"].astype(str) == "request")]
    namers = set(requests["source_id"]) | ({crisis["source_id"]} if isinstance(crisis["requester"], str) else set())
    reporters = _crisis_reporters("kaz_2022")
    background = _kaz_context()
    background = background[background["kind"].astype(str) == "request"]
    bg = (f"{background.iloc[0]['title']}, {background.iloc[0]['when']} ({labels.citation(background.iloc[0]['citation_id'])})"
          if len(background) else "no background row either")
    options = []
    for s in labels.sources_in("en"):
        if s in namers:
            why = f"{_sname(s)} names the requester: {_q(requests[requests['source_id'] == s].iloc[0]['quote']) if s in set(requests['source_id']) else crisis['requester']}"
        elif s in reporters:
            why = f"{_sname(s)} mentions the mission ({_q(_kaz_quote(s) or '')}) but does not say who asked"
        elif _sources().loc[s, "end"] < crisis["start"]:
            why = f"{_sname(s)} was written on {_pub(s)}, before the mission; it does not mention it"
        else:
            why = f"{_sname(s)} ({_pub(s)}) does not mention the mission at all"
        options.append(_source_option(s, s in namers, why))
    options.append(Option("None of them", not namers,
                          f"No course source names who asked. Background, not from the course sources: {bg}",
                          also=("none", "nobody", "no one")))
    return options


_choice(
    "q07_who_asked_kazakhstan", "06",
    "Which of the four English-language course sources names who asked for the January 2022 mission in Kazakhstan?",
    "notebook 03 (data/crises.csv, column 'requester', and the background row on the request in data/events.csv)",
    _q07_options,
    ordered=True,
)


def _q08_wrong(given: object) -> str | None:
    if given == _n(_figure("mi_arms_exports_central_asia")["value"]):
        return f"{given} percent is the fall for Central Asia; Mitchell's sentence gives two figures 'respectively'"
    shares = _figures_with_value(given, "share")
    if shares:
        return f"{given} percent is in the data, but as: {'; '.join(shares)}"
    return None


_number(
    "q08_south_caucasus_decline", "06",
    "By how many percent did arms exports to the South Caucasus fall between 2021 and 2023, according to Mitchell (2026)?",
    "notebook 04, the arms figures (data/figures.csv, metric 'arms_exports_decrease')",
    correct=lambda: _n(_figure("mi_arms_exports_south_caucasus")["value"]),
    why=lambda: f"Mitchell: {_q(_figure('mi_arms_exports_south_caucasus')['quote'])} (the second figure is the South Caucasus).",
    wrong=_q08_wrong,
)


def _invasion_participants() -> list[str]:
    links = load("event_countries")
    rows = links[(links["event_id"] == "ev_2022_02_invasion") & (links["role"] == "participant") & (links["origin"] == "seed")]
    return sorted(rows["iso3"])


def _q09_options() -> list[Option]:
    joined = set(_invasion_participants()) - {"RUS"}
    invasion = _event("ev_2022_02_invasion")
    acts = _seed(_country_acts())
    acts = acts[(acts["source_id"] == "mitchell2026") & (acts["act"].astype(str) != "none")]
    options = []
    for iso3 in sorted(set(_listed("evstratov2022")) - {"RUS"}, key=_cname):
        right = iso3 in joined
        mine = acts[acts["iso3"] == iso3]
        if right:
            links = load("event_countries")
            link = links[(links["event_id"] == "ev_2022_02_invasion") & (links["iso3"] == iso3)]
            why = f"Mitchell: {_q(invasion['quote'])}, {_q(link.iloc[0]['quote']) if len(link) else ''}"
        else:
            reported = _and([f"{t} ({f'he gives no date; the course brackets it {w}' if str(p) == 'period' else w})"
                             for t, w, p in zip(mine["title"], mine["when"], mine["date_precision"])]) if len(mine) else None
            why = (f"Mitchell names {_and([_cname(i) for i in sorted(joined)])} as the only other member joining Moscow; "
                   + (f"for {_cname(iso3)} he reports: {reported}" if reported else f"he reports nothing else about {_cname(iso3)} and the war"))
        options.append(Option(_cname(iso3), right, why, also=(iso3,)))
    return options


_choice(
    "q09_joined_moscow", "06",
    "According to Mitchell (2026), which CSTO member other than Russia joined Moscow in the invasion of Ukraine ('invasion' is Mitchell's word)?",
    "notebook 04 (data/event_countries.csv, event ev_2022_02_invasion)",
    _q09_options,
    ordered=True,
)

_number(
    "q10_last_chairmanship", "06",
    "Before 2026, in which year did Russia last hold the CSTO's rotating chairmanship, according to Mitchell?",
    "notebook 04 (data/figures.csv, metric 'previous_russian_chairmanship_year')",
    correct=lambda: _n(_figure("mi_last_russian_chair")["value"]),
    why=lambda: f"Mitchell: {_q(_figure('mi_last_russian_chair')['quote'])}.",
    wrong=lambda given: ("2026 is the chairmanship Russia holds at the time Mitchell writes; the question asks for the one before it"
                         if given == _n(_figure("mi_chairmanship_2026")["value"]) else None),
)


def _term_users(term: str) -> list[str]:
    return [s for s in labels.sources_in("en") if count_in(s, term) > 0]


def _q11_options() -> list[Option]:
    users = _term_users("special operation")
    war_start = _war_start()
    options = []
    for s in labels.sources_in("en"):
        right = s in users
        if right:
            why = (f"{_sname(s)} writes 'special operation' {count_in(s, 'special operation')} times: the short form of "
                   "'special military operation', the term Putin uses, as Mitchell quotes him")
        elif _sources().loc[s, "start"] < war_start:
            wars = term_in_context("war", [s])
            about = f"; its {len(wars)} 'war' is {_q('…' + wars.iloc[0]['before'][-25:] + ' ' + wars.iloc[0]['term'])}" if len(wars) == 1 else ""
            why = f"{_sname(s)} wrote on {_pub(s)}, before the war of 2022{about}"
        else:
            smo = term_in_context("special military operation", [s])
            invasion = term_in_context("invasion", [s], width=80)
            parts = [f"'invasion' {count_in(s, 'invasion')} time(s) and 'war' {count_in(s, 'war')} time(s)"]
            if len(smo):
                parts.append("'special military operation' only inside a quotation of Putin" if bool(smo["in a quotation"].all())
                             else f"'special military operation' {len(smo)} time(s)")
            people = [p.split()[-1] for p in load("people")["name_standard"]]
            cited = [p for p in people if any(p in b for b in invasion["before"])]
            if cited:
                parts.append(f"its 'invasion' comes in a sentence that cites {_and(cited)}")
            why = f"{_sname(s)} writes " + "; ".join(parts) + "; 'special operation' never"
        options.append(_source_option(s, right, why))
    return options


_choice(
    "q11_special_operation", "06",
    "Which source uses the term 'special operation' for the war in Ukraine?",
    "notebook 05, the term-count chart (csto.lessons.source_criticism.term_counts)",
    _q11_options,
    ordered=True,
)

_number(
    "q12_inferred_dates", "06",
    "How many of the five course sources carry no date of their own, so that the course infers it?",
    "notebook 05, the dating table (data/sources.csv, column 'date_basis')",
    correct=lambda: int((load("sources")["date_basis"].astype(str) == "inferred").sum()),
    why=lambda: f"The course infers these and writes its reasoning in 'date_note': {'; '.join(_nb00_stated_names('inferred'))}.",
    wrong=lambda given: ("that is the number of sources whose date is stated in the text, not inferred"
                         if given == _nb00_stated_correct() else None),
)


def _sco_city() -> str:
    events = _context(load("events"))
    rows = events[(events["kind"].astype(str) == "summit") & events["title"].str.contains("SCO")]
    return str(rows["place"].iloc[0]).split(",")[0].strip()


def _q13_options() -> list[Option]:
    events = _events()
    right = _sco_city()
    options = []
    for city in sorted({right, "Tashkent", "Astana", "Bishkek"}):
        here = events[events["place"].fillna("").str.contains(city) | events["title"].str.contains(f"in {city}")]
        listed = "; ".join(f"{t} ({w}, {_sname(s) if o == 'seed' else 'background'})"
                           for t, w, s, o in zip(here["title"], here["when"], here["source_id"], here["origin"].astype(str)))
        if city == right:
            why = f"Background, not from the course sources: {listed}"
        else:
            why = f"the data place these in {city}: {listed}" if listed else f"no row places a summit in {city}"
        options.append(Option(city, city == right, why))
    return options


_choice(
    "q13_sco_summit_city", "06",
    "Evstratov places the 2022 SCO summit in Tashkent. In which city did it meet, according to the background sources the course cites?",
    "notebook 05, the corrections table (data/corrections.csv) and the background event rows (data/events.csv)",
    _q13_options,
    ordered=True,
)

_corrected_first_name(
    "q14_peskov_first_name", "06",
    "AFP's text calls the Kremlin spokesman 'Dmytro' Peskov. What is his first name, as the course's correction gives it?",
    "notebook 05, the spelling table (data/name_variants.csv, data/people.csv, data/corrections.csv)",
    "peskov",
)

_choice(
    "q15_neither_country_shift", "06",
    "The Indonesian translation renders 'neither country' as 'negara itu'. What kind of shift does the course record?",
    "notebook 05, the translation pairs (data/translation_pairs.csv, pair tp_45_neither_country)",
    lambda: _shift_options("tp_45_neither_country"),
    ordered=True,
)


def _q16_wrong(given: object) -> str | None:
    verdicts = load("forecast_checks")["verdict"].astype(str)
    outside = int((verdicts == "outside_horizon").sum())
    if outside and given == int((verdicts == "not_yet_testable").sum()) + outside:
        return (f"{given} also counts the {outside} check(s) whose later report falls outside the forecast's horizon: "
                "those can never test the forecast, not even later")
    for verdict, n in load("forecast_checks")["verdict"].astype(str).value_counts().items():
        if n == given and verdict != "not_yet_testable":
            return f"{given} is the number of checks with the verdict '{verdict.replace('_', ' ')}'"
    if given == len(load("forecast_checks")):
        return f"{given} is how many checks there are in all"
    return None


_number(
    "q16_not_yet_testable", "06",
    "How many of the course's forecast checks could not yet be tested against later sources?",
    "notebook 05, the forecast checks (data/forecast_checks.csv, column 'verdict')",
    correct=lambda: int((load("forecast_checks")["verdict"].astype(str) == "not_yet_testable").sum()),
    why=lambda: (f"{int((load('forecast_checks')['verdict'].astype(str) == 'not_yet_testable').sum())} of the "
                 f"{len(load('forecast_checks'))} checks; their later source cannot settle them yet. Not counted: checks "
                 "whose later report falls outside the forecast's horizon, which no later source can settle."),
    wrong=_q16_wrong,
)


# ===========================================================================================================
# Reading what a student typed
# ===========================================================================================================

def _norm(text: str) -> str:
    """Fold case, curly quotes, underscores and the punctuation around a typed answer."""
    text = normalise(str(text)).replace("_", " ")
    text = re.sub(r"[\"'“”‘’«»]", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:!?")


def _parse_number_words(text: str) -> float | None:
    words = text.replace("-", " ").split()
    total, seen = 0, False
    for word in words:
        if word in NUMBER_WORDS:
            total += NUMBER_WORDS[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred" and seen:
            total *= 100
        elif word == "and" and seen:
            continue
        else:
            break
        seen = True
    return float(total) if seen else None


def _as_number(given: object) -> float | None:
    """A number from 9, 9.0, '9', 'nine', '44%', '44 percent', '2,000', 'about 44'; None if it cannot be read."""
    if isinstance(given, bool):
        return None
    if isinstance(given, numbers.Real):
        value = float(given)
        return None if value != value else value  # NaN
    if not isinstance(given, str):
        return None
    text = _norm(given).replace("per cent", "percent")
    text = re.sub(r"^(about|around|roughly|approximately|nearly|close to|some|exactly)\s+", "", text)
    match = re.fullmatch(r"(-?\d[\d,]*(?:\.\d+)?)\s*(%|percent)?(?:\s+[a-z ]*)?", text)
    if match:
        try:
            return float(match.group(1).replace(",", ""))
        except ValueError:
            return None
    return _parse_number_words(text)


def _letters(n: int) -> str:
    return f"(a) to ({chr(96 + n)})" if n > 1 else "(a)"


def _match_option(text: str, options: list[Option]) -> tuple[Option | None, str | None]:
    """The option a student meant, or None and a reason (ambiguous, or no such letter)."""
    letter = re.fullmatch(r"(?:option|choice|answer)?\s*\(?([a-z])\)?[.):]?", text)
    if letter:
        index = ord(letter.group(1)) - 97
        if 0 <= index < len(options):
            return options[index], None
        if len(text) <= 3:
            return None, f"there is no choice ({letter.group(1)}): the choices are {_letters(len(options))}"
    prefixed = re.fullmatch(r"\(?([a-z])\)\s*(.+)", text)
    if prefixed:
        index = ord(prefixed.group(1)) - 97
        if 0 <= index < len(options) and _norm(options[index].label) == prefixed.group(2):
            return options[index], None
    exact = [o for o in options if text == _norm(o.label) or text in {_norm(a) for a in o.also}]
    if len(exact) == 1:
        return exact[0], None
    by_first_word = [o for o in options if len(text) > 2 and _norm(o.label).split(" ")[0] == text]
    if len(by_first_word) == 1:
        return by_first_word[0], None
    if len(by_first_word) > 1:
        return None, f"{text!r} fits more than one choice ({'; '.join(o.label for o in by_first_word)}): give the letter"
    return None, None


def _shown(given: object) -> str:
    """How a student's answer is shown back: short, and never an error."""
    try:
        if isinstance(given, (pd.DataFrame, pd.Series)):
            return f"a {type(given).__name__} ({len(given)} rows)"
        text = repr(given)
    except Exception:  # noqa: BLE001 - a student's object may have a broken __repr__
        text = f"a {type(given).__name__}"
    return text if len(text) <= 60 else text[:57] + "…"


def _hint(q: Question) -> str:
    if q.kind == "number":
        return f'answer with one number, e.g. quiz.check("{q.qid}", 9) or "nine"'
    if q.kind == "name":
        return f'answer with a name in quotes, e.g. quiz.check("{q.qid}", "Boris")'
    return f'answer with the letter of one choice, e.g. quiz.check("{q.qid}", "b"), or its words'


def _is_blank(given: object) -> bool:
    if given is None:
        return True
    if isinstance(given, str) and not given.strip():
        return True
    try:
        return bool(pd.isna(given)) if not isinstance(given, (list, tuple, set, dict, pd.DataFrame, pd.Series)) else False
    except (TypeError, ValueError):
        return False


def _options_of(q: Question) -> list[Option]:
    """A question's options as shown: in their natural order (kinds, sources, dates), or else in a fixed order of
    their own (a hash of question and label), so that the right choice is not always the first one written."""
    options = q.options() if q.options else []
    if q.ordered:
        return options
    return sorted(options, key=lambda o: hashlib.sha1(f"{q.qid}|{o.label}".encode()).hexdigest())


def _right_option(q: Question) -> Option:
    right = [o for o in _options_of(q) if o.right]
    if len(right) != 1:
        raise RuntimeError(f"{q.qid}: the data now mark {len(right)} options right; the question must be rewritten "
                           f"({'; '.join(o.label for o in right) or 'none'})")
    return right[0]


# ===========================================================================================================
# The public interface
# ===========================================================================================================

def options(question_id: str) -> list[Option]:
    """A choice question's options in the order the student sees them (letters (a), (b), ... follow this order)."""
    return _options_of(_question(question_id))


def question_ids(notebook: str | None = None, exercises: bool = False) -> list[str]:
    """Every self-check question id (or one notebook's), in the order the notebook asks them; with ``exercises=True``
    the exercises' checks too."""
    _load_exercises()
    return [q.qid for q in _QUESTIONS.values()
            if (notebook is None or q.notebook == _notebook(notebook)) and (exercises or not q.exercise)]


def exercise(question: Question) -> None:
    """Register an exercise's check (used by csto/lessons/exercises/nbNN.py): ``check(qid, answer)`` works for it,
    but it is not listed in the notebook's self-check."""
    from dataclasses import replace

    _register(replace(question, exercise=True))


def _load_exercises() -> None:
    """Import csto.lessons.exercises once: each of its modules registers one notebook's exercise checks."""
    if not getattr(_load_exercises, "done", False):
        _load_exercises.done = True
        import importlib
        import pkgutil

        from . import exercises

        for module in pkgutil.iter_modules(exercises.__path__):
            importlib.import_module(f"{exercises.__name__}.{module.name}")


def _notebook(notebook: object) -> str:
    text = str(notebook).strip()
    return text.zfill(2) if text.isdigit() else text


def _question(question_id: str) -> Question:
    _load_exercises()
    if question_id not in _QUESTIONS:
        raise KeyError(f"no question {question_id!r}; the questions are: {', '.join(_QUESTIONS)}")
    return _QUESTIONS[question_id]


def _answer_with(q: Question) -> str:
    if q.kind == "choice":
        return "; ".join(f"({chr(97 + i)}) {o.label}" for i, o in enumerate(_options_of(q)))
    return "a number" if q.kind == "number" else "a name"


def questions(*notebooks: str) -> pd.DataFrame:
    """One notebook's self-check (``questions("01")``), or several, for display: id, question, answer with.

    The id is a column, not the index, so that a student can copy it into ``check``. No answers are shown.
    """
    wanted = {_notebook(n) for n in notebooks}
    _load_exercises()
    rows = [{"id": q.qid, "question": q.text(), "answer with": _answer_with(q)}
            for q in _QUESTIONS.values() if (not wanted or q.notebook in wanted) and not q.exercise]
    return pd.DataFrame(rows, columns=["id", "question", "answer with"])


def blank_answers(notebook: str) -> dict[str, None]:
    """``{question_id: None}`` for one notebook: a starter the student copies and fills in."""
    return {qid: None for qid in question_ids(notebook)}


def answer(question_id: str) -> object:
    """The right answer, computed from the data now: a number, a name, or the label of the one right choice."""
    q = _question(question_id)
    if q.kind == "choice":
        return _right_option(q).label
    value = q.correct()
    if q.kind == "number":
        return _n(value)
    return value


def why_right(question_id: str) -> str:
    """Why the answer is right, in one or two sentences drawn from the data (for the teacher's key)."""
    q = _question(question_id)
    if q.kind == "choice":
        return _sentence(_cap(_right_option(q).why))
    return _tidy(_sentence(q.why()))


def _check(q: Question, given: object) -> str:
    if _is_blank(given):
        return f"No answer yet: {_hint(q)}. Look in {q.where}."
    if isinstance(given, (list, tuple, set, dict, pd.DataFrame, pd.Series)):
        return f"Can't read {_shown(given)}: give one answer, not a collection; {_hint(q)}."
    if q.kind == "number":
        number = _as_number(given)
        if number is None:
            return f"Can't read {_shown(given)}: this question wants a number; {_hint(q)}."
        correct = float(q.correct())
        value = _n(number)
        if number == correct:
            return _tidy(f"Right: {value}. {_sentence(q.why())}")
        why = q.wrong(value)
        return (_tidy(f"Not quite: {_sentence(why)} Look again in {q.where}.") if why
                else f"Not quite: the data do not give {value} here. Look again in {q.where}.")
    if q.kind == "name":
        if isinstance(given, bool) or not isinstance(given, str):
            return f"Can't read {_shown(given)}: this question wants a name; {_hint(q)}."
        correct = str(q.correct())
        words = re.findall(r"[\w-]+", _norm(given))
        if _norm(correct) in words or _norm(given) == _norm(correct):
            return _tidy(f"Right: {correct}. {_sentence(q.why())}")
        note = q.also(given)
        if note:
            return _tidy(f"Right: {_sentence(note)} {_sentence(q.why())}")
        why = q.wrong(given)
        return (_tidy(f"Not quite: {_sentence(why)} Look again in {q.where}.") if why
                else f"Not quite: the course's correction gives another name. Look again in {q.where}.")
    options = _options_of(q)
    if isinstance(given, bool) or not isinstance(given, (str, numbers.Real)):
        return f"Can't read {_shown(given)}: {_hint(q)}."
    text = _norm(_n(given) if isinstance(given, numbers.Real) else given)
    chosen, problem = _match_option(text, options)
    if chosen is None:
        reason = problem or f"{_shown(given)} is not one of the choices {_letters(len(options))}"
        return f"Can't read that: {reason}; {_hint(q)}."
    if chosen.right:
        return f"Right: {chosen.label}. {_sentence(_cap(chosen.why))}"
    return f"Not quite: {_sentence(chosen.why)} Look again in {q.where}."


def check(question_id: object, given: object) -> str:
    """'Right: …', 'Not quite: <why> …', 'No answer yet …' or "Can't read …" for one answer. Never raises."""
    _load_exercises()
    if not isinstance(question_id, str) or question_id not in _QUESTIONS:
        close = difflib.get_close_matches(question_id, list(_QUESTIONS), n=1) if isinstance(question_id, str) else []
        hint = f" Did you mean {close[0]!r}?" if close else ""
        return (f"No question {_shown(question_id)}: copy an id from quiz.questions('01') (or your notebook's number), "
                f"e.g. {next(iter(_QUESTIONS))!r}.{hint}")
    try:
        return _check(_QUESTIONS[question_id], given)
    except Exception as error:  # noqa: BLE001 - a student must always get a message, never a traceback
        return f"This question cannot be checked right now ({type(error).__name__}: {error}). Tell your teacher."


def check_all(answers: object, notebook: str | None = None) -> pd.DataFrame:
    """Check a dict of answers at once: one row per question (id, your answer, result). Never raises.

    Questions of the same notebook that the dict leaves out are listed as 'No answer yet'; ids that are not
    questions get a row that says so. ``notebook`` lists every question of that notebook whatever the dict holds.
    """
    columns = ["id", "your answer", "result"]
    if isinstance(answers, pd.Series):
        answers = answers.to_dict()
    if not isinstance(answers, dict):
        example = "quiz.check_all({'" + next(iter(_QUESTIONS)) + "': 9})"
        return pd.DataFrame([{"id": "—", "your answer": _shown(answers),
                              "result": f"Can't read that: give a dict of question id -> answer, e.g. {example}; "
                                        "quiz.blank_answers('01') prints one to copy."}], columns=columns)
    given = {str(k): v for k, v in answers.items()}
    _load_exercises()
    wanted = {_notebook(notebook)} if notebook is not None else {_QUESTIONS[k].notebook for k in given if k in _QUESTIONS}
    order = [q.qid for q in _QUESTIONS.values() if q.notebook in wanted and not q.exercise]
    order += [k for k in given if k not in order]
    rows = [{"id": k, "your answer": "—" if _is_blank(given.get(k)) else _shown(given.get(k)), "result": check(k, given.get(k))}
            for k in order]
    return pd.DataFrame(rows, columns=columns)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def answer_key_markdown(notebook: str) -> str:
    """The teacher's key for one notebook as a Markdown table: question id, question, answer, why it is right."""
    lines = ["| question id | question | answer | why it is right |", "|---|---|---|---|"]
    for qid in question_ids(notebook):
        q = _QUESTIONS[qid]
        if q.kind == "choice":
            options = _options_of(q)
            right = _right_option(q)
            shown = f"({chr(97 + options.index(right))}) {right.label}"
        else:
            shown = str(answer(qid))
        lines.append(f"| `{qid}` | {_cell(q.text())} | {_cell(shown)} | {_cell(why_right(qid))} |")
    return "\n".join(lines) + "\n"
