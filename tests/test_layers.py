"""The package's layers hold: every import in ``csto/`` points down the order below, or sideways without a circle.

    base      paths, _imports, course (the course map), labels (wording only: it imports nothing of csto), release
    data      the package, its checks, typed loading, derived columns, codebook, add-source
    lookups   what is looked up in the data: sources, citations, countries, codebook labels (csto.data.lookups)
    views     joins and derived views (csto.data.views)
    lessons   charts, the story, the reader, the glossary, each notebook's questions (csto.lessons)
    show      what a notebook shows, and its slips
    site      the offline site
    tools     lab, bench, review, stale: used by maintainers and the classroom launcher, imported by nothing above

The imports are read with ``ast`` (every ``import``, ``from … import`` and literal ``importlib.import_module``,
inside functions too, since a lazy import is still a dependency), so the test needs no import of the course.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "csto"

LAYERS = ("base", "data", "lookups", "views", "lessons", "show", "site", "tools")

# Modules named exactly, then packages by prefix (the longest match wins).
EXACT = {
    "csto": "base", "csto.paths": "base", "csto._imports": "base", "csto.course": "base", "csto.labels": "base",
    "csto.data.lookups": "lookups", "csto.data.views": "views",
    "csto.charts": "lessons", "csto.story": "lessons", "csto.reader": "lessons", "csto.glossary": "lessons",
    "csto.show": "show", "csto.slips": "show",
    "csto.lab": "tools", "csto.stale": "tools",
    "csto.release": "base",  # the course's version, which the kit's name carries, and the release command (stdlib)
}
PREFIXES = {"csto.data": "data", "csto.charts": "lessons", "csto.lessons": "lessons", "csto.reader": "lessons",
            "csto.site": "site", "csto.tools": "tools", "csto.slips": "show"}
# Modules that must import nothing of the course (wording and paths are the floor every layer stands on).
LEAVES = {"csto.labels", "csto.paths", "csto._imports"}


@dataclass(frozen=True)
class Edge:
    source: str  # importing module
    target: str  # imported module
    path: str  # file, relative to the repository
    line: int

    def __str__(self) -> str:
        source, target = f"{self.source} ({layer_of(self.source)})", f"{self.target} ({layer_of(self.target)})"
        return f"{self.path}:{self.line}: {source} imports {target}"


def layer_of(module: str) -> str:
    """The layer a module belongs to; a KeyError for a module the map does not place yet."""
    if module in EXACT:
        return EXACT[module]
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return PREFIXES[prefix]
    raise KeyError(f"{module} has no layer: add it to EXACT or PREFIXES in tests/test_layers.py")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(root: Path) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _lazy_attributes(tree: ast.Module) -> dict[str, str]:
    """A package's PEP 562 map (``_ATTRIBUTES = {"load": "frames", …}``): the submodule each attribute comes from."""
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == "_ATTRIBUTES" for t in targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return {}
            return value if isinstance(value, dict) else {}
    return {}


def edges(root: Path = PACKAGE) -> list[Edge]:
    """Every import from one module of the package to another, with its file and line."""
    modules = _modules(root)
    trees = {name: ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for name, path in modules.items()}
    lazy = {name: _lazy_attributes(tree) for name, tree in trees.items()}
    top = root.name

    def resolve(base: str, name: str) -> str:
        """``from base import name``: the submodule when there is one (directly or through the lazy map)."""
        if f"{base}.{name}" in modules:
            return f"{base}.{name}"
        if name in lazy.get(base, {}) and f"{base}.{lazy[base][name]}" in modules:
            return f"{base}.{lazy[base][name]}"
        return base

    found = []
    for name, tree in trees.items():
        shown = modules[name].relative_to(root.parent).as_posix()
        package = name if modules[name].name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base_parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(base_parts + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                targets = [resolve(base, a.name) for a in node.names]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr == "import_module" and node.args and isinstance(node.args[0], ast.Constant)
                  and isinstance(node.args[0].value, str)):
                targets = [node.args[0].value]
            for target in targets:
                while target not in modules and "." in target and target.startswith(top + "."):
                    target = target.rpartition(".")[0]  # `import csto.data.frames.load`-like forms
                if target in modules and target != name:
                    found.append(Edge(name, target, shown, node.lineno))
    return found


def upward(found: list[Edge]) -> list[Edge]:
    """Imports that run back up the order (a lower layer importing a higher one), and imports out of a leaf."""
    rank = {layer: i for i, layer in enumerate(LAYERS)}

    def placed(module: str) -> bool:  # a module with no layer is reported by its own test, not here
        try:
            return layer_of(module) in rank
        except KeyError:
            return False

    return [e for e in found if placed(e.source) and placed(e.target)
            and (rank[layer_of(e.target)] > rank[layer_of(e.source)] or (e.source in LEAVES and e.source != "csto"))]


def cycles(found: list[Edge]) -> list[list[str]]:
    """Every group of modules that import each other round a circle (Tarjan's strongly connected components)."""
    graph: dict[str, set[str]] = {}
    for e in found:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _describe_cycle(group: list[str], found: list[Edge]) -> str:
    inside = list(dict.fromkeys(str(e) for e in found if e.source in group and e.target in group))
    return "circle between " + ", ".join(group) + ":\n    " + "\n    ".join(inside)


