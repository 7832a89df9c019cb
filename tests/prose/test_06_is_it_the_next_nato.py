"""Notebook 06 ("Is it the next NATO?"): every number, date, name and quoted phrase its prose states, checked against
the data, and the notebook's words checked to still say it (docs/authoring.md §1)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from csto import data
from csto.data import lookups
from csto.course import course_map
from csto.data.frames import source_text
from csto.lessons import evidence, quiz, source_criticism


ENGLISH_SOURCES = {"stratfor2017", "evstratov2022", "afp2022", "mitchell2026"}


@pytest.fixture(scope="module")
def cards() -> pd.DataFrame:
    return evidence.evidence()


def _claim(claim_id: str) -> pd.Series:
    return data.load("claims").set_index("claim_id").loc[claim_id]


def _quote(quote_id: str) -> pd.Series:
    return data.load("quotes").set_index("quote_id").loc[quote_id]


def _code(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def _sides(cards: pd.DataFrame, pid: str) -> tuple[int, int]:
    rows = cards[cards["pid"] == pid]
    return int((rows["side"] == "yes").sum()), int((rows["side"] == "no").sum())


# ---- opening ---------------------------------------------------------------------------------------------------------

def test_forty_five_minutes_of_self_study_and_of_class(nb):
    course = course_map().set_index("notebook")
    assert (course.loc["06", "minutes_self"], course.loc["06", "minutes_class"]) == (45, 45)
    assert nb.says("45 min self-study, 45 min in class")


def test_nine_years_and_four_more_sources_after_stratfor(nb):
    sources = data.load("sources").set_index("source_id")
    assert sources.loc["mitchell2026", "start"].year - sources.loc["stratfor2017", "start"].year == 9
    assert len(sources) - 1 == 4
    assert nb.says("Nine years and four more texts later")


def test_the_matrix_uses_only_the_four_english_course_sources_and_no_background(nb, cards):
    assert set(cards["source_id"]) == ENGLISH_SOURCES
    assert (cards["origin"] == "seed").all() and cards["citation_id"].isna().all()
    languages = data.load("sources").set_index("source_id")["language"]
    assert set(languages[list(ENGLISH_SOURCES)]) == {"en"}
    assert nb.says("The evidence matrix uses only the four texts in English, each card a quotation from one of them, "
                   "in its own "
                   "words; it holds no other report.")


# ---- the NATO yardstick ----------------------------------------------------------------------------------------------

def test_stratfor_headline_of_10_january_2017(nb):
    assert _claim("sf_not_next_nato")["quote"] == "Why Russia's Military Alliance Is Not the Next NATO"
    assert str(data.load("sources").set_index("source_id").loc["stratfor2017", "published"]) == "2017-01-10"
    assert nb.says("The headline of the Stratfor forecast of 10 January 2017")


@pytest.mark.parametrize("source_id, words", [
    ("stratfor2017", "designed to serve as a Eurasian NATO of sorts"),
    ("stratfor2017", "started to present the CSTO to the rest of the world as a counterweight to NATO"),
    ("afp2022", "As in the case of the NATO treaty for the West, the CSTO article provides that the attacked state "
                "receives support from other members."),
])
def test_stratfor_and_afp_compare_the_bloc_with_nato(nb, source_id, words):
    assert data.source_says(source_id, words)
    assert nb.says(words)


def test_stratfor_names_nato_five_times_and_mitchell_never(nb):
    counts = source_criticism.term_counts("NATO", lookups.source_order()).set_index("source_id")["count"].to_dict()
    assert counts == {"stratfor2017": 5, "stratfor2017_id": 1, "evstratov2022": 1, "afp2022": 1, "mitchell2026": 0}
    assert "Stratfor names NATO five times; Mitchell's 2026 article does not name it" in _code(nb)  # the chart's title
    assert len(source_criticism.term_in_context("NATO", lookups.source_order())) == sum(counts.values()) == 8


def test_stratfor_headline_is_printed_twice_in_the_copy(nb):
    assert source_text("stratfor2017").count("Why Russia's Military Alliance Is Not the Next NATO") == 2
    assert "Stratfor's headline is printed twice in this copy" in _code(nb)  # the chart's note
    assert nb.says("its headline, which this copy prints twice")


def test_evstratov_names_nato_among_the_partners_members_keep(nb):
    assert data.source_says("evstratov2022", "to maintain relations with NATO, the EU, the USA and the West in general")
    assert nb.says('names NATO once, among the partners the members want "to maintain relations with"')


def test_mitchell_asks_a_different_question_in_his_title(nb):
    assert data.load("sources").set_index("source_id").loc["mitchell2026", "title"] == "Can Russia Revitalize the CSTO?"
    assert nb.says('"Can Russia Revitalize the CSTO?"')


def test_the_nato_yardstick_is_not_credited_to_stratfor_alone(nb):
    """Review L19: the comparison is older than Stratfor's headline; review 4, L3: Stratfor's 'designed' names no
    designer, so the course does not make Russia its subject; only 'presented ... as a counterweight' is Russia's."""
    assert data.source_says("stratfor2017", "an alliance designed to serve as a Eurasian NATO of sorts")
    assert data.source_says("stratfor2017", "as a counterweight to NATO")
    assert nb.says("by its own account the comparison is older") and nb.says("(Stratfor names no designer)")
    assert nb.says("(it names no designer) and Russia presented it")
    assert not nb.says("Russia itself invited") and not nb.says("Russia invited the comparison")
    assert nb.says("The relayed report (citing AFP) uses it too")
    assert not nb.says("the comparison a US forecaster chose")


