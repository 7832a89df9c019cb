"""Notebook 06 ("Is it the next NATO?"): every number, date, name and quoted phrase its prose states, checked against
the data, and the notebook's words checked to still say it (docs/authoring.md §1)."""

from __future__ import annotations

import ast
import re

import pandas as pd
import pytest

from csto import data, labels
from csto.course import course_map
from csto.data.frames import source_text
from csto.lessons import evidence, quiz, source_criticism
from csto.lessons.exercises import nb06 as exercises

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
    assert nb.says("Nine years and four more sources later")


def test_the_matrix_uses_only_the_four_english_course_sources_and_no_background(nb, cards):
    assert set(cards["source_id"]) == ENGLISH_SOURCES
    assert (cards["origin"] == "seed").all() and cards["citation_id"].isna().all()
    languages = data.load("sources").set_index("source_id")["language"]
    assert set(languages[list(ENGLISH_SOURCES)]) == {"en"}
    assert nb.says("The evidence matrix uses only the four English-language")
    assert nb.says("it holds no [background row](../docs/glossary.md#background-row)")


# ---- the NATO yardstick -------------------------------------------------------------------------------------------------

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
    counts = source_criticism.term_counts("NATO", labels.source_order()).set_index("source_id")["count"].to_dict()
    assert counts == {"stratfor2017": 5, "stratfor2017_id": 1, "evstratov2022": 1, "afp2022": 1, "mitchell2026": 0}
    assert "Stratfor names NATO five times; Mitchell's 2026 article does not name it" in _code(nb)  # the chart's title
    assert len(source_criticism.term_in_context("NATO", labels.source_order())) == sum(counts.values()) == 8


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
    """Review L19: per Stratfor, Russia itself invited the comparison; Stratfor chose it as its headline; AFP uses it too."""
    assert data.source_says("stratfor2017", "an alliance designed to serve as a Eurasian NATO of sorts")
    assert data.source_says("stratfor2017", "as a counterweight to NATO")
    assert nb.says("by Stratfor's own account Russia invited the comparison")
    assert nb.says("per Stratfor, Russia itself invited the comparison")
    assert nb.says("AFP uses it too")
    assert not nb.says("the comparison a US forecaster chose")


# ---- five questions and the matrix ----------------------------------------------------------------------------------------

def test_the_five_smaller_questions_are_the_matrix_questions(nb):
    questions = [p.question for p in evidence.PROPOSITIONS]
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


def test_card_counts_per_question_as_the_notes_give_them(nb, cards):
    assert _sides(cards, "help") == (3, 5)
    assert _sides(cards, "unity") == (2, 5)
    assert _sides(cards, "force") == (2, 5)
    assert _sides(cards, "russia") == (3, 5)
    assert _sides(cards, "last") == (4, 4)
    assert nb.says('(aid 3 "yes" and 5 "no", unity 2 and 5, military strength 2 and 5, Russia\'s main tool 3 and 5, '
                   'will it last 4 and 4)')
    assert nb.says("say which passages the course chose, not who is right")


def test_will_it_last_rests_only_on_forecasts_and_judgements(nb, cards):
    assert set(cards.loc[cards["pid"] == "last", "kind"]) == {"forecast", "judgement"}
    assert nb.says("On **will it last**, there are only forecasts and judgements")


def test_every_card_placement_carries_a_reason(nb):
    assert all(placed.why for _, _, placed in evidence.placements())
    assert nb.says("recorded with its reason in csto/lessons/evidence.py")


# ---- who supplies the cards (same yardstick for every source) ------------------------------------------------------------

def test_who_supplies_the_cards_stratfor(nb):
    row = data.load("sources").set_index("source_id").loc["stratfor2017"]
    assert row["outlet"].startswith("Stratfor Worldview") and pd.isna(row["author"])
    assert data.source_says("stratfor2017", "To empower members")
    assert "before the war of 2022" in row["viewpoint"]
    assert "looks at the bloc through Russia's aims" in row["viewpoint"]
    assert "criticises the bloc's divisions and the Kremlin's reluctance to use it" in row["viewpoint"]
    assert nb.says('an unsigned forecast of Stratfor Worldview, written for its "members" before the war of 2022')
    assert nb.says("it looks at the bloc through Russia's aims and criticises its divisions and the Kremlin's reluctance "
                   "to use it")


