"""Which automatic backups to keep: thinned the way Anki thins its collection backups.

Newest first: the last 10 are always kept; older ones are kept one per calendar day for 12
days, then one per ISO week for 10 weeks, then one per month for 9 months, each time the
newest backup of that day, week or month. Everything else may go. About 41 files cover a
year and a half.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    recent: int = 10
    daily: int = 12
    weekly: int = 10
    monthly: int = 9


def backups_to_keep(taken: Iterable[dt.datetime], limits: Limits = Limits()) -> set[dt.datetime]:
    """The backups to keep among those `taken` (their times); the rest may be deleted."""
    ordered = sorted(set(taken), reverse=True)
    keep = set(ordered[: limits.recent])
    # Walk back in time: first whole days, then weeks, then months, each only when that day,
    # week or month has no kept backup yet; a period's newest backup is the one kept.
    periods: list[tuple[int, Callable[[dt.datetime], object]]] = [
        (limits.daily, lambda t: t.date()),
        (limits.weekly, lambda t: tuple(t.isocalendar()[:2])),
        (limits.monthly, lambda t: (t.year, t.month)),
    ]
    older = iter(ordered[limits.recent :])
    for places, period_of in periods:
        covered = {period_of(t) for t in keep}
        while places > 0:
            moment = next(older, None)
            if moment is None:
                return keep
            if period_of(moment) not in covered:
                keep.add(moment)
                covered.add(period_of(moment))
                places -= 1
    return keep
