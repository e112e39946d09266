"""The report as files: CSV and XLSX for spreadsheets, a PDF summary to hand in.

The CSV is one file per table (a single file holding tables of different widths breaks a
spreadsheet's import), in a zip or in a folder, plus a conditions file with the title, period,
filters and the tables' notes. A target named *.csv still gets the older single file with every
table in blocks, which the Reports screen's save dialog writes until it offers the zip.

Both spreadsheet formats are written so that Japanese Excel opens them cleanly (UTF-8 with a
BOM, CRLF) and so that no cell can run as a formula: a text cell that a spreadsheet would read
as one (it starts with = + - @, a tab, CR or LF, or a full-width ＝＋－＠) gets a leading ' in
the CSV and is stored as a plain string in the XLSX. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path

import dxhelper.reports.texts as texts
from dxhelper.core.errors import DxError
from dxhelper.core.files import write_atomically
from dxhelper.reports.model import Report, Table

FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")


def is_formula_like(text: str) -> bool:
    return bool(text) and text[0] in FORMULA_STARTS


def neutralize(text: str) -> str:
    """A leading ' keeps a spreadsheet from reading the text as a formula (OWASP's advice)."""
    return "'" + text if is_formula_like(text) else text


def cell_text(value: object, kind: str) -> str:
    """A cell as the CSV writes it."""
    if value is None:
        return ""
    if kind == "int":
        return str(int(value))  # type: ignore[call-overload]
    if kind == "num" and isinstance(value, int | float):
        return str(value)
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind == "month":
        return str(value)
    return neutralize(str(value))


def _preamble(report: Report) -> list[str]:
    lines = [report.full_title, *report.filter_lines]
    if report.municipality:
        lines.append(texts.labelled("municipality", report.municipality, report.lang))
    if report.created:
        lines.append(
            texts.labelled("created", texts.date_text(report.created, report.lang), report.lang)
        )
    return lines


# -- CSV ---------------------------------------------------------------------------------------


def csv_bytes(report: Report) -> bytes:
    """Every table in one file: the title and filters first, then per table a title row, the
    column heads and the rows, with a blank row between blocks. UTF-8 with BOM, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in _preamble(report):
        writer.writerow([neutralize(line)])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([neutralize(table.title)])
        writer.writerow([neutralize(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([cell_text(v, k) for v, k in zip(row, table.kinds, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def table_csv_bytes(table: Table) -> bytes:
    """One table as a plain CSV: the column heads, then the rows (total rows last)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralize(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([cell_text(v, k) for v, k in zip(row, table.kinds, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def conditions_csv_bytes(report: Report) -> bytes:
    """The title, filters and date, then each table's file, title and note."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in _preamble(report):
        writer.writerow([neutralize(line)])
    writer.writerow([])
    for name, table in zip(csv_names(report)[1:], report.tables, strict=True):
        writer.writerow([name, neutralize(table.title), neutralize(table.note)])
    return buffer.getvalue().encode("utf-8-sig")


def csv_names(report: Report) -> list[str]:
    """File names in the zip or folder: ASCII, numbered in the report's order (Windows'
    built-in zip tool garbles non-ASCII names in some versions)."""
    return ["00_conditions.csv"] + [
        f"{i:02d}_{table.key}.csv" for i, table in enumerate(report.tables, start=1)
    ]


def csv_files(report: Report) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every CSV: the conditions first, then one per table."""
    data = [conditions_csv_bytes(report), *(table_csv_bytes(t) for t in report.tables)]
    return list(zip(csv_names(report), data, strict=True))


def csv_zip_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_files(report):
            archive.writestr(name, data)
    return buffer.getvalue()


def read_csv_blocks(data: bytes) -> list[list[list[str]]]:
    """The CSV back as blocks of rows split at blank rows (for tests and checks).

    The first block is the title and filter lines; each next block is one table: its title
    row, its column heads, then its rows.
    """
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    blocks: list[list[list[str]]] = [[]]
    for row in rows:
        if not row:
            blocks.append([])
        else:
            blocks[-1].append(row)
    return blocks


# -- XLSX --------------------------------------------------------------------------------------

MAX_WIDTH = 60  # characters: longer text wraps in Excel rather than making a huge column
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def display_width(text: str) -> int:
    """Width in Excel's character units: full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (≤ 31 characters, none of []:*?/\\), unique in the book."""
    base = title.translate(_BAD_SHEET_CHARS).strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


SESSIONS_TABLE = "Sessions"  # the 開催一覧's Excel table name (ASCII: Excel's rule for names)


def xlsx_bytes(report: Report) -> bytes:
    """One sheet per table (bold, frozen header; fitted widths; numbers and dates typed; the
    total rows bold; the note under the table), then a last sheet with the title, period,
    filters and municipality. The 開催一覧 is an Excel table, so it can be filtered and sorted;
    its total row sits just below it (a filter does not change it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as SheetTable
    from openpyxl.worksheet.table import TableStyleInfo

    book = Workbook()
    book.remove(book.active)
    book.properties.title = report.full_title
    book.properties.subject = report.filter_lines[0] if report.filter_lines else ""
    book.properties.creator = "dxhelper"
    bold = Font(bold=True)
    muted = Font(italic=True, color="555555")
    taken: set[str] = set()
    header_text = f"{report.full_title}  {report.filter_lines[0] if report.filter_lines else ''}"
    for table in report.tables:
        sheet = book.create_sheet(sheet_title(table.title, taken))
        widths = [display_width(c) for c in table.columns]
        for col, title in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=col)
            _set_text(cell, title)
            cell.font = bold
            cell.alignment = Alignment(vertical="center")
        first_total = 2 + len(table.rows) - table.totals
        for r, row in enumerate(table.rows, start=2):
            for col, (value, kind) in enumerate(zip(row, table.kinds, strict=True), start=1):
                cell = sheet.cell(row=r, column=col)
                widths[col - 1] = max(widths[col - 1], _set_value(cell, value, kind))
                if r >= first_total:
                    cell.font = bold
        last_col = get_column_letter(len(table.columns))
        body_end = first_total - 1
        sheet.freeze_panes = "A2"
        if table.key == "sessions" and body_end >= 2:
            grid = SheetTable(displayName=SESSIONS_TABLE, ref=f"A1:{last_col}{body_end}")
            grid.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
            sheet.add_table(grid)
        elif body_end >= 2:
            sheet.auto_filter.ref = f"A1:{last_col}{body_end}"  # not over the total rows
        if table.note:
            cell = sheet.cell(row=len(table.rows) + 3, column=1)
            _set_text(cell, table.note)
            cell.font = muted
        for col, width in enumerate(widths, start=1):
            # +2 for the filter button and a little air
            sheet.column_dimensions[get_column_letter(col)].width = min(width + 3, MAX_WIDTH)
        sheet.oddHeader.center.text = _header_safe(header_text)
        sheet.page_setup.orientation = "landscape" if len(table.columns) > 5 else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
    about = book.create_sheet(sheet_title(texts.text("about_sheet", report.lang), taken))
    lines = _preamble(report)
    for r, line in enumerate(lines, start=1):
        cell = about.cell(row=r, column=1)
        _set_text(cell, line)
        if r == 1:
            cell.font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = min(max(map(display_width, lines)) + 2, 100)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header_safe(text: str) -> str:
    # & starts a code in Excel's page headers.
    return text.replace("&", "&&")


def _clean(text: str) -> str:
    """Drop the control characters XML cannot hold (openpyxl would refuse the whole book)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _set_text(cell, text: str) -> int:
    """Store text as a string, never a formula: openpyxl makes any text starting with = a
    formula unless the type is forced back to 's'."""
    text = _clean(text)
    cell.value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    return display_width(text)


def _set_value(cell, value: object, kind: str) -> int:
    if value is None:
        return 0
    if kind == "int":
        cell.value = int(value)  # type: ignore[call-overload]
        cell.number_format = "#,##0"
        return len(f"{int(value):,}")  # type: ignore[call-overload]
    if kind == "num" and isinstance(value, int | float):
        cell.value = value
        cell.number_format = "#,##0" if isinstance(value, int) else "#,##0.0#"
        return len(f"{value:,}")
    if kind == "date" and isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
        return 10
    return _set_text(cell, str(value))


# -- files -------------------------------------------------------------------------------------


def write_report(report: Report, path: Path, fmt: str, *, font: str | None = None) -> Path:
    """Write the report; for "csv", `path` is a folder (one file per table in it), a .zip, or
    a .csv (the older single file). Returns what was written."""
    fmt = (fmt or "").lower().lstrip(".")
    if fmt == "csv":
        if path.is_dir():
            return write_csv_folder(report, path)
        data = csv_bytes(report) if path.suffix.lower() == ".csv" else csv_zip_bytes(report)
    elif fmt == "xlsx":
        data = xlsx_bytes(report)
    elif fmt == "pdf":
        from dxhelper.reports.pdf import report_pdf

        data = report_pdf(report, font=font).data
    else:
        raise DxError(
            f"書き出し形式は csv・xlsx・pdf のどれかです（{fmt or '指定なし'}）。",
            f"The format must be csv, xlsx or pdf (got {fmt or 'nothing'}).",
        )
    return write_atomic(data, Path(path))


def write_csv_folder(report: Report, folder: Path) -> Path:
    """One CSV per table into an existing folder (each written atomically); returns the folder."""
    for name, data in csv_files(report):
        write_atomic(data, folder / name)
    return folder


def write_atomic(data: bytes, target: Path) -> Path:
    """Atomic: a full disk or a locked file never leaves half a report."""
    return write_atomically(data, target, unwritable)


def unwritable(target: Path, exc: OSError) -> DxError:
    reason = exc.strerror or str(exc)
    return DxError(
        f"集計表を保存できません（{target}）：保存先のフォルダーがあるか、書き込めるか、"
        f"ほかのプログラムで開いていないか、空き容量があるかを確かめてください。（{reason}）",
        f"Cannot save the report ({target}): check that the folder exists and is writable, "
        f"that the file is not open in another program, and that there is free space. ({reason})",
    )
