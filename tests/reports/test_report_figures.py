"""The report's figures: hand counts on a small town, and cross-checks on a demo database."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from dxhelper.core.errors import DxError, NotFoundError
from dxhelper.core.models import SessionKind, StepState, staffing_warning
from dxhelper.reports import ReportFilter, build_report, month_range
from dxhelper.reports.model import TABLE_KEYS, hours

YEAR = ReportFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 1))
SUMMARY_KEYS = (
    "sessions",
    "classes",
    "consultations",
    "outreach",
    "basic",
    "applied",
    "no_lesson",
    "hours",
    "no_end",
    "attendances",
    "named",
    "unnamed",
    "residents",
    "new_residents",
    "volunteers",
    "understaffed",
    "steps_done",
    "needs_help",
)


def figures(report) -> dict[str, int]:
    return {key: report.figure(key) for key in SUMMARY_KEYS}


def rows(report, key: str) -> list[tuple]:
    """A table's rows without its total row."""
    return list(report.table(key).body)


def total(report, key: str) -> tuple:
    table = report.table(key)
    assert table.totals == 1 and table.rows[-1][0] == "合計"
    return table.rows[-1]


def test_summary_matches_hand_counts(town, catalogue):
    report = build_report(town.store, catalogue, YEAR)
    assert figures(report) == {
        "sessions": 4,  # S1–S4; S5 is in 2025
        "classes": 2,
        "consultations": 1,
        "outreach": 1,
        "basic": 2,  # S1 (smartphone-basics) and S3 (fraud-safety)
        "applied": 2,  # S1 (mynumber-apply) and S2
        "no_lesson": 1,  # S4
        "hours": 8,  # four sessions of 10:00–12:00
        "no_end": 0,
        "attendances": 12,  # named 2 + 1 + 2, unnamed 3 + 3 + 1
        "named": 5,
        "unnamed": 7,
        "residents": 3,
        "new_residents": 2,  # yamada and sato consented in 2026, suzuki in 2025
        "volunteers": 2,
        "understaffed": 2,  # S1 and S3: 5 learners each, one 講師
        "steps_done": 6,  # including the tick made outside a session
        "needs_help": 4,
    }
    assert [t.key for t in report.tables] == list(TABLE_KEYS)


