"""Adding a source in one command: ``python -m csto.data add-source TEXT --id ID ...``.

The command copies the text into ``seeds/<id>.txt``, registers it in ``datapackage.json`` as the resource
``seed_<id>`` with its SHA-256 and byte size, appends its row to ``sources.csv`` (built from the descriptor's own
field list, so a new column needs no change here: pass it with ``--field COLUMN=VALUE``), fills the derived
publication span, and validates the whole package. All or nothing: every refusal it can foresee is checked before
anything is written, and when the validation after writing fails, every file it wrote is put back byte for byte.

Standard library only at import time (``python -m csto.data check`` imports this module to build its parser);
validation brings in Frictionless, nothing else. ``data/ADDING_A_SOURCE.md`` is the walk-through for people.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import dates, derive, package
from .rights import TABLE, licences
from .rights import may_publish_text as may_publish_text  # the public edition asks here (csto/site/dist.py)
from .rights import rights as rights  # ... and its tests
from .verbatim import normalise
from .writing import Files, Refusal, column_values, explain, rolled_back

# Columns the command fills itself; every other column comes from an option or from --field.
COMPUTED = ("seed_file", "published_earliest", "published_latest", "origin")
# Options with a name of their own: (flag, column, help). A column not listed here is set with --field.
OPTIONS = (
    ("--id", "source_id", "the new source's key, lower case letters, digits and _ (e.g. ivanov2026); must be new"),
    ("--short-name", "short_name", "label for charts and captions, e.g. 'Ivanov 2026'"),
    ("--title", "title", "the title as the text gives it; describe it in brackets when it has none"),
    ("--author", "author", "the author as given in the text; leave out when unnamed"),
    ("--author-description", "author_description", "how the text describes its author"),
    ("--outlet", "outlet", "where the text first appeared, as the text says"),
    ("--republished-by", "republished_by", "who carries this copy, when it is a republication"),
    ("--label", "label", "a notice printed on the copy (e.g. a 'foreign agent' notice)"),
    ("--url", "url", "the address of the original publication, when known"),
    ("--accessed", "accessed", "when the address in --url or --copy-url was checked (YYYY-MM-DD)"),
    ("--copy-url", "copy_url",
     "where your copy was found, when it is not the original (a republication, an aggregator)"),
    ("--provenance-note", "provenance_note",
     "in plain words: where the text first appeared, where your copy comes from, "
     "and what is not known (default: a sentence built from the options)"),
    ("--published", "published", "publication date: YYYY-MM-DD, YYYY-MM or YYYY; a period's start"),
    ("--published-end", "published_end", "the latest possible publication date, when the date is a period"),
    ("--precision", "date_precision",
     "how precise --published is (default: from its form, YYYY-MM-DD is day; period when --published-end is given)"),
    ("--date-basis", "date_basis",
     "stated: the text gives the date; inferred: worked out (--date-note says how). Default: stated"),
    ("--date-note", "date_note", "where the date comes from; required when the date is inferred"),
    ("--language", "language", "ISO 639-1 code of the text (ISO 639-3 where there is none), e.g. ru"),
    ("--translation-of", "translation_of", "source_id of the original, when this text is a translation"),
    ("--genre", "genre", "the kind of text, from the list sources.genre allows in datapackage.json"),
    ("--viewpoint-who", "viewpoint_who", "the viewpoint, 1: who is speaking and from where (a description, not a "
                                         "verdict; say what the text does not say)"),
    ("--viewpoint-for-whom", "viewpoint_for_whom", "the viewpoint, 2: for whom the text was written and published"),
    ("--viewpoint-war", "viewpoint_war", "the viewpoint, 3: how the text stands to the war of 2022 (before or after "
                                         "it, its word for it, every side it criticises)"),
    ("--rights", "rights",
     "who owns the text and why the course includes it (default: a sentence like the other sources')"),
    ("--rights-status", "rights_status",
     "rights_reserved (default: a public build leaves the full text out) or open_licence"),
    ("--quote", "quote", "words of the text that show its author, outlet or date, copied verbatim"),
)
FLAG = {column: flag for flag, column, _ in OPTIONS}
# columns --field may not set: those with an option of their own, and those the command fills itself
RESERVED = {**{c: f"column {c!r} has its own option, {f}" for c, f in FLAG.items()},
            **{c: f"the command fills column {c!r} itself" for c in COMPUTED}}
SEED_DESCRIPTION = ("The full text of source {id} as the course received it, byte for byte (never edited). "
                    "Every quote in the tables is checked against it.")
RIGHTS = "{holder}. Included in full for teaching and for checking quotes; not covered by the course licence."


# ---- the command line ----------------------------------------------------------------------------------------------

def add_arguments(commands) -> None:
    """Register the add-source command on the CLI's subparsers."""
    parser = commands.add_parser(
        "add-source", help="add a source text: copy it into seeds/, register its hash, append its sources.csv row",
        description="Add a source text to the data package in one step: copy it into seeds/<id>.txt, register it in "
                    "datapackage.json with its SHA-256, append its row to data/sources.csv, derive its publication "
                    "span "
                    "and validate the whole package. Nothing is written when anything is wrong. "
                    "Walk-through: data/ADDING_A_SOURCE.md.")
    parser.add_argument("text", type=Path, metavar="PATH",
                        help="the source text (a UTF-8 text file), copied byte for byte")
    for flag, column, text in OPTIONS:
        parser.add_argument(flag, dest=column, metavar=_metavar(flag, column), help=text + _allowed(column))
    parser.add_argument("--field", action="append", default=[], metavar="COLUMN=VALUE",
                        help="a sources.csv column that has no option of its own (repeat for several)")
    parser.add_argument("--root", type=Path, default=None,
                        help="the course repository holding datapackage.json (default: $CSTO_ROOT, else this checkout)")


