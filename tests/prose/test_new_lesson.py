"""``python -m csto.course new 07 "Title"`` adds a lesson that builds, runs and passes its own prose test.

The command runs in a scratch copy of the repository (the course's files, without .git, the venv or built sites), as
an author would use it; then, as the author's first step, the lesson's story gets events in data/story_events.csv
(copied from lesson 00's). The new notebook is then executed and exported by the site's preview (deck and handout),
and its generated prose test, the notebook checklist and the starter-cell runs go through pytest, all against the copy.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".git", ".venv", "site", "dist", ".build-cache", ".pytest_cache", "__pycache__", "bench.json"}
NUMBER, TITLE, STEM = "97", "Arms and aid", "97_arms_and_aid"


def _copy(target: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> list[str]:  # the repository's own site/, dist/…, not csto/site/
        return [n for n in names if n in SKIP] if Path(folder) == ROOT else [n for n in names if n == "__pycache__"]

    shutil.copytree(ROOT, target, ignore=ignore)
    cache = ROOT / ".build-cache" / "tables"
    if cache.is_dir():  # cast tables keyed by content: reusing them only saves time
        shutil.copytree(cache, target / ".build-cache" / "tables")
    return target


def _run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd), "CSTO_ROOT": str(cwd)}
    env.pop("CSTO_TABLE_CACHE", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _give_the_story_events(root: Path) -> None:
    """The author's first step: the lesson's "What happened" events (here, lesson 00's)."""
    path = root / "data" / "story_events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows += [{**r, "notebook": NUMBER} for r in rows if r["notebook"] == "00"][:3]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    descriptor = root / "datapackage.json"
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    for resource in meta["resources"]:
        for field in resource.get("schema", {}).get("fields", []):
            if resource["name"] == "story_events" and field["name"] == "notebook":
                field.get("constraints", {}).pop("pattern", None)  # a lesson number the descriptor did not know yet
    descriptor.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = _copy(tmp_path_factory.mktemp("course") / "repo")
    made = _run([sys.executable, "-m", "csto.course", "new", NUMBER, TITLE], root)
    assert made.returncode == 0, made.stdout + made.stderr
    return root


def test_new_writes_the_notebook_its_questions_its_prose_test_and_the_guides_blocks(course):
    assert (course / "notebooks" / f"{STEM}.ipynb").is_file()
    assert (course / "csto" / "lessons" / f"nb{NUMBER}" / "questions.yaml").is_file()
    assert (course / "tests" / "prose" / f"test_{STEM}.py").is_file()
    guide = (course / "teacher_guide.md").read_text(encoding="utf-8")
    assert f"<!-- plan:{NUMBER}:start -->" in guide and f"<!-- answers:{NUMBER}:start -->" in guide
    with (course / "csto" / "course_map.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["file"] for r in csv.DictReader(handle) if r["notebook"] == NUMBER] == [f"{STEM}.ipynb"]
    readme = (course / "README.md").read_text(encoding="utf-8")
    assert f"[{TITLE}](notebooks/{STEM}.ipynb)" in readme


def test_new_refuses_a_lesson_that_exists_and_changes_nothing(course):
    before = (course / "csto" / "course_map.csv").read_bytes()
    again = _run([sys.executable, "-m", "csto.course", "new", NUMBER, "Another title"], course)
    assert again.returncode != 0 and "already" in again.stderr
    assert (course / "csto" / "course_map.csv").read_bytes() == before


def test_the_guide_fills_the_new_lessons_plan_and_answer_key(course):
    made = _run([sys.executable, "-m", "csto.site.guide"], course)
    assert made.returncode == 0, made.stdout + made.stderr
    guide = (course / "teacher_guide.md").read_text(encoding="utf-8")
    plan = guide.split(f"<!-- plan:{NUMBER}:start -->", 1)[1].split(f"<!-- plan:{NUMBER}:end -->", 1)[0]
    answers = guide.split(f"<!-- answers:{NUMBER}:start -->", 1)[1].split(f"<!-- answers:{NUMBER}:end -->", 1)[0]
    assert "What happened" in plan and "Self-check" in plan
    assert "How many texts does the course rest on" in answers  # the key names the question in words, not by id


def test_the_new_notebook_builds_runs_and_passes_its_prose_test(course, tmp_path):
    _give_the_story_events(course)
    built = _run([sys.executable, "-m", "csto.site.preview", f"notebooks/{STEM}.ipynb", str(tmp_path)], course)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "decks" / f"{STEM}.html").stat().st_size > 0
    assert (tmp_path / "handouts" / f"{STEM}.html").stat().st_size > 0
    prose = _run([sys.executable, "-m", "pytest", "-p", "tools.fast_imports", "-p", "no:xdist",
                  "-p", "no:cacheprovider", "-q", "-rA", "-k", NUMBER,
                  f"tests/prose/test_{STEM}.py", "tests/prose/test_notebook_checklist.py",
                  "tests/prose/test_student_cells.py"],
                 course)
    assert prose.returncode == 0, prose.stdout[-3000:] + prose.stderr[-2000:]
    assert f"PASSED tests/prose/test_{STEM}.py::" in prose.stdout, prose.stdout[-2000:]
