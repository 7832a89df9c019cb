"""A per-member scorecard of supportive and distancing acts, 2022 onwards, and a self-check for students.

Notebook 04 asks students to count, per member, the acts the data codes as support versus criticism, refusal,
suspension or distancing, and then to ask what such a count cannot capture. The reference lives here, tested, so
the notebook's exercise can tell a student whether their own pandas answer matches.
"""

from __future__ import annotations

import pandas as pd

from ..data.frames import load
from .wording import NOTHING_MATCHED

SUPPORTIVE = ("support",)
DISTANCING = ("criticism", "refusal", "suspension", "distancing", "absence")
# deployment, request, outreach and none are left out: they say what a state did, not whether it moved towards
# or away from Moscow and the bloc (a Russian deployment in Ukraine, an Armenian call for help, a US visit).
MISSION = ("request", "deployment")
# ... except a state's part in a troop mission of the bloc (its call for the mission, its troops in it): a chart of
# every act draws it as a third, neutral kind, so a lane without support marks is not read as a lane without any part
# in the bloc's one troop mission. Its words on the chart say what the state did, not whether it was support.
MISSION_TITLES = {"deployment": "Sent troops to the CSTO mission"}


def mission_events() -> set[str]:
    """The events of the crises the bloc answered by sending troops (a ``deployment`` response in
    crisis_responses.csv): read from the record, so a second mission would be drawn with no change here."""
    responses = load("crisis_responses")
    sent = set(responses.loc[responses["response"].astype(str) == "deployment", "crisis_id"])
    events = load("events")
    return set(events.loc[events["crisis_id"].isin(sent), "event_id"])


def classify(act: str) -> str:
    """'supportive', 'distancing' or 'other' for an act code of event_countries.csv."""
    if act in SUPPORTIVE:
        return "supportive"
    if act in DISTANCING:
        return "distancing"
    return "other"


