"""Source criticism on the course's own material (notebook 05): dating, wording, kinds of claim, forecast checks,
translation shifts and errors found by cross-checking.

Everything here reads the data package and the seed texts; nothing is retyped, so the notebook's tables and
highlighted passages stay verbatim and change when the data change. Kept out of the notebook so that each
view is written once and tested (tests/lessons/test_source_criticism.py).
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown, display

from .. import labels
from ..data import lookups
from ..data.frames import load, source_text
from ..data.lookups import value_order
from ..labels import date_label
from ..data.lookups import source_names
from ..data.verbatim import count_term

# The words notebook 05 compares: the sources' names for the war in Ukraine, for its capital and for the
# January 2022 mission in Kazakhstan. They are the sources' terms; the course does not adopt any of them.
VIEWPOINT_TERMS: tuple[str, ...] = (
    "special operation",
    "special military operation",
    "invasion",
    "war",
    "Kiev",
    "peacekeeping intervention",
)



def _as_list(value: object, what: str, example: str) -> list[str]:
    """A string or a list of strings as a list: ``"Kyiv"`` is one term, not the letters K, y, i, v."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set, pd.Series, pd.Index)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"{what} takes a string or a list of strings, e.g. {example}; got {value!r}")


def _sources(sources: object) -> list[str]:
    """Source ids as given (one or several; an id, a short name or its first word), checked against sources.csv.

    Default: the English-language sources. Counting English words in the Indonesian translation would only ever
    give zero, so by default term counts read the sources written in English, oldest first.
    """
    chosen = (
        lookups.sources_in("en")
        if sources is None
        else _as_list(sources, "sources", '"evstratov2022" or ["afp2022", "mitchell2026"]')
    )
    known = lookups.source_order()
    names = source_names()
    forms = {s.lower(): s for s in known} | {names[s].lower(): s for s in known if s in names}
    firsts: dict[str, list[str]] = {}
    for s in known:
        firsts.setdefault(names.get(s, s).split()[0].lower(), []).append(s)
    resolved = []
    for given in chosen:
        key = " ".join(given.split()).lower()
        if key in forms:
            resolved.append(forms[key])
        elif len(firsts.get(key, [])) == 1:
            resolved.append(firsts[key][0])
        elif len(firsts.get(key, [])) > 1:
            raise KeyError(f"{given!r} fits more than one source ({', '.join(firsts[key])}): give its id")
        else:
            raise KeyError(f"no source {given!r}; the sources are: {', '.join(known)}")
    return resolved


def term_counts(terms: str | list[str] = VIEWPOINT_TERMS, sources: str | list[str] | None = None) -> pd.DataFrame:
    """Whole-word counts of each term in each source text: one row per (source_id, term), zeros kept.

    Zeros are kept on purpose: that a source never writes 'invasion' is part of what the chart shows.
    Counting uses ``csto.data.verbatim.count_term`` ('war' does not count 'warning'; case is ignored).
    Example: ``term_counts("Kyiv")`` or ``term_counts(["Kyiv", "Kiev"], sources="evstratov2022")``.
    """
    terms = _as_list(terms, "terms", '"Kyiv" or ["Kyiv", "Kiev"]')
    rows = [
        {"source_id": s, "term": t, "count": count_term(source_text(s), t)} for s in _sources(sources) for t in terms
    ]
    return pd.DataFrame(rows, columns=["source_id", "term", "count"])


def count_in(source_id: str, term: str) -> int:
    """How often one term occurs in one seed (whole words, any case): a one-line guard for the prose."""
    return count_term(source_text(source_id), term)


