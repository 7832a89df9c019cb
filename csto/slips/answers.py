"""The answer rules: a cell that would check an answer the student did not mean is stopped before its check, with one
sentence (a look-alike name, ``answer == 7``, no ``answer = …`` line, an answer under a name of one's own). An IPython
AST transformer, IPython's own extension point; ``csto.slips`` registers it."""

from __future__ import annotations

import ast
from functools import lru_cache

from .names import ANSWER, COURSE_NAMES, SlipFound


def _is_check(call: ast.Call) -> bool:
    """A call of a check (``quiz.check(...)``, ``scorecard.check(...)``): the course's checks are all named so."""
    return (isinstance(call.func, ast.Attribute) and call.func.attr == "check") or (
        isinstance(call.func, ast.Name) and call.func.id == "check")


def answer_names(tree: ast.Module) -> list[str]:
    """The names a cell's check reads the student's answer from: ``answer`` wherever the cell passes it to a call, and
    the student's own table a check reads first (``scorecard.check(mine, ...)``)."""
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        names = [a.id for a in node.args if isinstance(a, ast.Name)]
        if ANSWER in names:
            found.append(ANSWER)
        if _is_check(node) and names:
            found.append(names[0] if ANSWER not in names else ANSWER)
    return list(dict.fromkeys(found))


def _assigned(node: ast.AST) -> list[str]:
    """The plain names one statement assigns (``x = …``, ``x: int = …``, ``x += …``)."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
        node, (ast.AnnAssign, ast.AugAssign)) else []
    return [t.id for t in targets if isinstance(t, ast.Name)]


def _read_in(tree: ast.AST) -> set[str]:
    """The names a piece of code reads."""
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _looks_like(name: str, wanted: str) -> bool:
    """``Answer`` or ``anwser`` for ``answer``, ``Mine`` for ``mine``: the same name with other capitals or a letter
    off (``my_answer`` is a name of the student's own, not a misspelling)."""
    import difflib

    return name != wanted and abs(len(name) - len(wanted)) <= 1 and (
        name.lower() == wanted or difflib.SequenceMatcher(None, name.lower(), wanted).ratio() >= 0.8)


def misnamed_answer(tree: ast.Module) -> str | None:
    """The sentence for a cell that passes its answer to a check but sets a look-alike (``Answer = 61``,
    ``anwser = 61``, ``Mine = …`` for ``mine``): the check would mark whatever the answer held before, so the cell must
    not run. None otherwise."""
    for wanted in answer_names(tree):
        for node in ast.walk(tree):
            for name in _assigned(node):
                if _looks_like(name, wanted):
                    return (f"You wrote `{name} = …`, but the check reads `{wanted}`, spelt exactly so in small "
                            f"letters: write `{wanted} = …` and run the cell again (the check did not run, so it "
                            "marked nothing).")
    return None


def _stores(tree: ast.AST, name: str) -> bool:
    """True when the code gives ``name`` a value anywhere (``name = …``, ``for name in …``, a parameter ``name``)."""
    return any((isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store))
               or (isinstance(n, ast.arg) and n.arg == name) for n in ast.walk(tree))


def _checks(tree: ast.AST, name: str) -> bool:
    """True when the code passes ``name`` itself to a check (``quiz.check("ex…", answer)``)."""
    return any(isinstance(n, ast.Call) and _is_check(n) and any(
        isinstance(a, ast.Name) and a.id == name for a in [*n.args, *(k.value for k in n.keywords)])
        for n in ast.walk(tree))


NO_ANSWER_LINE = ("This cell has no `answer = …` line, so the check would read an answer from an earlier cell: write "
                  "`answer = …` here and run the cell again (the check did not run, so it marked nothing).")


def compared_answer(tree: ast.Module) -> str | None:
    """The sentence for ``answer == 7`` on a line of its own in a cell that checks ``answer``: ``==`` asks whether the
    two are equal and gives ``answer`` no value, so the check would mark an empty or an old answer. None otherwise."""
    for stmt in tree.body:
        test = stmt.value if isinstance(stmt, ast.Expr) else None
        if (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and len(test.ops) == 1
                and isinstance(test.ops[0], ast.Eq) and _checks(tree, test.left.id)):
            name, value = test.left.id, ast.unparse(test.comparators[0])
            return (f"`{name} == {value}` compares {name} with {value} and gives it no value: write `{name} = "
                    f"{value}`, with one =, and run the cell again (the check did not run, so it marked nothing).")
    return None


