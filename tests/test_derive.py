"""The membership status rule (csto/data/derive.py): spans stay open, and a paused participation is still membership."""

from __future__ import annotations

from datetime import date

from csto.data.derive import Change, status_on

JOINED = Change("ARM", date(1992, 1, 1), date(1994, 12, 31), "member", False)
PAUSED = Change("ARM", date(2022, 11, 1), date(2026, 1, 23), "participation suspended", False)
LEFT = Change("GEO", date(1992, 1, 1), date(1999, 12, 31), "former member", False)


def test_a_day_inside_the_span_of_joining_is_uncertain():
    assert status_on(date(1993, 6, 1), [JOINED])[0] == "uncertain"
    assert status_on(date(1994, 12, 31), [JOINED])[0] == "member", "on the span's last day the change has happened"


def test_a_state_stays_a_member_inside_the_span_of_a_suspended_participation():
    assert status_on(date(2024, 12, 31), [JOINED, PAUSED])[0] == "member"
    assert status_on(date(2026, 1, 23), [JOINED, PAUSED])[0] == "participation suspended"


def test_a_day_inside_the_span_of_leaving_is_uncertain():
    joined = Change("GEO", date(1992, 1, 1), date(1994, 12, 31), "member", False)
    assert status_on(date(1996, 12, 31), [joined, LEFT])[0] == "uncertain"
    assert status_on(date(1991, 12, 31), [joined, LEFT])[0] == "not a member"