def term_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Term counts as a small table: one row per source (short name), one column per term."""
    names = source_names()
    table = counts.pivot(index="source_id", columns="term", values="count")
    table = table.loc[list(dict.fromkeys(counts["source_id"])), list(dict.fromkeys(counts["term"]))]
    table.index = [names.get(s, s) for s in table.index]
    table.index.name = "source"
    table.columns.name = None
    return table


def inside_quotation(text: str, position: int) -> bool:
    """True when ``position`` falls inside curly or straight double quotes opened earlier in the same paragraph.

    Used to tell a source's own words from words it quotes: a count alone cannot make that difference.
    """
    start = text.rfind("\n", 0, position) + 1
    before = text[start:position]
    opened = before.count("\u201c") - before.count("\u201d") + before.count("«") - before.count("»")
    return opened > 0 or before.count('"') % 2 == 1


def term_in_context(term: str | list[str], sources: str | list[str] | None = None, width: int = 45) -> pd.DataFrame:
    """Every occurrence of ``term`` (one term, or a list of terms) with the words around it, and whether it sits
    inside a quotation.

    This is what a count hides: who is speaking (the author, or someone the author quotes) and about what.
    Example: ``term_in_context("operation", "evstratov2022")`` or ``term_in_context(["invasion", "Kiev"])``.
    """
    terms = _as_list(term, "term_in_context()", 'term_in_context("operation", "evstratov2022")')
    names = source_names()
    rows = []
    for one in terms:
        pattern = re.compile(r"(?<![\w-])" + re.escape(one) + r"(?![\w])", re.IGNORECASE)
        for source_id in _sources(sources):
            text = source_text(source_id)
            for match in pattern.finditer(text):
                before = " ".join(text[max(0, match.start() - width) : match.start()].split())
                after = " ".join(text[match.end() : match.end() + width].split())
                rows.append(
                    {
                        "source": names.get(source_id, source_id),
                        "before": "…" + before,
                        "term": match.group(0),
                        "after": after + "…",
                        "in a quotation": inside_quotation(text, match.start()),
                    }
                )
    return pd.DataFrame(rows, columns=["source", "before", "term", "after", "in a quotation"])


def dating() -> pd.DataFrame:
    """Each source (oldest first) with its publication date as written and whether that date is stated or inferred."""
    sources = load("sources").set_index("source_id").loc[lookups.source_order()]
    published = lookups.source_published()
    return pd.DataFrame(
        {
            "source": sources["short_name"].to_numpy(),
            "genre": [labels.code_label(g) for g in sources["genre"]],
            "language": [labels.language(c) for c in sources["language"]],
            "published": [published[s] for s in sources.index],
            "date basis": sources["date_basis"].astype(str).to_numpy(),
        }
    )


def date_note(source_id: str) -> str:
    """The course's reasoning for a source's date (sources.csv ``date_note``) as a Markdown paragraph."""
    row = load("sources").set_index("source_id").loc[source_id]
    return f"**{row['short_name']}** ({row['date_basis']} date): {row['date_note']}"


def _date_basis(source_id: str) -> str:
    """'dated 10 Jan 2017' or 'undated; the course infers 2017' for a source, from sources.csv."""
    row = load("sources").set_index("source_id").loc[source_id]
    published = lookups.source_published()[source_id]
    return f"dated {published}" if row["date_basis"] == "stated" else f"undated; the course infers {published}"


def show_date_note(source_id: str) -> None:
    display(Markdown(date_note(source_id)))


def claim_kinds() -> pd.DataFrame:
    """Number of claims of each kind (fact, judgement, forecast, scenario) per source, zeros kept; long format."""
    claims = load("claims")
    claims = claims[claims["origin"] == "seed"]
    order = [s for s in lookups.source_order() if s in set(claims["source_id"])]
    counts = claims.groupby(["source_id", "kind"], observed=False).size()
    kinds = value_order("claims", "kind")
    rows = [{"source_id": s, "kind": k, "count": int(counts.get((s, k), 0))} for s in order for k in kinds]
    return pd.DataFrame(rows, columns=["source_id", "kind", "count"])


def kinds_table() -> pd.DataFrame:
    """Claim kinds per source as a small table (rows: sources by short name; columns: kinds)."""
    return term_table(claim_kinds().rename(columns={"kind": "term"}))


def relayed_judgements(source_id: str) -> pd.DataFrame:
    """Judgements a source reports from other people: the people and papers it quotes (claims.csv ``voice`` is
    ``reported``).

    A news report is full of judgements, but most are its interviewees' and quoted papers': a judgement
    reported is not the reporter's judgement.
    """
    claims = load("claims")
    rows = claims[
        (claims["source_id"] == source_id) & (claims["kind"] == "judgement") & (claims["voice"] == "reported")
    ]
    return rows[["claim_id", "claim"]].reset_index(drop=True)


def forecast_checks(claim_ids: list[str] | None = None, forecast_source: str | None = None) -> pd.DataFrame:
    """forecast_checks.csv joined to claims.csv: the forecast, who made it, the later evidence, who supplied it, when,
    and the verdict.

    ``claim_ids`` keeps the checks of those forecasts (in that order); ``forecast_source`` keeps one forecaster's.
    """
    checks = load("forecast_checks")
    claims = load("claims")[["claim_id", "kind", "claim", "source_id"]].rename(
        columns={"source_id": "forecast_source_id"}
    )
    joined = checks.merge(claims, on="claim_id", how="left", validate="many_to_one")
    if joined["claim"].isna().any():
        missing = sorted(joined.loc[joined["claim"].isna(), "claim_id"])
        raise ValueError(f"forecast_checks.csv names claims that claims.csv lacks: {missing}")
    if claim_ids is not None:
        joined = joined[joined["claim_id"].isin(claim_ids)]
        joined = joined.assign(_order=joined["claim_id"].map({c: i for i, c in enumerate(claim_ids)})).sort_values(
            ["_order"], kind="stable"
        )
    if forecast_source is not None:
        joined = joined[joined["forecast_source_id"] == forecast_source]
    names = source_names()
    published = lookups.source_published()
    evidence_from = [
        f"{names.get(s, s)} ({published.get(s, '?')})" if o == "seed" else lookups.background(c)
        for s, o, c in zip(joined["source_id"], joined["origin"], joined["citation_id"])
    ]
    return pd.DataFrame(
        {
            "forecast": joined["claim"].to_numpy(),
            "kind": joined["kind"].astype(str).to_numpy(),
            "later evidence": joined["quote"].to_numpy(),
            "evidence from": evidence_from,
            "verdict": joined["verdict"].astype(str).str.replace("_", " ").to_numpy(),
        }
    )


def verdict_summary() -> pd.DataFrame:
    """Count of checks per verdict, by the source whose forecast is checked (rows: forecaster; columns: verdict)."""
    checks = load("forecast_checks").merge(
        load("claims")[["claim_id", "source_id"]].rename(columns={"source_id": "forecaster"}), on="claim_id"
    )
    table = pd.crosstab(checks["forecaster"], checks["verdict"].astype(str))
    oldest_first = [s for s in lookups.source_order() if s in table.index]
    verdicts = [v for v in value_order("forecast_checks", "verdict") if v in table.columns]
    table = table.reindex(index=oldest_first, columns=verdicts)
    table.index = table.index.map(source_names())
    table.columns = [c.replace("_", " ") for c in table.columns]
    table.index.name, table.columns.name = "forecast by", None
    return table


def translation_pairs(translated_only: bool = True) -> pd.DataFrame:
    """The Indonesian text beside its English original, sentence by sentence, in the original's order."""
    pairs = load("translation_pairs").sort_values("seq")
    if translated_only:
        pairs = pairs[pairs["translation"].notna()]
    original = " / ".join(source_names()[s] for s in dict.fromkeys(pairs["source_id"]))
    return pd.DataFrame(
        {
            "seq": pairs["seq"].to_numpy(),
            f"English original ({original})": pairs["quote"].to_numpy(),
            "Indonesian translation": pairs["translation"].fillna("— (not translated)").to_numpy(),
            "shift": pairs["shift"].astype(str).str.replace("_", " ").to_numpy(),
        }
    )


