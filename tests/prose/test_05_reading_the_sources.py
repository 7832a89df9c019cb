"""Notebook 05 (reading the sources): every number, date, name and quoted phrase its prose states, checked against the
data, and the notebook's words checked to still say it (docs/authoring.md §1)."""

from __future__ import annotations

import re

import pytest

from csto import data, show
from csto.data import lookups
from csto.course import course_map
from csto.data.verbatim import normalise
from csto.lessons import quiz, source_criticism as sc



def _sources():
    return data.load("sources").set_index("source_id")


def _checks():
    return data.load("forecast_checks").set_index("check_id")


def _events():
    return data.load("events").set_index("event_id")


def _pairs():
    return data.load("translation_pairs").set_index("pair_id")


def _by_term(terms=sc.VIEWPOINT_TERMS):
    return sc.term_counts(list(terms)).set_index(["source_id", "term"])["count"]


# ---- opening ------------------------------------------------------------------------------------------------------

def test_time_and_the_five_sources_named_in_the_opening(nb):
    course = course_map().set_index("notebook")
    assert (course.loc["05", "minutes_self"], course.loc["05", "minutes_class"]) == (40, 45)
    assert nb.says("**Time:** 40 min self-study, 45 min in class.")
    assert set(_sources().index) == {"stratfor2017", "stratfor2017_id", "evstratov2022", "afp2022", "mitchell2026"}
    assert nb.says("**Sources:** all five: Stratfor's forecast of January 2017, its Indonesian translation, "
                   "Evstratov's article "
                   "of autumn 2022, the relayed report (citing AFP) of November 2022 and Mitchell's article of January "
                   "2026")


def test_the_opening_does_not_claim_every_fact_comes_from_the_five_texts(nb):
    """Review L14: background rows exist, so 'almost everything'; the AFP text is a report relaying AFP."""
    assert (data.load("events")["origin"] == "context").any()
    assert nb.says("Almost everything this course says comes from five texts")
    assert nb.says("A few facts from outside them are [background rows]")
    assert _sources().loc["afp2022", "outlet"] == "unnamed outlet relaying AFP"
    assert nb.says("a report relaying the news agency AFP")
    assert _sources().loc["stratfor2017_id", "author_description"] == "unnamed translator"
    assert nb.says("a partial Indonesian translation of it by an unnamed translator")
    assert not nb.says("Every fact in this course comes from five texts")


def test_stratfor_is_not_called_a_us_firm_selling_to_subscribers(nb):
    """Review L15: the seed names 'Stratfor Enterprises, LLC' and addresses 'members'; it gives no country."""
    viewpoint = lookups.viewpoint_text("stratfor2017")
    assert "the text does not say where the firm is based" in viewpoint
    assert data.source_says("stratfor2017", "Stratfor Enterprises, LLC") and data.source_says(
        "stratfor2017", "To empower members"
    )
    assert nb.says('by the firm Stratfor (the text does not say where the firm is based), for its "members"')
    assert not nb.says("US commercial intelligence firm") and not nb.says("sold to subscribers")


def test_mitchell_is_a_dc_based_analyst_reprinted_under_a_foreign_agent_notice(nb):
    sources = _sources()
    assert sources.loc["mitchell2026", "author_description"].startswith("DC-based")
    assert sources.loc["mitchell2026", "outlet"].startswith("The National Interest")
    assert "foreign agent" in sources.loc["mitchell2026", "label"]
    assert nb.says("a DC-based analyst's article in a republished copy")
    assert not nb.says("US analyst"), "review round 2, L10: the seed says 'DC-based', not 'US'"
    assert nb.says("**Mitchell 2026**: a DC-based foreign policy analyst, writing in The National Interest")
    assert not nb.says("analyst for The National Interest"), "second review, 18: the seed does not put him on its staff"


# ---- who, for whom: the same questions for every source -------------------------------------------------------------

def test_five_texts_in_two_languages(nb):
    dating = sc.dating()
    assert len(dating) == 5 and dating["language"].nunique() == 2
    assert nb.says("Five texts in two languages, oldest first")


@pytest.mark.parametrize(
    "source_id, seed_words, prose",
    [
        (
            "stratfor2017",
            "The CSTO has never been a particularly cohesive coalition",
            'it says the bloc "has never been a particularly cohesive coalition"',
        ),
        (
            "evstratov2022",
            "limited themselves to formal statements",
            'he criticises the bloc\'s "formal statements" on Armenia',
        ),
        ("evstratov2022", "rather rude, authoritarian actions against them", 'Moscow\'s "rude, authoritarian actions"'),
        ("evstratov2022", "The Russian special operation in Ukraine", 'he writes "special operation"'),
        ("afp2022", "the war in Ukraine", 'it writes "the war in Ukraine"'),
        ("afp2022", "Moscow has been dealt a major blow", 'its own voice says Moscow "has been dealt a major blow"'),
        (
            "afp2022",
            "Neither the CSTO nor Moscow reacted",
            '"Neither the CSTO nor Moscow reacted"; much of its criticism comes from those it quotes',
        ),
        (
            "stratfor2017",
            "the West became mired in its own economic crises and political upheavals",
            'describes a West "mired in its own economic crises and political upheavals"',
        ),
        ("evstratov2022", "Despite obvious Azerbaijani provocations", 'calls the Azerbaijani provocations "obvious"'),
        (
            "evstratov2022",
            "the extremely active American and Western diplomacy",
            '"extremely active American and Western diplomacy"',
        ),
        ("afp2022", "Officially, Moscow is satisfied with the summit", "Moscow's official satisfaction"),
        (
            "mitchell2026",
            "Russia launched its invasion of Ukraine",
            'he writes "invasion" and "Russian-occupied territories"',
        ),
        ("mitchell2026", "refusing to recognize the Russian-occupied territories", '"Russian-occupied territories"'),
        (
            "mitchell2026",
            "It has failed to come to the aid of its member-states, like Armenia",
            'failing "to come to the aid of its member-states, like Armenia"',
        ),
    ],
)
def test_the_yardstick_quotes_each_source_in_its_own_words(nb, source_id, seed_words, prose):
    """Issue M7: every source is described by who, from where, for whom, how it names the war and whom it criticises."""
    assert data.source_says(source_id, seed_words), seed_words
    assert nb.says(prose), prose