# ---- five questions and the matrix -----------------------------------------------------------------------------------

def test_the_five_smaller_questions_are_the_matrix_questions(nb):
    questions = list(evidence.matrix()["question"])
    assert questions == ["Does the bloc come to the aid of a member in trouble?", "Do the members act as one?",
                         "Is it growing as a military force?", "Does Russia rely on it as its main tool in the region?",
                         "Will it last?"]
    for n, question in enumerate(questions, start=1):
        assert nb.says(f"{n}. {question}")
        assert nb.says(f"### {n}. {question}")


def test_evstratov_scenario_of_iran_joining(nb):
    assert _claim("ev_scenario_iran_inclusion")["kind"] == "scenario"
    assert data.source_says("evstratov2022", "The inclusion of Iran in the CSTO")
    assert nb.says("(Evstratov's scenario of Iran joining)")


def test_the_matrix_shows_every_question_with_evidence_from_at_least_three_sources(cards):
    table = evidence.matrix()
    assert len(table) == 5
    assert list(table.columns) == ["question", "evidence for (points to yes)", "evidence against (points to no)"]
    assert all(group["source_id"].nunique() >= 3 for _, group in cards.groupby("pid"))


def test_the_notes_give_no_card_counts_that_the_matrix_would_outdate(nb, cards):
    for pid in ("help", "unity", "force", "russia", "last"):
        yes, no = _sides(cards, pid)
        assert yes and no, pid
    assert not re.search(r'\d+ "yes" and \d+ "no"', nb.markdown)
    assert nb.says("The number of cards on each side says which passages the course chose, not who is right.")


def test_will_it_last_rests_on_forecasts_judgements_and_what_mitchell_reports(nb, cards):
    kinds = set(cards.loc[cards["pid"] == "last", "kind"])
    assert {"forecast", "judgement"} <= kinds and kinds <= {"forecast", "judgement", "fact"}
    assert nb.says("On **will it last**, there are only forecasts and judgements from 2017 and 2022, and what Mitchell "
                   "reports "
                   "of 2025–2026: no source can report the future.")
    # M14: the 2025-2026 survival is in the story the lesson tells (Bishkek summit, Mitchell)
    assert data.source_says("mitchell2026", "For the first time since 2020, the Russian Federation assumed the "
                                            "rotating chairmanship")
    assert nb.says("Yet the leaders met in Bishkek on 27 November 2025")


def test_the_story_says_mitchell_dates_the_bishkek_summit_but_not_the_chairmanship(nb):
    """Review 2, H1: Mitchell gives the summit's day; only the start of the chairmanship is undated in his text."""
    assert data.source_says("mitchell2026", "At the CSTO Summit in Bishkek, Kyrgyzstan, on November 27, 2025")
    assert nb.says("he dates the summit to 27 November 2025 but gives no date for the start of the chairmanship")
    assert not nb.says("reports both, but gives no date")


def test_every_card_placement_carries_a_reason(nb):
    assert all(placed.why for _, _, placed in evidence.placements())
    assert nb.says("recorded with its reason in csto/lessons/evidence_placements.csv")