def shift_counts() -> pd.DataFrame:
    """How many English sentences the translation renders faithfully, condenses, shifts in meaning or leaves out."""
    pairs = load("translation_pairs")
    counts = pairs["shift"].astype(str).value_counts()
    order = ["faithful", "condensed", "meaning_shift", "omission"]
    frame = pd.DataFrame(
        {"shift": [s.replace("_", " ") for s in order], "sentences": [int(counts.get(s, 0)) for s in order]}
    )
    return frame[frame["sentences"] > 0].reset_index(drop=True)


def first_translated_seq() -> int:
    """The position (in the original's order) of the first English sentence the translation renders."""
    pairs = load("translation_pairs")
    return int(pairs.loc[pairs["translation"].notna(), "seq"].min())


def _bold(text: str, phrases: tuple[str, ...] | list[str], where: str) -> str:
    for phrase in phrases:
        if phrase not in text:
            raise ValueError(f"{phrase!r} is not in the {where} text, so it cannot be highlighted")
        text = text.replace(phrase, f"**{phrase}**", 1)
    return text


def pair_markdown(
    pair_id: str,
    english: tuple[str, ...] = (),
    indonesian: tuple[str, ...] = (),
    gloss: tuple[str, ...] = (),
    brief: bool = False,
    label: bool = True,
) -> str:
    """One translation pair as Markdown, with the shifted words in bold in each language.

    The phrases must occur verbatim (a ValueError otherwise), so a highlight can never point at words that are
    not there. The back-translation is the course's, and is labelled so. ``brief=True`` leaves out the course's
    note on the shift and the translation's dating (for a slide, where the prose around it explains the shift).
    ``label=False`` leaves out the course's label of the shift and its note: an exercise that asks for the label
    shows the pair without giving its answer away.
    """
    pairs = load("translation_pairs").set_index("pair_id")
    if pair_id not in pairs.index:
        raise KeyError(f"no pair_id {pair_id!r} in data/translation_pairs.csv")
    row = pairs.loc[pair_id]
    original, translation = row["source_id"], row["translation_source_id"]
    lines = [
        f"> **English original** ({source_names()[original]}, {lookups.source_published()[original]}): "
        f"“{_bold(row['quote'], english, 'English')}”",
        ">",
    ]
    if isinstance(row["translation"], str):
        dated = source_names()[translation] if brief else f"{source_names()[translation]}, {_date_basis(translation)}"
        lines += [
            f"> **Indonesian translation** ({dated}): “{_bold(row['translation'], indonesian, 'Indonesian')}”",
            ">",
            f"> **Back-translation** (the course's, not a source): “{_bold(row['gloss'], gloss, 'back-translation')}”",
            ">",
        ]
    else:
        lines += ["> **Indonesian translation**: — (not translated)", ">"]
    shift = str(row["shift"]).replace("_", " ")
    if not label:
        return "\n".join(lines[:-1])
    if brief:  # one paragraph less on a slide: the shift closes the last paragraph
        lines[-2] += f" *Shift: {shift}; bold added by the course.*"
        return "\n".join(lines[:-1])
    lines.append(f"> *Shift: {shift}.* {row['note']} (Bold added by the course.)")
    return "\n".join(lines)


