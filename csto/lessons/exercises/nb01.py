"""Checks of notebook 01's exercises (founding and membership), registered with ``quiz.exercise``.

- ``ex01_members_1996_sources``: certain members on 31 December 1996 from the course sources alone (a number);
- ``ex01_members_1996_background``: the same count with background rows (a number);
- ``ex01_uzbekistan_2010``: Uzbekistan's status on 31 December 2010 with background rows (a choice).

Every answer and every piece of feedback is computed from the data when it is asked (``csto.data.views``), so a
corrected membership row changes the check with it.
"""

from __future__ import annotations

from ...data.frames import load
from ...data.views import STATUSES, member_count, membership_status
from ... import labels
from ..quiz import Option, Question, exercise, membership_row_words

YEAR = 1996  # the fixed year of exercise 1
UZB_YEAR = 2010  # the year of exercise 3: the violence in southern Kyrgyzstan of notebook 02


def _names() -> dict[str, str]:
    countries = load("countries")
    return dict(zip(countries["iso3"], countries["name_en"]))


def _and(items: list[str]) -> str:
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _states(year: int, status: str, include_context: bool) -> list[str]:
    table = membership_status(year, include_context)
    names = _names()
    return sorted(names.get(i, i) for i in table.loc[table["status"] == status, "iso3"])


def _count(year: int, include_context: bool, status: str = "member") -> int:
    return int(member_count(year, include_context)[status])


def _background_rows(iso3: str | None = None):
    membership = load("membership")
    rows = membership[membership["origin"].astype(str) == "context"]
    return rows if iso3 is None else rows[rows["iso3"] == iso3]


def _dated(row) -> str:
    return labels.date_label(row["date"], row["date_end"], row["date_precision"])


def _signatures() -> str:
    rows = _background_rows()
    rows = rows[(rows["change"].astype(str) == "joined") & (rows["start"].dt.year <= YEAR)].sort_values("start")
    last = rows.iloc[-1] if len(rows) else None
    if last is None:
        return "no background row dates the signatures"
    publisher = labels.publisher(last["citation_id"])
    return (f"background signature dates put the last signature on {_dated(last)} ({_names()[last['iso3']]}; "
            f"{publisher}, a weaker source)")


# ---- exercise 1: how many members at the end of 1996? --------------------------------------------------------

def _sources_why() -> str:
    members = _states(YEAR, "member", False)
    uncertain = _states(YEAR, "uncertain", False)
    return (f"From the course sources alone {len(members)} states are certain members on 31 December {YEAR}: "
            f"{_and(members)}. {_and(uncertain)} are uncertain: Stratfor says only that they had withdrawn 'by 1999', "
            f"so 31 December {YEAR} falls inside the span.")


def _sources_wrong(given: object) -> str | None:
    with_background = _count(YEAR, True)
    uncertain = _count(YEAR, False, "uncertain")
    if given == with_background and with_background != _count(YEAR, False):
        return (f"{given} is the count with background rows ({_signatures()}); the question asks for the course "
                "sources alone: use include_context=False")
    if given == uncertain:
        return f"{given} is how many states are uncertain at the end of {YEAR}, not how many are certain members"
    if given == _count(YEAR, False) + uncertain:
        return (f"{given} counts the uncertain states as members; Stratfor's 'by 1999' leaves open whether "
                f"{_and(_states(YEAR, 'uncertain', False))} had left by 31 December {YEAR}")
    return None


def _background_why() -> str:
    members = _states(YEAR, "member", True)
    lapse = _background_rows()
    lapse = lapse[lapse["change"].astype(str) == "did_not_renew"]
    lapse_when = _and(sorted({_dated(r) for _, r in lapse.iterrows()}))
    lapse_who = _and(sorted(_names()[i] for i in lapse["iso3"]))
    return (f"With background rows, {len(members)} states are members on 31 December {YEAR} ({_and(members)}): "
            f"{_signatures()}, and background dates the end for {lapse_who} to {lapse_when}. "
            "Background, not from the course sources.")


