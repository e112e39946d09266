"""The coordinators' report as SQL: one query per table, run through the store.

Every figure is counted by SQLite; Python only maps ids to titles afterwards. The queries are
plain strings with named parameters so the benchmark can run exactly the same SQL through raw
sqlite3 on the same file.

What is counted (the period is a range of whole local months):

- A session is in the report when its (local) date falls in the period and it matches the
  venue, volunteer and kind filters. A venue filter matches every venue row with the same name
  and municipality: each volunteer's device creates its own row for 中央公民館, and after their
  bundles are merged a coordinator means the place, not one device's row. The volunteer filter
  likewise matches every volunteer row with the same display name, and means every session the
  person worked at in any role (session_volunteers), not only the ones they recorded.
- Attendances (延べ) are named attendees (attendance rows) plus the unnamed counts by age band.
  Unnamed attendees are counted per session, so they are in the 延べ figures only; distinct
  residents (実人数) are named residents.
- Hours (コマ) are the sum of end − start of sessions with an end time; a session without one
  (or ending before it starts) adds no hours and is counted in the summary instead.
- New residents are the period's named attendees whose consent date falls in the period.
- Steps completed / marked "needs help" are progress rows in that state whose `at` (UTC) falls
  in the period's local days. Progress keeps only a step's latest state, so a step ticked in
  May and marked "needs help" in June counts once, in June, as needing help. Without a venue,
  volunteer or kind filter every such row counts (as on the Today screen), including ticks made
  outside a session; with one, only rows recorded in a matching session count, since a tick
  without a session belongs to no venue.
- Per course type (基本講座 / 応用講座) and per lesson category, a session counts once for each
  course or category among its lessons, so those rows can add up to more than the total; the
  chart counts the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import dxhelper.store.connection as connection
from dxhelper.core.categories import Category, Course
from dxhelper.core.models import LEARNERS_PER_HELPER, AgeBand
from dxhelper.store.schema import UNNAMED_COLUMNS
from dxhelper.store.store import Store, stamp

NO_LESSON = ""  # the category key of sessions that recorded no lesson
CATEGORY_ORDER: tuple[str, ...] = (*(c.value for c in Category), NO_LESSON)
COURSE_ORDER: tuple[str, ...] = (*(c.value for c in Course), NO_LESSON)
# A consultation's topic: "" (not given), or a category ("other" comes with a few words).
NO_TOPIC = ""
TOPIC_ORDER: tuple[str, ...] = (NO_TOPIC, *(c.value for c in Category))
NEEDS_HELP_LIMIT = 20
QUERY_KEYS = (
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


def _clock(column: str) -> str:
    return (
        f"(CAST(substr({column}, 1, 2) AS INTEGER) * 60 + CAST(substr({column}, 4, 2) AS INTEGER))"
    )


# A session's length in minutes; NULL without an end time (or with one before the start),
# so such a session is left out of the hours and counted in a footnote instead.
_MINUTES = (
    "CASE WHEN s.end_time IS NOT NULL AND s.end_time >= s.start_time"
    f" THEN {_clock('s.end_time')} - {_clock('s.start_time')} END"
)


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
        # Every session the person worked at, in any role (not only the ones they recorded).
        where.append(
            "s.id IN (SELECT sv.session_id FROM session_volunteers sv"
            " WHERE sv.removed = 0 AND sv.volunteer_id IN (SELECT same.id FROM volunteers chosen"
            " JOIN volunteers same ON same.display_name = chosen.display_name"
            " WHERE chosen.id = :volunteer_id))"
        )
    if scope.kind:
        where.append("s.kind = :kind")
    columns = ", ".join(f"s.{c}" for c in _UNNAMED)
    return (
        "ps AS MATERIALIZED (SELECT s.id, s.date, s.start_time, s.end_time, s.venue_id, s.kind,"
        f" s.topic, s.topic_note, {columns}, {_UNNAMED_SUM} AS unnamed, {_MINUTES} AS minutes"
        f" FROM sessions s WHERE {' AND '.join(where)})"
    )


def _progress_where(scope: ReportScope, state: str, t0: str = ":t0", t1: str = ":t1") -> str:
    where = f"p.state = '{state}' AND p.at >= {t0} AND p.at < {t1}"
    if scope.narrowed:
        where += " AND p.session_id IN (SELECT id FROM ps)"
    return where


# The catalogue lives in files, not the database: lesson → category and lesson → course come
# in as JSON, with the orders to list them in, so they join in the same query.
_LESSON_CATEGORIES_CTE = (
    "lc AS MATERIALIZED (SELECT key AS lesson_id, value AS category"
    " FROM json_each(:lesson_categories))"
)
_LESSON_COURSES_CTE = (
    "lco AS MATERIALIZED (SELECT key AS lesson_id, value AS course FROM json_each(:lesson_courses))"
)
_CATEGORY_ORDER_CTE = (
    "co AS MATERIALIZED (SELECT value AS category, key AS pos FROM json_each(:category_order))"
)
_COURSE_ORDER_CTE = (
    "cso AS MATERIALIZED (SELECT value AS course, key AS pos FROM json_each(:course_order))"
)
_MONTHS_CTE = (
    "m AS (SELECT key AS pos, json_extract(value, '$[0]') AS month,"
    " json_extract(value, '$[1]') AS t0, json_extract(value, '$[2]') AS t1"
    " FROM json_each(:months))"
)
_CATEGORY = (
    f"CASE WHEN sl.lesson_id IS NULL THEN '{NO_LESSON}'"
    f" ELSE coalesce(lc.category, '{Category.OTHER.value}') END"
)
# A lesson the catalogue does not know counts as basic, like a lesson file without `course`.
_COURSE = (
    f"CASE WHEN sl.lesson_id IS NULL THEN '{NO_LESSON}'"
    f" ELSE coalesce(lco.course, '{Course.BASIC.value}') END"
)
# Each matching session with its named head count (reads the attendance index only).
_PEOPLE_CTE = (
    "sp AS MATERIALIZED (SELECT ps.id, ps.date, ps.kind, ps.minutes, ps.unnamed,"
    " (SELECT count(*) FROM attendance a WHERE a.session_id = ps.id) AS named FROM ps)"
)
# Helpers per session (講師 + アシスタント), for the 1:4 rule. CROSS JOIN keeps the period's
# sessions as the outer loop (left to itself the planner scans every team row).
_TEAM_CTE = (
    "team AS MATERIALIZED (SELECT sv.session_id, sum(sv.role = 'lead') AS leads,"
    " sum(sv.role = 'assistant') AS assistants FROM ps"
    " CROSS JOIN session_volunteers sv ON sv.session_id = ps.id AND sv.removed = 0"
    " GROUP BY sv.session_id)"
)
_UNDERSTAFFED = (
    f"sp.kind = 'class' AND sp.named + sp.unnamed > 0 AND (coalesce(team.leads, 0) = 0"
    f" OR sp.named + sp.unnamed > {LEARNERS_PER_HELPER}"
    " * (coalesce(team.leads, 0) + coalesce(team.assistants, 0)))"
)


def _summary(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}, {_PEOPLE_CTE}, {_TEAM_CTE}, {_LESSON_COURSES_CTE},
-- one row per named resident who came, with how often: counts and distinct in one pass
named AS MATERIALIZED (
    SELECT a.resident_id, count(*) AS n
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id GROUP BY a.resident_id
),
courses AS MATERIALIZED (
    SELECT DISTINCT ps.id, {_COURSE} AS course
    FROM ps LEFT JOIN session_lessons sl ON sl.session_id = ps.id
    LEFT JOIN lco ON lco.lesson_id = sl.lesson_id
),
totals AS MATERIALIZED (
    SELECT count(*) AS sessions, sum(kind = 'class') AS classes,
           sum(kind = 'consultation') AS consultations, sum(kind = 'outreach') AS outreach,
           coalesce(sum(unnamed), 0) AS unnamed, coalesce(sum(minutes), 0) AS minutes,
           sum(minutes IS NULL) AS no_end
    FROM ps
),
n AS MATERIALIZED (SELECT coalesce(sum(n), 0) AS named, count(*) AS residents FROM named)
SELECT
    totals.sessions,
    coalesce(totals.classes, 0),
    coalesce(totals.consultations, 0),
    coalesce(totals.outreach, 0),
    (SELECT count(*) FROM courses WHERE course = '{Course.BASIC.value}'),
    (SELECT count(*) FROM courses WHERE course = '{Course.APPLIED.value}'),
    (SELECT count(*) FROM courses WHERE course = '{NO_LESSON}'),
    totals.minutes,
    coalesce(totals.no_end, 0),
    n.named + totals.unnamed AS attendances,
    n.named,
    totals.unnamed,
    n.residents,
    (SELECT count(*) FROM named JOIN residents r ON r.id = named.resident_id
      WHERE r.consent_date >= :d0 AND r.consent_date < :d1) AS new_residents,
    (SELECT count(DISTINCT v.display_name) FROM ps
      CROSS JOIN session_volunteers sv ON sv.session_id = ps.id AND sv.removed = 0
      JOIN volunteers v ON v.id = sv.volunteer_id) AS volunteers,
    (SELECT count(*) FROM sp LEFT JOIN team ON team.session_id = sp.id
      WHERE {_UNDERSTAFFED}) AS understaffed,
    (SELECT count(*) FROM progress p WHERE {_progress_where(scope, "done")}) AS steps_done,
    (SELECT count(*) FROM progress p WHERE {_progress_where(scope, "help")}) AS needs_help
FROM totals CROSS JOIN n
"""