def test_who_supplies_the_cards_evstratov(nb):
    row = data.load("sources").set_index("source_id").loc["evstratov2022"]
    assert str(row["published"]) == "2022-09" and "Sep 2022" in labels.source_published()["evstratov2022"]
    assert data.source_says("evstratov2022", "Russian historian, journalist and journalist living in Armenia")
    for words in ("special operation", "formal statements", "rude, authoritarian actions"):
        assert data.source_says("evstratov2022", words)
    assert nb.says("a Russian historian living in Armenia, autumn 2022")
    assert nb.says('Moscow\'s "rude, authoritarian actions" against members')


def test_who_supplies_the_cards_afp(nb):
    assert labels.source_published()["afp2022"] == "Nov 2022"
    assert data.source_says("afp2022", "the war in Ukraine") and data.source_says("afp2022", "the Russian invasion of Ukraine")
    assert data.source_says("afp2022", "Seta Center for Turkish Studies in Ankara")
    assert data.source_says("afp2022", "an independent think tank based in Yerevan")
    relayed = len(source_criticism.relayed_judgements("afp2022"))
    claims = data.load("claims")
    own_and_relayed = int(((claims["source_id"] == "afp2022") & (claims["kind"] == "judgement")).sum())
    assert relayed > own_and_relayed / 2
    assert nb.says("an unnamed outlet relaying AFP from the Yerevan summit, November 2022")
    assert nb.says("most of its judgements come from the people it quotes, from Putin to analysts in Ankara and Yerevan")


def test_who_supplies_the_cards_mitchell(nb):
    row = data.load("sources").set_index("source_id").loc["mitchell2026"]
    assert labels.source_published()["mitchell2026"] == "23 Jan 2026"
    assert "DC-based" in row["author_description"] or data.source_says("mitchell2026", "DC-based foreign policy analyst")
    assert data.source_says("mitchell2026", "иностранного агента")
    assert data.source_says("mitchell2026", "invasion")
    assert data.source_says("mitchell2026", "It has failed to come to the aid of its member-states, like Armenia")
    assert nb.says('a DC-based analyst, January 2026, in a republished copy; he writes '
                   '"invasion" and criticises the bloc\'s failure to aid Armenia')


# ---- reading the cards -----------------------------------------------------------------------------------------------

def test_all_four_english_sources_speak_to_aid(nb, cards):
    assert set(cards.loc[cards["pid"] == "help", "source_id"]) == ENGLISH_SOURCES
    assert nb.says("On **aid to members**, all four English-language sources supply evidence")


def test_two_of_three_aid_yes_cards_are_the_treaty_on_paper(nb, cards):
    yes = cards[(cards["pid"] == "help") & (cards["side"] == "yes")]
    assert len(yes) == 3
    on_paper = yes[yes["note"] == evidence.ON_PAPER]
    assert set(on_paper["source_id"]) == {"stratfor2017", "afp2022"} and len(on_paper) == 2
    other = yes[yes["note"] != evidence.ON_PAPER].iloc[0]
    assert other["claim_id"] == "ev_only_effective_kazakhstan"
    assert "only truly effective in the winter of 2022" in other["quote"]
    assert nb.says('Two of the three "yes" cards are the')
    assert nb.says('the bloc\'s response was "only truly effective in the winter of 2022"')
    assert nb.says("(two of the three are treaty provisions)")
    crisis = data.load("crises").set_index("crisis_id").loc["kaz_2022"]
    assert pd.isna(crisis["requester"]) or not crisis["requester"], "no course source names who asked"
    assert other["note"] == "no course source says who asked for this mission"
    assert nb.says("no course source says who asked for the Kazakhstan mission")


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
    assert "our capabilities for some components are currently not great. That is to say, they are substantial, but we " \
           "must meet our own needs" in words["words"]
    assert data.source_says("mitchell2026", words["words"])
    assert 'show.quote("q_mitchell2026_putin_capabilities_not_great")' in _code(nb)
    assert nb.says('speak of "some components", and call Russia\'s capabilities "substantial"')
    assert not re.search(r"capabilities\W+are currently not great", nb.markdown)