# ---- the course's package --------------------------------------------------------------------------------------------

def test_every_module_of_the_package_has_a_layer():
    unplaced = []
    for name in _modules(PACKAGE):
        try:
            layer_of(name)
        except KeyError as err:
            unplaced.append(str(err))
    assert not unplaced, "\n".join(unplaced)


def test_no_import_runs_back_up_the_layers():
    wrong = upward(edges())
    assert not wrong, "imports that run back up the layers (" + " → ".join(LAYERS) + "):\n" + "\n".join(map(str, wrong))


def test_no_modules_import_each_other_in_a_circle():
    found = edges()
    groups = cycles(found)
    assert not groups, "\n".join(_describe_cycle(g, found) for g in groups)


def test_labels_is_wording_only():
    imports = [str(e) for e in edges() if e.source == "csto.labels"]
    assert not imports, "csto/labels.py is wording only; it imports:\n" + "\n".join(imports)


# ---- the checker itself, on a small package written for the test ----------------------------------------------------

def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "csto"
    for relative, text in {"__init__.py": "", "data/__init__.py": "", **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_an_upward_import_is_reported_with_its_file_and_line(tmp_path):
    root = _package(tmp_path, {"labels.py": '"""Wording."""\n',
                               "data/frames.py": "x = 1\n\n\ndef f():\n    from .. import show\n",
                               "show.py": "from .data import frames\n"})
    wrong = upward(edges(root))
    assert [str(e) for e in wrong] == ["csto/data/frames.py:5: csto.data.frames (data) imports csto.show (show)"]


def test_a_circle_inside_one_layer_is_reported(tmp_path):
    root = _package(tmp_path, {"charts.py": "from . import story\n", "story.py": "import csto.charts\n"})
    assert upward(edges(root)) == []
    assert cycles(edges(root)) == [["csto.charts", "csto.story"]]


def test_a_lazy_attribute_counts_as_an_import_of_its_submodule(tmp_path):
    root = _package(tmp_path, {"data/__init__.py": '_ATTRIBUTES = {"table": "lookups"}\n', "data/lookups.py": "",
                               "labels.py": 'import importlib\n\n\ndef f():\n'
                                            '    return importlib.import_module("csto.data")\n',
                               "data/frames.py": "from . import table\n"})
    found = edges(root)
    assert [(e.source, e.target) for e in upward(found)] == [("csto.data.frames", "csto.data.lookups"),
                                                           ("csto.labels", "csto.data")]


# ---- imports that need care go through csto._imports ----------------------------------------------------------------

SLOW = {"jsonschema", "frictionless"}  # jsonschema compiles 38 grammars at import unless csto._imports imports it


MOST_LINES = 600  # a module longer than this is split into a package whose module names show its parts (issue 24)


def long_modules(root: Path, most: int = MOST_LINES) -> list[str]:
    """Each module of the package over ``most`` lines, as 'csto/<path>: <n> lines' (a reader finds a part by name)."""
    counts = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in sorted(root.rglob("*.py"))}
    return [f"{p.relative_to(root.parent).as_posix()}: {n} lines" for p, n in counts.items() if n > most]


def test_no_module_in_csto_is_over_600_lines():
    assert long_modules(PACKAGE) == [], "split these into a package of named parts (as csto/charts/, csto/reader/)"


def test_a_long_module_is_named_with_its_line_count(tmp_path):
    root = _package(tmp_path, {"short.py": "x = 1\n" * MOST_LINES, "data/long.py": "x = 1\n" * (MOST_LINES + 1)})
    assert long_modules(root) == [f"csto/data/long.py: {MOST_LINES + 1} lines"]


def test_jsonschema_and_frictionless_are_imported_through_csto_imports():
    """A plain ``import jsonschema`` costs 0.75–4 s of every notebook that reaches it (see csto/_imports.py)."""
    direct = []
    for name, path in _modules(PACKAGE).items():
        if name == "csto._imports":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            imported = ([a.name for a in node.names] if isinstance(node, ast.Import)
                        else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for module in imported:
                if module.split(".")[0] in SLOW:
                    direct.append(f"{path.relative_to(PACKAGE.parent).as_posix()}:{node.lineno}: import {module} "
                                  f"(use csto._imports.{module.split('.')[0]}())")
    assert not direct, "\n".join(direct)


def imports_of_tools(package: Path) -> list[str]:
    """'file:line' of every import of the maintainers' tools (the top-level ``tools`` folder) inside the package."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            if any(n == "tools" or n.startswith("tools.") for n in names):
                found.append(f"{path.relative_to(package.parent).as_posix()}:{node.lineno}")
    return found


def test_the_runtime_package_never_imports_the_maintainers_tools(tmp_path):
    """bench and review live in tools/, apart from csto/: the course runs without them."""
    assert imports_of_tools(PACKAGE) == []
    fake = tmp_path / "csto"
    fake.mkdir()
    (fake / "show.py").write_text("import json\nfrom tools.bench import main\n", encoding="utf-8")
    assert imports_of_tools(fake) == ["csto/show.py:2"]
