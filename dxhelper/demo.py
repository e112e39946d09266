"""A realistic, deterministic demo database: the same seed and end month give the same data.

Names are common Japanese surnames and given names with their readings; ages lean old, as at
real help sessions; venues are 公民館 and community centres of a made-up town.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from dxhelper.core.errors import DxError, StoreError
from dxhelper.core.models import AgeBand, Progress, Resident, Session, SessionKind, StepState
from dxhelper.exchange.texts import table_label
from dxhelper.store import Library, Store, stamp

# The built-in lessons and their step ids. Progress is keyed by these ids, so the lesson files
# in lessons/ must keep them (the lessons' tests compare the two).
DEMO_LESSONS: dict[str, tuple[str, ...]] = {
    "smartphone-basics": ("power-on", "screen-lock", "tap-swipe", "typing", "wifi"),
    "mynumber-apply": (
        "check-form",
        "scan-form",
        "enter-email",
        "open-mail-link",
        "take-photo",
        "enter-details",
        "submit",
    ),
    "mynumber-receive": (
        "wait-notice",
        "book-visit",
        "what-to-bring",
        "proxy-pickup",
        "set-pins",
        "pin-roles",
        "lockout",
        "reset-pin",
        "reset-at-store",
    ),
    "myna-hokensho": (
        "choose-route",
        "register-app",
        "clinic-reader",
        "face-or-pin",
        "consent",
        "shikaku-kakunin",
    ),
    "mynaportal-login": (
        "install-app",
        "open-login",
        "enter-pin",
        "read-card",
        "user-registration",
        "look-around",
    ),
    "kokin-account": ("open-menu", "read-card", "enter-bank", "check-name", "agree-register"),
    "convenience-store-certificates": (
        "check-hours",
        "choose-service",
        "place-card",
        "enter-pin",
        "choose-certificate",
        "pay-and-take",
    ),
    "smartphone-certificate": (
        "check-phone",
        "start-setup",
        "selfie",
        "enter-pins",
        "read-card",
        "set-phone-pin",
    ),
    "card-renewal": ("know-dates", "notice-letter", "book-window", "renew-certificate"),
    "online-consultation": (
        "check-clinic",
        "install-register",
        "insurance-photo",
        "book",
        "test-camera",
        "video-call",
        "after-call",
    ),
    "fraud-safety": ("never-ask-pin", "sms-links", "qr-scams", "phone-calls", "who-to-call"),
}

# Popular lessons come up more often, as at real sessions.
_LESSON_WEIGHTS = {
    "smartphone-basics": 8,
    "mynumber-apply": 5,
    "mynumber-receive": 4,
    "myna-hokensho": 7,
    "mynaportal-login": 5,
    "kokin-account": 2,
    "convenience-store-certificates": 3,
    "smartphone-certificate": 2,
    "card-renewal": 2,
    "online-consultation": 3,
    "fraud-safety": 4,
}

SURNAMES = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("山下", "ヤマシタ"),
    ("中島", "ナカジマ"),
    ("小川", "オガワ"),
    ("前田", "マエダ"),
]
GIVEN_NAMES = [
    ("和子", "カズコ"),
    ("幸子", "サチコ"),
    ("節子", "セツコ"),
    ("洋子", "ヨウコ"),
    ("恵子", "ケイコ"),
    ("京子", "キョウコ"),
    ("久子", "ヒサコ"),
    ("美智子", "ミチコ"),
    ("文子", "フミコ"),
    ("悦子", "エツコ"),
    ("千代子", "チヨコ"),
    ("昭子", "アキコ"),
    ("茂", "シゲル"),
    ("博", "ヒロシ"),
    ("実", "ミノル"),
    ("清", "キヨシ"),
    ("勇", "イサム"),
    ("進", "ススム"),
    ("勝", "マサル"),
    ("正", "タダシ"),
    ("明", "アキラ"),
    ("隆", "タカシ"),
    ("修", "オサム"),
    ("和夫", "カズオ"),
    ("健一", "ケンイチ"),
    ("陽子", "ヨウコ"),
]
NICKNAMES = ["さっちゃん", "カズさん", "よっちゃん", "けいちゃん", "先生", "会長"]
NOTES = [
    "老眼鏡を持参されると安心。",
    "ゆっくり大きな声で説明すると伝わりやすい。",
    "次回はマイナ保険証の登録を希望。",
    "スマホはAndroid。文字を大きく設定済み。",
    "",
]
MUNICIPALITY = "みどり市"
# 地区 (districts) of a made-up town: half the demo residents give one, which tells
# namesakes apart. Chosen by position, not by the random stream, so each seed's data stays.
DISTRICTS = ["東町", "西町", "本町", "緑ヶ丘", "川原", "上野台"]

VENUES = [
    "中央公民館",
    "北地区公民館",
    "南コミュニティセンター",
    "駅前市民センター",
    "みどり図書館",
]
VOLUNTEERS = ["推進委員 青木", "推進委員 村上", "推進委員 坂本"]
_AGE_WEIGHTS = {
    AgeBand.UNDER_40: 2,
    AgeBand.FORTIES: 3,
    AgeBand.FIFTIES: 5,
    AgeBand.SIXTIES: 15,
    AgeBand.SEVENTIES: 40,
    AgeBand.EIGHTY_PLUS: 30,
    AgeBand.UNKNOWN: 5,
}
_KIND_WEIGHTS = {SessionKind.CLASS: 6, SessionKind.CONSULTATION: 3, SessionKind.OUTREACH: 1}
_JST = dt.timezone(dt.timedelta(hours=9))
CONSENT_VERSION = "2026-1"


@dataclass(frozen=True)
class DemoSpec:
    residents: int = 60
    sessions: int = 80
    seed: int = 2026
    end_month: dt.date = dt.date(2026, 11, 1)  # the first day of the last month with sessions


@dataclass(frozen=True)
class DemoSummary:
    residents: int
    sessions: int
    progress: int


class DemoChangesError(DxError):
    """The practice records hold rows the demo builder did not write (someone practised, or
    entered a real resident by mistake): they are not replaced unless asked to."""

    def __init__(
        self, path: Path, changes: dict[str, list[str]], backup: Path | None = None
    ) -> None:
        self.path = path
        self.changes = changes
        self.backup = backup
        names = changes.get("residents", [])[:10]
        more = len(changes.get("residents", [])) - len(names)
        who_ja = "、".join(names) + (f" ほか {more} 人" if more > 0 else "")
        who_en = ", ".join(names) + (f" and {more} more" if more > 0 else "")
        counts_ja = "、".join(
            f"{table_label(t, 'ja')} {len(rows)} 件" for t, rows in changes.items()
        )
        counts_en = ", ".join(f"{table_label(t, 'en')} {len(rows)}" for t, rows in changes.items())
        saved_ja = f"\n念のためバックアップを取りました: {backup}" if backup else ""
        saved_en = f"\nA backup was taken first: {backup}" if backup else ""
        super().__init__(
            f"練習用データベースに、デモが作ったのではない記録があるため、作り直しません: {path}\n"
            + (f"住民: {who_ja}\n" if names else "")
            + f"件数: {counts_ja}{saved_ja}\n"
            "実際の記録なら、練習用ではなく実際の記録に入力し直してください。"
            "それでも作り直すときは --discard-changes を付けてください（これらは消えます）。",
            f"The practice database holds records the demo did not write, so it is not rebuilt: "
            f"{path}\n"
            + (f"Residents: {who_en}\n" if names else "")
            + f"Rows: {counts_en}{saved_en}\n"
            "If these are real records, enter them in the real records instead. To rebuild "
            "anyway, add --discard-changes (these rows will be gone).",
        )


def _real_records(path: Path) -> DxError:
    return DxError(
        "このデータベースには実際の記録があるため、デモ用データで上書きしません: "
        f"{path}\n"
        "練習用データは練習用フォルダーに作ります（dxhelper demo）。",
        f"This database holds real records, so it will not be replaced by demo "
        f"data: {path}\nPractice data goes in the practice folder (dxhelper demo).",
    )


def demo_changes(store: Store) -> dict[str, list[str]]:
    """What in a demo database the builder did not write (empty: nothing). The builder
    stamps the installation when it finishes, and every row it writes no later."""
    return store.rows_changed_since(store.installation.created_at)


def build_demo(path: Path, spec: DemoSpec, *, discard_changes: bool = False) -> DemoSummary:
    """Write the demo database at `path`, replacing it only if it is itself a demo database
    that holds nothing but what the builder wrote (or `discard_changes`).

    The new database is built beside the old one and swapped in with one rename, so a failure
    half-way leaves whatever was there before. Callers that replace practice records use
    `build_practice`, which backs them up first.
    """
    path = Path(path)
    if path.exists():
        with Store.open(path, create=False) as existing:
            if not existing.installation.is_demo:
                raise _real_records(path)
            changes = demo_changes(existing)
            if changes and not discard_changes:
                raise DemoChangesError(path, changes)
    temp = path.with_name(path.name + ".demo-building")
    _remove_database_files(temp)
    try:
        with Store.open(temp) as store:
            summary = _fill(store, spec)
            store.checkpoint()
        _remove_database_files(path, keep_main=True)
        os.replace(temp, path)
    except OSError as exc:
        raise StoreError(
            f"デモ用データベースを書けませんでした: {exc}",
            f"Could not write the demo database: {exc}",
        ) from exc
    finally:
        _remove_database_files(temp)
    return summary


def build_practice(
    library: Library, spec: DemoSpec, *, discard_changes: bool = False
) -> DemoSummary:
    """(Re)build the practice records of `library` (whose paths are the practice ones), under
    its write lock. Existing practice records that hold rows someone else wrote are backed up
    first and then refused (DemoChangesError), or replaced with `discard_changes`. Real
    records are never replaced. The library is left closed."""
    paths = library.paths
    with library.writing():
        paths.root.mkdir(parents=True, exist_ok=True)
        if paths.database.exists():
            store = library.open(create=False)
            try:
                if not store.installation.is_demo:
                    raise _real_records(paths.database)
                changes = demo_changes(store)
                if changes:
                    info = library.backup("demo", force=True)
                    if not discard_changes:
                        raise DemoChangesError(paths.database, changes, info.path if info else None)
            finally:
                library.close()
        return build_demo(paths.database, spec, discard_changes=True)


def _remove_database_files(path: Path, *, keep_main: bool = False) -> None:
    suffixes = ["-wal", "-shm"] if keep_main else ["", "-wal", "-shm"]
    for suffix in suffixes:
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def _months(end_month: dt.date, count: int = 12) -> list[dt.date]:
    months = []
    year, month = end_month.year, end_month.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(months)


def _at(day: dt.date, hhmm: str, minutes: int = 0) -> str:
    hour, minute = map(int, hhmm.split(":"))
    local = dt.datetime.combine(day, dt.time(hour, minute), _JST) + dt.timedelta(minutes=minutes)
    return stamp(local)


def _fill(store: Store, spec: DemoSpec) -> DemoSummary:
    rng = random.Random(spec.seed)

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    store.update_installation(name="デモ端末", municipality=MUNICIPALITY, is_demo=True)
    # No row is stamped later than the build: today's sessions may start after now, and a
    # row stamped after the installation's created_at reads as someone's own (demo_changes).
    latest = stamp(store.now())

    def no_later(moment: str) -> str:
        return min(moment, latest)

    venues = [store.add_venue(name, MUNICIPALITY) for name in VENUES]
    volunteers = [store.add_volunteer(name) for name in VOLUNTEERS]

    months = _months(spec.end_month)
    first_day = months[0]
    last_day = dt.date(
        spec.end_month.year + (spec.end_month.month == 12), spec.end_month.month % 12 + 1, 1
    ) - dt.timedelta(days=1)
    today = dt.datetime.now().astimezone().date()  # the store checks dates in local time too
    last_day = min(last_day, max(today, first_day))

    # Session dates first: a resident's consent date is their first visit.
    dates = sorted(_session_day(rng, first_day, last_day) for _ in range(spec.sessions))
    residents = [_resident(rng, uid, i, first_day) for i in range(spec.residents)]

    sessions: list[Session] = []
    attendance: list[tuple[str, str]] = []
    lessons: list[tuple[str, str]] = []
    progress: dict[tuple[str, str, str], Progress] = {}
    first_visit: dict[str, dt.date] = {}
    lesson_ids = list(_LESSON_WEIGHTS)
    weights = list(_LESSON_WEIGHTS.values())
    # Who helped and what consultations were about come from a generator of their own, so
    # the sessions, people and progress stay what the seed always gave.
    extra = random.Random(spec.seed * 7919 + 17)
    helpers: list[tuple[str, str, str]] = []
    for day in dates:
        kind = rng.choices(list(_KIND_WEIGHTS), weights=list(_KIND_WEIGHTS.values()))[0]
        start = rng.choice(
            ["10:00", "13:30", "14:00"]
            if kind is SessionKind.CLASS
            else ["09:30", "11:00", "15:00"]
        )
        volunteer = rng.choice(volunteers)
        session_id = uid()
        named_count = {
            SessionKind.CLASS: rng.randint(2, 7),
            SessionKind.CONSULTATION: rng.randint(1, 2),
            SessionKind.OUTREACH: rng.randint(1, 3),
        }[kind]
        unnamed_total = rng.randint(0, 6) if kind is SessionKind.CLASS else rng.randint(0, 1)
        unnamed: dict[AgeBand, int] = dict.fromkeys(AgeBand, 0)
        for _ in range(unnamed_total):
            unnamed[rng.choices(list(_AGE_WEIGHTS), weights=list(_AGE_WEIGHTS.values()))[0]] += 1
        chosen = _pick_lessons(rng, lesson_ids, weights, 2 if kind is SessionKind.CLASS else 1)
        stamp_at = no_later(_at(day, start))
        others = [v for v in volunteers if v.id != volunteer.id]
        if kind is SessionKind.CLASS and named_count + unnamed_total > 4 and others:
            if extra.random() < 0.7:
                helpers.append((session_id, extra.choice(others).id, "assistant"))
            elif extra.random() < 0.5:
                helpers.append((session_id, extra.choice(others).id, "reception"))
        topic, topic_note = "", ""
        if kind is SessionKind.CONSULTATION:
            topic = _LESSON_CATEGORY.get(chosen[0], "other") if extra.random() < 0.85 else "other"
            topic_note = extra.choice(_OTHER_TOPICS) if topic == "other" else ""
        sessions.append(
            Session(
                id=session_id,
                date=day,
                start_time=start,
                end_time=_later(start, 2 if kind is SessionKind.CLASS else 1),
                venue_id=rng.choice(venues).id,
                volunteer_id=volunteer.id,
                kind=kind,
                unnamed=unnamed,
                note=rng.choice(["", "", "プロジェクターを使用。", "雨で少なめ。"]),
                created_at=stamp_at,
                updated_at=stamp_at,
                origin="",
                topic=topic,
                topic_note=topic_note,
            )
        )
        lessons.extend((session_id, lesson_id) for lesson_id in chosen)
        pool = residents if residents else []
        for resident in rng.sample(pool, min(named_count, len(pool))):
            attendance.append((session_id, resident.id))
            first_visit.setdefault(resident.id, day)
            for lesson_id in chosen:
                _tick(
                    rng,
                    uid,
                    progress,
                    resident.id,
                    lesson_id,
                    session_id,
                    volunteer.id,
                    no_later(_at(day, start, 30)),
                )

    residents = [
        _with_consent(r, first_visit.get(r.id, r.consent_date), no_later) for r in residents
    ]
    store.bulk_add_residents(residents)
    store.bulk_add_sessions(sessions, attendance, lessons, helpers)
    store.bulk_set_progress(progress.values())
    _plan_ahead(store, extra, venues, volunteers, residents, progress, today)
    store.update_installation(created_at=stamp(store.now()))  # built: see demo_changes
    return DemoSummary(len(residents), len(sessions), len(progress))


# The built-in lessons' categories (a consultation's topic is the category of its lesson).
_LESSON_CATEGORY = {
    "smartphone-basics": "smartphone",
    "fraud-safety": "safety",
    "mynumber-apply": "mynumber-card",
    "mynumber-receive": "mynumber-card",
    "card-renewal": "mynumber-card",
    "smartphone-certificate": "mynumber-card",
    "myna-hokensho": "myna-hokensho",
    "mynaportal-login": "mynaportal",
    "kokin-account": "mynaportal",
    "convenience-store-certificates": "mynaportal",
    "online-consultation": "online-health",
}
_OTHER_TOPICS = ["年金の手続き", "LINEの使い方", "写真の送り方"]
# Procedures a resident finishes outside the class, and why some have not yet.
_PROCEDURES = ("myna-hokensho", "mynumber-receive", "kokin-account", "mynaportal-login")
_REASONS = ("card_not_arrived", "forgot_pin", "phone_unsupported", "missing_documents", "other")


def _plan_ahead(store, rng, venues, volunteers, residents, progress, today) -> None:
    """What a volunteer has planned and follows up: a weekly smartphone class from next week
    with sign-ups, a monthly consultation that is full with two waiting, outcomes of the
    procedures residents worked on (some not yet, with a reason), three phone numbers given
    with consent."""
    if not residents or not venues or not volunteers:
        return
    planning = store.planning
    start = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)  # next Tuesday
    _series, weekly = planning.add_series(
        title="はじめてのスマホ教室",
        first_date=start,
        until=start + dt.timedelta(weeks=5),
        every="week",
        start_time="10:00",
        end_time="11:30",
        venue_id=venues[0].id,
        capacity=12,
        lesson_ids=["smartphone-basics"],
        team=[(volunteers[1].id, "assistant")],
        skip=[start + dt.timedelta(weeks=2)],
    )
    people = rng.sample(residents, min(len(residents), 16))
    for person in people[:8]:
        planning.sign_up(weekly[0].id, person.id)
    consult = planning.add_plan(
        date=start + dt.timedelta(days=2),
        start_time="13:30",
        end_time="15:30",
        venue_id=venues[-1].id,
        kind="consultation",
        title="マイナ保険証 相談会",
        capacity=4,
        lesson_ids=["myna-hokensho"],
    )
    for person in people[8:14]:
        planning.sign_up(consult.id, person.id)
    worked = sorted({(r, lesson) for r, lesson, _step in progress if lesson in _PROCEDURES})
    unfinished: list[str] = []
    for resident_id, lesson_id in rng.sample(worked, min(len(worked), 24)):
        if rng.random() < 0.55:
            planning.set_outcome(resident_id, lesson_id, "completed")
        else:
            reason = rng.choice(_REASONS)
            note = "通帳を持ってくる" if reason == "other" else ""
            planning.set_outcome(resident_id, lesson_id, "not_yet", reason, note)
            unfinished.append(resident_id)
    # Phone numbers (each with its own consent) for two who signed up and two to follow up,
    # so the reminder call list and Follow-up's call list both have someone on them.
    by_id = {r.id: r for r in residents}
    callers = [p.id for p in people[:2]] + [i for i in dict.fromkeys(unfinished) if i in by_id][:2]
    numbers = ("090-1234-0001", "080-2345-0002", "0123-45-0003", "070-3456-0004")
    for resident_id, number in zip(dict.fromkeys(callers), numbers, strict=False):
        person = by_id[resident_id]
        planning.set_phone(person.id, number, consent_date=person.consent_date)


def _session_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    span = (last - first).days
    while True:
        day = first + dt.timedelta(days=rng.randint(0, max(span, 0)))
        if day.weekday() < 5 or rng.random() < 0.2:  # mostly weekdays
            return day


def _pick_lessons(rng: random.Random, ids: list[str], weights: list[int], most: int) -> list[str]:
    chosen: list[str] = []
    for _ in range(rng.randint(1, most)):
        pick = rng.choices(ids, weights=weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _resident(rng: random.Random, uid, index: int, first_day: dt.date) -> Resident:
    surname, surname_kana = rng.choice(SURNAMES)
    given, given_kana = rng.choice(GIVEN_NAMES)
    created = _at(first_day, "09:00", index)
    return Resident(
        id=uid(),
        display_name=f"{surname} {given}",
        kana=f"{surname_kana} {given_kana}",
        nickname=rng.choice(NICKNAMES) if rng.random() < 0.12 else "",
        age_band=rng.choices(list(_AGE_WEIGHTS), weights=list(_AGE_WEIGHTS.values()))[0],
        consent_date=first_day,
        consent_version=CONSENT_VERSION,
        note=rng.choice(NOTES) if rng.random() < 0.3 else "",
        created_at=created,
        updated_at=created,
        origin="",
        district=DISTRICTS[index // 2 % len(DISTRICTS)] if index % 2 == 0 else "",
    )


def _with_consent(resident: Resident, day: dt.date, no_later) -> Resident:
    created = no_later(_at(day, "09:00"))
    return Resident(
        **{**_fields(resident), "consent_date": day, "created_at": created, "updated_at": created}
    )


def _fields(resident: Resident) -> dict:
    return {name: getattr(resident, name) for name in Resident.__slots__}


def _tick(rng, uid, progress, resident_id, lesson_id, session_id, volunteer_id, at) -> None:
    """Residents work through a lesson in order; most finish a few steps, some need help."""
    steps = DEMO_LESSONS[lesson_id]
    done_before = sum(
        1
        for step in steps
        if (p := progress.get((resident_id, lesson_id, step))) and p.state is StepState.DONE
    )
    reach = min(len(steps), done_before + rng.randint(1, 4))
    for position, step in enumerate(steps[:reach]):
        key = (resident_id, lesson_id, step)
        if key in progress and progress[key].state is StepState.DONE:
            continue
        state = (
            StepState.NEEDS_HELP
            if position == reach - 1 and rng.random() < 0.25
            else StepState.DONE
        )
        existing = progress.get(key)
        progress[key] = Progress(
            id=existing.id if existing else uid(),
            resident_id=resident_id,
            lesson_id=lesson_id,
            step_id=step,
            state=state,
            session_id=session_id,
            volunteer_id=volunteer_id,
            at=at,
            created_at=existing.created_at if existing else at,
            updated_at=at,
            origin="",
        )


def _later(hhmm: str, hours: int) -> str:
    return f"{int(hhmm[:2]) + hours:02d}{hhmm[2:]}"
