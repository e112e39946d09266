"""CSV, XLSX, PDF and SVG: read back with ordinary tools, they hold the Report's numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from dxhelper.core.errors import DxError
from dxhelper.reports import (
    ChartData,
    Report,
    ReportFilter,
    Table,
    build_report,
    chart_svg,
    default_filename,
    guess_format,
    neutralize,
    write_report,
)

YEAR = ReportFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 1))
HOSTILE = [
    '=HYPERLINK("http://x.example/","go")',
    "＠evil",
    "+81 会場",
    "-5 会場",
    "@SUM(A1)",
    "＝１＋１",
    "＋会場",
    "－会場",
]


@pytest.fixture
def report(town, catalogue):
    return build_report(town.store, catalogue, YEAR)


@pytest.fixture
def hostile_report(town, catalogue):
    """Venues whose names a spreadsheet would run as formulas, each with one session."""
    store = town.store
    for index, name in enumerate(HOSTILE):
        venue = store.add_venue(name, "=cmd|' /C calc'!A0").id
        store.start_session(
            venue_id=venue,
            volunteer_id=town.volunteers["aoki"],
            date=dt.date(2026, 3, 1 + index),
            start_time="10:00",
        )
    return build_report(store, catalogue, YEAR)


def csv_value(value, kind: str) -> str:
    """What the CSV must hold for a cell, written independently of the exporter."""
    if value is None:
        return ""
    if kind in ("int", "num") and not isinstance(value, str):
        return str(value)
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if kind in ("text", "date", "month") and value[:1] in (
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
        "\n",
        "＝",
        "＋",
        "－",
        "＠",
    ):
        return "'" + value
    return value


def read_csv(path: Path) -> list[list[list[str]]]:
    """Blocks of rows, split at blank rows."""
    text = path.read_bytes().decode("utf-8-sig")
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text, newline="")):
        if row:
            blocks[-1].append(row)
        else:
            blocks.append([])
    return blocks


# -- CSV ---------------------------------------------------------------------------------------


def read_zip(path: Path) -> dict[str, list[list[str]]]:
    """Every member of a CSV zip, as rows."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline="")))
            for name in archive.namelist()
        }


def test_csv_zip_has_one_file_per_table_equal_to_the_tables(report, tmp_path):
    path = write_report(report, tmp_path / "r.zip", "csv")
    members = read_zip(path)
    names = ["00_conditions.csv"] + [
        f"{i:02d}_{t.key}.csv" for i, t in enumerate(report.tables, start=1)
    ]
    assert list(members) == names
    with zipfile.ZipFile(path) as archive:
        for name in names:
            data = archive.read(name)
            assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    for name, table in zip(names[1:], report.tables, strict=True):
        rows = members[name]
        assert rows[0] == list(table.columns)
        assert all(len(row) == len(table.columns) for row in rows), name  # one width per file
        assert rows[1:] == [
            [csv_value(v, k) for v, k in zip(row, table.kinds, strict=True)] for row in table.rows
        ]
    conditions = members["00_conditions.csv"]
    assert conditions[0] == [report.full_title]
    assert [row[0] for row in conditions[1:5]] == list(report.filter_lines)
    notes = {row[0]: row[2] for row in conditions if len(row) == 3}
    assert "合計より大きく" in notes["08_by_course_category.csv"]