def _sessions(scope: ReportScope) -> str:
    """Every session held, one row each; lesson ids and the team come as JSON arrays."""
    return f"""
WITH {_sessions_cte(scope)}
SELECT ps.id, ps.date, ps.start_time, ps.end_time, ps.minutes, v.name, v.municipality, ps.kind,
       (SELECT json_group_array(lesson_id) FROM (
            SELECT sl.lesson_id FROM session_lessons sl WHERE sl.session_id = ps.id
            ORDER BY sl.position, sl.lesson_id)) AS lessons,
       (SELECT json_group_array(json_array(name, role)) FROM (
            SELECT vo.display_name AS name, sv.role FROM session_volunteers sv
            JOIN volunteers vo ON vo.id = sv.volunteer_id
            WHERE sv.session_id = ps.id AND sv.removed = 0
            ORDER BY CASE sv.role WHEN 'lead' THEN 0 WHEN 'assistant' THEN 1 ELSE 2 END,
                     sv.created_at, vo.display_name)) AS team,
       (SELECT count(*) FROM attendance a WHERE a.session_id = ps.id) AS named,
       ps.unnamed
FROM ps JOIN venues v ON v.id = ps.venue_id
ORDER BY ps.date, ps.start_time, v.name, ps.id
"""


def _by_volunteer(scope: ReportScope) -> str:
    # One person may have a row per device (merged bundles): count by display name, and each
    # session once per person.
    return f"""
WITH {_sessions_cte(scope)},
worked AS MATERIALIZED (
    SELECT vo.display_name AS name, sv.role, ps.id, ps.minutes, ps.unnamed
    FROM ps CROSS JOIN session_volunteers sv ON sv.session_id = ps.id AND sv.removed = 0
    JOIN volunteers vo ON vo.id = sv.volunteer_id
),
per AS MATERIALIZED (SELECT DISTINCT name, id, minutes, unnamed FROM worked),
agg AS (
    SELECT name, count(*) AS sessions, coalesce(sum(minutes), 0) AS minutes,
           sum(unnamed) AS unnamed
    FROM per GROUP BY name
),
roles AS (
    SELECT name, count(DISTINCT CASE WHEN role = 'lead' THEN id END) AS leads,
           count(DISTINCT CASE WHEN role = 'assistant' THEN id END) AS assistants,
           count(DISTINCT CASE WHEN role = 'reception' THEN id END) AS receptions
    FROM worked GROUP BY name
),
people AS (
    SELECT per.name, count(*) AS named, count(DISTINCT a.resident_id) AS residents
    FROM per CROSS JOIN attendance a ON a.session_id = per.id GROUP BY per.name
)
SELECT agg.name, agg.sessions, roles.leads, roles.assistants, roles.receptions, agg.minutes,
       coalesce(people.named, 0) + agg.unnamed, coalesce(people.named, 0), agg.unnamed,
       coalesce(people.residents, 0)
FROM agg JOIN roles ON roles.name = agg.name LEFT JOIN people ON people.name = agg.name
ORDER BY agg.sessions DESC, agg.name
"""


