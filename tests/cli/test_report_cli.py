"""`dxhelper report` through the real executable: files written, failures one clear line."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))


def run(*args: str, home: Path, cwd: Path | None = None, lang: str | None = None):
    environ = {**os.environ, "DXHELPER_HOME": str(home)}
    environ.pop("DXHELPER_LANG", None)
    if lang:
        environ["DXHELPER_LANG"] = lang
    return subprocess.run(
        [EXE, *args], capture_output=True, text=True, env=environ, timeout=120, cwd=cwd
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    from dxhelper.demo import DemoSpec, build_demo

    # Made-up records in the real records' place (`dxhelper demo` writes practice data in a
    # folder of its own): the report commands need records, not where they came from.
    home = tmp_path_factory.mktemp("home")
    build_demo(home / "dxhelper.sqlite3", DemoSpec(seed=4, end_month=dt.date(2026, 9, 1)))
    return home


def expected(home: Path, first: dt.date, last: dt.date, **filters):
    from dxhelper.core.lessons import Catalogue
    from dxhelper.paths import builtin_lessons_dir
    from dxhelper.reports import ReportFilter, build_report
    from dxhelper.store import Store

    with Store.open(home / "dxhelper.sqlite3", create=False) as store:
        catalogue = Catalogue.load(builtin_lessons_dir())
        return build_report(store, catalogue, ReportFilter(first, last, **filters))


def test_xlsx_from_the_output_suffix(home, tmp_path):
    out = tmp_path / "年度.xlsx"
    result = run("report", "--from", "2025-10", "--to", "2026-09", "-o", str(out), home=home)
    assert result.returncode == 0, result.stderr
    assert "保存しました" in result.stdout
    report = expected(home, dt.date(2025, 10, 1), dt.date(2026, 9, 1))
    assert f"セッション {report.figure('sessions'):,} 回" in result.stdout
    book = openpyxl.load_workbook(out)
    summary = book[report.table("summary").title]
    rows = report.table("summary").rows
    assert [
        tuple(r) for r in summary.iter_rows(min_row=2, max_row=len(rows) + 1, values_only=True)
    ] == list(rows)


def test_venue_by_name_and_kind_to_csv(home, tmp_path):
    out = tmp_path / "chuo.csv"
    result = run(
        "report",
        "--from",
        "2025-10",
        "--to",
        "2026-09",
        "--venue",
        "中央公民館",
        "--kind",
        "class",
        "-o",
        str(out),
        home=home,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_bytes().decode("utf-8-sig")
    assert "会場: 中央公民館（みどり市）" in text and "種類: 講習会" in text
    from dxhelper.store import Store

    with Store.open(home / "dxhelper.sqlite3", create=False) as store:
        venue = next(v for v in store.list_venues() if v.name == "中央公民館")
    report = expected(
        home, dt.date(2025, 10, 1), dt.date(2026, 9, 1), venue_id=venue.id, kind="class"
    )
    assert f"開催回数,{report.figure('sessions')}\r\n" in text


def test_pdf_with_format_option_and_default_name(home, tmp_path):
    result = run("report", "--from", "2026-04", "--format", "pdf", home=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "report-2026-04.pdf"
    assert path.exists()
    assert "活動集計" in PdfReader(path).pages[0].extract_text()


def test_english_messages_and_report(home, tmp_path):
    out = tmp_path / "r.csv"
    result = run("--lang", "en", "report", "--from", "2026-01", "-o", str(out), home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Saved:")
    assert "Period: January 2026" in out.read_bytes().decode("utf-8-sig")


@pytest.mark.parametrize(
    ("args", "ja", "en"),
    [
        (["--venue", "どこにもない館"], "会場「どこにもない館」が見つかりません", "No venue named"),
        (["--volunteer", "だれか"], "推進委員「だれか」が見つかりません", "No volunteer named"),
        (["--to", "2025-01"], "終わりの月が始まりの月より前", "ends before it starts"),
        (["-o", "x.txt"], "ファイルの種類が分かりません", "Cannot tell the format"),
        (["-o", "no/such/folder/r.csv"], "保存できません", "Cannot save"),
    ],
)
def test_failures_are_one_clear_line(home, tmp_path, args, ja, en):
    for lang, words in (("ja", ja), ("en", en)):
        result = run("report", "--from", "2026-04", *args, home=home, cwd=tmp_path, lang=lang)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], result.stderr
        assert "Traceback" not in result.stderr


def test_bad_month_and_missing_database(tmp_path, home):
    result = run("report", "--from", "2026-13", home=home, cwd=tmp_path)
    assert result.returncode == 1 and "2026-04" in result.stderr
    empty = tmp_path / "nothing"
    result = run("report", "--from", "2026-04", home=empty, cwd=tmp_path)
    assert result.returncode == 1 and "見つかりません" in result.stderr
    assert not (empty / "dxhelper.sqlite3").exists()


# -- issue 17: CSV zip, quick periods, the activity record -------------------------------------


def test_csv_as_a_zip_and_into_a_folder(home, tmp_path):
    import zipfile

    result = run("report", "--from", "2026-04", "--format", "csv", home=home, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "report-2026-04.zip") as archive:
        names = archive.namelist()
    assert names[:3] == ["00_conditions.csv", "01_summary.csv", "02_sessions.csv"]
    folder = tmp_path / "csv"
    folder.mkdir()
    result = run("report", "--from", "2026-04", "--format", "csv", "-o", str(folder), home=home)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


@pytest.mark.parametrize(
    "period", ["this-month", "last-month", "this-fiscal-year", "last-fiscal-year"]
)
def test_quick_periods(home, tmp_path, period):
    from dxhelper.reports.model import period_range

    out = tmp_path / "p.xlsx"
    result = run("report", "--period", period, "-o", str(out), home=home)
    assert result.returncode == 0, result.stderr
    first, last = period_range(period, dt.date.today())
    report = expected(home, first, last)
    conditions = [c.value for c in openpyxl.load_workbook(out)["条件"]["A"]]
    assert report.filter_lines[0] in conditions


def test_period_and_from_together_or_neither_is_a_clear_error(home, tmp_path):
    result = run("report", "--period", "last-month", "--from", "2026-04", home=home, cwd=tmp_path)
    assert result.returncode == 1 and "--period" in result.stderr
    result = run("report", home=home, cwd=tmp_path)
    assert result.returncode == 1 and "--period" in result.stderr


def test_a_volunteers_activity_record(home, tmp_path):
    from dxhelper.reports import ReportFilter
    from dxhelper.reports.activity import build_activity
    from dxhelper.store import Store

    out = tmp_path / "青木.pdf"
    result = run(
        "report",
        "--from",
        "2025-10",
        "--to",
        "2026-09",
        "--volunteer",
        "推進委員 青木",
        "--activity",
        "-o",
        str(out),
        home=home,
    )
    assert result.returncode == 0, result.stderr
    pages = PdfReader(out).pages
    assert len(pages) == 1
    text = "".join(pages[0].extract_text().split())
    assert "活動記録" in text and "推進委員青木" in text
    with Store.open(home / "dxhelper.sqlite3", create=False) as store:
        aoki = next(v for v in store.list_volunteers() if v.display_name == "推進委員 青木")
        record = build_activity(
            store, None, ReportFilter(dt.date(2025, 10, 1), dt.date(2026, 9, 1)), aoki.id
        )
        report = expected(home, dt.date(2025, 10, 1), dt.date(2026, 9, 1), volunteer_id=aoki.id)
    assert record.figures["sessions"] == report.figure("sessions") > 0
    assert record.figures["attendances"] == report.figure("attendances")
    assert f"活動回数{record.figures['sessions']}回" in text
    result = run("report", "--from", "2026-04", "--activity", home=home, cwd=tmp_path)
    assert result.returncode == 1 and "--volunteer" in result.stderr
