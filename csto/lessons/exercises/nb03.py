"""The checks of notebook 03's exercises (Kazakhstan, January 2022), computed from the data like the quiz.

- ``ex03_mission_days``: days from the first troops' arrival to the planned completion of the withdrawal (both
  background rows), a number;
- ``ex03_days_source``: which course source gives either of those two days (none: both are background), a choice.
"""

from __future__ import annotations

import pandas as pd

from ...data.frames import load
from ...data.views import with_labels
from ...labels import publisher, source_name
from ..quiz import Option, Question, exercise

ARRIVAL = "ev_2022_01_06_first_troops_context"
WITHDRAWAL = "ev_2022_01_13_kaz_withdrawal_context"
WAR = "ev_2022_02_24_invasion_context"


def _events() -> pd.DataFrame:
    return with_labels(load("events")).set_index("event_id")


def mission_days() -> int:
    """From the first troops' arrival (its day) to the last day of the withdrawal's span (its planned completion)."""
    events = _events()
    return int((events.loc[WITHDRAWAL, "end"] - events.loc[ARRIVAL, "start"]).days)


def _why_days() -> str:
    events = _events()
    arrival, withdrawal = events.loc[ARRIVAL], events.loc[WITHDRAWAL]
    return (f"From {arrival['when']} (first troops arrive) to {withdrawal['end'].day} {withdrawal['end']:%b %Y}, the last day of "
            f"the withdrawal ({withdrawal['when']}). {withdrawal['date_note']} Both are background rows "
            f"({publisher(arrival['citation_id'])}; {publisher(withdrawal['citation_id'])}): the course's arithmetic on "
            "background dates, and its end is a planned date, not an observed one.")


def _wrong_days(given: object) -> str | None:
    if not isinstance(given, (int, float)):
        return None
    events = _events()
    arrival, withdrawal = events.loc[ARRIVAL], events.loc[WITHDRAWAL]
    right = mission_days()
    known = {
        int((withdrawal["start"] - arrival["start"]).days):
            f"{given} days reach only the start of the withdrawal ({withdrawal['start'].day} {withdrawal['start']:%b %Y}); "
            "use its end, the day it was to be completed by",
        right + 1: f"{given} counts both the first and the last day; subtracting the dates gives {right}",
        int((events.loc[WAR, "start"] - arrival["start"]).days):
            f"{given} days run from the arrival to the start of the war in Ukraine ({events.loc[WAR, 'when']}), not to the withdrawal",
        int((events.loc[WAR, "start"] - withdrawal["end"]).days):
            f"{given} days run from the withdrawal to the start of the war, not from the arrival",
    }
    return known.get(int(given)) if float(given).is_integer() else None


exercise(Question(
    "ex03_mission_days", "03",
    "How many days passed from the arrival of the first troops to the planned completion of the withdrawal?",
    "notebook 03, Exercise 2 (data/events.csv: the 'start' of the arrival row, the 'end' of the withdrawal row)",
    "number",
    correct=mission_days,
    why=_why_days,
    wrong=_wrong_days,
))


def _days_source_options() -> list[Option]:
    events = _events()
    both = events.loc[[ARRIVAL, WITHDRAWAL]]
    background = bool((both["origin"] == "context").all())
    seed = events[(events["crisis_id"] == "kaz_2022") & (events["origin"] == "seed")]
    withdrawn = seed[seed["quote"].str.contains("withdraw", case=False)]

    def gives(source_id: str) -> str:
        rows = seed[seed["source_id"] == source_id]
        if rows.empty:
            return f"{source_name(source_id)} does not mention the mission"
        dated = rows.loc[rows["quote"].str.contains("2022"), "quote"]
        words = min(dated, key=len) if len(dated) else rows.iloc[0]["quote"]
        return f"{source_name(source_id)} dates it only as {' or '.join(dict.fromkeys(rows['when']))} (“{words}”), no day"

    return [
        Option("Neither — both days come from background rows", background,
               f"both rows are background ({publisher(both.iloc[0]['citation_id'])}; {publisher(both.iloc[1]['citation_id'])}); "
               f"{gives('evstratov2022')}; {gives('mitchell2026')}"),
        Option("Mitchell — he gives the arrival day", False, gives("mitchell2026")),
        Option("Evstratov — he gives the withdrawal day", False,
               (f"Evstratov mentions the withdrawal (“{withdrawn.iloc[0]['quote']}”) but gives no day; " if len(withdrawn) else "")
               + gives("evstratov2022")),
        Option("Both sources give both days", False, f"{gives('evstratov2022')}; {gives('mitchell2026')}"),
    ]


exercise(Question(
    "ex03_days_source", "03",
    "Which course source gives the day of the first troops' arrival or the day of the withdrawal?",
    "notebook 03, Exercise 2 (data/events.csv, columns 'origin' and 'when')",
    "choice",
    options=_days_source_options,
    ordered=True,
))
