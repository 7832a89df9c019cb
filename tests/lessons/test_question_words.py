"""What a student reads in a question (prompt, choices, feedback, why) uses the classroom's words: no column name of
the data package ('date_note', 'source_id'), no column spelled out ('date basis', 'finest date') and no 'span' or
'seed', in any notebook's self-check or exercise checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from csto.lessons import quiz

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted({quiz.question(q).notebook for q in quiz.question_ids(exercises=True)})


def _column_names() -> set[str]:
    """Every column of the data package whose name no reader would write (it has an underscore)."""
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    return {f["name"] for r in package["resources"] if "schema" in r for f in r["schema"]["fields"] if "_" in f["name"]}


DATABASE_WORDS = re.compile(r"\b(spans?|seeds?|date basis|finest date|date precision)\b", re.I)


def _texts(notebook: str) -> list[tuple[str, str]]:
    found = []
    for item in quiz.question_data(notebook, exercises=True):
        found += [(item["id"], item["prompt"]), (item["id"], item["why"])]
        found += [(item["id"], c[k]) for c in item.get("choices", []) for k in ("label", "feedback")]
        found += [(item["id"], w["feedback"]) for w in item.get("wrong", [])]
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_no_question_names_a_column_of_the_data_or_a_database_word(notebook):
    columns = re.compile(r"\b(" + "|".join(sorted(_column_names())) + r")\b")
    leaks = [(qid, m.group(0)) for qid, text in _texts(notebook)
             for m in [*columns.finditer(text), *DATABASE_WORDS.finditer(text)]]
    assert not leaks, leaks