def _by_month(scope: ReportScope) -> str:
    done = _progress_where(scope, "done", "m.t0", "m.t1")
    return f"""
WITH {_sessions_cte(scope)}, {_MONTHS_CTE},
sm AS (
    SELECT substr(date, 1, 7) AS month, count(*) AS sessions, sum(kind = 'class') AS classes,
           sum(kind = 'consultation') AS consultations, sum(kind = 'outreach') AS outreach,
           coalesce(sum(minutes), 0) AS minutes, sum(unnamed) AS unnamed
    FROM ps GROUP BY 1
),
am AS (
    SELECT substr(ps.date, 1, 7) AS month, count(*) AS named,
           count(DISTINCT a.resident_id) AS residents
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id GROUP BY 1
)
SELECT m.month,
       coalesce(sm.sessions, 0),
       coalesce(sm.classes, 0),
       coalesce(sm.consultations, 0),
       coalesce(sm.outreach, 0),
       coalesce(sm.minutes, 0),
       coalesce(am.named, 0) + coalesce(sm.unnamed, 0),
       coalesce(am.named, 0),
       coalesce(sm.unnamed, 0),
       coalesce(am.residents, 0),
       (SELECT count(*) FROM progress p WHERE {done})
FROM m LEFT JOIN sm ON sm.month = m.month LEFT JOIN am ON am.month = m.month
ORDER BY m.pos
"""


