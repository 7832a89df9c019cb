"""The question model: questions read from ``csto/lessons/nbNN/questions.yaml``, checked against
``question_schema.json``, and filled in from the named queries of ``nbNN/queries.py`` when asked.

The files hold every word a student reads (prompt, choices, feedback); the queries hold only the facts, computed
from the data each time, so a corrected row changes the answer and a teacher rewords a question without Python.
A choice question's query returns ``right``: the key of the one right choice (its label unless it names a key). A
number or name question's query returns ``answer``. Every other value a query returns fills ``{placeholders}``.

Errors in a file name the file and line (from PyYAML's node marks); a question whose data now make no choice or
several choices right raises ``QuestionError`` naming the question id.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

from .._imports import jsonschema as load_jsonschema
from ..data.frames import cache_mark, load, table_names, write_cache_file
from ..data.lookups import stamp
from .facts import classroom_names, common_values
from .wording import fill, sentence, tidy

HERE = Path(__file__).resolve().parent
SCHEMA = HERE / "question_schema.json"
SPELLINGS = HERE / "spellings.csv"


class QuestionError(ValueError):
    """A question file that breaks the schema, or a question the data no longer let be answered."""


@dataclass(frozen=True)
class Option:
    """One choice: what the student sees, whether it is right, the feedback for choosing it, other forms of it."""

    label: str
    right: bool
    why: str
    also: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Question:
    """One question as its file writes it; everything that rests on the data is computed when asked."""

    qid: str
    notebook: str
    spec: dict
    query: Callable[[], dict]
    place: str  # "file:line", for messages

    @property
    def kind(self) -> str:
        return self.spec["kind"]

    @property
    def exercise(self) -> bool:
        return bool(self.spec.get("exercise", False))

    @property
    def where(self) -> str:
        return self.spec["where"]

    def values(self) -> dict:
        """The query's values (the answer and every placeholder), with the course-wide ones: computed once per state
        of the tables and question files, since a self-check asks each question's values several times."""
        stamp, (cached_stamp, values) = data_stamp(), self.__dict__.get("_computed", (None, None))
        if stamp != cached_stamp:
            values = {**common_values(), **self.query()}
            object.__setattr__(self, "_computed", (stamp, values))  # a cache, not a field: the question is unchanged
        return dict(values)

    def text(self, values: dict | None = None) -> str:
        return self._fill(self.spec["prompt"], values or self.values())

    def _fill(self, template: object, values: dict) -> str:
        try:
            return tidy(fill(_variant(template, values), values))
        except (KeyError, IndexError, ValueError) as error:
            raise QuestionError(f"{self.place}: question {self.qid}: cannot fill {error} in {template!r}") from error

    def options(self, values: dict | None = None) -> list[Option]:
        """The choices as shown: in the order written when ``ordered``, else in a fixed order of their own (a hash of
        question and label), so that the right choice is not always the first one written."""
        values = values or self.values()
        right = values.get("right")
        right = {str(r) for r in (right if isinstance(right, (list, tuple, set)) else [right]) if r is not None}
        options = []
        for entry in self.spec.get("choices", []):
            for record in _records(entry, values):
                label = self._fill(entry["label"], record)
                key = self._fill(entry["key"], record) if "key" in entry else label
                also = (*(form for a in entry.get("also", []) for form in self._forms(a, record)),
                        *classroom_names(key))
                options.append(Option(label, key in right, self._fill(entry["feedback"], record), also, key))
        if not self.spec.get("ordered"):
            options.sort(key=lambda o: hashlib.sha1(f"{self.qid}|{o.label}".encode()).hexdigest())
        return options

    def _forms(self, template: str, record: dict) -> list[str]:
        """One typed form, or every form of a list the query gives ('{*aliases}'), so a choice's forms stay data."""
        listed = re.fullmatch(r"\{\*(\w+)\}", template)
        if listed:
            return [str(form) for form in record.get(listed.group(1), [])]
        return [self._fill(template, record)]

    @property
    def choices_shown(self) -> bool:
        return bool(self.spec.get("choices_shown", True))

    def right_option(self, values: dict | None = None) -> Option:
        right = [o for o in self.options(values) if o.right]
        if len(right) != 1:
            raise QuestionError(f"question {self.qid} ({self.place}): the data now make {len(right)} choices right "
                                f"({'; '.join(o.label for o in right) or 'none'}); the question must be rewritten")
        return right[0]

    def why(self, values: dict | None = None) -> str:
        """Why the answer is right: the right choice's feedback, or the question's ``why``."""
        values = values or self.values()
        if self.kind == "choice":
            return sentence(self.right_option(values).why)
        return sentence(self._fill(self.spec["why"], values))

    def known_wrong(self, values: dict | None = None) -> list[tuple[object, str]]:
        """(a known wrong number or name, its feedback), in the order written, each value once (the first feedback
        written for it is the one a student meets); the right answer never among them."""
        values = values or self.values()
        found, seen = [], set()
        for entry in self.spec.get("wrong", []):
            for record in _records(entry, values):
                given = entry.get("number", entry.get("text"))
                given = self._fill(given, record) if isinstance(given, str) else given
                if given is None or str(given) not in seen:
                    seen.add(str(given))
                    found.append((given, self._fill(entry["feedback"], record)))
        return found

    def accepted(self, values: dict | None = None) -> list[str]:
        """A name question's right answer, then the other spellings ``spellings.csv`` accepts for its person."""
        return [str((values or self.values())["answer"]), *accepted_spellings(self.spec.get("person", ""))]

    def another_spelling(self, typed: str, values: dict) -> str:
        default = "'{typed}' is another spelling of the same name; the course writes '{answer}'"
        return self._fill(self.spec.get("another_spelling", default), {**values, "typed": typed})


