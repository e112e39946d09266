"""The privacy guard: 個人番号 check digit, My Number and PIN detection, check_free_text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxhelper.core.errors import PrivacyError, ValidationError
from dxhelper.core.privacy import (
    check_free_text,
    find_my_number,
    find_pin_disclosure,
    is_valid_my_number,
    my_number_check_digit,
)

# Written differently from the module on purpose: the weights Q_n for n = 11..1, applied left to
# right (Q_n = n + 1 for n ≤ 6, n − 5 for n ≥ 7 gives 6,5,4,3,2,7,6,5,4,3,2).
_WEIGHTS_LEFT_TO_RIGHT = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def reference_check_digit(first11: str) -> int:
    r = sum(int(d) * w for d, w in zip(first11, _WEIGHTS_LEFT_TO_RIGHT, strict=True)) % 11
    return 0 if r <= 1 else 11 - r


def test_reference_weights_match_the_legal_formula() -> None:
    from_formula = [n + 1 if n <= 6 else n - 5 for n in range(11, 0, -1)]
    assert from_formula == _WEIGHTS_LEFT_TO_RIGHT


def to_full_width(s: str) -> str:
    return s.translate(str.maketrans("0123456789 -", "０１２３４５６７８９　－"))


def group4(s: str, sep: str) -> str:
    return sep.join((s[0:4], s[4:8], s[8:12]))


# Derived with reference_check_digit above, then hard-coded so a regression in both cannot hide.
VALID_NUMBERS = [
    "271828182840",  # remainder 221 % 11 == 1 → check digit 0
    "123456789018",
    "314159265352",
    "111111111118",
    "987654321093",
]


@pytest.mark.parametrize("number", VALID_NUMBERS)
def test_hard_coded_numbers_agree_with_reference(number: str) -> None:
    assert reference_check_digit(number[:11]) == int(number[11])
    assert my_number_check_digit(number[:11]) == int(number[11])
    assert is_valid_my_number(number)


def test_check_digit_is_zero_when_remainder_is_at_most_one() -> None:
    # 271828182840: Σ P_n × Q_n = 221 and 221 mod 11 = 1, so the r ≤ 1 → 0 branch applies.
    total = sum(int(d) * w for d, w in zip("27182818284", _WEIGHTS_LEFT_TO_RIGHT, strict=True))
    assert total % 11 == 1
    assert my_number_check_digit("27182818284") == 0
    assert is_valid_my_number("271828182840")


def test_check_digit_remainder_zero_also_gives_zero() -> None:
    assert my_number_check_digit("00000000000") == 0


@pytest.mark.parametrize(
    "bad", ["", "1234567890", "123456789012", "１２３４５６７８９０１", "1234567890a"]
)
def test_check_digit_rejects_anything_but_11_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        my_number_check_digit(bad)


@pytest.mark.parametrize(
    "digits",
    [
        "27182818284",
        "2718281828400",
        "２７１８２８１８２８４０",
        "2718 8182 840",
        "27182818284x",
        "",
    ],
)
def test_is_valid_my_number_wants_exactly_12_ascii_digits(digits: str) -> None:
    assert not is_valid_my_number(digits)


eleven_digits = st.text(alphabet="0123456789", min_size=11, max_size=11)


@given(eleven_digits)
def test_any_number_with_its_check_digit_is_valid_and_found(first11: str) -> None:
    number = first11 + str(reference_check_digit(first11))
    assert my_number_check_digit(first11) == reference_check_digit(first11)
    assert is_valid_my_number(number)
    forms = [
        number,
        to_full_width(number),
        group4(number, " "),
        group4(number, "-"),
        group4(number, "ー"),
        to_full_width(group4(number, " ")),
        to_full_width(group4(number, "-")),
    ]
    for form in forms:
        assert find_my_number(form) == form
        text = f"番号は{form}です"
        assert find_my_number(text) == form
        with pytest.raises(PrivacyError):
            check_free_text("note", text)


@given(eleven_digits, st.integers(min_value=1, max_value=9))
def test_any_wrong_check_digit_is_rejected(first11: str, offset: int) -> None:
    wrong = (reference_check_digit(first11) + offset) % 10
    number = first11 + str(wrong)
    assert not is_valid_my_number(number)
    for form in (number, to_full_width(number), group4(number, " "), group4(number, "-")):
        assert find_my_number(f"番号は{form}です") is None
        check_free_text("note", f"番号は{form}です")


@pytest.mark.parametrize(
    "text",
    [
        "12345678901",  # 11 digits
        "2718281828401",  # a valid 12 followed by one more digit
        "9271828182840",  # a valid 12 after one more digit
        "1234-5678-9018-3",  # 13 digits across the separators
        "1-2718-2818-2840",
        "27182818284",
        "090-1234-5678",
        "03-1234-5678",
        "0120-95-0178",
        "+81 90 1234 5678",
        "TEL 03-1234-5678 10時に来所",
        "2026-11-24",
        "2026/11/24 10:30",
        "〒100-0001",
        "1,234,567,890,123",
        "1234 5678",
        "",
    ],
)
def test_not_a_my_number(text: str) -> None:
    assert find_my_number(text) is None
    check_free_text("note", text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("1234 5678 9018", "1234 5678 9018"),
        ("1234-5678-9018", "1234-5678-9018"),
        ("1234－5678－9018", "1234－5678－9018"),
        ("1234‐5678‐9018", "1234‐5678‐9018"),
        ("1234−5678−9018", "1234−5678−9018"),
        ("1234ー5678ー9018", "1234ー5678ー9018"),
        ("１２３４５６７８９０１８", "１２３４５６７８９０１８"),
        ("番号は１２３４　５６７８　９０１８です", "１２３４　５６７８　９０１８"),
        ("123456789018", "123456789018"),
        ("マイナンバー:271828182840。", "271828182840"),
        ("ｶﾞｲﾄﾞ 271828182840", "271828182840"),  # NFKC shortens the text before the number
        # An unbroken valid 12-digit run counts even when a space ties it to other digits.
        ("10 123456789018", "123456789018"),
        ("受付 3 番 ２７１８２８１８２８４０", "２７１８２８１８２８４０"),
    ],
)
def test_my_number_is_found_as_written(text: str, span: str) -> None:
    assert find_my_number(text) == span


def test_full_width_my_number_is_refused() -> None:
    with pytest.raises(PrivacyError):
        check_free_text("note", "個人番号：２７１８　２８１８　２８４０")


PIN_DISCLOSURES = [
    ("1234が暗証番号", "1234が暗証番号"),
    ("暗証番号 1234", "暗証番号 1234"),
    ("PIN: 0000", "PIN: 0000"),
    ("パスワードはabc123", "パスワードはabc123"),
    ("password=Secret99", "password=Secret99"),
    ("暗証番号は「1234」です", "暗証番号は「1234"),
    ("カードの暗証は9876", "暗証は9876"),
    ("ピン番号：5555", "ピン番号：5555"),
    ("パスコード＝123456", "パスコード＝123456"),
    ("Passcode: 2580", "Passcode: 2580"),
    ("pass word 'abc12345'", "pass word 'abc12345"),
    ("ＰＩＮ：１２３４", "ＰＩＮ：１２３４"),
    ("ﾊﾟｽﾜｰﾄﾞは ABC123", "ﾊﾟｽﾜｰﾄﾞは ABC123"),
    ("暗唱番号1234", "暗唱番号1234"),
    ("PINコード 4321", "PINコード 4321"),
    ("署名用のパスワードはAB12CD34EF", "パスワードはAB12CD34EF"),
    ("「abc123」がパスワード", "abc123」がパスワード"),
]


@pytest.mark.parametrize(("text", "span"), PIN_DISCLOSURES)
def test_pin_disclosure_is_found(text: str, span: str) -> None:
    assert find_pin_disclosure(text) == span
    with pytest.raises(PrivacyError):
        check_free_text("note", text)


@pytest.mark.parametrize(
    "text",
    [
        "暗証番号を忘れた",
        "暗証番号は4桁です",
        "暗証番号の再設定を2024年12月に予約",
        "PINロック解除",
        "password required",
        "パスワードは決めてあります",
        "090-1234-5678",
        "暗証番号リセットの予約 10:30",
        "暗証番号を2024年に変更した",  # a year, not a code
        "パスワード 0120-95-0178",  # a phone number
        "パスワードはabc12",  # too short for the 6–16 password and not 4+ digits
        "パスワードはabcdefgh",  # no digit
        "spin 1234",
        "受付番号1234、暗証番号の再設定",  # the digits belong to 受付番号
        "受付 1234 暗証番号リセット",
        "暗証番号は3回間違えるとロック",
        "",
    ],
)
def test_not_a_pin_disclosure(text: str) -> None:
    assert find_pin_disclosure(text) is None
    check_free_text("note", text)


def test_my_number_error_names_the_field_and_hides_the_digits() -> None:
    with pytest.raises(PrivacyError) as caught:
        check_free_text("note", "マイナンバーは1234 5678 9018です")
    err = caught.value
    assert isinstance(err, ValidationError)
    assert err.field == "note"
    assert "メモ" in err.ja
    assert "note" in err.en
    assert "個人番号" in err.ja and "My Number" in err.en
    for message in (err.ja, err.en, str(err)):
        for digits in ("1234", "5678", "9018", "123456789018"):
            assert digits not in message


def test_pin_error_names_the_field_and_hides_the_code() -> None:
    with pytest.raises(PrivacyError) as caught:
        check_free_text("venue_name", "暗証番号は8642")
    err = caught.value
    assert err.field == "venue_name"
    assert "会場名" in err.ja
    assert "venue name" in err.en
    assert "暗証番号" in err.ja and "PIN" in err.en
    assert "8642" not in err.ja and "8642" not in err.en


def test_unknown_field_is_named_by_its_key() -> None:
    with pytest.raises(PrivacyError) as caught:
        check_free_text("memo2", "PIN 7777")
    assert caught.value.field == "memo2"
    assert "memo2" in caught.value.ja and "memo2" in caught.value.en


def test_ordinary_text_passes() -> None:
    check_free_text("note", "")
    check_free_text("note", "スマホの設定を一緒に確認。次回は12月3日 14:00、電話 090-1234-5678。")
