"""Small views for notebook 04 (strains of the Ukraine war): who the members were, and readable figure labels.

Kept out of the notebook so that each rule (which list of members, how a percentage is labelled) is written once,
tested, and shows its period: a percentage without its years invites the wrong comparison.
"""

from __future__ import annotations

import pandas as pd

from .data import load

FIGURE_LABELS = {
    "arms_exports_decrease": "Fall in {subject}",
    "share_of_arms_imports_from_russia": "Share of {subject} from Russia",
}


def members_listed_by(source_id: str) -> list[str]:
    """ISO3 codes of the states a source lists as members (membership rows 'listed_as_member'), in table order.

    Why: the course does not decide membership in its own voice; the 2022 member list is the one AFP gives.
    """
    membership = load("membership")
    listed = membership[(membership["change"] == "listed_as_member") & (membership["source_id"] == source_id)]
    if listed.empty:
        raise KeyError(f"{source_id!r} lists no members in data/membership.csv")
    return list(dict.fromkeys(listed["iso3"]))


def figure_label(figures: pd.DataFrame) -> pd.Series:
    """'Fall in arms exports to Central Asia, 2021–2023': what the number measures, about whom, and its period.

    ``figures`` needs ``metric``, ``subject`` and ``when`` (``tables.with_labels``). The subject is cut before any
    bracketed note; metrics without a template keep their subject as written.
    """
    labels = []
    for metric, subject, when in zip(figures["metric"], figures["subject"], figures["when"]):
        short = str(subject).split(" (")[0]
        text = FIGURE_LABELS.get(metric, "{subject}").format(subject=short)
        labels.append(f"{text}, {when}")
    return pd.Series(labels, index=figures.index, name="label")
