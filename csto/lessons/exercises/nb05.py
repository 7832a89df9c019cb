"""The checks of notebook 05's exercises (reading the sources): each answer computed from the data when it is asked.

``quiz.check("ex05_…", answer)`` in the notebook's starter cells says right or wrong and why; these questions are
not part of the notebook's self-check (``quiz.questions("05")``).
"""

from __future__ import annotations

from ...data.frames import load
from ..quiz import Question, _kind_options, _shift_options, exercise
from ..source_criticism import count_in, events_at, term_in_context

EVSTRATOV = "evstratov2022"


# ---- Exercise 1: count more words --------------------------------------------------------------------------

def _operation_count() -> int:
    return count_in(EVSTRATOV, "operation")


def _operation_why() -> str:
    total, special = _operation_count(), count_in(EVSTRATOV, "special operation")
    others = term_in_context("operation", EVSTRATOV)
    others = others[~others["before"].str.lower().str.endswith("special")]
    example = f" (…{others.iloc[0]['before'][-30:]} {others.iloc[0]['term']}…)" if len(others) else ""
    return (f"Evstratov writes 'operation' {total} times: {special} in 'special operation' and "
            f"{total - special} other{example}. A count gathers every use of a word; only the context tells them apart")


def _operation_wrong(given: object) -> str | None:
    special = count_in(EVSTRATOV, "special operation")
    if given == special:
        return f"{given} counts only 'special operation'; the question asks for every 'operation' in Evstratov's text"
    mitchell = count_in("mitchell2026", "operation")
    if given == mitchell:
        return f"{given} is Mitchell's count of 'operation' (inside Putin's quoted words); the question asks about Evstratov"
    if given == 0:
        return "0 is the count of 'Kyiv', which no source writes; Evstratov does write 'operation'"
    return None


exercise(Question(
    "ex05_evstratov_operation", "05",
    "How many times does Evstratov write 'operation' (as a whole word, in any case)?",
    "notebook 05, Exercise 1 (source_criticism.term_counts and term_in_context)",
    "number",
    correct=_operation_count,
    why=_operation_why,
    wrong=_operation_wrong,
))


# ---- Exercise 2: sort Mitchell's claims ----------------------------------------------------------------------

exercise(Question(
    "ex05_mitchell_plan_kind", "05",
    "Mitchell writes: 'Putin also plans to deliver modern weapons and equipment to the other member states.' "
    "What kind of claim does the course file it as?",
    "notebook 05, Exercise 2 (source_criticism.claims_of('mitchell2026'))",
    "choice",
    options=lambda: _kind_options("mi_putin_plans_deliver"),
    ordered=True,
))


# ---- Exercise 3: the last sentence of the translation ---------------------------------------------------------

exercise(Question(
    "ex05_limp_along_shift", "05",
    "Stratfor's last rendered sentence says the bloc 'will continue to limp along'. What shift does the course "
    "record for its Indonesian translation?",
    "notebook 05, Exercise 3 (source_criticism.show_pair('tp_52_limp_along'))",
    "choice",
    options=lambda: _shift_options("tp_52_limp_along"),
    ordered=True,
))


# ---- Exercise 4: another setting to check ---------------------------------------------------------------------

def _astana_summits() -> int:
    return len(events_at("Astana", kind="summit"))


def _astana_why() -> str:
    summits = events_at("Astana", kind="summit")
    rows = "; ".join(f"{e.replace(' (background)', '')} ({w}, {'background' if s.startswith('Background') else s})"
                     for e, w, s in zip(summits["event"], summits["when"], summits["source"]))
    return (f"{len(summits)} rows place a summit in Astana: {rows}. They may report one summit or two: no row says "
            "that Japarov spoke at the background summit, so matching his criticism to it is a hypothesis to test, not a fact")


def _astana_wrong(given: object) -> str | None:
    everything = events_at("Astana")
    summits = events_at("Astana", kind="summit")
    if given == len(everything) and len(everything) != len(summits):
        others = everything[everything["kind"] != "summit"]
        return (f"{given} counts every event placed in Astana, including {others['event'].iloc[0]!r}, "
                f"which is a {others['kind'].iloc[0]}, not a summit")
    background = summits[summits["source"].str.startswith("Background")]
    if given == len(background) or given == len(summits) - len(background):
        return (f"{given} counts only the background row or only Evstratov's own row; {len(summits)} rows place a "
                "summit in Astana, the background one marked (whether they report one summit or two, the data cannot say)")
    return None


exercise(Question(
    "ex05_astana_summits", "05",
    "How many rows of the course's data place a summit in Astana, background rows included?",
    "notebook 05, Exercise 4 (source_criticism.events_at('Astana'))",
    "number",
    correct=_astana_summits,
    why=_astana_why,
    wrong=_astana_wrong,
))