def _truthy(name: str, values: dict) -> bool:
    value = values.get(name)
    try:
        return bool(len(value)) if hasattr(value, "__len__") and not isinstance(value, str) else bool(value)
    except TypeError:
        return bool(value)


def _fits(entry: dict, values: dict) -> bool:
    return (("if" not in entry or _truthy(entry["if"], values))
            and ("unless" not in entry or not _truthy(entry["unless"], values)))


def _variant(template: object, values: dict) -> str:
    """A text, or the first of several variants whose condition holds."""
    if isinstance(template, str):
        return template
    for variant in template:
        if _fits(variant, values):
            return variant["text"]
    raise ValueError("no variant fits")


def _records(entry: dict, values: dict) -> list[dict]:
    """The values for one entry: once, or once per record of its ``each`` list; none when its condition fails."""
    if not _fits(entry, values):
        return []
    if "each" not in entry:
        return [values]
    return [{**values, **record} for record in values.get(entry["each"], [])]


# ---- reading and checking the files --------------------------------------------------------------------------

def _line_of(node: yaml.Node, path: tuple) -> int:
    """The line (1-based) of the YAML node at a JSON-schema error's path, or of the nearest node above it."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
    return node.start_mark.line + 1


def _question_ids_at(root: yaml.Node) -> dict[int, str]:
    """Question index → its id, for messages."""
    content = dict((k.value, v) for k, v in root.value) if isinstance(root, yaml.MappingNode) else {}
    items = content.get("questions")
    ids = {}
    for i, node in enumerate(items.value if isinstance(items, yaml.SequenceNode) else []):
        mapping = node.value if isinstance(node, yaml.MappingNode) else []
        ids[i] = next((v.value for k, v in mapping if k.value == "id"), "?")
    return ids


# libyaml's loader when PyYAML was built with it (the wheels are): the pure-Python one took 0.1 s a file, most of the
# first self-check's wait in every lesson. Both build the same safe types.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def read_file(path: Path) -> dict:
    """One question file, checked against the schema; errors name the file, the line and the question id."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
        content = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        raise QuestionError(f"{path}: not valid YAML: {error}") from error
    # a file text that passed this schema before is not checked again (a tenth of a second of every first self-check)
    passed = cache_mark("questions", SCHEMA.read_text(encoding="utf-8"), text)
    errors = [] if passed.exists() else load_jsonschema().Draft202012Validator(_schema()).iter_errors(content)
    errors = sorted(errors, key=lambda e: list(map(str, e.path)))
    if not errors:
        write_cache_file(passed, b"")
    if errors:
        ids = _question_ids_at(root)
        lines = []
        for error in errors:
            where = list(error.absolute_path)
            who = f" (question {ids.get(where[1], '?')})" if len(where) > 1 and where[0] == "questions" else ""
            lines.append(f"{path}:{_line_of(root, tuple(where))}{who}: {error.message}")
        raise QuestionError("\n".join(lines))
    marks = {}
    for i, node in enumerate(dict((k.value, v) for k, v in root.value)["questions"].value):
        marks[content["questions"][i]["id"]] = node.start_mark.line + 1
    content["_lines"] = marks
    return content


