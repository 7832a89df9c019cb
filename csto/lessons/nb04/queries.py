"""The facts behind notebook 04's questions (wording in questions.yaml): the war in Ukraine and the strains on the
bloc."""

from __future__ import annotations

import re

import pandas as pd

from ...data import views
from ...data.frames import load, source_says, source_text
from ...data.verbatim import normalise
from .. import facts, scorecard
from ..source_criticism import count_in, inside_quotation

CENTRAL_ASIAN_MEMBERS = ("KAZ", "KGZ", "TJK")
INVASION = "ev_2022_02_24_invasion_context"


def stretched_thin() -> dict:
    """The two conflicts of 2014 that, by Stratfor, were stretching Moscow's military capacity thin, in order."""
    events = facts.seed(facts.labelled("events"))
    wars = events[
        (events["source_id"] == "stratfor2017")
        & (events["kind"].astype(str) == "war")
        & (events["start"].dt.year == 2014)
    ]
    places = [str(p) for p in wars.sort_values("start", kind="stable")["place"]]
    right = ", then ".join(places)
    first = places[0] if places else "Ukraine"
    georgia = facts.seed(facts.membership())
    georgia = georgia[(georgia["iso3"] == "GEO") & (georgia["source_id"] == "stratfor2017")]
    georgia_wars = events[
        (events["source_id"] == "stratfor2017")
        & (events["kind"].astype(str) == "war")
        & (events["place"].fillna("").str.contains("Georgia") | events["title"].str.contains("Georgia"))
    ]
    neutrality = facts.event("ev_2016_04_nk_neutrality")
    return {
        "right": right.lower(),
        "places": right,
        "first": first,
        "quote": facts.claim("sf_2014_stretched_thin")["quote"],
        "neutrality_when": neutrality["when"],
        "neutrality_quote": neutrality["quote"],
        "kaz_when": facts.row_of("crises", "crisis_id", "kaz_2022")["when"],
        "published": facts.pub("stratfor2017"),
        "georgia": facts.and_join([f"{facts.change_words(c)} {w}" for c, w in zip(georgia["change"], georgia["when"])]),
        "no_georgia_war": georgia_wars.empty,
    }


def reevaluate_west() -> dict:
    """Which two members, by Stratfor, began to re-evaluate their ties with the West after 2014."""
    events = facts.seed(load("events"))
    event = events[
        events["quote"].str.contains("re-evaluate", na=False) & (events["source_id"] == "stratfor2017")
    ].iloc[0]
    links = load("event_countries")
    named = set(links.loc[links["event_id"] == event["event_id"], "iso3"])
    deals = facts.row_of("figures", "figure_id", "sf_new_military_deals")
    pairs = []
    for pair in (("BLR", "ARM"), ("KAZ", "TJK"), ("BLR", "KAZ"), ("ARM", "KGZ")):
        missing = [i for i in pair if i not in named]
        in_deals = [facts.cname(i) for i in missing if facts.cname(i) in str(deals["value_text"])]
        pairs.append(
            {
                "key": "|".join(pair),
                "a": facts.cname(pair[0]),
                "b": facts.cname(pair[1]),
                "is_right": set(pair) == named,
                "missing": [facts.cname(i) for i in missing],
                "in_deals": in_deals,
                "appear": "appears" if len(in_deals) == 1 else "appear",
            }
        )
    return {
        "right": [p["key"] for p in pairs if p["is_right"]],
        "pairs": pairs,
        "quote": event["quote"],
        "named": [facts.cname(i) for i in sorted(named)],
        "deals_quote": deals["quote"],
    }


def major_blow_voice() -> dict:
    """Whose words 'Moscow has been dealt a major blow' are in the relayed AFP report: its own, or someone it quotes."""
    row = facts.claim("afp_major_blow")
    text = source_text("afp2022")
    voices = facts.voice_of("afp2022", row["quote"])
    at = text.find(row["quote"].rstrip("."))
    own = not voices and not (at >= 0 and inside_quotation(text, at))
    quotes = load("quotes")
    quotes = quotes[(quotes["voice"].astype(str) == "speaker_words") & (quotes["source_id"] == "afp2022")]
    position = normalise(text).find(normalise(row["quote"]))
    people = []
    for person_id in ("aslan", "giragosian", "lukashenko"):
        person = facts.person(person_id)
        if person is None:
            continue
        mine = quotes[quotes["speaker_id"] == person_id]
        first = mine.iloc[0]["words"] if len(mine) else ""
        gap = normalise(text).find(normalise(first)) - position if first else -1
        people.append(
            {
                "key": person_id,
                "name": person["name_standard"],
                "surname": person["name_standard"].split()[-1],
                "quoted": bool(first),
                "first": first,
                "near": "Right after that sentence" if 0 < gap < 200 else "Elsewhere in the report",
            }
        )
    right = ["own"] if own else [p["key"] for p in people if p["name"] in voices]
    return {
        "right": right,
        "quote": row["quote"],
        "kind": row["kind"],
        "voices": voices or ["someone"],
        "own": own,
        "people": people,
    }


def spared_sacrifice() -> dict:
    """Which sentence is Mitchell's account of what the war has cost the bloc."""
    war = facts.event(INVASION)["start"]
    sentences = []
    for claim_id, before in (
        ("mi_sacrifice_attention", None),
        ("ev_russia_hands_tied", None),
        ("afp_lukashenko_image_pressure", None),
        ("sf_2014_stretched_thin", war),
    ):
        row = facts.claim(claim_id)
        s = row["source_id"]
        voices = facts.voice_of(s, row["quote"])
        sentences.append(
            {
                "key": claim_id,
                "quote": row["quote"],
                "is_right": source_says("mitchell2026", row["quote"]),
                "before": before is not None and facts.sources().loc[s, "start"] < before,
                "name": facts.sname(s),
                "published": facts.pub(s),
                "who": f"{facts.sname(s)}, citing {facts.and_join(voices)}" if voices else facts.sname(s),
            }
        )
    return {"right": [x["key"] for x in sentences if x["is_right"]], "sentences": sentences}


