"""Between sessions (issue 18), on the records: `store.planning` plans sessions and series,
keeps sign-ups with their waiting list, turns a plan into a session and notes who came, keeps
each resident's outcome per lesson and, only with its own consent, a phone number.

Every write is one transaction and stamps its rows like every other table, so plans,
sign-ups and outcomes travel in bundles and merge by the same rules.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from dxhelper.core.errors import NotFoundError, ValidationError
from dxhelper.core.models import Session, SessionKind, VolunteerRole
from dxhelper.core.planning import (
    MAX_CAPACITY,
    Attended,
    Every,
    Outcome,
    OutcomeReason,
    OutcomeState,
    Plan,
    PlanStatus,
    Series,
    Signup,
    SignupResult,
    SignupStatus,
    check_phone,
    series_dates,
)
from dxhelper.store.handle import Handle, new_id
from dxhelper.store.values import (
    checked,
    end_after_start,
    hhmm,
    id_part,
    session_date,
)
from dxhelper.store.values import kind as kind_of


class Records(Protocol):
    """What planning needs of the Store (which hands itself in: `store.planning`)."""

    handle: Handle
    installation: Any

    def get_venue(self, venue_id: str) -> Any: ...
    def get_resident(self, resident_id: str) -> Any: ...
    def get_session(self, session_id: str) -> Session: ...
    def list_volunteers(self) -> list[Any]: ...
    def start_session(self, **values: Any) -> Session: ...
    def set_session_lessons(self, session_id: str, lesson_ids: Sequence[str]) -> None: ...
    def set_session_volunteer(self, session_id: str, volunteer_id: str, role: Any) -> Any: ...


# A series' date is a plan every device names alike, so two copies of a series merge as one.
_PLAN_NAMESPACE = uuid.UUID("0b7f5a52-3d0e-4c51-9f4e-8a2c6d1e9b37")
# Missed this many signed-up sessions in a row (most recent first): follow up.
MISSES_TO_FOLLOW_UP = 2


def plan_id_of(series_id: str, day: dt.date) -> str:
    return str(uuid.uuid5(_PLAN_NAMESPACE, f"{series_id} {day.isoformat()}"))


@dataclass(frozen=True)
class FollowUp:
    """One resident to follow up: an unfinished outcome (lesson and reason), or missed
    sign-ups (lesson_id empty, `missed` the count)."""

    resident_id: str
    display_name: str
    kana: str
    lesson_id: str = ""
    reason: OutcomeReason = OutcomeReason.NONE
    reason_note: str = ""
    missed: int = 0
    phone: str = ""


class Planning:
    """The planning part of one Store (`store.planning`)."""

    def __init__(self, store: Records) -> None:
        self.store = store
        self.handle = store.handle

    def _shared(self) -> dict[str, str]:
        now = self.handle.stamp()
        return {"created_at": now, "updated_at": now, "origin": self.store.installation.id}

    # -- plans and series ------------------------------------------------------------------

    def add_plan(
        self,
        *,
        date: dt.date,
        start_time: str,
        end_time: str,
        venue_id: str,
        kind: SessionKind | str = SessionKind.CLASS,
        title: str = "",
        capacity: int = 20,
        lesson_ids: Sequence[str] = (),
        team: Sequence[tuple[str, VolunteerRole | str]] = (),
    ) -> Plan:
        """A session planned ahead, on its own."""
        row = {
            "id": new_id(),
            "series_id": None,
            **self._common(date, start_time, end_time, venue_id, kind, title, capacity),
            "lessons": _lessons(lesson_ids),
            "team": self._team(team),
            "status": PlanStatus.PLANNED.value,
            "session_id": None,
            **self._shared(),
        }
        with self.handle.write() as db:
            self.store.get_venue(venue_id)
            db["plans"].insert(row)
        return self.get_plan(row["id"])

    def add_series(
        self,
        *,
        title: str,
        first_date: dt.date,
        until: dt.date,
        every: Every | str,
        start_time: str,
        end_time: str,
        venue_id: str,
        kind: SessionKind | str = SessionKind.CLASS,
        capacity: int = 20,
        lesson_ids: Sequence[str] = (),
        team: Sequence[tuple[str, VolunteerRole | str]] = (),
        skip: Iterable[dt.date] = (),
    ) -> tuple[Series, list[Plan]]:
        """A class that repeats: the series and one plan per date (dates in `skip`, a holiday,
        are planned as cancelled, so the list shows them)."""
        every = _every(every)
        if until < first_date:
            raise ValidationError(
                "until",
                "終わりの日が始まりの日より前になっています。",
                "The series ends before it starts.",
            )
        common = self._common(first_date, start_time, end_time, venue_id, kind, title, capacity)
        series_row = {
            "id": new_id(),
            "title": common["title"],
            "kind": common["kind"],
            "venue_id": venue_id,
            "start_time": common["start_time"],
            "end_time": common["end_time"],
            "capacity": common["capacity"],
            "every": every.value,
            "first_date": first_date.isoformat(),
            "until_date": until.isoformat(),
            "lessons": _lessons(lesson_ids),
            "team": self._team(team),
            **self._shared(),
        }
        skipped = set(skip)
        dates = series_dates(first_date, until, every)
        if not dates:
            raise ValidationError(
                "first_date", "この期間には日付がありません。", "No date falls in this period."
            )
        shared = self._shared()
        plan_rows = [
            {
                "id": plan_id_of(series_row["id"], day),
                "series_id": series_row["id"],
                **{**common, "date": day.isoformat()},
                "lessons": series_row["lessons"],
                "team": series_row["team"],
                "status": (PlanStatus.CANCELLED if day in skipped else PlanStatus.PLANNED).value,
                "session_id": None,
                **shared,
            }
            for day in dates
        ]
        with self.handle.write() as db:
            self.store.get_venue(venue_id)
            db["series"].insert(series_row)
            db["plans"].insert_all(plan_rows)
        return self.get_series(series_row["id"]), self.series_plans(series_row["id"])

    def set_plan_status(self, plan_id: str, status: PlanStatus | str) -> Plan:
        """Cancel a date (a holiday) or plan it again."""
        value = PlanStatus(status).value
        with self.handle.write() as db:
            self.get_plan(plan_id)
            db.execute(
                "UPDATE plans SET status = ?, updated_at = ? WHERE id = ? AND status <> ?",
                [value, self.handle.stamp(), plan_id, value],
            )
        return self.get_plan(plan_id)

    def get_plan(self, plan_id: str) -> Plan:
        rows = self._plans("p.id = ?", [plan_id])
        if not rows:
            raise NotFoundError(
                f"予定が見つかりません（ID: {plan_id}）。", f"No planned session with id {plan_id}."
            )
        return rows[0]

    def get_series(self, series_id: str) -> Series:
        row = self.handle.one("SELECT * FROM series WHERE id = ?", [series_id])
        if row is None:
            raise NotFoundError(
                f"シリーズが見つかりません（ID: {series_id}）。", f"No series with id {series_id}."
            )
        return Series(
            id=row["id"],
            title=row["title"],
            kind=SessionKind(row["kind"]),
            venue_id=row["venue_id"],
            start_time=row["start_time"],
            end_time=row["end_time"],
            capacity=row["capacity"],
            every=Every(row["every"]),
            first_date=dt.date.fromisoformat(row["first_date"]),
            until=dt.date.fromisoformat(row["until_date"]),
            lesson_ids=tuple(row["lessons"].split()),
        )

    def series_plans(self, series_id: str) -> list[Plan]:
        return self._plans("p.series_id = ?", [series_id])

    def upcoming(self, today: dt.date, limit: int = 10) -> list[Plan]:
        """Plans from today on that have not started yet, soonest first (cancelled ones too,
        marked, so the volunteer sees the gap)."""
        return self._plans("p.date >= ? AND p.session_id IS NULL", [today.isoformat()], limit=limit)

    def plan_of_session(self, session_id: str) -> Plan | None:
        rows = self._plans("p.session_id = ?", [session_id])
        return rows[0] if rows else None

    def _plans(self, where: str, params: list[Any], limit: int | None = None) -> list[Plan]:
        sql = (
            "SELECT p.*,"
            " (SELECT count(*) FROM signups s WHERE s.plan_id = p.id AND s.status = 'booked')"
            " AS booked,"
            " (SELECT count(*) FROM signups s WHERE s.plan_id = p.id AND s.status = 'waiting')"
            " AS waiting"
            f" FROM plans p WHERE {where} ORDER BY p.date, p.start_time, p.rowid"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_plan(row) for row in self.handle.rows(sql, params)]

    # -- sign-ups and the waiting list -----------------------------------------------------

    def sign_up(self, plan_id: str, resident_id: str) -> SignupResult:
        """Sign a resident up: booked while there is room, else on the waiting list in the
        order people asked. Signing up again changes nothing; after a cancellation it is a
        new request (at the end of the waiting list if the class is full)."""
        with self.handle.write() as db:
            plan = self.get_plan(plan_id)
            self.store.get_resident(resident_id)
            current = self._signup_row(plan_id, resident_id)
            if current is not None and current["status"] != SignupStatus.CANCELLED.value:
                return SignupResult(self._signup(plan_id, resident_id))
            status = SignupStatus.BOOKED if plan.booked < plan.capacity else SignupStatus.WAITING
            now = self.handle.stamp()
            db.execute(
                "INSERT INTO signups (id, plan_id, resident_id, status, attended, signed_up_at,"
                " created_at, updated_at, origin) VALUES (?, ?, ?, ?, '', ?, ?, ?, ?)"
                " ON CONFLICT (plan_id, resident_id) DO UPDATE SET status = excluded.status,"
                " attended = '', signed_up_at = excluded.signed_up_at,"
                " updated_at = excluded.updated_at, origin = excluded.origin",
                [
                    new_id(),
                    plan_id,
                    resident_id,
                    status.value,
                    now,
                    now,
                    now,
                    self.store.installation.id,
                ],
            )
        return SignupResult(self._signup(plan_id, resident_id))

    def sign_up_series(
        self, series_id: str, resident_id: str, from_date: dt.date
    ) -> list[SignupResult]:
        """Sign up for every planned date of a series from `from_date` on, in one go."""
        plans = [
            p
            for p in self.series_plans(series_id)
            if p.date >= from_date and p.status is PlanStatus.PLANNED and p.session_id is None
        ]
        with self.handle.write():
            return [self.sign_up(plan.id, resident_id) for plan in plans]

    def cancel_signup(self, plan_id: str, resident_id: str) -> SignupResult:
        """Take a sign-up back. A booked place that frees goes to the first on the waiting
        list, who is named in the result (to be called)."""
        with self.handle.write() as db:
            plan = self.get_plan(plan_id)
            current = self._signup_row(plan_id, resident_id)
            if current is None or current["status"] == SignupStatus.CANCELLED.value:
                return SignupResult(None)
            now = self.handle.stamp()
            db.execute(
                "UPDATE signups SET status = 'cancelled', updated_at = ?, origin = ?"
                " WHERE plan_id = ? AND resident_id = ?",
                [now, self.store.installation.id, plan_id, resident_id],
            )
            moved: list[Signup] = []
            free = plan.capacity - (plan.booked - (current["status"] == "booked"))
            for waiting in self.signups(plan_id, SignupStatus.WAITING)[: max(free, 0)]:
                db.execute(
                    "UPDATE signups SET status = 'booked', updated_at = ?, origin = ? WHERE id = ?",
                    [self.handle.stamp(), self.store.installation.id, waiting.id],
                )
                moved.append(self._signup(plan_id, waiting.resident_id))
        return SignupResult(self._signup(plan_id, resident_id), tuple(moved))

    def signups(self, plan_id: str, status: SignupStatus | None = None) -> list[Signup]:
        """Booked first (in the order they signed up), then the waiting list in its order,
        then the cancelled."""
        where = "s.plan_id = ?" + (" AND s.status = ?" if status else "")
        params = [plan_id] + ([SignupStatus(status).value] if status else [])
        rows = self.handle.rows(
            "SELECT s.*, r.display_name, r.kana FROM signups s"
            " JOIN residents r ON r.id = s.resident_id"
            f" WHERE {where} ORDER BY CASE s.status WHEN 'booked' THEN 0"
            " WHEN 'waiting' THEN 1 ELSE 2 END, s.signed_up_at, s.rowid",
            params,
        )
        result = []
        position = 0
        for row in rows:
            if row["status"] == SignupStatus.WAITING.value:
                position += 1
            result.append(_signup(row, position if row["status"] == "waiting" else 0))
        return result

    def _signup_row(self, plan_id: str, resident_id: str) -> dict | None:
        return self.handle.one(
            "SELECT * FROM signups WHERE plan_id = ? AND resident_id = ?", [plan_id, resident_id]
        )

    def _signup(self, plan_id: str, resident_id: str) -> Signup:
        return next(s for s in self.signups(plan_id) if s.resident_id == resident_id)

    # -- from plan to session --------------------------------------------------------------

    def start(self, plan_id: str, volunteer_id: str, *, start_time: str | None = None) -> Session:
        """Start a planned session: a session with the plan's date, venue, kind, lessons and
        volunteers (who starts it is among them), linked to the plan so its sign-ups are the
        tick-list. Starting it again returns the same session."""
        plan = self.get_plan(plan_id)
        if plan.session_id is not None:
            return self.store.get_session(plan.session_id)
        with self.handle.write() as db:
            session = self.store.start_session(
                venue_id=plan.venue_id,
                volunteer_id=volunteer_id,
                kind=plan.kind,
                date=plan.date,
                start_time=start_time or plan.start_time,
            )
            if plan.lesson_ids:
                self.store.set_session_lessons(session.id, list(plan.lesson_ids))
            known = {v.id for v in self.store.list_volunteers()}
            for member, role in _team_pairs(self._plan_team(plan_id)):
                if member in known and member != volunteer_id:
                    self.store.set_session_volunteer(session.id, member, role)
            db.execute(
                "UPDATE plans SET session_id = ?, updated_at = ? WHERE id = ?",
                [session.id, self.handle.stamp(), plan_id],
            )
        return self.store.get_session(session.id)

    def record_attendance(self, session_id: str) -> None:
        """When a planned session ends: every booked sign-up is marked as came or did not
        (absentees stay on the list, for follow-up)."""
        with self.handle.write() as db:
            db.execute(
                "UPDATE signups SET attended = CASE WHEN EXISTS (SELECT 1 FROM attendance a"
                " WHERE a.session_id = :session AND a.resident_id = signups.resident_id)"
                " THEN 'yes' ELSE 'no' END, updated_at = :now, origin = :origin"
                " WHERE status = 'booked' AND plan_id IN"
                " (SELECT id FROM plans WHERE session_id = :session)"
                " AND attended <> CASE WHEN EXISTS (SELECT 1 FROM attendance a"
                " WHERE a.session_id = :session AND a.resident_id = signups.resident_id)"
                " THEN 'yes' ELSE 'no' END",
                {
                    "session": session_id,
                    "now": self.handle.stamp(),
                    "origin": self.store.installation.id,
                },
            )

    def _plan_team(self, plan_id: str) -> str:
        row = self.handle.one("SELECT team FROM plans WHERE id = ?", [plan_id])
        return row["team"] if row else ""

    # -- outcomes and follow-up ------------------------------------------------------------

    def set_outcome(
        self,
        resident_id: str,
        lesson_id: str,
        state: OutcomeState | str,
        reason: OutcomeReason | str = OutcomeReason.NONE,
        reason_note: str = "",
    ) -> Outcome:
        """What became of a resident's procedure: completed, or not yet with a reason (a few
        words only with "other", checked by the privacy guard)."""
        state = OutcomeState(state)
        reason = OutcomeReason(reason) if state is OutcomeState.NOT_YET else OutcomeReason.NONE
        note = (
            checked("reason_note", reason_note, allow_empty=True)
            if reason is OutcomeReason.OTHER
            else ""
        )
        id_part("lesson_id", lesson_id)
        with self.handle.write() as db:
            self.store.get_resident(resident_id)
            now = self.handle.stamp()
            db.execute(
                "INSERT INTO outcomes (id, resident_id, lesson_id, state, reason, reason_note,"
                " created_at, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (resident_id, lesson_id) DO UPDATE SET state = excluded.state,"
                " reason = excluded.reason, reason_note = excluded.reason_note,"
                " updated_at = excluded.updated_at, origin = excluded.origin"
                " WHERE (outcomes.state, outcomes.reason, outcomes.reason_note)"
                " IS NOT (excluded.state, excluded.reason, excluded.reason_note)",
                [
                    new_id(),
                    resident_id,
                    lesson_id,
                    state.value,
                    reason.value,
                    note,
                    now,
                    now,
                    self.store.installation.id,
                ],
            )
        return next(o for o in self.outcomes(resident_id) if o.lesson_id == lesson_id)

    def outcomes(self, resident_id: str) -> list[Outcome]:
        rows = self.handle.rows(
            "SELECT * FROM outcomes WHERE resident_id = ? ORDER BY lesson_id", [resident_id]
        )
        return [_outcome(row) for row in rows]

    def follow_up(self, today: dt.date) -> list[FollowUp]:
        """Residents to follow up: each unfinished outcome (by reason, then lesson), then
        those who missed their last MISSES_TO_FOLLOW_UP signed-up sessions held before today."""
        found = [
            FollowUp(
                row["resident_id"],
                row["display_name"],
                row["kana"],
                lesson_id=row["lesson_id"],
                reason=OutcomeReason(row["reason"]),
                reason_note=row["reason_note"],
                phone=row["phone"] or "",
            )
            for row in self.handle.rows(
                "SELECT o.resident_id, o.lesson_id, o.reason, o.reason_note, r.display_name,"
                " r.kana, ph.phone FROM outcomes o JOIN residents r ON r.id = o.resident_id"
                " LEFT JOIN resident_phones ph ON ph.id = o.resident_id"
                " WHERE o.state = 'not_yet' ORDER BY o.reason, o.lesson_id, r.kana_key"
            )
        ]
        recent = self.handle.rows(
            "SELECT s.resident_id, s.attended, r.display_name, r.kana, ph.phone"
            " FROM signups s JOIN plans p ON p.id = s.plan_id"
            " JOIN residents r ON r.id = s.resident_id"
            " LEFT JOIN resident_phones ph ON ph.id = s.resident_id"
            " WHERE s.status = 'booked' AND s.attended <> '' AND p.date < ?"
            " ORDER BY s.resident_id, p.date DESC, p.start_time DESC",
            [today.isoformat()],
        )
        by_resident: dict[str, list[dict]] = {}
        for row in recent:
            by_resident.setdefault(row["resident_id"], []).append(row)
        for resident_id, rows in by_resident.items():
            last = rows[:MISSES_TO_FOLLOW_UP]
            if len(last) == MISSES_TO_FOLLOW_UP and all(r["attended"] == "no" for r in last):
                missed = 0
                for row in rows:
                    if row["attended"] != "no":
                        break
                    missed += 1
                first = rows[0]
                found.append(
                    FollowUp(
                        resident_id,
                        first["display_name"],
                        first["kana"],
                        missed=missed,
                        phone=first["phone"] or "",
                    )
                )
        return found

    def outcome_counts(
        self, lesson_ids: Sequence[str] | None = None
    ) -> list[tuple[str, str, str, int]]:
        """(lesson, state, reason, residents) for reports: counts, no names."""
        rows = self.handle.tuples(
            "SELECT lesson_id, state, reason, count(*) FROM outcomes"
            " GROUP BY lesson_id, state, reason ORDER BY lesson_id, state, reason"
        )
        return [tuple(r) for r in rows if lesson_ids is None or r[0] in lesson_ids]

    # -- phone numbers (only with their own consent) ---------------------------------------

    def set_phone(self, resident_id: str, phone: str, *, consent_date: dt.date | None) -> str:
        """Keep a contact phone number, only with the resident's consent to it (its own date:
        consent to be recorded is not consent to be called). Returns the number as kept."""
        if not isinstance(consent_date, dt.date):
            raise ValidationError(
                "phone",
                "電話番号は、本人が電話番号の記録に同意したときだけ記録できます。",
                "A phone number is kept only when the resident agreed to it being kept.",
            )
        number = check_phone(phone)
        with self.handle.write() as db:
            self.store.get_resident(resident_id)
            now = self.handle.stamp()
            db.execute(
                "INSERT INTO resident_phones (id, phone, consent_date, created_at, updated_at,"
                " origin) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " phone = excluded.phone, consent_date = excluded.consent_date,"
                " updated_at = excluded.updated_at, origin = excluded.origin",
                [
                    resident_id,
                    number,
                    consent_date.isoformat(),
                    now,
                    now,
                    self.store.installation.id,
                ],
            )
        return number

    def phone(self, resident_id: str) -> str:
        row = self.handle.one("SELECT phone FROM resident_phones WHERE id = ?", [resident_id])
        return row["phone"] if row else ""

    def forget_phone(self, resident_id: str) -> None:
        """The resident withdrew consent to the phone number: it goes (secure_delete zeroes
        it in the file; backups keep it until they are thinned, like any other change)."""
        with self.handle.write() as db:
            db.execute("DELETE FROM resident_phones WHERE id = ?", [resident_id])

    def call_list(self, plan_id: str) -> list[tuple[Signup, str]]:
        """Booked and waiting residents of a plan who consented to a phone number, with it."""
        phones = dict(
            self.handle.tuples(
                "SELECT ph.id, ph.phone FROM resident_phones ph JOIN signups s"
                " ON s.resident_id = ph.id WHERE s.plan_id = ?",
                [plan_id],
            )
        )
        return [
            (signup, phones[signup.resident_id])
            for signup in self.signups(plan_id)
            if signup.status is not SignupStatus.CANCELLED and signup.resident_id in phones
        ]

    # -- helpers ---------------------------------------------------------------------------

    def _common(
        self,
        date: dt.date,
        start_time: str,
        end_time: str,
        venue_id: str,
        kind: SessionKind | str,
        title: str,
        capacity: int,
    ) -> dict[str, Any]:
        start, end = hhmm("start_time", start_time), hhmm("end_time", end_time)
        end_after_start(start, end)
        if not isinstance(capacity, int) or not 0 < capacity <= MAX_CAPACITY:
            raise ValidationError(
                "capacity",
                f"定員は1〜{MAX_CAPACITY}人で入れてください。",
                f"The capacity is 1 to {MAX_CAPACITY} people.",
            )
        return {
            "date": session_date(date),
            "start_time": start,
            "end_time": end,
            "venue_id": venue_id,
            "kind": kind_of(kind).value,
            "title": checked("plan_title", title, allow_empty=True),
            "capacity": capacity,
        }

    def _team(self, team: Sequence[tuple[str, VolunteerRole | str]]) -> str:
        known = {v.id for v in self.store.list_volunteers()}
        parts = []
        for volunteer_id, role in team:
            if volunteer_id not in known:
                raise NotFoundError(
                    f"推進委員が見つかりません（ID: {volunteer_id}）。",
                    f"No volunteer with id {volunteer_id}.",
                )
            parts.append(f"{volunteer_id}:{VolunteerRole(role).value}")
        return " ".join(parts)


def _lessons(lesson_ids: Sequence[str]) -> str:
    return " ".join(id_part("lesson_id", lesson) for lesson in lesson_ids)


def _every(every: Every | str) -> Every:
    try:
        return Every(every)
    except ValueError:
        raise ValidationError(
            "every", f"繰り返しの指定が正しくありません: {every}", f"Unknown repeat: {every}"
        ) from None


def _team_pairs(team: str) -> list[tuple[str, VolunteerRole]]:
    pairs = []
    for part in team.split():
        volunteer_id, _, role = part.partition(":")
        pairs.append((volunteer_id, VolunteerRole(role)))
    return pairs


def _plan(row: dict) -> Plan:
    return Plan(
        id=row["id"],
        date=dt.date.fromisoformat(row["date"]),
        start_time=row["start_time"],
        end_time=row["end_time"],
        venue_id=row["venue_id"],
        kind=SessionKind(row["kind"]),
        title=row["title"],
        capacity=row["capacity"],
        lesson_ids=tuple(row["lessons"].split()),
        series_id=row["series_id"],
        status=PlanStatus(row["status"]),
        session_id=row["session_id"],
        booked=row.get("booked", 0),
        waiting=row.get("waiting", 0),
    )


def _signup(row: dict, position: int) -> Signup:
    return Signup(
        id=row["id"],
        plan_id=row["plan_id"],
        resident_id=row["resident_id"],
        status=SignupStatus(row["status"]),
        attended=Attended(row["attended"]),
        display_name=row["display_name"],
        kana=row["kana"],
        position=position,
    )


def _outcome(row: dict) -> Outcome:
    return Outcome(
        resident_id=row["resident_id"],
        lesson_id=row["lesson_id"],
        state=OutcomeState(row["state"]),
        reason=OutcomeReason(row["reason"]),
        reason_note=row["reason_note"],
        updated_at=row["updated_at"],
    )