def cohesion_acts(
    acts: pd.DataFrame,
    members: list[str],
    since: str = "2022-01-01",
    include_context: bool = False,
    skip_kinds: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Supportive and distancing acts of ``members`` whose date span starts on or after ``since``.

    ``acts`` is ``views.country_acts()`` (``csto.data.views``). By default only rows from our sources count
    (background rows are not evidence of the sources). A summit counts like any other event: the codebook codes the
    meeting itself (a member's attendance is act ``none``) and what was said there as a statement of its own, so a
    summit row carries an act only where one happened there (an absence, a refusal) and no act is counted twice.
    ``skip_kinds`` leaves out events of the kinds named (none by default).
    Pass ``include_context=True`` to draw every marker in a chart: then each member's part in a troop mission of the
    bloc (:data:`MISSION`) comes too, on the side ``mission``, neither support nor distancing.
    """
    frame = acts[acts["iso3"].isin(members) & (acts["start"] >= pd.Timestamp(since))]
    act = frame["act"].astype(str)
    in_mission = act.isin(MISSION) & frame["event_id"].isin(mission_events() if include_context else ())
    frame = frame[act.isin(SUPPORTIVE + DISTANCING) | in_mission]
    if not include_context:
        frame = frame[frame["origin"] == "seed"]
    frame = frame[~frame["kind"].astype(str).isin(skip_kinds)]
    frame = frame.drop_duplicates(["event_id", "iso3", "act"]).reset_index(drop=True)
    act = frame["act"].astype(str)
    mission = act.isin(MISSION)
    frame = frame.assign(side=act.map(classify).where(~mission, "mission"))
    if "title" in frame:  # the words a lane's mark carries: what this state did in the mission
        frame["title"] = frame["title"].where(~mission, act.map(MISSION_TITLES).fillna(frame["title"]))
    return frame


def scorecard(acts: pd.DataFrame, members: list[str], since: str = "2022-01-01") -> pd.DataFrame:
    """One row per member (``members`` order, indexed by English name): supportive and distancing acts and the net.

    Counts distinct events per member from :func:`cohesion_acts` with its defaults (course sources only).
    ``net`` = supportive − distancing: a crude balance that the notebook asks students to question.
    """
    frame = cohesion_acts(acts, members, since)
    names = dict(zip(acts["iso3"], acts["name_en"]))
    counts = pd.crosstab(frame["iso3"], frame["side"]).reindex(
        index=members, columns=["supportive", "distancing"], fill_value=0
    )
    counts = counts.astype(int)
    counts["net"] = counts["supportive"] - counts["distancing"]
    counts.index = [names.get(i, i) for i in counts.index]
    counts.index.name = "member"
    counts.columns.name = None
    return counts


def _keyed_by_member(mine: pd.DataFrame, reference: pd.DataFrame, members: list[str]) -> pd.DataFrame | None:
    """``mine`` indexed by the reference's member names, wherever the student put the members: in the index or in a
    column, as English names (any case) or ISO3 codes. None when no index or column holds any member."""
    names = {str(n).lower(): n for n in reference.index}
    names.update({str(code).lower(): name for code, name in zip(members, reference.index)})
    candidates = [pd.Series(mine.index, index=mine.index)] if not isinstance(mine.index, pd.MultiIndex) else []
    candidates += [
        mine[c]
        for c in mine.columns
        if c not in ("supportive", "distancing", "net") and not pd.api.types.is_numeric_dtype(mine[c])
    ]
    for keys in candidates:
        mapped = keys.map(lambda k: names.get(str(k).strip().lower()))
        if mapped.notna().any():
            return mine.set_axis(pd.Index(mapped.fillna(keys.astype(str)).to_numpy(), name="member"), axis=0)
    return None


def check(mine: object, acts: pd.DataFrame, members: list[str]) -> bool:
    """Tell a student whether their scorecard matches the reference; print what differs. Never raises.

    ``mine`` is a DataFrame with integer columns ``supportive`` and ``distancing`` and one row per member; the
    members (English names or ISO3 codes) may be its index or one of its columns, e.g. the result of
    ``frame.groupby("name_en")...`` with or without ``reset_index()``. The exercise asks for the table sorted, most
    distancing first: right counts in another order get their own feedback, not "Right".
    """
    reference = scorecard(acts, members)
    form = (
        f"a table with one line per member ({', '.join(reference.index)}; their names or three-letter country codes, "
        "down the left side or in a column) and the columns 'supportive' and 'distancing'"
    )
    if isinstance(mine, pd.DataFrame) and mine.empty:
        print(f"Not yet: your table is empty; most often {NOTHING_MATCHED}. Then make {form}.")
        return False
    if not isinstance(mine, pd.DataFrame):
        print(f"Not yet: make {form}.")
        return False
    missing_columns = [c for c in ("supportive", "distancing") if c not in mine.columns]
    if missing_columns:
        print(f"Not yet: your table lacks the column{'s' if len(missing_columns) > 1 else ''} "
              f"{' and '.join(repr(c) for c in missing_columns)}; make {form}.")
        return False
    theirs = _keyed_by_member(mine, reference, members)
    if theirs is None:
        print(f"Not yet: nothing in your table names the members; make {form}.")
        return False
    doubled = sorted({m for m in theirs.index[theirs.index.duplicated()] if m in reference.index})
    if doubled:
        print(f"Not yet: your table has more than one line for {', '.join(doubled)}; make {form}.")
        return False
    missing_rows = [m for m in reference.index if m not in theirs.index]
    if missing_rows:
        print(f"Not yet: no line for {', '.join(missing_rows)}. A member with no acts needs a line of zeros.")
        return False
    try:
        values = theirs.loc[list(reference.index), ["supportive", "distancing"]].astype(int)
    except (TypeError, ValueError):
        print("Not yet: the columns 'supportive' and 'distancing' must hold whole numbers (counts of events).")
        return False
    # Name the cells that differ and which way, never the reference's numbers: a printed answer can be copied.
    wrong = [
        f"{m}: your '{c}' count is too {'high' if values.loc[m, c] > int(reference.loc[m, c]) else 'low'}"
        for m in reference.index
        for c in ("supportive", "distancing")
        if values.loc[m, c] != int(reference.loc[m, c])
    ]
    if wrong:
        print(
            "Close, but these differ (did you keep only acts from our sources, from 2022 on?):\n  "
            + "\n  ".join(wrong)
        )
        return False
    order = _sort_problem([int(values.loc[m, "distancing"]) for m in theirs.index if m in reference.index])
    if order:
        print(f"Your counts are right; {order}")
        return False
    print("Right: your scorecard matches the reference, most distancing first.")
    return True


def _sort_problem(distancing: list[int]) -> str | None:
    """What is left to do when the counts are right but the lines are not in the order the exercise asks (most
    distancing first; members with equal counts in any order), in words that name no count and no member; None when
    the order is right."""
    if distancing == sorted(distancing, reverse=True):
        return None
    how = 'sort_values("distancing", ascending=False)'
    if distancing == sorted(distancing):
        return (f"now turn the order round: your table runs from the fewest distancing acts to the most, and the "
                f"exercise asks for the most first ({how}).")
    return (f"now sort it, most distancing first, as the worked example sorts its table ({how}), and keep the "
            f"sorted table under its name: mine = mine.{how} (sort_values makes a new table and leaves the old one "
            "as it was).")