def exports_pale_kinds() -> dict:
    """The kinds the course gives Mitchell's 'pales in comparison' and 'This demonstrates …'."""
    first, second = facts.claim("mi_exports_pale"), facts.claim("mi_more_pressing_priorities")
    k1, k2 = str(first["kind"]), str(second["kind"])
    kinds = facts.meanings("claims", "kind")
    pairs = []
    for a, b in (("fact", "judgement"), ("fact", "fact"), ("judgement", "judgement"), ("forecast", "fact")):
        # only what is wrong with the choice, never the kind the course gives: that would spell out the right pair
        parts = [
            f"the {place}, “{row['quote']}”, is not a {chosen}: a {chosen} is {kinds[chosen]}"
            for place, chosen, kind, row in (("first", a, k1, first), ("second", b, k2, second))
            if chosen != kind
        ]
        pairs.append({"key": f"{a}|{b}", "a": a, "b": b, "is_right": (a, b) == (k1, k2), "parts": "; ".join(parts)})
    return {
        "right": f"{k1}|{k2}",
        "pairs": pairs,
        "first": first["quote"],
        "second": second["quote"],
        "k1": k1,
        "k2": k2,
        "k2_meaning": kinds[k2],
    }


def percent_measures() -> dict:
    """What Mitchell's 'nearly 90 percent' for Kazakhstan measures."""
    rows = facts.seed(facts.labelled("figures"))
    rows = rows[(rows["unit"] == "percent") & (rows["source_id"] == "mitchell2026")]
    rows = rows.assign(label=views.figure_label(rows))
    figures = [
        {
            "key": r.figure_id,
            "label": r.label,
            "value_text": r.value_text,
            "quote": r.quote,
            "is_right": r.iso3 == "KAZ" and "90" in str(r.value_text),
        }
        for r in rows.itertuples()
    ]
    return {"right": [f["key"] for f in figures if f["is_right"]], "figures": figures}


def _putin_row() -> pd.Series:
    rows = load("quotes")
    rows = rows[
        (rows["voice"].astype(str) == "speaker_words")
        & rows["words"].str.contains("capabilities for some components", na=False)
    ]
    return rows.iloc[0]


def putin_capabilities_words() -> dict:
    """Whose words 'capabilities for some components …' are: a speaker Mitchell quotes."""
    row = _putin_row()
    speaker, source = row["speaker"], row["source_id"]
    quotes = load("quotes")
    lukashenko = quotes[(quotes["voice"].astype(str) == "speaker_words") & (quotes["speaker_id"] == "lukashenko")]
    text = source_text(source)
    position = text.find(row["words"][:40])
    return {
        "right": "speaker" if not source_says("evstratov2022", row["words"]) else [],
        "words": row["words"],
        "quote": row["quote"],
        "speaker": speaker,
        "surname": speaker.split()[-1],
        "source": facts.sname(source),
        "source_first": facts.sname(source).split()[0],
        "inside": position >= 0 and inside_quotation(text, position + 1),
        "so_count": count_in("evstratov2022", "special operation"),
        "lukashenko": lukashenko.iloc[0]["words"] if len(lukashenko) else "",
    }


def usd_500m_mainly() -> dict:
    """What Evstratov says the US budget of 2022 'mainly' concerns."""
    row = facts.claim("ev_us_budget_afghan_border")
    mainly = re.split(r"mainly concerns\s+", row["quote"], maxsplit=1)[-1].strip()
    sentence = facts.seed_sentence("evstratov2022", row["quote"])
    return {
        "right": "mainly" if normalise(f"mainly concerns {mainly}") in normalise(sentence) else [],
        "mainly": mainly[:1].upper() + mainly[1:],
        "sentence": sentence,
        "equipment": facts.claim("ev_us_equipment_monopoly")["quote"],
        "figure_quote": facts.row_of("figures", "figure_id", "ev_us_dod_budget")["quote"],
        "figure_text": facts.row_of("figures", "figure_id", "ev_us_dod_budget")["value_text"],
        "region": load("countries").set_index("iso3").loc["ARM", "region"],
    }


def central_asia_marks() -> dict:
    """Exercise 3: how many marks in the three Central Asian lanes rest on Mitchell's sentences."""
    acts = facts.view("country_acts")
    marks = scorecard.cohesion_acts(acts, views.members_listed_by("afp2022"), include_context=True)
    every_lane = int((marks["source_id"] == "mitchell2026").sum())  # the source condition alone, the lanes forgotten
    marks = marks[marks["iso3"].isin(CENTRAL_ASIAN_MEMBERS)]
    mitchell = marks[marks["source_id"] == "mitchell2026"]
    return {
        "answer": len(mitchell),
        "n_every_lane": every_lane,
        "sentences": int(mitchell["quote"].nunique()),
        "countries": int(mitchell["iso3"].nunique()),
        "n_all": len(marks),
        "n_seed": int((marks["origin"] == "seed").sum()),
        "n_lanes": len(CENTRAL_ASIAN_MEMBERS),
        "lanes": [facts.cname(i) for i in CENTRAL_ASIAN_MEMBERS],
    }