# ---- who supplies the cards (same yardstick for every source) --------------------------------------------------------

def test_who_supplies_the_cards_stratfor(nb):
    row = data.load("sources").set_index("source_id").loc["stratfor2017"]
    assert row["outlet"].startswith("Stratfor Worldview") and pd.isna(row["author"])
    assert data.source_says("stratfor2017", "To empower members")
    viewpoint = lookups.viewpoint_text("stratfor2017")
    assert "before the war of 2022" in viewpoint
    assert "looks at the bloc through Russia's aims" in viewpoint
    assert "criticises the bloc's divisions and the Kremlin's reluctance to use it" in viewpoint
    assert nb.says('an unsigned forecast of Stratfor Worldview, written for its "members" before the war of 2022')
    assert nb.says("it looks at the bloc through Russia's aims and criticises its divisions and the Kremlin's "
                   "reluctance "
                   "to use it")


def test_who_supplies_the_cards_evstratov(nb):
    row = data.load("sources").set_index("source_id").loc["evstratov2022"]
    assert str(row["published"]) == "2022-09" and "Sep 2022" in lookups.source_published()["evstratov2022"]
    assert data.source_says("evstratov2022", "Russian historian, journalist and journalist living in Armenia")
    for words in ("special operation", "formal statements", "rude, authoritarian actions"):
        assert data.source_says("evstratov2022", words)
    assert nb.says("a Russian historian living in Armenia, autumn 2022")
    assert nb.says('Moscow\'s "rude, authoritarian actions" against members')


def test_who_supplies_the_cards_afp(nb):
    assert lookups.source_published()["afp2022"] == "Nov 2022"
    assert data.source_says("afp2022", "the war in Ukraine") and data.source_says(
        "afp2022", "the Russian invasion of Ukraine"
    )
    assert data.source_says("afp2022", "Seta Center for Turkish Studies in Ankara")
    assert data.source_says("afp2022", "an independent think tank based in Yerevan")
    relayed = len(source_criticism.relayed_judgements("afp2022"))
    claims = data.load("claims")
    own_and_relayed = int(((claims["source_id"] == "afp2022") & (claims["kind"] == "judgement")).sum())
    assert relayed > own_and_relayed / 2
    assert nb.says("an unnamed outlet relaying AFP on the Yerevan summit (no dateline), November 2022")
    assert nb.says(
        "most of its judgements come from the people it quotes, from Putin to analysts in Ankara and Yerevan"
    )


def test_who_supplies_the_cards_mitchell(nb):
    row = data.load("sources").set_index("source_id").loc["mitchell2026"]
    assert lookups.source_published()["mitchell2026"] == "23 Jan 2026"
    assert "DC-based" in row["author_description"] or data.source_says(
        "mitchell2026", "DC-based foreign policy analyst"
    )
    assert data.source_says("mitchell2026", "иностранного агента")
    assert data.source_says("mitchell2026", "invasion")
    assert data.source_says("mitchell2026", "It has failed to come to the aid of its member-states, like Armenia")
    assert nb.says('a DC-based analyst, January 2026, in a republished copy; he writes '
                   '"invasion" and criticises the bloc\'s failure to aid Armenia')
    # the same yardstick as for Stratfor and Evstratov: for whom, and his criticism of Moscow as well as of the bloc
    moscow = "has drawn away the attention and resources of the organization’s most powerful member"
    assert data.source_says("mitchell2026", moscow) and nb.says(f'the war "{moscow}", Russia')
    assert nb.says("Writing for the readers of The National Interest")
    assert nb.says("on the website World Geostrategic Insights") and nb.says("for readers it does not describe")


# ---- reading the cards -----------------------------------------------------------------------------------------------

def test_all_four_english_sources_speak_to_aid(nb, cards):
    assert set(cards.loc[cards["pid"] == "help", "source_id"]) == ENGLISH_SOURCES
    assert nb.says("On **aid to members**, all four texts in English supply evidence")