def test_the_yardstick_describes_each_author_as_the_data_do(nb):
    sources = _sources()
    assert "Russian-Armenian University in Yerevan" in sources.loc["evstratov2022", "author_description"]
    assert sources.loc["evstratov2022", "outlet"] == "World Geostrategic Insights"
    assert nb.says("**Evstratov 2022**: a Russian historian lecturing in Yerevan, for the website World Geostrategic "
                   "Insights")
    assert "Indonesian-language readers" in lookups.viewpoint_text("stratfor2017_id")
    assert nb.says("an unnamed translator, for Indonesian-language readers")
    # review 6, L8: the text reports on the summit; where it was filed is unknown
    assert "reporting on the CSTO summit in Yerevan (the text gives no dateline)" in lookups.viewpoint_text("afp2022")
    assert "from the CSTO summit" not in lookups.viewpoint_text("afp2022")
    assert nb.says("an unnamed outlet relaying AFP on the Yerevan summit (no dateline)")
    assert nb.says("The same questions for every source") and nb.says("how the text names the war; whom it criticises")


def test_the_foreign_agent_notice_is_the_copys_and_its_printer_is_not_named(nb):
    assert data.source_says("mitchell2026", "выполняющим функции иностранного агента")
    glossary = data.load("glossary").set_index("term")
    assert "performing the functions of a foreign agent" in glossary.loc["foreign agent", "definition"]
    assert "the text does not say who printed the notice" in lookups.viewpoint_text("mitchell2026")
    assert (
        "and (or) by a Russian legal entity performing the functions of a foreign agent"
        in glossary.loc["foreign agent", "definition"]
    )
    assert nb.says("it does not say who printed it or under what rule")
    assert nb.says('a foreign mass medium "performing the functions of a foreign agent", and (or) by a Russian legal '
                   'entity')
    # Review round 2, M3: the notice names no place and no rule.
    assert not nb.says("where this copy circulated") and not nb.says("under what label this *copy* circulated")
    assert nb.says("that this copy was printed with it, not who printed it or under what rule")


# ---- dating -------------------------------------------------------------------------------------------------------

def test_two_dates_stated_three_inferred(nb):
    basis = sc.dating()["date basis"].tolist()
    assert basis == ["stated", "inferred", "inferred", "inferred", "stated"]
    assert nb.says("## When was it written? Two dates stated, three inferred")
    assert nb.says("two dates stated, three inferred with written reasoning")
    assert nb.says("Stratfor's page header, Mitchell's byline")
    assert "page header" in _sources().loc["stratfor2017", "date_note"]


def test_evstratov_is_dated_by_his_own_words_and_background_clues_are_marked(nb):
    """Review round 2, M11: the window rests on the text alone; the Astana and Yerevan summits are background and only
    hints."""
    note = _sources().loc["evstratov2022", "date_note"]
    assert (
        "mid-September of this year" in note and "'Interaction 2022'" in note and "'Regional Cooperation-2022'" in note
    )
    for words in ("mid-September of this year", "Interaction 2022", "Regional Cooperation-2022", "at the summit in "
                                                                                                 "Astana"):
        assert data.source_says("evstratov2022", words)
    assert "background: a summit met in Astana on 14 October 2022" in note and "background: Horizon Weekly" in note
    assert "suggests, but does not prove" in note
    assert lookups.source_published()["evstratov2022"] == "Sep 2022–Dec 2022"
    assert nb.says('The clues are words like "this year" and "mid-September". An event the text does *not* yet mention '
                   'is only a hint')
    assert nb.says("the Yerevan summit of November 2022, which he does not mention")
    assert nb.says("date of the relayed report (citing AFP) leans on a background row, and that Evstratov's window "
                   "rests on his own words")


def test_the_afp_date_leans_on_a_background_row(nb):
    note = _sources().loc["afp2022", "date_note"]
    assert "on Wednesday" in note and "background" in note
    assert nb.says("date of the relayed report (citing AFP) leans on a background row")


def test_last_april_is_april_2016_and_the_translation_keeps_april_lalu(nb):
    assert data.source_says("stratfor2017", "the Kremlin adopted a position of neutrality last April")
    assert data.source_says("stratfor2017_id", "April lalu")
    assert _sources().loc["stratfor2017", "published"] == "2017-01-10"
    assert nb.says('"the Kremlin adopted a position of neutrality last April"')
    assert nb.says('In a text of 10 January 2017, "last April" is April 2016')
    assert nb.says('The Indonesian translation keeps "April lalu" (last April)')


# ---- words and voices ---------------------------------------------------------------------------------------------

def test_only_evstratov_writes_special_operation_and_only_afp_and_mitchell_invasion(nb):
    by = _by_term()
    users = {t: sorted(s for s in lookups.sources_in("en") if by[(s, t)] > 0) for t in sc.VIEWPOINT_TERMS}
    assert users["special operation"] == ["evstratov2022"]
    assert users["invasion"] == ["afp2022", "mitchell2026"]
    assert users["special military operation"] == ["mitchell2026"]
    assert nb.says("the course itself says \"the war in Ukraine\"")


def test_the_yardstick_counts_each_sources_words(nb):
    by = _by_term()
    assert by[("stratfor2017", "war")] == 1 and by[("stratfor2017", "Kiev")] == 1
    assert data.source_says("stratfor2017", "then in the Syrian civil war, stretching its military capacity thin")
    assert data.source_says("stratfor2017", "Kiev reoriented its foreign policy away from Russia")
    assert nb.says('its one "war" is the Syrian civil war, in a sentence on Moscow "stretching its military capacity '
                   'thin"')
    assert by[("evstratov2022", "special operation")] == 6 and by[("evstratov2022", "war")] == 0
    assert by[("evstratov2022", "invasion")] == 0 and by[("evstratov2022", "Kiev")] == 1
    assert data.source_says("evstratov2022", "the fate of Kiev")
    assert nb.says('writes "special operation" six times and never "war" or "invasion"; his one "Kiev"')
    assert by[("afp2022", "war")] == 2 and by[("afp2022", "invasion")] == 1
    assert nb.says('**The relayed report (citing AFP)** writes "war" twice and "invasion" once')
    assert by[("mitchell2026", "war")] == 8 and by[("mitchell2026", "invasion")] == 1
    assert sc.count_in("mitchell2026", "Ukraine War") == 3
    assert data.source_says("mitchell2026", "Tags: Armenia, Azerbaijan") and data.source_says(
        "mitchell2026", "Ukraine, Ukraine War, Uzbekistan"
    )
    assert nb.says('**Mitchell** writes "war" eight times and "invasion" once; three of his "war"s are "Ukraine War", '
                   'one in the')


