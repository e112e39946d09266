"""Issue 18 on the records: series dates, capacity and the waiting list, a plan started as a
session, absentees and follow-up, outcomes with reasons, phone numbers only with consent."""

from __future__ import annotations

import datetime as dt

import pytest

from dxhelper.core.errors import PrivacyError, ValidationError
from dxhelper.core.models import VolunteerRole
from dxhelper.core.planning import (
    Attended,
    Every,
    OutcomeReason,
    OutcomeState,
    PlanStatus,
    SignupStatus,
    series_dates,
)
from dxhelper.store import Store

D = dt.date
CONSENT = {"consent_date": D(2026, 11, 1), "consent_version": "2026-1"}


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def world(tmp_path):
    store = Store.open(tmp_path / "dxhelper.sqlite3", clock=Clock())
    venue = store.add_venue("中央公民館")
    aoki = store.add_volunteer("推進委員 青木")
    suzuki = store.add_volunteer("推進委員 鈴木")
    yield store, venue, aoki, suzuki
    store.close()


def _residents(store: Store, n: int) -> list:
    return [
        store.add_resident(f"住民 {i:02d}", kana=f"ジュウミン {i:02d}", **CONSENT) for i in range(n)
    ]


# -- series dates --------------------------------------------------------------------------------


def test_a_weekly_series_crosses_a_month_end_and_skips_a_week():
    dates = series_dates(D(2026, 11, 17), D(2026, 12, 15), Every.WEEK, skip=[D(2026, 12, 1)])
    assert dates == [D(2026, 11, 17), D(2026, 11, 24), D(2026, 12, 8), D(2026, 12, 15)]


def test_every_other_week_and_monthly_on_the_same_week_and_weekday():
    assert series_dates(D(2026, 12, 29), D(2027, 1, 31), "2weeks") == [
        D(2026, 12, 29),
        D(2027, 1, 12),
        D(2027, 1, 26),
    ]
    # The 2nd Tuesday of each month, over a year end.
    assert series_dates(D(2026, 11, 10), D(2027, 2, 28), Every.MONTH) == [
        D(2026, 11, 10),
        D(2026, 12, 8),
        D(2027, 1, 12),
        D(2027, 2, 9),
    ]
    # A 5th Tuesday: months without one are left out.
    assert series_dates(D(2026, 12, 29), D(2027, 4, 1), Every.MONTH) == [
        D(2026, 12, 29),
        D(2027, 3, 30),
    ]


def test_a_series_is_stored_with_its_dates_and_a_holiday_marked_cancelled(world):
    store, venue, _, suzuki = world
    series, plans = store.planning.add_series(
        title="はじめてのスマホ教室",
        first_date=D(2026, 11, 24),
        until=D(2026, 12, 22),
        every=Every.WEEK,
        start_time="10:00",
        end_time="11:30",
        venue_id=venue.id,
        capacity=20,
        lesson_ids=["smartphone-basics"],
        team=[(suzuki.id, VolunteerRole.ASSISTANT)],
        skip=[D(2026, 12, 8)],
    )
    assert [p.date for p in plans] == [
        D(2026, 11, 24),
        D(2026, 12, 1),
        D(2026, 12, 8),
        D(2026, 12, 15),
        D(2026, 12, 22),
    ]
    assert [p.status for p in plans].count(PlanStatus.CANCELLED) == 1
    assert plans[2].status is PlanStatus.CANCELLED
    assert series.title == "はじめてのスマホ教室" and series.lesson_ids == ("smartphone-basics",)
    upcoming = store.planning.upcoming(D(2026, 12, 1), limit=2)
    assert [p.date for p in upcoming] == [D(2026, 12, 1), D(2026, 12, 8)]
    with pytest.raises(ValidationError):
        store.planning.add_series(
            title="",
            first_date=D(2026, 12, 1),
            until=D(2026, 11, 1),
            every="week",
            start_time="10:00",
            end_time="11:00",
            venue_id=venue.id,
        )


