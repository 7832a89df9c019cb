"""The self-check quiz of notebook 06: questions across notebooks 01–05 whose answers are computed from the data.

Why computed: if a table changes (a corrected figure, a new source), the quiz changes with it and can never
mark a student wrong for giving the answer the data now support. ``check(question_id, answer)`` returns a
message that says "Right" or, when the answer is wrong, why: what the given answer actually refers to where
the data know it, and where to look. ``answer(question_id)`` is for teachers and for the notebook's guard cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from .. import labels
from ..data.frames import load
from ..data.verbatim import normalise
from ..data.views import crisis_responses, members_listed_by
from ..labels import source_names
from .source_criticism import count_in, term_in_context

NUMBER_WORDS = {"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
NONE_OF_THEM = "none of them"


@dataclass(frozen=True)
class Question:
    """One question. ``correct`` and ``choices`` are functions so that they are computed from the data when asked."""

    qid: str
    notebook: str
    prompt: str
    where: str  # where a student finds the answer: notebook and table
    correct: Callable[[], object]
    choices: Callable[[], list[str]] | None = None  # None: the answer is a number (or a word, when ``text``)
    text: bool = False  # True: a free-text answer (a name), compared case-insensitively
    explain: Callable[[object], str | None] = field(default=lambda given: None)  # why a given wrong answer is wrong


_QUESTIONS: dict[str, Question] = {}


def _register(question: Question) -> None:
    _QUESTIONS[question.qid] = question


# ---- data look-ups the questions share -------------------------------------------------------------------

def _country_names() -> dict[str, str]:
    return dict(zip(load("countries")["iso3"], load("countries")["name_en"]))


def _seed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["origin"] == "seed"]


def _joined_first_two_years() -> set[str]:
    membership = _seed(load("membership"))
    return set(membership.loc[(membership["change"] == "joined") & (membership["source_id"] == "stratfor2017"), "iso3"])


def _withdrawn_by_1999() -> set[str]:
    membership = _seed(load("membership"))
    return set(membership.loc[(membership["change"] == "withdrew") & (membership["end"].dt.year <= 1999), "iso3"])


def _response(code: object) -> str:
    return labels.value_label("crisis_responses", "response", code)


def _crises() -> pd.DataFrame:
    return _seed(load("crises")).set_index("crisis_id")


def _accounts() -> pd.DataFrame:
    """Each course source's account of what the bloc did in each crisis (background accounts left out)."""
    return _seed(crisis_responses())


def _deployed_in() -> set[str]:
    accounts = _accounts()
    return set(accounts.loc[accounts["response"] == "deployment", "crisis_id"])


def _figure(figure_id: str) -> float:
    figures = load("figures").set_index("figure_id")
    return float(figures.loc[figure_id, "value"])


def _figures_with_value(value: float, metric_prefix: str = "") -> list[str]:
    figures = _seed(load("figures"))
    hits = figures[(figures["value"] == value) & figures["metric"].astype(str).str.startswith(metric_prefix)]
    return [f"{t} ({s})" for t, s in zip(hits["value_text"], hits["subject"])]


def _uses_special_operation() -> list[str]:
    return [s for s in labels.sources_in("en") if count_in(s, "special operation") > 0]


# ---- the questions ---------------------------------------------------------------------------------------

_register(Question(
    "q01_first_two_years", "01",
    "According to Stratfor (2017), how many states did the bloc grow to in its first two years?",
    "notebook 01, the membership table (data/membership.csv, rows 'joined')",
    correct=lambda: len(_joined_first_two_years()),
    explain=lambda given: {
        len(members_listed_by("evstratov2022")): "that is how many members Evstratov names in autumn 2022, after some had left",
        len(_withdrawn_by_1999()): "that is how many had withdrawn by 1999, not how many joined",
    }.get(given),
))

_register(Question(
    "q02_stayed_after_1999", "01",
    "Stratfor says three members had withdrawn by 1999. Which of these states was NOT one of them?",
    "notebook 01, the membership table (data/membership.csv, rows 'withdrew')",
    correct=lambda: _country_names()["ARM"] if "ARM" not in _withdrawn_by_1999() else NONE_OF_THEM,
    choices=lambda: sorted(_country_names()[i] for i in _withdrawn_by_1999()) + [_country_names()["ARM"]],
    explain=lambda given: (f"{given} is one of the states Stratfor says had withdrawn by 1999"
                           if given in {_country_names()[i] for i in _withdrawn_by_1999()} else None),
))

