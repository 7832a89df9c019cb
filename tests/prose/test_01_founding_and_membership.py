"""Notebook 01 (founding and membership): every number, date, name and quoted phrase its prose states, checked
against the data, and the notebook's own words checked to still say it (docs/authoring.md §1)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from csto import data, labels
from csto.course import course_map
from csto.data import views
from csto.lessons import quiz

SIX = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
NINE = SIX | {"AZE", "GEO", "UZB"}
THREE = {"AZE", "GEO", "UZB"}


def fold(text: str) -> str:
    """White space folded, as nb.says folds it (tests/prose/conftest.py)."""
    return re.sub(r"\s+", " ", text).strip()


def says(source_id: str, *phrases: str) -> None:
    for phrase in phrases:
        assert data.source_says(source_id, phrase), f"{source_id} does not say {phrase!r}"


def membership() -> pd.DataFrame:
    return views.with_labels(data.load("membership"))


def events() -> pd.DataFrame:
    return views.with_labels(data.load("events")).set_index("event_id")


def seed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["origin"] == "seed"]


def context(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["origin"] == "context"]


def statuses(year: int, include_context: bool) -> pd.Series:
    return views.membership_status(year, include_context).set_index("iso3")["status"]


def members(year: int, include_context: bool) -> set[str]:
    status = statuses(year, include_context)
    return set(status[status.isin(["member", "participation suspended"])].index)  # a paused participation is membership


def with_status(year: int, include_context: bool, wanted: str) -> set[str]:
    status = statuses(year, include_context)
    return set(status[status == wanted].index)


def change_rows(change: str, origin: str) -> pd.DataFrame:
    rows = membership()
    return rows[(rows["change"] == change) & (rows["origin"] == origin)]


def listed_by(source_id: str) -> set[str]:
    return set(views.members_listed_by(source_id))


def code_sources(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


# ---- opening ------------------------------------------------------------------------------------------------

def test_time_matches_the_course_map(nb):
    course = course_map().set_index("notebook")
    assert (course.loc["01", "minutes_self"], course.loc["01", "minutes_class"]) == (30, 45)
    assert nb.says("**Time:** 30 min self-study, 45 min in class.")


def test_hook_nine_joined_three_left_two_sources_name_six(nb):
    joined = change_rows("joined", "seed")
    assert set(joined["iso3"]) == NINE and set(joined["source_id"]) == {"stratfor2017"}
    withdrew = change_rows("withdrew", "seed")
    assert set(withdrew["iso3"]) == THREE and (withdrew["end"].dt.year == 1999).all()
    assert listed_by("evstratov2022") and set(listed_by("evstratov2022")) == set(listed_by("afp2022")) == SIX
    says("stratfor2017", "in its first two years", "by 1999")
    assert nb.says("Within two years nine states belonged; by 1999 three had left; in 2022 two")
    assert nb.says('("in its first two years", "by 1999")')


def test_background_sources_named_in_the_opening(nb):
    publishers = {labels.publisher(c) for c in context(data.load("membership"))["citation_id"]}
    publishers |= {labels.publisher(c) for c in context(data.load("events").query("notebook == '01'"))["citation_id"]}
    for name in ("CSTO official site", "Jamestown Foundation", "TASS", "France 24", "Wikipedia (mirror copy)"):
        assert name in publishers, name
    assert "revision of 28 May 2006" in labels.citation("cite_wikipedia_2006_mirror") or \
        data.load("citations").set_index("citation_id").loc["cite_wikipedia_2006_mirror", "date"] == "2006-05-28"
    assert nb.says("the CSTO's official site, the Jamestown Foundation and the text of the 1999 protocol, TASS, France 24")
    assert nb.says("a mirror copy of the Wikipedia article as revised in 2006")


# ---- 1992: the treaty -----------------------------------------------------------------------------------------

def test_the_treaty_is_dated_only_to_1992_by_stratfor_alone(nb):
    treaty = events().loc["ev_1992_treaty"]
    assert treaty["when"] == "1992" and treaty["source_id"] == "stratfor2017" and treaty["date_precision"] == "year"
    founding = seed(data.load("events"))
    founding = founding[founding["start"].dt.year <= 1999]
    assert set(founding["source_id"]) == {"stratfor2017"}
    assert nb.says("Stratfor (January 2017) is the only course source that tells the story of the founding")
    assert nb.says("Stratfor gives the year, 1992, and no day or place.")


def test_stratfor_and_afp_word_the_promise_differently(nb):
    says("stratfor2017", "An attack against one member was an attack against all")
    says("afp2022", "As in the case of the NATO treaty for the West", "the attacked state receives support from other members",
         "But despite calls for help, Armenia did not receive any benefit from it.", "At the CSTO summit in Yerevan")
    assert data.load("sources").set_index("source_id").loc["afp2022", "published"] == "2022-11"
    claims = data.load("claims").set_index("claim_id")
    assert claims.loc["sf_treaty_mutual_defence", "source_id"] == "stratfor2017"
    assert claims.loc["afp_mutual_support_article", "source_id"] == "afp2022"
    assert nb.says('says an attack against one member "was an attack against all"')
    assert nb.says('"receives support from other members", and at once adds: "But despite calls for help, Armenia did not receive any benefit from it."')
    assert nb.says("AFP, reporting from the CSTO summit in Yerevan in November 2022")


def test_treaty_dates_on_paper_are_background_from_the_csto_site(nb):
    rows = events().loc[["ev_1992_05_15_treaty_signed_context", "ev_1994_04_20_treaty_in_force_context", "ev_2002_10_07_charter_context"]]
    assert list(rows["when"]) == ["15 May 1992", "20 Apr 1994", "7 Oct 2002"]
    assert (rows["origin"] == "context").all() and (rows["citation_id"] == "cite_csto_about").all()
    assert labels.publisher("cite_csto_about") == "CSTO official site"
    assert nb.says("Background, not from the course sources: the CSTO's official site, the organisation's own account")


def test_treaty_notes_say_afp_speaks_only_of_support(nb):
    assert 'AFP speaks only of "support" and says in its next sentence that Armenia received no benefit from it' in fold(nb.notes())


# ---- who created it (issue 13, M1) -----------------------------------------------------------------------------

def test_afp_sentence_names_no_person_and_putin_is_only_in_the_caption(nb):
    text = data.source_text("afp2022")
    first_sentence = text.split("AFP reports.")[0]
    assert "a military alliance he created" in first_sentence and "Putin" not in first_sentence
    assert "Russia is simultaneously witnessing" in first_sentence
    caption = "Vladimir Putin and Kasym-Jomart Tokayev"
    assert text.index("Vladimir Putin") == text.index(caption) > text.index("a military alliance he created")
    claims = data.load("claims").set_index("claim_id")
    assert "names no person" in claims.loc["afp_alliance_he_created", "claim"]
    says("afp2022", "Russia is simultaneously witnessing the disintegration of the Collective Security Treaty Organization, which is in crisis (CSTO)")
    assert claims.loc["afp_disintegration", "quote"].startswith("Russia is simultaneously witnessing")
    assert nb.says('Which "he"? The sentence names no person. The only earlier noun "he" can sensibly point back to is Russia')
    assert nb.says('The photo caption printed under the sentence: "Vladimir Putin and Kasym-Jomart Tokayev"')
    assert not nb.says("by its grammar, Putin")


def test_stratfor_names_no_founder(nb):
    says("stratfor2017", "an agreement struck by the newly independent states of the former Soviet Union",
         "the Moscow-led military bloc emerged from the ensuing turmoil")
    text = data.source_text("stratfor2017").lower()
    assert "founded" not in text and "founder" not in text
    says("stratfor2017", "When the Soviet empire collapsed in 1991")
    assert nb.says("Stratfor names no founder; AFP's \"he\" has no clear antecedent.")
    assert nb.says('AFP: "a military alliance he created", where "he" has no clear antecedent. Neither names a founder.')


def test_reading_around_the_quotation_shows_the_caption(nb):
    from csto.reader import read

    html = read("afp2022", around="afp_alliance_he_created").data
    assert "Vladimir Putin and Kasym-Jomart Tokayev" in html and "a military alliance he created" in html
    assert 'read("afp2022", around="afp_alliance_he_created")' in code_sources(nb)


# ---- nine members, and when they signed ---------------------------------------------------------------------

def test_nine_joined_in_the_first_two_years_dated_as_a_span(nb):
    joined = change_rows("joined", "seed")
    assert set(joined["when"]) == {"1992–1994"} and set(joined["date_precision"]) == {"period"}
    assert (joined["quote"].str.contains("in its first two years")).all()
    assert nb.says('Stratfor says the bloc grew to these nine "in its first two years"')
    assert nb.says("the data records every accession as the span 1992–1994")


def test_signing_dates_are_background_from_a_weaker_source(nb):
    signed = change_rows("joined", "context")
    signed = signed[signed["start"].dt.year <= 1994]
    assert (signed["citation_id"] == "cite_wikipedia_2006_mirror").all()
    by_day = signed.groupby("when")["iso3"].apply(set).to_dict()
    assert by_day == {"15 May 1992": {"ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"}, "24 Sep 1993": {"AZE"},
                      "9 Dec 1993": {"GEO"}, "31 Dec 1993": {"BLR"}}
    citation = data.load("citations").set_index("citation_id").loc["cite_wikipedia_2006_mirror"]
    assert citation["date"] == "2006-05-28" and citation["note"].startswith("Weaker source")
    assert events().loc["ev_1994_04_20_treaty_in_force_context", "when"] == "20 Apr 1994"
    assert nb.says("a mirror copy of the Wikipedia article on the CSTO as revised on 28 May 2006")
    assert nb.says("The treaty entered into force only on 20 April 1994.")


def test_nine_at_the_end_of_1993_only_with_background(nb):
    assert with_status(1993, False, "uncertain") == NINE and not members(1993, False)
    assert members(1993, True) == NINE
    last = change_rows("joined", "context").query("start < '1995'").sort_values("start").iloc[-1]
    assert (last["iso3"], last["when"]) == ("BLR", "31 Dec 1993")
    assert nb.says("From the course sources alone no state is a certain member at the end of 1993; with this")
    assert nb.says("all nine had signed by 31 December 1993 (Belarus that very day), though the treaty was not yet in force")


# ---- three withdrawals by 1999 (issue 13, H1) ------------------------------------------------------------------

def test_three_had_withdrawn_by_1999_as_a_span(nb):
    withdrew = change_rows("withdrew", "seed")
    assert set(withdrew["iso3"]) == THREE and set(withdrew["when"]) == {"1992–1999"}
    says("stratfor2017", "But by 1999, three members — Uzbekistan, Georgia and Azerbaijan — had withdrawn from the bloc "
                         "and begun to distance themselves from Russia.")
    assert data.load("claims").set_index("claim_id").loc["sf_withdrawals_distance", "source_id"] == "stratfor2017"
    assert nb.says('"By 1999" gives only an end. The data starts the span in 1992')
    assert nb.says("any year from 1992 to 1999 is possible")


def test_background_treaty_lapse_on_20_april_1999(nb):
    lapse = change_rows("did_not_renew", "context")
    assert set(lapse["iso3"]) == THREE and set(lapse["when"]) == {"20 Apr 1999"}
    assert set(lapse["citation_id"]) == {"cite_jamestown_monitor_1999"}
    assert (lapse["date_note"].str.contains("the treaty ran five years from 20 April 1994")).all()
    protocol = events().loc["ev_1999_04_02_extension_protocol_context"]
    assert protocol["when"] == "2 Apr 1999" and protocol["citation_id"] == "cite_protocol_1999"
    assert "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan" in protocol["date_note"]
    assert events().loc["ev_1999_04_20_treaty_lapse_context", "when"] == "20 Apr 1999"
    citation = data.load("citations").set_index("citation_id").loc["cite_jamestown_monitor_1999"]
    assert citation["publisher"] == "Jamestown Foundation" and citation["date"] == "1999-04"
    assert nb.says("(the Jamestown Foundation's *Monitor*, April 1999, and the text of the protocol of 2 April 1999)")
    assert nb.says("the treaty ran five years from 20 April 1994. On 2 April 1999 six states (Armenia, Belarus, Kazakhstan, "
                   "Kyrgyzstan, Russia and Tajikistan) signed a protocol extending it")
    assert nb.says("Azerbaijan, Georgia and Uzbekistan did not sign, and were outside the treaty when its term expired on 20 April 1999")


def test_1999_is_not_taught_as_a_wrong_answer(nb):
    notes = fold(nb.notes())
    assert 'Stratfor says only "by 1999"; background gives April 1999' in notes
    assert not re.search(r'wrong answer (is|for [^.]*) "1999"', notes)


def test_membership_charts_draw_spans_and_their_titles_hold(nb):
    code = code_sources(nb)
    assert "nine joined in 1992–1994, three were out by 1999" in code
    assert "the three were out on 20 April 1999, and Uzbekistan was back from 2006 to 2012" in code
    georgia = change_rows("withdrew", "seed").set_index("iso3").loc["GEO"]
    assert (georgia["start"].year, georgia["end"].year) == (1992, 1999)
    uzb = context(data.load("membership")).query("iso3 == 'UZB' and start > '2000'")
    assert [d.year for d in uzb["start"]] == [2006, 2012, 2012]
    assert nb.says('Georgia\'s row: Stratfor\'s "by 1999" is the orange bar from 1992 to 1999, not a point inside it.')
    assert not nb.says("sits in the middle of its span")


def test_background_changes_the_record_of_four_states_after_1994(nb):
    rows = context(data.load("membership"))
    later = rows[(rows["start"].dt.year > 1994) & (rows["change"] != "listed_as_member")]
    assert set(later["iso3"]) == {"ARM", "AZE", "GEO", "UZB"}
    freeze = rows.set_index("change_id").loc["mem_2024_02_arm_froze_context"]
    assert freeze["date_precision"] == "month"
    assert nb.says("The four states whose record background changes after 1994.")
    assert nb.says("a short dotted bar: Armenia's February 2024.")
    assert nb.says("Uzbekistan's row: a member again from 2006, its membership suspended from 2012. No course source tells it.")


# ---- mid-2000s and 2009 ----------------------------------------------------------------------------------------

def test_mid_2000s_counterweight_read_as_2004_to_2006(nb):
    says("stratfor2017", "Russia's international heft began to surge in the mid-2000s", "grew larger and more frequent",
         "Hoping to build its image as a great power")
    assert events().loc["ev_mid2000s_counterweight_to_nato", "when"] == "2004–2006"
    assert nb.says('the data reads "mid-2000s" as the span 2004–2006')


def test_2009_force_one_witness_and_no_creator_named(nb):
    crrf = events().loc["ev_2009_crrf"]
    assert crrf["when"] == "2009" and crrf["source_id"] == "stratfor2017"
    says("stratfor2017", "boosted the organization's credibility and prestige", "the creation of the CSTO Collective Rapid Reaction Force")
    others = ["evstratov2022", "afp2022", "mitchell2026", "stratfor2017_id"]
    assert not any(data.source_says(s, "Rapid Reaction") for s in others)
    assert nb.says('Stratfor names no creator: it speaks of "the creation of the CSTO Collective Rapid Reaction Force"')
    # review M12: the recap no longer makes Russia the creator of the force
    assert nb.says("and that the creation of the bloc's Collective Rapid Reaction Force in 2009 boosted its prestige")
    assert not nb.says("and created the Collective Rapid Reaction Force")


# ---- between 1999 and 2022 (issue 13, H2; coverage) -------------------------------------------------------------

def test_course_sources_report_no_membership_change_2000_to_2021(nb):
    rows = data.load("membership")
    kinds = ["joined", "withdrew", "did_not_renew", "membership_suspended", "suspended_participation"]
    between = rows[rows["change"].isin(kinds) & rows["start"].dt.year.between(2000, 2021)]
    assert len(seed(between)) == 0 and len(context(between)) == 3 and set(between["iso3"]) == {"UZB"}
    assert nb.says("The course sources are **silent** on membership between 1999 and 2022: none reports a state joining or leaving.")


def test_stratfor_on_2014_to_2016(nb):
    says("stratfor2017", "got involved first in the eastern Ukrainian conflict, then in the Syrian civil war, stretching its military capacity thin",
         "as Kiev reoriented its foreign policy away from Russia",
         "Eurasian states — including CSTO members Belarus and Armenia — began to re-evaluate their own ties with the West",
         "this progress has not translated into the advancement of the bloc as a whole",
         "The bloc came under even greater pressure", "in the wake of Ukraine's Euromaidan uprising in 2014")
    assert nb.says('Stratfor tells of "even greater pressure" on the bloc, not of departures. After Ukraine\'s 2014 uprising')
    claims = data.load("claims").set_index("claim_id")
    assert claims.loc["sf_2014_stretched_thin", "source_id"] == claims.loc["sf_members_reevaluate_west", "source_id"] == "stratfor2017"
    deals = claims.loc["sf_new_bilateral_deals", "quote"]
    assert deals == "In the past few months, Moscow has signed new military cooperation deals with Belarus, Armenia, Kazakhstan and Tajikistan."
    assert set(listed_by("stratfor2017")) == {"BLR", "ARM"}
    assert change_rows("withdrew", "seed")["end"].dt.year.max() == 1999
    assert nb.says('Moscow "got involved first in the eastern Ukrainian conflict, then in the Syrian civil war, stretching its military capacity thin"')
    assert nb.says('Stratfor sets this "as Kiev reoriented its foreign policy away from Russia". It calls Belarus and Armenia members')
    assert nb.says('In Stratfor\'s judgement, "this progress has not translated into the advancement of the bloc as a whole".')


def test_uzbekistan_returned_2006_and_was_suspended_2012_by_background(nb):
    uzb = context(membership()).query("iso3 == 'UZB' and start > '2000'").sort_values("start")
    assert list(zip(uzb["change"].astype(str), uzb["when"])) == [("joined", "16 Aug 2006"), ("membership_suspended", "28 Jun 2012"),
                                                                  ("membership_suspended", "19 Dec 2012")]
    citations = data.load("citations").set_index("citation_id")
    assert {labels.publisher(c) for c in uzb["citation_id"]} == {"TASS"}
    assert {citations.loc[c, "date"] for c in uzb["citation_id"]} == {"2012-06-28", "2012-12-19"}
    assert seed(membership()).query("iso3 == 'UZB' and start > '2000'").empty
    assert nb.says("Background, not from the course sources (TASS, 28 June and 19 December 2012): a protocol of 16 August 2006")
    assert nb.says("on 28 June 2012 Uzbekistan sent the CSTO secretariat a note on suspending it, and\non 19 December 2012 the bloc's leaders formally suspended it")
    assert nb.says("No course source mentions the return.")


def test_seven_members_at_the_end_of_2010_with_background(nb):
    assert members(2010, True) == SIX | {"UZB"} and members(2010, False) == SIX
    crisis = data.load("crises").set_index("crisis_id").loc["kgz_2010"]
    assert crisis["notebook"] == "02" and crisis["date"] == "2010"
    says("stratfor2017", "ethnic violence between Uzbeks and Kyrgyz broke out in southern Kyrgyzstan in 2010")
    assert nb.says("with background rows, seven states were\nmembers at the end of 2010")
    assert nb.says("the year of the ethnic violence in southern Kyrgyzstan that notebook 02 studies")
    assert not nb.says("the six members left in 1999 are the six named in 2022")


# ---- 2022 and 2026 (review M1) ------------------------------------------------------------------------------------

def test_who_names_which_members(nb):
    assert listed_by("evstratov2022") == listed_by("afp2022") == SIX
    assert listed_by("mitchell2026") == {"RUS", "BLR", "ARM"}
    rows = membership().set_index("change_id")
    assert rows.loc["mem_mitchell2026_arm_listed", "quote"] == "It has failed to come to the aid of its member-states, like Armenia."
    says("mitchell2026", "most of Central Asia", "member-states")
    assert nb.says("Evstratov (autumn 2022) and AFP (November 2022) name the same six states. Mitchell (January 2026) names Russia and\nBelarus in his opening")
    assert nb.says('calls Armenia one of the\nbloc\'s "member-states" while reporting that it suspended its participation')
    assert nb.says("Stratfor (2017) calls Belarus and\nArmenia members in passing.")
    assert nb.says('Mitchell (2026) names Russia, Belarus and\n  Armenia, and "most of Central Asia".')
    assert not nb.says("names only Russia\nand Belarus") and not nb.says("names only Russia and Belarus")


def test_review_round2_uzbekistans_note_and_the_blocs_decision_read_apart():
    """Review round 2, L8: the quiz no longer reads 'membership suspended' twice for Uzbekistan in 2012."""
    why = quiz.why_right("nb01_members_after_1999") + " " + quiz.options("nb01_uzbekistan_return")[0].why
    assert "a note on suspending its membership" in why and "formally suspend Uzbekistan's membership" in why
    assert "membership suspended 28 Jun 2012" not in why


def test_armenia_suspension_bracketed_by_afp_and_mitchell(nb):
    """Review round 2, M5: the lower bound is Armenia taking part in the Yerevan summit, not AFP listing it as a member
    (a state that suspends its participation stays a member)."""
    suspension = membership().set_index("change_id").loc["mem_arm_suspended_mitchell2026"]
    assert suspension["when"] == "Nov 2022–23 Jan 2026" and suspension["source_id"] == "mitchell2026"
    assert "ARM" in listed_by("afp2022")
    assert labels.source_published()["mitchell2026"] == "23 Jan 2026"
    says("mitchell2026", "leading to Armenia suspending its participation")
    links = data.load("event_countries")
    host = links[(links["event_id"] == "ev_2022_11_yerevan_summit") & (links["iso3"] == "ARM")]
    assert "At the CSTO summit in Yerevan, Armenian Prime Minister Nikol Pashinyan" in host.iloc[0]["quote"]
    assert "Pashinyan spoke, so Armenia was still taking part" in suspension["date_note"]
    assert "still lists Armenia as a member" not in suspension["date_note"]
    assert nb.says("after the CSTO summit in Yerevan that AFP reports (November 2022), where Armenia's prime minister "
                   "Pashinyan spoke, so Armenia was still taking part; and before Mitchell's article (23 January 2026)")
    assert not nb.says("after AFP still lists Armenia as a member")
    assert nb.says('in the same article\nMitchell counts Armenia among the bloc\'s "member-states"')


def test_france24_dates_armenia_freeze_to_february_2024(nb):
    freeze = membership().set_index("change_id").loc["mem_2024_02_arm_froze_context"]
    suspension = membership().set_index("change_id").loc["mem_arm_suspended_mitchell2026"]
    assert freeze["when"] == "Feb 2024" and labels.publisher(freeze["citation_id"]) == "France 24"
    assert data.load("citations").set_index("citation_id").loc[freeze["citation_id"], "date"] == "2024-02-22"
    assert suspension["start"] <= freeze["start"] <= suspension["end"]
    assert nb.says("France 24 (22 February 2024) reports that Armenia froze its participation\nin February 2024.")
    assert nb.says("February 2024 falls inside the span the sources leave open.")


# ---- the map and the counts ----------------------------------------------------------------------------------------

def test_map_title_uzbekistan_a_member_again_in_2010_with_background_hatched(nb):
    table = views.membership_statuses([2010]).set_index("iso3")
    assert table.loc["UZB", "status"] == "member" and table.loc["UZB", "basis"] == "background"
    assert views.membership_statuses([2010], include_context=False).set_index("iso3").loc["UZB", "status"] == "former member"
    assert "With background rows: Uzbekistan was a member again in 2010" in code_sources(nb)
    assert nb.says("Hatching marks a status that\nbackground rows give where the course sources alone would give another")


def test_reading_the_counts(nb):
    for year in (1992, 1993):
        assert with_status(year, False, "uncertain") == NINE
    assert len(members(1992, True)) == 6 and members(1993, True) == NINE
    assert nb.says("**1992–1993:** from the course sources alone all nine are *uncertain*: each joined some time in 1992–1994.")
    assert nb.says("six had signed by the end of 1992 and all nine by the end of 1993.")
    for year in range(1994, 1999):
        assert members(year, False) == SIX and with_status(year, False, "uncertain") == THREE
        assert members(year, True) == NINE
    assert nb.says("**1994–1998:** sources alone: six certain members, and Uzbekistan, Georgia and Azerbaijan *uncertain*. With background: nine.")
    for include in (False, True):
        assert members(1999, include) == SIX and with_status(1999, include, "former member") == THREE
    assert nb.says("**1999:** both give six members and three former members; only the background dates the change (20 April 1999).")
    for year in range(2006, 2012):
        assert members(year, True) == SIX | {"UZB"}
    for year in range(2012, 2027):
        assert statuses(year, True)["UZB"] == "membership suspended" and len(members(year, True)) == 6
    assert nb.says("**2006–2011:** with background, seven members: Uzbekistan is back. From 2012 its membership is suspended: six members.")
    for year in range(2022, 2027):
        assert "ARM" in members(year, False) and "ARM" in members(year, True)
    assert statuses(2025, False)["ARM"] == "member" and statuses(2026, False)["ARM"] == "participation suspended"
    assert statuses(2023, True)["ARM"] == "member" and statuses(2024, True)["ARM"] == "participation suspended"
    assert nb.says("**2022–2026:** Armenia counts as a member throughout, since suspending participation is not leaving.")
    assert nb.says("with background, from\n  February 2024.")


def test_counts_table_years_and_columns(nb):
    code = code_sources(nb)
    assert "years = [1992, 1993, 1996, 1999, 2010, 2013, 2023, 2026]" in code
    assert '"course sources alone"' in code and '"with background rows"' in code


# ---- agreement and recap ---------------------------------------------------------------------------------------

def test_one_voice_on_the_founding_and_the_translation_leaves_it_out(nb):
    early = seed(data.load("events")).query("start < '2017'")
    assert set(early["source_id"]) == {"stratfor2017", "stratfor2017_id"}
    pairs = data.load("translation_pairs").set_index("pair_id")
    founding = ["tp_16_divided_1992_treaty", "tp_17_divided_members", "tp_18_divided_1999_withdrawals", "tp_21_divided_crrf_2009"]
    assert (pairs.loc[founding, "shift"] == "omission").all()
    assert nb.says("Only Stratfor tells the story from 1992 to 2016; its Indonesian translation leaves\n  the founding out.")


def test_two_accounts_of_1999(nb):
    says("stratfor2017", "had withdrawn")
    assert nb.says('Stratfor: the three "had withdrawn". Background: they did not sign the extension.')
    assert nb.says("Stratfor says the three \"had withdrawn\"; the background describes states that did not sign an\nextension.")


def test_recap(nb):
    assert nb.says("Background\n  dates the signatures and the treaty's lapse for the three (20 April 1999).")
    assert nb.says("background reports Uzbekistan's return (2006)\n  and suspension (2012).")
    assert nb.says("Mitchell reports Armenia's suspension, undated (background: February 2024).")


# ---- exercises and self-check -------------------------------------------------------------------------------------

def test_exercise_1_answer(nb):
    assert quiz.answer("ex01_members_1996_sources") == 6 and quiz.answer("ex01_members_1996_background") == 9
    assert members(1996, False) == SIX and with_status(1996, False, "uncertain") == THREE
    assert nb.says("**1996:** from the course sources alone, six certain members (Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia,\n  Tajikistan)")
    assert nb.says("With background rows, nine: all had signed by 31 December 1993, and the treaty lapsed for the three\n  only on 20 April 1999.")
    assert not members(1993, False)
    assert nb.says("**1993:** from the course sources alone no certain member: all nine are *uncertain*")
    assert len(members(2023, False)) == 6 and statuses(2023, False)["ARM"] == "member"
    assert len(members(2023, True)) == 6 and statuses(2023, True)["UZB"] == "membership suspended"
    assert with_status(2023, True, "former member") == {"AZE", "GEO"}
    assert nb.says("**2023:** from the course sources alone six members: Mitchell's suspension is undated")
    assert nb.says("With background, six members (France 24 puts Armenia's freeze in February 2024), Uzbekistan's membership\n  suspended, and Azerbaijan and Georgia former members.")


def test_exercise_3_answer(nb):
    assert quiz.answer("ex01_uzbekistan_2010") == "member" == statuses(2010, True)["UZB"]
    assert statuses(2010, False)["UZB"] == "former member"
    assert statuses(2024, False)["ARM"] == "member" and statuses(2024, True)["ARM"] == "participation suspended"
    assert nb.says("With background rows Uzbekistan is a *member* at the end of 2010 (TASS: membership restored on 16 August 2006);\nfrom the course sources alone it is a *former member*")
    assert nb.says("Armenia at the end of 2024 is a *member* from the course sources alone (whether it still took\npart they leave open) and a *member whose participation is suspended* with the France 24 background row.")


def test_self_check_model_answers_are_the_data_answers(nb):
    qids = quiz.question_ids("01")
    assert len(qids) == 7
    starter = next(c for c in nb.cells if "student" in c.metadata.get("tags", []) and "check_all" in c.source)
    model = starter.metadata["csto"]["model_answer"]
    for qid in qids:
        answer = quiz.answer(qid)
        assert f'"{qid}": {answer!r}' in model or f'"{qid}": "{answer}"' in model, qid
    assert nb.says("Seven questions on this notebook")


def test_further_reading_names_the_background_references(nb):
    citations = data.load("citations").set_index("citation_id")
    assert citations.loc["cite_tass_2012_06_28", "date"] == "2012-06-28" and citations.loc["cite_tass_2012_12_19", "date"] == "2012-12-19"
    assert citations.loc["cite_france24_freeze", "date"] == "2024-02-22"
    assert nb.says("the Jamestown Foundation's *Monitor*\n  (April 1999) on the 1999 extension, TASS (28 June and 19 December 2012) on Uzbekistan, France 24 (22 February\n  2024) on Armenia")
