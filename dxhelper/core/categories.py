"""The fixed lesson categories, matching the themes coordinators report by."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    SMARTPHONE = "smartphone"
    MYNUMBER_CARD = "mynumber-card"
    MYNA_HOKENSHO = "myna-hokensho"
    MYNAPORTAL = "mynaportal"
    ONLINE_HEALTH = "online-health"
    SAFETY = "safety"
    OTHER = "other"

    def label(self, lang: str = "ja") -> str:
        return _LABELS[self][1 if lang == "en" else 0]


_LABELS: dict[Category, tuple[str, str]] = {
    Category.SMARTPHONE: ("スマホの基本操作", "Smartphone basics"),
    Category.MYNUMBER_CARD: ("マイナンバーカード", "My Number card"),
    Category.MYNA_HOKENSHO: ("マイナ保険証", "My Number health insurance card"),
    Category.MYNAPORTAL: ("マイナポータル・行政手続き", "Mynaportal and online procedures"),
    Category.ONLINE_HEALTH: ("オンライン診療・相談", "Online medical care and consultations"),
    Category.SAFETY: ("安全・セキュリティ", "Safety and security"),
    Category.OTHER: ("その他", "Other"),
}


class Course(StrEnum):
    """The standard course set's two kinds (総務省 デジタル活用支援): first steps with a
    smartphone, and using it for services (My Number card, health insurance, procedures)."""

    BASIC = "basic"
    APPLIED = "applied"

    def label(self, lang: str = "ja") -> str:
        return _COURSE_LABELS[self][1 if lang == "en" else 0]


_COURSE_LABELS: dict[Course, tuple[str, str]] = {
    Course.BASIC: ("基本講座", "Basic course"),
    Course.APPLIED: ("応用講座", "Applied course"),
}