def test_two_of_three_aid_yes_cards_are_the_treaty_on_paper(nb, cards):
    yes = cards[(cards["pid"] == "help") & (cards["side"] == "yes")]
    assert len(yes) == 3
    on_paper = yes[yes["note"].str.startswith("on paper", na=False)]
    assert set(on_paper["source_id"]) == {"stratfor2017", "afp2022"} and len(on_paper) == 2
    other = yes[~yes["claim_id"].isin(on_paper["claim_id"])].iloc[0]
    assert other["claim_id"] == "ev_only_effective_kazakhstan"
    assert "only truly effective in the winter of 2022" in other["quote"]
    assert nb.says('Two of the three "yes" cards are the')
    assert nb.says('the bloc\'s response was "only truly effective in the winter of 2022"')
    assert nb.says("(two of the three are treaty provisions)")
    request = data.load("events").set_index("event_id").loc["ev_2022_01_05_tokayev_request_context"]
    assert request["origin"] == "context" and request["date"] == "2022-01-05"
    assert nb.says("None of our five sources says who asked for the Kazakhstan mission; other reports (cited) say "
                   "President "
                   "Tokayev asked on 5 January 2022.")


def test_the_newest_military_yes_card_is_putins_proposal_as_mitchell_reports_it(nb, cards):
    yes = cards[(cards["pid"] == "force") & (cards["side"] == "yes")].sort_values("start")
    newest = yes.iloc[-1]
    assert newest["claim_id"] == "mi_putin_programme" and newest["source_id"] == "mitchell2026"
    assert newest["note"] == "a proposal, not a delivery"
    assert nb.says("the newest \"yes\" card is Putin's proposal as Mitchell reports it: a plan, not a delivery")


def test_putins_words_are_quoted_whole_never_cut(nb):
    """Review M6: never "are currently not great" without "for some components" and "they are substantial"."""
    words = _quote("q_mitchell2026_putin_capabilities_not_great")
    assert words["voice"] == "speaker_words" and words["speaker"] == "Vladimir Putin"
    assert (
        "our capabilities for some components are currently not great. That is to say, they are substantial, but we "
        "must meet our own needs" in words["words"]
    )
    assert data.source_says("mitchell2026", words["words"])
    assert 'show.quote("q_mitchell2026_putin_capabilities_not_great")' in _code(nb)
    assert nb.says('speak of "some components", and call Russia\'s capabilities "substantial"')
    assert not re.search(r"capabilities\W+are currently not great", nb.markdown)


def test_mitchells_card_sums_up_putins_words(nb):
    card = _claim("mi_putin_admitted_limits")
    assert card["quote"] == ("President Putin admitted that the war in Ukraine was having a negative impact on "
                             "Russia's "
                             "capabilities in the alliance")
    assert dict(zip(evidence.evidence()["claim_id"], evidence.evidence()["side"]))["mi_putin_admitted_limits"] == "no"
    assert nb.says("Mitchell's card on the \"no\" side sums them up: \"President Putin admitted that the war in "
                   "Ukraine "
                   "was having a negative impact on Russia's capabilities in the alliance\"")


def test_the_notebook_shows_once_how_to_read_around_a_quotation(nb):
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert sum('read("mitchell2026", around="q_mitchell2026_putin_capabilities_not_great")' in s for s in code) == 1
    from csto.reader import read

    assert "substantial" in read("mitchell2026", around="q_mitchell2026_putin_capabilities_not_great").data


def test_card_questions_in_the_notes(nb, cards):
    assert evidence.voices()["afp_lukashenko_rubble"] == "Lukashenko"
    assert _quote("q_afp2022_lukashenko_under_rubble")["voice"] == "speaker_words"
    note = dict(zip(cards["claim_id"], cards["note"]))
    assert "whom 'our' and 'we' cover" in note["afp_lukashenko_rubble"]
    assert "arms-export comparison" in note["mi_more_pressing_priorities"]
    assert nb.says("(Lukashenko's, quoted in the relayed report; it does not say whom \"we\" covers)")
    assert nb.says("(the arms-export comparison just before it)")


# ---- the forecasts ---------------------------------------------------------------------------------------------------

def _verdicts(source_id: str) -> dict[str, int]:
    forecasters = data.load("claims")[["claim_id", "source_id"]].rename(columns={"source_id": "forecaster"})
    checks = data.load("forecast_checks").merge(forecasters, on="claim_id")
    counts = checks.loc[checks["forecaster"] == source_id, "verdict"].astype(str).value_counts()
    return {k: int(v) for k, v in counts.items()}


