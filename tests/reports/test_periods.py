"""Issue 17 §4: the quick periods (今月, 先月, 今年度, 前年度) around April and January."""

from __future__ import annotations

import datetime as dt

import pytest

from dxhelper.core.errors import DxError
from dxhelper.reports.model import PERIODS, ReportFilter, fiscal_year_of, period_range

D = dt.date


@pytest.mark.parametrize(
    ("today", "period", "expected"),
    [
        # January: last month is December of the year before; the fiscal year began in April.
        (D(2027, 1, 15), "this-month", (D(2027, 1, 1), D(2027, 1, 1))),
        (D(2027, 1, 15), "last-month", (D(2026, 12, 1), D(2026, 12, 1))),
        (D(2027, 1, 15), "this-fiscal-year", (D(2026, 4, 1), D(2027, 1, 1))),
        (D(2027, 1, 15), "last-fiscal-year", (D(2025, 4, 1), D(2026, 3, 1))),
        # March 31 is still the old fiscal year; April 1 starts the new one.
        (D(2027, 3, 31), "this-fiscal-year", (D(2026, 4, 1), D(2027, 3, 1))),
        (D(2027, 3, 31), "last-fiscal-year", (D(2025, 4, 1), D(2026, 3, 1))),
        (D(2027, 4, 1), "this-fiscal-year", (D(2027, 4, 1), D(2027, 4, 1))),
        (D(2027, 4, 1), "last-fiscal-year", (D(2026, 4, 1), D(2027, 3, 1))),
        (D(2027, 4, 1), "last-month", (D(2027, 3, 1), D(2027, 3, 1))),
        (D(2026, 12, 1), "this-fiscal-year", (D(2026, 4, 1), D(2026, 12, 1))),
    ],
)
def test_quick_periods_give_the_right_months(today, period, expected):
    assert period_range(period, today) == expected
    ReportFilter(*expected)  # every one is a valid report period


def test_the_fiscal_year_turns_on_april_the_first():
    assert fiscal_year_of(D(2027, 3, 31)) == 2026
    assert fiscal_year_of(D(2027, 4, 1)) == 2027
    assert fiscal_year_of(D(2027, 1, 1)) == 2026


def test_last_fiscal_year_is_twelve_whole_months_on_every_day_of_a_year():
    day = D(2026, 1, 1)
    while day.year == 2026:
        first, last = period_range("last-fiscal-year", day)
        assert ReportFilter(first, last).months == 12 and first.month == 4
        assert ReportFilter(*period_range("this-fiscal-year", day)).last == day.replace(day=1)
        day += dt.timedelta(days=1)
    assert len(PERIODS) == 4


def test_an_unknown_period_is_refused_in_both_languages():
    with pytest.raises(DxError) as caught:
        period_range("next-year", D(2026, 12, 1))
    assert "next-year" in caught.value.ja and "this-fiscal-year" in caught.value.en