def test_afps_war_and_invasion_each_sit_in_a_sentence_about_lukashenko_or_giragosian(nb):
    hits = sc.term_in_context(["war", "invasion"], "afp2022")
    assert len(hits) == 3
    text = data.source_text("afp2022")
    for sentence in ("Alexander Lukashenko, an ally of Putin, has spoken openly about what is now monopolizing "
                     "Russia’s attention and energy – the war in Ukraine",
                     "as Lukashenko brutally points out, the failure of the Russian invasion of Ukraine",
                     "The war “strongly, if not fatally, weakened the power and influence of Russia"):
        assert normalise(sentence) in normalise(text)
    assert data.source_says("afp2022", "insists Richard Giragosian")
    assert nb.says("each time in a sentence about what Lukashenko or Giragosian says")


def test_putins_special_military_operation_is_inside_a_quotation(nb):
    smo = sc.term_in_context("special military operation")
    assert len(smo) == 1 and smo["source"].iloc[0] == "Mitchell 2026" and bool(smo["in a quotation"].iloc[0])
    assert nb.says("Mitchell's one \"special military operation\" is **inside a quotation** of Putin")
    assert nb.says("A word count does not tell who is speaking")


def test_lukashenko_in_afp_own_words_beside_afps_account(nb):
    """The voice column: one quotation is the speaker's own words, another the source's account."""
    table = show.quotes_table(speaker="Lukashenko", source="afp2022")
    whose = dict(zip(table["words"], table["whose words"]))
    own = [w for w, v in whose.items() if v == "the speaker's own"]
    assert own == ["I feel that we are all of the same mind: if Russia collapses – God forbid – our place will be "
                   "under rubble"]
    account = "the failure of the Russian invasion of Ukraine puts a lot of pressure on Russia’s image"
    assert whose[account] == "AFP 2022's account"
    assert data.source_says("afp2022", "as Lukashenko brutally points out, the failure of the Russian invasion of "
                                       "Ukraine")
    assert nb.says("as Lukashenko brutally points out, the failure of the Russian invasion of Ukraine…")
    assert nb.says('Only "I feel that we are all of the same mind…" is Lukashenko\'s own')
    assert nb.says('as the report\'s account of his view, so "invasion" is the report\'s word there')
    assert nb.says("whether AFP or the outlet that relays it chose the word, the text does not tell")


def test_the_notebook_reads_the_lessons_passages_of_the_relayed_report_once(nb):
    from csto.reader import read

    assert "q_afp2022_lukashenko_pressure_on_image" in set(data.load("quotes")["quote_id"])
    assert "as Lukashenko brutally points out" in read(
        "afp2022", lesson="05", around="q_afp2022_lukashenko_pressure_on_image"
    ).data
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    call = 'read("afp2022", lesson="05", around="q_afp2022_lukashenko_pressure_on_image")'
    assert sum(call in c for c in code) == 1
    assert nb.says('run `read("stratfor2017_id")`')


# ---- kinds of claim -----------------------------------------------------------------------------------------------

def test_the_forecaster_forecasts_and_the_relayed_reports_judgements_are_computed_not_typed(nb):
    kinds = sc.kinds_table()
    assert kinds["forecast"].idxmax() == "Stratfor 2017" and kinds.loc["AFP 2022", "forecast"] == 0
    assert len(sc.relayed_judgements("afp2022")) < kinds.loc["AFP 2022", "judgement"]
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "kinds.loc['Stratfor 2017', 'forecast']" in code and "len(relayed)" in code
    for number in (kinds.loc["AFP 2022"].sum(), len(sc.relayed_judgements("afp2022"))):
        assert not re.search(rf"\b{number} (claims|of those)", nb.prose)


def test_the_kinds_examples_are_stratfors_words(nb):
    for words in ("the CSTO has not become the powerful tool Moscow hoped for", "the CSTO's scope and capabilities "
                                                                                "will remain limited",
                  "Moscow may also advocate", "This is not to say that the CSTO is doomed to become irrelevant or "
                                              "collapse outright"):
        assert data.source_says("stratfor2017", words), words
    claims = data.load("claims").set_index("claim_id")
    assert claims.loc["sf_not_doomed", "kind"] == "forecast"
    assert nb.says("is filed as a forecast, though it reads like a judgement")
    assert (
        nb.says('("not the powerful tool Moscow hoped for")')
        and nb.says('("will remain limited")')
        and nb.says('("may also advocate")')
    )


# ---- forecast checks ----------------------------------------------------------------------------------------------

def test_the_forecast_passage_is_stratfors_closing_forecast(nb):
    assert data.source_says("stratfor2017", "Instead the bloc will serve as a platform for limited defense "
                                            "cooperation, leaving Russia leery")
    assert nb.says("In January 2017 Stratfor forecast, in the closing paragraph of its article")
    assert nb.says("*consistent*, *mixed*, *inconsistent*, *not yet testable* or *outside the horizon*")


def test_one_forecast_four_pieces_of_evidence_two_verdicts(nb):
    leery = sc.forecast_checks(["sf_russia_leery"])
    assert len(leery) == 4 and leery["verdict"].nunique() == 2
    assert nb.says("### One forecast, four pieces of evidence, two verdicts")
    assert data.source_says("stratfor2017", "leery of depending on it")


def test_kazakhstan_is_read_as_inconsistent_and_the_reading_is_open(nb):
    check = _checks().loc["fc_russia_leery_vs_ev_kazakhstan"]
    assert check["verdict"] == "inconsistent" and check["source_id"] == "evstratov2022"
    assert (
        "counter-case" in check["verdict_note"]
        and "the other checks of this forecast cover those cases" in check["verdict_note"]
    )
    assert data.source_says("evstratov2022", "only truly effective in the winter of 2022 in Kazakhstan")
    assert nb.says("### An inconsistent reading: Kazakhstan, January 2022")
    assert nb.says("so the verdict is *inconsistent*. You could argue for *mixed*")
    assert nb.says("Which reading do you find stronger?")