def test_the_forecast_tallies_are_computed_never_typed(nb):
    """Issue 21, H3: a new check (Khachaturov, 2017) changed Stratfor's tally; the notebook counts, the prose does
    not."""
    summary = source_criticism.verdict_summary()
    assert _verdicts("stratfor2017").get("inconsistent", 0) == summary.loc["Stratfor 2017", "inconsistent"]
    assert "fc_consensus_vs_2017_khachaturov" in set(data.load("forecast_checks")["check_id"])
    code = _code(nb)
    assert "source_criticism.verdict_summary()" in code and "counts.sum()" in code
    for _, counts in summary.iterrows():
        assert not re.search(rf"\b{counts.sum()} checks\b", nb.markdown)
    assert not re.search(r"match later reports in \d+ checks", nb.markdown)
    assert nb.says("Many of Stratfor's forecasts match later reports")


def test_a_platform_for_limited_defense_cooperation(nb):
    assert data.source_says("stratfor2017", "a platform for limited defense cooperation")
    assert nb.says('"a platform for limited defense cooperation"')


# ---- the debate and the project --------------------------------------------------------------------------------------

NOTES = re.compile(r"^\*\*Speaker notes — (?P<activity>[^*]+?) \((?P<minutes>\d+) min\):\*\*")


def speaker_note_minutes(nb) -> list[tuple[str, int]]:
    """(activity, minutes) of each notes cell, as tests/test_notebook_checklist.py and the teacher's guide read them."""
    cells = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    return [(m["activity"], int(m["minutes"])) for m in (NOTES.match(c.source.strip()) for c in cells)]


def test_the_debate_takes_about_15_minutes_as_its_steps_add_up(nb):
    minutes = dict(speaker_note_minutes(nb))
    assert minutes["The structured debate"] == 4 + 2 * 2 + 2 + 2 * 1 + 1 + 2 == 15
    assert nb.says("### Rules and timing (about 15 minutes)")
    for step in ("Preparation, 4 min", "Opening speeches, 2 min each", "the historian, 2 min", "Rebuttals, 1 min each",
                 "the jury's feedback, 1 min", "the debrief, 2 min", "4 + 4 + 2 + 2 + 1 + 2 minutes"):
        assert nb.says(step)


def test_notes_open_each_section_and_fit_forty_minutes(nb):
    from tests.prose.conftest import notes_follow_first_slides
    assert not notes_follow_first_slides(nb)
    minutes = speaker_note_minutes(nb)
    assert minutes[0][0] == "What happened"
    assert sum(m for _, m in minutes) <= min(40, course_map().set_index("notebook").loc["06", "minutes_class"])


def test_quoted_people_are_not_their_reporters(nb):
    assert _quote("q_afp2022_lukashenko_under_rubble")["source_id"] == "afp2022"
    assert _quote("q_mitchell2026_putin_capabilities_not_great")["source_id"] == "mitchell2026"
    assert nb.says("(Lukashenko's words in the relayed report are his, Putin's in Mitchell are his)")


# ---- agree and disagree ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id, words", [
    ("stratfor2017", "Bordyuzha, however, declined to take action"),
    ("mitchell2026", "the CSTO’s peacekeeping intervention in Kazakhstan in January 2022"),
    ("afp2022", "despite calls for help, Armenia did not receive any benefit from it"),
    ("mitchell2026", "It has failed to come to the aid of its member-states, like Armenia"),
    ("evstratov2022", "formal statements and equally formal monitoring activities"),
    ("evstratov2022", "truly effective"),
    ("evstratov2022", "Russia's hands are seriously tied"),
    ("mitchell2026", "drawn away the attention and resources"),
    ("evstratov2022", "chances of resetting the bloc"),
    ("afp2022", "disintegration"),
    ("mitchell2026", "Time will tell"),
    ("afp2022", "ensuring the protection of our national interests"),
    ("afp2022", "severely undermined"),
    ("afp2022", "Moscow has been dealt a major blow"),
])
def test_what_the_sources_agree_and_disagree_on(nb, source_id, words):
    assert data.source_says(source_id, words)
    assert nb.says(f'"{words}'.replace("’", "'")) or nb.says(f'"{words}')


