"""Quoting a source in the tables by command.

``python -m csto.data add-row TABLE --source ID --quote TEXT COLUMN=VALUE ...``

The sibling of ``add-source`` (``csto.data.sources``), with the same rules and the same all-or-nothing writing:

- the table is any table of the descriptor whose rows carry a ``quote`` (membership, events, event_countries,
  claims, people, name_variants, quotes, crisis_responses, figures, ...); its columns come from the descriptor, so a
  column added later needs no change here;
- ``--source`` names a registered source, ``--quote`` is found verbatim in its text, and so is every other column
  that repeats the source's words (``quotes.words``, ``corrections.as_written``...);
- a stated date has the form its precision declares and does not start after the source was published;
- every value meets the descriptor's constraints (required, coded values, patterns, unique keys, foreign keys);
- ``--link ID`` fills the one column that points at the table holding ``ID`` (a happening, an event, a crisis, a
  person, a claim), so a report or a membership change is tied to what it reports;
- ``earliest``/``latest`` are derived, ``origin`` is ``seed``; after a membership row ``member_years.csv`` is
  re-derived;
- the whole package is validated after writing; on any problem every file is put back byte for byte, and each
  message names file, line and column.

Standard library only at import time; validation brings in Frictionless. ``data/ADDING_A_SOURCE.md`` walks through it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import dates, derive, package
from .sources import value_problems
from .writing import Files, Refusal, column_values, explain, rolled_back
from .verbatim import normalise

# Columns the command fills itself.
COMPUTED = ("earliest", "latest", "origin", "citation_id")
# Columns that repeat the source's words and are checked against its text (as csto.data.provenance does).
VERBATIM = ("quote", "words", "as_written", "name_as_written")


def quoting_tables(meta: dict) -> list[str]:
    """The tables whose rows rest on a source: they have both ``source_id`` and ``quote``."""
    tables = []
    for resource in meta.get("resources", []):
        names = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
        if "quote" in names and "source_id" in names and resource.get("name") != "sources":
            tables.append(resource["name"])
    return tables


# ---- the command line ----------------------------------------------------------------------------------------------

def add_arguments(commands) -> None:
    """Register the add-row command on the CLI's subparsers."""
    parser = commands.add_parser(
        "add-row", help="add a row that quotes a source to a table (membership, events, claims, people, quotes, ...)",
        description="Add one row to a table whose rows quote a source: the quote is checked verbatim against the "
                    "source's text, the dates against its publication, every value against the descriptor; earliest/"
                    "latest and member_years.csv are derived, and the whole package is validated. Nothing is written "
                    "when anything is wrong. Walk-through: data/ADDING_A_SOURCE.md.")
    parser.add_argument("table", help="the table, e.g. membership, events, claims, people, quotes, crisis_responses")
    parser.add_argument("values", nargs="*", metavar="COLUMN=VALUE", help="the row's other columns, e.g. iso3=UZB")
    parser.add_argument("--source", required=True, metavar="ID", help="the source the row rests on (sources.csv)")
    parser.add_argument("--quote", required=True, help="the passage of the source the row rests on, copied verbatim")
    parser.add_argument("--link", action="append", default=[], metavar="ID",
                        help="an existing happening, event, crisis, person or claim the row reports; fills the column "
                             "that points at it (e.g. happening_id for membership and events)")
    parser.add_argument("--root", type=Path, default=None,
                        help="the course repository holding datapackage.json (default: $CSTO_ROOT, else this checkout)")


def run(args) -> int:
    """``python -m csto.data add-row``: 0 when the row was added, 1 when refused (nothing changed)."""
    from ..paths import repo_root

    root = Path(args.root or repo_root()).resolve()
    try:
        values = column_values(args.values)
        added = add_row(root, args.table, args.source, args.quote, values, args.link)
    except Refusal as refused:
        return refused.print_refused("add-row")
    print(added.report())
    return 0