def test_csv_into_a_folder_writes_the_same_files(report, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    assert write_report(report, folder, "csv") == folder
    zipped = read_zip(write_report(report, tmp_path / "r.zip", "csv"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(zipped)
    for name, rows in zipped.items():
        text = (folder / name).read_bytes().decode("utf-8-sig")
        assert list(csv.reader(io.StringIO(text, newline=""))) == rows


def test_csv_is_utf8_with_bom_and_crlf(report, tmp_path):
    path = write_report(report, tmp_path / "r.csv", "csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n") > 20
    assert "中央公民館".encode() in data


def test_csv_reads_back_equal_to_the_tables(report, tmp_path):
    blocks = read_csv(write_report(report, tmp_path / "r.csv", "csv"))
    preamble, tables = blocks[0], blocks[1:]
    assert preamble[0] == [report.full_title]
    assert [line for (line,) in preamble[1:5]] == list(report.filter_lines)
    assert len(tables) == len(report.tables)
    for block, table in zip(tables, report.tables, strict=True):
        assert block[0] == [table.title]
        assert block[1] == list(table.columns)
        expected = [
            [csv_value(v, k) for v, k in zip(row, table.kinds, strict=True)] for row in table.rows
        ]
        assert block[2:] == expected


def test_csv_neutralises_formula_like_text(hostile_report, tmp_path):
    blocks = read_csv(write_report(hostile_report, tmp_path / "r.csv", "csv"))
    venues = next(b for b in blocks[1:] if b[0] == [hostile_report.table("by_venue").title])
    names = {row[0] for row in venues[2:]}
    for name in HOSTILE:
        assert "'" + name in names
    assert all(
        row[1] == "'=cmd|' /C calc'!A0"
        for row in venues[2:]
        if row[0] not in ("中央公民館", "北公民館", "合計")
    )
    zipped = read_zip(write_report(hostile_report, tmp_path / "r.zip", "csv"))
    venues = zipped["10_by_venue.csv"]
    for name in HOSTILE:
        assert "'" + name in {row[0] for row in venues}


def test_negative_numbers_stay_numbers_and_text_is_quoted(tmp_path):
    table = Table(
        key="check",
        title="-check",
        columns=("name", "count", "day", "month"),
        kinds=("text", "int", "date", "month"),
        rows=(
            ("-3", -3, dt.date(2026, 4, 1), "2026-04"),
            ("\tx", 0, dt.date(2026, 5, 2), "2026-05"),
        ),
    )
    report = Report(
        filter=YEAR,
        lang="ja",
        title="t",
        filter_lines=("期間",),
        tables=(table,),
        chart=ChartData(months=YEAR.month_labels(), series=()),
    )
    blocks = read_csv(write_report(report, tmp_path / "n.csv", "csv"))
    assert blocks[1] == [
        ["'-check"],
        ["name", "count", "day", "month"],
        ["'-3", "-3", "2026-04-01", "2026-04"],
        ["'\tx", "0", "2026-05-02", "2026-05"],
    ]
    path = write_report(report, tmp_path / "n.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet["A2"].value == "-3" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -3 and sheet["B2"].data_type == "n"
    assert sheet["A3"].value == "\tx"
    assert neutralize("=1") == "'=1" and neutralize("1=1") == "1=1" and neutralize("") == ""


# -- XLSX --------------------------------------------------------------------------------------


def test_xlsx_reads_back_equal_to_the_tables_with_types(report, tmp_path):
    path = write_report(report, tmp_path / "r.xlsx", "xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[: len(report.tables)] == [t.title for t in report.tables]
    for table in report.tables:
        sheet = book[table.title]
        values = list(sheet.iter_rows(values_only=True))
        assert values[0] == table.columns
        if table.note:
            assert values[len(table.rows) + 2][0] == table.note
            values = values[: len(table.rows) + 1]
        for r in range(len(table.rows) - table.totals + 2, len(table.rows) + 2):
            assert sheet.cell(row=r, column=1).value == "合計" and sheet.cell(r, 1).font.bold
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        got = []
        for row in values[1:]:
            got.append(
                tuple(
                    v.date() if isinstance(v, dt.datetime) and k == "date" else v
                    for v, k in zip(row, table.kinds, strict=True)
                )
            )
        # an empty text cell reads back as None
        assert tuple(got) == tuple(tuple(None if v == "" else v for v in r) for r in table.rows)
        for row in sheet.iter_rows(min_row=2, max_row=len(table.rows) + 1):
            for cell, kind in zip(row, table.kinds, strict=True):
                if cell.value is None or cell.value == "合計":
                    continue
                if kind == "int":
                    assert cell.data_type == "n" and isinstance(cell.value, int)
                elif kind == "num":
                    assert cell.data_type == "n"
                elif kind == "date" and cell.value != "":
                    assert cell.is_date
                elif kind == "text":
                    assert cell.data_type == "s"
        for col, title in enumerate(table.columns, start=1):
            letter = openpyxl.utils.get_column_letter(col)
            assert sheet.column_dimensions[letter].width >= len(title)
    sessions = book[report.table("sessions").title]
    assert list(sessions.tables) == ["Sessions"]  # a filterable Excel table
    assert sessions.tables["Sessions"].ref == f"A1:O{len(report.table('sessions').body) + 1}"
    about = book.worksheets[-1]
    assert about["A1"].value == report.full_title
    assert [c.value for c in about["A"]][1:5] == list(report.filter_lines)


def test_xlsx_writes_formula_like_text_as_strings(hostile_report, tmp_path):
    path = write_report(hostile_report, tmp_path / "h.xlsx", "xlsx")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
    sheet = openpyxl.load_workbook(path)[hostile_report.table("by_venue").title]
    names = {row[0].value: row[0] for row in sheet.iter_rows(min_row=2)}
    for name in HOSTILE:
        assert names[name].data_type == "s"
        assert names[name].value == name  # stored as is, not quote-prefixed text
    counts = [row[2].value for row in sheet.iter_rows(min_row=2) if row[2].value is not None]
    assert counts and all(isinstance(c, int) for c in counts)


# -- PDF ---------------------------------------------------------------------------------------


def test_pdf_embeds_the_font_and_holds_title_and_figures(report, tmp_path):
    path = write_report(report, tmp_path / "r.pdf", "pdf")
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    flat = "".join(text.split())
    assert "デジタル推進委員活動集計" in flat
    assert "2026年1月〜2026年12月" in flat
    assert "中央公民館" in text and "開催回数" in text
    assert re.search(r"延べ受講者数\s*12\b", text), "the summary's attendance figure"
    assert re.search(r"時間数（コマ）\s*8\b", text), "the summary's hours"
    assert "開催一覧" in text and "推進委員別" in text
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font.get_object()["/BaseFont"]))
    assert embedded, "a TrueType font is embedded"
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        truetype = [line.split() for line in out.stdout.splitlines()[2:] if "TrueType" in line]
        assert truetype and all(cells[-5] == "yes" for cells in truetype), out.stdout
    # reportlab declares Helvetica on every page; no text may actually use it.
    used: set[str] = set()

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and font_dict:
            used.add(str(font_dict.get("/BaseFont", "")))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert used and not any("Helvetica" in name for name in used), used


def test_pdf_in_english(town, catalogue, tmp_path):
    report = build_report(town.store, catalogue, YEAR, lang="en")
    path = write_report(report, tmp_path / "en.pdf", "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "activity report" in text and "By venue" in text and "page 1 of" in text


def test_pdf_of_a_long_period_flows_onto_more_pages(town, catalogue, tmp_path):
    ten_years = ReportFilter(dt.date(2017, 1, 1), dt.date(2026, 12, 1))
    report = build_report(town.store, catalogue, ten_years)
    path = write_report(report, tmp_path / "long.pdf", "pdf")
    pages = PdfReader(path).pages
    assert len(pages) >= 3
    assert "2017-01" in pages[0].extract_text() + pages[1].extract_text()


def test_pdf_with_no_data(store, catalogue, tmp_path):
    report = build_report(store, catalogue, YEAR)
    path = write_report(report, tmp_path / "empty.pdf", "pdf")
    assert "この期間の記録はありません" in "".join(
        "".join(p.extract_text().split()) for p in PdfReader(path).pages
    )


# -- chart SVG -----------------------------------------------------------------------------------


def test_chart_svg_is_valid_svg_with_the_month_labels(report):
    data = chart_svg(report)
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    texts = [el.text or "" for el in root.iter() if el.tag.endswith("text")]
    for month in report.chart.months:
        assert month in texts
    assert "安全・セキュリティ" in texts  # the legend
    assert b"DxJa-" not in data  # the font's real family name, not reportlab's key


def test_chart_svg_of_ten_years_labels_some_months(town, catalogue):
    report = build_report(town.store, catalogue, ReportFilter(dt.date(2017, 1, 1), YEAR.last))
    root = ET.fromstring(chart_svg(report))
    texts = {el.text for el in root.iter() if el.tag.endswith("text")}
    assert "2017-01" in texts
    assert sum(1 for m in report.chart.months if m in texts) <= 24


# -- files ---------------------------------------------------------------------------------------


def test_write_is_atomic_and_errors_are_clear(report, tmp_path):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    write_report(report, target, "xlsx")
    assert zipfile.is_zipfile(target)
    with pytest.raises(DxError) as caught:
        write_report(report, tmp_path / "missing" / "r.csv", "csv")
    assert "保存できません" in caught.value.message("ja")
    assert "Cannot save" in caught.value.message("en")
    with pytest.raises(DxError):
        write_report(report, tmp_path / "r.doc", "doc")
    folder = tmp_path / "dir.xlsx"
    folder.mkdir()
    with pytest.raises(DxError):
        write_report(report, folder, "xlsx")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["r.xlsx"]


def test_format_and_file_name_helpers(report):
    assert guess_format("a/b.XLSX") == "xlsx" and guess_format("x.txt") is None
    assert guess_format("r.zip") == "csv"
    assert default_filename(report, "pdf") == "report-2026-01_2026-12.pdf"
    assert default_filename(report, "csv") == "report-2026-01_2026-12.zip"
