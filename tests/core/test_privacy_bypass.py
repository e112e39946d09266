"""Issue 16 §7, a guard that cannot be slipped: every way around the 個人番号 and PIN patterns
that got through before, each beside the harmless text that must still pass."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata

import pytest

from dxhelper.core.errors import PrivacyError
from dxhelper.core.privacy import (
    SEPARATORS,
    check_free_text,
    check_record_texts,
    find_my_number,
    find_pin_disclosure,
    find_secrets,
    find_split_my_number,
    is_valid_my_number,
    may_hold_secret,
)

NUMBER = "123456789018"  # a valid check digit
WRONG = "123456789012"  # the same with a wrong one
A, B, C = NUMBER[:4], NUMBER[4:8], NUMBER[8:]


def in_script(digits: str, zero: str) -> str:
    """`digits` written with the decimal digits that start at `zero` (٠, ०, ０…)."""
    return "".join(chr(ord(zero) + int(d)) for d in digits)


def grouped(digits: str, sep: str) -> str:
    return sep.join((digits[:4], digits[4:8], digits[8:]))


def assert_refused(text: str, span: str | None = None) -> None:
    assert find_my_number(text) == (span or text)
    with pytest.raises(PrivacyError):
        check_free_text("note", text)


def assert_passes(text: str) -> None:
    assert find_my_number(text) is None
    assert find_pin_disclosure(text) is None
    check_free_text("note", text)


# -- invisible characters (category Cf and the other invisibles) between the groups ---------------

INVISIBLES = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "byte order mark": "\ufeff",
    "left-to-right mark": "\u200e",
    "right-to-left override": "\u202e",
    "invisible separator": "\u2063",
    "Mongolian vowel separator": "\u180e",
    "variation selector": "\ufe0f",
    "combining grapheme joiner": "\u034f",
    "Hangul filler": "\u3164",
}


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
def test_invisible_characters_between_or_inside_the_groups_are_ignored(char: str) -> None:
    assert_refused(grouped(NUMBER, char))
    assert_refused(grouped(NUMBER, " " + char))
    assert_refused(char.join(NUMBER))  # one after every digit
    assert_refused(f"番号は{char.join(NUMBER)}です", char.join(NUMBER))


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
def test_invisible_characters_in_a_wrong_number_stay_harmless(char: str) -> None:
    assert_passes(grouped(WRONG, char))
    assert_passes(f"03{char}-1234-5678")


def test_every_format_character_is_ignored() -> None:
    format_chars = [
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
    ]
    assert len(format_chars) > 150
    for char in format_chars:
        assert find_my_number(grouped(NUMBER, char)) == grouped(NUMBER, char), hex(ord(char))


# -- separator runs of every kind -----------------------------------------------------------------

SEPARATOR_FORMS = {
    "two spaces": "  ",
    "tab": "\t",
    "two tabs": "\t\t",
    "ideographic spaces": "\u3000\u3000",
    "non-breaking space": "\u00a0",
    "newline": "\n",
    "middle dot ・": "・",
    "half-width middle dot ･": "･",
    "Latin middle dot ·": "·",
    "bullet •": "•",
    "dot": ".",
    "full-width dot ．": "．",
    "ideographic full stop 。": "。",
    "underscore": "_",
    "full-width underscore ＿": "＿",
    "slash": "/",
    "full-width slash ／": "／",
    "backslash": "\\",
    "division slash ∕": "∕",
    "comma": ",",
    "ideographic comma 、": "、",
    "full-width comma ，": "，",
    "wave dash 〜": "〜",
    "tilde ~": "~",
    "full-width tilde ～": "～",
    "wavy dash 〰": "〰",
    "en dash": "–",
    "em dash": "—",
    "horizontal bar ―": "―",
    "non-breaking hyphen": "\u2011",
    "figure dash": "\u2012",
    "minus sign": "−",
    "small hyphen-minus ﹣": "﹣",
    "katakana-hiragana double hyphen ゠": "゠",
    "hyphen bullet ⁃": "⁃",
    "long-vowel mark twice": "ーー",
    "spaced hyphen": " - ",
    "mixed run": " ・_/ ",
}


@pytest.mark.parametrize("sep", SEPARATOR_FORMS.values(), ids=SEPARATOR_FORMS.keys())
def test_any_run_of_separators_between_the_groups_is_refused(sep: str) -> None:
    assert_refused(grouped(NUMBER, sep))
    assert_refused(f"カード {grouped(NUMBER, sep)} 確認済", grouped(NUMBER, sep))


@pytest.mark.parametrize("sep", SEPARATOR_FORMS.values(), ids=SEPARATOR_FORMS.keys())
def test_a_wrong_check_digit_with_any_separator_stays_harmless(sep: str) -> None:
    assert_passes(grouped(WRONG, sep))


def test_every_dash_and_connector_punctuation_is_a_separator() -> None:
    for c in range(sys.maxunicode + 1):
        if unicodedata.category(chr(c)) in ("Pd", "Pc"):
            assert chr(c) in SEPARATORS, hex(c)
            assert find_my_number(grouped(NUMBER, chr(c))) is not None, hex(c)


# -- decimal digits of any script -----------------------------------------------------------------

SCRIPTS = {
    "Arabic-Indic": "\u0660",
    "Extended Arabic-Indic": "\u06f0",
    "Devanagari": "\u0966",
    "Bengali": "\u09e6",
    "Thai": "\u0e50",
    "full-width": "\uff10",
    "mathematical bold": "\U0001d7ce",
}


@pytest.mark.parametrize("zero", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_decimal_digits_of_any_script_are_read_as_digits(zero: str) -> None:
    assert_refused(in_script(NUMBER, zero))
    assert_refused(grouped(in_script(NUMBER, zero), " "))
    assert_refused(grouped(in_script(NUMBER, zero), "\u066c"))  # Arabic thousands separator
    assert_passes(in_script(WRONG, zero))
    assert_passes(grouped(in_script("0312345678", zero), "-")[:12])


def test_every_unicode_decimal_digit_counts() -> None:
    zeros = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.decimal(chr(c), None) == 0]
    assert len(zeros) > 50
    for zero in zeros:
        if unicodedata.decimal(chr(ord(zero) + 9), None) != 9:
            continue  # not a contiguous 0–9 block
        assert find_my_number(in_script(NUMBER, zero)) is not None, hex(ord(zero))
        assert may_hold_secret(in_script(NUMBER, zero)), hex(ord(zero))


def test_kanji_digits_written_digit_by_digit() -> None:
    kanji = NUMBER.translate(str.maketrans("0123456789", "〇一二三四五六七八九"))
    assert_refused(kanji)
    assert_refused(grouped(kanji, "・"))
    assert_passes(WRONG.translate(str.maketrans("0123456789", "〇一二三四五六七八九")))
    # A kanji numeral before a number does not hide it, nor make a harmless text a number.
    assert_refused(f"第一 {grouped(NUMBER, '-')}", grouped(NUMBER, "-"))
    assert_passes("一郎さん 三丁目 二〇二六年")


# -- the harmless corpus still passes with the wider separators -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "03-1234-5678",
        "03–1234–5678",
        "03・1234・5678",
        "0120-95-0178",
        "0120 95 0178",
        "090-1234-5678",
        "090.1234.5678",
        "090  1234  5678",
        "+81 90 1234 5678",
        "申請書ID 12345678901234567890123",
        "申請書ID 1234 5678 9012 3456 7890 123",
        "2026-12-01 10:00",
        "2026/12/01 10:00〜11:30",
        "2026・12・01",
        "〒100-0001",
        "〒１００－０００１ みどり市",
        "被保険者番号 12345678 記号 1234",
        "保険者番号 06130012",
        f"誤った番号 {grouped(WRONG, '・')}",
        f"誤った番号 {grouped(WRONG, '  ')}",
        "¥1,234,567,890",
        "1,234円",
        "12,345,678,901,234",
        "v1.2.3",
        "192.168.100.200",
        "午前10時〜11時30分",
        "3〜4人",
    ],
)
def test_harmless_numbers_still_pass(text: str) -> None:
    assert_passes(text)


# -- PIN phrases ----------------------------------------------------------------------------------

PIN_BYPASSES = [
    ("暗\u200b証番号は1234", "暗\u200b証番号は1234"),
    ("暗証\u00ad番号は1234", "暗証\u00ad番号は1234"),
    ("パス\u2060ワード: abc123", "パス\u2060ワード: abc123"),
    ("P\u200bI\u200bN: 0000", "P\u200bI\u200bN: 0000"),
    ("ﾊ\u200bﾟｽﾜｰﾄﾞ abc123", "ﾊ\u200bﾟｽﾜｰﾄﾞ abc123"),
    ("暗証番号は1 2 3 4", "暗証番号は1 2 3 4"),
    ("暗証番号は1  2  3  4です", "暗証番号は1  2  3  4"),
    ("暗証番号は１　２　３　４", "暗証番号は１　２　３　４"),
    ("暗証番号は1-2-3-4", "暗証番号は1-2-3-4"),
    ("暗証番号は1・2・3・4", "暗証番号は1・2・3・4"),
    ("暗証番号は12 34", "暗証番号は12 34"),
    ("PIN: 1\t2\t3\t4", "PIN: 1\t2\t3\t4"),
    ("1 2 3 4が暗証番号", "1 2 3 4が暗証番号"),
    ("暗証番号は一二三四", "暗証番号は一二三四"),
    ("暗証番号は一 二 三 四", "暗証番号は一 二 三 四"),
    ("一二三四が暗証番号", "一二三四が暗証番号"),
    ("暗証番号は〇〇〇〇です", "暗証番号は〇〇〇〇"),
    ("暗証番号は٣٤٥٦", "暗証番号は٣٤٥٦"),
    ("PIN ३४५६", "PIN ३४५६"),
]


@pytest.mark.parametrize(("text", "span"), PIN_BYPASSES, ids=[t for t, _ in PIN_BYPASSES])
def test_pin_phrases_that_slipped_through_are_found(text: str, span: str) -> None:
    assert find_pin_disclosure(text) == span
    with pytest.raises(PrivacyError):
        check_free_text("note", text)


@pytest.mark.parametrize(
    "text",
    [
        "暗証番号は四桁",
        "暗証番号は数字4桁",
        "暗証番号を三回間違えるとロック",
        "暗証番号は一つだけ",
        "暗\u200b証番号を忘れた",
        "暗証番号は1 2 回",
        "暗証番号は 3 回まで",
        "パスワード 0120-95-0178",
        "署名用電子証明書のパスワード（英数字6〜16文字）",
        "暗証番号の再設定を2024年12月に予約",
        "暗証番号リセットの予約 10:30",
        "PIN 12 回",
        "一二三さんの暗証番号の再設定",
        "パスワードは2026-12-01に変更",
    ],
)
def test_pin_talk_without_a_code_still_passes(text: str) -> None:
    assert find_pin_disclosure(text) is None
    check_free_text("note", text)


# -- one record's fields together -----------------------------------------------------------------


@pytest.mark.parametrize(
    "texts",
    [
        {"kana": f"やまだ {NUMBER[:6]}", "note": f"メモ {NUMBER[6:]}"},
        {"kana": f"やまだ {NUMBER[6:]}", "note": f"メモ {NUMBER[:6]}"},  # in either order
        {"display_name": f"山田 {A}", "nickname": B, "note": f"{C} です"},
        {"nickname": f"{A}-{B}", "district": C},
        {"kana": f"やまだ {in_script(NUMBER[:6], chr(0x660))}", "note": NUMBER[6:]},
        {"kana": f"やまだ {NUMBER[:6]}", "note": f"来所 {A} と {NUMBER[6:]}"},
    ],
)
def test_a_number_split_across_a_records_fields_is_found(texts: dict[str, str]) -> None:
    assert find_split_my_number(texts) is not None
    with pytest.raises(PrivacyError) as caught:
        check_record_texts(texts)
    for message in (caught.value.ja, caught.value.en):
        assert NUMBER[:6] not in message and NUMBER[6:] not in message


@pytest.mark.parametrize(
    "texts",
    [
        {"kana": f"やまだ {WRONG[:6]}", "note": f"メモ {WRONG[6:]}"},
        {"kana": "やまだ", "note": "電話 090-1234-5678 次回 2026-12-01 10:00", "district": "3丁目"},
        {"display_name": "山田 花子", "note": f"{NUMBER[:6]} と {NUMBER[6:]}"},  # one field
        {"nickname": "1号室", "note": "〒100-0001 03-1234-5678"},
        {"district": "2丁目", "note": "2026年12月1日 10時"},
    ],
)
def test_harmless_records_pass_together(texts: dict[str, str]) -> None:
    assert find_split_my_number(texts) is None
    check_record_texts(texts)


def test_the_store_refuses_a_resident_split_across_fields(store) -> None:
    before = store.count_residents()
    with pytest.raises(PrivacyError) as caught:
        store.add_resident(
            "山田 花子",
            kana=f"やまだ はなこ {NUMBER[:6]}",
            note=f"窓口で確認 {NUMBER[6:]}",
            consent_date=dt.date(2026, 11, 1),
            consent_version="2026-2",
        )
    assert caught.value.field == "note"
    assert "ふりがな" in caught.value.ja and "メモ" in caught.value.ja
    assert store.count_residents() == before

    resident = store.add_resident(
        "山田 花子",
        kana=f"やまだ はなこ {NUMBER[:6]}",
        consent_date=dt.date(2026, 11, 1),
        consent_version="2026-2",
    )
    with pytest.raises(PrivacyError):
        store.update_resident(_with(resident, note=f"メモ {NUMBER[6:]}"))
    assert store.get_resident(resident.id).note == ""


def _with(resident, **changes):
    from dataclasses import replace

    return replace(resident, **changes)


# -- scanning a whole file ------------------------------------------------------------------------


def test_find_secrets_gives_every_finding_with_its_place() -> None:
    text = f"一行目\n暗証番号は1 2 3 4\n番号 {grouped(NUMBER, '・')} です\n"
    found = find_secrets(text)
    assert [(kind, text[a:b]) for kind, a, b in found] == [
        ("pin", "暗証番号は1 2 3 4"),
        ("my_number", grouped(NUMBER, "・")),
    ]
    assert find_secrets("03-1234-5678 と 2026-12-01") == []


def test_the_fast_path_never_skips_a_bypass() -> None:
    for text in [
        in_script(NUMBER, "\u0660"),
        "暗証番号は一二三四",
        "暗証番号は一 二 三 四",
        grouped(NUMBER, "\u200b"),
    ]:
        assert may_hold_secret(text), text
    assert not may_hold_secret("山田 花子")
    assert not may_hold_secret("一郎")


def test_the_reference_number_is_what_the_tests_assume() -> None:
    assert is_valid_my_number(NUMBER) and not is_valid_my_number(WRONG)