def test_afps_kyrgyz_tajik_check_is_not_yet_testable_and_names_the_countries_as_the_courses_reading(nb):
    """Review 8, M1: with Moscow silent too, the passage cannot show Russia leery of depending on the bloc; the note
    does not take the verdict back, and says the two countries are the course's reading."""
    check = _checks().loc["fc_russia_leery_vs_afp_kgz_tjk"]
    assert check["verdict"] == "not_yet_testable"
    assert "between two members is a different kind of case" in check["verdict_note"]
    assert "The report does not name the two countries" in check["verdict_note"]
    assert "is the course's reading" in check["verdict_note"]
    assert "points the same way" not in check["verdict_note"]
    assert nb.says("that the two Armenia checks and the relayed report's Kyrgyz–Tajik check (all *not yet testable*) "
                   "should be *consistent*")
    assert nb.says("The course's answer, the same for all three")


def test_evstratovs_status_quo_meets_consistent_and_inconsistent_evidence(nb):
    checks = _checks()
    assert checks.loc["fc_ev_status_quo_vs_mi_chairmanship", "verdict"] == "consistent"
    assert checks.loc["fc_ev_status_quo_vs_mi_armenia", "verdict"] == "inconsistent"
    assert set(sc.forecast_checks(["ev_status_quo_likely"])["verdict"]) == {"consistent", "inconsistent"}
    assert data.source_says("evstratov2022", "likely to maintain the status quo in the short to medium term")
    assert data.source_says("mitchell2026", "leading to Armenia suspending its participation")
    assert nb.says("The course reads Russia's chairmanship as *consistent* with the status quo, and Armenia's "
                   "suspension of its participation as *inconsistent* with it")
    assert nb.says('Evstratov wrote that the bloc and Russia were "likely to maintain the status quo in the short to '
                   'medium term"')
    assert nb.says("Mitchell's article of January 2026 gives two later passages")


def test_evstratovs_scenarios_are_not_yet_testable_and_silence_is_not_proof(nb):
    checks = _checks()
    for check_id in ("fc_ev_victory_vs_mi_fourth_year", "fc_ev_iran_vs_mi_membership"):
        assert checks.loc[check_id, "verdict"] == "not_yet_testable"
    assert "not proof" in checks.loc["fc_ev_iran_vs_mi_membership", "verdict_note"]
    assert sc.count_in("mitchell2026", "Iran") == 0
    assert nb.says("Evstratov's two scenarios for a reset (a decisive Russian victory, Iran joining the bloc) are *not "
                   "yet testable*")
    assert nb.says("a later source's silence is not proof that something did not happen")


NUCLEAR_ROUTE = "the use of new weapons, including tactical nuclear weapons"


def test_evstratovs_routes_to_victory_are_shown_once_in_his_words_and_in_his_viewpoint(nb):
    """Review 6, M6: his viewpoint keeps the edge of his text (the nuclear route he names), as the relayed report's
    keeps Giragosian's words; the notebook shows the passage once, attributed, with its check's verdict."""
    claim = data.load("claims").set_index("claim_id").loc["ev_victory_possible"]
    assert NUCLEAR_ROUTE in claim["quote"] and data.source_says("evstratov2022", claim["quote"])
    viewpoint = _sources().loc["evstratov2022", "viewpoint_war"]
    assert f"'{NUCLEAR_ROUTE}'" in viewpoint and "'a decisive victory of Russian troops in Ukraine'" in viewpoint
    assert 'show.passage("claims", "ev_victory_possible")' in "\n".join(
        c.source for c in nb.cells if c.cell_type == "code")
    assert nb.says(f'one of them is "{NUCLEAR_ROUTE}"')
    assert _checks().loc["fc_ev_victory_possible_vs_mi_fourth_year", "verdict"] == "not_yet_testable"
    assert nb.says("the course reads his scenario as *not yet testable*")


def test_the_verdict_counts_are_computed_from_the_checks_never_typed(nb):
    """Issue 21, H3: the tallies change whenever a check is added (the Khachaturov check was), so a shown cell counts
    them."""
    summary = sc.verdict_summary()
    assert summary.to_numpy().sum() == len(data.load("forecast_checks"))
    assert nb.says("### All the checks, by verdict")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "source_criticism.verdict_summary()" in code and "counts.sum()" in code
    for forecaster, counts in summary.iterrows():
        assert not re.search(rf"\b{counts.sum()} checks\b", nb.prose), f"{forecaster}'s tally typed in the prose"
    assert not nb.says("All thirty checks")
    assert data.source_says("stratfor2017", "a platform for limited defense cooperation")


def test_the_succession_forecast_is_settled_by_the_khachaturov_check(nb):
    checks = data.load("forecast_checks").set_index("check_id")
    check = checks.loc["fc_consensus_vs_2017_khachaturov"]
    assert check["claim_id"] == "sf_consensus_by_april_dubious" and check["verdict"] == "inconsistent"
    assert check["origin"] == "context" and "unanimously approved" in check["verdict_note"]
    assert data.source_says("stratfor2017", "the prospects of the bloc reaching a consensus by then")
    event = data.load("events").set_index("event_id").loc["ev_2017_04_khachaturov_approved_context"]
    assert event["date"] == "2017-04"
    assert nb.says('Stratfor judged "the prospects of the bloc reaching a consensus by then", the conference of April '
                   '2017, to be "dubious"')
    assert nb.says("in April 2017 the presidents unanimously approved Yuri Khachaturov of Armenia as secretary-general")
    assert nb.says("The course reads this check as *inconsistent* with the forecast.")


def test_evstratovs_reset_scenarios_are_not_yet_testable(nb):
    checks = data.load("forecast_checks").set_index("check_id")
    for check_id in ("fc_ev_victory_vs_mi_fourth_year", "fc_ev_iran_vs_mi_membership"):
        assert checks.loc[check_id, "verdict"] == "not_yet_testable"
    assert not nb.says("is *outside the horizon* of Mitchell's 2026 passage")


def test_the_verdict_is_presented_as_the_courses_reading(nb):
    assert nb.says("records the course's reading of it")
    assert nb.says("A verdict reads one piece of evidence, not the forecaster")
    assert "can be argued with" in data.load("glossary").set_index("term").loc["forecast check", "definition"]


# ---- translation --------------------------------------------------------------------------------------------------

def test_the_shift_counts_are_computed(nb):
    shifts = sc.shift_counts().set_index("shift")["sentences"]
    assert sc.first_translated_seq() == 35
    assert shifts["omission"] == 35 and len(sc.translation_pairs()) == shifts.sum() - shifts["omission"]
    assert nb.says("The translation begins with sentence 35 of the original")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "rendered['faithful']" in code and "rendered['meaning shift']" in code
    assert not re.search(r"\b\d+ are faithful\b", nb.prose)


