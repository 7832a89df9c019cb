"""csto.lessons.source_criticism: the term counts, dating, claim kinds, forecast checks, translation and corrections of
notebook 05."""

from __future__ import annotations

import csv
import re
import hashlib

import pytest

from csto import data, labels, show as display
from csto.data import lookups
from csto.data.verbatim import normalise
from csto.lessons import source_criticism as sr


def test_source_text_is_the_registered_text_of_each_source():
    for source_id, resource in data.package.seed_resources().items():
        text = data.source_text(source_id)
        assert f"sha256:{hashlib.sha256(text.encode('utf-8')).hexdigest()}" == resource["hash"], source_id

def test_term_counts_keep_zeros_and_count_whole_words():
    counts = sr.term_counts()
    assert len(counts) == len(lookups.sources_in("en")) * len(sr.VIEWPOINT_TERMS)
    assert (counts["count"] == 0).any(), "zeros are kept, not dropped"
    by = counts.set_index(["source_id", "term"])["count"]
    # 'special operation' is not a substring of 'special military operation': the two are told apart
    assert by[("evstratov2022", "special operation")] > 0
    assert by[("mitchell2026", "special operation")] == 0
    assert by[("mitchell2026", "special military operation")] == 1



def test_term_counts_count_whole_words_in_any_case(monkeypatch):
    monkeypatch.setattr(sr, "source_text", lambda source_id: "war, warning, prewar, the War. Kiev; Kievan")
    counts = sr.term_counts(["war", "Kiev"], ["afp2022"]).set_index("term")["count"]
    assert counts["war"] == 2 and counts["Kiev"] == 1


def test_only_evstratov_writes_special_operation():
    users = [s for s in lookups.sources_in("en") if sr.count_in(s, "special operation")]
    assert users == ["evstratov2022"]


def test_term_table_has_one_row_per_source_and_one_column_per_term():
    table = sr.term_table(sr.term_counts())
    assert list(table.columns) == list(sr.VIEWPOINT_TERMS)
    assert list(table.index) == ["Stratfor 2017", "Evstratov 2022", "AFP 2022", "Mitchell 2026"]


@pytest.mark.parametrize("text, word, inside", [
    ("He said: \u201cthe special military operation goes on\u201d.", "special", True),
    ("He said \u201cyes\u201d, and the special operation went on.", "special", False),
    ('She called it "a war" in public.', "war", True),
    ("\u201cOpen quote\nnew paragraph war", "war", False),
    ("\u00abQuoted invasion\u00bb", "invasion", True),
])
def test_inside_quotation(text, word, inside):
    assert sr.inside_quotation(text, text.index(word)) is inside


def test_term_in_context_tells_quoted_words_from_the_authors_own():
    putin = sr.term_in_context("special military operation")
    assert list(putin["source"]) == ["Mitchell 2026"] and putin["in a quotation"].all()
    afp = sr.term_in_context("invasion", ["afp2022"])
    assert len(afp) == 1 and not afp["in a quotation"].any()
    assert len(sr.term_in_context("war")) == sum(sr.count_in(s, "war") for s in lookups.sources_in("en"))


def test_dating_separates_stated_and_inferred_dates():
    table = sr.dating().set_index("source")
    assert list(table.index)[0] == "Stratfor 2017", "oldest first"
    assert set(table.index[table["date basis"] == "stated"]) == {"Stratfor 2017", "Mitchell 2026"}
    assert (table["date basis"] == "inferred").sum() == 3
    assert table.loc["Evstratov 2022", "published"] == "Sep 2022–Dec 2022"
    assert "mid-September of this year" in sr.date_note("evstratov2022")


def test_claim_kinds_add_up_to_the_claims_table():
    kinds = sr.claim_kinds()
    claims = data.load("claims")
    assert kinds["count"].sum() == (claims["origin"] == "seed").sum()
    table = sr.kinds_table()
    assert table.loc["AFP 2022", "forecast"] == 0
    assert table.loc["Stratfor 2017", "forecast"] == int(
        ((claims["source_id"] == "stratfor2017") & (claims["kind"] == "forecast")).sum()
    )


