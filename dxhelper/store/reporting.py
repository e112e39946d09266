"""The coordinators' report as SQL: one query per table, run through the store.

Every figure is counted by SQLite; Python only maps ids to titles afterwards. The queries are
plain strings with named parameters so the benchmark can run exactly the same SQL through raw
sqlite3 on the same file.

What is counted (the period is a range of whole local months):

- A session is in the report when its (local) date falls in the period and it matches the
  venue, volunteer and kind filters. A venue filter matches every venue row with the same name
  and municipality: each volunteer's device creates its own row for 中央公民館, and after their
  bundles are merged a coordinator means the place, not one device's row. The volunteer filter
  likewise matches every volunteer row with the same display name.
- Attendances are named attendees (attendance rows) plus the unnamed counts by age band.
- New residents are the period's named attendees whose consent date falls in the period.
- Steps completed / marked "needs help" are progress rows in that state whose `at` (UTC) falls
  in the period's local days. Progress keeps only a step's latest state, so a step ticked in
  May and marked "needs help" in June counts once, in June, as needing help. Without a venue,
  volunteer or kind filter every such row counts (as on the Today screen), including ticks made
  outside a session; with one, only rows recorded in a matching session count, since a tick
  without a session belongs to no venue.
- Per lesson category, a session counts once for each category among its lessons, so the
  category rows can add up to more than the total. The chart instead stacks each session's
  attendances under the category of its first lesson, so each month's bar is that month's total.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import dxhelper.store.connection as connection
from dxhelper.core.categories import Category
from dxhelper.core.models import AgeBand
from dxhelper.store.schema import UNNAMED_COLUMNS
from dxhelper.store.store import Store, stamp

NO_LESSON = ""  # the category key of sessions that recorded no lesson
CATEGORY_ORDER: tuple[str, ...] = (*(c.value for c in Category), NO_LESSON)
NEEDS_HELP_LIMIT = 20
QUERY_KEYS = (
    "summary",
    "by_month",
    "by_age_band",
    "by_category",
    "by_lesson",
    "by_venue",
    "needs_help",
    "chart",
)


@dataclass(frozen=True, slots=True)
class ReportScope:
    """The period and filters as the queries need them."""

    d0: str  # first session date in the period (local, inclusive)
    d1: str  # first date after the period (exclusive)
    t0: str  # the same bounds as UTC stamps, for progress times
    t1: str
    months: tuple[tuple[str, str, str], ...]  # ("YYYY-MM", t0, t1) for every month
    venue_id: str | None = None
    volunteer_id: str | None = None
    kind: str | None = None

    @property
    def narrowed(self) -> bool:
        """True when a filter beyond the period applies (progress must then come from a
        matching session)."""
        return bool(self.venue_id or self.volunteer_id or self.kind)


@dataclass(frozen=True, slots=True)
class Query:
    sql: str
    params: dict[str, Any] = field(default_factory=dict)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def report_scope(
    store: Store,
    first: dt.date,
    last: dt.date,
    *,
    venue_id: str | None = None,
    volunteer_id: str | None = None,
    kind: str | None = None,
) -> ReportScope:
    """Bounds for the months `first`…`last` (first days of months, inclusive).

    Session dates are local dates; progress times are UTC, so each local midnight is
    converted with this machine's time zone (as the Today screen's month counts are).
    """
    local_tz = store.now().astimezone().tzinfo

    def utc(day: dt.date) -> str:
        return stamp(dt.datetime.combine(day, dt.time(), local_tz))

    months = []
    month = first.replace(day=1)
    while month <= last:
        following = _next_month(month)
        months.append((month.strftime("%Y-%m"), utc(month), utc(following)))
        month = following
    end = _next_month(last.replace(day=1))
    return ReportScope(
        d0=first.replace(day=1).isoformat(),
        d1=end.isoformat(),
        t0=utc(first.replace(day=1)),
        t1=utc(end),
        months=tuple(months),
        venue_id=venue_id,
        volunteer_id=volunteer_id,
        kind=kind,
    )


# -- the SQL -----------------------------------------------------------------------------------

_UNNAMED = list(UNNAMED_COLUMNS.values())
_UNNAMED_SUM = " + ".join(f"s.{c}" for c in _UNNAMED)


def _sessions_cte(scope: ReportScope) -> str:
    """`ps`: the period's sessions that match the filters (only the filters given are written,
    so the planner can use the venue or volunteer index)."""
    where = ["s.date >= :d0", "s.date < :d1"]
    if scope.venue_id:
        where.append(
            "s.venue_id IN (SELECT same.id FROM venues chosen JOIN venues same"
            " ON same.name = chosen.name AND same.municipality = chosen.municipality"
            " WHERE chosen.id = :venue_id)"
        )
    if scope.volunteer_id:
        where.append(
            "s.volunteer_id IN (SELECT same.id FROM volunteers chosen JOIN volunteers same"
            " ON same.display_name = chosen.display_name WHERE chosen.id = :volunteer_id)"
        )
    if scope.kind:
        where.append("s.kind = :kind")
    columns = ", ".join(f"s.{c}" for c in _UNNAMED)
    return (
        f"ps AS (SELECT s.id, s.date, s.venue_id, s.kind, {columns}, {_UNNAMED_SUM} AS unnamed"
        f" FROM sessions s WHERE {' AND '.join(where)})"
    )


def _progress_where(scope: ReportScope, state: str, t0: str = ":t0", t1: str = ":t1") -> str:
    where = f"p.state = '{state}' AND p.at >= {t0} AND p.at < {t1}"
    if scope.narrowed:
        where += " AND p.session_id IN (SELECT id FROM ps)"
    return where


# Lesson → category map and the category order come in as JSON, so the catalogue (which lives
# in files, not the database) joins in the same query.
_LESSON_CATEGORIES_CTE = (
    "lc AS MATERIALIZED (SELECT key AS lesson_id, value AS category"
    " FROM json_each(:lesson_categories))"
)
_CATEGORY_ORDER_CTE = (
    "co AS MATERIALIZED (SELECT value AS category, key AS pos FROM json_each(:category_order))"
)
# Each matching session with its head count (named + unnamed). The count reads the
# attendance (session_id, resident_id) index only.
_PEOPLE_CTE = (
    "sp AS MATERIALIZED (SELECT ps.id, ps.date,"
    " ps.unnamed + (SELECT count(*) FROM attendance a WHERE a.session_id = ps.id) AS people"
    " FROM ps)"
)


def _summary(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)},
-- one row per named resident who came, with how often: counts and distinct in one pass
named AS MATERIALIZED (
    SELECT a.resident_id, count(*) AS n
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id GROUP BY a.resident_id
),
totals AS MATERIALIZED (
    SELECT count(*) AS sessions, sum(kind = 'class') AS classes,
           sum(kind = 'consultation') AS consultations, sum(kind = 'outreach') AS outreach,
           coalesce(sum(unnamed), 0) AS unnamed
    FROM ps
),
n AS MATERIALIZED (SELECT coalesce(sum(n), 0) AS named, count(*) AS residents FROM named)
SELECT
    totals.sessions,
    coalesce(totals.classes, 0),
    coalesce(totals.consultations, 0),
    coalesce(totals.outreach, 0),
    n.named + totals.unnamed AS attendances,
    n.named,
    totals.unnamed,
    n.residents,
    (SELECT count(*) FROM named JOIN residents r ON r.id = named.resident_id
      WHERE r.consent_date >= :d0 AND r.consent_date < :d1) AS new_residents,
    (SELECT count(*) FROM progress p WHERE {_progress_where(scope, "done")}) AS steps_done,
    (SELECT count(*) FROM progress p WHERE {_progress_where(scope, "help")}) AS needs_help
FROM totals CROSS JOIN n
"""