def no_answer_line(tree: ast.Module) -> int | None:
    """Where a cell that checks ``answer`` but never gives it a value must stop: just before its first statement that
    reads ``answer`` (what came before, a table or a chart, still shows). None when the cell gives ``answer`` a value
    or checks no ``answer``."""
    if not _checks(tree, ANSWER) or _stores(tree, ANSWER):
        return None
    return next(i for i, stmt in enumerate(tree.body) if ANSWER in _read_in(stmt))


def _answer_elsewhere_guard(tree: ast.Module) -> tuple[ast.stmt, int] | None:
    """A statement to run just before the cell first reads its answer (and where it goes), when the cell also gives a
    value to a name it never reads (``Mine = pd.crosstab(...)``, ``my_answer = 3``): that is most often the answer
    under a name of the student's own. Whether it is can only be told when the cell runs (``stop_if_answer_elsewhere``).
    """
    for wanted in answer_names(tree):
        first = next((i for i, stmt in enumerate(tree.body) if wanted in _read_in(stmt)), None)
        if first is None:
            continue
        read = _read_in(tree)
        others = [name for stmt in tree.body[:first] for name in _assigned(stmt)
                  if not (isinstance(stmt.value, ast.Constant) and stmt.value.value is None)]
        others = [n for n in dict.fromkeys(others) if n != wanted and n not in read and n not in COURSE_NAMES
                  and not n.startswith("_")]
        if others:
            call = f"__import__('csto.slips').slips.stop_if_answer_elsewhere(globals(), {wanted!r}, {others!r})"
            return ast.copy_location(ast.parse(call).body[0], tree.body[first]), first
    return None


def _notebook_cells() -> list[ast.Module]:
    """The course notebooks' code cells, parsed (cells that do not parse as Python, such as magics, are skipped)."""
    import json

    from ..paths import notebooks_dir

    trees = []
    for path in sorted(notebooks_dir().glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            if cell.get("cell_type") == "code":
                try:
                    trees.append(ast.parse("".join(cell.get("source", ""))))
                except SyntaxError:
                    continue
    return trees


@lru_cache(maxsize=1)
def course_bound_names() -> frozenset[str]:
    """The names the course's own notebook cells give a value (``acts``, ``cards``, ``arrival``), except the names the
    exercise cells keep the student's answer under (``answer``, ``mine``): a name not among them is the student's
    own."""
    bound: set[str] = set()
    for tree in _notebook_cells():
        slots = set(answer_names(tree))
        bound |= {name for node in ast.walk(tree) for name in _assigned(node) if name not in slots}
    return frozenset(bound)


def answer_elsewhere(answer_name: str, own: str) -> str:
    """The sentence for an answer written under a name of the student's own."""
    return (f"You wrote your answer under the name `{own}`; the check reads `{answer_name}`: write "
            f"`{answer_name} = …` and run the cell again (the check did not run, so it marked nothing).")


def stop_if_answer_elsewhere(namespace: dict, answer_name: str, assigned: list[str]) -> None:
    """Run by a cell just before it reads its answer: when the answer is still empty (None, or never set) but the cell
    gave a value to a name of the student's own, stop the cell with the sentence (``SlipFound``) instead of letting the
    check say "no answer yet" without saying why. Names the course's notebooks use are not the student's own."""
    if namespace.get(answer_name) is not None:
        return
    own = [n for n in assigned if namespace.get(n) is not None and n not in course_bound_names()]
    if own:
        raise SlipFound(answer_elsewhere(answer_name, own[-1]))


class AnswerNameCheck(ast.NodeTransformer):
    """Stops a cell before its check marks an answer the student did not mean: a look-alike (``Answer = 61``) or
    ``answer == 7`` stops it at the top; no ``answer = …`` line at all stops it just before the answer is read; a name
    of the student's own (``Mine = …``) stops it just before the answer is read, if the answer is still empty then.
    Either way ``SlipFound`` is raised and the handler shows the sentence. Every other cell passes unchanged."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        sentence = misnamed_answer(node) or compared_answer(node)
        at = 0 if sentence is not None else no_answer_line(node)
        if at is not None:
            sentence = sentence or NO_ANSWER_LINE
            stop = ast.parse(f"raise __import__('csto.slips').slips.SlipFound({sentence!r})").body[0]
            node.body.insert(at, ast.copy_location(stop, node.body[at]) if node.body else stop)
            return ast.fix_missing_locations(node)
        guard = _answer_elsewhere_guard(node)
        if guard is not None:
            node.body.insert(guard[1], guard[0])
            return ast.fix_missing_locations(node)
        return node
