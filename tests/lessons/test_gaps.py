"""csto.gaps: the window filter, background arithmetic and the gap table behind notebook 03."""

from __future__ import annotations

import pandas as pd
import pytest

from csto import data, show as display
from csto.data import views as tables
from csto.lessons import gaps


def _rows(spans):
    return pd.DataFrame({"title": [f"r{i}" for i in range(len(spans))],
                         "start": [pd.Timestamp(a) for a, _ in spans], "end": [pd.Timestamp(b) for _, b in spans]})


def test_within_keeps_only_rows_whose_whole_span_fits():
    rows = _rows(
        [
            ("2022-01-06", "2022-01-06"),
            ("2022-01-01", "2022-12-31"),
            ("2021-12-30", "2022-01-02"),
            ("2022-02-01", "2022-02-28"),
        ]
    )
    kept = gaps.within(rows, "2022-01-01", "2022-02-28")
    assert list(kept["title"]) == ["r0", "r3"]


def test_within_on_the_data_keeps_the_kazakhstan_window_and_drops_year_rows():
    window = gaps.within(tables.dated_rows(), "2022-01-01", "2022-02-28")
    assert (window["when"] != "2022").all()
    events = data.load("events")
    january = events[
        (events["origin"] == "context") & (events["start"] >= "2022-01-01") & (events["end"] <= "2022-02-28")
    ]
    assert (window["origin"] == "context").sum() == len(january) >= 5
    assert {"Evstratov 2022", "Mitchell 2026"} <= set(window["source"])


def test_days_to_counts_from_the_end_of_a_period_and_labels_background():
    table = gaps.days_to(
        "ev_2022_02_24_invasion_context", ["ev_2022_01_06_first_troops_context", "ev_2022_01_13_kaz_withdrawal_context"]
    )
    assert list(table["days"]) == [49, 36]  # 6 Jan -> 24 Feb; 19 Jan (end of withdrawal) -> 24 Feb
    assert list(table["months"]) == [1.6, 1.2]
    assert table["basis"].str.startswith("background arithmetic").all()


def test_days_to_names_the_day_it_counts_from_and_months_read_as_one_decimal():
    table = gaps.days_to(
        "ev_2022_02_24_invasion_context", ["ev_2022_01_06_first_troops_context", "ev_2022_01_13_kaz_withdrawal_context"]
    )
    assert list(table["counted_from"]) == ["6 Jan 2022", "19 Jan 2022 (last day of 13 Jan 2022–19 Jan 2022)"]
    assert (
        "to be completed by"
        in data.load("events").set_index("event_id").loc["ev_2022_01_13_kaz_withdrawal_context", "date_note"]
    )
    assert display.readable_number(table.loc[0, "months"]) == "1.6"


def test_days_to_marks_rows_that_use_a_source_date():
    table = gaps.days_to("ev_2022_02_24_invasion_context", ["ev_2022_01_kaz_mission"])
    assert table.loc[0, "basis"] == "uses a course source's date"
    assert table.loc[0, "days"] == 24  # end of January 2022 -> 24 Feb


def test_days_to_rejects_unknown_events():
    with pytest.raises(KeyError):
        gaps.days_to("ev_2022_02_24_invasion_context", ["no_such_event"])


def test_crisis_gaps_reads_the_gaps_from_the_data():
    kaz = gaps.crisis_gaps("kaz_2022").set_index("question")
    assert kaz.loc["Who asked for help?", "our sources"] == "not stated"
    assert "Tokayev" in kaz.loc["Who asked for help?", "other reports (cited)"]
    troops = kaz.loc["How many troops?", "other reports (cited)"]
    assert troops == "over 2,000 / 2,030", "two outlets' figures side by side"
    # each source with its own precision: Mitchell gives a month, Evstratov a season ("the winter of 2022")
    assert kaz.loc["On which days did it happen?", "our sources"] == (
        "no day given: a month (Mitchell 2026) or a period (Evstratov 2022)")


def test_crisis_gaps_lists_only_days_and_the_members_that_sent_troops():
    kaz = gaps.crisis_gaps("kaz_2022").set_index("question")
    days = kaz.loc["On which days did it happen?", "other reports (cited)"].split("; ")
    assert days[0] == "2 Jan 2022" and days[-1] == "19 Jan 2022", "from the first protests to the completed withdrawal"
    assert {"5 Jan 2022", "6 Jan 2022", "13 Jan 2022–19 Jan 2022"} <= set(days)
    assert kaz.loc["Which members sent troops?", "our sources"] == "not named"
    senders = kaz.loc["Which members sent troops?", "other reports (cited)"]
    assert senders == ("Russia, Armenia (100), Tajikistan (~200), "
                       "Kyrgyzstan (~150), Belarus")


