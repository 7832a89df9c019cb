"""A per-member scorecard of supportive and distancing acts, 2022 onwards, and a self-check for students.

Notebook 04 asks students to count, per member, the acts the data codes as support versus criticism, refusal,
suspension or distancing, and then to ask what such a count cannot capture. The reference lives here, tested, so
the notebook's exercise can tell a student whether their own pandas answer matches.
"""

from __future__ import annotations

import pandas as pd

SUPPORTIVE = ("support",)
DISTANCING = ("criticism", "refusal", "suspension", "distancing", "absence")
# deployment, request, outreach and none are left out: they say what a state did, not whether it moved towards
# or away from Moscow and the bloc (a Russian deployment in Ukraine, an Armenian call for help, a US visit).


def classify(act: str) -> str:
    """'supportive', 'distancing' or 'other' for an act code of event_countries.csv."""
    if act in SUPPORTIVE:
        return "supportive"
    if act in DISTANCING:
        return "distancing"
    return "other"


def cohesion_acts(acts: pd.DataFrame, members: list[str], since: str = "2022-01-01",
                  include_context: bool = False, skip_kinds: tuple[str, ...] = ("summit",)) -> pd.DataFrame:
    """Supportive and distancing acts of ``members`` whose date span starts on or after ``since``.

    ``acts`` is ``tables.country_acts()``. By default only rows from the course sources count (background rows are
    not evidence of the sources), and summit rows are skipped: the data records a speaker's act both on the summit
    and on the statement made there (Japarov at Astana, Pashinyan at Yerevan), which would count one act twice.
    Pass ``skip_kinds=()`` and ``include_context=True`` to draw every marker in a chart.
    """
    frame = acts[acts["iso3"].isin(members) & (acts["start"] >= pd.Timestamp(since))]
    frame = frame[frame["act"].astype(str).isin(SUPPORTIVE + DISTANCING)]
    if not include_context:
        frame = frame[frame["origin"] == "seed"]
    frame = frame[~frame["kind"].astype(str).isin(skip_kinds)]
    frame = frame.drop_duplicates(["event_id", "iso3", "act"]).reset_index(drop=True)
    return frame.assign(side=frame["act"].astype(str).map(classify))


def scorecard(acts: pd.DataFrame, members: list[str], since: str = "2022-01-01") -> pd.DataFrame:
    """One row per member (``members`` order, indexed by English name): supportive and distancing acts and the net.

    Counts distinct events per member from :func:`cohesion_acts` with its defaults (course sources only, no
    summit rows). ``net`` = supportive − distancing: a crude balance that the notebook asks students to question.
    """
    frame = cohesion_acts(acts, members, since)
    names = dict(zip(acts["iso3"], acts["name_en"]))
    counts = pd.crosstab(frame["iso3"], frame["side"]).reindex(index=members, columns=["supportive", "distancing"], fill_value=0)
    counts = counts.astype(int)
    counts["net"] = counts["supportive"] - counts["distancing"]
    counts.index = [names.get(i, i) for i in counts.index]
    counts.index.name = "member"
    counts.columns.name = None
    return counts


def check(mine: object, acts: pd.DataFrame, members: list[str]) -> bool:
    """Tell a student whether their scorecard matches the reference; print what differs. Never raises.

    ``mine`` should be a DataFrame indexed by member (English name or ISO3 code) with integer columns
    ``supportive`` and ``distancing``.
    """
    reference = scorecard(acts, members)
    if not isinstance(mine, pd.DataFrame) or mine.empty:
        print(f"Not yet: make a DataFrame with one row per member ({', '.join(reference.index)}) "
              "and the columns 'supportive' and 'distancing'.")
        return False
    missing_columns = [c for c in ("supportive", "distancing") if c not in mine.columns]
    if missing_columns:
        print(f"Not yet: your table lacks the column(s) {missing_columns}.")
        return False
    codes = dict(zip(members, reference.index))
    theirs = mine.rename(index=lambda i: codes.get(i, i))
    missing_rows = [m for m in reference.index if m not in theirs.index]
    if missing_rows:
        print(f"Not yet: no row for {', '.join(missing_rows)}.")
        return False
    wrong = [f"{m}: you have {int(theirs.loc[m, c])} {c}, the reference has {int(reference.loc[m, c])}"
             for m in reference.index for c in ("supportive", "distancing") if int(theirs.loc[m, c]) != int(reference.loc[m, c])]
    if wrong:
        print("Close, but these differ (did you keep only course-source rows, from 2022 on, and skip summit rows?):\n  "
              + "\n  ".join(wrong))
        return False
    print("Right: your scorecard matches the reference.")
    return True
