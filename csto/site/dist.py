"""The classroom kit: ``python -m csto.site.dist`` (``make dist``) writes ``dist/csto-course-<version>.zip``.

The zip holds the whole built site in one folder — decks, handouts, their PDFs, the glossary, the codebook, the
source reader and the data package — so a teacher without Python can copy it to a USB stick or a shared drive and open
``index.html``: no install, no network. The site is built (incrementally) first. Beside it, ``notebooks/`` holds the
course's notebooks as the repository keeps them (outputs cleared), with a README on opening them in JupyterLab.

``--public`` (``make dist PUBLIC=1``) writes ``dist/csto-course-<version>-public.zip`` instead, for distribution
beyond the classroom: the full text of every source whose rights are reserved (``sources.rights_status``) is left
out. Its reader page and its file in the data package are replaced by its excerpts: each passage the tables quote, with
the sentence around it, under the text's rights statement and origin. Then every file of the edition is scanned, and a
file that still carries a reserved text (most of its sentences in runs, as a whole-text view prints them) stops the
build with the file and the source named. The classroom kit keeps the texts.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..paths import repo_root
from .build import BuildError, build


def version() -> str:
    """The course's version (``csto.release.version``: pyproject.toml, the one place code reads it)."""
    from ..release import version as course_version

    return course_version(repo_root())


def make_zip(site: Path, target: Path) -> Path:
    """Zip ``site`` into ``target`` under one top-level folder named like the zip; deterministic order."""
    folder = target.stem
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            archive.write(path, f"{folder}/{path.relative_to(site).as_posix()}")
    partial.replace(target)
    return target


# ---- the notebooks ------------------------------------------------------------------------------------------------

NOTEBOOKS_README = """The course's notebooks, for JupyterLab
======================================

These are the seven notebooks the decks, worksheets and reading packs are made from, as the course keeps them:
without outputs (the charts and tables appear when the cells run).

To open them: start JupyterLab (on a computer where it is installed, run `jupyter lab` in a terminal, or use your
school's JupyterLab), then File > Open from Path... and choose a notebook in this folder, starting with
00_start_here.ipynb. To read them without running anything, the kit's reading packs (handouts/) show each notebook
whole, with its outputs.

To run them (Run > Run All Cells), JupyterLab needs the course's own Python package and its data, which are not in
this kit: whoever maintains the course sets it up once from the course's repository (its README says how, in one
command). Without it, the notebooks open and read, but their code cells stop with "No module named 'csto'".
"""


def add_notebooks(folder: Path, root: Path | None = None) -> list[str]:
    """Write the course's notebooks into ``folder/notebooks`` with outputs and execution counts cleared (as the
    repository commits them, so the kit never carries a half-run copy from someone's working tree), and a README
    on opening them in JupyterLab; returns the notebooks' names. The guide promises this folder to teachers."""
    import nbformat

    from ..course import entries

    root = Path(root or repo_root())
    target = folder / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    names = []
    for entry in entries():
        path = root / "notebooks" / Path(entry["file"]).name
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, target / path.name)
        names.append(path.name)
    (target / "README.txt").write_text(NOTEBOOKS_README, encoding="utf-8")
    return names


def kit_tree(site: Path, target: Path, root: Path | None = None) -> Path:
    """The kit's folder: the built ``site`` and, beside its pages, ``notebooks/`` (``add_notebooks``)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target)
    add_notebooks(target, root)
    return target


# ---- the public edition ------------------------------------------------------------------------------------------

QUOTED = (("quote", "source_id"), ("words", "source_id"), ("as_written", "source_id"),
          ("name_as_written", "source_id"), ("translation", "translation_source_id"))
RUN = 3          # sentences in a row that count as continuous text, as a reader page or a whole-text view prints it
SHARE = 0.5      # the share of a text's sentences in such runs from which a file carries "the full text"
TEXT_FILES = (".html", ".htm", ".txt", ".md", ".json", ".js", ".svg", ".xml", ".ipynb")


class PublicEditionError(Exception):
    """A file of the public edition still carries a text whose rights are reserved; ``places`` names each."""

    def __init__(self, places: list[str]):
        self.places = places
        super().__init__("the public edition would carry full texts whose rights are reserved:\n  "
                         + "\n  ".join(places))


def _sources(root: Path) -> list[dict[str, str]]:
    meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    path = next(r["path"] for r in meta["resources"] if r["name"] == "sources")
    with (root / path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sentences(text: str) -> list[str]:
    """A text's sentences (and its lines without a full stop: titles, bylines), in order."""
    return [s.strip() for s in re.split(r"(?<=[.!?…])\s+|\n+", text) if s.strip()]