def _metavar(flag: str, column: str) -> str:
    return {"published": "DATE", "published_end": "DATE", "accessed": "DATE", "source_id": "ID",
            "translation_of": "ID", "language": "CODE"}.get(column, flag.lstrip("-").upper().replace("-", "_"))


def _allowed(column: str) -> str:
    """' (one of: ...)' for a coded column, read from the course's descriptor; nothing if it cannot be read.

    Only help text: the values are checked against the descriptor of the package being changed (--root).
    """
    try:
        values = package.enum(TABLE, column)
    except Exception:  # noqa: BLE001  (help text only: a broken descriptor is for `check` to report)
        return ""
    return f" (one of: {', '.join(values)})" if values else ""


def run(args) -> int:
    """``python -m csto.data add-source``: 0 when the source was added, 1 when refused (nothing changed)."""
    from ..paths import repo_root

    root = Path(args.root or repo_root()).resolve()
    values = {column: getattr(args, column) for _, column, _ in OPTIONS if getattr(args, column) is not None}
    try:
        values.update(column_values(args.field, "--field", RESERVED))
        added = add_source(root, Path(args.text), values)
    except Refusal as refused:
        return refused.print_refused("add-source")
    print(added.report())
    return 0


# ---- the work --------------------------------------------------------------------------------------------------

@dataclass
class Added:
    """What add_source did, for the report printed on success."""

    source_id: str
    short_name: str
    seed: str
    sha256: str
    size: int
    line: int
    row: dict[str, str]
    written: list[str] = field(default_factory=list)

    def report(self) -> str:
        row = self.row
        when = row.get("published", "")
        if row.get("published_end"):
            when += f" to {row['published_end']}"
        span = f"{row.get('published_earliest', '')} to {row.get('published_latest', '')}"
        lines = [
            f"Added source {self.source_id!r} ({self.short_name}):",
            f"  - {self.seed}: copied byte for byte ({self.size} bytes, sha256 {self.sha256[:16]}...)",
            f"  - datapackage.json: resource {package.SEED_PREFIX}{self.source_id} with that hash and size",
            f"  - data/sources.csv, line {self.line}: its row (published {when}, {row.get('date_precision', '')}: "
            f"{span}, {row.get('date_basis', '')})",
        ]
        lines += [f"  - {path}: re-derived (the record now runs to the new source's year)" for path in self.written]
        lines += [
            "The whole package validates: schema, keys, text hashes and the provenance rule.",
            "",
            "Next:",
            f"  1. Quote the text in the tables, one row at a time: python -m csto.data add-row TABLE --source "
            f"{self.source_id} --quote '...' COLUMN=VALUE ... (TABLE: membership, events, claims, people, quotes, "
            f"crisis_responses...; --link ID ties the row to a happening). Each quote is copied word for word from "
            f"{self.seed}; a dated row may not start after {row.get('published_latest', '')}, the last day the text "
            "could have been published.",
            "  2. Then: python -m csto.data check   "
            "(and python -m csto.stale: the notebooks' words the data no longer give)",
            "  3. The whole walk-through, from the text to the membership chart: data/ADDING_A_SOURCE.md",
        ]
        return "\n".join(lines)