# ---- the work --------------------------------------------------------------------------------------------------

@dataclass
class AddedRow:
    """What add_row did, for the report printed on success."""

    table: str
    path: str
    line: int
    key: str
    row: dict[str, str]
    written: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"Added to {self.table}: {self.key}", f"  - {self.path}, line {self.line}"]
        if self.row.get("earliest"):
            lines[-1] += f" (dated {self.row['earliest']} to {self.row['latest']})"
        links = [f"{k}={v}" for k, v in self.row.items() if k.endswith("_id") and v and k not in ("source_id",)
                 and v != self.key]
        if links:
            lines.append(f"  - linked: {', '.join(links)}")
        lines += [f"  - {path}: re-derived" for path in self.written]
        lines.append("The whole package validates: schema, keys, text hashes and the provenance rule.")
        return "\n".join(lines)


def add_row(root: Path, table: str, source_id: str, quote: str, given: dict[str, str],
            links: list[str] = ()) -> AddedRow:
    """Append one seed row to ``table`` of the package at ``root``; raise ``Refusal`` (nothing written) when wrong."""
    descriptor = root / "datapackage.json"
    try:
        meta_text = descriptor.read_text(encoding="utf-8")
        meta = json.loads(meta_text)
    except (OSError, ValueError) as err:
        raise Refusal([f"{descriptor} cannot be read ({err}); pass --root, or run `python -m csto.data check`",
                       "Nothing was written."]) from err
    tables = quoting_tables(meta)
    if table not in tables:
        raise Refusal([f"{table!r} is not a table whose rows quote a source; the tables are: {', '.join(tables)}",
                       "Nothing was written."])
    resource = next(r for r in meta["resources"] if r["name"] == table)
    schema, shown = resource["schema"], resource["path"]
    fields = [f["name"] for f in schema["fields"]]
    path = root / shown
    rows = _rows(path)
    line = len(rows) + 2

    def where(column: str) -> str:
        return f"{shown}, line {line} (the new row), column '{column}':"

    problems = [f"{where(c)} {shown} has no such column; its columns are: {', '.join(fields)}"
                for c in given if c not in fields]
    problems += [f"{where(c)} the command fills this column itself" for c in given if c in COMPUTED]
    row = {name: (given.get(name) or "").strip() for name in fields}
    row.update(source_id=source_id.strip(), quote=quote.strip(), origin="seed")
    problems += _link(root, meta, schema, row, links, given, where)
    if "date_precision" in fields and row.get("date") and not row.get("date_precision"):
        by_form = {10: "day", 7: "month", 4: "year"}.get(len(row["date"]), "")
        row["date_precision"] = "period" if row.get("date_end") else by_form
    text, source, source_problems = _source(root, meta, row["source_id"], where)
    problems += source_problems
    if text is not None:
        for column in VERBATIM:
            if row.get(column) and normalise(row[column]) not in text:
                problems.append(f"{where(column)} not found verbatim in the text of {source_id} (white space, curly "
                                f"quotes and letter case are folded; spelling is kept): {row[column][:80]!r}")
    problems += value_problems(root, meta, resource, schema, row, rows, option_of=where, computed=COMPUTED)
    problems += _date_problems(row, source, where)
    if problems:
        raise Refusal(problems + ["Nothing was written."])
    columns = derive.date_columns(fields)
    if columns is not None and columns[2] in fields:
        row[columns[2]], row[columns[3]] = derive.span_of(row, columns)
    return _write(root, descriptor, table, shown, path, fields, row, line, schema)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _link(root: Path, meta: dict, schema: dict, row: dict, links: list[str], given: dict, where) -> list[str]:
    """Fill, for each ``--link ID``, the one foreign-key column whose table holds ID; problems when none or several."""
    problems = []
    for wanted in links:
        matches = []
        for key in schema.get("foreignKeys", []):
            column, target = key.get("fields"), key.get("reference", {})
            if not isinstance(column, str) or column in ("source_id", "citation_id") or not target.get("resource"):
                continue
            other = next((r for r in meta["resources"] if r["name"] == target["resource"]), None)
            if other and any(r.get(target["fields"]) == wanted for r in _rows(root / other["path"])):
                matches.append(column)
        if len(matches) != 1:
            points = [k["fields"] for k in schema.get("foreignKeys", [])
                      if k.get("fields") not in ("source_id", "citation_id")]
            what = "no" if not matches else "more than one"
            problems.append(f"--link {wanted}: {what} column of this table points at a row with that id "
                            f"(its links: {', '.join(map(str, points)) or 'none'}); name the column as COLUMN=VALUE")
        elif given.get(matches[0]) and given[matches[0]] != wanted:
            problems.append(f"{where(matches[0])} given as {given[matches[0]]!r} and as --link {wanted}")
        else:
            row[matches[0]] = wanted
    return problems