def show_pair(
    pair_id: str,
    english: tuple[str, ...] = (),
    indonesian: tuple[str, ...] = (),
    gloss: tuple[str, ...] = (),
    brief: bool = False,
    label: bool = True,
) -> None:
    """Show one translation pair (see ``pair_markdown``), e.g. ``show_pair("tp_52_limp_along")``; ``label=False`` for
    an exercise that asks for the shift's label."""
    display(Markdown(pair_markdown(pair_id, english, indonesian, gloss, brief, label)))


def spelling_variants(include_background: bool = True) -> pd.DataFrame:
    """Names written in more than one way across the sources, or written wrongly, beside the course's standard form.

    A person is shown when a seed spells them wrongly, when two seeds spell the full name differently, or when a
    seed's spelling is not the course's standard (Evstratov's 'Rakhmon', where the course writes 'Rahmon').
    A surname that matches the standard ('Putin' beside 'Vladimir Putin') is not a variant and is left out.
    Background rows (the correct spelling from outside the sources) are marked with their citation, or left out
    with ``include_background=False`` (the corrections table then gives them with their citations).
    """
    variants = load("name_variants")
    if not include_background:
        variants = variants[variants["origin"] == "seed"]
    people = load("people").set_index("person_id")["name_standard"]
    standard = variants["person_id"].map(people)
    is_full = variants["name_as_written"].str.contains(" ")
    off_standard = [w not in str(n).split() and w != n for w, n in zip(variants["name_as_written"], standard)]
    off_standard = pd.Series(off_standard, index=variants.index)
    spellings = variants[is_full].groupby("person_id")["name_as_written"].nunique()
    errors = set(variants.loc[variants["is_error"].fillna(False).astype(bool), "person_id"])
    chosen = set(spellings[spellings > 1].index) | errors | set(variants.loc[off_standard, "person_id"])
    order = list(dict.fromkeys(p for p in variants["person_id"] if p in chosen))
    shown = variants[variants["person_id"].isin(chosen) & (is_full | off_standard)].copy()
    shown["order"] = shown["person_id"].map({p: i for i, p in enumerate(order)})
    shown = shown.sort_values(["order", "origin"], kind="stable")
    return pd.DataFrame(
        {
            "person (course's form)": shown["person_id"].map(people).to_numpy(),
            "as written": shown["name_as_written"].to_numpy(),
            "error?": ["yes" if bool(e) else "no" for e in shown["is_error"].fillna(False)],
            "where": lookups.basis(shown),
        }
    )