def add_source(root: Path, text: Path, values: dict[str, str]) -> Added:
    """Add the text at ``text`` to the package at ``root`` with the sources.csv values given; raise ``Refusal``.

    ``values`` maps sources.csv columns to text (the CLI's options); the computed columns are filled here.
    """
    descriptor = root / "datapackage.json"
    if not descriptor.is_file():
        raise Refusal([f"no datapackage.json in {root} (pass --root, or set CSTO_ROOT to the course repository)",
                       "Nothing was written."])
    plan = _plan(root, descriptor, text, values)
    return _write(root, descriptor, plan)


@dataclass
class _Plan:
    source_id: str
    raw: bytes
    seed_path: Path
    resource: dict
    row: dict[str, str]
    fields: list[str]
    table_path: Path
    table_line: int
    meta: dict
    meta_text: str


def _plan(root: Path, descriptor: Path, text: Path, given: dict[str, str]) -> _Plan:
    """Everything the command will write, after every check that can be made before writing."""
    try:
        meta_text = descriptor.read_text(encoding="utf-8")
        meta = json.loads(meta_text)
        resource = next(r for r in meta["resources"] if r.get("name") == TABLE)
        schema = resource["schema"]
        fields = [f["name"] for f in schema["fields"]]
    except (OSError, ValueError, KeyError, StopIteration) as err:
        raise Refusal([f"{descriptor.name} cannot be read or has no '{TABLE}' table ({err}); "
                       "run `python -m csto.data check` first", "Nothing was written."]) from err
    table_path = root / resource["path"]
    header, rows, table_problems = _read_table(table_path, resource["path"], fields)
    problems = list(table_problems)

    source_id = (given.get("source_id") or "").strip()
    for column in given:
        if column not in fields:
            problems.append(f"{_option(column)}: {resource['path']} has no column {column!r}; "
                            f"its columns are: {', '.join(fields)}")

    raw = b""
    if not text.is_file():
        problems.append(f"{text}: no such file")
    else:
        raw = text.read_bytes()
        problems += _text_problems(text, raw, given.get("quote") or "")

    row = _row(fields, given, source_id, schema)
    problems += value_problems(root, meta, resource, schema, row, rows)
    problems += _date_problems(row)
    seed_path, seed_problems = _seed_problems(root, meta, source_id, raw)
    problems += seed_problems
    if problems:
        raise Refusal(problems + ["Nothing was written."])

    row["seed_file"] = seed_path.name
    columns = derive.date_columns(fields)
    if columns is not None and columns[2] in fields:
        row[columns[2]], row[columns[3]] = derive.span_of(row, columns)
    seed_resource = {
        "name": f"{package.SEED_PREFIX}{source_id}",
        "path": seed_path.relative_to(root).as_posix(),
        "type": "text",
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "title": f"Source text: {row.get('short_name') or source_id}",
        "description": SEED_DESCRIPTION.format(id=source_id),
        "hash": f"sha256:{hashlib.sha256(raw).hexdigest()}",
        "bytes": len(raw),
    }
    if "rights_status" in fields:
        seed_resource["licenses"] = licences(row)
    return _Plan(source_id, raw, seed_path, seed_resource, {k: row.get(k, "") for k in fields}, fields, table_path,
                 len(rows) + 2, meta, meta_text)


def _option(column: str) -> str:
    return FLAG.get(column, f"--field {column}")


def _read_table(path: Path, shown: str, fields: list[str]) -> tuple[list[str], list[dict], list[str]]:
    """(header, rows, problems) of sources.csv; its header must be the descriptor's field list."""
    try:
        body = path.read_bytes().decode("utf-8")
    except OSError as err:
        return fields, [], [f"{shown} cannot be read ({err})"]
    except UnicodeDecodeError as err:
        return fields, [], [f"{shown} is not UTF-8 (byte {err.start}); run `python -m csto.data check` first"]
    reader = csv.DictReader(io.StringIO(body, newline=""))
    rows = list(reader)
    header = list(reader.fieldnames or [])
    if header != fields:
        return header, rows, [f"{shown}, line 1: the header ({', '.join(header)}) is not the descriptor's field list "
                              f"({', '.join(fields)}); run `python -m csto.data check` and fix that first"]
    return header, rows, []


def _text_problems(text: Path, raw: bytes, quote: str) -> list[str]:
    if not raw.strip():
        return [f"{text}: the file is empty"]
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return [f"{text}, line {line}, character {column}: not UTF-8 (byte 0x{raw[err.start]:02x}, {err.reason}); "
                "save the text as UTF-8 and run the command again"]
    if quote.strip() and normalise(quote) not in normalise(body):
        return [f"--quote is not found verbatim in {text} (white space, curly quotes and letter case are folded; "
                f"spelling is kept): {quote[:80]!r}"]
    return []