def test_april_lalu_is_called_a_weak_clue(nb):
    assert data.source_says("stratfor2017_id", "April lalu")
    assert nb.says('That is a weak clue to its date')
    assert not nb.says("a clue that it was made soon after the original")


def test_everything_before_sentence_35_is_missing_including_the_three_highlights(nb):
    pairs = data.load("translation_pairs")
    before = pairs[pairs["seq"] < sc.first_translated_seq()]
    assert (before["shift"] == "omission").all()
    highlights = before[before["pair_id"].str.contains("_highlight_")]
    assert len(highlights) == 3
    assert nb.says("the title, the three forecast highlights, the introduction and the history of the bloc")


def test_a_rumour_becomes_a_statement_with_a_typo(nb):
    pair = _pairs().loc["tp_43_armenian_promised_post"]
    assert (
        pair["shift"] == "meaning_shift"
        and "mendukujng Armenia" in pair["translation"]
        and "supports Armenia" in pair["gloss"]
    )
    assert "allegedly promised an Armenian representative" in pair["quote"]
    assert sc.count_in("stratfor2017_id", "mendukujng") == 1 and sc.count_in("stratfor2017_id", "mendukung") == 1
    assert nb.says('"Mendukujng" is a typo for "mendukung" (supports): the same text spells the word correctly once '
                   'elsewhere')


def test_negara_itu_is_number_neutral_and_leaves_the_country_unclear(nb):
    """Review L29: 'negara itu' does not mark number; the prose must not say a plural became a singular."""
    pair = _pairs().loc["tp_45_neither_country"]
    assert pair["shift"] == "meaning_shift"
    assert "negara itu tidak bersedia" in pair["translation"]
    assert "that country (or those countries) is (are) not willing" in pair["gloss"]
    assert "Indonesian does not mark the number here" in pair["note"] and "Azerbaijan" in pair["note"]
    assert nb.says('Indonesian does not mark number on "negara itu": it can mean that country or those countries')
    assert nb.says("the nearest one named before it is Azerbaijan")
    assert not nb.says("a plural became a singular") and not nb.says('becomes "that country"')


def test_the_missing_forecast_is_a_meaning_shift(nb):
    """Review L30: tp_51 drops a whole forecast clause, so it is a meaning shift, not 'condensed'."""
    pair = _pairs().loc["tp_51_limited_platform"]
    assert pair["shift"] == "meaning_shift"
    assert "leery" not in pair["translation"] and "leaving Russia leery of depending on it" in pair["quote"]
    assert nb.says('The course labels this a meaning shift, not "condensed": by the codebook\'s rule, a dropped clause '
                   'that '
                   "makes a claim of its own changes what the sentence says, here what it forecasts")
    # Review round 2, L5: the rule the notebook invokes is the codebook's.
    from csto.data import package
    rules = {c["value"]: c["rule"] for c in package.field("translation_pairs", "shift")["categories"]}
    assert "unless a dropped clause makes a claim of its own" in rules["meaning_shift"]
    assert "no dropped clause makes a claim of its own" in rules["condensed"]


def test_a_hedge_that_changes_is_a_meaning_shift():
    """Review round 2, L6: 'probably' rendered 'mungkin' changes how certain the sentence is."""
    pair = _pairs().loc["tp_42_absences_no_coincidence"]
    assert pair["shift"] == "meaning_shift" and "mungkin" in pair["translation"] and "probably" in pair["quote"]
    assert "how certain the sentence is changes" in pair["note"]


def test_the_limp_along_answer(nb):
    pair = _pairs().loc["tp_52_limp_along"]
    assert "menjadikan blok ini akan semakin sulit berkembang" in pair["translation"]
    assert pair["shift"] == "meaning_shift" and "limp along" in pair["quote"]
    assert nb.says('The translation ends "menjadikan blok ini akan semakin sulit berkembang" (making the bloc '
                   'increasingly hard to develop)')
    assert nb.says("The course labels this a meaning shift.")


# ---- errors and settings ------------------------------------------------------------------------------------------

def test_names_transliterated_and_names_in_error(nb):
    variants = sc.spelling_variants(include_background=False)
    assert len(variants) <= 8
    assert set(variants.loc[variants["error?"] == "yes", "as written"]) == {"Dmytro Peskov", "Alain Simonyan"}
    assert {"Aleksandr Lukashenko", "Alexander Lukashenko", "Kasym Jomart Tokayev", "Kasym-Jomart Tokayev"} <= set(
        variants["as written"]
    )
    people = data.load("people").set_index("person_id")
    assert people.loc["rahmon", "name_standard"] == "Rahmon"
    assert variants.set_index("as written").loc["Rakhmon", "person (course's form)"] == "Rahmon"
    assert nb.says('"Aleksandr"/"Alexander" Lukashenko and "Kasym Jomart"/"Kasym-Jomart" Tokayev are transliterations')
    # "Dmytro" is the Ukrainian form of the name, not simply an error; review 11: that is the course's note (the
    # correction's citation gives only "Dmitry"), and who wrote it so stays open, as quiz q14 leaves it
    assert nb.says('"Dmytro" is, in the course\'s note, the usual Ukrainian form of the name Дмитрий (Peskov\'s own is '
                   'Dmitry); the text does not say whether the relaying outlet or its translator wrote it so. "Alain" '
                   'Simonyan is an error.')
    assert not nb.says("Dmytro\" is the Ukrainian form of Peskov's name")
    assert nb.says('Evstratov\'s "Rakhmon" is another transliteration: the course writes "Rahmon"')


def test_the_corrections_slide_shows_two_names_and_a_place_with_citations(nb):
    fixes = sc.corrections(["name", "place"]).set_index("as written")
    assert list(fixes.index) == ["Dmytro Peskov", "Alain Simonyan", "Tashkent SCO summit"]
    assert fixes.loc["Dmytro Peskov", "in"] == "AFP 2022" and fixes.loc["Alain Simonyan", "in"] == "Evstratov 2022"
    assert fixes["cited"].str.len().min() > 10
    everything = sc.corrections()
    assert sorted(everything["kind"]) == sorted(["name", "name", "place", "setting", "number", "characterisation"])
    assert data.source_says("afp2022", "clashes left hundreds dead") and data.source_says(
        "evstratov2022", "her visit was a private one"
    )
    assert nb.says("Besides two names and a place, they correct a setting (next), a number")
    assert nb.says("(the relayed report's \"hundreds dead\" in the Kyrgyz–Tajik border clashes, citing AFP) and a "
                   "characterisation (Evstratov's \"private\" visit by")


