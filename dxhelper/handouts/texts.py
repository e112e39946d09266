"""The fixed words printed on handouts, in Japanese and English."""

from __future__ import annotations

from dxhelper.core.models import StepState

_TEXTS: dict[str, dict[str, str]] = {
    "ja": {
        "bring": "持ち物",
        "steps": "手順",
        "links": "くわしくは公式ページで（QRコードを読み取ってください）",
        "no_qr": "（QRコードはつけていません）",
        "never_pin": "市役所・ボランティアが暗証番号を聞くことは絶対にありません",
        "never_pin_more": "暗証番号は、ご自身で入力してください。"
        "電話やメールで聞かれても教えないでください。",
        "venue": "会場：{venue}",
        "next": "次回：{next}",
        "level": "レベル {level}（{name}）",
        "minutes": "約{minutes}分",
        "footer": "{title}・第{version}版・{checked} 確認",
        "sheet_title": "{name}の 学習の記録",
        "guide_subject": "講座の手引き：{title}",
        "sheet_subject": "学習の記録",
        "batch_subject": "講座の手引きと学習の記録",
        "sheet_footer": "学習の記録・{date} 作成",
        "made_on": "作成日：{date}",
        "legend": "✓ できた　　△ もう一度　　□ まだ",
        "next_time": "次回はここから：{step}",
        "all_done": "この講座は全部できました。",
        "no_progress": "まだ記録がありません。",
        "helpline_hours": "受付時間：{hours}",
    },
    "en": {
        "bring": "What to bring",
        "steps": "Steps",
        "links": "Official pages (scan the QR code)",
        "no_qr": "(no QR code)",
        "never_pin": "City hall staff and volunteers will never ask for your PIN",
        "never_pin_more": "Always type your PIN yourself. Never tell it to anyone who asks by "
        "phone or e-mail.",
        "venue": "Venue: {venue}",
        "next": "Next session: {next}",
        "level": "Level {level} ({name})",
        "minutes": "about {minutes} minutes",
        "footer": "{title} · version {version} · checked {checked}",
        "guide_subject": "Lesson guide: {title}",
        "sheet_subject": "Learning record",
        "batch_subject": "Lesson guides and learning records",
        "sheet_title": "Learning record: {name}",
        "sheet_footer": "Learning record · made {date}",
        "made_on": "Made on {date}",
        "legend": "✓ done    △ needs practice    □ not yet",
        "next_time": "Next time, start here: {step}",
        "all_done": "You have done every step of this lesson.",
        "no_progress": "Nothing recorded yet.",
        "helpline_hours": "Hours: {hours}",
    },
}

LEVEL_NAMES = {
    "ja": {1: "やさしい", 2: "ふつう", 3: "むずかしい"},
    "en": {1: "easy", 2: "medium", 3: "harder"},
}

MARKS = {StepState.DONE: "✓", StepState.NEEDS_HELP: "△", StepState.OPEN: "□"}


def text(lang: str, key: str, **values: object) -> str:
    return _TEXTS["en" if lang == "en" else "ja"][key].format(**values)