# -- sign-ups and the waiting list ---------------------------------------------------------------


def test_capacity_and_waiting_list_the_21st_moves_up_when_one_cancels(world):
    store, venue, *_ = world
    plan = store.planning.add_plan(
        date=D(2026, 12, 3),
        start_time="13:00",
        end_time="15:00",
        venue_id=venue.id,
        title="マイナ保険証の教室",
        capacity=20,
    )
    people = _residents(store, 22)
    results = [store.planning.sign_up(plan.id, r.id) for r in people]
    assert [r.signup.status for r in results].count(SignupStatus.BOOKED) == 20
    assert results[20].signup.status is SignupStatus.WAITING and results[20].signup.position == 1
    assert results[21].signup.position == 2
    again = store.planning.sign_up(plan.id, people[0].id)  # signing up twice changes nothing
    assert again.signup.status is SignupStatus.BOOKED
    assert store.planning.get_plan(plan.id).booked == 20

    cancelled = store.planning.cancel_signup(plan.id, people[5].id)
    assert cancelled.signup.status is SignupStatus.CANCELLED
    assert [s.resident_id for s in cancelled.moved_up] == [people[20].id]  # to be called
    waiting = store.planning.signups(plan.id, SignupStatus.WAITING)
    assert [(s.resident_id, s.position) for s in waiting] == [(people[21].id, 1)]
    # A waiting person cancelling frees no place: nobody moves.
    assert store.planning.cancel_signup(plan.id, people[21].id).moved_up == ()
    assert store.planning.get_plan(plan.id).booked == 20


def test_signing_up_for_a_series_books_every_planned_date_from_a_day_on(world):
    store, venue, *_ = world
    series, _plans = store.planning.add_series(
        title="スマホ教室",
        first_date=D(2026, 11, 24),
        until=D(2026, 12, 15),
        every="week",
        start_time="10:00",
        end_time="11:00",
        venue_id=venue.id,
        capacity=10,
        skip=[D(2026, 12, 8)],
    )
    [hanako] = _residents(store, 1)
    results = store.planning.sign_up_series(series.id, hanako.id, D(2026, 12, 1))
    assert len(results) == 2  # Dec 1 and Dec 15 (Dec 8 cancelled, Nov 24 before the day)


# -- from plan to session, absentees and follow-up ------------------------------------------


def _held(store, plan, volunteer, came):
    session = store.planning.start(plan.id, volunteer.id)
    for resident in came:
        store.add_attendee(session.id, resident.id)
    store.end_session(session.id, end_time="23:59")
    return session


def test_a_started_plan_is_a_session_with_its_lessons_and_team_and_absentees_are_kept(world):
    store, venue, aoki, suzuki = world
    plan = store.planning.add_plan(
        date=D(2026, 11, 20),
        start_time="10:00",
        end_time="11:30",
        venue_id=venue.id,
        capacity=5,
        lesson_ids=["myna-hokensho"],
        team=[(suzuki.id, "assistant")],
    )
    people = _residents(store, 3)
    for person in people:
        store.planning.sign_up(plan.id, person.id)
    session = store.planning.start(plan.id, aoki.id)
    assert store.planning.start(plan.id, aoki.id).id == session.id  # starting again: the same
    assert session.date == D(2026, 11, 20) and session.start_time == "10:00"
    assert store.session_lessons(session.id) == ["myna-hokensho"]
    assert {(m.display_name, m.role) for m in store.session_team(session.id)} == {
        ("推進委員 青木", VolunteerRole.LEAD),
        ("推進委員 鈴木", VolunteerRole.ASSISTANT),
    }
    assert store.planning.plan_of_session(session.id).id == plan.id
    store.add_attendee(session.id, people[0].id)
    store.add_attendee(session.id, people[2].id)
    store.end_session(session.id, end_time="11:30")
    marks = {s.resident_id: s.attended for s in store.planning.signups(plan.id)}
    assert marks == {
        people[0].id: Attended.YES,
        people[1].id: Attended.NO,
        people[2].id: Attended.YES,
    }


