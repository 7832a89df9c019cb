"""Facts the questions of several notebooks share: the data lookups the queries of ``nbNN/queries.py`` build on.

Each is a small function of the data (never a value typed in), so a corrected row changes every question that
rests on it. Values that every question file may use in its wording (``{n_sources}``, ``{n_sources_word}``) come
from ``common_values``, so no prompt writes a count by hand.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..data import lookups, views
from ..data.frames import load, schema, source_text
from ..data.verbatim import normalise, overlaps
from ..labels import BACKGROUND, code_label, date_label
from .wording import and_join, dated

__all__ = ["and_join"]  # re-exported: queries join lists as the templates do

NUMBER_NAMES = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
HEDGES = ("probably", "allegedly", "speculation", "perhaps", "likely", "may ", "could ")


def number_word(n: int) -> str:
    """'five' for 5 (up to twelve), else the digits."""
    return NUMBER_NAMES[n] if 0 <= n < len(NUMBER_NAMES) else str(n)


def common_values() -> dict:
    """Values every template may use: how many sources the course reads, in digits and in words, and how the course
    marks a fact from other reports (``labels.BACKGROUND``, the words the notebooks use)."""
    n = len(load("sources"))
    return {"n_sources": n, "n_sources_word": number_word(n), "other_reports": BACKGROUND}


# ---- tables and views ---------------------------------------------------------------------------------------


def seed(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows drawn from our sources (not background)."""
    return frame[frame["origin"].astype(str) == "seed"]


def context(frame: pd.DataFrame) -> pd.DataFrame:
    """The background rows (origin 'context'), each with a citation."""
    return frame[frame["origin"].astype(str) == "context"]


@lookups.keyed("events", "event_countries", "countries", "membership", "crises", "crisis_responses", "sources")
def view(name: str) -> pd.DataFrame:
    """A derived view of csto.data.views (country_acts, dated_rows, crisis_responses), computed once per data state."""
    return getattr(views, name)()


def labelled(name: str) -> pd.DataFrame:
    """A table with ``when`` and ``source`` in words."""
    return lookups.with_labels(load(name))


def sources() -> pd.DataFrame:
    return load("sources").set_index("source_id")


def source_order() -> list[str]:
    return lookups.source_order()


def sname(source_id: object) -> str:
    """A source's short name ('Stratfor 2017'), or 'background'."""
    return lookups.source_name(source_id)


SOURCE_NAMES = Path(__file__).with_name("source_names.csv")


def classroom_names(source_id: str) -> tuple[str, ...]:
    """The names the notebooks' prose gives a source ('the relayed report' for AFP 2022), read as that source wherever
    a source is the answer: a student copies the words the lesson uses, not only the short name the tables print.
    Any other key (not a source) has none."""
    return _classroom_names(SOURCE_NAMES.stat().st_mtime_ns).get(str(source_id), ())


@lru_cache(maxsize=2)
def _classroom_names(stamp: int) -> dict[str, tuple[str, ...]]:
    """``source_names.csv`` by source, each name checked: an unknown source id is named by file, row and column."""
    known = set(load("sources")["source_id"].astype(str))
    found: dict[str, tuple[str, ...]] = {}
    with SOURCE_NAMES.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            source_id, name = (row.get("source_id") or "").strip(), (row.get("name") or "").strip()
            if source_id not in known:
                raise ValueError(f"{SOURCE_NAMES}, row {row_number}, column source_id: {source_id!r} is not a source "
                                 "in data/sources.csv")
            if not name:
                raise ValueError(f"{SOURCE_NAMES}, row {row_number}, column name: empty")
            found[source_id] = (*found.get(source_id, ()), name)
    return found


def pub(source_id: str) -> str:
    """When a source was published, in words."""
    return lookups.source_published().get(source_id, "?")


def source_dated(source_id: str) -> str:
    return dated(sname(source_id), pub(source_id))


def cname(iso3: object) -> str:
    return lookups.country_name(iso3)


def publisher(citation_id: object) -> str:
    return lookups.publisher(citation_id) or lookups.citation(citation_id) or "background"


def citation(citation_id: object) -> str:
    return lookups.citation(citation_id)