def question_files() -> list[Path]:
    """Every notebook's question file, in notebook order."""
    return sorted(HERE.glob("nb[0-9][0-9]/questions.yaml"))


def _stamp() -> tuple:
    files = question_files()
    return tuple((str(p), p.stat().st_mtime_ns) for p in files) + ((str(SPELLINGS), SPELLINGS.stat().st_mtime_ns),)


@lru_cache(maxsize=4)
def _load(stamp: tuple) -> dict[str, Question]:
    found: dict[str, Question] = {}
    for path in question_files():
        content = read_file(path)
        notebook = content["notebook"]
        if path.parent.name != f"nb{notebook}":
            raise QuestionError(f"{path}:1: says notebook {notebook!r} but sits in {path.parent.name}")
        queries = importlib.import_module(f"{__package__}.{path.parent.name}.queries")
        for spec in content["questions"]:
            place = f"{path}:{content['_lines'][spec['id']]}"
            if spec["id"] in found:
                also = found[spec["id"]].place
                raise QuestionError(f"{place}: question id {spec['id']!r} is used twice (also {also})")
            query = getattr(queries, spec["query"], None)
            if not callable(query):
                raise QuestionError(f"{place}: question {spec['id']}: {queries.__name__} has no query "
                                    f"{spec['query']!r}")
            found[spec["id"]] = Question(spec["id"], notebook, spec, query, place)
    return found


def data_stamp() -> tuple:
    """What the answers rest on: every table (as ``load()`` keys it) and every question file."""
    return stamp(*table_names()) + _stamp()


def all_questions() -> dict[str, Question]:
    """Every question of every notebook (self-checks and exercises), read once per state of the files."""
    return _load(_stamp())


def accepted_spellings(person_id: str) -> list[str]:
    """The spellings of a person's first name that are right (the course's own first): ``spellings.csv``, a list a
    teacher extends, never a similarity rule (one that took 'Alan' for 'Alen'); then each with the surname ('Alen
    Simonyan'), the whole name a student may type, which a box matching whole answers must take too."""
    if not person_id:
        return []
    with SPELLINGS.open(encoding="utf-8", newline="") as handle:
        firsts = [row["spelling"] for row in csv.DictReader(handle) if row["person_id"] == person_id]
    surname = " ".join(str(load("people").set_index("person_id")["name_standard"].get(person_id, "")).split()[1:])
    return firsts + [f"{first} {surname}" for first in firsts if surname]


def problems(notebook: str | None = None) -> list[str]:
    """Every question that cannot be asked with today's data (no right choice or several, a missing value), by id."""
    found = []
    for q in all_questions().values():
        if notebook is not None and q.notebook != notebook:
            continue
        try:
            values = q.values()
            q.text(values)
            q.why(values)
            q.known_wrong(values)
        except Exception as error:  # noqa: BLE001 - every problem is reported, by question id
            found.append(f"{q.qid}: {error}")
    return found


def main(argv: list[str] | None = None) -> int:
    """``python -m csto.lessons.questions [NN]``: every question that today's data no longer let be asked, by id
    (exit status 1), so that a build stops on a stale question; silence and status 0 when all can be asked."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    found = problems(args[0].zfill(2) if args else None)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