_register(Question(
    "q03_members_named_2022", "01",
    "How many member states does Evstratov name in his autumn 2022 article?",
    "notebook 01, the member lists (data/membership.csv, rows 'listed_as_member' for evstratov2022)",
    correct=lambda: len(members_listed_by("evstratov2022")),
    explain=lambda given: {
        len(_joined_first_two_years()): "that is the membership of the first two years (1992–1994) in Stratfor's account",
        len(members_listed_by("mitchell2026")): "that is how many states Mitchell names outright in 2026 (he adds 'most of Central Asia' without names)",
    }.get(given),
))

_register(Question(
    "q04_response_2010", "02",
    "What did the bloc do when Kyrgyzstan asked its fellow members to intervene in 2010 (as Stratfor reports)?",
    "notebook 02, the response matrix (data/crisis_responses.csv)",
    correct=lambda: _response(_accounts().set_index(["crisis_id", "source_id"]).loc[("kgz_2010", "stratfor2017"), "response"]),
    choices=lambda: [_response(r) for r in labels.value_labels("crisis_responses", "response") if r in set(_accounts()["response"].astype(str))],
    explain=lambda given: next((f"'{given}' is what {source_names()[s]} reports for {name}"
                                for name, r, s in zip(_accounts()["name"], _accounts()["response"].astype(str), _accounts()["source_id"])
                                if _response(r) == given), None),
))

_register(Question(
    "q05_troop_deployments", "02",
    "In how many of the crises in the course's crisis table did the bloc send troops?",
    "notebook 02, the response matrix (data/crisis_responses.csv, column 'response')",
    correct=lambda: len(_deployed_in()),
    explain=lambda given: (f"the table holds {len(_crises())} crises in all; count only those whose response is a deployment"
                           if given == len(_crises()) else
                           (f"{given} is how many crises notebook 02 sets side by side; count only those that brought troops"
                            if given == int(_crises()["notebook"].isin(["02", "03"]).sum()) else None)),
))

_register(Question(
    "q06_where_troops", "03",
    "In which member state did the bloc deploy troops?",
    "notebook 03 (data/crisis_responses.csv, the accounts whose response is 'deployment')",
    correct=lambda: ", ".join(sorted(_country_names()[_crises().loc[c, "iso3"]] for c in _deployed_in())),
    choices=lambda: sorted({_country_names()[i] for i in _crises()["iso3"]}),
    explain=lambda given: next((f"for {name} the sources report: {_response(r)}"
                                for name, i, r in zip(_accounts()["name"], _accounts()["iso3"], _accounts()["response"])
                                if _country_names()[i] == given and r != "deployment"), None),
))

_register(Question(
    "q07_who_asked_kazakhstan", "03",
    "Which of the four English-language course sources names who asked for the January 2022 mission in Kazakhstan?",
    "notebook 03 (data/crises.csv, column 'requester', and the background row on the request in data/events.csv)",
    correct=lambda: NONE_OF_THEM if pd.isna(_crises().loc["kaz_2022", "requester"]) else str(_crises().loc["kaz_2022", "source_id"]),
    choices=lambda: [source_names()[s] for s in labels.sources_in("en")] + [NONE_OF_THEM],
    explain=lambda given: (f"{given} mentions the mission but does not say who asked for it; the request is known only "
                           "from background rows outside the course sources" if given != NONE_OF_THEM else None),
))

_register(Question(
    "q08_south_caucasus_decline", "04",
    "By how many percent did arms exports to the South Caucasus fall between 2021 and 2023, according to Mitchell (2026)?",
    "notebook 04, the arms figures (data/figures.csv, metric 'arms_exports_decrease')",
    correct=lambda: int(_figure("mi_arms_exports_south_caucasus")),
    explain=lambda given: (f"{given} percent is the fall for Central Asia; Mitchell's sentence gives two figures 'respectively'"
                           if given == int(_figure("mi_arms_exports_central_asia")) else
                           (f"{given} percent is in the data, but as: {'; '.join(_figures_with_value(given, 'share'))}"
                            if _figures_with_value(given, "share") else None)),
))

_register(Question(
    "q09_joined_moscow", "04",
    "According to Mitchell (2026), which CSTO member other than Russia joined Moscow in the invasion of Ukraine ('invasion' is Mitchell's word)?",
    "notebook 04 (data/event_countries.csv, event ev_2022_02_invasion)",
    correct=lambda: ", ".join(_country_names()[i] for i in _invasion_participants()),
    choices=lambda: sorted({_country_names()[i] for i in members_listed_by("evstratov2022")} - {"Russia"}),
    explain=lambda given: (f"Mitchell names only one other member joining Moscow, and it is not {given}; he writes that Central Asian "
                           "states refused to recognise the Russian-occupied territories" if given else None),
))


def _invasion_participants() -> list[str]:
    links = load("event_countries")
    rows = links[(links["event_id"] == "ev_2022_02_invasion") & (links["role"] == "participant") & (links["origin"] == "seed")]
    return sorted(rows["iso3"])