def corrections(kinds: str | list[str] | None = None) -> pd.DataFrame:
    """Errors found in the seeds, each beside its correction and the background source the correction cites.

    The seed text is never edited: the error stays verbatim in ``as written`` and the correction is a separate,
    cited statement from outside the course sources. ``kinds`` keeps some kinds of error only, e.g.
    ``corrections(["name", "place"])`` (the kinds are those of data/corrections.csv, column ``error_kind``).
    """
    rows = load("corrections")
    if kinds is not None:
        wanted = _as_list(kinds, "kinds", '"name" or ["name", "place"]')
        known = sorted(set(rows["error_kind"].astype(str)))
        unknown = [k for k in wanted if k not in known]
        if unknown:
            raise KeyError(f"no kind of error {unknown[0]!r}; the kinds are: {', '.join(known)}")
        rows = rows[rows["error_kind"].astype(str).isin(wanted)]
    names = source_names()
    return pd.DataFrame(
        {
            "kind": rows["error_kind"].astype(str).to_numpy(),
            "as written": rows["as_written"].to_numpy(),
            "in": rows["source_id"].map(names).to_numpy(),
            "correction (other reports, cited)": [without_ids(c) for c in rows["correction"]],
            "cited": [lookups.citation(c) for c in rows["correction_citation_id"]],
        }
    )


# a cross-reference to other rows, e.g. " (corr_sco_summit_place)": the record keeps it, a reader's table does not
ROW_IDS = re.compile(r"\s*\((?:[a-z]+_[a-z0-9_]+(?:[,;]\s*)?)+\)")


def without_ids(text: str) -> str:
    """A note as people read it: the record's cross-references to row ids left out, since an id is not a word."""
    return ROW_IDS.sub("", text)


def claims_of(source: str, containing: str | None = None) -> pd.DataFrame:
    """One source's claims as the course files them: the kind, the course's summary and the quoted words.

    ``containing`` keeps the claims whose quoted words contain those words (case, spacing and curly quotes
    folded), e.g. ``claims_of("mitchell2026", containing="Putin also plans")``.
    """
    from ..data.verbatim import normalise

    source_id = _sources(source)[0]
    claims = load("claims")
    claims = claims[(claims["source_id"] == source_id) & (claims["origin"] == "seed")]
    if containing is not None:
        if not isinstance(containing, str):
            raise TypeError(
                f'containing takes words as a string, e.g. containing="Putin also plans"; got {containing!r}'
            )
        claims = claims[[normalise(containing) in normalise(q) for q in claims["quote"]]]
    return pd.DataFrame(
        {
            "kind": claims["kind"].astype(str).to_numpy(),
            "claim (the course's summary)": claims["claim"].to_numpy(),
            "quoted words": claims["quote"].to_numpy(),
        }
    )


def events_at(place: str, kind: str | None = None) -> pd.DataFrame:
    """The events placed at ``place`` (part of the place name is enough, any case), seed and background rows alike,
    with their kind, date and source; ``kind`` keeps one kind of event, e.g. ``events_at("Astana", kind="summit")``.
    """
    if not isinstance(place, str) or not place.strip():
        raise TypeError(f'events_at() takes a place name, e.g. events_at("Astana"); got {place!r}')
    events = load("events")
    here = events[events["place"].fillna("").str.lower().str.contains(place.strip().lower(), regex=False)]
    if kind is not None:
        kinds = sorted(set(events["kind"].astype(str)))
        if kind not in kinds:
            raise KeyError(f"no kind of event {kind!r}; the kinds are: {', '.join(kinds)}")
        here = here[here["kind"].astype(str) == kind]
    table = setting_check(list(here["event_id"]))
    table.insert(1, "kind", here["kind"].astype(str).to_numpy())
    return table


def setting_check(event_ids: list[str]) -> pd.DataFrame:
    """Selected events with place and date: seed rows beside background rows, to check where a claim is set."""
    events = load("events").set_index("event_id")
    missing = [e for e in event_ids if e not in events.index]
    if missing:
        raise KeyError(f"no event_id {missing} in data/events.csv")
    chosen = events.loc[event_ids].reset_index()
    return pd.DataFrame(
        {
            "event": chosen["title"].to_numpy(),
            "place": chosen["place"].to_numpy(),
            "when": [
                date_label(d, e, p)
                for d, e, p in zip(chosen["date"], chosen["date_end"], chosen["date_precision"].astype("object"))
            ],
            "source": lookups.basis(chosen),
        }
    )
