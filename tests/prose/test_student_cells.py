"""Run All survives the student: every notebook runs to the end with its starter cells filled (docs/authoring.md §2).

Each starter cell (tag ``student``) carries a model answer and a wrong but valid answer in its metadata
(``csto.model_answer``, ``csto.wrong_answer``). The notebook is run twice from its first cell: once with every
starter filled with its model answer, once with every starter filled with its wrong answer AND rebinding the names the
notebook itself binds (a student who writes ``claims = data.load("claims")`` or ``events = None``). Both runs must
complete; a checked answer must say "Right" for the model and "Not quite" for the wrong one.

The two runs of a notebook share one new kernel (``run_both``): the model run, then ``%reset -f`` (the namespace
emptied, as Restart does for names: nothing the model answers bound can help the wrong run), then the wrong run. Each
run stops at its first error, as Run All does.
"""

from __future__ import annotations

import ast
import copy
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from csto.course import entries
from csto.data import table_names
from csto.site.build import CELL_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [ROOT / "notebooks" / e["file"] for e in entries()]


def is_student(cell) -> bool:
    return cell.cell_type == "code" and "student" in cell.metadata.get("tags", [])


def as_python(source: str) -> str:
    """A cell's code as Python, its IPython magics (``%load_ext csto.slips``) turned into the calls IPython makes."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def bound_names(nb: nbformat.NotebookNode) -> set[str]:
    """Names the notebook's own code cells assign (not imports, not names bound only in student cells)."""
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type != "code" or is_student(cell):
            continue
        for node in ast.walk(ast.parse(as_python(cell.source))):
            targets = []
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            elif isinstance(node, (ast.For, ast.comprehension)):
                targets = [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def rebinding(names: set[str]) -> str:
    """What a student's ordinary code may do to the notebook's names: load a table under its own name, or clear one."""
    tables = set(table_names())
    return "\n".join(f'{n} = data.load("{n}")' if n in tables else f"{n} = None" for n in sorted(names))


def displayed(code: str) -> str:
    """The code with its last expression passed to display(): lines appended after it would otherwise hide its
    result."""
    tree = ast.parse(code)
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return code
    last = tree.body[-1]
    lines = code.splitlines()
    head, tail = lines[:last.lineno - 1], lines[last.end_lineno:]
    expression = ast.get_source_segment(code, last)
    return "\n".join([*head, f"display({expression})", *tail])


def filled(nb: nbformat.NotebookNode, answer_key: str, rebind: str = "") -> nbformat.NotebookNode:
    """The notebook with each starter replaced by its answer, then (if given) the rebinding lines after it."""
    out = copy.deepcopy(nb)
    for cell in out.cells:
        if is_student(cell):
            answer = cell.metadata.get("csto", {}).get(answer_key)
            if answer is not None:
                cell.source = f"{displayed(answer)}\n{rebind}".strip() if rebind else answer
    return out


def run_both(runs: list[nbformat.NotebookNode], cwd: Path) -> None:
    """Execute each notebook in place, one after the other in the same new python3 kernel started in ``cwd``, the
    namespace emptied (``%reset -f``) before each but the first; each stops at its first error as Run All does, and
    its error stays in that cell's outputs. One kernel start (and one import of the course's libraries) per notebook
    instead of one per run."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(runs[0], timeout=CELL_TIMEOUT, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(cwd)}})
    with client.setup_kernel():
        for number, run in enumerate(runs):
            if number:
                client.nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%reset -f")])
                client.execute_cell(client.nb.cells[0], 0)
                assert not _errors(client.nb), f"the namespace could not be emptied: {_errors(client.nb)}"
            client.nb = run
            for index, cell in enumerate(run.cells):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError:
                    break


@lru_cache(maxsize=None)
def executed(path: Path) -> dict[str, nbformat.NotebookNode]:
    """The notebook run with each filling ("model", "wrong-and-rebinding"), executed once for both tests."""
    nb = nbformat.read(path, as_version=4)
    runs = {"model": filled(nb, "model_answer"),
            "wrong-and-rebinding": filled(nb, "wrong_answer", rebinding(bound_names(nb)))}
    run_both(list(runs.values()), path.parent)
    return runs


def _outputs_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        for kind in ("text/plain", "text/html", "text/markdown"):
            parts.append(str(output.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def _errors(nb) -> list[str]:
    return [f"cell {i + 1}: {o.get('ename')}: {o.get('evalue')}" for i, c in enumerate(nb.cells)
            if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_starter_cell_has_a_model_and_a_wrong_answer(path):
    nb = nbformat.read(path, as_version=4)
    starters = [c for c in nb.cells if is_student(c)]
    assert starters, "no starter cell: every notebook ends with a self-check the student types into"
    for cell in starters:
        answers = cell.metadata.get("csto", {})
        assert answers.get("model_answer") and answers.get("wrong_answer"), \
            f"starter without answers: {cell.source[:60]!r}"
        assert answers["model_answer"] != answers["wrong_answer"]
        assert cell.source.lstrip().startswith("#"), f"a starter opens with a one-line hint: {cell.source[:60]!r}"
        assert cell.metadata.get("slideshow", {}).get("slide_type") == "skip", "starter cells stay out of the decks"


@pytest.mark.parametrize("variant", ["model", "wrong-and-rebinding"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_run_all_completes_with_the_starter_cells_filled(path, variant):
    run = executed(path)[variant]
    assert not _errors(run), f"Run All broke with the starters filled ({variant}): {_errors(run)}"
    for cell in (c for c in run.cells if is_student(c) and "quiz.check" in c.source):
        text = _outputs_text(cell)
        if variant == "model":
            assert "Right" in text and "Not quite" not in text, \
                f"the model answer is not accepted: {cell.source[:80]!r}\n{text[:300]}"
        else:
            assert "Not quite" in text, f"the wrong answer is not caught: {cell.source[:80]!r}\n{text[:300]}"
