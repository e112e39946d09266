"""The report as plain data: the filter that chose it, its tables and its chart's numbers.

The Reports screen, the CSV, the XLSX and the PDF all read these same objects, so the figures
on screen and in every export are the same numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dxhelper.core.errors import DxError
from dxhelper.core.models import SessionKind

MAX_MONTHS = 120  # ten years: longer is almost certainly a typo in a year
TABLE_KEYS = (
    "summary",
    "sessions",
    "by_volunteer",
    "by_month",
    "by_month_age",
    "by_age_band",
    "by_course",
    "by_course_category",
    "by_lesson",
    "by_venue",
    "needs_help",
    "topics",
    "outcomes",
)
# "num" holds an int or a float (hours: whole hours as int, else rounded to 0.01).
COLUMN_KINDS = ("text", "int", "num", "date", "month")
_MONTH = re.compile(r"^\s*(\d{4})[-/](\d{1,2})\s*$")


def months_between(first: dt.date, last: dt.date) -> int:
    """How many months `first`…`last` covers, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _order_error() -> DxError:
    return DxError(
        "期間の終わりの月が始まりの月より前になっています。",
        "The period ends before it starts: the last month is earlier than the first.",
    )


def _length_error(months: int) -> DxError:
    return DxError(
        f"期間が長すぎます（{months}か月）。集計できるのは10年（120か月）までです。",
        f"The period is too long ({months} months): a report covers at most 10 years (120 months).",
    )


@dataclass(frozen=True)
class ReportFilter:
    """Which sessions a report counts: whole months, and optionally one venue, volunteer, kind.

    `first` and `last` are the first days of the first and last months (inclusive); any other
    day is moved to the first of its month.
    """

    first: dt.date
    last: dt.date
    venue_id: str | None = None
    volunteer_id: str | None = None
    kind: SessionKind | None = None

    def __post_init__(self) -> None:
        for name in ("first", "last"):
            value = getattr(self, name)
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise DxError(
                    "期間の月が正しくありません。", "The period's months are not valid dates."
                )
            object.__setattr__(self, name, value.replace(day=1))
        if self.last < self.first:
            raise _order_error()
        months = months_between(self.first, self.last)
        if months > MAX_MONTHS:
            raise _length_error(months)
        if self.kind is not None:
            try:
                object.__setattr__(self, "kind", SessionKind(self.kind))
            except ValueError:
                raise DxError(
                    f"セッションの種類が正しくありません: {self.kind}",
                    f"Unknown session kind: {self.kind}",
                ) from None
        # An empty choice in a form means "all".
        for name in ("venue_id", "volunteer_id"):
            if not getattr(self, name):
                object.__setattr__(self, name, None)

    @property
    def months(self) -> int:
        return months_between(self.first, self.last)

    def month_labels(self) -> tuple[str, ...]:
        """ "YYYY-MM" for every month of the period."""
        labels = []
        year, month = self.first.year, self.first.month
        for _ in range(self.months):
            labels.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(labels)


def parse_month(text: str) -> dt.date:
    """ "2026-04" (or "2026/4") → 2026-04-01, with a clear error for anything else."""
    match = _MONTH.match(text or "")
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1900 <= year <= 9999:
            return dt.date(year, month, 1)
    raise DxError(
        f"月は「2026-04」の形で指定してください: {text!r}",
        f"Give the month as YYYY-MM, e.g. 2026-04: {text!r}",
    )


def month_range(first: str, last: str) -> tuple[dt.date, dt.date]:
    """Parse a period given as two months ("2026-04", "2027-03") into their first days."""
    start, end = parse_month(first), parse_month(last)
    if end < start:
        raise _order_error()
    months = months_between(start, end)
    if months > MAX_MONTHS:
        raise _length_error(months)
    return start, end


# Quick periods (issue 17 §4). Japanese fiscal years (年度) run April to March.
PERIODS = ("this-month", "last-month", "this-fiscal-year", "last-fiscal-year")
PERIOD_LABELS = {
    "this-month": ("今月", "This month"),
    "last-month": ("先月", "Last month"),
    "this-fiscal-year": ("今年度", "This fiscal year"),
    "last-fiscal-year": ("前年度", "Last fiscal year"),
}


def fiscal_year_of(day: dt.date) -> int:
    """The fiscal year (年度) a day falls in: 2027-03-31 is in 2026年度, 2027-04-01 in 2027."""
    return day.year if day.month >= 4 else day.year - 1


def period_range(period: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first days of the first and last months of a quick period, seen from `today`.

    This fiscal year runs from April to the current month (the months to come have nothing
    to count yet); last fiscal year is April to March, whole."""
    this_month = today.replace(day=1)
    if period == "this-month":
        return this_month, this_month
    if period == "last-month":
        last = (this_month - dt.timedelta(days=1)).replace(day=1)
        return last, last
    year = fiscal_year_of(today)
    if period == "this-fiscal-year":
        return dt.date(year, 4, 1), this_month
    if period == "last-fiscal-year":
        return dt.date(year - 1, 4, 1), dt.date(year, 3, 1)
    names = ", ".join(PERIODS)
    raise DxError(
        f"期間の指定が正しくありません: {period}（使えるもの: {names}）",
        f"Unknown period: {period} (use one of: {names})",
    )


@dataclass(frozen=True)
class Table:
    """One table of the report, ready to show or export.

    Ints are ints, months "YYYY-MM" strings and dates `dt.date`; `kinds` says which per column.
    The last `totals` rows are total rows (their first cell says 合計 / Total, whatever the
    column's kind); `note` says how the table counts, shown under it everywhere.
    """

    key: str
    title: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple, ...]
    note: str = ""
    totals: int = 0

    @property
    def body(self) -> tuple[tuple, ...]:
        """The rows without the total rows."""
        return self.rows[: len(self.rows) - self.totals]

    def __post_init__(self) -> None:
        if len(self.columns) != len(self.kinds) or not set(self.kinds) <= set(COLUMN_KINDS):
            raise ValueError(f"table {self.key}: columns and kinds do not match")


@dataclass(frozen=True)
class ChartData:
    """Attendances per month, one series per lesson category (stacked, they make the total)."""

    months: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(
            sum(values[i] for _label, values in self.series) for i in range(len(self.months))
        )


@dataclass(frozen=True)
class Report:
    filter: ReportFilter
    lang: str
    title: str
    filter_lines: tuple[str, ...]
    tables: tuple[Table, ...]
    chart: ChartData
    chart_note: str = ""  # how the chart counts, printed under it
    created: dt.date | None = None
    municipality: str = ""  # the installation's, for the PDF's title

    @property
    def full_title(self) -> str:
        """The title with the municipality in front, as the PDF and XLSX show it."""
        return f"{self.municipality}　{self.title}" if self.municipality else self.title

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def figure(self, key: str) -> int:
        """One figure of the summary table by its key (e.g. "sessions", "attendances")."""
        from dxhelper.reports.texts import SUMMARY_KEYS

        return self.table("summary").rows[SUMMARY_KEYS.index(key)][1]


def hours(minutes: int | None) -> int | float:
    """Minutes as hours: whole hours stay ints (so they read back alike from every format),
    others are rounded to 0.01."""
    minutes = minutes or 0
    if minutes % 60 == 0:
        return minutes // 60
    return round(minutes / 60, 2)
