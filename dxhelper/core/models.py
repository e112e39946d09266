"""The domain's dataclasses and fixed vocabularies. The store takes and returns these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class AgeBand(StrEnum):
    """Age bands coordinators report by. Values are stored; labels are shown."""

    UNDER_40 = "u39"
    FORTIES = "40s"
    FIFTIES = "50s"
    SIXTIES = "60s"
    SEVENTIES = "70s"
    EIGHTY_PLUS = "80plus"
    UNKNOWN = "unknown"

    def label(self, lang: str = "ja") -> str:
        return _AGE_LABELS[self][1 if lang == "en" else 0]


_AGE_LABELS: dict[AgeBand, tuple[str, str]] = {
    AgeBand.UNDER_40: ("〜39歳", "under 40"),
    AgeBand.FORTIES: ("40代", "40s"),
    AgeBand.FIFTIES: ("50代", "50s"),
    AgeBand.SIXTIES: ("60代", "60s"),
    AgeBand.SEVENTIES: ("70代", "70s"),
    AgeBand.EIGHTY_PLUS: ("80代以上", "80 and over"),
    AgeBand.UNKNOWN: ("不明", "unknown"),
}


class SessionKind(StrEnum):
    CLASS = "class"  # 講習会: a group class
    CONSULTATION = "consultation"  # 個別相談: one-to-one help
    OUTREACH = "outreach"  # 出張: visiting a resident or a facility

    def label(self, lang: str = "ja") -> str:
        return _KIND_LABELS[self][1 if lang == "en" else 0]


_KIND_LABELS: dict[SessionKind, tuple[str, str]] = {
    SessionKind.CLASS: ("講習会", "class"),
    SessionKind.CONSULTATION: ("個別相談", "one-to-one"),
    SessionKind.OUTREACH: ("出張", "outreach"),
}


class VolunteerRole(StrEnum):
    """What a volunteer did at a session (issue 17): the programme counts 講師 and helpers."""

    LEAD = "lead"  # 講師: teaches
    ASSISTANT = "assistant"  # アシスタント: helps learners one by one
    RECEPTION = "reception"  # 受付: signs people in

    def label(self, lang: str = "ja") -> str:
        return _ROLE_LABELS[self][1 if lang == "en" else 0]


_ROLE_LABELS: dict[VolunteerRole, tuple[str, str]] = {
    VolunteerRole.LEAD: ("講師", "instructor"),
    VolunteerRole.ASSISTANT: ("アシスタント", "assistant"),
    VolunteerRole.RECEPTION: ("受付", "reception"),
}

# The programme's rule for classes: at least one trained 講師, and one helper (講師 or
# アシスタント) for every four learners.
LEARNERS_PER_HELPER = 4


def staffing_warning(learners: int, roles: list[VolunteerRole]) -> tuple[str, str] | None:
    """(ja, en) when a class has more learners per helper than the rule allows, or no 講師."""
    helpers = sum(1 for role in roles if role in (VolunteerRole.LEAD, VolunteerRole.ASSISTANT))
    if learners and VolunteerRole.LEAD not in roles:
        return (
            "講師が決まっていません。教える人を「講師」にしてください。",
            "No instructor: mark the volunteer who teaches as instructor.",
        )
    if helpers and learners > helpers * LEARNERS_PER_HELPER:
        needed = -(-learners // LEARNERS_PER_HELPER)
        return (
            f"受講者 {learners} 人に、講師・アシスタントが {helpers} 人です。"
            f"4人に1人の目安では {needed} 人必要です。",
            f"{learners} learners and {helpers} instructors or assistants: the guideline of "
            f"one helper for every four learners needs {needed}.",
        )
    return None


class StepState(StrEnum):
    OPEN = "open"  # not done yet, or a tick that was cleared
    DONE = "done"
    NEEDS_HELP = "help"


@dataclass(frozen=True, slots=True)
class Installation:
    """This copy of dxhelper. Its id is the `origin` of every row it writes."""

    id: str
    name: str
    municipality: str
    is_demo: bool
    created_at: str


@dataclass(frozen=True, slots=True)
class Volunteer:
    id: str
    display_name: str
    created_at: str
    updated_at: str
    origin: str


@dataclass(frozen=True, slots=True)
class Venue:
    id: str
    name: str
    municipality: str
    created_at: str
    updated_at: str
    origin: str


@dataclass(frozen=True, slots=True)
class Resident:
    """A named resident who consented to being recorded. No address, birth date or numbers."""

    id: str
    display_name: str
    kana: str
    nickname: str
    age_band: AgeBand
    consent_date: dt.date
    consent_version: str
    note: str
    created_at: str
    updated_at: str
    origin: str
    district: str = ""  # 地区 / neighbourhood, optional: tells two people of one name apart


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    date: dt.date
    start_time: str  # "HH:MM", local time at the venue
    end_time: str | None  # None while the session is running
    venue_id: str
    volunteer_id: str
    kind: SessionKind
    unnamed: dict[AgeBand, int] = field(default_factory=dict)
    note: str = ""
    created_at: str = ""
    updated_at: str = ""
    origin: str = ""
    # 個別相談: what it was about: "" (not said), a lesson Category value, or "other" with
    # a few words in topic_note.
    topic: str = ""
    topic_note: str = ""

    @property
    def is_open(self) -> bool:
        return self.end_time is None

    @property
    def unnamed_total(self) -> int:
        return sum(self.unnamed.values())


@dataclass(frozen=True, slots=True)
class SessionVolunteer:
    """One volunteer's part in a session."""

    session_id: str
    volunteer_id: str
    role: VolunteerRole
    display_name: str = ""  # the volunteer's name, for showing
    id: str = ""


