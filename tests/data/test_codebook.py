"""The codebook, the data README, the citation metadata and the version of the data package.

Each rule is a function that lists what is wrong in a package at a given descriptor, so that it runs on the course's
package (which must have no problem) and on a broken copy (which must show the problem): every test can fail.
The data are being corrected in parallel; a message names the table, column, value and row to fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from csto import release
from csto.data import codebook
from csto.data.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTOR = ROOT / "datapackage.json"
CFF_SCHEMA = ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json"


# ---- the rules --------------------------------------------------------------------------------------------------

REFRESH = "`python -m csto.data codebook --examples`"


def _rows(descriptor: Path, table: codebook.Table) -> list[dict]:
    with (descriptor.parent / table.path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def description_problems(descriptor: Path) -> list[str]:
    book = codebook.entries(descriptor)
    problems = [f"table {t.name}: no description of what one row is" for t in book.tables if not t.description.strip()]
    problems += [f"{t.name}.{f.name}: no description"
                 for t in book.tables for f in t.fields if not f.description.strip()]
    return problems


def category_problems(descriptor: Path) -> list[str]:
    """Every value of an enum has a category (in the enum's order) with a label, a definition and a decision rule."""
    problems = []
    for table in codebook.entries(descriptor).tables:
        for field in table.fields:
            where = f"{table.name}.{field.name}"
            enum = field.constraints.get("enum")
            values = [c.value for c in field.categories]
            if enum and values != [str(v) for v in enum]:
                problems.append(f"{where}: categories {values} do not list the enum {enum} in its order")
            for category in field.categories:
                for part in ("label", "definition", "rule"):
                    if not getattr(category, part).strip():
                        problems.append(f"{where}={category.value}: no {part}")
    return problems


def example_problems(descriptor: Path) -> list[str]:
    """A non-empty example names an existing row (by primary key) that has that value."""
    problems = []
    for table in codebook.entries(descriptor).tables:
        coded = [f for f in table.fields if f.categories]
        if not coded:
            continue
        rows = {codebook.example_key(r, table.primary_key): r for r in _rows(descriptor, table)}
        for field in coded:
            for category in field.categories:
                if not category.example:
                    continue
                where = f"{table.name}.{field.name}={category.value}"
                having = [key for key, r in rows.items() if r.get(field.name) == category.value][:3]
                instead = f"e.g. {', '.join(having)}" if having else "no row has it now: ''"
                row = rows.get(category.example)
                if row is None:
                    problems.append(f"{where}: the example row {category.example!r} is not in {table.path} any more "
                                    f"(removed or renamed?); give another ({instead}): {REFRESH}")
                elif row.get(field.name) != category.value:
                    problems.append(f"{where}: the example row {category.example!r} has {field.name}="
                                    f"{row.get(field.name)!r} now; give another ({instead}): {REFRESH}")
    return problems


def convention_problems(descriptor: Path) -> list[str]:
    """A coded column without an enum constraint (a closed list by convention): every value in use has a category."""
    problems = []
    for table in codebook.entries(descriptor).tables:
        for field in table.fields:
            if field.categories and not field.closed:
                known = {c.value for c in field.categories}
                for row in _rows(descriptor, table):
                    value = row.get(field.name) or ""
                    if value and value not in known:
                        key = codebook.example_key(row, table.primary_key)
                        problems.append(f"{table.name}.{field.name}: {value!r} (row {key}) "
                                        "has no category in the codebook")
    return problems


LINK = re.compile(r"\]\(([^)\s]+)\)")
PATH_IN_CODE = re.compile(r"`(\.\./[^`\s]*)`")


def readme_problems(descriptor: Path) -> list[str]:
    """The generated parts are up to date, and nothing points outside the repository."""
    path = codebook.readme_path(descriptor)
    text = path.read_text(encoding="utf-8")
    problems = []
    parts = (("codebook", codebook.START, codebook.END, codebook.markdown),
             ("sources", codebook.SOURCES_START, codebook.SOURCES_END, codebook.sources_markdown))
    for name, start, end, make in parts:
        try:
            if codebook.generated_part(text, start, end) != make(descriptor):
                problems.append(f"data/README.md: the {name} part is out of date: "
                                "run `python -m csto.data codebook --readme`")
        except ValueError as err:
            problems.append(f"data/README.md: {err}")
    root = descriptor.parent.resolve()
    for marker in ("://", "../shared", "/work/", "/tmp/", "/home/"):
        if marker in text:
            problems.append(f"data/README.md: {marker!r} points outside the repository")
    for target in LINK.findall(text) + PATH_IN_CODE.findall(text):
        file = target.split("#")[0]
        if not file:
            continue  # a heading of the README itself
        resolved = (path.parent / file).resolve()
        if not resolved.is_relative_to(root):
            problems.append(f"data/README.md: {target} points outside the repository")
        elif not resolved.exists():
            problems.append(f"data/README.md: {target} does not exist")
    return problems


def _cff(root: Path) -> dict:
    import yaml

    def text_dates(value):  # the CFF schema: "cast YAML 'date' objects to string objects when validating"
        if isinstance(value, dict):
            return {k: text_dates(v) for k, v in value.items()}
        if isinstance(value, list):
            return [text_dates(v) for v in value]
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value

    return text_dates(yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8")))


def citation_problems(descriptor: Path) -> list[str]:
    """CITATION.cff validates against the CFF 1.2.0 schema and agrees with the descriptor and the README."""
    import jsonschema

    root = descriptor.parent
    cff = _cff(root)
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    problems = [f"CITATION.cff, {'/'.join(map(str, e.absolute_path)) or 'top level'}: {e.message}"
                for e in validator.iter_errors(cff)]
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    if str(cff.get("version")) != meta.get("version"):
        problems.append(f"CITATION.cff version {cff.get('version')!r} is not the descriptor's {meta.get('version')!r}")
    if cff.get("title") != meta.get("title"):
        problems.append(f"CITATION.cff title {cff.get('title')!r} is not the descriptor's {meta.get('title')!r}")
    if cff.get("type") != "dataset":
        problems.append("CITATION.cff: type should be dataset")
    if cff.get("license") not in [licence.get("name") for licence in meta.get("licenses", [])]:
        problems.append(f"CITATION.cff license {cff.get('license')!r} is not among the descriptor's licences")
    citation = meta.get("citation", "")
    if not citation or f"(version {meta.get('version')})" not in citation:
        problems.append(f"datapackage.json: the citation {citation!r} does not name version {meta.get('version')}")
    if citation not in " ".join(str(cff.get("message", "")).split()):
        problems.append("CITATION.cff: the message does not give the descriptor's citation text")
    if citation not in codebook.readme_path(descriptor).read_text(encoding="utf-8"):
        problems.append("data/README.md does not give the descriptor's citation text")
    return problems


def check_output(descriptor: Path) -> str:
    run = subprocess.run([sys.executable, "-m", "csto.data", "check", str(descriptor)], capture_output=True, text=True,
                         cwd=ROOT, timeout=600)
    return run.stdout + run.stderr


# ---- the course's package has no problem -------------------------------------------------------------------------

def test_every_table_and_field_is_described():
    assert description_problems(DESCRIPTOR) == []


def test_every_coded_value_has_a_label_a_definition_and_a_rule():
    assert category_problems(DESCRIPTOR) == []


def test_every_example_names_a_row_with_that_value():
    assert example_problems(DESCRIPTOR) == []


def test_closed_lists_without_an_enum_cover_every_value_in_use():
    assert convention_problems(DESCRIPTOR) == []


def test_the_readme_carries_the_generated_codebook_and_points_nowhere_outside():
    assert readme_problems(DESCRIPTOR) == []


def test_citation_cff_validates_and_agrees_with_the_descriptor():
    assert citation_problems(DESCRIPTOR) == []


def test_check_prints_the_version():
    version = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["version"]
    assert f"version {version}:" in check_output(DESCRIPTOR)


def test_the_codebook_command_prints_the_markdown(capsys):
    assert main(["codebook"]) == 0
    assert capsys.readouterr().out == codebook.markdown()


def test_the_structured_codebook_serialises_for_other_renderers():
    book = codebook.entries()
    entry = book.as_dict()
    assert json.loads(json.dumps(entry, ensure_ascii=False)) == entry
    response = {f.name: f for f in book.table("crisis_responses").fields}["response"]
    assert response.closed and [c.value for c in response.categories] == response.constraints["enum"]


# ---- and each rule finds a broken copy ---------------------------------------------------------------------------

@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A scratch copy of what the rules read: descriptor, data/, seeds/, CITATION.cff and docs/."""
    for folder in ("data", "seeds", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for file in ("datapackage.json", "CITATION.cff"):
        shutil.copy2(ROOT / file, tmp_path / file)
    return tmp_path / "datapackage.json"


def _edit(descriptor: Path, change) -> None:
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    change(meta)
    descriptor.write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")


def _field(meta: dict, table: str, name: str) -> dict:
    resource = next(r for r in meta["resources"] if r["name"] == table)
    return next(f for f in resource["schema"]["fields"] if f["name"] == name)


def test_a_missing_description_is_found(package_copy):
    _edit(package_copy, lambda m: _field(m, "citations", "also").update(description=" "))
    assert description_problems(package_copy) == ["citations.also: no description"]


def test_an_undefined_or_unruled_code_is_found(package_copy):
    def change(meta):
        act = _field(meta, "event_countries", "act")
        act["categories"] = [c for c in act["categories"] if c["value"] != "absence"]
        _field(meta, "quotes", "voice")["categories"][1]["rule"] = ""

    _edit(package_copy, change)
    problems = category_problems(package_copy)
    assert any(p.startswith("event_countries.act: categories") for p in problems)
    assert "quotes.voice=source_words: no rule" in problems


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_vanished_or_recoded_example_row_is_named(package_copy):
    book = codebook.entries(package_copy)
    fields = {f.name: f for f in book.table("crisis_responses").fields}
    category = next(c for c in fields["response"].categories if c.example)
    other = next(c.value for c in {f.name: f for f in book.table("crisis_responses").fields}["response"].categories
                 if c.value != category.value)
    path = package_copy.parent / "data" / "crisis_responses.csv"
    original = path.read_text(encoding="utf-8")

    def rename(row):
        if row["response_id"] == category.example:
            row["response_id"] += "_renamed"

    _rewrite(path, rename)
    assert any(category.example in p and "not in data/crisis_responses.csv" in p
               for p in example_problems(package_copy))
    path.write_text(original, encoding="utf-8")
    _rewrite(path, lambda row: row.update(response=other) if row["response_id"] == category.example else None)
    assert any(category.example in p and f"has response={other!r}" in p for p in example_problems(package_copy))
    changes = codebook.refresh_examples(package_copy)
    assert any(c.startswith(f"crisis_responses.response={category.value}: {category.example} -> ") for c in changes)
    assert example_problems(package_copy) == [] and codebook.refresh_examples(package_copy) == []


def test_a_value_outside_a_conventional_list_is_found(package_copy):
    path = package_copy.parent / "data" / "claims.csv"
    first = next(csv.DictReader(path.open(encoding="utf-8", newline="")))["claim_id"]
    _rewrite(path, lambda row: row.update(topic="weather") if row["claim_id"] == first else None)
    expected = f"claims.topic: 'weather' (row {first}) has no category in the codebook"
    assert convention_problems(package_copy) == [expected]


def test_a_stale_or_leaking_readme_is_found(package_copy):
    _edit(package_copy, lambda m: _field(m, "citations", "note").update(description="changed"))
    readme = codebook.readme_path(package_copy)
    readme.write_text(readme.read_text(encoding="utf-8") + "\nSee [the leads](../shared/context-leads.md) and "
                      "[notes](../../notes.md).\n", encoding="utf-8")
    problems = readme_problems(package_copy)
    assert any("codebook part is out of date" in p for p in problems)
    assert any("'../shared'" in p for p in problems)
    assert "data/README.md: ../shared/context-leads.md does not exist" in problems
    assert "data/README.md: ../../notes.md points outside the repository" in problems
    assert codebook.update_readme(package_copy) is True
    assert codebook.update_readme(package_copy) is False
    assert not any("out of date" in p for p in readme_problems(package_copy))


def test_an_invalid_or_out_of_step_citation_file_is_found(package_copy):
    cff = package_copy.parent / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace("type: dataset", "type: article")
                   .replace(f"version: {release.version()}", "version: 0.9.0"), encoding="utf-8")
    problems = citation_problems(package_copy)
    assert any(p.startswith("CITATION.cff, type:") for p in problems)
    assert any("version '0.9.0' is not the descriptor's" in p for p in problems)
    cff.write_text("cff-version: 1.2.0\ntitle: x\n", encoding="utf-8")
    assert any("'authors' is a required property" in p for p in citation_problems(package_copy))


def test_check_without_a_version_does_not_print_one(package_copy):
    version = json.loads(package_copy.read_text(encoding="utf-8"))["version"]
    _edit(package_copy, lambda m: m.pop("version"))
    assert f"version {version}" not in check_output(package_copy)
