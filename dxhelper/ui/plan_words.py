"""How a planned session is named on screen: its date and times, and its title."""

from __future__ import annotations

from dxhelper.core.planning import Plan
from dxhelper.ui.widgets import date_text


def plan_when(plan: Plan, lang: str) -> str:
    return f"{date_text(plan.date, lang)} {plan.start_time}–{plan.end_time}"


def plan_title(plan: Plan, lang: str) -> str:
    return plan.title or plan.kind.label(lang)