def excerpts(root: Path, source_id: str, text: str) -> list[tuple[str, str]]:
    """Each passage the tables quote from ``text``, in its sentence: (which row quotes it, the sentence or sentences).

    In the tables' order, one entry per distinct context: a quote that spans sentences brings each of them, a quote
    inside a sentence brings that sentence.
    """
    from ..data.verbatim import normalise

    originals = sentences(text)
    joined, spans = "", []
    for part in (normalise(s) for s in originals):
        spans.append((len(joined), len(joined) + len(part)))
        joined += part + " "
    found: dict[str, str] = {}
    meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in meta["resources"]:
        fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
        pairs = [(c, s) for c, s in QUOTED if c in fields and s in fields]
        if not pairs:
            continue
        with (root / resource["path"]).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column, source_column in pairs:
                    needle = normalise(row.get(column) or "")
                    start = joined.find(needle) if needle and row.get(source_column) == source_id else -1
                    if start < 0:
                        continue
                    end = start + len(needle)
                    context = " ".join(originals[i] for i, (a, b) in enumerate(spans) if a < end and start < b)
                    found.setdefault(context, f"{resource['name']}, {row.get(fields[0], '')}")
    return [(label, context) for context, label in found.items()]


def _plain(data: str) -> str:
    """The words of a file as a reader sees them: tags dropped, entities decoded, white space folded."""
    data = re.sub(r"<sup\b[^>]*>.*?</sup>", " ", data, flags=re.S)  # note numbers inside the running text
    return _squeezed(html.unescape(re.sub(r"<[^>]+>", " ", data)))


def _squeezed(text: str) -> str:
    """Folded as quotes are, and without any white space: markup may add or remove spaces around words."""
    from ..data.verbatim import normalise

    return re.sub(r"\s+", "", normalise(text))


def carried_share(file_text: str, text_sentences: list[str]) -> float:
    """The share of a text's sentences that ``file_text`` prints as running text: in runs of at least ``RUN``
    sentences, each followed directly by the next (only white space or markup between), as a reader page or a
    whole-text view prints them. Quotes listed one by one, each under the row that quotes it, are not running text,
    however many there are."""
    plain = _plain(file_text)
    parts = [_squeezed(s) for s in text_sentences]
    joined = [len(a) >= 12 and f"{a}{b}" in plain for a, b in zip(parts, parts[1:])]
    carried, run = 0, 1
    for linked in joined + [False]:
        if linked:
            run += 1
        else:
            carried += run if run >= RUN else 0
            run = 1
    return carried / max(1, len(parts))


def _readable(path: Path) -> str:
    """A file's text as a reader would meet it; a notebook's cells and outputs, not its JSON (which escapes quotes
    and cuts the text into lines)."""
    data = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() != ".ipynb":
        return data
    try:
        cells = json.loads(data).get("cells", [])
    except ValueError:
        return data
    parts = []
    for cell in cells:
        parts.append("".join(cell.get("source", [])))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", [])))
            parts += ["".join(v) if isinstance(v, list) else str(v) for v in output.get("data", {}).values()]
    return "\n".join(parts)


def full_texts_in(folder: Path, texts: dict[str, str]) -> list[str]:
    """Each file under ``folder`` that carries one of ``texts`` (source_id -> text): 'file: source (n% ...)'."""
    split = {source_id: sentences(text) for source_id, text in texts.items()}
    places = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_FILES):
        data = _readable(path)
        for source_id, parts in split.items():
            share = carried_share(data, parts)
            if share >= SHARE:
                places.append(f"{path.relative_to(folder).as_posix()}: the full text of {source_id} "
                              f"({share:.0%} of its sentences in running order)")
    return places


@dataclass
class Edition:
    """What the public edition left out and put in instead."""

    withheld: list[str]
    replaced: list[str]