def test_forecast_checks_join_each_check_to_its_forecast_and_keep_the_order_asked():
    everything = sr.forecast_checks()
    assert len(everything) == len(data.load("forecast_checks"))
    chosen = sr.forecast_checks(["sf_russia_leery", "sf_platform_limited_cooperation"])
    assert chosen["forecast"].iloc[0].startswith("Stratfor forecasts that Russia will be wary")
    assert chosen["forecast"].iloc[-1].startswith("Stratfor forecasts that the bloc will instead serve")
    assert set(chosen["evidence from"]) <= {
        "Evstratov 2022 (Sep 2022–Dec 2022)",
        "AFP 2022 (Nov 2022)",
        "Mitchell 2026 (23 Jan 2026)",
    }
    evstratov = sr.forecast_checks(forecast_source="evstratov2022")
    assert evstratov["forecast"].str.startswith("Evstratov").all()


def test_forecast_checks_fail_loudly_on_a_check_of_an_unknown_claim(data_copy, monkeypatch):
    path = data_copy.parent / "data" / "forecast_checks.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["claim_id"] = "no_such_claim"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("CSTO_ROOT", str(data_copy.parent))
    with pytest.raises(ValueError, match="no_such_claim"):
        sr.forecast_checks()


def test_verdict_summary_counts_every_check():
    summary = sr.verdict_summary()
    assert summary.to_numpy().sum() == len(data.load("forecast_checks"))
    assert "not yet testable" in summary.columns


def test_translation_starts_where_the_indonesian_seed_starts():
    pairs = sr.translation_pairs()
    first = pairs[pairs["seq"] == sr.first_translated_seq()]["Indonesian translation"].iloc[0]
    assert data.source_text("stratfor2017_id").startswith(first)
    assert sr.shift_counts()["sentences"].sum() == len(data.load("translation_pairs"))
    everything = sr.translation_pairs(translated_only=False)
    assert (everything["Indonesian translation"] == "— (not translated)").sum() == sr.shift_counts().set_index(
        "shift"
    ).loc["omission", "sentences"]


def test_pair_markdown_bolds_only_words_that_are_there():
    text = sr.pair_markdown("tp_43_armenian_promised_post", english=("allegedly promised",), indonesian=("mendukujng",))
    assert "**allegedly promised**" in text and "**mendukujng**" in text
    assert "the course's, not a source" in text
    with pytest.raises(ValueError, match="not in the Indonesian text"):
        sr.pair_markdown("tp_43_armenian_promised_post", indonesian=("mendukung Armenia",))
    with pytest.raises(KeyError):
        sr.pair_markdown("tp_99_nothing")
    assert "(not translated)" in sr.pair_markdown("tp_37_nowhere_clearer")


def test_the_typo_is_a_typo_the_same_text_spells_the_word_right_elsewhere():
    assert sr.count_in("stratfor2017_id", "mendukujng") == 1
    assert sr.count_in("stratfor2017_id", "mendukung") >= 1


def test_spelling_variants_show_errors_and_transliterations_but_not_surnames():
    table = sr.spelling_variants()
    people = set(table["person (course's form)"])
    assert {"Dmitry Peskov", "Alen Simonyan", "Alexander Lukashenko", "Kasym-Jomart Tokayev"} <= people
    standard = data.load("people").set_index("person_id")["name_standard"]
    assert ("Rakhmon" in set(table["as written"])) == (standard["rahmon"] != "Rakhmon"), ("a seed spelling off the "
                                                                                          "standard is shown")
    assert "Lukashenko" not in set(table["as written"]), "a surname matching the standard is not a variant"
    assert "Vladimir Putin" not in people, "'Putin' beside 'Vladimir Putin' is not a variant"
    errors = table[table["error?"] == "yes"]
    assert set(errors["as written"]) == {"Dmytro Peskov", "Alain Simonyan"}
    background = table[table["where"].str.startswith(labels.BACKGROUND)]
    assert set(background["as written"]) == {"Dmitry Peskov", "Alen Simonyan"}
    seed_only = sr.spelling_variants(include_background=False)
    assert len(seed_only) == len(table) - len(background)
    assert not seed_only["where"].str.startswith(labels.BACKGROUND).any()


