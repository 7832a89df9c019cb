"""The course's provenance rule as Frictionless checks, run in the same pass as Frictionless's own.

- A row from a source (``origin=seed``) carries a ``quote`` found verbatim in that source's text, and every other
  column that repeats the source's words (``VERBATIM_COLUMNS``) is found there too.
- A source cannot report what happened after it was published: a seed row's ``date`` may not start after its
  source's publication window.
- A background row (``origin=context``) has a citation and no quote or source_id; a course definition
  (``origin=course``, the glossary's method terms) has neither quote nor source_id.
- A date matches its declared precision (``csto.data.dates``).
- A citation is citable: its ``publisher_kind`` is not a mirror or an aggregator (``NOT_CITABLE``); outlet, date,
  address and kind are required by the table schema itself.
- A forecast check tests a forecast or a scenario (``CHECKABLE_KINDS``), never a judgement or a fact: a judgement is
  not borne out or refuted by a later report in the way an expectation is.

Each rule reports a Frictionless cell error of its own type (``quote-not-verbatim``, ``date-after-publication``…),
so the reports of ``frictionless validate`` tools and of ``python -m csto.data`` name the same thing.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from .. import _imports
from . import dates, derive
from .verbatim import normalise

# A column whose text must be found verbatim in the source named by the paired column.
VERBATIM_COLUMNS = {
    "quote": "source_id",
    "words": "source_id",
    "as_written": "source_id",
    "name_as_written": "source_id",
    "translation": "translation_source_id",
}


NOT_CITABLE = ("mirror", "aggregator")  # publisher kinds a background row may never rest on
CHECKABLE_KINDS = ("forecast", "scenario")  # claim kinds a forecast check may test


def _error_classes():
    errors = _imports.frictionless().errors

    def make(type_: str, title: str, description: str):
        return type(title.replace(" ", "") + "Error", (errors.CellError,), {
            "type": type_, "title": title, "description": description,
            "template": 'Row at position "{rowNumber}" and field "{fieldName}": ' + title.lower() + ": {note}"})

    return {
        "verbatim": make(
            "quote-not-verbatim",
            "Quote not verbatim",
            "A seed row's quote must occur word for word in its source's text.",
        ),
        "missing": make(
            "seed-row-without-quote",
            "Seed row without quote",
            "A row derived from a source carries the passage it rests on.",
        ),
        "source": make("unknown-source", "Unknown source", "The source_id names no source in sources.csv."),
        "context": make(
            "background-row-rule", "Background row rule", "A background row cites its origin and quotes no source."
        ),
        "window": make(
            "date-after-publication",
            "Date after publication",
            "A source cannot report an event after it was published.",
        ),
        "date": make(
            "date-precision", "Date and precision disagree", "A date must have the form its precision declares."
        ),
        "citable": make(
            "citation-not-citable",
            "Citation not citable",
            "A background row rests on an official text, a news organisation, an NGO's report or scholarship, never a "
            "mirror or an aggregator.",
        ),
        "checkable": make(
            "check-on-non-forecast",
            "Forecast check on a non-forecast",
            "A forecast check tests a claim of kind forecast or scenario, never a judgement or a fact.",
        ),
        "derived": make(
            "derived-date-mismatch",
            "Derived date out of step",
            "earliest/latest must be the first and last day the stated date may mean: "
            "run `python -m csto.data derive`.",
        ),
    }


def _text(value: object) -> str:
    """A cell as text: Frictionless has already cast dates to ``date`` objects."""
    return "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))


def _publication_windows(sources: dict[str, dict[str, str]]) -> dict[str, date]:
    """The latest day each source could have been written on."""
    windows = {}
    for source_id, row in sources.items():
        try:
            windows[source_id] = dates.last_day(row.get("published_end") or row["published"])
        except (KeyError, ValueError):
            continue  # the malformed date is reported on sources.csv itself
    return windows


def provenance_checklist(
    texts: dict[str, str], sources: dict[str, dict[str, str]], claim_kinds: dict[str, str] | None = None
):
    """A Frictionless Checklist holding the provenance check, given the normalised texts, the sources' rows and the
    claims' kinds (claim_id -> kind; without them the forecast-check rule is not applied)."""
    frictionless = _imports.frictionless()
    import attrs

    kinds = _error_classes()
    windows = _publication_windows(sources)

    @attrs.define(kw_only=True, repr=False)
    class provenance(frictionless.Check):
        """The course's provenance rule, row by row (see the module docstring)."""

        type = "csto-provenance"
        Errors = list(kinds.values())

        def validate_row(self, row) -> Iterable:
            names = set(row.field_names)
            value = lambda name: row[name] if name in names else None  # noqa: E731
            if (value("publisher_kind") or "") in NOT_CITABLE:
                yield kinds["citable"].from_row(row, note=f"a {value('publisher_kind')} is not a citation: cite the "
                                                          f"original page, or leave the fact out",
                                                field_name="publisher_kind")
            if "check_id" in names and claim_kinds:
                kind = claim_kinds.get(value("claim_id") or "")
                if kind and kind not in CHECKABLE_KINDS:
                    yield kinds["checkable"].from_row(
                        row,
                        note=f"claim {value('claim_id')!r} is a {kind}; a forecast check needs a forecast or scenario "
                             f"(re-kind the claim if it is one, or drop the check)",
                        field_name="claim_id",
                    )
            origin = value("origin")
            if origin == "seed":
                yield from self._seed_row(row, value)
            elif origin in ("context", "course"):
                if origin == "context" and "citation_id" in names and not (value("citation_id") or "").strip():
                    yield kinds["context"].from_row(
                        row, note="a background row needs a citation_id (citations.csv)", field_name="citation_id"
                    )
                for column in ("quote", "source_id"):
                    if column in names and (value(column) or "").strip():
                        yield kinds["context"].from_row(
                            row,
                            note=f"an {origin} row has no source behind it, so this must be empty",
                            field_name=column,
                        )
            columns = derive.date_columns(list(names))
            if columns is not None:
                start, end, earliest, latest = columns
                problems = dates.date_problems(value(start), value(end), value("date_precision"))
                for column, message in problems:
                    yield kinds["date"].from_row(
                        row, note=message, field_name={"date": start, "date_end": end}.get(column, column)
                    )
                if not problems and earliest in names:
                    expected = derive.span_of({k: _text(value(k)) for k in (start, end, "date_precision")}, columns)
                    for column, wanted in zip((earliest, latest), expected):
                        if _text(value(column)) != wanted:
                            yield kinds["derived"].from_row(row, note=f"is {_text(value(column)) or 'empty'}, should "
                                                                      f"be {wanted or 'empty'}",
                                                            field_name=column)

        def _seed_row(self, row, value) -> Iterable:
            for column, source_column in VERBATIM_COLUMNS.items():
                if column not in row.field_names:
                    continue
                text, source = (value(column) or "").strip(), value(source_column) or ""
                if column == "quote" and not text:
                    yield kinds["missing"].from_row(row, note="a seed row needs a verbatim quote", field_name="quote")
                elif text and source not in texts:
                    yield kinds["source"].from_row(row, note=f"unknown source {source!r}", field_name=source_column)
                elif text and normalise(text) not in texts[source]:
                    yield kinds["verbatim"].from_row(
                        row, note=f"not found verbatim in {source}: {text[:70]!r}", field_name=column
                    )
            when, latest = value("date"), windows.get(value("source_id") or "")
            if when and latest and not dates.date_problems(when, value("date_end"), value("date_precision")):
                if dates.first_day(when) > latest:
                    yield kinds["window"].from_row(
                        row, note=f"{when} is after {value('source_id')} was published (by {latest})", field_name="date"
                    )

    return frictionless.Checklist(checks=[provenance()])
