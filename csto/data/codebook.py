"""The codebook of the data package, read from the descriptor: ``python -m csto.data codebook`` prints it.

The descriptor (``datapackage.json``) is the one place where a table's unit of observation, a column's meaning and
every coded value's label, definition, decision rule and example are written. This module reads it and lays it
out: ``entries()`` gives the structured codebook (for other renderers: the site's HTML page), ``markdown()`` the text
that ``data/README.md`` carries between its codebook markers, and ``sources_markdown()`` the README's list of the
sources, read from ``data/sources.csv``. ``update_readme()`` rewrites both generated parts of the README
(``python -m csto.data codebook --readme``); a test checks that they are up to date. When the data change under an
example, ``refresh_examples()``, the one function here that writes the descriptor, picks another row
(``python -m csto.data codebook --examples``).

An example names a row by its table's primary key; the values of a composite key are joined by ``KEY_SEPARATOR``
in key order (``ev_2016_10_summit / KAZ / absent``). Standard library only, like ``package``.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from ..paths import descriptor_path
from . import package

KEY_SEPARATOR = " / "
START, END = "<!-- codebook:start -->", "<!-- codebook:end -->"
SOURCES_START, SOURCES_END = "<!-- sources:start -->", "<!-- sources:end -->"
DATA_PREFIX = "data/"


VIEWPOINT_PARTS = {"who": "Who", "for_whom": "For whom", "war": "War"}  # the one yardstick, in its order


def viewpoint_sentence(row: dict) -> str:
    """A source's viewpoint (sources.csv ``viewpoint_who``, ``viewpoint_for_whom``, ``viewpoint_war``) as one text,
    each part named: 'Who: … For whom: … War: …', for a card, a page or the codebook."""
    return " ".join(f"{label}: {row.get(f'viewpoint_{key}', '')}" for key, label in VIEWPOINT_PARTS.items())


@dataclass(frozen=True)
class Category:
    """One coded value of a column: what the course prints, what it means, how a coder decides, a row that has it."""

    value: str
    label: str
    definition: str
    rule: str
    example: str  # the primary key of a row with this value, or "" when no row has it yet


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: str
    constraints: dict
    categories: tuple[Category, ...]

    @property
    def coded(self) -> bool:
        return bool(self.categories)

    @property
    def closed(self) -> bool:
        """True when the descriptor restricts the column to its codes (an ``enum`` constraint)."""
        return "enum" in self.constraints


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # from the repository root, e.g. data/events.csv
    title: str
    description: str  # what one row is
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    fields: tuple[Field, ...]

    @property
    def file(self) -> str:
        """The file as named from ``data/`` (where the README lives): events.csv."""
        return self.path.removeprefix(DATA_PREFIX)


@dataclass(frozen=True)
class Resource:
    """A resource that is not a table: the map outlines, a source text."""

    name: str
    path: str
    title: str
    description: str


@dataclass(frozen=True)
class Codebook:
    title: str
    version: str
    created: str
    citation: str
    licenses: tuple[dict, ...]
    tables: tuple[Table, ...]
    resources: tuple[Resource, ...]

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f"no table {name!r} in the codebook")

    def as_dict(self) -> dict:
        """Plain dicts and lists (JSON-serialisable), for renderers that do not take dataclasses."""
        return _plain(asdict(self))


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _names(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _field(entry: dict) -> Field:
    categories = tuple(Category(str(c.get("value", "")), c.get("label", ""), c.get("definition", ""), c.get("rule", ""),
                                c.get("example", "")) for c in entry.get("categories") or [])
    constraints = dict(entry.get("constraints") or {})
    return Field(entry["name"], entry.get("type", "string"), bool(constraints.get("required")),
                 entry.get("description", ""), constraints, categories)


def _table(resource: dict) -> Table:
    schema = resource["schema"]
    foreign = tuple(ForeignKey(_names(fk["fields"]), fk["reference"]["resource"] or resource["name"],
                               _names(fk["reference"]["fields"])) for fk in schema.get("foreignKeys") or [])
    return Table(resource["name"], resource["path"], resource.get("title", resource["name"]),
                 resource.get("description", ""), _names(schema.get("primaryKey")), foreign,
                 tuple(_field(f) for f in schema["fields"]))


def entries(descriptor: Path | None = None) -> Codebook:
    """The structured codebook: package metadata, every table with its fields and codes, the other resources."""
    meta = package.descriptor(descriptor)
    tables = tuple(_table(r) for r in meta["resources"] if "schema" in r)
    others = tuple(Resource(r["name"], r["path"], r.get("title", r["name"]), r.get("description", ""))
                   for r in meta["resources"] if "schema" not in r)
    return Codebook(meta.get("title", ""), meta.get("version", ""), meta.get("created", ""), meta.get("citation", ""),
                    tuple(meta.get("licenses") or ()), tables, others)


def example_key(row: dict, primary_key: tuple[str, ...] | list[str] | str) -> str:
    """How a codebook example names a row: its primary key's values, joined by KEY_SEPARATOR."""
    return KEY_SEPARATOR.join(str(row[k]) for k in _names(primary_key))