def test_by_month_lists_every_month_with_hand_counts(town, catalogue):
    by_month = {
        row[0]: row[1:] for row in build_report(town.store, catalogue, YEAR).table("by_month").rows
    }
    assert list(by_month) == [f"2026-{m:02d}" for m in range(1, 13)] + ["合計"]
    # sessions, classes, one-to-one, outreach, hours, attendances, named, unnamed, residents,
    # steps done
    assert by_month["2026-05"] == (1, 0, 0, 1, 2, 1, 0, 1, 0, 0)
    assert by_month["2026-10"] == (1, 1, 0, 0, 2, 5, 2, 3, 2, 0)
    assert by_month["2026-11"] == (2, 1, 1, 0, 4, 6, 3, 3, 2, 6)
    assert by_month["2026-01"] == (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert by_month["合計"] == (4, 2, 1, 1, 8, 12, 5, 7, 3, 6)  # residents: distinct, not 4


def test_month_rows_equal_the_today_screens_counts(town, catalogue):
    report = build_report(town.store, catalogue, YEAR)
    for month, sessions, *_kinds, _hours, attendances, named, unnamed, residents, done in rows(
        report, "by_month"
    ):
        today = town.store.month_counts(int(month[:4]), int(month[5:]))
        assert (sessions, named, unnamed, residents, done) == (
            today.sessions,
            today.named_attendances,
            today.unnamed_attendances,
            today.distinct_residents,
            today.steps_done,
        )
        assert attendances == today.attendances


def test_age_bands_add_named_and_unnamed(town, catalogue):
    report = build_report(town.store, catalogue, YEAR)
    table = report.table("by_age_band")
    assert table.rows[-1] == ("合計", 12, 5, 7, 3)
    assert table.body == (
        ("〜39歳", 0, 0, 0, 0),
        ("40代", 0, 0, 0, 0),
        ("50代", 0, 0, 0, 0),  # S5's four are before the period
        ("60代", 2, 1, 1, 1),
        ("70代", 4, 2, 2, 1),
        ("80代以上", 5, 2, 3, 1),
        ("不明", 1, 0, 1, 0),
    )
    by_month_age = {row[0]: row[1:] for row in report.table("by_month_age").rows}
    # 〜39, 40s, 50s, 60s, 70s, 80+, unknown, total
    assert by_month_age["2026-10"] == (0, 0, 0, 1, 2, 1, 1, 5)
    assert by_month_age["2026-11"] == (0, 0, 0, 0, 2, 4, 0, 6)
    assert by_month_age["合計"] == (0, 0, 0, 2, 4, 5, 1, 12)


def test_courses_categories_and_lessons(town, catalogue):
    report = build_report(town.store, catalogue, YEAR)
    # course, sessions, classes, one-to-one, outreach, hours, attendances, named, unnamed,
    # residents: S1 has a basic and an applied lesson, so it counts under both
    assert report.table("by_course").rows == (
        ("基本講座", 2, 2, 0, 0, 4, 10, 4, 6, 3),  # S1, S3
        ("応用講座", 2, 1, 1, 0, 4, 6, 3, 3, 3),  # S1, S2
        ("講座の記録なし", 1, 0, 0, 1, 2, 1, 0, 1, 0),  # S4
        ("合計", 4, 2, 1, 1, 8, 12, 5, 7, 3),
    )
    assert rows(report, "by_course_category") == [
        ("基本講座", "スマホの基本操作", 1, 2, 5, 2, 3, 2),
        ("基本講座", "安全・セキュリティ", 1, 2, 5, 2, 3, 2),
        ("応用講座", "マイナンバーカード", 1, 2, 5, 2, 3, 2),
        ("応用講座", "マイナ保険証", 1, 2, 1, 1, 0, 1),
        ("講座の記録なし", "講座の記録なし", 1, 2, 1, 0, 1, 0),
    ]
    assert total(report, "by_course_category") == ("合計", "", 4, 8, 12, 5, 7, 3)
    assert "合計より大きく" in report.table("by_course_category").note
    title = {lid: catalogue.get(lid, "ja").title for lid in catalogue.ids()}
    assert rows(report, "by_lesson") == [
        (title["smartphone-basics"], "基本講座", "スマホの基本操作", 1, 5, 3, 2),
        (title["fraud-safety"], "基本講座", "安全・セキュリティ", 1, 5, 1, 1),
        (title["mynumber-apply"], "応用講座", "マイナンバーカード", 1, 5, 1, 0),
        (title["myna-hokensho"], "応用講座", "マイナ保険証", 1, 1, 1, 1),
    ]
    assert total(report, "by_lesson") == ("合計", "", "", 4, 16, 6, 4)


def test_by_venue_with_dates(town, catalogue):
    report = build_report(town.store, catalogue, YEAR)
    assert rows(report, "by_venue") == [
        ("中央公民館", "みどり市", 2, 4, 10, 4, 6, 3, dt.date(2026, 10, 5), dt.date(2026, 11, 20)),
        ("北公民館", "みどり市", 2, 4, 2, 1, 1, 1, dt.date(2026, 5, 15), dt.date(2026, 11, 10)),
    ]
    assert total(report, "by_venue") == (
        "合計",
        "",
        4,
        8,
        12,
        5,
        7,
        3,
        dt.date(2026, 5, 15),
        dt.date(2026, 11, 20),
    )


def test_needs_help_names_lesson_and_step(town, catalogue):
    report = build_report(town.store, catalogue, YEAR)
    basics = catalogue.get("smartphone-basics", "ja")
    step = {s.id: f"{i}. {s.title}" for i, s in enumerate(basics.steps, start=1)}
    table = report.table("needs_help")
    assert table.kinds == ("text", "text", "int")
    assert [r[2] for r in table.body] == [1, 1, 1, 1]
    assert (basics.title, step["tap-swipe"], 1) in table.rows
    assert (basics.title, step["screen-lock"], 1) in table.rows
    assert len(table.body) == 4 and table.rows[-1] == ("合計", "", 4)


def test_needs_help_is_the_top_twenty_most_marked_first(store, catalogue):
    venue = store.add_venue("会場", "").id
    volunteer = store.add_volunteer("委員").id
    sid = store.start_session(venue_id=venue, volunteer_id=volunteer, date=dt.date(2026, 11, 2)).id
    people = [
        store.add_resident(
            f"住民{i}", consent_date=dt.date(2026, 1, 1), consent_version="2026-1"
        ).id
        for i in range(3)
    ]
    lesson = catalogue.get("mynumber-receive", "ja")
    for index, step in enumerate(lesson.steps):
        # step 0 gets 3 residents, step 1 gets 2, the rest 1
        for person in people[: max(1, 3 - index)]:
            store.set_step_state(person, lesson.id, step.id, "help", session_id=sid)
    for other in ("smartphone-basics", "fraud-safety", "mynaportal-login"):
        for step in catalogue.get(other, "ja").steps:
            store.set_step_state(people[0], other, step.id, "help", session_id=sid)
    table = build_report(store, catalogue, YEAR).table("needs_help")
    assert len(table.body) == 20
    assert table.rows[0] == (lesson.title, f"1. {lesson.steps[0].title}", 3)
    assert table.rows[1] == (lesson.title, f"2. {lesson.steps[1].title}", 2)
    counts = [r[2] for r in table.body]
    assert counts == sorted(counts, reverse=True)


def test_chart_counts_each_category_like_the_category_table(town, catalogue):
    report = build_report(town.store, catalogue, YEAR)
    chart = report.chart
    assert chart.months == report.filter.month_labels()
    series = dict(chart.series)
    assert list(series) == [
        "スマホの基本操作",
        "マイナンバーカード",
        "マイナ保険証",
        "安全・セキュリティ",
        "講座の記録なし",
    ]
    # October: S1 has a smartphone and a My Number card lesson; its 5 count under each
    assert series["スマホの基本操作"][9] == 5 and series["マイナンバーカード"][9] == 5
    assert series["マイナ保険証"][10] == 1 and series["安全・セキュリティ"][10] == 5
    assert series["講座の記録なし"][4] == 1
    per_category: dict[str, int] = {}
    for row in rows(report, "by_course_category"):
        per_category[row[1]] = per_category.get(row[1], 0) + row[4]
    assert {label: sum(values) for label, values in series.items()} == per_category
    months = rows(report, "by_month")
    assert all(bar >= row[6] for bar, row in zip(chart.totals, months, strict=True))
    assert "それぞれの分類" in report.chart_note


def test_venue_filter(town, catalogue):
    filt = ReportFilter(YEAR.first, YEAR.last, venue_id=town.venues["chuo"])
    report = build_report(town.store, catalogue, filt)
    assert figures(report) == {
        "sessions": 2,
        "classes": 2,
        "consultations": 0,
        "outreach": 0,
        "basic": 2,
        "applied": 1,
        "no_lesson": 0,
        "hours": 4,
        "no_end": 0,
        "attendances": 10,
        "named": 4,
        "unnamed": 6,
        "residents": 3,
        "new_residents": 2,
        "volunteers": 2,
        "understaffed": 2,
        # only ticks recorded in S1 or S3: not S2's, not the one made outside a session
        "steps_done": 4,
        "needs_help": 3,
    }
    assert [r[0] for r in rows(report, "by_venue")] == ["中央公民館"]
    assert "会場: 中央公民館（みどり市）" in report.filter_lines


def test_volunteer_and_kind_filters(town, catalogue):
    murakami = ReportFilter(YEAR.first, YEAR.last, volunteer_id=town.volunteers["murakami"])
    report = build_report(town.store, catalogue, murakami)
    assert (report.figure("sessions"), report.figure("attendances")) == (2, 6)
    assert report.figure("steps_done") == 2  # yamada's two ticks in S2 and S3
    classes = ReportFilter(YEAR.first, YEAR.last, kind=SessionKind.CLASS)
    report = build_report(town.store, catalogue, classes)
    assert (report.figure("sessions"), report.figure("named"), report.figure("unnamed")) == (
        2,
        4,
        6,
    )
    both = ReportFilter(
        YEAR.first,
        YEAR.last,
        venue_id=town.venues["kita"],
        volunteer_id=town.volunteers["aoki"],
        kind="outreach",
    )
    report = build_report(town.store, catalogue, both)
    assert (report.figure("sessions"), report.figure("attendances")) == (1, 1)
    assert report.filter.kind is SessionKind.OUTREACH


def test_period_narrows_sessions_and_progress(town, catalogue):
    october = ReportFilter(dt.date(2026, 10, 1), dt.date(2026, 10, 1))
    report = build_report(town.store, catalogue, october)
    assert report.figure("sessions") == 1
    assert report.figure("steps_done") == 0  # every tick is stamped in November
    assert rows(report, "by_month") == [("2026-10", 1, 1, 0, 0, 2, 5, 2, 3, 2, 0)]
    with_2025 = ReportFilter(dt.date(2025, 12, 1), dt.date(2026, 12, 1))
    report = build_report(town.store, catalogue, with_2025)
    assert report.figure("sessions") == 5
    assert report.figure("new_residents") == 2  # suzuki came in 2025-12 but consented earlier


def _another_devices_row(store, table: str, **values) -> str:
    """A row as a merged bundle leaves it: the same place or person, recorded on another
    device (the Store itself refuses a second row of a name it already has)."""
    from dxhelper.store import new_id, stamp

    now = stamp(store.now())
    row = {"id": new_id(), **values, "created_at": now, "updated_at": now, "origin": new_id()}
    with store.handle.write() as db:
        db[table].insert(row)
    return row["id"]


def test_venue_rows_of_other_devices_count_as_the_same_place(town, catalogue):
    """After merging bundles, each device's 中央公民館 is its own row: one place in the report."""
    store = town.store
    twin = _another_devices_row(store, "venues", name="中央公民館", municipality="みどり市")
    elsewhere = store.add_venue("中央公民館", "あおば町").id
    for venue in (twin, elsewhere):
        sid = store.start_session(
            venue_id=venue,
            volunteer_id=town.volunteers["aoki"],
            date=dt.date(2026, 6, 1),
            start_time="10:00",
        ).id
        store.set_unnamed_counts(sid, {"70s": 2})
    filt = ReportFilter(YEAR.first, YEAR.last, venue_id=town.venues["chuo"])
    report = build_report(store, catalogue, filt)
    assert report.figure("sessions") == 3  # S1, S3 and the twin's session, not あおば町's
    venues = rows(build_report(store, catalogue, YEAR), "by_venue")
    assert [(r[0], r[1], r[2]) for r in venues] == [
        ("中央公民館", "みどり市", 3),
        ("北公民館", "みどり市", 2),
        ("中央公民館", "あおば町", 1),
    ]


def test_unknown_lesson_counts_as_other_and_shows_its_id(town, catalogue):
    store = town.store
    sid = store.start_session(
        venue_id=town.venues["kita"],
        volunteer_id=town.volunteers["aoki"],
        date=dt.date(2026, 7, 1),
        start_time="10:00",
    ).id
    store.set_session_lessons(sid, ["retired-lesson"])
    store.set_step_state(
        town.residents["sato"], "retired-lesson", "old-step", "help", session_id=sid
    )
    report = build_report(store, catalogue, YEAR)
    # unknown to the catalogue: category "other", course basic (as a lesson without `course`)
    assert ("基本講座", "その他", 1, 0, 0, 0, 0, 0) in rows(report, "by_course_category")
    assert ("retired-lesson", "基本講座", "その他", 1, 0, 0, 1) in rows(report, "by_lesson")
    assert ("retired-lesson", "old-step", 1) in rows(report, "needs_help")


def test_english_report(town, catalogue):
    report = build_report(town.store, catalogue, YEAR, lang="en")
    assert report.lang == "en"
    assert report.table("by_age_band").body[-1][0] == "unknown"
    assert report.table("by_age_band").rows[-1][0] == "Total"
    assert report.table("summary").columns == ("Item", "Count")
    assert report.filter_lines[0] == "Period: January 2026 – December 2026 (12 months)"
    assert report.figure("attendances") == 12


def test_empty_period_gives_zero_rows_not_errors(store, catalogue):
    report = build_report(store, catalogue, YEAR)
    assert all(value == 0 for value in figures(report).values())
    assert len(report.table("by_month").body) == 12
    assert report.table("by_venue").body == () and report.table("needs_help").body == ()
    assert report.table("sessions").rows == (("合計", "", 0, "", "", "", "", "", *[0] * 6, ""),)
    assert report.chart.series == ()


def test_unknown_venue_id_is_a_clear_error(store, catalogue):
    with pytest.raises(NotFoundError):
        build_report(store, catalogue, ReportFilter(YEAR.first, YEAR.last, venue_id="nope"))


def test_filter_and_month_validation():
    with pytest.raises(DxError, match="前"):
        ReportFilter(dt.date(2026, 5, 1), dt.date(2026, 4, 1))
    with pytest.raises(DxError, match="10年"):
        ReportFilter(dt.date(2016, 1, 1), dt.date(2026, 1, 1))  # 121 months
    assert ReportFilter(dt.date(2016, 2, 1), dt.date(2026, 1, 1)).months == 120
    assert ReportFilter(dt.date(2026, 4, 15), dt.date(2026, 4, 30)).first == dt.date(2026, 4, 1)
    with pytest.raises(DxError):
        ReportFilter(YEAR.first, YEAR.last, kind="party")
    assert month_range("2026-04", "2027-03") == (dt.date(2026, 4, 1), dt.date(2027, 3, 1))
    assert month_range("2026/4", " 2026-04 ") == (dt.date(2026, 4, 1), dt.date(2026, 4, 1))
    for bad in ("2026-13", "2026-00", "April", "", "2026-04-01"):
        with pytest.raises(DxError) as caught:
            month_range(bad, "2027-03")
        assert "2026-04" in caught.value.message("ja") and "YYYY-MM" in caught.value.message("en")
    with pytest.raises(DxError):
        month_range("2027-03", "2026-04")


# -- a demo database, counted independently through the Store API ---------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from dxhelper.demo import DemoSpec, build_demo
    from dxhelper.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    build_demo(path, DemoSpec(residents=50, sessions=90, seed=11, end_month=dt.date(2026, 9, 1)))
    with Store.open(path) as store:
        yield store


def test_demo_figures_equal_counts_through_the_store_api(demo, catalogue):
    store = demo
    filt = ReportFilter(dt.date(2026, 1, 1), dt.date(2026, 9, 1))
    report = build_report(store, catalogue, filt)
    in_period = [
        s
        for s in store.recent_sessions(limit=100_000)
        if dt.date(2026, 1, 1) <= s.date < dt.date(2026, 10, 1)
    ]
    attendees = {s.id: store.attendees(s.id) for s in in_period}
    named = sum(len(people) for people in attendees.values())
    unnamed = sum(s.unnamed_total for s in in_period)
    people = {r.id: r for group in attendees.values() for r in group}
    t0, t1 = store.month_params(2026, 1)["t0"], store.month_params(2026, 9)["t1"]
    progress = [
        p for r in store.list_residents() for p in store.progress_for(r.id) if t0 <= p.at < t1
    ]
    assert in_period, "the demo should have sessions in the period"
    courses = {
        s.id: {catalogue.get(lid, "ja").course.value for lid in store.session_lessons(s.id)}
        for s in in_period
    }
    teams = {s.id: store.session_team(s.id) for s in in_period}

    def minutes(s) -> int | None:
        if s.end_time is None or s.end_time < s.start_time:
            return None
        clock = [int(t[:2]) * 60 + int(t[3:]) for t in (s.start_time, s.end_time)]
        return clock[1] - clock[0]

    assert figures(report) == {
        "sessions": len(in_period),
        "classes": sum(s.kind is SessionKind.CLASS for s in in_period),
        "consultations": sum(s.kind is SessionKind.CONSULTATION for s in in_period),
        "outreach": sum(s.kind is SessionKind.OUTREACH for s in in_period),
        "basic": sum("basic" in courses[s.id] for s in in_period),
        "applied": sum("applied" in courses[s.id] for s in in_period),
        "no_lesson": sum(not courses[s.id] for s in in_period),
        "hours": hours(sum(minutes(s) or 0 for s in in_period)),
        "no_end": sum(minutes(s) is None for s in in_period),
        "attendances": named + unnamed,
        "named": named,
        "unnamed": unnamed,
        "residents": len(people),
        "new_residents": sum(
            dt.date(2026, 1, 1) <= r.consent_date < dt.date(2026, 10, 1) for r in people.values()
        ),
        "volunteers": len({m.display_name for team in teams.values() for m in team}),
        "understaffed": sum(
            s.kind is SessionKind.CLASS
            and staffing_warning(
                len(attendees[s.id]) + s.unnamed_total, [m.role for m in teams[s.id]]
            )
            is not None
            for s in in_period
        ),
        "steps_done": sum(p.state is StepState.DONE for p in progress),
        "needs_help": sum(p.state is StepState.NEEDS_HELP for p in progress),
    }
    # age bands: named by the resident's band plus the unnamed counts
    bands = Counter(r.age_band.label("ja") for group in attendees.values() for r in group)
    for s in in_period:
        for band, count in s.unnamed.items():
            bands[band.label("ja")] += count
    assert {row[0]: row[1] for row in report.table("by_age_band").body} == {
        label: bands.get(label, 0) for label in (row[0] for row in report.table("by_age_band").body)
    }
    # venues: every session and attendance lands under its venue's name
    venue_name = {v.id: v.name for v in store.list_venues()}
    per_venue = Counter()
    for s in in_period:
        per_venue[venue_name[s.venue_id]] += len(attendees[s.id]) + s.unnamed_total
    assert {row[0]: row[4] for row in report.table("by_venue").body} == dict(per_venue)
    # lessons: a session counts once for each of its lessons
    per_lesson = Counter(
        catalogue.get(lid, "ja").title for s in in_period for lid in store.session_lessons(s.id)
    )
    assert {row[0]: row[3] for row in report.table("by_lesson").body} == dict(per_lesson)
    # months total the summary, and the chart's stacks total the months
    by_month = report.table("by_month").body
    assert sum(row[1] for row in by_month) == report.figure("sessions")
    assert sum(row[6] for row in by_month) == report.figure("attendances")
    # hours add up: months, venues and the 開催一覧 all total the summary's hours
    for key, column in (("by_month", 5), ("by_venue", 3), ("sessions", 2)):
        body = report.table(key).body
        assert hours(round(sum((row[column] or 0) * 60 for row in body))) == report.figure("hours")
    # distinct never exceeds 延べ, in every table that has both
    for key in ("by_month", "by_venue", "by_course", "by_course_category", "by_volunteer"):
        table = report.table(key)
        att, res = table.columns.index("延べ受講者数"), table.columns.index("実人数")
        assert all(row[res] <= row[att] for row in table.rows), key
    # the chart counts a session under each of its categories: never less than the month
    assert all(bar >= row[6] for bar, row in zip(report.chart.totals, by_month, strict=True))


def test_demo_venue_filters_partition_the_total(demo, catalogue):
    filt = ReportFilter(dt.date(2026, 1, 1), dt.date(2026, 9, 1))
    total = build_report(demo, catalogue, filt)
    parts = [
        build_report(
            demo, catalogue, ReportFilter(filt.first, filt.last, venue_id=venue.id)
        ).figure("attendances")
        for venue in demo.list_venues()
    ]
    assert sum(parts) == total.figure("attendances")
    kinds = [
        build_report(demo, catalogue, ReportFilter(filt.first, filt.last, kind=kind)).figure(
            "sessions"
        )
        for kind in SessionKind
    ]
    assert sum(kinds) == total.figure("sessions")


def test_every_figure_is_one_query(town, catalogue, monkeypatch):
    """The report runs one statement per table (and one for the chart), nothing per row."""
    from dxhelper.store import reporting

    statements: list[str] = []
    real = reporting.run_queries

    def counting(store, queries):
        statements.extend(q.sql for q in queries.values())
        return real(store, queries)

    monkeypatch.setattr("dxhelper.reports.build.run_queries", counting)
    traced: list[str] = []
    town.store.handle.conn.set_trace_callback(traced.append)
    try:
        build_report(town.store, catalogue, YEAR)
    finally:
        town.store.handle.conn.set_trace_callback(None)
    assert len(statements) == len(reporting.QUERY_KEYS) == 14
    selects = [s for s in traced if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    # the report's queries, plus reading the filter's venue/volunteer names (none here)
    assert len(selects) == len(statements)


def test_filter_choices_list_each_place_and_person_once(town):
    from dxhelper.reports import venue_choices, volunteer_choices

    store = town.store
    _another_devices_row(store, "venues", name="中央公民館", municipality="みどり市")
    store.add_venue("中央公民館", "あおば町")
    _another_devices_row(store, "volunteers", display_name="推進委員 青木")
    venues = venue_choices(store)
    assert [label for _id, label in venues] == [
        "中央公民館（あおば町）",
        "中央公民館（みどり市）",
        "北公民館",
    ]
    assert dict(venues)[town.venues["chuo"]] == "中央公民館（みどり市）"  # the oldest row's id
    assert volunteer_choices(store) == [  # in code-point order, like every name list
        (town.volunteers["murakami"], "推進委員 村上"),
        (town.volunteers["aoki"], "推進委員 青木"),
    ]
