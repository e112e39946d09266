"""Backup thinning over a simulated year and a half keeps exactly the promised set."""

from __future__ import annotations

import datetime as dt

from dxhelper.store.rotation import Limits, backups_to_keep

START = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)


def test_a_year_of_backups_thins_to_recent_daily_weekly_monthly():
    # Two backups a day (start and close of the app) for 540 days.
    taken = [START + dt.timedelta(days=d, hours=h) for d in range(540) for h in (0, 8)]
    keep = backups_to_keep(taken)
    newest_first = sorted(keep, reverse=True)
    # The 10 newest backups, whatever their days.
    assert newest_first[:10] == sorted(taken, reverse=True)[:10]
    recent_days = {t.date() for t in newest_first[:10]}
    assert len(recent_days) == 5  # two a day
    # Then 12 more days, each by its newest backup (the one taken at close, 17:00).
    daily = newest_first[10:22]
    assert len({t.date() for t in daily}) == 12 and all(t.hour == 17 for t in daily)
    assert not {t.date() for t in daily} & recent_days
    last_day = min(t.date() for t in newest_first[:22])
    assert [t.date() for t in daily] == [last_day + dt.timedelta(days=11 - i) for i in range(12)]
    # Then 10 weeks not yet covered, then 9 months not yet covered.
    weekly = newest_first[22:32]
    weeks = [tuple(t.isocalendar()[:2]) for t in weekly]
    assert len(set(weeks)) == 10
    assert all(w not in {tuple(t.isocalendar()[:2]) for t in newest_first[:22]} for w in weeks)
    monthly = newest_first[32:]
    assert len(monthly) == 9
    months = [(t.year, t.month) for t in monthly]
    assert len(set(months)) == 9
    assert all(m not in {(t.year, t.month) for t in newest_first[:32]} for m in months)
    assert len(keep) == 10 + 12 + 10 + 9


def test_few_backups_are_all_kept_and_limits_are_respected():
    taken = [START + dt.timedelta(hours=h) for h in range(5)]
    assert backups_to_keep(taken) == set(taken)
    many_same_day = [START + dt.timedelta(minutes=m) for m in range(50)]
    assert len(backups_to_keep(many_same_day)) == 10  # one day: only the recent ten
    small = Limits(recent=1, daily=1, weekly=1, monthly=1)
    year = [START + dt.timedelta(days=d) for d in range(365)]
    kept = sorted(backups_to_keep(year, small), reverse=True)
    assert [t.date() for t in kept[:2]] == [year[-1].date(), year[-2].date()]
    assert len(kept) == 4