def _by_month_age(scope: ReportScope) -> str:
    named = ", ".join(
        f"sum(r.age_band = '{band.value}') AS {col}" for band, col in UNNAMED_COLUMNS.items()
    )
    unnamed = ", ".join(f"sum({col}) AS {col}" for col in _UNNAMED)
    cells = ", ".join(f"coalesce(nm.{col}, 0) + coalesce(um.{col}, 0)" for col in _UNNAMED)
    return f"""
WITH {_sessions_cte(scope)}, {_MONTHS_CTE},
nm AS (
    SELECT substr(ps.date, 1, 7) AS month, {named}
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id
    JOIN residents r ON r.id = a.resident_id GROUP BY 1
),
um AS (SELECT substr(date, 1, 7) AS month, {unnamed} FROM ps GROUP BY 1)
SELECT m.month, {cells}
FROM m LEFT JOIN nm ON nm.month = m.month LEFT JOIN um ON um.month = m.month
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


def _by_course(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}, {_LESSON_COURSES_CTE}, {_COURSE_ORDER_CTE},
sc AS MATERIALIZED (
    SELECT DISTINCT ps.id, {_COURSE} AS course
    FROM ps LEFT JOIN session_lessons sl ON sl.session_id = ps.id
    LEFT JOIN lco ON lco.lesson_id = sl.lesson_id
),
agg AS (
    SELECT sc.course, count(*) AS sessions, sum(ps.kind = 'class') AS classes,
           sum(ps.kind = 'consultation') AS consultations, sum(ps.kind = 'outreach') AS outreach,
           coalesce(sum(ps.minutes), 0) AS minutes, sum(ps.unnamed) AS unnamed
    FROM sc JOIN ps ON ps.id = sc.id GROUP BY sc.course
),
people AS (
    SELECT sc.course, count(*) AS named, count(DISTINCT a.resident_id) AS residents
    FROM sc CROSS JOIN attendance a ON a.session_id = sc.id GROUP BY sc.course
)
SELECT cso.course, coalesce(agg.sessions, 0), coalesce(agg.classes, 0),
       coalesce(agg.consultations, 0), coalesce(agg.outreach, 0), coalesce(agg.minutes, 0),
       coalesce(people.named, 0) + coalesce(agg.unnamed, 0), coalesce(people.named, 0),
       coalesce(agg.unnamed, 0), coalesce(people.residents, 0)
FROM cso LEFT JOIN agg ON agg.course = cso.course LEFT JOIN people ON people.course = cso.course
ORDER BY cso.pos
"""


def _by_course_category(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}, {_LESSON_CATEGORIES_CTE}, {_LESSON_COURSES_CTE},
{_CATEGORY_ORDER_CTE}, {_COURSE_ORDER_CTE},
pair AS MATERIALIZED (
    SELECT DISTINCT ps.id, {_COURSE} AS course, {_CATEGORY} AS category
    FROM ps LEFT JOIN session_lessons sl ON sl.session_id = ps.id
    LEFT JOIN lc ON lc.lesson_id = sl.lesson_id LEFT JOIN lco ON lco.lesson_id = sl.lesson_id
),
agg AS (
    SELECT pair.course, pair.category, count(*) AS sessions,
           coalesce(sum(ps.minutes), 0) AS minutes, sum(ps.unnamed) AS unnamed
    FROM pair JOIN ps ON ps.id = pair.id GROUP BY 1, 2
),
people AS (
    SELECT pair.course, pair.category, count(*) AS named,
           count(DISTINCT a.resident_id) AS residents
    FROM pair CROSS JOIN attendance a ON a.session_id = pair.id GROUP BY 1, 2
)
SELECT agg.course, agg.category, agg.sessions, agg.minutes,
       coalesce(people.named, 0) + agg.unnamed, coalesce(people.named, 0), agg.unnamed,
       coalesce(people.residents, 0)