_register(Question(
    "q10_last_chairmanship", "04",
    "Before 2026, in which year did Russia last hold the CSTO's rotating chairmanship, according to Mitchell?",
    "notebook 04 (data/figures.csv, metric 'previous_russian_chairmanship_year')",
    correct=lambda: int(_figure("mi_last_russian_chair")),
    explain=lambda given: ("2026 is the chairmanship Russia took up after the Bishkek summit; the question asks for the one before it"
                           if given == int(_figure("mi_chairmanship_2026")) else None),
))

_register(Question(
    "q11_special_operation", "05",
    "Which source uses the term 'special operation' for the war in Ukraine?",
    "notebook 05, the term-count chart (seeds/, counted with csto.text.count_term)",
    correct=lambda: ", ".join(source_names()[s] for s in _uses_special_operation()),
    choices=lambda: [source_names()[s] for s in labels.sources_in("en")],
    explain=lambda given: _explain_term_choice(given),
))


def _explain_term_choice(given: object) -> str | None:
    by_name = {source_names()[s]: s for s in labels.sources_in("en")}
    source_id = by_name.get(given)
    if source_id is None:
        return None
    if source_id == "mitchell2026":
        quoted = term_in_context("special military operation", [source_id])
        inside = bool(quoted["in a quotation"].all()) and len(quoted) > 0
        return ("Mitchell writes 'special military operation' only "
                + ("inside a quotation of Putin" if inside else f"{len(quoted)} time(s)")
                + f"; elsewhere the text has 'invasion' ({count_in(source_id, 'invasion')}) and 'war' ({count_in(source_id, 'war')})")
    if source_id == "stratfor2017":
        return "Stratfor wrote in January 2017, before the war of 2022; it uses none of the 2022 terms"
    return (f"{given} writes 'invasion' {count_in(source_id, 'invasion')} time(s) and 'war' {count_in(source_id, 'war')} time(s), "
            f"'special operation' {count_in(source_id, 'special operation')} times")


_register(Question(
    "q12_inferred_dates", "05",
    "How many of the five course sources carry no date of their own, so that the course infers it?",
    "notebook 05, the dating table (data/sources.csv, column 'date_basis')",
    correct=lambda: int((load("sources")["date_basis"] == "inferred").sum()),
    explain=lambda given: ("that is the number of sources whose date is stated in the text, not inferred"
                           if given == int((load("sources")["date_basis"] == "stated").sum()) else None),
))

_register(Question(
    "q13_sco_summit_city", "05",
    "Evstratov places the 2022 SCO summit in Tashkent. In which city did it meet, according to the background sources the course cites?",
    "notebook 05, the corrections table (data/corrections.csv) and the background event rows (data/events.csv)",
    correct=lambda: _sco_city(),
    choices=lambda: sorted({_sco_city(), "Tashkent", "Astana", "Bishkek"}),
    explain=lambda given: {
        "Tashkent": "Tashkent is what Evstratov's text says; that is the error the course checks",
        "Astana": "Astana hosted the first Central Asia–Russia summit (background), where Rahmon's remarks were made, not the SCO summit",
        "Bishkek": "Bishkek hosted the CSTO summit of November 2025 that Mitchell reports",
    }.get(str(given)),
))


def _sco_city() -> str:
    events = load("events")
    rows = events[(events["origin"] == "context") & (events["kind"] == "summit") & events["title"].str.contains("SCO")]
    return str(rows["place"].iloc[0]).split(",")[0].strip()


_register(Question(
    "q14_peskov_first_name", "05",
    "AFP's text calls the Kremlin spokesman 'Dmytro' Peskov. What is his first name, as the course's correction gives it?",
    "notebook 05, the spelling table (data/name_variants.csv, data/people.csv, data/corrections.csv)",
    correct=lambda: str(load("people").set_index("person_id").loc["peskov", "name_standard"]).split()[0],
    text=True,
    explain=lambda given: ("'Dmytro' is how the AFP text writes it; that is the error the course corrects"
                           if normalise(str(given)) == "dmytro" else None),
))

_register(Question(
    "q15_neither_country_shift", "05",
    "The Indonesian translation renders 'neither country' as 'negara itu' (that country). What kind of shift does the course record?",
    "notebook 05, the translation pairs (data/translation_pairs.csv, pair tp_45_neither_country)",
    correct=lambda: str(load("translation_pairs").set_index("pair_id").loc["tp_45_neither_country", "shift"]).replace("_", " "),
    choices=lambda: ["faithful", "condensed", "meaning shift", "omission"],
    explain=lambda given: {
        "faithful": "a faithful rendering keeps the meaning; here a plural ('neither country', both Kazakhstan and Belarus) became a singular",
        "omission": "an omission leaves a sentence out; this sentence is translated, but its meaning changes",
        "condensed": "a condensed rendering shortens but keeps the point; here who is unwilling changes",
    }.get(str(given)),
))