def _row(fields: list[str], given: dict[str, str], source_id: str, schema: dict) -> dict[str, str]:
    """The new row from the options, with the defaults the command supplies."""
    row = {name: (given.get(name) or "").strip() for name in fields}
    row["source_id"] = source_id
    if not row.get("date_precision") and "date_precision" in fields:
        row["date_precision"] = _precision_of(row.get("published", ""), row.get("published_end", ""))
    if not row.get("date_basis") and "date_basis" in fields:
        row["date_basis"] = "stated"
    if not row.get("rights") and "rights" in fields:
        if row.get("author") and row.get("outlet"):
            holder = f"© {row['author']} / {row['outlet']}"
        else:
            holder = f"© {row.get('outlet') or 'the author'}"
        row["rights"] = RIGHTS.format(holder=holder)
    if not row.get("rights_status") and "rights_status" in fields:
        row["rights_status"] = "rights_reserved"
    if not row.get("provenance_note") and "provenance_note" in fields:
        row["provenance_note"] = provenance_note(row)
    if "origin" in fields:
        allowed = [f for f in schema["fields"] if f["name"] == "origin"][0].get("constraints", {}).get("enum", ["seed"])
        row["origin"] = "seed" if "seed" in allowed else allowed[0]
    return row


def provenance_note(row: dict[str, str]) -> str:
    """The plain sentence add-source writes when none is given: each origin field, or that it is not known."""
    return (f"Original: {row.get('url') or 'address not known'}. "
            f"Copy used: {row.get('copy_url') or ('the original' if row.get('url') else 'not known')}. "
            f"Checked: {row.get('accessed') or 'date not known'}. (Written by add-source from its options.)")


def _precision_of(published: str, published_end: str) -> str:
    if published_end:
        return "period"
    return {10: "day", 7: "month", 4: "year"}.get(len(published), "")


def value_problems(root: Path, meta: dict, resource: dict, schema: dict, row: dict[str, str], rows: list[dict],
                    option_of=None, computed: tuple[str, ...] = COMPUTED) -> list[str]:
    """The descriptor's own constraints on each value: required, enum, pattern, type, unique, foreign keys.

    One rule for add-source and add-row: ``option_of(column)`` names where a value came from in a message (an option
    of add-source, or the file, line and column of the new row for add-row).
    """
    option_of = option_of or _option
    problems = []
    shown = resource["path"]
    for spec in schema["fields"]:
        name, rules = spec["name"], spec.get("constraints", {})
        if name in computed:
            continue
        value, option = row.get(name, ""), option_of(name)
        if not value:
            if name == "date_precision":
                continue  # it follows from the form of --published, which is reported when missing or malformed
            if rules.get("required"):
                about = f": {spec['description']}" if spec.get("description") else ""
                problems.append(f"{option} is required ({shown} column {name!r}{about})")
            continue
        if rules.get("enum") and value not in rules["enum"]:
            problems.append(f"{option} {value!r} is not an allowed value; {shown} column {name!r} allows: "
                            f"{', '.join(rules['enum'])}")
        if rules.get("pattern") and not re.fullmatch(rules["pattern"], value):
            problems.append(f"{option} {value!r} does not have the form {shown} column {name!r} requires "
                            f"(pattern {rules['pattern']})")
        if spec.get("type") == "date" and not _is_iso_day(value):
            problems.append(f"{option} {value!r} is not a date of the form YYYY-MM-DD")
        if rules.get("unique") or schema.get("primaryKey") in (name, [name]):
            for line, other in enumerate(rows, start=2):
                if other.get(name) == value:
                    what = "source" if name == "source_id" else f"value of column {name!r}"
                    problems.append(f"{option} {value!r}: that {what} exists already ({shown}, line {line})")
                    break
    for line, other in enumerate(rows, start=2):
        if row.get("short_name") and other.get("short_name") == row["short_name"]:
            problems.append(f"--short-name {row['short_name']!r} is the label of source {other.get('source_id')!r} "
                            f"({shown}, line {line}): charts would not tell the two apart")
    problems += _foreign_key_problems(root, meta, resource, schema, row, rows, option_of)
    if row.get("date_basis") == "inferred" and "date_note" in row and not row.get("date_note"):
        problems.append("--date-note is required when the date is inferred: say how it was worked out")
    return problems


