"""Counts and exports for coordinators: the report's tables and chart, as CSV, XLSX and PDF.

No Qt here. openpyxl and reportlab load only when an export or the chart is made, so the CLI
and the app start fast.
"""

from __future__ import annotations

from pathlib import Path

from dxhelper.reports.build import build_report
from dxhelper.reports.model import (
    ChartData,
    Report,
    ReportFilter,
    Table,
    month_range,
    parse_month,
)
from dxhelper.store import Store

__all__ = [
    "FORMATS",
    "ChartData",
    "Report",
    "ReportFilter",
    "Table",
    "build_report",
    "chart_svg",
    "default_filename",
    "guess_format",
    "month_range",
    "neutralize",
    "parse_month",
    "venue_choices",
    "volunteer_choices",
    "write_report",
]

FORMATS = ("csv", "xlsx", "pdf")


def write_report(report: Report, path: Path, fmt: str, *, font: str | None = None) -> Path:
    """Write the report as "csv", "xlsx" or "pdf", atomically; DxError if it cannot be saved.

    For "csv", `path` may be a folder (one file per table), a .zip (the same files zipped) or
    a .csv (the older single file with every table in blocks).

    `font` is the font setting (a file or family name) for the PDF; by default the best
    Japanese font found.
    """
    from dxhelper.reports.exports import write_report as write

    return write(report, Path(path), fmt, font=font)


def chart_svg(
    report: Report, *, width: float = 520, height: float = 240, font: str | None = None
) -> bytes:
    """The PDF's chart (the same reportlab definition) rendered to SVG, for the screen.

    Sizes are in points (the SVG's viewBox); QSvgRenderer scales it to any widget size.
    """
    from dxhelper.reports.chart import chart_svg as render

    return render(report, width=width, height=height, font=font)


def guess_format(path: Path | str) -> str | None:
    """ "csv", "xlsx" or "pdf" from a file name's suffix (a .zip holds CSV files), else None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "zip":
        return "csv"
    return suffix if suffix in FORMATS else None


def default_filename(report: Report, fmt: str) -> str:
    """A file name that says what the report covers, e.g. report-2026-04_2027-03.xlsx (CSV
    files come in a zip: report-2026-04_2027-03.zip)."""
    first, last = report.filter.month_labels()[0], report.filter.month_labels()[-1]
    span = first if first == last else f"{first}_{last}"
    return f"report-{span}.{'zip' if fmt == 'csv' else fmt}"


def venue_choices(store: Store) -> list[tuple[str, str]]:
    """(id, label) for a venue filter: one entry per place, however many devices recorded it
    (ReportFilter's venue_id matches every venue row with the same name and municipality)."""
    from dxhelper.store import venue_places

    names = [name for _id, name, _town in venue_places(store)]
    return [
        (vid, f"{name}（{town}）" if town and names.count(name) > 1 else name)
        for vid, name, town in venue_places(store)
    ]


def volunteer_choices(store: Store) -> list[tuple[str, str]]:
    """(id, name) for a volunteer filter: one entry per display name."""
    from dxhelper.store import volunteer_people

    return volunteer_people(store)


def neutralize(text: str) -> str:
    """Text as the CSV writes it: a leading ' when a spreadsheet could read it as a formula."""
    from dxhelper.reports.exports import neutralize as quote

    return quote(text)