def _source(root: Path, meta: dict, source_id: str, where) -> tuple[str | None, dict, list[str]]:
    """(normalised text, sources.csv row, problems) of the source the row rests on."""
    sources = next(r for r in meta["resources"] if r["name"] == "sources")
    known = {r["source_id"]: r for r in _rows(root / sources["path"])}
    if source_id not in known:
        return None, {}, [f"{where('source_id')} {source_id!r} is not a source of {sources['path']}; the sources are: "
                          f"{', '.join(known)} (register a new text first: python -m csto.data add-source)"]
    seed = next((r for r in meta["resources"] if r["name"] == f"{package.SEED_PREFIX}{source_id}"), None)
    if seed is None or not (root / seed["path"]).is_file():
        return None, known[source_id], [f"{where('source_id')} the text of {source_id!r} is not registered or missing; "
                                         "run `python -m csto.data check`"]
    return normalise((root / seed["path"]).read_bytes().decode("utf-8", errors="replace")), known[source_id], []


def _date_problems(row: dict, source: dict, where) -> list[str]:
    if not row.get("date"):
        return []
    problems = [f"{where({'date': 'date', 'date_end': 'date_end'}.get(c, c))} {m}"
                for c, m in dates.date_problems(row["date"], row.get("date_end") or None, row.get("date_precision"))]
    if problems or not source.get("published"):
        return problems
    latest = dates.last_day(source.get("published_end") or source["published"])
    if dates.first_day(row["date"]) > latest:
        problems.append(f"{where('date')} {row['date']} is after {row['source_id']} was published (by {latest}): "
                        "a source cannot report what happened after it was written")
    return problems


def _write(root: Path, descriptor: Path, table: str, shown: str, path: Path, fields: list[str], row: dict,
           line: int, schema: dict) -> AddedRow:
    from .validation import collect_problems

    files = Files()
    written = []
    try:
        body = path.read_bytes()
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([row.get(name, "") for name in fields])
        separator = b"" if not body or body.endswith(b"\n") else b"\n"
        files.replace(path, body + separator + out.getvalue().encode("utf-8"))
        if table == "membership":
            target = root / package.resource(derive.MEMBER_YEARS, descriptor)["path"]
            text = derive.member_years_text(descriptor)
            if target.read_text(encoding="utf-8") != text:
                files.replace(target, text.encode("utf-8"))
                written.append(target.relative_to(root).as_posix())
        problems = collect_problems(descriptor)
    except BaseException as err:
        failed = files.roll_back()
        if isinstance(err, Exception):
            raise Refusal([f"could not write the row ({type(err).__name__}: {err})", *rolled_back(failed)]) from err
        raise
    if problems:
        failed = files.roll_back()
        raise Refusal(explain(problems, collect_problems(descriptor), "the new row") + rolled_back(failed))
    key = schema.get("primaryKey")
    key = " / ".join(row.get(k, "") for k in ([key] if isinstance(key, str) else key or []))
    return AddedRow(table, shown, line, key, row, written)
