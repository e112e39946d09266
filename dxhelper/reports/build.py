"""Build a Report from the store: run the report's queries, then name what the ids stand for."""

from __future__ import annotations

import datetime as dt

import dxhelper.reports.texts as texts
from dxhelper.core.categories import Category
from dxhelper.core.lessons import Catalogue
from dxhelper.core.models import AgeBand
from dxhelper.reports.model import ChartData, Report, ReportFilter, Table
from dxhelper.reports.texts import COLUMNS, KINDS, SUMMARY_KEYS, SUMMARY_LABELS, TABLE_TITLES, pick
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


def category_label(value: str, lang: str) -> str:
    if value == NO_LESSON:
        return texts.text("no_lesson", lang)
    try:
        return Category(value).label(lang)
    except ValueError:
        return value


class _Names:
    """Titles for ids, from the catalogue (a lesson or step it no longer has shows its id)."""

    def __init__(self, catalogue: Catalogue, lang: str) -> None:
        self.catalogue = catalogue
        self.lang = lang

    def lesson(self, lesson_id: str) -> str:
        if lesson_id in self.catalogue:
            return self.catalogue.get(lesson_id, self.lang).title
        return lesson_id

    def step(self, lesson_id: str, step_id: str) -> str:
        if lesson_id in self.catalogue:
            lesson = self.catalogue.get(lesson_id, self.lang)
            for number, step in enumerate(lesson.steps, start=1):
                if step.id == step_id:
                    return f"{number}. {step.title}"
        return step_id


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
    results = run_queries(store, report_queries(scope, lesson_categories(catalogue)))
    names = _Names(catalogue, lang)

    def table(key: str, rows: list[tuple]) -> Table:
        title = pick(TABLE_TITLES[key], lang)
        if key == "needs_help":
            title += texts.text("needs_help_more", lang).format(n=NEEDS_HELP_LIMIT)
        return Table(
            key=key,
            title=title,
            columns=tuple(pick(c, lang) for c in COLUMNS[key]),
            kinds=KINDS[key],
            rows=tuple(tuple(row) for row in rows),
        )

    (summary,) = results["summary"]
    tables = (
        table(
            "summary",
            [
                (pick(SUMMARY_LABELS[k], lang), value)
                for k, value in zip(SUMMARY_KEYS, summary, strict=True)
            ],
        ),
        table("by_month", results["by_month"]),
        table(
            "by_age_band",
            [(AgeBand(band).label(lang), *rest) for band, *rest in results["by_age_band"]],
        ),
        table(
            "by_category",
            [(category_label(cat, lang), *rest) for cat, *rest in results["by_category"]],
        ),
        table(
            "by_lesson",
            [
                (names.lesson(lesson_id), category_label(cat, lang), *rest)
                for lesson_id, cat, *rest in results["by_lesson"]
            ],
        ),
        table(
            "by_venue",
            [
                (*head, dt.date.fromisoformat(first), dt.date.fromisoformat(last))
                for *head, first, last in results["by_venue"]
            ],
        ),
        table(
            "needs_help",
            [
                (names.lesson(lesson_id), names.step(lesson_id, step_id), count)
                for lesson_id, step_id, count in results["needs_help"]
            ],
        ),
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
    )


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
