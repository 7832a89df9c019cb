"""``make dist PUBLIC=1``: the public edition leaves out the rights-reserved full texts; the kit keeps them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from csto.data.sources import may_publish_text, rights
from csto.site import dist, pages, reader_pages

ROOT = Path(__file__).resolve().parents[2]


def _sources() -> list[dict[str, str]]:
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _texts() -> dict[str, str]:
    return {r["source_id"]: (ROOT / "seeds" / r["seed_file"]).read_text(encoding="utf-8") for r in _sources()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The parts of a built site that carry texts: the data package and the source reader's pages, plus a deck
    that quotes one passage (as an evidence slide does)."""
    folder = tmp_path_factory.mktemp("site")
    pages.write_dataset(folder)
    reader_pages.write_pages(folder)
    (folder / "decks").mkdir()
    passage = dist.excerpts(ROOT, "afp2022", _texts()["afp2022"])[0][1]
    (folder / "decks" / "02_calls_for_help.html").write_text(f"<section><q>{passage}</q></section>", encoding="utf-8")
    return folder


def test_every_text_resource_has_a_licence_and_every_source_a_rights_statement():
    meta = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    seeds = [r for r in meta["resources"] if r["name"].startswith("seed_")]
    assert seeds and all(r.get("licenses") and r["licenses"][0].get("name") for r in seeds)
    for row in _sources():
        assert row["rights"] and row["rights_status"], row["source_id"]
        statement = rights(row["source_id"])
        assert statement["statement"] == row["rights"] and statement["publish_full_text"] == may_publish_text(row)


def test_every_source_says_where_it_comes_from_or_that_it_is_not_known():
    for row in _sources():
        note = row["provenance_note"]
        assert note.startswith("Original:"), row["source_id"]
        if not row["url"]:
            assert "not known" in note, f"{row['source_id']}: no url, and the note does not say it is not known"


def test_the_classroom_kit_keeps_the_full_texts(site):
    """The checker finds each text where the kit is meant to carry it: the data package and the reader."""
    places = dist.full_texts_in(site, _texts())
    for row in _sources():
        assert f"dataset/seeds/{row['seed_file']}: the full text of {row['source_id']}" in "\n".join(places)
        assert f"sources/{row['source_id']}.html: the full text of {row['source_id']}" in "\n".join(places)


def test_the_public_edition_leaves_out_reserved_texts_and_keeps_their_quotes_in_context(site, tmp_path):
    reserved = [r for r in _sources() if not may_publish_text(r)]
    assert reserved, "every course text is rights-reserved today; the test would prove nothing otherwise"
    edition = dist.public_edition(site, tmp_path / "public", ROOT)
    public = tmp_path / "public"
    texts = {r["source_id"]: _texts()[r["source_id"]] for r in reserved}
    assert dist.full_texts_in(public, texts) == []
    for row in reserved:
        assert not (public / "dataset" / "seeds" / row["seed_file"]).exists()
        excerpt = (public / "dataset" / "excerpts" / f"{row['source_id']}.txt").read_text(encoding="utf-8")
        assert row["rights"] in excerpt
        page = (public / "sources" / f"{row['source_id']}.html").read_text(encoding="utf-8")
        assert "does not include the whole text" in page
    assert f"dataset/seeds/{reserved[0]['seed_file']}" in edition.withheld
    assert (public / "decks" / "02_calls_for_help.html").exists(), "a quoted passage is not a full text"
    meta = json.loads((public / "dataset" / "datapackage.json").read_text(encoding="utf-8"))
    assert not [r for r in meta["resources"] if r["name"].startswith("seed_")]


def test_a_file_that_prints_a_whole_reserved_text_stops_the_public_edition_and_is_named(site, tmp_path):
    """As a lesson calling read(source_id, whole=True) would put the whole text in its deck."""
    extra = tmp_path / "site"
    import shutil

    shutil.copytree(site, extra)
    whole = "".join(f"<p>{line}</p>" for line in _texts()["mitchell2026"].splitlines())
    (extra / "decks" / "04_ukraine_war_strains.html").write_text(whole, encoding="utf-8")
    with pytest.raises(dist.PublicEditionError) as raised:
        dist.public_edition(extra, tmp_path / "public", ROOT)
    assert raised.value.places == ["decks/04_ukraine_war_strains.html: the full text of mitchell2026 "
                                   f"({dist.carried_share(whole, dist.sentences(_texts()['mitchell2026'])):.0%} of its "
                                   "sentences in running order)"]
    assert not (tmp_path / "public").exists()


def test_the_kit_holds_the_notebooks_cleared_with_a_readme_on_opening_them_in_jupyterlab(site, tmp_path):
    """The guide says the kit's notebooks/ folder holds the notebooks: it does, without outputs, and says how to
    open them."""
    import nbformat

    from csto.course import entries

    kit = dist.kit_tree(site, tmp_path / "kit", ROOT)
    names = sorted(p.name for p in (kit / "notebooks").glob("*.ipynb"))
    assert names == sorted(Path(e["file"]).name for e in entries())
    for name in names:
        nb = nbformat.read(kit / "notebooks" / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and not any(c.outputs or c.execution_count for c in code), name
    readme = (kit / "notebooks" / "README.txt").read_text(encoding="utf-8")
    assert "JupyterLab" in readme and "Open from Path" in readme and "00_start_here.ipynb" in readme
    assert (kit / "dataset").is_dir() and (kit / "sources").is_dir(), "the site is in the kit as before"


def test_the_public_edition_of_the_kit_keeps_the_notebooks_and_scans_them_for_whole_texts(site, tmp_path):
    kit = dist.kit_tree(site, tmp_path / "kit", ROOT)
    edition_dir = tmp_path / "public"
    dist.public_edition(kit, edition_dir, ROOT)
    assert (edition_dir / "notebooks" / "03_kazakhstan_2022.ipynb").is_file()
    import nbformat

    whole = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(_texts()["mitchell2026"])])
    nbformat.write(whole, kit / "notebooks" / "whole.ipynb")
    with pytest.raises(dist.PublicEditionError, match=r"notebooks/whole.ipynb: the full text of mitchell2026"):
        dist.public_edition(kit, tmp_path / "public2", ROOT)
