"""Which source: a source's id from its id or short name, and its card (author, outlet, date, rights)."""

from __future__ import annotations

import re

import pandas as pd

from ..data import lookups
from ..data.frames import load


def text_of(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


# ---- sources ----------------------------------------------------------------------------------------------------

def sources_table() -> pd.DataFrame:
    return load("sources").set_index("source_id")


def check_source(source_id: object) -> None:
    ids = list(lookups.source_order())
    if source_id not in ids:
        raise UnknownName(
            f"no source {source_id!r}: pass a source id, e.g. 'afp2022'; the sources are: {', '.join(ids)}"
        )


def resolve_source(source: object) -> str:
    """A source's id from its id or its short name ('AFP 2022', 'afp2022', 'afp 2022' all give 'afp2022')."""
    ids = list(lookups.source_order())
    if isinstance(source, str):
        if source in ids:
            return source
        wanted = re.sub(r"[\s_]+", " ", source).strip().lower()
        for source_id, name in lookups.source_names().items():
            if wanted in (name.lower(), source_id.replace("_", " ")):
                return source_id
    names = ", ".join(f"{s} ({lookups.source_names()[s]})" for s in ids)
    raise UnknownName(
        f"no source {source!r}: pass a source id or short name, e.g. read('afp2022') or read('AFP 2022'); the sources "
        f"are {names}"
    )


class UnknownName(KeyError):
    """A source or row the reader does not know; the message says what to pass instead (printed without quotes)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def card_fields(source_id: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a source's card, the same fields in the same order for every source."""
    card = pd.DataFrame(source_cards()).set_index("source_id").loc[source_id]
    row = sources_table().loc[source_id]
    translation_of = text_of(row["translation_of"])
    language = card["language"] + (
        f" (a translation of {lookups.source_name(translation_of)})" if translation_of else ""
    )
    date_note = text_of(row["date_note"])
    return [
        ("Title", text_of(row["title"])),
        ("Author", card["author"]),
        ("Outlet", card["outlet"]),
        ("Republished by", text_of(row["republished_by"]) or "—"),
        ("Notice printed on the copy", text_of(row["label"]) or "—"),
        ("Date", card["date"] + (f". {date_note}" if date_note else "")),
        ("Language", language),
        ("Genre", card["genre"]),
        ("Viewpoint", lookups.viewpoint_text(source_id)),
        ("Address", text_of(row["url"]) or "— (the text came without its address)"),
        ("Rights", text_of(row["rights"])),
        *_rights_fields(row),
    ]


def _rights_fields(row: pd.Series) -> list[tuple[str, str]]:
    """Any further rights columns of data/sources.csv (a licence, a holder, a note on reuse), in their order, so a
    teacher sees on the source's page what they may copy or print; the same fields for every source."""
    extra = [c for c in row.index if c != "rights" and c.startswith(("rights", "licen", "reuse", "copyright"))]
    def words(column: str) -> str:
        value = text_of(row[column])
        try:  # a coded value ('rights_reserved') in the codebook's words
            return lookups.value_label("sources", column, value) if value else "—"
        except (KeyError, ValueError):
            return value

    return [(c.replace("_", " ").capitalize(), words(c)) for c in extra]


def source_cards() -> dict[str, list]:
    from ..data.views import source_card

    card = source_card()
    return {"source_id": lookups.source_order(), **{c: list(card[c]) for c in card.columns}}