def cited_in_words(citation_id: object) -> str:
    """'RBC, 6 Jan 2022': another report as a student reads it in feedback, its outlet and date; the headline (often in
    Russian) and the address stay in the notebook's tables of other reports and in data/citations.csv."""
    rows = load("citations").set_index("citation_id")
    if not isinstance(citation_id, str) or citation_id not in rows.index:
        return publisher(citation_id)
    row = rows.loc[citation_id]
    when = date_label(str(row["date"])) if isinstance(row["date"], str) and row["date"] else ""
    return ", ".join(p for p in (str(row["publisher"]), when) if p)


def response_words(code: object) -> str:
    return lookups.value_label("crisis_responses", "response", code)


def change_words(change: object) -> str:
    return code_label(change)


def row_of(table: str, key: str, value: str) -> pd.Series:
    """One row by its id, or KeyError naming the table (the question needs a row the data lack)."""
    frame = lookups.with_labels(load(table)).set_index(key)
    if value not in frame.index:
        raise KeyError(f"the quiz needs {key} {value!r}, which data/{table}.csv lacks")
    return frame.loc[value]


def claim(claim_id: str) -> pd.Series:
    return row_of("claims", "claim_id", claim_id)


def event(event_id: str) -> pd.Series:
    return row_of("events", "event_id", event_id)


def person(person_id: str) -> pd.Series | None:
    people = load("people").set_index("person_id")
    return people.loc[person_id] if person_id in people.index else None


def membership() -> pd.DataFrame:
    return labelled("membership")


def seed_change(iso3: str, change: str) -> pd.Series | None:
    rows = seed(membership())
    rows = rows[(rows["iso3"] == iso3) & (rows["change"] == change)]
    return rows.iloc[0] if len(rows) else None


def listed(source_id: str) -> list[str]:
    """The states a source lists as members (ISO3), or none."""
    try:
        return views.members_listed_by(source_id)
    except KeyError:
        return []


def listed_rows(source_id: str) -> pd.DataFrame:
    rows = membership()
    return rows[(rows["change"] == "listed_as_member") & (rows["source_id"] == source_id)]


def joined_first_two_years() -> set[str]:
    rows = seed(load("membership"))
    return set(rows.loc[rows["change"] == "joined", "iso3"])


def withdrawn_by_1999() -> set[str]:
    rows = seed(load("membership"))
    return set(rows.loc[(rows["change"] == "withdrew") & (rows["end"].dt.year <= 1999), "iso3"])


def membership_row_words(row: pd.Series) -> str:
    """A membership row in words. A background row is told by the title of its background event (same day, same
    reference), so that a state's note on suspending its membership reads apart from the bloc's decision to suspend
    it; otherwise the change's code in words."""
    if str(row.get("origin")) == "context":
        events = load("events")
        same = events[
            (events["origin"].astype(str) == "context")
            & (events["date"] == row["date"])
            & (events["citation_id"] == row["citation_id"])
        ]
        if len(same) == 1:
            title = re.sub(r"\s*\(background[^)]*\)\s*$", "", str(same.iloc[0]["title"]))
            first = title.split()[0] if title.split() else ""
            surnames = set(load("people")["name_standard"].str.split().str[-1])
            proper = first.isupper() or first in set(load("countries")["name_en"]) or first in surnames
            return title if proper else title[:1].lower() + title[1:]
    return change_words(row["change"])


def accounts() -> pd.DataFrame:
    """Each of our sources' account of what the bloc did in each crisis (background accounts left out)."""
    return seed(view("crisis_responses"))


def crisis_reporters(crisis_id: str) -> list[str]:
    """The sources with a row of their own on a crisis (its events or an account of the response)."""
    events = seed(load("events"))
    found = set(events.loc[events["crisis_id"] == crisis_id, "source_id"])
    found |= set(accounts().loc[lambda f: f["crisis_id"] == crisis_id, "source_id"])
    crises = load("crises").set_index("crisis_id")
    if crisis_id in crises.index and crises.loc[crisis_id, "origin"] == "seed":
        found.add(crises.loc[crisis_id, "source_id"])
    return [s for s in source_order() if s in found]


def reporters_of(event_id: str) -> list[str]:
    """The sources that report the happening an event row belongs to."""
    events = load("events")
    row = events.set_index("event_id").loc[event_id]
    found = set(seed(events).loc[events["happening_id"] == row["happening_id"], "source_id"])
    return [s for s in source_order() if s in found]