FROM agg LEFT JOIN people ON people.course = agg.course AND people.category = agg.category
JOIN cso ON cso.course = agg.course JOIN co ON co.category = agg.category
ORDER BY cso.pos, co.pos
"""


def _by_lesson(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)}, {_PEOPLE_CTE}, {_LESSON_CATEGORIES_CTE}, {_LESSON_COURSES_CTE},
{_CATEGORY_ORDER_CTE}, {_COURSE_ORDER_CTE},
ls AS (
    SELECT sl.lesson_id, count(*) AS sessions, sum(sp.named + sp.unnamed) AS people
    FROM sp JOIN session_lessons sl ON sl.session_id = sp.id GROUP BY sl.lesson_id
),
pr AS (
    SELECT p.lesson_id, sum(p.state = 'done') AS done, sum(p.state = 'help') AS help
    FROM progress p
    WHERE ({_progress_where(scope, "done")}) OR ({_progress_where(scope, "help")})
    GROUP BY p.lesson_id
),
ids AS (SELECT lesson_id FROM ls UNION SELECT lesson_id FROM pr)
SELECT ids.lesson_id, coalesce(lco.course, '{Course.BASIC.value}') AS course,
       coalesce(lc.category, '{Category.OTHER.value}') AS category,
       coalesce(ls.sessions, 0) AS sessions, coalesce(ls.people, 0),
       coalesce(pr.done, 0), coalesce(pr.help, 0)
FROM ids LEFT JOIN ls ON ls.lesson_id = ids.lesson_id
LEFT JOIN pr ON pr.lesson_id = ids.lesson_id
LEFT JOIN lc ON lc.lesson_id = ids.lesson_id
LEFT JOIN lco ON lco.lesson_id = ids.lesson_id
LEFT JOIN cso ON cso.course = coalesce(lco.course, '{Course.BASIC.value}')
LEFT JOIN co ON co.category = coalesce(lc.category, '{Category.OTHER.value}')
ORDER BY cso.pos, co.pos, sessions DESC, ids.lesson_id
"""


def _by_venue(scope: ReportScope) -> str:
    return f"""
WITH {_sessions_cte(scope)},
vs AS (
    SELECT v.name, v.municipality, count(*) AS sessions, coalesce(sum(ps.minutes), 0) AS minutes,
           sum(ps.unnamed) AS unnamed, min(ps.date) AS first_date, max(ps.date) AS last_date
    FROM ps JOIN venues v ON v.id = ps.venue_id GROUP BY v.name, v.municipality
),
va AS (
    SELECT v.name, v.municipality, count(*) AS named, count(DISTINCT a.resident_id) AS residents
    FROM ps CROSS JOIN attendance a ON a.session_id = ps.id
    JOIN venues v ON v.id = ps.venue_id
    GROUP BY v.name, v.municipality
)
SELECT vs.name, vs.municipality, vs.sessions, vs.minutes, coalesce(va.named, 0) + vs.unnamed,
       coalesce(va.named, 0), vs.unnamed, coalesce(va.residents, 0), vs.first_date, vs.last_date
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


def _topics(scope: ReportScope) -> str:
    """個別相談 by what it was about; the last row (topic NULL) is the de-duplicated total."""
    return f"""