def test_the_sources_disagree_with_the_background_on_names_a_place_a_toll_a_visit_and_perhaps_a_setting(nb):
    kinds = dict(zip(data.load("corrections")["as_written"], data.load("corrections")["error_kind"]))
    assert kinds["Dmytro Peskov"] == kinds["Alain Simonyan"] == "name" and kinds["Tashkent SCO summit"] == "place"
    assert (
        kinds["clashes left hundreds dead"] == "number" and kinds["her visit was a private one"] == "characterisation"
    )
    assert nb.says('two names (Peskov, Simonyan), a place (the SCO summit), a toll (the relayed report\'s "hundreds '
                   'dead"), a "private" visit (Evstratov on Pelosi)')
    assert nb.says("if the course's inference holds, the setting of Rahmon's remarks")


def test_the_sco_summit_place_is_certain_and_the_rahmon_setting_is_an_inference(nb):
    """Review M8: the place correction is certain; matching the remarks to Astana is the course's inference."""
    events = _events()
    sco = events.loc["ev_2022_09_sco_summit_samarkand_context"]
    astana = events.loc["ev_2022_10_14_central_asia_russia_summit_context"]
    assert (
        sco["place"] == "Samarkand, Uzbekistan"
        and (sco["date"], sco["date_end"]) == ("2022-09-15", "2022-09-16")
        and sco["origin"] == "context"
    )
    assert (
        astana["place"] == "Astana"
        and astana["date"] == "2022-10-14"
        and "asked Putin for respect" in astana["title"]
        and astana["origin"] == "context"
    )
    assert (
        events.loc["ev_2022_sco_summit", "place"] == "Tashkent"
        and events.loc["ev_2022_rahmon_criticism", "source_id"] == "evstratov2022"
    )
    corrections = data.load("corrections")
    setting = corrections[corrections["error_kind"] == "setting"].iloc[0]
    assert setting["correction"].startswith("If Evstratov means") and "the course's inference" in setting["correction"]
    assert nb.says("the background puts the 2022 SCO summit in **Samarkand** (15–16 September 2022), not Tashkent; "
                   "this correction is certain")
    assert nb.says("*if* Evstratov means Rahmon's remarks to Putin asking for respect")
    assert nb.says("**Central Asia–Russia summit in Astana** (14 October 2022)")
    assert nb.says("so the setting is probably wrong, not certainly")
    assert not nb.says("its setting is not.")


def test_astana_summits_for_the_japarov_exercise(nb):
    events = _events()
    astana = events[(events["place"] == "Astana") & (events["kind"] == "summit")]
    assert {
        "ev_2022_astana_summit",
        "ev_2022_10_14_central_asia_russia_summit_context",
        "ev_2018_11_08_successor_postponed_context",
    } <= set(astana.index)
    assert events.loc["ev_2022_astana_summit", "date_precision"] == "year"
    assert events.loc["ev_2018_11_08_successor_postponed_context", "date"] == "2018-11-08"
    assert data.source_says("evstratov2022", "openly criticized the block at the summit in Astana")
    assert "Japarov" not in events.loc["ev_2022_10_14_central_asia_russia_summit_context", "title"]
    assert nb.says("Other reports place the first Central Asia–Russia summit in Astana on 14 October 2022, inside "
                   "Evstratov's "
                   "autumn 2022 window, and a CSTO summit there on 8 November 2018, years too early.")
    assert nb.says("the match is a hypothesis to test")
    assert not re.search(rf"\b{len(astana)} (rows|summits)\b", nb.prose), (
        "the folded answer gives the method, not the count"
    )


# ---- closing ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id, words", [
    ("evstratov2022", "only truly effective in the winter of 2022 in Kazakhstan"),
    ("mitchell2026", "peacekeeping intervention"),
    ("evstratov2022", "uncomfortable issues"),
    ("afp2022", "disintegration"),
    ("mitchell2026", "serious questions"),
    ("evstratov2022", "chances of resetting the bloc"),
    ("mitchell2026", "Time will tell"),
])
def test_what_the_sources_agree_and_disagree_on(nb, source_id, words):
    assert data.source_says(source_id, words), words
    assert nb.says(f'"{words}"')


def test_exercise_one_counts(nb):
    ex = sc.term_counts(["Kyiv", "conflict", "operation"]).set_index(["source_id", "term"])["count"]
    assert ex.xs("Kyiv", level="term").sum() == 0
    assert [ex[(s, "conflict")] for s in lookups.sources_in("en")] == [3, 4, 3, 0]
    assert ex[("evstratov2022", "operation")] == 7 and ex[("mitchell2026", "operation")] == 1
    assert data.source_says("evstratov2022", "member countries in this operation")
    assert quiz.answer("ex05_evstratov_operation") == 7
    assert nb.says('Evstratov writes "operation" 7 times: 6 in "special operation", and once "this operation"')
    assert nb.says('"Conflict" appears 3 times in Stratfor, 4 in Evstratov, 3 in the report citing AFP and never in '
                   'Mitchell')


def test_exercise_two_kinds(nb):
    claims = data.load("claims").set_index("claim_id")
    for claim_id, kind in [
        ("mi_putin_plans_deliver", "fact"),
        ("mi_criticism_skepticism", "judgement"),
        ("mi_uninvolved_will_abstain", "forecast"),
        ("mi_chairmanship_bolster_or_prolong", "scenario"),
    ]:
        assert claims.loc[claim_id, "kind"] == kind and data.source_says("mitchell2026", claims.loc[claim_id, "quote"])
    for words in ("Putin also plans to deliver modern weapons and equipment to the other member states.",
                  "The CSTO continues to face a mixture of criticism and skepticism.",
                  "the CSTO remains uninvolved in Ukraine and will continue to abstain from officially participating",
                  "Otherwise, Russia’s 2026 chairmanship will simply prolong the survival of a struggling military "
                  "alliance."):
        assert data.source_says("mitchell2026", words), words
        assert nb.says(words.replace("’", "'"))
    quotes = data.load("quotes").set_index("quote_id")
    assert quotes.loc["q_mitchell2026_putin_deliver_weapons", "voice"] == "source_words"
    assert nb.says("the quotations table files these words as Mitchell's account, not Putin's")
    assert nb.says("The course files (a) as a fact") and nb.says("(b) as a judgement, (c) as a forecast")


