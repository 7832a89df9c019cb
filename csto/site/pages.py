"""The site's pages that are not notebooks: the course page, the glossary, the codebook and the source reader.

Each is rendered from a Jinja template in ``templates/pages`` (or, for the reader, by ``csto.site.reader_pages``
around ``csto.reader``'s renderer, which also renders the same view inline in JupyterLab), from the data, and cached by
a hash of what it is made from, so a warm
rebuild re-renders a page only when its inputs change.
"""

from __future__ import annotations

import hashlib
import inspect
import shutil
from pathlib import Path
from typing import Callable

from ..paths import repo_root

PAGE_TEMPLATES = Path(__file__).resolve().parent / "templates" / "pages"


def environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(str(PAGE_TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def render(template: str, **values) -> str:
    """A page from a template; every value is HTML-escaped by Jinja's autoescape."""
    return environment().get_template(template).render(**values)


def _digest(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
    return digest.hexdigest()[:20]


def cached(cache: Path, name: str, key: str, make: Callable[[], str]) -> str:
    """The page ``name`` from the cache when ``key`` (a hash of its inputs) is unchanged, else made now and stored."""
    folder = cache / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{name.replace('/', '__')}.{key}.html"
    if stored.exists():
        return stored.read_text(encoding="utf-8")
    text = make()
    for old in folder.glob(f"{name.replace('/', '__')}.*.html"):
        old.unlink()
    stored.write_text(text, encoding="utf-8")
    return text


def _source_of(*objects) -> str:
    return "".join(inspect.getsource(o) for o in objects)


def glossary_page() -> str:
    from .. import glossary

    frame = glossary.terms()

    def entries(kind: str) -> list[dict]:
        rows = frame[frame["kind"] == kind]
        return [
            {
                "term": r.term,
                "anchor": r.anchor,
                "expansion": r.expansion if isinstance(r.expansion, str) else "",
                "definition": r.definition,
                "basis": r.basis,
                "forms": "; ".join(
                    f"{k}: {v}"
                    for k, v in (("Russian", r.Russian), ("Indonesian", r.Indonesian))
                    if isinstance(v, str) and v
                ),
            }
            for r in rows.itertuples()
        ]

    return render("glossary.html.j2", root="", sections=[("How the course works: method terms", entries("method")),
                                                          ("Subject terms", entries("subject"))])


def codebook_page() -> str:
    from ..data import codebook

    return render("codebook.html.j2", root="", book=codebook.entries())


def _data_files() -> list[Path]:
    root = repo_root()
    return [root / "datapackage.json", *sorted((root / "data").glob("*.csv"))]


def write_pages(site: Path, cache: Path) -> list[str]:
    """Write the glossary, the codebook and the source reader into ``site``; returns the pages written."""
    from .. import glossary, reader
    from ..data import codebook
    from . import reader_pages

    data_bytes = b"".join(p.read_bytes() for p in _data_files())
    pages = {
        "glossary.html": (
            _digest(data_bytes, _source_of(glossary), (PAGE_TEMPLATES / "glossary.html.j2").read_bytes()),
            glossary_page,
        ),
        "codebook.html": (
            _digest(data_bytes, _source_of(codebook), (PAGE_TEMPLATES / "codebook.html.j2").read_bytes()),
            codebook_page,
        ),
    }
    for name, (inputs, make) in reader_pages.site_pages().items():
        pages[f"sources/{name}"] = (_digest(inputs, _source_of(reader, reader_pages)), make)
    written = []
    for name, (key, make) in pages.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(cached(cache, name, key, make), encoding="utf-8")
        written.append(name)
    return written


DATASET_FILES = ("datapackage.json", "CITATION.cff", "data", "seeds")


def write_dataset(site: Path) -> None:
    """The data package itself, beside the pages: the tables as CSV, the descriptor, the source texts and the
    citation, so that a teacher or a researcher with only the site folder can open, cite and check the data
    (``frictionless validate dataset/datapackage.json``)."""
    root, target = repo_root(), site / "dataset"
    for name in DATASET_FILES:
        path = root / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)


def write_index(site: Path, rows: list[dict]) -> None:
    """The course page: the teacher's guide, then each notebook with its question, time and links to its plan, deck,
    worksheet and reading pack (the whole notebook) and their PDFs."""
    shown = [
        {
            **r,
            "pdf": (site / "handouts" / f"{r['stem']}.pdf").exists(),
            "deck_pdf": (site / "decks" / f"{r['stem']}.pdf").exists(),
            "worksheet": (site / "worksheets" / f"{r['stem']}.html").exists(),
            "worksheet_pdf": (site / "worksheets" / f"{r['stem']}.pdf").exists(),
        }
        for r in rows
    ]
    dataset = "dataset/" if (site / "dataset").is_dir() else ""
    (site / "index.html").write_text(
        render(
            "index.html.j2",
            root="",
            rows=shown,
            dataset=dataset,
            guide_pdf=(site / "guide.pdf").exists(),
            built_from="Built from the course's notebooks and data package; "
            "every fact on these pages carries its source.",
        ),
        encoding="utf-8",
    )
