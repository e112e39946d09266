"""The fixed words printed on handouts, in Japanese and English."""

from __future__ import annotations

import datetime as dt

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
        # 受付票 (sign-in sheet)
        "signin_title": "受付票",
        "signin_subject": "受付票（手書き用）",
        "signin_footer": "受付票・書いたあとは推進委員が保管します",
        "signin_date_blank": "日付：          年      月      日",
        "signin_date": "日付：{date}",
        "signin_venue_blank": "会場：",
        "signin_venue": "会場：{venue}",
        "signin_explain": "名前を記録してよい方は、右の□に✓を入れてください。記録するのは、"
        "名前・よみがな・年代と、できた講座の手順だけです。住所・生年月日・カードの番号・暗証番号は"
        "記録しません。",
        "signin_number": "番号",
        "signin_kana": "ふりがな",
        "signin_name": "お名前",
        "signin_consent_head": "名前の記録",
        "signin_consent": "同意する",
        "signin_tally": "名前を記録しない方の人数（年代ごとに 正 の字で）",
        # 次回のご案内 (next-session notice)
        "notice_title": "次回のご案内",
        "notice_subject": "次回のご案内（切り取って配るもの）",
        "notice_footer": "次回のご案内・点線で切ってお渡しください",
        "notice_date": "日にち：{date}",
        "notice_time": "時間：{time}",
        "notice_venue": "会場：{venue}",
        "notice_bring": "持ち物：",
        "notice_pin": "暗証番号は人に教えない",
        "notice_help": "困ったら☎{number}",
        "notice_help_label": "困ったら{label}☎{number}",
        # 受講証明 (certificate of attendance)
        "cert_title": "受講証明書",
        "cert_subject": "受講証明書",
        "cert_footer": "受講証明書・{date} 発行",
        "cert_body": "上記の方が、下記のとおりデジタル活用支援の講習を受講されたことを証明します。",
        "cert_date": "受講日",
        "cert_venue": "会場",
        "cert_lessons": "受講した講座",
        "cert_volunteer": "担当した推進委員",
        "cert_municipality": "市区町村",
        "cert_issued": "発行日：{date}",
        "cert_signed": "証明者：デジタル推進委員　{volunteer}",
        "cert_stamp": "署名・印",
        "cert_no_lessons": "（講座の記録なし）",
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
        # sign-in sheet
        "signin_title": "Sign-in sheet",
        "signin_subject": "Sign-in sheet (to fill in by hand)",
        "signin_footer": "Sign-in sheet · kept by the volunteer once filled in",
        "signin_date_blank": "Date:",
        "signin_date": "Date: {date}",
        "signin_venue_blank": "Venue:",
        "signin_venue": "Venue: {venue}",
        "signin_explain": "Tick the box on the right if you agree to be recorded by name. We "
        "record only your name, its reading, your age band and the lesson steps you have done. "
        "Never your address, birth date, card numbers or PIN.",
        "signin_number": "No.",
        "signin_kana": "Reading (kana)",
        "signin_name": "Name",
        "signin_consent_head": "Record my name",
        "signin_consent": "I agree",
        "signin_tally": "People not recorded by name: count by age band",
        # next-session notice
        "notice_title": "Next session",
        "notice_subject": "Next-session notice (slips to cut out)",
        "notice_footer": "Next-session notice · cut along the dashed lines",
        "notice_date": "Date: {date}",
        "notice_time": "Time: {time}",
        "notice_venue": "Venue: {venue}",
        "notice_bring": "Please bring:",
        "notice_pin": "Never tell your PIN",
        "notice_help": "Help ☎ {number}",
        "notice_help_label": "Help: {label} ☎ {number}",
        # certificate of attendance
        "cert_title": "Certificate of Attendance",
        "cert_subject": "Certificate of attendance",
        "cert_footer": "Certificate of attendance · issued {date}",
        "cert_body": "This is to certify that the person named above attended the digital skills "
        "session described below.",
        "cert_date": "Date",
        "cert_venue": "Venue",
        "cert_lessons": "Lessons taken",
        "cert_volunteer": "Volunteer",
        "cert_municipality": "Municipality",
        "cert_issued": "Issued on {date}",
        "cert_signed": "Certified by digital promotion volunteer {volunteer}",
        "cert_stamp": "Signature / seal",
        "cert_no_lessons": "(no lessons recorded)",
    },
}

LEVEL_NAMES = {
    "ja": {1: "やさしい", 2: "ふつう", 3: "むずかしい"},
    "en": {1: "easy", 2: "medium", 3: "harder"},
}

MARKS = {StepState.DONE: "✓", StepState.NEEDS_HELP: "△", StepState.OPEN: "□"}


def text(lang: str, key: str, **values: object) -> str:
    return _TEXTS["en" if lang == "en" else "ja"][key].format(**values)


WEEKDAYS_JA = "月火水木金土日"


def long_date(day: dt.date, lang: str, weekday: bool = False) -> str:
    """A date as people write it: 2026年12月5日（土） / Saturday 5 December 2026."""
    if lang == "en":
        return (
            f"{day:%A} {day.day} {day:%B} {day.year}"
            if weekday
            else (f"{day.day} {day:%B} {day.year}")
        )
    shown = f"{day.year}年{day.month}月{day.day}日"
    return f"{shown}（{WEEKDAYS_JA[day.weekday()]}）" if weekday else shown