WITH {_sessions_cte(scope)},
t AS (SELECT key AS pos, value AS topic FROM json_each(:topic_order)),
cs AS MATERIALIZED (SELECT * FROM ps WHERE kind = 'consultation'),
agg AS (
    SELECT topic, count(*) AS sessions, sum(unnamed) AS unnamed,
           group_concat(DISTINCT nullif(trim(topic_note), '')) AS notes
    FROM cs GROUP BY topic
),
people AS (
    SELECT cs.topic, count(*) AS named, count(DISTINCT a.resident_id) AS residents
    FROM cs CROSS JOIN attendance a ON a.session_id = cs.id GROUP BY cs.topic
)
SELECT * FROM (
    SELECT t.pos, t.topic, coalesce(agg.sessions, 0), coalesce(people.named, 0)
           + coalesce(agg.unnamed, 0), coalesce(people.named, 0), coalesce(agg.unnamed, 0),
           coalesce(people.residents, 0), coalesce(agg.notes, '')
    FROM t LEFT JOIN agg ON agg.topic = t.topic LEFT JOIN people ON people.topic = t.topic
    UNION ALL
    SELECT 1e9, NULL, count(*), (SELECT count(*) FROM cs CROSS JOIN attendance a
                                  ON a.session_id = cs.id) + coalesce(sum(unnamed), 0),
           (SELECT count(*) FROM cs CROSS JOIN attendance a ON a.session_id = cs.id),
           coalesce(sum(unnamed), 0),
           (SELECT count(DISTINCT a.resident_id) FROM cs CROSS JOIN attendance a
             ON a.session_id = cs.id), ''
    FROM cs
) ORDER BY 1
"""


def _chart(scope: ReportScope) -> str:
    # Counted like the category table: a session under each category among its lessons.
    return f"""
WITH {_sessions_cte(scope)}, {_PEOPLE_CTE}, {_LESSON_CATEGORIES_CTE},
sc AS MATERIALIZED (
    SELECT DISTINCT sp.id, {_CATEGORY} AS category
    FROM sp LEFT JOIN session_lessons sl ON sl.session_id = sp.id
    LEFT JOIN lc ON lc.lesson_id = sl.lesson_id
)
SELECT substr(sp.date, 1, 7) AS month, sc.category, sum(sp.named + sp.unnamed)
FROM sc JOIN sp ON sp.id = sc.id
GROUP BY 1, 2
ORDER BY 1, 2
"""


# The reasons a procedure is not done yet, in the order the outcome table shows them.
OUTCOME_REASONS = (
    "forgot_pin",
    "card_not_arrived",
    "phone_unsupported",
    "missing_documents",
    "resident_stopped",
    "other",
    "",
)


def _outcomes(scope: ReportScope) -> str:
    """Procedures finished or not yet, per lesson, with the reasons (counts only, no names):
    the outcomes recorded or changed in the period; with a venue, volunteer or kind chosen,
    only residents who came to a matching session in it. The last row (lesson NULL) is the
    total."""
    narrowed = (
        f"WITH {_sessions_cte(scope)}, "
        "came AS (SELECT DISTINCT a.resident_id FROM ps CROSS JOIN attendance a"
        " ON a.session_id = ps.id), "
        if scope.narrowed
        else "WITH "
    )
    who = " AND resident_id IN (SELECT resident_id FROM came)" if scope.narrowed else ""
    reasons = ", ".join(
        f"sum(state = 'not_yet' AND reason = '{reason}')" for reason in OUTCOME_REASONS
    )
    return f"""
{narrowed}o AS (SELECT lesson_id, state, reason FROM outcomes
       WHERE updated_at >= :t0 AND updated_at < :t1{who})