def test_putin_and_giragosian_are_quoted_by_afp_and_the_major_blow_is_the_relayed_reports_own(nb):
    assert _quote("q_afp2022_putin_protection_interests")["voice"] == "speaker_words"
    assert _quote("q_afp2022_giragosian_severely_undermined")["voice"] == "speaker_words"
    assert _claim("afp_major_blow")["voice"] == "own"
    assert _claim("afp_major_blow")["claim"].startswith("The relayed report (citing AFP) judges")
    assert not any(data.load("quotes").query("source_id == 'afp2022'")["words"].str.contains("major blow"))
    assert data.source_says("afp2022", "Officially, Moscow is satisfied with the summit")
    assert nb.says('the report\'s own voice writes that "Moscow has been dealt a major blow"')
    assert nb.says('is "officially" satisfied')


def test_evstratov_dates_kazakhstan_to_the_winter_of_2022(nb):
    assert _claim("ev_only_effective_kazakhstan")["quote"] == \
        "the bloc's response was only truly effective in the winter of 2022 in Kazakhstan"
    assert nb.says('Evstratov calls Kazakhstan 2022 "truly effective"')


def test_m14_the_agreement_on_aid_is_about_armenia_and_does_not_enlist_mitchell_for_kazakhstan(nb):
    """Issue 21, M14: Mitchell reports the Kazakhstan intervention, so he is not listed as saying the bloc never
    helped."""
    agree = next(line for line in nb.markdown.splitlines() if line.startswith("- **Agree on Armenia in 2022**"))
    block = nb.markdown[nb.markdown.index(agree):].split("\n- ", 1)[0]
    assert "Armenia" in block and "Kazakhstan" not in block
    assert not nb.says("the bloc did not come to the aid of members in trouble")
    assert nb.says('Mitchell reports "the CSTO\'s peacekeeping intervention in Kazakhstan in January 2022"')


def test_the_recap_names_the_yardstick_as_russias_per_stratfor(nb):
    assert nb.says('the yardstick is older than Stratfor (a bloc "designed to serve as a Eurasian NATO of sorts", '
                   'which Russia presented "as a counterweight to NATO"), and Stratfor and the relayed report (citing '
                   'AFP) use it')


# ---- exercises -------------------------------------------------------------------------------------------------------

def test_exercise_1_mitchells_share_is_counted_by_the_student_not_typed(nb, cards):
    mine = cards[cards["source_id"] == "mitchell2026"]
    assert len(mine) == quiz.answer("ex06_mitchell_pieces")
    assert mine["pid"].nunique() == 5 and (mine["side"] == "no").sum() > len(mine) / 2
    assert (mine["kind"] == "fact").sum() > len(mine) / 2
    assert nb.says("he speaks to all five questions, most of his cards are facts, and most point to \"no\"")
    assert not re.search(rf"Mitchell supplies {len(mine)} cards", nb.markdown)


def test_exercise_1_has_a_worked_example_before_its_starter(nb):
    start = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "*Worked example:* keep the cards "
                                                                                    "of one source" in c.source)
    starter = next(
        i
        for i, c in enumerate(nb.cells)
        if "student" in c.metadata.get("tags", []) and "ex06_mitchell_pieces" in c.source
    )
    assert start < starter
    assert any(
        'cards["source_id"] == "stratfor2017"' in c.source and "len(" in c.source for c in nb.cells[start:starter]
    )


def test_exercise_2_mitchells_closing_sentence_is_a_scenario_outside_the_matrix(nb, cards):
    claim = _claim("mi_upgrade_or_another_year")
    assert claim["kind"] == "scenario"
    words = ("Whether Russia can deliver on its proposals will determine whether this alliance receives the "
             "much-needed upgrade or just struggles on for another year.")
    assert data.source_says("mitchell2026", words) and nb.says(words)
    assert "mi_upgrade_or_another_year" not in set(cards["claim_id"])
    assert nb.says("The course files it as a scenario")


def test_exercise_3_afp_supplies_no_card_on_military_strength(nb):
    per = evidence.sources_per_question().set_index(["source_id", "question"])["items"]
    strength = per.xs("Military strength", level="question")
    assert strength.get("afp2022", 0) == 0 and strength.idxmax() in {"stratfor2017", "mitchell2026"}
    assert quiz.answer("ex06_no_strength_cards") == lookups.source_names()["afp2022"] == "AFP 2022"
    assert nb.says("The relayed report (citing AFP) supplies none of the cards on military strength")