def test_crisis_gaps_takes_troop_figures_from_the_crisis_dates_only():
    # the Kyrgyz contingent sent to Kazakhstan in 2022 is not a troop figure for the Kyrgyz crisis of 2010
    kgz = gaps.crisis_gaps("kgz_2010").set_index("question")
    assert kgz.loc["How many troops?", "other reports (cited)"] == "—"


def test_crisis_gaps_reports_what_a_source_does_say():
    kgz = gaps.crisis_gaps("kgz_2010").set_index("question")
    assert kgz.loc["Who asked for help?", "our sources"].startswith("Kyrgyzstan")
    assert kgz.loc["On which days did it happen?", "our sources"] == "no day given: a year (Stratfor 2017)"
    with pytest.raises(KeyError):
        gaps.crisis_gaps("nowhere_1900")


def test_readable_keeps_long_cells_whole_and_hides_the_index():
    long = "Background (not from course sources): " + "x" * 120
    html = display.table(pd.DataFrame({"source": [long]})).to_html()
    assert long in html and ">0<" not in html


def test_crisis_gaps_reads_the_bloc_s_stated_reason_and_lists_each_day_once_in_date_order():
    kaz = gaps.crisis_gaps("kaz_2022").set_index("question")
    events = data.load("events")
    decisions = events[(events["crisis_id"] == "kaz_2022") & (events["origin"] == "context")
                       & (events["kind"] == "response")]
    reason = kaz.loc["What reason did the bloc give?", "other reports (cited)"]
    assert len(decisions) and all(title in reason for title in decisions["title"]), reason
    days = kaz.loc["On which days did it happen?", "other reports (cited)"].split("; ")
    assert len(days) == len(set(days)), days
    starts = [pd.Timestamp(" ".join(d.split("–")[0].split()[:3])) for d in days]
    assert starts == sorted(starts), days
    assert list(kaz.reset_index().columns) == ["question", "our sources", "other reports (cited)"]


def test_crisis_gaps_says_how_precise_our_sources_dates_are_in_words_not_codebook_terms():
    for crisis_id in data.load("crises")["crisis_id"]:
        table = gaps.crisis_gaps(crisis_id)
        text = " ".join(table.astype(str).to_numpy().ravel())
        assert "finest date" not in text and "precision" not in text, (crisis_id, text)


def test_crisis_gaps_answers_what_it_cost_with_every_death_count_of_the_crisis_and_its_date():
    kaz = gaps.crisis_gaps("kaz_2022").set_index("question")
    figures = data.load("figures")
    deaths = figures[(figures["metric"] == "deaths") & (figures["iso3"] == "KAZ")
                     & (figures["start"].dt.year == 2022) & (figures["start"].dt.month == 1)]
    cost = kaz.loc["What did it cost in lives?"]
    assert cost["our sources"] == "not stated"
    assert len(deaths) >= 2 and all(str(v) in cost["other reports (cited)"] for v in deaths["value_text"]), cost
    assert cost["other reports (cited)"].index("164") < cost["other reports (cited)"].index("225"), "in date order"
    assert cost["other reports (cited)"].endswith("230 (14 Mar 2022)"), "the count as it now stands comes last"
    # two sides' counts say whose dead they count
    both = gaps.crisis_gaps("kgz_tjk_2022").set_index("question").loc["What did it cost in lives?"]
    assert "Kyrgyzstan" in both["other reports (cited)"] and "Tajikistan" in both["other reports (cited)"]


def test_crisis_gaps_never_shows_a_withdrawn_or_revised_toll_as_if_it_stood():
    """Review 7, M2: a count the record marks withdrawn or revised says so beside its date, and a revision dated after
    the crisis (Kazakhstan's 230 of 14 March 2022) is shown beside the count it replaces."""
    figures = data.load("figures")
    for crisis_id in data.load("crises")["crisis_id"]:
        table = gaps.crisis_gaps(crisis_id).set_index("question")
        cost = table.loc["What did it cost in lives?", "other reports (cited)"]
        for count in cost.split(" / "):
            value = count.split(" (")[0]
            marked = figures[(figures["metric"] == "deaths") & (figures["value_text"] == value)
                             & figures["status"].notna()]
            for status in marked["status"]:
                assert gaps.STATUS_WORDS[status] in count, (crisis_id, count)
    revised = figures[figures["status"] == "revised"]
    assert len(revised), "the record marks at least one revised toll"
    kaz = gaps.crisis_gaps("kaz_2022").set_index("question").loc["What did it cost in lives?", "other reports (cited)"]
    assert "164 (9 Jan 2022, withdrawn)" in kaz and "225 (15 Jan 2022, later revised)" in kaz, kaz


def test_a_revised_figure_without_a_later_count_is_refused_with_its_row_and_column():
    figures = data.load("figures")
    lonely = figures[figures["figure_id"] == "ctx_kaz_deaths_230"].assign(status="revised")
    with pytest.raises(ValueError, match=r"row ctx_kaz_deaths_230, column status"):
        gaps.with_revisions(lonely)