def _by_month(scope: ReportScope) -> str:
    done = _progress_where(scope, "done", "m.t0", "m.t1")
    return f"""
WITH {_sessions_cte(scope)},
m AS (
    SELECT key AS pos, json_extract(value, '$[0]') AS month,
           json_extract(value, '$[1]') AS t0, json_extract(value, '$[2]') AS t1
    FROM json_each(:months)
),
sm AS (
    SELECT substr(date, 1, 7) AS month, count(*) AS sessions, sum(unnamed) AS unnamed
    FROM ps GROUP BY 1
),
am AS (
    SELECT substr(ps.date, 1, 7) AS month, count(*) AS named,
           count(DISTINCT a.resident_id) AS residents
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id GROUP BY 1
)
SELECT m.month,
       coalesce(sm.sessions, 0),
       coalesce(am.named, 0) + coalesce(sm.unnamed, 0),
       coalesce(am.named, 0),
       coalesce(sm.unnamed, 0),
       coalesce(am.residents, 0),
       (SELECT count(*) FROM progress p WHERE {done})
FROM m LEFT JOIN sm ON sm.month = m.month LEFT JOIN am ON am.month = m.month
ORDER BY m.pos
"""


def _by_age_band(scope: ReportScope) -> str:
    sums = ", ".join(f"coalesce(sum({c}), 0) AS {c}" for c in _UNNAMED)
    pick = " ".join(f"WHEN '{band.value}' THEN u.{col}" for band, col in UNNAMED_COLUMNS.items())
    return f"""
WITH {_sessions_cte(scope)},
per_resident AS (
    SELECT a.resident_id, count(*) AS n
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id GROUP BY a.resident_id
),
named AS (
    SELECT r.age_band AS band, sum(pr.n) AS n, count(*) AS residents
    FROM per_resident pr JOIN residents r ON r.id = pr.resident_id
    GROUP BY r.age_band
),
u AS (SELECT {sums} FROM ps),
b AS (SELECT key AS pos, value AS band FROM json_each(:bands)),
rows AS (
    SELECT b.pos, b.band, coalesce(named.n, 0) AS named,
           CASE b.band {pick} ELSE 0 END AS unnamed, coalesce(named.residents, 0) AS residents
    FROM b CROSS JOIN u LEFT JOIN named ON named.band = b.band
)
SELECT band, named + unnamed, named, unnamed, residents FROM rows ORDER BY pos
"""