def _is_iso_day(value: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and date.fromisoformat(value) is not None
    except ValueError:
        return False


def _foreign_key_problems(root: Path, meta: dict, resource: dict, schema: dict, row: dict, rows: list[dict],
                          option_of=None) -> list[str]:
    option_of = option_of or _option
    problems = []
    for key in schema.get("foreignKeys", []):
        columns, target = key.get("fields"), key.get("reference", {})
        if not isinstance(columns, str) or not isinstance(target.get("fields"), str) or not row.get(columns):
            continue
        name = target.get("resource") or resource["name"]
        if name == resource["name"]:
            known = [r.get(target["fields"]) for r in rows]
        else:
            other = next((r for r in meta["resources"] if r.get("name") == name), None)
            if other is None:
                continue  # a descriptor problem, reported by the validation
            with (root / other["path"]).open(encoding="utf-8", newline="") as handle:
                known = [r.get(target["fields"]) for r in csv.DictReader(handle)]
        if row[columns] not in known:
            problems.append(f"{option_of(columns)} {row[columns]!r} is not a {target['fields']} of {name}; "
                            f"the known ones are: {', '.join(k for k in known if k)}")
    return problems


def _date_problems(row: dict[str, str]) -> list[str]:
    if not row.get("published") or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["published"]):
        return []  # a missing or malformed date is reported with the column's own constraints
    options = {"date": "--published", "date_end": "--published-end", "date_precision": "--precision"}
    return [f"{options.get(column, column)}: {message}"
            for column, message in dates.date_problems(row.get("published"), row.get("published_end") or None,
                                                       row.get("date_precision"))]


def _seed_problems(root: Path, meta: dict, source_id: str, raw: bytes) -> tuple[Path, list[str]]:
    seed_path = root / "seeds" / f"{source_id or '_'}.txt"
    problems = []
    if not source_id:
        return seed_path, problems
    if seed_path.exists():
        problems.append(f"seeds/{seed_path.name} exists already: the command never overwrites a text "
                        "(choose another --id, or move that file away if it is a leftover)")
    digest = f"sha256:{hashlib.sha256(raw).hexdigest()}"
    for other in meta.get("resources", []):
        if other.get("name") == f"{package.SEED_PREFIX}{source_id}":
            problems.append(f"datapackage.json already has a resource named {other['name']!r}")
        elif raw and other.get("hash") == digest and other.get("name", "").startswith(package.SEED_PREFIX):
            problems.append(f"this text is already in the package, byte for byte, as {other.get('path')} "
                            f"(source {other['name'][len(package.SEED_PREFIX):]!r})")
    return seed_path, problems


# ---- writing, all or nothing ---------------------------------------------------------------------------------------

def _write(root: Path, descriptor: Path, plan: _Plan) -> Added:
    from .validation import collect_problems

    files = Files()
    record_before = _record_years(descriptor)
    written = []
    try:
        files.create(plan.seed_path, plan.raw)
        meta = dict(plan.meta)
        meta["resources"] = [*plan.meta["resources"], plan.resource]
        ending = "\n" if plan.meta_text.endswith("\n") else ""
        files.replace(descriptor, (json.dumps(meta, indent=1, ensure_ascii=False) + ending).encode("utf-8"))
        table = plan.table_path.read_bytes()
        line = io.StringIO()
        csv.writer(line, lineterminator="\n").writerow([plan.row.get(name, "") for name in plan.fields])
        separator = b"" if not table or table.endswith(b"\n") else b"\n"
        files.replace(plan.table_path, table + separator + line.getvalue().encode("utf-8"))
        if _record_years(descriptor) != record_before:
            path = root / package.resource(derive.MEMBER_YEARS, descriptor)["path"]
            files.replace(path, derive.member_years_text(descriptor).encode("utf-8"))
            written.append(path.relative_to(root).as_posix())
        problems = collect_problems(descriptor)
    except BaseException as err:
        failed = files.roll_back()
        if isinstance(err, Exception):
            reason = f"could not write the new source ({type(err).__name__}: {err})"
            raise Refusal([reason, *rolled_back(failed)]) from err
        raise
    if problems:
        failed = files.roll_back()
        raise Refusal(explain(problems, collect_problems(descriptor)) + rolled_back(failed))
    return Added(plan.source_id, plan.row.get("short_name", ""), plan.resource["path"], plan.resource["hash"][7:],
                 len(plan.raw), plan.table_line, plan.row, written)


def _record_years(descriptor: Path) -> list[int] | None:
    try:
        return derive.record_years(descriptor)
    except (OSError, KeyError, ValueError):
        return None  # a malformed date: the validation reports it