def _background_wrong(given: object) -> str | None:
    alone = _count(YEAR, False)
    if given == alone and alone != _count(YEAR, True):
        return (f"{given} is the count from the course sources alone; with background rows (the default of "
                f"views.member_count) the signature and lapse dates decide the uncertain states")
    if given == _count(YEAR, False, "uncertain"):
        return f"{given} is how many states the course sources alone leave uncertain at the end of {YEAR}"
    return None


exercise(Question(
    "ex01_members_1996_sources", "01",
    f"How many states were certain members of the bloc on 31 December {YEAR}, from the course sources alone?",
    "notebook 01, 'How sure can we be? Counting members year by year' (views.member_count(1996, include_context=False))",
    "number", correct=lambda: _count(YEAR, False), why=_sources_why, wrong=_sources_wrong,
))

exercise(Question(
    "ex01_members_1996_background", "01",
    f"How many states were members of the bloc on 31 December {YEAR}, with background rows?",
    "notebook 01, 'How sure can we be? Counting members year by year' (views.member_count(1996))",
    "number", correct=lambda: _count(YEAR, True), why=_background_why, wrong=_background_wrong,
))


# ---- exercise 3: what does background change? Uzbekistan in 2010 --------------------------------------------

def _uzb_status(include_context: bool) -> str:
    table = membership_status(UZB_YEAR, include_context).set_index("iso3")
    return str(table.loc["UZB", "status"]) if "UZB" in table.index else "not a member"


def _uzb_history() -> str:
    rows = _background_rows("UZB").sort_values("start")
    rows = rows[rows["start"].dt.year > 1999]
    return "; ".join(f"{membership_row_words(r)} ({_dated(r)}, {labels.publisher(r['citation_id'])})" for _, r in rows.iterrows())


def _uzb_options() -> list[Option]:
    right, alone = _uzb_status(True), _uzb_status(False)
    history = _uzb_history()
    options = []
    for status in STATUSES:
        if status == right:
            why = (f"With background rows Uzbekistan is a {status} on 31 December {UZB_YEAR}: background, not from the "
                   f"course sources, reports {history}. From the course sources alone it is a {alone}: Stratfor's "
                   "story of Uzbekistan ends with the withdrawal 'by 1999'.")
        elif status == alone:
            why = (f"'{status}' is its status from the course sources alone (Stratfor: withdrawn 'by 1999', and no "
                   f"course source mentions it after that); the question asks with background rows, which report {history}")
        elif status == "uncertain":
            why = (f"no row for Uzbekistan leaves 31 December {UZB_YEAR} inside a span: Stratfor's 'by 1999' ends in "
                   f"1999, and the background rows are dated to the day ({history})")
        elif status == "participation suspended":
            why = "no row reports that Uzbekistan stopped taking part while remaining a member; that is Armenia's case (Mitchell)"
        elif status == "membership suspended":
            suspended = _background_rows("UZB")
            suspended = suspended[suspended["change"].astype(str) == "membership_suspended"].sort_values("start")
            told = "; ".join(f"{membership_row_words(r)} ({_dated(r)})" for _, r in suspended.iterrows())
            why = (f"background reports the suspension only after {UZB_YEAR}: {told}" if len(suspended) and suspended.iloc[0]["start"].year > UZB_YEAR
                   else "no row suspends Uzbekistan's membership by then")
        else:
            why = ("Stratfor names Uzbekistan among the nine that joined 'in its first two years', and background "
                   f"reports {history}")
        options.append(Option(status, status == right, why))
    return options


exercise(Question(
    "ex01_uzbekistan_2010", "01",
    f"With background rows, what was Uzbekistan's status on 31 December {UZB_YEAR}?",
    f"notebook 01, 'What happened between 1999 and 2022?' (views.membership_status({UZB_YEAR}))",
    "choice", options=_uzb_options, ordered=True,
))