def _by_category(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}, {_PEOPLE_CTE}, {_LESSON_CATEGORIES_CTE}, {_CATEGORY_ORDER_CTE},
sc AS (
    SELECT DISTINCT sp.id,
           CASE WHEN sl.lesson_id IS NULL THEN '{NO_LESSON}'
                ELSE coalesce(lc.category, '{Category.OTHER.value}') END AS category
    FROM sp LEFT JOIN session_lessons sl ON sl.session_id = sp.id
    LEFT JOIN lc ON lc.lesson_id = sl.lesson_id
),
agg AS (
    SELECT sc.category, count(*) AS sessions, sum(sp.people) AS people
    FROM sc JOIN sp ON sp.id = sc.id GROUP BY sc.category
),
per_lesson AS (
    SELECT p.lesson_id, count(*) AS steps FROM progress p
    WHERE {_progress_where(scope, "done")} GROUP BY p.lesson_id
),
done AS (
    SELECT coalesce(lc.category, '{Category.OTHER.value}') AS category, sum(steps) AS steps
    FROM per_lesson LEFT JOIN lc ON lc.lesson_id = per_lesson.lesson_id
    GROUP BY 1
)
SELECT co.category, coalesce(agg.sessions, 0), coalesce(agg.people, 0), coalesce(done.steps, 0)
FROM co LEFT JOIN agg ON agg.category = co.category LEFT JOIN done ON done.category = co.category
ORDER BY co.pos
"""


def _by_lesson(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}, {_PEOPLE_CTE}, {_LESSON_CATEGORIES_CTE}, {_CATEGORY_ORDER_CTE},
ls AS (
    SELECT sl.lesson_id, count(*) AS sessions, sum(sp.people) AS people
    FROM sp JOIN session_lessons sl ON sl.session_id = sp.id GROUP BY sl.lesson_id
),
pr AS (
    SELECT p.lesson_id, sum(p.state = 'done') AS done, sum(p.state = 'help') AS help
    FROM progress p
    WHERE ({_progress_where(scope, "done")}) OR ({_progress_where(scope, "help")})
    GROUP BY p.lesson_id
),
ids AS (SELECT lesson_id FROM ls UNION SELECT lesson_id FROM pr)
SELECT ids.lesson_id, coalesce(lc.category, '{Category.OTHER.value}') AS category,
       coalesce(ls.sessions, 0) AS sessions, coalesce(ls.people, 0),
       coalesce(pr.done, 0), coalesce(pr.help, 0)
FROM ids LEFT JOIN ls ON ls.lesson_id = ids.lesson_id
LEFT JOIN pr ON pr.lesson_id = ids.lesson_id
LEFT JOIN lc ON lc.lesson_id = ids.lesson_id
LEFT JOIN co ON co.category = coalesce(lc.category, '{Category.OTHER.value}')
ORDER BY co.pos, sessions DESC, ids.lesson_id
"""


def _by_venue(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)},
vs AS (
    SELECT v.name, v.municipality, count(*) AS sessions, sum(ps.unnamed) AS unnamed,
           min(ps.date) AS first_date, max(ps.date) AS last_date
    FROM ps JOIN venues v ON v.id = ps.venue_id GROUP BY v.name, v.municipality
),
va AS (
    SELECT v.name, v.municipality, count(*) AS named, count(DISTINCT a.resident_id) AS residents
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id
    JOIN venues v ON v.id = ps.venue_id
    GROUP BY v.name, v.municipality
)
SELECT vs.name, vs.municipality, vs.sessions, coalesce(va.named, 0) + vs.unnamed,
       coalesce(va.residents, 0), vs.first_date, vs.last_date
FROM vs LEFT JOIN va ON va.name = vs.name AND va.municipality = vs.municipality
ORDER BY vs.sessions DESC, vs.name, vs.municipality
"""


def _needs_help(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}
SELECT p.lesson_id, p.step_id, count(*) AS residents
FROM progress p WHERE {_progress_where(scope, "help")}
GROUP BY p.lesson_id, p.step_id
ORDER BY residents DESC, p.lesson_id, p.step_id
LIMIT {NEEDS_HELP_LIMIT}
"""


