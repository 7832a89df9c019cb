"""The facts behind notebook 00's questions (wording in questions.yaml). Each query returns the answer (``right`` or
``answer``) and the values its feedback quotes, computed from the data when asked."""

from __future__ import annotations

import re

import pandas as pd

from ...data.frames import load, source_says
from ...data.verbatim import normalise
from .. import facts
from ..wording import and_join

HEADLINE = "Allies with different priorities"


def _dated_by(basis: str) -> list[str]:
    sources = facts.sources()
    return [facts.source_dated(s) for s in facts.source_order() if str(sources.loc[s, "date_basis"]) == basis]


def stated_dates() -> dict:
    """How many sources print their own date; the others' dates are inferred."""
    stated, inferred = _dated_by("stated"), _dated_by("inferred")
    return {
        "answer": len(stated),
        "stated": stated,
        "inferred": inferred,
        "n_inferred": len(inferred),
        "inferred_list": "; ".join(inferred),
    }


def _once(text: str) -> str:
    """A description with a word said twice in a row of a list read once ('historian, journalist and journalist' →
    'historian and journalist'), as the author note in the sources table words it."""
    return re.sub(r"(\w+), (\w+) and \2\b", r"\1 and \2", text)


def yerevan_author() -> dict:
    """The source whose author description names Yerevan."""
    sources = facts.sources()
    records = []
    for s in facts.source_order():
        row = sources.loc[s]
        records.append(
            {
                "source_id": s,
                "name": facts.sname(s),
                "description": _once(str(row["author_description"])),
                "who": row["author"] if isinstance(row["author"], str) else "no author named",
                "outlet": row["outlet"],
            }
        )
    right = [r["source_id"] for r in records if "Yerevan" in str(r["description"])]
    return {"right": right, "sources": records}


def foreign_agent_notice() -> dict:
    """What the copy lets us know about the notice above Mitchell's article: that it labels this copy, not who printed
    it, under what rule, or whether the article's claims hold."""
    row = facts.sources().loc["mitchell2026"]
    republisher = row["republished_by"] if isinstance(row["republished_by"], str) else ""
    notice = row["label"] if isinstance(row["label"], str) else ""
    return {
        "right": "labels_copy" if notice else "no_notice",
        "author": row["author"],
        "outlet": row["outlet"],
        "republisher": republisher,
        "notice": notice,
        "url": row["url"] if isinstance(row["url"], str) else "",  # an empty cell reads as NaN: never print "nan"
    }


def _pairs() -> pd.DataFrame:
    return load("translation_pairs")


def omitted_passages() -> dict:
    """How many passages of Stratfor's original the Indonesian translation leaves out."""
    pairs = _pairs()
    omitted = pairs["shift"].astype(str) == "omission"
    first = int(pairs.loc[pairs["translation"].notna(), "seq"].min())
    before = int((omitted & (pairs["seq"] < first)).sum())
    return {
        "answer": int(omitted.sum()),
        "n_passages": len(pairs),
        "n_rendered": int(pairs["translation"].notna().sum()),
        "first_rendered": first,
        "before_words": _count_words(before),
        "inside_words": _count_words(int(omitted.sum()) - before),
    }


def _count_words(n: int) -> str:
    """Digits for a count a reader checks against a table; a word for the small ones a sentence reads better with."""
    return facts.number_word(n) if n < 10 else str(n)


def _year_counts() -> pd.Series:
    """Dated rows per year, counting only rows that fall within one year (as notebook 00's chart does)."""
    rows = facts.view("dated_rows")
    within = rows[rows["start"].dt.year == rows["end"].dt.year]
    return within["start"].dt.year.value_counts()


def busiest_year() -> dict:
    """The year that holds the most dated rows on the overview timeline; the sources that wrote in it."""
    counts = _year_counts()
    year = int(counts.idxmax())
    writers = [facts.sname(s) for s in facts.source_order() if facts.sources().loc[s, "start"].year == year]
    return {
        "answer": year,
        "top": int(counts.max()),
        "writers": writers,
        "years": [{"year": int(y), "count": int(n), "one": int(n) == 1} for y, n in counts.items() if int(y) != year],
    }


def most_rows_source() -> dict:
    """Which source gives the overview timeline the most dated rows, other reports (background rows) counted as one
    group beside our sources. The feedback on the busiest of our sources says it is the busiest of ours (as
    Exercise 1's answer says), and, when the other reports give more, that they do."""
    rows = facts.view("dated_rows")
    counts = rows["source"].value_counts()
    top = counts.idxmax()
    n_background = int(counts.get(facts.sname(None), 0))
    ours = {facts.sname(s): int(counts.get(facts.sname(s), 0)) for s in facts.source_order()}
    busiest = max(ours, key=ours.get)
    records = []
    for s in facts.source_order():
        name = facts.sname(s)
        mine = rows[rows["source"] == name]
        span = ""
        if name == busiest and len(mine):
            span = (f", the most of our sources, from {int(mine['start'].dt.year.min())} to its own date "
                    f"({facts.pub(s)})")
            if n_background > ours[name]:
                span += f"; but other reports (cited), counted as one group, give {n_background}"
        records.append({"source_id": s, "name": name, "n": ours[name], "span": span})
    right = next((r["source_id"] for r in records if r["name"] == top), "background")
    return {"right": right, "sources": records, "total": int(counts.sum()), "n_background": n_background}


def glossary_background() -> dict:
    """One background entry of the glossary among entries defined from our sources."""
    glossary = load("glossary")
    context = facts.context(glossary)
    seeded = facts.seed(glossary).set_index("term")
    chosen = [t for t in ("CSTO", "NATO", "quorum", "bloc") if t in seeded.index][:3]
    terms = [
        {"term": t, "key": t, "source": facts.sname(seeded.loc[t, "source_id"]), "quote": seeded.loc[t, "quote"]}
        for t in chosen
    ]
    row = context.iloc[0] if len(context) else None
    return {
        "right": row["term"] if row is not None else [],
        "terms": terms,
        "background": []
        if row is None
        else [{"term": row["term"], "key": row["term"], "citation": facts.cited_in_words(row["citation_id"])}],
    }


def background_rows() -> dict:
    """Exercise 1: how many dated rows on the overview chart are background rows."""
    counts = facts.view("dated_rows")["source"].value_counts()
    background = facts.sname(None)
    total, n = int(counts.sum()), int(counts.get(background, 0))
    return {
        "answer": n,
        "total": total,
        "n_ours": total - n,
        "per_source": [{"name": name, "count": int(c)} for name, c in counts.items() if name != background],
    }


def _afp_dailies() -> pd.DataFrame:
    quotes = load("quotes")
    return quotes[(quotes["source_id"] == "afp2022") & (quotes["speaker_kind"].astype(str) == "newspaper")]


def headline_daily() -> dict:
    """Exercise 2: the Russian daily the relayed AFP report quotes under a headline."""
    dailies = _afp_dailies()
    rows = dailies[dailies["words"].map(normalise) == normalise(HEADLINE)]
    if rows.empty:
        raise KeyError(f"no quotes.csv row of afp2022 with the words {HEADLINE!r}")
    right = str(rows["speaker"].iloc[0])
    others = [
        {"other": n, "other_first": n.split()[0], "other_words": w}
        for n, w in zip(dailies["speaker"], dailies["words"])
        if n != right
    ]
    return {
        "answer": right,
        "headline": HEADLINE,
        "opening": str(rows["quote"].iloc[0]).split(" said ")[0],
        "others": others,
        "tass_named": source_says("afp2022", "TASS"),
        "dailies": and_join(list(dailies["speaker"])),
    }