@pytest.mark.parametrize("claim_id, source_id, kind", [
    ("ev_members_balance", "evstratov2022", "judgement"),
    ("ev_nk_outside_jurisdiction", "evstratov2022", "fact"),
    ("sf_progress_not_bloc", "stratfor2017", "judgement"),
    ("mi_members_spared", "mitchell2026", "fact"),
])
def test_exercise_4_candidate_cards_are_not_in_the_matrix(nb, cards, claim_id, source_id, kind):
    claim = _claim(claim_id)
    assert claim_id not in set(cards["claim_id"])
    assert (claim["source_id"], claim["kind"]) == (source_id, kind)
    assert not nb.says(claim_id), "student prose names no ids"


@pytest.mark.parametrize("words, source_id", [
    ("not part of the official jurisdiction of the CSTO", "evstratov2022"),
    ("has not translated into the advancement of the bloc as a whole", "stratfor2017"),
    ("spared from participating in the war in Ukraine", "mitchell2026"),
    ("maximum loyalty from Moscow", "evstratov2022"),
])
def test_exercise_4_quotes(nb, words, source_id):
    assert data.source_says(source_id, words)
    assert nb.says(f'"{words}"')


def test_exercise_4_the_2016_deals_were_with_four_members(nb):
    assert data.source_says("stratfor2017", "Moscow has signed new military cooperation deals with Belarus, Armenia, "
                                            "Kazakhstan and Tajikistan")
    assert nb.says("Moscow's 2016 deals with four members")


def test_exercise_4_evstratov_places_fighting_on_armenias_recognised_territory(nb):
    assert data.source_says(
        "evstratov2022", "proceeds quite actively in the internationally recognized territory of Armenia"
    )
    # Review 5, L8: the sentence cuts both ways, and the answer says so in Evstratov's words
    assert data.source_says("evstratov2022", "which is not part of the official jurisdiction of the CSTO")
    assert nb.says('could be used to answer the "no" cards on aid to Armenia, but Evstratov himself adds that the '
                   'conflict "proceeds quite actively in the internationally recognized territory of Armenia", so the '
                   'sentence cuts both ways')


def test_exercise_checks_have_one_right_choice_and_say_why():
    options = quiz.options("ex06_no_strength_cards")
    assert sum(o.right for o in options) == 1
    assert all(o.why for o in options)
    assert quiz.check("ex06_no_strength_cards", "Mitchell 2026").startswith("Not quite")
    assert quiz.check("ex06_mitchell_pieces", 3).startswith("Not quite: 3 is his share on military strength")


# ---- the self-check --------------------------------------------------------------------------------------------------

def test_the_self_check_is_clickable_and_names_no_count(nb):
    assert len(quiz.question_ids("06")) >= 10
    assert any(c.cell_type == "code" and c.source.strip() == 'show.self_check("06")' for c in nb.cells)
    assert not any("my_answers" in c.source for c in nb.cells)
    assert nb.says("Questions across notebooks 01–05, for homework.")
    assert not nb.says("Sixteen questions")


def test_the_quiz_notes_name_the_stumbling_points(nb):
    assert quiz.answer("q07_who_asked_kazakhstan") == "None of them"
    assert quiz.answer("q11_special_operation") == "Evstratov 2022"
    uses = source_criticism.term_in_context("special military operation", "mitchell2026")
    assert len(uses) == 1 and uses["in a quotation"].all()
    assert _quote("q_mitchell2026_putin_capabilities_not_great")["words"].count("special military operation") == 1
    assert nb.says("q07 (none of the course sources names who asked for the")
    assert nb.says('q11 (Mitchell prints "special military operation" only inside a')


# ---- what happened, the classroom's words (issue 21, parts 2 and 5) --------------------------------------------------

STORY_DATE = re.compile(r"\b(?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|September|October|"
                        r"November|December) (\d{4})\b")


def test_what_happened_comes_first_is_short_and_marked_as_background(nb):
    cells = [c for c in nb.cells if "story" in c.metadata.get("tags", [])]
    assert len(cells) == 1 and cells[0].source.startswith("## What happened")
    i = nb.cells.index(cells[0])
    assert next(c for c in nb.cells[i + 1:] if c.cell_type == "code").source.strip() == 'story.what_happened("06")'
    assert any(c.source.strip() == 'charts.show(charts.places_map("06"))' for c in nb.cells[i:i + 6])
    body = cells[0].source.split("\n", 1)[1]
    assert len(re.findall(r"[A-Za-z][A-Za-z'’-]*", body)) <= 250
    assert "other reports (cited)" in body