def _chart(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}, {_LESSON_CATEGORIES_CTE},
first_lesson AS MATERIALIZED (
    SELECT substr(ps.date, 1, 7) AS month,
           ps.unnamed + (SELECT count(*) FROM attendance a WHERE a.session_id = ps.id) AS people,
           (SELECT sl.lesson_id FROM session_lessons sl WHERE sl.session_id = ps.id
             ORDER BY sl.position, sl.lesson_id LIMIT 1) AS lesson_id
    FROM ps
)
SELECT f.month,
       CASE WHEN f.lesson_id IS NULL THEN '{NO_LESSON}'
            ELSE coalesce(lc.category, '{Category.OTHER.value}') END AS category,
       sum(f.people)
FROM first_lesson f LEFT JOIN lc ON lc.lesson_id = f.lesson_id
GROUP BY 1, 2
ORDER BY 1, 2
"""


_BUILDERS = {
    "summary": _summary,
    "by_month": _by_month,
    "by_age_band": _by_age_band,
    "by_category": _by_category,
    "by_lesson": _by_lesson,
    "by_venue": _by_venue,
    "needs_help": _needs_help,
    "chart": _chart,
}


def report_queries(scope: ReportScope, lesson_categories: Mapping[str, str]) -> dict[str, Query]:
    """Every query of the report with its parameters, keyed as in QUERY_KEYS.

    `lesson_categories` maps lesson id → category value (from the catalogue); lessons it does
    not know count as "other".
    """
    params: dict[str, Any] = {
        "d0": scope.d0,
        "d1": scope.d1,
        "t0": scope.t0,
        "t1": scope.t1,
        "months": json.dumps(scope.months),
        "bands": json.dumps([band.value for band in AgeBand]),
        "lesson_categories": json.dumps(dict(lesson_categories), ensure_ascii=False),
        "category_order": json.dumps(CATEGORY_ORDER),
    }
    if scope.venue_id:
        params["venue_id"] = scope.venue_id
    if scope.volunteer_id:
        params["volunteer_id"] = scope.volunteer_id
    if scope.kind:
        params["kind"] = scope.kind
    queries = {}
    for key in QUERY_KEYS:
        sql = _BUILDERS[key](scope)
        # Pass only the parameters a statement names (sqlite3 accepts extras, but the bench
        # and a reader should see exactly what each query uses).
        used = {name: value for name, value in params.items() if f":{name}" in sql}
        queries[key] = Query(sql, used)
    return queries


def run_queries(store: Store, queries: Mapping[str, Query]) -> dict[str, list[tuple]]:
    """Run each query and return its rows as tuples; SQLite's failures become a StoreError."""
    results: dict[str, list[tuple]] = {}
    try:
        for key, query in queries.items():
            results[key] = store.handle.db.execute(query.sql, query.params).fetchall()
    except sqlite3.Error as exc:
        raise connection.translate(exc, store.path) from exc
    return results


def venue_ids_named(store: Store, text: str) -> list[tuple[str, str, str]]:
    """(id, name, municipality) of venues whose id or name is `text` (for `--venue`)."""
    return [
        (row["id"], row["name"], row["municipality"])
        for row in store.handle.rows(
            "SELECT id, name, municipality FROM venues WHERE id = :t OR name = :t"
            " ORDER BY name, municipality, created_at",
            {"t": text},
        )
    ]


def volunteer_ids_named(store: Store, text: str) -> list[tuple[str, str]]:
    """(id, display name) of volunteers whose id or display name is `text`."""
    return [
        (row["id"], row["display_name"])
        for row in store.handle.rows(
            "SELECT id, display_name FROM volunteers WHERE id = :t OR display_name = :t"
            " ORDER BY display_name, created_at",
            {"t": text},
        )
    ]


def venue_places(store: Store) -> list[tuple[str, str, str]]:
    """(id, name, municipality) once per place: rows that share a name and municipality (one
    per device, after merging) are one entry, under the id of the oldest row. For the Reports
    screen's venue filter; any id of a place filters the whole place."""
    return [
        (row["id"], row["name"], row["municipality"])
        for row in store.handle.rows(
            "SELECT v.id, v.name, v.municipality FROM venues v"
            " WHERE v.rowid = (SELECT min(o.rowid) FROM venues o"
            "                  WHERE o.name = v.name AND o.municipality = v.municipality)"
            " ORDER BY v.name, v.municipality"
        )
    ]


def volunteer_people(store: Store) -> list[tuple[str, str]]:
    """(id, display name) once per display name, for the Reports screen's volunteer filter."""
    return [
        (row["id"], row["display_name"])
        for row in store.handle.rows(
            "SELECT v.id, v.display_name FROM volunteers v"
            " WHERE v.rowid = (SELECT min(o.rowid) FROM volunteers o"
            "                  WHERE o.display_name = v.display_name)"
            " ORDER BY v.display_name"
        )
    ]