# ---- the exercises' checks and the self-check ---------------------------------------------------------------------

EXERCISES = {"ex05_evstratov_operation": (7, 6), "ex05_mitchell_plan_kind": ("fact", "forecast"),
             "ex05_limp_along_shift": ("meaning shift", "condensed"), "ex05_astana_summits": (4, 3)}


@pytest.mark.parametrize("qid", EXERCISES)
def test_each_exercise_check_says_right_and_not_quite(qid):
    right, wrong = EXERCISES[qid]
    assert qid not in quiz.question_ids("05")
    assert quiz.check(qid, quiz.answer(qid)).startswith("Right")
    assert quiz.check(qid, right).startswith("Right")
    assert quiz.check(qid, wrong).startswith("Not quite")
    assert quiz.check(qid, None).startswith("No answer yet")


@pytest.mark.parametrize("qid", ["ex05_mitchell_plan_kind", "ex05_limp_along_shift"])
def test_every_wrong_exercise_choice_has_its_own_feedback(qid):
    options = quiz.options(qid)
    assert sum(o.right for o in options) == 1
    wrong = [o for o in options if not o.right]
    assert len({o.why for o in wrong}) == len(wrong)
    for o in wrong:
        assert quiz.check(qid, o.label).startswith("Not quite:")


def test_the_exercise_answers_come_from_the_data():
    assert quiz.answer("ex05_evstratov_operation") == sc.count_in("evstratov2022", "operation")
    assert (
        quiz.answer("ex05_mitchell_plan_kind")
        == data.load("claims").set_index("claim_id").loc["mi_putin_plans_deliver", "kind"]
    )
    assert quiz.answer("ex05_limp_along_shift") == _pairs().loc["tp_52_limp_along", "shift"].replace("_", " ")
    assert quiz.answer("ex05_astana_summits") == len(sc.events_at("Astana", kind="summit"))
    # every event counted: told to count only the summits, never which row is not one (that would give the count)
    told = quiz.check("ex05_astana_summits", len(sc.events_at("Astana")))
    assert told.startswith("Not quite") and "summit" in told
    assert not any(e in told for e in sc.events_at("Astana")["event"].str.replace(" (background)", ""))


def test_the_self_check_is_clickable_and_its_count_is_the_quizs(nb):
    words = {5: "Five", 6: "Six", 7: "Seven", 8: "Eight"}
    assert nb.says(f"{words[len(quiz.question_ids('05'))]} questions on this notebook")
    assert any(c.cell_type == "code" and c.source.strip() == 'show.self_check("05")' for c in nb.cells)
    assert not any("my_answers" in c.source for c in nb.cells)


# ---- the room -----------------------------------------------------------------------------------------------------

def test_speaker_notes_open_each_section_and_fit_forty_minutes(nb):
    from tests.prose.conftest import notes_follow_first_slides
    assert not notes_follow_first_slides(nb)
    minutes = nb.planned_minutes()
    assert sum(m for _, m in minutes) <= min(40, course_map().set_index("notebook").loc["05", "minutes_class"])
    assert minutes[0][0] == "What happened" and "Self-check" in [a for a, _ in minutes]


def test_review_round2_afps_disintegration_is_simultaneity_not_a_stated_cause(nb):
    """Review round 2, L13."""
    assert data.source_says("afp2022", "While fighting in Ukraine, Russia is simultaneously witnessing the "
                                       "disintegration")
    assert nb.says('The relayed report (citing AFP) reports a "disintegration" under way while Russia fights in '
                   'Ukraine '
                   '("simultaneously"), without saying that one caused the other')
    assert not nb.says('AFP, "disintegration"')


def test_review_round2_the_verdict_scale_has_a_code_for_a_passed_horizon():
    """Review round 2, L3 and M10."""
    from csto.data import package
    categories = {c["value"]: c for c in package.field("forecast_checks", "verdict")["categories"]}
    assert categories["outside_horizon"]["example"] == "fc_cohesion_vs_afp_members_wondering"
    checks = _checks()
    assert checks.loc["fc_cohesion_vs_afp_members_wondering", "verdict"] == "outside_horizon"
    assert "'in the coming year'" in checks.loc["fc_cohesion_vs_afp_members_wondering", "verdict_note"]
    # the same proposal passage gets the same verdict for both forecasts that read it
    assert (
        checks.loc["fc_bilateral_focus_vs_mi_programme", "verdict"]
        == checks.loc["fc_platform_limited_vs_mi_programme", "verdict"]
        == "not_yet_testable"
    )
    assert checks.loc["fc_not_doomed_vs_afp_disintegration", "verdict"] == "mixed"
    assert "outside horizon" in sc.verdict_summary().columns


# ---- what happened (issue 21, part 2) -----------------------------------------------------------------------------

STORY_DATE = re.compile(r"\b(?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|September|October|"
                        r"November|December) (\d{4})\b")


def test_what_happened_comes_first_is_short_and_marked_as_background(nb):
    cells = nb.tagged("story")
    assert len(cells) == 1 and cells[0].source.startswith("## What happened")
    i = nb.cells.index(cells[0])
    assert nb.index_of("## Learning objectives") < i < nb.index_of("## Who wrote what, for whom, and when")
    assert next(c for c in nb.cells[i + 1:] if c.cell_type == "code").source.strip() == 'story.what_happened("05")'
    assert any(c.source.strip() == 'charts.show(charts.places_map("05"))' for c in nb.cells[i:i + 6])
    body = cells[0].source.split("\n", 1)[1]
    assert len(re.findall(r"[A-Za-z][A-Za-z'’-]*", body)) <= 250
    assert "other reports (cited)" in body.lower()


def test_every_date_the_story_tells_is_in_the_record(nb):
    from csto import story
    known = set()
    for value in list(_events()["date"].dropna()) + list(_sources()["published"].dropna()):
        words = story.date_in_words(str(value))
        known |= {words, " ".join(words.split()[-2:])}
    text = re.sub(r"\s+", " ", nb.tagged("story")[0].source)
    told = [" ".join(x for x in m.groups() if x) for m in STORY_DATE.finditer(text)]
    assert len(told) >= 6 and not [d for d in told if d not in known], [d for d in told if d not in known]
    for when in story.what_happened_table("05")["When"]:
        assert when.split()[-1] in text