def test_corrections_keep_the_seed_words_and_cite_the_correction():
    table = sr.corrections()
    rows = data.load("corrections")
    for row in rows.itertuples():
        assert normalise(row.as_written) in normalise(data.source_text(row.source_id)) or row.error_kind == "setting"
        assert isinstance(row.correction_citation_id, str) and row.correction_citation_id.startswith("cite_")
    assert set(table["as written"]) >= {"Dmytro Peskov", "Alain Simonyan", "Tashkent SCO summit"}


def test_setting_check_marks_background_rows_and_rejects_unknown_events():
    table = sr.setting_check(["ev_2022_sco_summit", "ev_2022_09_sco_summit_samarkand_context"])
    assert table["source"].iloc[0] == "Evstratov 2022"
    assert table["source"].iloc[1].startswith(labels.BACKGROUND + ":")
    assert table["place"].tolist() == ["Tashkent", "Samarkand, Uzbekistan"]
    with pytest.raises(KeyError):
        sr.setting_check(["ev_nothing"])


def test_quote_found_uses_the_normalisation_rule():
    assert data.source_says("afp2022", "KREMLIN spokesman   Dmytro Peskov")
    assert not data.source_says("afp2022", "Kremlin spokesman Dmitry Peskov")


def test_as_table_shows_whole_sentences_without_row_numbers():
    frame = sr.forecast_checks(["sf_russia_leery"])
    html = display.table(frame).to_html()
    longest = max(frame["later evidence"], key=len)
    assert longest.replace("“", "&ldquo;")[:60] in html or longest[:60] in html, "the text is not cut at 50 characters"
    assert "...</td>" not in html


# ---- helpers meet natural mistakes (issue 16, item 7) ---------------------------------------------------------------

def test_term_counts_take_one_word_as_a_string_not_as_its_letters():
    kyiv = sr.term_counts("Kyiv")
    assert set(kyiv["term"]) == {"Kyiv"} and len(kyiv) == len(lookups.sources_in("en"))
    assert kyiv["count"].sum() == 0, "no source writes 'Kyiv'"
    assert sr.term_counts(("Kyiv", "Kiev"))["term"].tolist().count("Kiev") == len(lookups.sources_in("en"))


def test_term_in_context_takes_one_source_as_a_string_and_several_terms_as_a_list():
    one = sr.term_in_context("operation", "evstratov2022")
    assert len(one) == sr.count_in("evstratov2022", "operation") and set(one["source"]) == {"Evstratov 2022"}
    several = sr.term_in_context(["special military operation", "invasion"])
    assert list(several["term"].str.lower()) == ["special military operation"] + ["invasion"] * (len(several) - 1)
    assert len(several) == 1 + sum(sr.count_in(s, "invasion") for s in lookups.sources_in("en"))


def test_sources_may_be_named_by_id_short_name_or_unambiguous_first_word():
    by_id = sr.term_counts("war", "mitchell2026")
    assert sr.term_counts("war", "Mitchell 2026").equals(by_id) and sr.term_counts("war", "mitchell").equals(by_id)
    with pytest.raises(KeyError, match="more than one source"):
        sr.term_counts("war", "Stratfor")
    with pytest.raises(KeyError, match="the sources are: stratfor2017"):
        sr.term_in_context("war", "Reuters")


@pytest.mark.parametrize("call, example", [
    (lambda: sr.term_counts(5), 'e.g. "Kyiv"'),
    (lambda: sr.term_in_context(None), "e.g. term_in_context"),
    (lambda: sr.term_counts("war", sources=3), 'e.g. "evstratov2022"'),
    (lambda: sr.corrections(kinds=1), 'e.g. "name"'),
    (lambda: sr.events_at(3), "e.g. events_at"),
])
def test_a_wrong_type_says_what_to_pass_with_an_example(call, example):
    with pytest.raises(TypeError, match=re.escape(example)):
        call()