_register(Question(
    "q16_not_yet_testable", "05",
    "How many of the course's forecast checks could not yet be tested against later sources?",
    "notebook 05, the forecast checks (data/forecast_checks.csv, column 'verdict')",
    correct=lambda: int((load("forecast_checks")["verdict"] == "not_yet_testable").sum()),
    explain=lambda given: next((f"{given} is the number of checks with the verdict '{v.replace('_', ' ')}'"
                                for v, n in load("forecast_checks")["verdict"].astype(str).value_counts().items() if n == given), None),
))


# ---- the public interface --------------------------------------------------------------------------------

def question_ids() -> list[str]:
    return list(_QUESTIONS)


def _question(question_id: str) -> Question:
    if question_id not in _QUESTIONS:
        raise KeyError(f"no question {question_id!r}; the questions are: {', '.join(_QUESTIONS)}")
    return _QUESTIONS[question_id]


def questions(*notebooks: str) -> pd.DataFrame:
    """The questions (all, or those of the notebooks named, e.g. ``questions("01", "02")``) with their choices; no answers."""
    rows = []
    for q in _QUESTIONS.values():
        if notebooks and q.notebook not in notebooks:
            continue
        choices = "; ".join(f"({chr(97 + i)}) {c}" for i, c in enumerate(q.choices())) if q.choices else ("a name" if q.text else "a number")
        rows.append({"id": q.qid, "notebook": q.notebook, "question": q.prompt, "answer with": choices})
    return pd.DataFrame(rows, columns=["id", "notebook", "question", "answer with"])


def answer(question_id: str) -> object:
    """The correct answer, computed from the data now (a number, or the text of the right choice)."""
    return _question(question_id).correct()


def _as_number(given: object) -> float | None:
    if isinstance(given, bool):
        return None
    if isinstance(given, (int, float)):
        return float(given)
    text = normalise(str(given)).rstrip("%").replace("percent", "").strip()
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else None


def _as_choice(given: object, choices: list[str]) -> str | None:
    """The choice a student meant: its letter ('b'), its text in any case, or a source's id ('evstratov2022')."""
    text = normalise(str(given)).strip(" .()")
    if len(text) == 1 and "a" <= text <= chr(96 + len(choices)):
        return choices[ord(text) - 97]
    ids = {normalise(v): k for k, v in source_names().items()}
    exact = [c for c in choices if text in (normalise(c), normalise(c).replace(" ", "_")) or ids.get(normalise(c)) == text]
    if exact:
        return exact[0]
    # 'Evstratov' for 'Evstratov 2022', 'Samarkand' for 'Samarkand': a unique first word is enough
    by_first_word = [c for c in choices if len(text) > 3 and normalise(c).split()[0].strip(";,") == text]
    return by_first_word[0] if len(by_first_word) == 1 else None


def check(question_id: str, given: object) -> str:
    """'Right: ...' or 'Not quite: <why> ...' for one answer; the reason comes from the data where possible."""
    q = _question(question_id)
    if given is None or (isinstance(given, str) and not given.strip()):
        return f"No answer yet for {question_id}. Look in {q.where}."
    correct = q.correct()
    if q.text:
        if normalise(str(given)).strip(" .'\"") == normalise(str(correct)):
            return f"Right: {correct}."
        why = q.explain(given)
        return f"Not quite: {why}." if why else f"Not quite: the course's correction gives another name. Look again in {q.where}."
    if q.choices is None:
        number = _as_number(given)
        if number is None:
            return f"Not quite: {given!r} is not a number, and this question asks for one. Look in {q.where}."
        if number == float(correct):
            return f"Right: {int(number) if number.is_integer() else number}."
        value = int(number) if number.is_integer() else number
        why = q.explain(value)
        return f"Not quite: {why}." if why else f"Not quite: the data do not give {value} here. Look again in {q.where}."
    choices = q.choices()
    chosen = _as_choice(given, choices)
    if chosen is None:
        return f"Not quite: {given!r} is not one of the choices ({'; '.join(choices)}). Look in {q.where}."
    if normalise(chosen) == normalise(str(correct)):
        return f"Right: {chosen}."
    why = q.explain(chosen)
    return f"Not quite: {why}." if why else f"Not quite: the sources do not support '{chosen}' here. Look again in {q.where}."


def check_all(answers: dict[str, object]) -> pd.DataFrame:
    """Check several answers at once: one row per question asked about, with the message."""
    return pd.DataFrame([{"id": k, "result": check(k, v)} for k, v in answers.items()], columns=["id", "result"])
