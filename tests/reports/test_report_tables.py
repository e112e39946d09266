"""Issue 17's report on a database small enough to count by hand, in every table and format.

Fiscal year 2026 (2026-04 … 2027-03), みどり市, one venue (中央公民館):

    A 2026-05-10 class        10:00–12:00  青木 講師, 村上 アシスタント   smartphone-basics (basic)
                              山田, 佐藤 + counted 70s×3                  → 5 learners, 2 helpers
    B 2026-06-14 class        13:00–14:30  村上 講師                     smartphone-basics (basic)
                              山田 + counted 80plus×4, unknown×1          + myna-hokensho (applied)
                                                                  → 6 learners, 1 helper: 1:4
    C 2026-06-20 consultation 10:00– (no end) 青木 講師, 村上 受付       myna-hokensho (applied)
                              佐藤, topic マイナ保険証
    D 2026-06-21 class, 山田: discarded

Residents: 山田 70s (consent 2026-05-01, new), 佐藤 80plus (consent 2025-01-10).
Progress (stamped 2026-11-24): 山田 smartphone-basics power-on done in A; 佐藤 screen-lock
help in A.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader

from dxhelper.core.models import AgeBand, SessionKind
from dxhelper.reports import ReportFilter, build_report, write_report
from dxhelper.reports.model import period_range

FY2026 = ReportFilter(*period_range("last-fiscal-year", dt.date(2027, 5, 1)))
AOKI, MURAKAMI = "推進委員 青木", "推進委員 村上"


@dataclasses.dataclass
class Small:
    store: object
    sessions: dict[str, str]
    volunteers: dict[str, str]


@pytest.fixture
def small(store) -> Small:
    store.update_installation(municipality="みどり市")
    venue = store.add_venue("中央公民館", "みどり市").id
    aoki = store.add_volunteer(AOKI).id
    murakami = store.add_volunteer(MURAKAMI).id
    yamada = store.add_resident(
        "山田 花子", age_band="70s", consent_date=dt.date(2026, 5, 1), consent_version="2026-1"
    ).id
    sato = store.add_resident(
        "佐藤 茂", age_band="80plus", consent_date=dt.date(2025, 1, 10), consent_version="2026-1"
    ).id

    def session(day, who, kind, start, end, people, unnamed, lessons) -> str:
        sid = store.start_session(
            venue_id=venue, volunteer_id=who, kind=kind, date=day, start_time=start
        ).id
        for person in people:
            store.add_attendee(sid, person)
        if unnamed:
            store.set_unnamed_counts(sid, unnamed)
        store.set_session_lessons(sid, lessons)
        if end:
            store.end_session(sid, end)
        return sid

    a = session(
        dt.date(2026, 5, 10),
        aoki,
        SessionKind.CLASS,
        "10:00",
        "12:00",
        [yamada, sato],
        {AgeBand.SEVENTIES: 3},
        ["smartphone-basics"],
    )
    store.set_session_volunteer(a, murakami, "assistant")
    b = session(
        dt.date(2026, 6, 14),
        murakami,
        SessionKind.CLASS,
        "13:00",
        "14:30",
        [yamada],
        {AgeBand.EIGHTY_PLUS: 4, AgeBand.UNKNOWN: 1},
        ["smartphone-basics", "myna-hokensho"],
    )
    c = session(
        dt.date(2026, 6, 20),
        aoki,
        SessionKind.CONSULTATION,
        "10:00",
        None,
        [sato],
        {},
        ["myna-hokensho"],
    )
    store.set_session_volunteer(c, murakami, "reception")
    store.update_session(dataclasses.replace(store.get_session(c), topic="myna-hokensho"))
    d = session(dt.date(2026, 6, 21), aoki, SessionKind.CLASS, "10:00", "11:00", [yamada], {}, [])
    store.discard_session(d)
    store.set_step_state(yamada, "smartphone-basics", "power-on", "done", session_id=a)
    store.set_step_state(sato, "smartphone-basics", "screen-lock", "help", session_id=a)
    return Small(store, {"a": a, "b": b, "c": c}, {"aoki": aoki, "murakami": murakami})


@pytest.fixture
def report(small, catalogue):
    return build_report(small.store, catalogue, FY2026)


def _titles(catalogue) -> tuple[str, str]:
    return (
        catalogue.get("smartphone-basics", "ja").title,
        catalogue.get("myna-hokensho", "ja").title,
    )


def expected_tables(catalogue) -> dict[str, tuple]:
    """Every table, counted by hand (see the module's docstring)."""
    basics, hokensho = _titles(catalogue)
    help_step = f"2. {catalogue.get('smartphone-basics', 'ja').steps[1].title}"
    months = [f"2026-{m:02d}" for m in range(4, 13)] + [f"2027-{m:02d}" for m in (1, 2, 3)]
    by_month = {m: (m, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) for m in months}
    by_month["2026-05"] = ("2026-05", 1, 1, 0, 0, 2, 5, 2, 3, 2, 0)
    by_month["2026-06"] = ("2026-06", 2, 1, 1, 0, 1.5, 7, 2, 5, 2, 0)
    by_month["2026-11"] = ("2026-11", 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)  # the tick's stamp
    month_age = {m: (m, 0, 0, 0, 0, 0, 0, 0, 0) for m in months}
    month_age["2026-05"] = ("2026-05", 0, 0, 0, 0, 4, 1, 0, 5)
    month_age["2026-06"] = ("2026-06", 0, 0, 0, 0, 1, 5, 1, 7)
    return {
        "summary": (
            ("開催回数", 3),
            ("うち講習会", 2),
            ("うち個別相談", 1),
            ("うち出張", 0),
            ("基本講座を行った回", 2),
            ("応用講座を行った回", 2),
            ("講座の記録のない回", 0),
            ("時間数（コマ）", 3.5),
            ("終了時刻のない回（時間数に含めず）", 1),
            ("延べ受講者数", 12),
            ("うち名前を記録した受講者", 4),
            ("うち人数だけ記録した受講者（延べのみ）", 8),
            ("受講者の実人数（名前あり）", 2),
            ("新たに記録した住民", 1),
            ("活動した推進委員（実人数）", 2),
            ("1:4の目安を満たさない講習会", 1),
            ("完了した手順", 1),
            ("「手伝いが必要」の手順", 1),
        ),
        "sessions": (
            (
                dt.date(2026, 5, 10),
                "10:00–12:00",
                2,
                "中央公民館",
                "講習会",
                "基本講座",
                basics,
                f"{AOKI}（講師）、{MURAKAMI}（アシスタント）",
                1,
                1,
                0,
                2,
                3,
                5,
                "",
            ),
            (
                dt.date(2026, 6, 14),
                "13:00–14:30",
                1.5,
                "中央公民館",
                "講習会",
                "基本講座、応用講座",
                f"{basics}、{hokensho}",
                f"{MURAKAMI}（講師）",
                1,
                0,
                0,
                1,
                5,
                6,
                "6人に講師・アシスタント1人（目安2人）",
            ),
            (
                dt.date(2026, 6, 20),
                "10:00–",
                None,
                "中央公民館",
                "個別相談",
                "応用講座",
                hokensho,
                f"{AOKI}（講師）、{MURAKAMI}（受付）",
                1,
                0,
                1,
                1,
                0,
                1,
                "",
            ),
            ("合計", "", 3.5, "", "", "", "", "", 3, 1, 1, 4, 8, 12, "1"),
        ),
        "by_volunteer": (
            (MURAKAMI, 3, 1, 1, 1, 3.5, 12, 4, 8, 2),
            (AOKI, 2, 2, 0, 0, 2, 6, 3, 3, 2),
            ("合計", 5, 3, 1, 1, 5.5, 12, 4, 8, 2),
        ),
        "by_month": (*by_month.values(), ("合計", 3, 2, 1, 0, 3.5, 12, 4, 8, 2, 1)),
        "by_month_age": (*month_age.values(), ("合計", 0, 0, 0, 0, 5, 6, 1, 12)),
        "by_age_band": (
            ("〜39歳", 0, 0, 0, 0),
            ("40代", 0, 0, 0, 0),
            ("50代", 0, 0, 0, 0),
            ("60代", 0, 0, 0, 0),
            ("70代", 5, 2, 3, 1),
            ("80代以上", 6, 2, 4, 1),
            ("不明", 1, 0, 1, 0),
            ("合計", 12, 4, 8, 2),
        ),
        "by_course": (
            ("基本講座", 2, 2, 0, 0, 3.5, 11, 3, 8, 2),
            ("応用講座", 2, 1, 1, 0, 1.5, 7, 2, 5, 2),
            ("講座の記録なし", 0, 0, 0, 0, 0, 0, 0, 0, 0),
            ("合計", 3, 2, 1, 0, 3.5, 12, 4, 8, 2),
        ),
        "by_course_category": (
            ("基本講座", "スマホの基本操作", 2, 3.5, 11, 3, 8, 2),
            ("応用講座", "マイナ保険証", 2, 1.5, 7, 2, 5, 2),
            ("合計", "", 3, 3.5, 12, 4, 8, 2),
        ),
        "by_lesson": (
            (basics, "基本講座", "スマホの基本操作", 2, 11, 1, 1),
            (hokensho, "応用講座", "マイナ保険証", 2, 7, 0, 0),
            ("合計", "", "", 4, 18, 1, 1),
        ),
        "by_venue": (
            (
                "中央公民館",
                "みどり市",
                3,
                3.5,
                12,
                4,
                8,
                2,
                dt.date(2026, 5, 10),
                dt.date(2026, 6, 20),
            ),
            ("合計", "", 3, 3.5, 12, 4, 8, 2, dt.date(2026, 5, 10), dt.date(2026, 6, 20)),
        ),
        "needs_help": ((basics, help_step, 1), ("合計", "", 1)),
        "topics": (
            ("記録なし", 0, 0, 0, 0, 0, ""),
            ("スマホの基本操作", 0, 0, 0, 0, 0, ""),
            ("マイナンバーカード", 0, 0, 0, 0, 0, ""),
            ("マイナ保険証", 1, 1, 1, 0, 1, ""),
            ("マイナポータル・行政手続き", 0, 0, 0, 0, 0, ""),
            ("オンライン診療・相談", 0, 0, 0, 0, 0, ""),
            ("安全・セキュリティ", 0, 0, 0, 0, 0, ""),
            ("その他", 0, 0, 0, 0, 0, ""),
            ("合計", 1, 1, 1, 0, 1, ""),
        ),
        "outcomes": (("合計", 0, 0, 0, 0, 0, 0, 0, 0, 0),),  # none recorded here
    }


def test_every_table_equals_the_hand_counts(report, catalogue):
    expected = expected_tables(catalogue)
    assert [t.key for t in report.tables] == list(expected)
    for table in report.tables:
        assert table.rows == expected[table.key], table.key
        assert table.totals == 1 or table.key == "summary"
        if table.totals:
            assert table.rows[-1][0] == "合計"
    assert report.full_title == "みどり市　デジタル推進委員 活動集計"
    assert "終了時刻のない回が1回" in report.table("summary").note
    assert "（1回）" in report.table("sessions").note


def test_hours_add_up_and_distinct_never_exceeds_attendances(report):
    total = report.figure("hours")
    assert total == 3.5
    for key, column in (("sessions", 2), ("by_month", 5), ("by_venue", 3)):
        body = report.table(key).body
        assert sum(row[column] or 0 for row in body) == total, key
        assert report.table(key).rows[-1][column] == total, key
    # per volunteer, hours are each volunteer's (村上 3.5 + 青木 2)
    assert report.table("by_volunteer").rows[-1][5] == 5.5
    for table in report.tables:
        if "延べ受講者数" in table.columns and "実人数" in table.columns:
            att, res = table.columns.index("延べ受講者数"), table.columns.index("実人数")
            assert all(row[res] <= row[att] for row in table.rows), table.key


def test_the_1_to_4_warning_appears_and_disappears(small, catalogue):
    store = small.store

    def warning() -> str:
        rows = build_report(store, catalogue, FY2026).table("sessions").rows
        return next(row for row in rows if row[0] == dt.date(2026, 6, 14))[14]

    assert warning() == "6人に講師・アシスタント1人（目安2人）"
    store.set_session_volunteer(small.sessions["b"], small.volunteers["aoki"], "assistant")
    assert warning() == ""  # 6 learners, 2 helpers
    assert build_report(store, catalogue, FY2026).figure("understaffed") == 0
    store.remove_session_volunteer(small.sessions["b"], small.volunteers["aoki"])
    assert warning() != ""
    store.set_session_volunteer(small.sessions["b"], small.volunteers["aoki"], "reception")
    assert warning() != ""  # reception does not help learners


def test_volunteer_filter_means_sessions_worked_at(small, catalogue):
    murakami = dataclasses.replace(FY2026, volunteer_id=small.volunteers["murakami"])
    report = build_report(small.store, catalogue, murakami)
    assert report.figure("sessions") == 3  # A and C were recorded by 青木
    aoki = dataclasses.replace(FY2026, volunteer_id=small.volunteers["aoki"])
    assert build_report(small.store, catalogue, aoki).figure("sessions") == 2


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_zip_members_hold_the_hand_counts(report, catalogue, tmp_path):
    path = write_report(report, tmp_path / "fy.zip", "csv")
    with zipfile.ZipFile(path) as archive:
        members = {name: _csv_rows(archive.read(name)) for name in archive.namelist()}
    summary = dict(members["01_summary.csv"][1:])
    assert summary["時間数（コマ）"] == "3.5" and summary["延べ受講者数"] == "12"
    assert summary["受講者の実人数（名前あり）"] == "2"
    sessions = members["02_sessions.csv"]
    assert sessions[2][14] == "6人に講師・アシスタント1人（目安2人）"
    assert sessions[3][1:3] == ["10:00–", ""]  # no end time: no hours
    assert sessions[-1] == [
        "合計",
        "",
        "3.5",
        "",
        "",
        "",
        "",
        "",
        "3",
        "1",
        "1",
        "4",
        "8",
        "12",
        "1",
    ]
    assert members["03_by_volunteer.csv"][1] == [
        MURAKAMI,
        "3",
        "1",
        "1",
        "1",
        "3.5",
        "12",
        "4",
        "8",
        "2",
    ]
    courses = members["07_by_course.csv"]
    assert courses[1] == ["基本講座", "2", "2", "0", "0", "3.5", "11", "3", "8", "2"]
    assert courses[-1][0] == "合計"


def _sheet_rows(sheet, count: int) -> list[tuple]:
    return [
        tuple(v.date() if isinstance(v, dt.datetime) else v for v in row)
        for row in sheet.iter_rows(min_row=2, max_row=count + 1, values_only=True)
    ]


def test_xlsx_sheets_hold_the_hand_counts(report, catalogue, tmp_path):
    book = openpyxl.load_workbook(write_report(report, tmp_path / "fy.xlsx", "xlsx"))
    expected = expected_tables(catalogue)
    for table in report.tables:
        rows = _sheet_rows(book[table.title], len(table.rows))
        want = [tuple(None if v == "" else v for v in row) for row in expected[table.key]]
        assert rows == want, table.key
    note_row = len(report.table("by_course_category").rows) + 3
    assert "合計より大きく" in book["講座の種類・分類別"].cell(note_row, 1).value
    conditions = [c.value for c in book["条件"]["A"]]
    assert conditions[0] == "みどり市　デジタル推進委員 活動集計"
    assert "期間: 2026年4月〜2027年3月（12か月）" in conditions
    assert "市区町村: みどり市" in conditions


def test_pdf_text_holds_the_hand_counts(report, tmp_path):
    path = write_report(report, tmp_path / "fy.pdf", "pdf")
    pages = [page.extract_text() for page in PdfReader(path).pages]
    first = "".join(pages[0].split())
    assert "みどり市デジタル推進委員活動集計" in first
    assert "2026年4月〜2027年3月" in first
    assert "時間数（コマ）3.5" in first and "延べ受講者数12" in first
    assert "終了時刻のない回が1回" in first
    assert "それぞれの分類に数える" in first  # the chart says how it counts
    rest = "".join("".join(page.split()) for page in pages[1:])
    assert "開催一覧" in rest and "推進委員別" in rest
    assert "1人（目安2人）" in rest  # B's helpers against the guideline
    assert f"{MURAKAMI.replace(' ', '')}3111" in rest  # sessions, roles
    assert re.search(r"1/\d+ページ", first)


def test_a_coordinator_answers_the_councils_questions_from_one_xlsx(report, tmp_path):
    """How many 基本講座 and 応用講座 did we hold last fiscal year, how many hours, how many
    people (延べ and distinct), by age band, and who taught: all from the XLSX alone."""
    book = openpyxl.load_workbook(write_report(report, tmp_path / "前年度.xlsx", "xlsx"))

    def table(title: str) -> dict[str, dict[str, object]]:
        sheet = book[title]
        heads = [c.value for c in sheet[1]]
        out = {}
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if row[0] is None:
                break  # the note follows after a blank row
            out[row[0]] = dict(zip(heads, row, strict=True))
        return out

    conditions = [c.value for c in book["条件"]["A"]]
    assert "期間: 2026年4月〜2027年3月（12か月）" in conditions
    courses = table("講座の種類別")
    assert courses["基本講座"]["開催回数"] == 2 and courses["応用講座"]["開催回数"] == 2
    assert courses["合計"]["開催回数"] == 3  # B held both: counted once in the total
    assert courses["基本講座"]["時間数"] == 3.5 and courses["合計"]["時間数"] == 3.5
    assert courses["合計"]["延べ受講者数"] == 12 and courses["合計"]["実人数"] == 2
    ages = table("年代別")
    assert {band: ages[band]["延べ受講者数"] for band in ("70代", "80代以上", "不明")} == {
        "70代": 5,
        "80代以上": 6,
        "不明": 1,
    }
    people = table("推進委員別")
    assert {name: row["講師"] for name, row in people.items() if name != "合計"} == {
        AOKI: 2,
        MURAKAMI: 1,
    }
    held = table("開催一覧")
    assert len([d for d in held if d != "合計"]) == 3


def test_activity_record_of_a_volunteer(small, catalogue, tmp_path):
    from dxhelper.reports.activity import build_activity, write_activity_pdf

    murakami = small.volunteers["murakami"]
    record = build_activity(small.store, catalogue, FY2026, murakami)
    assert record.name == MURAKAMI and record.title == "みどり市　デジタル推進委員 活動記録"
    f = record.figures
    assert (f["sessions"], f["lead"], f["assistant"], f["reception"]) == (3, 1, 1, 1)
    assert (f["hours"], f["no_end"], f["attendances"], f["residents"]) == (3.5, 1, 12, 2)
    rows = {row[0]: row[1:] for row in record.table.rows}
    assert rows["2026-05"] == (1, 1, 0, 0, 0, 1, 0, 2, 5, 2)  # A, as assistant
    assert rows["2026-06"] == (2, 1, 1, 0, 1, 0, 1, 1.5, 7, 2)  # B as 講師, C at 受付
    assert rows["合計"] == (3, 2, 1, 0, 1, 1, 1, 3.5, 12, 2)
    path = write_activity_pdf(small.store, catalogue, FY2026, murakami, tmp_path / "村上.pdf", "ja")
    pages = PdfReader(path).pages
    assert len(pages) == 1
    text = "".join(pages[0].extract_text().split())
    assert "活動回数3回（講師1回・アシスタント1回・受付1回）" in text
    assert "活動時間3.5時間（終了時刻のない1回は含めず）" in text
    assert "受講者延べ12人・実人数2人" in text
    aoki = build_activity(small.store, catalogue, FY2026, small.volunteers["aoki"], "en")
    assert aoki.figures["sessions"] == 2 and aoki.table.rows[-1][0] == "Total"


def test_outcomes_are_counted_per_lesson_and_reason_without_names(tmp_path, catalogue):
    """Issue 18 §5: reports count outcomes and their reasons per lesson and period, no names."""
    import datetime as dt

    from dxhelper.reports import ReportFilter, build_report
    from dxhelper.store import Store

    class Clock:
        now = dt.datetime(2026, 6, 15, 1, 0, tzinfo=dt.UTC)

        def __call__(self):
            return self.now

    clock = Clock()
    store = Store.open(tmp_path / "o.sqlite3", clock=clock)
    try:
        consent = {"consent_date": dt.date(2026, 5, 1), "consent_version": "2026-1"}
        people = [store.add_resident(f"住民 {i}", **consent) for i in range(4)]
        plan = store.planning
        plan.set_outcome(people[0].id, "myna-hokensho", "completed")
        plan.set_outcome(people[1].id, "myna-hokensho", "not_yet", "card_not_arrived")
        plan.set_outcome(people[2].id, "myna-hokensho", "not_yet", "card_not_arrived")
        plan.set_outcome(people[3].id, "kokin-account", "not_yet", "other", "通帳を忘れた")
        clock.now = dt.datetime(2026, 8, 1, 1, 0, tzinfo=dt.UTC)  # after the period
        plan.set_outcome(people[0].id, "kokin-account", "not_yet", "forgot_pin")
        report = build_report(
            store, catalogue, ReportFilter(dt.date(2026, 6, 1), dt.date(2026, 6, 1))
        )
    finally:
        store.close()
    table = report.table("outcomes")
    hokensho = catalogue.get("myna-hokensho", "ja").title
    kokin = catalogue.get("kokin-account", "ja").title
    rows = {row[0]: row[1:] for row in table.rows}
    # done, not yet, then forgot PIN, card not arrived, phone, documents, stopped, other, none
    assert rows[hokensho] == (1, 2, 0, 2, 0, 0, 0, 0, 0)
    assert rows[kokin] == (0, 1, 0, 0, 0, 0, 0, 1, 0)
    assert table.rows[-1] == ("合計", 1, 3, 0, 2, 0, 0, 0, 1, 0)
    text = " ".join(str(v) for row in table.rows for v in row)
    assert "住民" not in text and "通帳" not in text