def test_two_missed_sign_ups_and_unfinished_outcomes_show_in_follow_up_grouped(world):
    store, venue, aoki, _ = world
    people = _residents(store, 3)
    plans = [
        store.planning.add_plan(
            date=D(2026, 11, day),
            start_time="10:00",
            end_time="11:00",
            venue_id=venue.id,
            capacity=5,
        )
        for day in (10, 17)
    ]
    for plan in plans:
        for person in people:
            store.planning.sign_up(plan.id, person.id)
    _held(store, plans[0], aoki, came=[people[0], people[2]])
    _held(store, plans[1], aoki, came=[people[0]])
    store.planning.set_outcome(people[0].id, "myna-hokensho", "not_yet", "card_not_arrived")
    store.planning.set_outcome(people[2].id, "mynumber-receive", "not_yet", "forgot_pin")
    store.planning.set_outcome(people[2].id, "myna-hokensho", OutcomeState.COMPLETED, "forgot_pin")
    follow = store.planning.follow_up(D(2026, 11, 20))
    unfinished = [(f.display_name, f.lesson_id, f.reason) for f in follow if f.lesson_id]
    assert unfinished == [
        ("住民 00", "myna-hokensho", OutcomeReason.CARD_NOT_ARRIVED),
        ("住民 02", "mynumber-receive", OutcomeReason.FORGOT_PIN),
    ]
    missed = [(f.display_name, f.missed) for f in follow if f.missed]
    assert missed == [("住民 01", 2)]  # 住民 02 missed only the last one
    counts = store.planning.outcome_counts()
    assert ("myna-hokensho", "completed", "", 1) in counts  # a completed one keeps no reason
    assert all(isinstance(value, (str, int)) for row in counts for value in row)
    assert not any("住民" in str(value) for row in counts for value in row)  # no names


def test_an_outcome_reason_other_takes_a_few_words_through_the_privacy_guard(world):
    store, *_ = world
    [hanako] = _residents(store, 1)
    outcome = store.planning.set_outcome(
        hanako.id, "kokin-account", "not_yet", "other", "通帳を忘れた"
    )
    assert outcome.reason_note == "通帳を忘れた"
    with pytest.raises(PrivacyError):
        store.planning.set_outcome(hanako.id, "kokin-account", "not_yet", "other", "暗証番号 1234")
    assert store.planning.outcomes(hanako.id)[0].reason_note == "通帳を忘れた"


# -- phone numbers ---------------------------------------------------------------------------


def test_a_phone_number_needs_its_own_consent_and_is_never_a_my_number(world):
    store, venue, *_ = world
    [hanako] = _residents(store, 1)
    with pytest.raises(ValidationError) as caught:
        store.planning.set_phone(hanako.id, "090-1234-5678", consent_date=None)
    assert "同意" in caught.value.ja
    with pytest.raises(ValidationError):
        store.planning.set_phone(hanako.id, "電話してください", consent_date=D(2026, 11, 1))
    with pytest.raises(PrivacyError):  # a 12-digit number passing the 個人番号 check digit
        store.planning.set_phone(hanako.id, "1234 5678 9018", consent_date=D(2026, 11, 1))
    assert store.planning.set_phone(
        hanako.id, "０９０−１２３４−５６７８", consent_date=D(2026, 11, 1)
    ) == ("090-1234-5678")
    plan = store.planning.add_plan(
        date=D(2026, 12, 3), start_time="13:00", end_time="15:00", venue_id=venue.id, capacity=5
    )
    [taro] = [store.add_resident("山田 太郎", kana="ヤマダ タロウ", **CONSENT)]
    store.planning.sign_up(plan.id, hanako.id)
    store.planning.sign_up(plan.id, taro.id)
    assert [(s.display_name, phone) for s, phone in store.planning.call_list(plan.id)] == [
        ("住民 00", "090-1234-5678")
    ]
    store.planning.forget_phone(hanako.id)
    assert store.planning.call_list(plan.id) == []