SELECT * FROM (
    SELECT lesson_id, sum(state = 'completed'), sum(state = 'not_yet'), {reasons}
    FROM o GROUP BY lesson_id
    UNION ALL
    SELECT NULL, coalesce(sum(state = 'completed'), 0), coalesce(sum(state = 'not_yet'), 0),
           {", ".join(f"coalesce({r}, 0)" for r in reasons.split(", "))}
    FROM o
) ORDER BY lesson_id IS NULL, lesson_id
"""


_BUILDERS = {
    "summary": _summary,
    "sessions": _sessions,
    "by_volunteer": _by_volunteer,
    "by_month": _by_month,
    "by_month_age": _by_month_age,
    "by_age_band": _by_age_band,
    "by_course": _by_course,
    "by_course_category": _by_course_category,
    "by_lesson": _by_lesson,
    "by_venue": _by_venue,
    "needs_help": _needs_help,
    "topics": _topics,
    "outcomes": _outcomes,
    "chart": _chart,
}


def report_queries(
    scope: ReportScope,
    lesson_categories: Mapping[str, str],
    lesson_courses: Mapping[str, str] | None = None,
) -> dict[str, Query]:
    """Every query of the report with its parameters, keyed as in QUERY_KEYS.

    `lesson_categories` maps lesson id → category value and `lesson_courses` lesson id →
    course value (both from the catalogue); lessons they do not know count as "other" and
    as basic.
    """
    params: dict[str, Any] = {
        "d0": scope.d0,
        "d1": scope.d1,
        "t0": scope.t0,
        "t1": scope.t1,
        "months": json.dumps(scope.months),
        "bands": json.dumps([band.value for band in AgeBand]),
        "lesson_categories": json.dumps(dict(lesson_categories), ensure_ascii=False),
        "lesson_courses": json.dumps(dict(lesson_courses or {}), ensure_ascii=False),
        "category_order": json.dumps(CATEGORY_ORDER),
        "course_order": json.dumps(COURSE_ORDER),
        "topic_order": json.dumps(TOPIC_ORDER),
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


def activity_query(scope: ReportScope) -> Query:
    """One volunteer's activity by month (scope.volunteer_id is the person: every volunteer
    row with their display name): sessions by kind and by their role, hours, attendances and
    distinct residents; the last row (month NULL) is the period's total, residents distinct."""
    if not scope.volunteer_id:
        raise ValueError("activity_query needs a volunteer")
    sql = f"""
WITH {_sessions_cte(scope)}, {_MONTHS_CTE},
me AS (SELECT same.id FROM volunteers chosen JOIN volunteers same
       ON same.display_name = chosen.display_name WHERE chosen.id = :volunteer_id),
mine AS MATERIALIZED (
    SELECT ps.id, ps.date, ps.kind, ps.minutes, ps.unnamed,
           max(sv.role = 'lead') AS lead, max(sv.role = 'assistant') AS assistant,
           max(sv.role = 'reception') AS reception
    FROM ps CROSS JOIN session_volunteers sv ON sv.session_id = ps.id AND sv.removed = 0
    WHERE sv.volunteer_id IN (SELECT id FROM me)
    GROUP BY ps.id
),
agg AS (
    SELECT substr(date, 1, 7) AS month, count(*) AS sessions, sum(kind = 'class') AS classes,
           sum(kind = 'consultation') AS consultations, sum(kind = 'outreach') AS outreach,
           sum(lead) AS leads, sum(assistant) AS assistants, sum(reception) AS receptions,
           coalesce(sum(minutes), 0) AS minutes, sum(minutes IS NULL) AS no_end,
           sum(unnamed) AS unnamed
    FROM mine GROUP BY 1
    UNION ALL
    SELECT NULL, count(*), sum(kind = 'class'), sum(kind = 'consultation'),
           sum(kind = 'outreach'), sum(lead), sum(assistant), sum(reception),
           coalesce(sum(minutes), 0), sum(minutes IS NULL), sum(unnamed)
    FROM mine
),
people AS (
    SELECT substr(mine.date, 1, 7) AS month, count(*) AS named,
           count(DISTINCT a.resident_id) AS residents
    FROM mine CROSS JOIN attendance a ON a.session_id = mine.id GROUP BY 1
    UNION ALL
    SELECT NULL, count(*), count(DISTINCT a.resident_id)
    FROM mine CROSS JOIN attendance a ON a.session_id = mine.id
),
months AS (SELECT pos, month FROM m UNION ALL SELECT 1000000, NULL)
SELECT months.month, coalesce(agg.sessions, 0), coalesce(agg.classes, 0),
       coalesce(agg.consultations, 0), coalesce(agg.outreach, 0), coalesce(agg.leads, 0),
       coalesce(agg.assistants, 0), coalesce(agg.receptions, 0), coalesce(agg.minutes, 0),
       coalesce(agg.no_end, 0), coalesce(people.named, 0) + coalesce(agg.unnamed, 0),
       coalesce(people.named, 0), coalesce(agg.unnamed, 0), coalesce(people.residents, 0)
FROM months LEFT JOIN agg ON agg.month IS months.month
LEFT JOIN people ON people.month IS months.month
ORDER BY months.pos
"""
    params: dict[str, Any] = {
        "d0": scope.d0,
        "d1": scope.d1,
        "months": json.dumps(scope.months),
        "volunteer_id": scope.volunteer_id,
    }
    if scope.venue_id:
        params["venue_id"] = scope.venue_id
    if scope.kind:
        params["kind"] = scope.kind
    return Query(sql, params)


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
