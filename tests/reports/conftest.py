"""A small town recorded through the Store API, whose figures are counted by hand in the tests.

Period 2026-01…2026-12. Every progress tick is stamped with the fixed clock (2026-11-24).

    S1 2026-10-05 中央公民館 青木 class     sato, suzuki  unnamed 70s×2, unknown×1
                                             lessons smartphone-basics, mynumber-apply
    S2 2026-11-10 北公民館   村上 consultation yamada   lessons myna-hokensho
    S3 2026-11-20 中央公民館 村上 class     yamada, sato  unnamed 80plus×3   lessons fraud-safety
    S4 2026-05-15 北公民館   青木 outreach  nobody        unnamed 60s×1      no lesson
    S5 2025-12-01 中央公民館 青木 class     suzuki        unnamed 50s×4      (before the period)

Residents: yamada 70s (consent 2026-11-01), sato 80plus (2026-10-01), suzuki 60s (2025-06-01).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from dxhelper.core.models import AgeBand, SessionKind


@dataclass
class Town:
    store: object
    venues: dict[str, str]
    volunteers: dict[str, str]
    residents: dict[str, str]
    sessions: dict[str, str]


@pytest.fixture
def catalogue():
    from dxhelper.core.lessons import Catalogue
    from dxhelper.paths import builtin_lessons_dir

    return Catalogue.load(builtin_lessons_dir())


@pytest.fixture
def town(store) -> Town:
    chuo = store.add_venue("中央公民館", "みどり市").id
    kita = store.add_venue("北公民館", "みどり市").id
    aoki = store.add_volunteer("推進委員 青木").id
    murakami = store.add_volunteer("推進委員 村上").id

    def resident(name: str, band: str, consent: dt.date) -> str:
        return store.add_resident(
            name, age_band=band, consent_date=consent, consent_version="2026-1"
        ).id

    yamada = resident("山田 花子", "70s", dt.date(2026, 11, 1))
    sato = resident("佐藤 茂", "80plus", dt.date(2026, 10, 1))
    suzuki = resident("鈴木 一郎", "60s", dt.date(2025, 6, 1))

    def session(day, venue, volunteer, kind, people, unnamed, lessons) -> str:
        sid = store.start_session(
            venue_id=venue, volunteer_id=volunteer, kind=kind, date=day, start_time="10:00"
        ).id
        for person in people:
            store.add_attendee(sid, person)
        if unnamed:
            store.set_unnamed_counts(sid, unnamed)
        if lessons:
            store.set_session_lessons(sid, lessons)
        store.end_session(sid, "12:00")
        return sid

    s1 = session(
        dt.date(2026, 10, 5),
        chuo,
        aoki,
        SessionKind.CLASS,
        [sato, suzuki],
        {AgeBand.SEVENTIES: 2, AgeBand.UNKNOWN: 1},
        ["smartphone-basics", "mynumber-apply"],
    )
    s2 = session(
        dt.date(2026, 11, 10),
        kita,
        murakami,
        SessionKind.CONSULTATION,
        [yamada],
        {},
        ["myna-hokensho"],
    )
    s3 = session(
        dt.date(2026, 11, 20),
        chuo,
        murakami,
        SessionKind.CLASS,
        [yamada, sato],
        {AgeBand.EIGHTY_PLUS: 3},
        ["fraud-safety"],
    )
    s4 = session(
        dt.date(2026, 5, 15), kita, aoki, SessionKind.OUTREACH, [], {AgeBand.SIXTIES: 1}, []
    )
    s5 = session(
        dt.date(2025, 12, 1),
        chuo,
        aoki,
        SessionKind.CLASS,
        [suzuki],
        {AgeBand.FIFTIES: 4},
        ["smartphone-basics"],
    )

    def tick(who, lesson, step, state, sid, volunteer) -> None:
        store.set_step_state(who, lesson, step, state, session_id=sid, volunteer_id=volunteer)

    tick(sato, "smartphone-basics", "power-on", "done", s1, aoki)
    tick(sato, "smartphone-basics", "screen-lock", "done", s1, aoki)
    tick(sato, "smartphone-basics", "tap-swipe", "help", s1, aoki)
    tick(suzuki, "smartphone-basics", "power-on", "done", s1, aoki)
    tick(suzuki, "smartphone-basics", "screen-lock", "help", s1, aoki)
    tick(yamada, "myna-hokensho", "choose-route", "done", s2, murakami)
    tick(yamada, "myna-hokensho", "register-app", "help", s2, murakami)
    tick(yamada, "fraud-safety", "never-ask-pin", "done", s3, murakami)
    tick(sato, "fraud-safety", "never-ask-pin", "help", s3, murakami)
    tick(sato, "mynumber-apply", "check-form", "done", None, None)  # ticked outside a session
    tick(suzuki, "mynumber-apply", "scan-form", "open", s1, aoki)  # a cleared tick: not counted
    return Town(
        store=store,
        venues={"chuo": chuo, "kita": kita},
        volunteers={"aoki": aoki, "murakami": murakami},
        residents={"yamada": yamada, "sato": sato, "suzuki": suzuki},
        sessions={"s1": s1, "s2": s2, "s3": s3, "s4": s4, "s5": s5},
    )