# ---- Markdown ----------------------------------------------------------------------------------------------------

def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{text}`" if text else ""


def _type(field: Field) -> str:
    parts = [field.type]
    if field.closed:
        parts.append("coded")
    elif field.coded:
        parts.append("coded (no enum constraint)")
    if "pattern" in field.constraints:
        parts.append(f"pattern `{field.constraints['pattern']}`")
    if field.constraints.get("unique"):
        parts.append("unique")
    return ", ".join(parts)


def _keys(table: Table) -> str:
    key = ", ".join(_code(k) for k in table.primary_key) or "none"
    text = f"Primary key: {key}."
    if table.foreign_keys:
        links = "; ".join(f"{', '.join(_code(f) for f in fk.fields)} → "
                          f"`{fk.resource}.{', '.join(fk.reference)}`" for fk in table.foreign_keys)
        text += f" Foreign keys: {links}."
    return text


def _same(categories: tuple[Category, ...]) -> tuple:
    return tuple((c.value, c.label, c.definition, c.rule) for c in categories)


def _categories(field: Field, table: Table, seen: dict[tuple, str]) -> list[str]:
    signature = _same(field.categories)
    note = ("" if field.closed
            else " (no enum constraint: a closed list by convention, which the tests hold the data to)")
    if signature in seen:
        examples = "; ".join(f"`{c.value}`: {_code(c.example) or 'none yet'}" for c in field.categories)
        return [f"Coded values of `{field.name}`{note}: as for {seen[signature]} (see there). "
                f"Examples here: {examples}.", ""]
    seen[signature] = f"`{table.name}.{field.name}`"
    lines = [f"Coded values of `{field.name}`{note}:", ""]
    for c in field.categories:
        example = f" *Example:* {_code(c.example)}." if c.example else " *Example:* none yet."
        lines.append(f"- `{c.value}` ({c.label}): {c.definition} *Rule:* {c.rule}{example}")
    lines.append("")
    return lines


def markdown(descriptor: Path | None = None) -> str:
    """The codebook as Markdown: per table, what a row is, its keys, its columns and every coded value."""
    book = entries(descriptor)
    lines = [
        f"Version {book.version}. Generated from `datapackage.json` by `python -m csto.data codebook`: edit the "
        "descriptor, not this text, then run `python -m csto.data codebook --readme`.",
        "",
        "Each table gives what one row is, its keys, and its columns (type, whether required, meaning). A coded column "
        "lists each value with its label (as the course prints it), its definition, the decision rule a coder applies "
        "and an example: the primary key of a row that has the value (a composite key's values in key order, joined "
        "by a slash). Tables are named from `data/`, where this README lives.",
        "",
    ]
    seen: dict[tuple, str] = {}
    for table in book.tables:
        lines += [f"### `{table.file}`: {table.title}", "", table.description, "", _keys(table), "",
                  "| column | type | required | description |", "|---|---|---|---|"]
        lines += [f"| `{f.name}` | {_cell(_type(f))} | {'yes' if f.required else 'no'} | {_cell(f.description)} |"
                  for f in table.fields]
        lines.append("")
        for field in table.fields:
            if field.coded:
                lines += _categories(field, table, seen)
    if book.resources:
        lines += ["### Other resources", "", "Files in `data/` are named from there, the others (the source texts) "
                  "from the repository root.", "", "| resource | file | description |", "|---|---|---|"]
        for resource in book.resources:
            shown = resource.path.removeprefix(DATA_PREFIX)
            lines.append(f"| `{resource.name}` | `{shown}` | {_cell(resource.description)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# ---- the sources, for the README ----------------------------------------------------------------------------------

def _sources(descriptor: Path | None) -> list[dict]:
    path = Path(descriptor or descriptor_path())
    with (path.parent / package.resource("sources", path)["path"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sorted(rows, key=lambda r: (r.get("published_earliest") or r.get("published") or "", r["source_id"]))


def sources_markdown(descriptor: Path | None = None) -> str:
    """Every source, oldest first, described with the same fields: title, author, outlet, copy, date, language,
    genre."""
    from ..labels import date_label, language  # wording only: no pandas, nothing of the data

    lines = []
    for row in _sources(descriptor):
        author = row.get("author") or ""
        said = row.get("author_description") or ""
        who = f"{author} ({said})" if author and said else (author or said or "not named")
        copy = []
        if row.get("republished_by"):
            copy.append(f"republished by {row['republished_by']}")
        if row.get("label"):
            copy.append(f"notice on the copy: {row['label']}")
        when = date_label(row.get("published"), row.get("published_end"), row.get("date_precision"))
        translation = f", translation of `{row['translation_of']}`" if row.get("translation_of") else ""
        # a printed title in italics, or the course's description of an untitled text in brackets
        title = row["title"] if row["title"].startswith("(") else f"*{row['title']}*"
        title += "" if title.rstrip("*")[-1:] in ".?!" else "."
        lines.append(
            f"- **{row['short_name']}** (`{row['source_id']}`, text `seeds/{row['seed_file']}`): {title} "
            f"Author: {who}. Outlet: {row['outlet']}{'; ' + '; '.join(copy) if copy else ''}. "
            f"Published: {when} ({row.get('date_basis', '')}). Language: {language(row.get('language'))}{translation}. "
            f"Genre: {row.get('genre', '').replace('_', ' ')}. Viewpoint: {viewpoint_sentence(row)}")
    return "\n".join(lines) + "\n"


# ---- examples ----------------------------------------------------------------------------------------------------

def refresh_examples(descriptor: Path | None = None) -> list[str]:
    """Replace every example that no longer names a row with that value by the first row that has it ('' if none).

    The only function here that writes: it rewrites ``datapackage.json`` (same layout) when an example changed, and
    returns what changed ('events.kind=clash: ev_a -> ev_b'). Valid examples are kept as they are.
    """
    import json

    path = Path(descriptor or descriptor_path())
    text = path.read_text(encoding="utf-8")
    meta = json.loads(text)
    changes = []
    for resource in meta["resources"]:
        fields = [f for f in resource.get("schema", {}).get("fields", []) if f.get("categories")]
        if not fields:
            continue
        with (path.parent / resource["path"]).open(encoding="utf-8", newline="") as handle:
            rows = {example_key(r, resource["schema"]["primaryKey"]): r for r in csv.DictReader(handle)}
        for field in fields:
            for category in field["categories"]:
                value, old = str(category.get("value")), category.get("example", "")
                if old in rows and rows[old].get(field["name"]) == value:
                    continue
                new = next((key for key, row in rows.items() if row.get(field["name"]) == value), "")
                if new != old:
                    category["example"] = new
                    changes.append(f"{resource['name']}.{field['name']}={value}: "
                                   f"{old or '(none)'} -> {new or '(none)'}")
    if changes:
        ending = "\n" if text.endswith("\n") else ""
        path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + ending, encoding="utf-8")
    return changes


# ---- the README's generated parts ---------------------------------------------------------------------------------

def readme_path(descriptor: Path | None = None) -> Path:
    return Path(descriptor or descriptor_path()).parent / "data" / "README.md"


def generated_part(text: str, start: str = START, end: str = END) -> str:
    """The text between two marker comments (without the newlines next to the markers)."""
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ValueError(f"the README needs exactly one {start} followed by one {end}")
    return text[text.index(start) + len(start):text.index(end)].strip("\n") + "\n"


def _replace(text: str, start: str, end: str, body: str) -> str:
    generated_part(text, start, end)  # the markers are there, once each
    return text[:text.index(start) + len(start)] + "\n" + body.rstrip("\n") + "\n" + text[text.index(end):]


def update_readme(descriptor: Path | None = None) -> bool:
    """Rewrite the generated parts of data/README.md (codebook, sources); True when the file changed."""
    path = readme_path(descriptor)
    text = path.read_text(encoding="utf-8")
    new = _replace(_replace(text, START, END, markdown(descriptor)), SOURCES_START, SOURCES_END,
                   sources_markdown(descriptor))
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True
