"""Build a Report from the store: run the report's queries, then name what the ids stand for.

Every figure is counted by SQLite. Python names ids (lessons, steps, roles), turns minutes into
hours, decides the 1:4 warning of each session from its counts, and adds the total rows: sums
of the rows where the rows split the sessions, the summary's de-duplicated figures where a
session or a resident can sit in more than one row.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence

import dxhelper.reports.texts as texts
from dxhelper.core.categories import Category, Course
from dxhelper.core.lessons import Catalogue
from dxhelper.core.models import (
    LEARNERS_PER_HELPER,
    AgeBand,
    SessionKind,
    VolunteerRole,
    staffing_warning,
)
from dxhelper.reports.model import ChartData, Report, ReportFilter, Table, hours
from dxhelper.reports.texts import (
    COLUMNS,
    KINDS,
    NOTES,
    SUMMARY_KEYS,
    SUMMARY_LABELS,
    TABLE_TITLES,
    pick,
)
from dxhelper.store import (
    CATEGORY_ORDER,
    NEEDS_HELP_LIMIT,
    NO_LESSON,
    Store,
    report_queries,
    report_scope,
    run_queries,
)


def lesson_categories(catalogue: Catalogue) -> dict[str, str]:
    """Lesson id → category value, the map the queries join against."""
    return {lesson.id: lesson.category.value for lesson in catalogue.lessons("ja")}


def lesson_courses(catalogue: Catalogue) -> dict[str, str]:
    """Lesson id → course value (basic / applied), the other map the queries join against."""
    return {lesson.id: lesson.course.value for lesson in catalogue.lessons("ja")}


def category_label(value: str, lang: str) -> str:
    if value == NO_LESSON:
        return texts.text("no_lesson", lang)
    try:
        return Category(value).label(lang)
    except ValueError:
        return value


def course_label(value: str, lang: str) -> str:
    if value == NO_LESSON:
        return texts.text("no_lesson", lang)
    try:
        return Course(value).label(lang)
    except ValueError:
        return value


def topic_label(value: str, lang: str) -> str:
    return texts.text("no_topic", lang) if not value else category_label(value, lang)


class _Names:
    """Titles for ids, from the catalogue (a lesson or step it no longer has shows its id)."""

    def __init__(self, catalogue: Catalogue, lang: str) -> None:
        self.catalogue = catalogue
        self.lang = lang

    def lesson(self, lesson_id: str) -> str:
        if lesson_id in self.catalogue:
            return self.catalogue.get(lesson_id, self.lang).title
        return lesson_id

    def course(self, lesson_id: str) -> str:
        if lesson_id in self.catalogue:
            return self.catalogue.get(lesson_id, self.lang).course.value
        return Course.BASIC.value  # as the queries count a lesson the catalogue lacks

    def step(self, lesson_id: str, step_id: str) -> str:
        if lesson_id in self.catalogue:
            lesson = self.catalogue.get(lesson_id, self.lang)
            for number, step in enumerate(lesson.steps, start=1):
                if step.id == step_id:
                    return f"{number}. {step.title}"
        return step_id


def _sum(rows: Sequence[tuple], column: int) -> int:
    return sum(row[column] or 0 for row in rows)


def build_report(
    store: Store, catalogue: Catalogue, filt: ReportFilter, lang: str = "ja"
) -> Report:
    """Count everything the report shows for `filt`, one SQL query per table."""
    lang = "en" if lang == "en" else "ja"
    scope = report_scope(
        store,
        filt.first,
        filt.last,
        venue_id=filt.venue_id,
        volunteer_id=filt.volunteer_id,
        kind=filt.kind.value if filt.kind else None,
    )
    lines = _filter_lines(store, filt, lang)  # an unknown venue or volunteer id fails here
    results = run_queries(
        store, report_queries(scope, lesson_categories(catalogue), lesson_courses(catalogue))
    )
    names = _Names(catalogue, lang)
    total = texts.text("total", lang)

    def table(
        key: str, rows: Sequence[tuple], totals: Sequence[tuple] = (), note: str = ""
    ) -> Table:
        title = pick(TABLE_TITLES[key], lang)
        if key == "needs_help":
            title += texts.text("needs_help_more", lang).format(n=NEEDS_HELP_LIMIT)
        columns = tuple(pick(c, lang) for c in COLUMNS[key])
        kinds = KINDS[key]
        if key == "by_month_age":
            columns += (*(band.label(lang) for band in AgeBand), total)
            kinds += ("int",) * (len(AgeBand) + 1)
        return Table(
            key=key,
            title=title,
            columns=columns,
            kinds=kinds,
            rows=tuple(tuple(row) for row in (*rows, *totals)),
            note=note or (pick(NOTES[key], lang) if key in NOTES else ""),
            totals=len(totals),
        )

    (summary,) = results["summary"]
    figure = dict(zip(SUMMARY_KEYS, summary, strict=True))
    minutes = figure["minutes"] = figure["hours"]
    figure["hours"] = hours(minutes)
    people = (figure["attendances"], figure["named"], figure["unnamed"], figure["residents"])

    summary_note = pick(NOTES["summary"], lang)
    if figure["no_end"]:
        summary_note += pick(NOTES["no_end"], lang).format(n=figure["no_end"])

    sessions, understaffed = _session_rows(results["sessions"], names, lang)
    session_totals = (
        total,
        "",
        hours(sum(row[4] or 0 for row in results["sessions"])),
        "",
        "",
        "",
        "",
        "",
        *(_sum(sessions, i) for i in range(8, 14)),
        str(understaffed) if understaffed else "",
    )

    volunteers = [(*row[:5], hours(row[5]), *row[6:]) for row in results["by_volunteer"]]
    months = [(*row[:5], hours(row[5]), *row[6:]) for row in results["by_month"]]
    month_ages = [(row[0], *row[1:], sum(row[1:])) for row in results["by_month_age"]]
    ages = [(AgeBand(band).label(lang), *rest) for band, *rest in results["by_age_band"]]
    courses = [
        (course_label(course, lang), *row[:4], hours(row[4]), *row[5:])
        for course, *row in results["by_course"]
    ]
    pairs = [
        (course_label(course, lang), category_label(cat, lang), n, hours(m), *rest)
        for course, cat, n, m, *rest in results["by_course_category"]
    ]
    lessons = [
        (names.lesson(lesson_id), course_label(course, lang), category_label(cat, lang), *rest)
        for lesson_id, course, cat, *rest in results["by_lesson"]
    ]
    venues = [
        (*row[:3], hours(row[3]), *row[4:8], *map(dt.date.fromisoformat, row[8:]))
        for row in results["by_venue"]
    ]
    needs_help = [
        (names.lesson(lesson_id), names.step(lesson_id, step_id), count)
        for lesson_id, step_id, count in results["needs_help"]
    ]
    topics = [
        (topic_label(topic, lang) if topic is not None else total, *rest)
        for _pos, topic, *rest in results["topics"]
    ]
    outcomes = [
        (names.lesson(lesson_id) if lesson_id is not None else total, *counts)
        for lesson_id, *counts in results["outcomes"]
    ]
    by_kind = (figure["sessions"], figure["classes"], figure["consultations"], figure["outreach"])
    tables = (
        table(
            "summary",
            [(pick(SUMMARY_LABELS[k], lang), figure[k]) for k in SUMMARY_KEYS],
            note=summary_note,
        ),
        table(
            "sessions",
            sessions,
            [session_totals],
            note=pick(NOTES["sessions"], lang).format(n=understaffed),
        ),
        table(
            "by_volunteer",
            volunteers,
            [
                (
                    total,
                    *(_sum(volunteers, i) for i in range(1, 5)),
                    hours(sum(r[5] or 0 for r in results["by_volunteer"])),
                    *people,
                )
            ],
        ),
        table(
            "by_month",
            months,
            [
                (
                    total,
                    *by_kind,
                    figure["hours"],
                    *people,
                    _sum(months, 10),
                )
            ],
        ),
        table(
            "by_month_age",
            month_ages,
            [(total, *(_sum(month_ages, i) for i in range(1, len(AgeBand) + 2)))],
        ),
        table("by_age_band", ages, [(total, *people)]),
        table(
            "by_course",
            courses,
            [(total, *by_kind, figure["hours"], *people)],
        ),
        table(
            "by_course_category",
            pairs,
            [(total, "", figure["sessions"], figure["hours"], *people)],
        ),
        table("by_lesson", lessons, [(total, "", "", *(_sum(lessons, i) for i in range(3, 7)))]),
        table(
            "by_venue",
            venues,
            [
                (
                    total,
                    "",
                    figure["sessions"],
                    figure["hours"],
                    *people,
                    min((r[8] for r in venues), default=None),
                    max((r[9] for r in venues), default=None),
                )
            ],
        ),
        table("needs_help", needs_help, [(total, "", _sum(needs_help, 2))]),
        table("topics", topics[:-1], topics[-1:]),
        table("outcomes", outcomes[:-1], outcomes[-1:], note=pick(NOTES["outcomes"], lang)),
    )
    return Report(
        filter=filt,
        lang=lang,
        title=texts.text("title", lang),
        filter_lines=lines,
        tables=tables,
        chart=_chart(filt, results["chart"], lang),
        chart_note=texts.text("chart_note", lang),
        created=store.now().astimezone().date(),
        municipality=store.installation.municipality or "",
    )


def _session_rows(rows: list[tuple], names: _Names, lang: str) -> tuple[list[tuple], int]:
    """The 開催一覧's rows, and how many classes miss the 1:4 guideline.

    Sessions repeat a few lesson sets and teams, so each distinct one is named once."""
    separator = "、" if lang == "ja" else ", "
    kind_labels = {kind.value: kind.label(lang) for kind in SessionKind}

    @functools.cache
    def lessons(lessons_json: str) -> tuple[str, str]:
        ids = json.loads(lessons_json)
        if not ids:
            return texts.text("no_lesson", lang), ""
        values = {names.course(lid) for lid in ids}
        courses = separator.join(course_label(c.value, lang) for c in Course if c.value in values)
        return courses, separator.join(names.lesson(lid) for lid in ids)

    @functools.cache
    def team(team_json: str) -> tuple[str, tuple[VolunteerRole, ...]]:
        members = [(name, VolunteerRole(role)) for name, role in json.loads(team_json)]
        who = separator.join(
            f"{name}（{role.label(lang)}）" if lang == "ja" else f"{name} ({role.label(lang)})"
            for name, role in members
        )
        return who, tuple(role for _name, role in members)

    out: list[tuple] = []
    warned = 0
    for (
        _sid,
        day,
        start,
        end,
        minutes,
        venue,
        _town,
        kind,
        lessons_json,
        team_json,
        named,
        unnamed,
    ) in rows:
        courses, titles = lessons(lessons_json)
        who, roles = team(team_json)
        learners = named + unnamed
        warning = ""
        if kind == SessionKind.CLASS.value and staffing_warning(learners, list(roles)):
            warned += 1
            helpers = sum(r in (VolunteerRole.LEAD, VolunteerRole.ASSISTANT) for r in roles)
            if VolunteerRole.LEAD not in roles:
                warning = texts.text("staffing_no_lead", lang)
            else:
                warning = texts.text("staffing_short", lang).format(
                    learners=learners,
                    helpers=helpers,
                    needed=-(-learners // LEARNERS_PER_HELPER),
                )
        out.append(
            (
                dt.date.fromisoformat(day),
                f"{start}–{end or ''}",
                None if minutes is None else hours(minutes),
                venue,
                kind_labels[kind],
                courses,
                titles,
                who,
                roles.count(VolunteerRole.LEAD),
                roles.count(VolunteerRole.ASSISTANT),
                roles.count(VolunteerRole.RECEPTION),
                named,
                unnamed,
                learners,
                warning,
            )
        )
    return out, warned


def _chart(filt: ReportFilter, rows: list[tuple], lang: str) -> ChartData:
    """Reshape (month, category, attendances) rows into one series per category that has any."""
    months = filt.month_labels()
    position = {month: i for i, month in enumerate(months)}
    values: dict[str, list[int]] = {}
    for month, category, count in rows:
        values.setdefault(category, [0] * len(months))[position[month]] = count
    series = tuple(
        (category_label(category, lang), tuple(values[category]))
        for category in CATEGORY_ORDER
        if category in values and any(values[category])
    )
    return ChartData(months=months, series=series)


def _filter_lines(store: Store, filt: ReportFilter, lang: str) -> tuple[str, ...]:
    everything = texts.text("all", lang)
    if filt.venue_id:
        venue = store.get_venue(filt.venue_id)
        where = f"{venue.name}（{venue.municipality}）" if venue.municipality else venue.name
        if lang == "en" and venue.municipality:
            where = f"{venue.name} ({venue.municipality})"
    else:
        where = everything
    who = store.get_volunteer(filt.volunteer_id).display_name if filt.volunteer_id else everything
    kind = filt.kind.label(lang) if filt.kind else everything
    return (
        texts.period_line(filt.first, filt.last, filt.months, lang),
        texts.labelled("venue", where, lang),
        texts.labelled("volunteer", who, lang),
        texts.labelled("kind", kind, lang),
    )