def test_mitchells_card_sums_up_putins_words(nb):
    card = _claim("mi_putin_admitted_limits")
    assert card["quote"] == ("President Putin admitted that the war in Ukraine was having a negative impact on Russia's "
                             "capabilities in the alliance")
    assert dict(zip(evidence.evidence()["claim_id"], evidence.evidence()["side"]))["mi_putin_admitted_limits"] == "no"
    assert nb.says("Mitchell's card on the \"no\" side sums them up: \"President Putin admitted that the war in Ukraine "
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
    assert nb.says("(Lukashenko's, quoted by AFP; AFP does not say whom \"we\" covers)")
    assert nb.says("(the arms-export comparison just before it)")


# ---- the forecasts ----------------------------------------------------------------------------------------------------

def _verdicts(source_id: str) -> dict[str, int]:
    forecasters = data.load("claims")[["claim_id", "source_id"]].rename(columns={"source_id": "forecaster"})
    checks = data.load("forecast_checks").merge(forecasters, on="claim_id")
    counts = checks.loc[checks["forecaster"] == source_id, "verdict"].astype(str).value_counts()
    return {k: int(v) for k, v in counts.items()}


def test_stratfor_forecast_check_totals(nb):
    assert _verdicts("stratfor2017") == {"consistent": 9, "mixed": 8, "inconsistent": 1, "not_yet_testable": 3,
                                         "outside_horizon": 1}
    assert nb.says("Of the 22 checks of Stratfor's 2017 forecasts, the course reads 9 as consistent with a later report, "
                   "8 as mixed, 1 as inconsistent, 3 as not yet testable and 1 as outside the forecast's horizon")
    assert nb.says("Stratfor's forecasts match later reports in 9 checks")


def test_evstratov_forecast_check_totals(nb):
    assert _verdicts("evstratov2022") == {"consistent": 3, "inconsistent": 1, "not_yet_testable": 3, "outside_horizon": 1}
    assert nb.says("of Evstratov's 8, 3 as consistent, 1 as inconsistent, 3 as not yet testable and 1 as outside the judgement's horizon")


def test_the_verdict_table_is_the_one_the_slide_shows():
    summary = source_criticism.verdict_summary()
    assert summary.loc["Stratfor 2017"].sum() == 22 and summary.loc["Evstratov 2022"].sum() == 8
    assert summary.loc["Stratfor 2017", "consistent"] == 9 and summary.loc["Evstratov 2022", "not yet testable"] == 3
    assert summary.loc["Stratfor 2017", "outside horizon"] == 1, "review round 2, L3: a verdict code of its own is counted"


def test_a_platform_for_limited_defense_cooperation(nb):
    assert data.source_says("stratfor2017", "a platform for limited defense cooperation")
    assert nb.says('"a platform for limited defense cooperation"')


# ---- the debate and the project --------------------------------------------------------------------------------------------

NOTES = re.compile(r"^\*\*Speaker notes — (?P<activity>[^*]+?) \((?P<minutes>\d+) min\):\*\*")


def speaker_note_minutes(nb) -> list[tuple[str, int]]:
    """(activity, minutes) of each notes cell, as tests/test_notebook_checklist.py and the teacher's guide read them."""
    cells = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    return [(m["activity"], int(m["minutes"])) for m in (NOTES.match(c.source.strip()) for c in cells)]


def test_the_debate_takes_about_23_minutes(nb):
    minutes = dict(speaker_note_minutes(nb))
    assert minutes["The structured debate"] == 5 + 2 * 2 + 4 + 2 * 1 + 3 + 5 == 23
    assert nb.says("### Rules and timing (about 23 minutes)")
    for step in ("Preparation, 5 min", "Opening speeches, 2 min each", "the historian, 4 min", "Rebuttals, 1 min each",
                 "the jury's feedback, 3 min", "the debrief, 5 min", "5 + 4 + 4 + 2 + 3 + 5 minutes"):
        assert nb.says(step)


def test_notes_add_up_to_the_45_minute_class(nb):
    minutes = speaker_note_minutes(nb)
    assert [m for _, m in minutes] == [4, 4, 7, 2, 23, 2, 3, 0]
    assert sum(m for _, m in minutes) == course_map().set_index("notebook").loc["06", "minutes_class"] == 45


def test_quoted_people_are_not_their_reporters(nb):
    assert _quote("q_afp2022_lukashenko_under_rubble")["source_id"] == "afp2022"
    assert _quote("q_mitchell2026_putin_capabilities_not_great")["source_id"] == "mitchell2026"
    assert nb.says("(Lukashenko's words in AFP are his, Putin's in Mitchell are his)")


# ---- agree and disagree -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id, words", [
    ("stratfor2017", "Bordyuzha, however, declined to take action"),
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
    assert nb.says(f'"{words}')


def test_putin_and_giragosian_are_quoted_by_afp_and_the_major_blow_is_afps_own(nb):
    assert _quote("q_afp2022_putin_protection_interests")["voice"] == "speaker_words"
    assert _quote("q_afp2022_giragosian_severely_undermined")["voice"] == "speaker_words"
    assert _claim("afp_major_blow")["claim"].startswith("AFP judges")
    assert not any(data.load("quotes").query("source_id == 'afp2022'")["words"].str.contains("major blow"))
    assert data.source_says("afp2022", "Officially, Moscow is satisfied with the summit")
    assert nb.says('AFP\'s own voice writes that "Moscow has been dealt a major blow"')
    assert nb.says('is "officially" satisfied')


def test_evstratov_dates_kazakhstan_to_the_winter_of_2022(nb):
    assert _claim("ev_only_effective_kazakhstan")["quote"] == \
        "the bloc's response was only truly effective in the winter of 2022 in Kazakhstan"
    assert nb.says('though he calls Kazakhstan 2022 "truly effective"')


def test_the_recap_names_the_yardstick_as_russias_per_stratfor(nb):
    assert nb.says("the yardstick is one that, per Stratfor, Russia itself invited, and that Stratfor and AFP use")


# ---- exercises ---------------------------------------------------------------------------------------------------------

def test_exercise_1_mitchell_supplies_eight_cards_three_on_military_strength(nb, cards):
    mine = cards[cards["source_id"] == "mitchell2026"]
    assert len(mine) == 8 == quiz.answer("ex06_mitchell_pieces")
    assert mine["pid"].nunique() == 5
    strength = mine[mine["pid"] == "force"]
    assert len(strength) == 3 and set(strength["kind"]) == {"fact"}
    assert (strength["side"] == "yes").sum() == 1 and strength.loc[strength["side"] == "yes", "claim_id"].item() == "mi_putin_programme"
    russia = mine[mine["pid"] == "russia"]
    assert sorted(russia["kind"]) == ["fact", "judgement"] and set(russia["side"]) == {"no"}
    rest = mine[mine["pid"].isin(["help", "unity", "last"])]
    assert len(rest) == 3 and rest["pid"].nunique() == 3 and set(rest["side"]) == {"no"}
    assert nb.says("Mitchell supplies 8 cards and speaks to all five questions. Three are on military strength, all facts")
    assert nb.says("one fact and one judgement, both \"no\"; on aid to members, unity and \"will it last\" one card each")


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
    assert strength.to_dict() == {"stratfor2017": 3, "evstratov2022": 1, "mitchell2026": 3, "afp2022": 0}
    assert strength.sum() == 7
    assert quiz.answer("ex06_no_strength_cards") == labels.source_names()["afp2022"] == "AFP 2022"
    assert nb.says("AFP supplies none of the 7 cards on military strength; Stratfor and Mitchell supply 3 each and Evstratov 1")


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
    assert nb.says(f"(`{claim_id}`)")


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
    assert data.source_says("evstratov2022", "proceeds quite actively in the internationally recognized territory of Armenia")
    assert nb.says("the fighting is also on Armenia's recognised territory")


def test_exercise_checks_have_one_right_choice_and_say_why():
    options = quiz.options("ex06_no_strength_cards")
    assert sum(o.right for o in options) == 1
    assert all(o.why for o in options)
    assert quiz.check("ex06_no_strength_cards", "Mitchell 2026").startswith("Not quite")
    assert quiz.check("ex06_mitchell_pieces", 3).startswith("Not quite: 3 is his share on military strength")
    assert exercises.MITCHELL == "mitchell2026"


# ---- the self-check ----------------------------------------------------------------------------------------------------

def test_the_course_wide_quiz_has_sixteen_questions(nb):
    assert len(quiz.question_ids("06")) == 16 == len(quiz.questions("06"))
    assert nb.says("Sixteen questions across notebooks 01–05")
    assert nb.says("**Quiz**: sixteen questions from notebooks 01–05")


def _starter_model_answers(nb) -> dict:
    starter = next(c for c in nb.cells if c.cell_type == "code" and "student" in c.metadata.get("tags", [])
                   and "quiz.check_all" in c.source)
    tree = ast.parse(starter.metadata["csto"]["model_answer"])
    assign = next(node for node in tree.body if isinstance(node, ast.Assign))
    return ast.literal_eval(assign.value)


def test_the_self_check_model_answer_is_the_quiz_key(nb):
    model = _starter_model_answers(nb)
    assert list(model) == quiz.question_ids("06")
    for qid, given in model.items():
        assert given == quiz.answer(qid), qid
        assert quiz.check(qid, given).startswith("Right"), qid


def test_the_quiz_notes_name_the_stumbling_points(nb):
    assert quiz.answer("q07_who_asked_kazakhstan") == "None of them"
    assert quiz.answer("q11_special_operation") == "Evstratov 2022"
    uses = source_criticism.term_in_context("special military operation", "mitchell2026")
    assert len(uses) == 1 and uses["in a quotation"].all()
    assert _quote("q_mitchell2026_putin_capabilities_not_great")["words"].count("special military operation") == 1
    assert nb.says("q07 (none of the course sources names who asked for the")
    assert nb.says('q11 (Mitchell prints "special military operation" only inside a')