def test_corrections_can_keep_some_kinds_and_reject_an_unknown_kind():
    names = sr.corrections(["name", "place"])
    assert set(names["kind"]) == {"name", "place"}
    assert len(sr.corrections("name")) == (data.load("corrections")["error_kind"] == "name").sum()
    with pytest.raises(KeyError, match="the kinds are"):
        sr.corrections("spelling")


def test_claims_of_finds_a_claim_by_its_words_with_the_kind_the_course_gives_it():
    found = sr.claims_of("mitchell2026", containing="putin ALSO plans")
    claims = data.load("claims").set_index("claim_id")
    assert found["quoted words"].tolist() == [claims.loc["mi_putin_plans_deliver", "quote"]]
    assert found["kind"].tolist() == ["fact"]
    assert (
        len(sr.claims_of("Mitchell 2026"))
        == ((data.load("claims")["source_id"] == "mitchell2026") & (data.load("claims")["origin"] == "seed")).sum()
    )


def test_events_at_finds_seed_and_background_rows_by_place_and_kind():
    astana = sr.events_at("astana")
    assert {"summit", "statement"} <= set(astana["kind"])
    summits = sr.events_at("Astana", kind="summit")
    background = summits["source"].str.startswith(labels.BACKGROUND).sum()
    assert len(summits) == 4 and background == 3, "Evstratov's summit, 2018, 2022 and 2024 background"
    with pytest.raises(KeyError, match="the kinds are"):
        sr.events_at("Astana", kind="summits")
    assert sr.events_at("Atlantis").empty


def test_a_brief_pair_for_a_slide_keeps_the_texts_and_the_shift_but_not_the_note():
    full = sr.pair_markdown("tp_51_limited_platform")
    brief = sr.pair_markdown("tp_51_limited_platform", brief=True)
    note = data.load("translation_pairs").set_index("pair_id").loc["tp_51_limited_platform", "note"]
    assert note in full and note not in brief
    assert (
        "Shift: meaning shift" in brief
        and "bold added by the course" in brief
        and "the course's, not a source" in brief
    )
    assert "Shift: omission" in sr.pair_markdown("tp_37_nowhere_clearer", brief=True)


def test_an_empty_table_says_no_row_matched_and_a_full_one_says_nothing():
    """Student 5 filtered on 'Summit' (capital S) and saw headers alone, with no word that nothing matched."""
    acts = data.load("events")
    assert "No row matched" in display.table(acts[acts["kind"] == "Summit"]).to_html()
    assert "No row matched" not in display.table(acts[acts["kind"] == "summit"]).to_html()
    assert "No row matched" in display.table(sr.events_at("Atlantis")).to_html()


def test_a_pair_for_an_exercise_shows_the_texts_but_not_the_shift_it_asks_for():
    """05 Exercise 3 asks for the shift's label: the cell's own output printed 'Shift: meaning shift' before."""
    row = data.load("translation_pairs").set_index("pair_id").loc["tp_52_limp_along"]
    shown = sr.pair_markdown("tp_52_limp_along", label=False)
    assert "Shift" not in shown and str(row["note"]) not in shown
    assert str(row["shift"]).replace("_", " ") not in shown.lower()
    assert row["quote"] in shown and row["translation"] in shown and row["gloss"] in shown


def test_the_tables_notebook_05_shows_people_carry_no_row_ids_or_column_names():
    """Notebook 05 teaches method words, but an id ('corr_sco_summit_place', 'mi_criticism_skepticism') or a column
    name ('source_id', 'claim_id') is not a word: its tables give names, kinds and sentences."""
    row_id = re.compile(r"\b[a-z]+_[a-z0-9]+(?:_[a-z0-9]+)*\b")
    tables = {
        "corrections": sr.corrections().drop(columns="cited"),  # a citation's address may hold an underscore
        "claims_of": sr.claims_of("mitchell2026"),
        "term_table": sr.term_table(sr.term_counts(["Kyiv", "conflict", "operation"])),
    }
    for name, frame in tables.items():
        shown = frame.reset_index()
        assert not [c for c in shown.columns if "_" in str(c)], (name, list(shown.columns))
        found = row_id.findall(" ".join(shown.astype(str).to_numpy().ravel()))
        assert not found, (name, found)