def test_the_method_notebook_keeps_its_method_words_within_reason(nb):
    from tests.prose.conftest import jargon_per_thousand
    assert jargon_per_thousand(nb.prose) <= 8


def test_every_source_gets_the_same_slots_including_whom_it_criticises_in_moscow(nb):
    """Second review, finding 7: Mitchell's and Stratfor's criticism of Moscow is given as Evstratov's is."""
    for source, words in (
        ("mitchell2026", "Moscow has more pressing geopolitical priorities than CSTO and Central Asia"),
        ("stratfor2017", "the Kremlin itself has been hesitant to draw the bloc into conflicts abroad"),
    ):
        assert data.source_says(source, words)
        assert nb.says(words)
    assert nb.says("for that outlet's readers") and nb.says("writing in The National Interest, for its readers")


def test_exercise_1_hint_shows_each_hit_as_a_people_table_from_any_line_of_the_cell(nb):
    """A hint that lists each 'operation' must show a table for people (no row numbers), and must show it wherever
    the student puts it: a bare call shows only on a cell's last line, so the hint wraps it in display()."""
    cell = next(c for c in nb.tagged("student") if "ex05_evstratov_operation" in c.source)
    hints = [line.lstrip("# ").strip() for line in cell.source.splitlines()
             if line.startswith("#") and "term_in_context(" in line]
    calls = [re.search(r"\S*term_in_context\(.*", h).group(0) for h in hints]
    assert calls and all(c.startswith("display(show.table(source_criticism.term_in_context(") for c in calls), calls
    namespace = {"display": lambda shown: shown, "show": show, "source_criticism": sc}
    for call in calls:
        shown = eval(call, namespace)  # noqa: S307 - the notebook's own hint, run as the student would
        assert type(shown).__name__ == "Styler" and "operation" in shown.to_html()


def test_the_arguable_label_of_sentence_42_is_said_where_the_counts_are_shown(nb):
    """Review 6, L7: lesson 02 calls 'mungkin' a judgement call; the counts here include it as a meaning shift, so the
    slide says the label is arguable, as the pair's own note does."""
    pair = _pairs().loc["tp_42_absences_no_coincidence"]
    assert pair["shift"] == "meaning_shift" and int(pair["seq"]) == 42 and "judgement call" in pair["note"]
    assert nb.says('the clearest case is sentence 42, which renders "probably" as *mungkin*, which the course counts '
                   'as a meaning shift, though *mungkin* can also mean "probably".')


def test_the_yerevan_summit_is_told_with_the_same_qualifier_as_the_other_lessons(nb):
    """Review 7, L3: 'Azerbaijan's attacks' is what Armenia's government called them; the story says whose word it is,
    as lessons 00, 02, 04 and 06 do."""
    assert nb.says("a political assessment of what Armenia's government called Azerbaijan's attacks")
    assert not nb.says("give a political assessment of Azerbaijan's attacks")


def test_the_relayed_reports_date_rests_on_a_dated_page_the_record_cites():
    """Review 7, L4: the day of the Yerevan summit that dates the relayed report comes from a page that carries its
    own date (Public Radio of Armenia, 24 November 2022: 'on Wednesday'), not from an undated one."""
    note = data.load("sources").set_index("source_id").loc["afp2022", "date_note"]
    citations = data.load("citations").set_index("citation_id")
    radio = citations.loc["cite_armradio_2022_11_24"]
    assert "Public Radio of Armenia, 24 November 2022" in note and "horizonweekly" not in note
    assert radio["publisher"] == "Public Radio of Armenia" and str(radio["date"]) == "2022-11-24"
    assert "on Wednesday" in radio["note"]
    quotes = data.load("quotes")
    assert not quotes["date_note"].fillna("").str.contains("horizonweekly").any()


def test_every_worked_example_that_looks_for_a_sources_words_finds_them():
    """Student 6 met 'No row matched' under a worked example: it looked for words the source does not write
    ('never a particularly cohesive', where Stratfor writes 'never been a particularly cohesive')."""
    import re

    import nbformat

    from csto.lessons import source_criticism
    from csto.paths import notebooks_dir

    calls = [(m.group(1), m.group(2))
             for path in sorted(notebooks_dir().glob("0*.ipynb"))
             for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
             for m in re.finditer(r'claims_of\("(\w+)", containing="([^"]+)"\)', cell.source)]
    assert calls, "no worked example calls claims_of(..., containing=...) any more"
    for source, words in calls:
        assert len(source_criticism.claims_of(source, containing=words)), (source, words)


def test_stratfor_keeps_its_hedge_on_bordyuzha_as_a_conduit_for_the_kremlin(nb):
    """Review 11: 'a conduit for the Kremlin' dropped Stratfor's 'essentially acts as', and the sentence is about
    Bordyuzha in 2010; the notebook and the people table quote the hedge."""
    assert data.source_says("stratfor2017", "Bordyuzha, however, declined to take action. The secretary-general, who "
                                            "essentially acts as a conduit for the Kremlin")
    assert nb.says('of the secretary-general of 2010, Nikolai Bordyuzha, that he "essentially acts as a conduit for '
                   'the Kremlin"')
    assert not nb.says('"a conduit for the Kremlin"')
    note = data.load("people").set_index("person_id").loc["bordyuzha", "standard_note"]
    assert "'essentially acts as a conduit for the Kremlin'" in note


def test_one_judgement_of_aslans_is_one_line_of_the_relayed_judgements():
    """Review 11: the paraphrase of 'more competition ... than real cooperation' also carried the separate claim on a
    lack of identity and consensus, so the table of relayed judgements said it twice."""
    claims = data.load("claims").set_index("claim_id")
    assert "identity" not in claims.loc["afp_aslan_competition", "claim"]
    assert "identity and consensus" in claims.loc["afp_aslan_lack_identity", "quote"]


def test_the_glossary_says_which_words_the_course_writes_without_calling_them_neutral():
    """Review 11: calling its own wording 'neutral' is a verdict in the course's voice on a point students weigh."""
    entry = data.load("glossary").set_index("term").loc["special military operation", "definition"]
    assert "The course writes 'the war in Ukraine' outside quotes." in entry and "neutral" not in entry
