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