def test_every_date_the_story_tells_is_in_the_record_and_on_its_chart(nb):
    from csto import story
    known = set()
    events = data.load("events")
    for value in list(events["date"].dropna()) + list(events["date_end"].dropna()):
        words = story.date_in_words(str(value))
        known |= {words, " ".join(words.split()[-2:])}
    cell = next(c for c in nb.cells if "story" in c.metadata.get("tags", []))
    text = re.sub(r"\s+", " ", cell.source)
    told = [" ".join(x for x in m.groups() if x) for m in STORY_DATE.finditer(text)]
    assert len(told) >= 10 and not [d for d in told if d not in known], [d for d in told if d not in known]
    for when in story.what_happened_table("06")["When"]:
        first, _, last = when.partition("–")
        start = f"{first} {' '.join(last.split()[-2:])}" if first.isdigit() else when
        assert when in text or start in text, when


def test_the_story_attributes_the_armenian_mission_and_states_no_refusal_in_the_courses_voice(nb):
    cell = next(c for c in nb.cells if "story" in c.metadata.get("tags", []))
    note = data.load("events").set_index("event_id").loc["ev_2022_09_13_arm_appeal_context", "date_note"]
    assert "fact-finding missions" in note and "RFE/RL's Armenian Service" in note
    assert "RFE/RL's Armenian Service reports the others sent a fact-finding mission instead" in re.sub(
        r"\s+", " ", cell.source
    )
    assert not re.search(r"(?i)\b(refused|said no)\b", cell.source)


def test_student_prose_keeps_the_classrooms_words(nb):
    from tests.prose.conftest import jargon_per_thousand
    prose = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                         and c.metadata.get("slideshow", {}).get("slide_type") != "notes")
    assert jargon_per_thousand(prose) <= 5


def test_the_story_tells_every_return_between_a_departure_and_a_suspension_it_tells(nb):
    """Review 3, M2: Uzbekistan, outside the treaty in 1999, came back in 2006 before its membership was suspended
    in 2012; the story and its chart tell the return."""
    from tests.prose.conftest import fold, untold_returns
    assert not untold_returns("06")
    assert "16 August 2006" in fold(nb.tagged("story")[0].source)


def test_the_story_attributes_azerbaijans_attacks_to_armenias_government(nb):
    """Review 3, M3: the Yerevan line keeps Pashinyan's reason, and the course does not call the fighting
    Azerbaijan's attacks in its own voice."""
    from tests.prose.conftest import fold
    story = fold(nb.tagged("story")[0].source)
    assert "would not sign the draft on help for Armenia without a political assessment of what Armenia's government " \
           "called Azerbaijan's attacks" in story


def test_mitchells_undated_sentence_is_marked_as_filed_under_2022_by_the_course(nb):
    """Review 3, L9: Mitchell names no date or episode for 'failed to come to the aid'; placing it under Armenia in
    2022 is the course's reading (as notebook 02 says), and the agree line says so."""
    assert "gives no date" in _table_note("fc_russia_leery_vs_mi_armenia")
    agree = next(line for line in nb.markdown.splitlines() if line.startswith("- **Agree on Armenia in 2022**"))
    block = nb.markdown[nb.markdown.index(agree):].split("\n- ", 1)[0]
    assert "Mitchell, undated (the course files it under 2022)" in " ".join(block.split())


def _table_note(check_id: str) -> str:
    return str(data.load("forecast_checks").set_index("check_id").loc[check_id, "verdict_note"])


def test_the_future_in_question_card_says_whose_support_was_lacking():
    """Review 7, L5: Evstratov's 'lack of support' is members' not openly supporting Russia in Ukraine, not a lack of
    support for the bloc; the card says so, and the passage it rests on says it too."""
    why = {placed.claim_id: placed.why for _, _, placed in evidence.placements()}["ev_future_in_question"]
    assert "lack of open support for Russia" in why, why
    assert data.source_says("evstratov2022", "with the exception of Belarus, openly supported Russia")