def _excerpt_page(row: dict[str, str], passages: list[str]) -> str:
    """The public reader page of a text whose rights are reserved: its rights, its origin and its excerpts."""
    origin = row.get("url") or row.get("copy_url")
    link = f'<p>Where to read it: <a href="{html.escape(origin)}">{html.escape(origin)}</a></p>' if origin else ""
    items = "".join(f"<li>{html.escape(label)}: <q>{html.escape(p)}</q></li>" for label, p in passages)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(row.get('short_name', ''))}: excerpts</title>"
            '<link rel="stylesheet" href="../assets/course.css"></head><body><main>'
            f"<h1>{html.escape(row.get('short_name', ''))}: {html.escape(row.get('title', ''))}</h1>"
            f"<p>This public edition does not include the whole text. {html.escape(row.get('rights', ''))}</p>{link}"
            f"<p>{html.escape(row.get('provenance_note', ''))}</p>"
            f"<h2>The passages the course quotes, each in its sentence</h2><ol>{items}</ol>"
            '<p><a href="index.html">All sources</a></p></main></body></html>\n')


def public_edition(site: Path, target: Path, root: Path | None = None) -> Edition:
    """Copy the built ``site`` to ``target`` without the full texts whose rights are reserved; raise
    ``PublicEditionError`` (``target`` removed) when a file still carries one."""
    from ..data.sources import may_publish_text

    root = Path(root or repo_root())
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target)
    withheld, replaced, texts = [], [], {}
    descriptor = target / "dataset" / "datapackage.json"
    meta = json.loads(descriptor.read_text(encoding="utf-8")) if descriptor.is_file() else None
    for row in _sources(root):
        if may_publish_text(row):
            continue
        source_id = row["source_id"]
        text = (root / "seeds" / row["seed_file"]).read_text(encoding="utf-8")
        texts[source_id] = text
        passages = excerpts(root, source_id, text)
        seed = target / "dataset" / "seeds" / row["seed_file"]
        if seed.exists():
            seed.unlink()
            withheld.append(seed.relative_to(target).as_posix())
        excerpt_file = target / "dataset" / "excerpts" / f"{source_id}.txt"
        excerpt_file.parent.mkdir(parents=True, exist_ok=True)
        excerpt_file.write_text(f"{row.get('short_name')}: the passages the course quotes, each in its sentence. "
                                f"Not the whole text. {row.get('rights')}\n\n"
                                + "\n\n".join(f"{label}: {p}" for label, p in passages) + "\n",
                                encoding="utf-8")
        replaced.append(excerpt_file.relative_to(target).as_posix())
        page = target / "sources" / f"{source_id}.html"
        if page.exists():
            page.write_text(_excerpt_page(row, passages), encoding="utf-8")
            replaced.append(page.relative_to(target).as_posix())
        if meta is not None:
            for resource in meta["resources"]:
                if resource["name"] == f"seed_{source_id}":
                    resource.update(name=f"excerpts_{source_id}", path=f"excerpts/{source_id}.txt",
                                    title=f"Excerpts: {row.get('short_name')}",
                                    description="The passages the tables quote from this text, each in its sentence: "
                                                "the public edition leaves the whole text out (rights reserved).")
                    for key in ("hash", "bytes"):
                        resource.pop(key, None)
    if meta is not None:
        descriptor.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    places = full_texts_in(target, texts)
    if places:
        shutil.rmtree(target, ignore_errors=True)
        raise PublicEditionError(places)
    return Edition(withheld, replaced)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csto.site.dist", description=__doc__.splitlines()[0])
    parser.add_argument("--public", action="store_true",
                        help="a public edition: the full texts whose rights are reserved are left out (quotes stay)")
    args = parser.parse_args(argv)
    site = repo_root() / "site"
    try:
        report = build(site)
    except BuildError as err:
        print(f"build failed, no kit written: {err}", file=sys.stderr)
        return 1
    if report.note:
        print(report.note)
    name = f"csto-course-{version()}"
    tree = kit_tree(site, repo_root() / "dist" / f".{name}-kit")
    try:
        if args.public:
            staging = repo_root() / "dist" / f".{name}-public"
            try:
                edition = public_edition(tree, staging)
            except PublicEditionError as err:
                print(f"no public edition written: {err}", file=sys.stderr)
                return 1
            print(f"public edition: left out {', '.join(edition.withheld) or 'nothing'}; "
                  f"excerpts in {len(edition.replaced)} files")
            kit = make_zip(staging, repo_root() / "dist" / f"{name}-public.zip")
            shutil.rmtree(staging, ignore_errors=True)
        else:
            kit = make_zip(tree, repo_root() / "dist" / f"{name}.zip")
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    print(f"{kit.relative_to(repo_root())}: {kit.stat().st_size / 1e6:.1f} MB — unzip anywhere and open index.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