@dataclass(frozen=True, slots=True)
class Progress:
    """Where one resident stands on one step of one lesson (keyed by stable ids)."""

    id: str
    resident_id: str
    lesson_id: str
    step_id: str
    state: StepState
    session_id: str | None
    volunteer_id: str | None
    at: str
    created_at: str
    updated_at: str
    origin: str


@dataclass(frozen=True, slots=True)
class AttendeeHit:
    """One resident found while adding attendees, with what tells them apart on the row."""

    resident: Resident
    present: bool  # already in this session
    last_date: dt.date | None  # when they last came (any session)
    last_venue: str  # where they last came ("" if never)
    exact: bool  # the whole name, reading or nickname was typed


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """The Today screen's figures for one calendar month."""

    year: int
    month: int
    sessions: int
    named_attendances: int
    unnamed_attendances: int
    distinct_residents: int
    steps_done: int

    @property
    def attendances(self) -> int:
        return self.named_attendances + self.unnamed_attendances


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What `dxhelper check` found. Empty lists mean healthy."""

    integrity: list[str]
    foreign_keys: list[str]
    applied_migrations: list[str]
    pending_migrations: list[str]
    unknown_migrations: list[str]

    @property
    def ok(self) -> bool:
        return not (
            self.integrity
            or self.foreign_keys
            or self.pending_migrations
            or self.unknown_migrations
        )


class HandoverItem(StrEnum):
    """What a volunteer confirms before a resident leaves (the end-of-session checklist)."""

    CARD_RETURNED = "card"  # the resident's My Number card is back in their hands
    PHONE_RETURNED = "phone"  # their smartphone too
    LOGGED_OUT = "logout"  # no shared device stays logged in to the resident's accounts
    NOTHING_WRITTEN = "nothing_written"  # no PIN or card number is written down anywhere

    def label(self, lang: str = "ja") -> str:
        return _HANDOVER_LABELS[self][1 if lang == "en" else 0]


_HANDOVER_LABELS: dict[HandoverItem, tuple[str, str]] = {
    HandoverItem.CARD_RETURNED: (
        "マイナンバーカードをご本人に返した",
        "The resident's My Number card is back with them",
    ),
    HandoverItem.PHONE_RETURNED: (
        "スマートフォンをご本人に返した",
        "The resident's phone is back with them",
    ),
    HandoverItem.LOGGED_OUT: (
        "共用の端末でご本人のアカウントからログアウトした",
        "Logged out of the resident's accounts on every shared device",
    ),
    HandoverItem.NOTHING_WRITTEN: (
        "暗証番号やカードの番号をどこにも書き残していない",
        "No PIN or card number is written down anywhere",
    ),
}


@dataclass(frozen=True, slots=True)
class HandoverCheck:
    """One checklist line: ticked, or skipped with the reason why (e.g. 'no card today')."""

    item: HandoverItem
    done: bool
    reason: str = ""


# The version of the consent text a resident agreed to (shown in the new-resident dialog).
CONSENT_VERSION = "2026-2"  # 2026-2: the text names the optional district