def figures_with_value(value: float, metric_prefix: str = "") -> list[str]:
    rows = seed(load("figures"))
    hits = rows[(rows["value"] == value) & rows["metric"].astype(str).str.startswith(metric_prefix)]
    return [f"{t} ({s})" for t, s in zip(hits["value_text"], hits["subject"])]


def voice_of(source_id: str, words: str) -> list[str]:
    """The people or papers a source quotes whose own words these are (quotes.csv, voice 'speaker_words')."""
    rows = load("quotes")
    rows = rows[(rows["voice"].astype(str) == "speaker_words") & (rows["source_id"] == source_id)]
    return list(dict.fromkeys(s for s, w in zip(rows["speaker"], rows["words"]) if overlaps(words, w)))


def seed_sentence(source_id: str, words: str) -> str:
    """The sentence of a source's text that holds ``words`` (as printed), for feedback that shows the context."""
    text = " ".join(source_text(source_id).split())
    at = normalise(text).find(normalise(words))
    if at < 0:
        return words
    start = text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    return text[start : end + 1 if end >= 0 else len(text)].strip()


def hedges_in(quote: str) -> list[str]:
    """The hedging words a quote uses ('probably', 'may'), which mark a judgement or forecast as uncertain."""
    return [h.strip() for h in HEDGES if h in normalise(quote) + " "]


def first_name(person_id: str) -> str:
    return str(load("people").set_index("person_id").loc[person_id, "name_standard"]).split()[0]


def correction_for(person_id: str) -> pd.Series | None:
    """The course's correction of a misprinted name of this person, if a source misprints it."""
    corrections = load("corrections")
    surname = str(load("people").set_index("person_id").loc[person_id, "name_standard"]).split()[-1]
    rows = corrections[
        (corrections["error_kind"].astype(str) == "name") & corrections["as_written"].str.contains(surname)
    ]
    return rows.iloc[0] if len(rows) else None


def meanings(table: str, column: str) -> dict[str, str]:
    """What each code of a column means, from the descriptor's codebook (its categories' definitions), in the order
    the codebook gives: one definition, read where the data package writes it."""
    field = next(f for f in schema(table)["schema"]["fields"] if f["name"] == column)
    return {
        c["value"]: c["definition"][:1].lower() + c["definition"][1:].rstrip(".") for c in field.get("categories", [])
    }


def kind_values(claim_id: str) -> dict:
    """A claim's kind beside the codebook's kinds, for a question on what kind of claim a passage is."""
    row = claim(claim_id)
    kind = str(row["kind"])
    kinds = meanings("claims", "kind")
    hedges = hedges_in(row["quote"])
    return {
        "right": kind,
        "kind": kind,
        "meaning": kinds[kind],
        "quote": row["quote"],
        "source": sname(row["source_id"]),
        "hedge_note": f" Note {', '.join(repr(h) for h in hedges)}." if hedges else "",
        "kinds": [{"k": k, "k_meaning": m, "is_kind": k == kind} for k, m in kinds.items()],
    }


def verdict_values(check: pd.Series) -> dict:
    """A forecast check's verdict beside the codebook's verdicts (from forecast_checks.csv, never typed in)."""
    verdict = str(check["verdict"])
    verdicts = meanings("forecast_checks", "verdict")
    return {
        "right": verdict,
        "note": str(check["verdict_note"]),
        "verdicts": [
            {"v": v, "v_label": v.replace("_", " "), "v_meaning": m, "is_verdict": v == verdict}
            for v, m in verdicts.items()
        ],
    }


def shift_values(pair_id: str) -> dict:
    """A translated passage's shift beside the codebook's shifts, with how often the course gives each."""
    pairs = load("translation_pairs")
    pair = pairs.set_index("pair_id").loc[pair_id]
    shift = str(pair["shift"])
    counts = pairs["shift"].astype(str).value_counts()
    rendered = (
        f"the translation reads “{pair['translation']}” (the course's back-translation: “{pair['gloss']}”)"
        if isinstance(pair["translation"], str)
        else "the passage is not translated"
    )
    return {
        "right": shift,
        "quote": pair["quote"],
        "rendered": rendered,
        "note": str(pair["note"]),
        "translation": pair["translation"] if isinstance(pair["translation"], str) else "",
        "shifts": [
            {
                "s": s,
                "s_label": s.replace("_", " "),
                "s_meaning": m,
                "is_shift": s == shift,
                "s_count": int(counts.get(s, 0)),
            }
            for s, m in meanings("translation_pairs", "shift").items()
        ],
    }
