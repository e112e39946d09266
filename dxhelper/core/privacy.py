"""The privacy guard: free text must never hold a 個人番号 (My Number), a PIN or a password.

Volunteers type notes while helping someone at a counter; the commonest slips are copying the
12 digits off a マイナンバーカード or jotting down the 暗証番号 "so we don't forget". Both are
refused before anything is stored. Detection runs on NFKC-normalised text (full-width digits,
half-width katakana) but always reports the span exactly as the user wrote it.
"""

from __future__ import annotations

import re
import unicodedata

from dxhelper.core.errors import PrivacyError
from dxhelper.core.fields import field_label

_ASCII_DIGITS = frozenset("0123456789")


# --- 個人番号 check digit ---------------------------------------------------------------------


def my_number_check_digit(first11: str) -> int:
    """The check digit of a 個人番号 whose first 11 digits are given (施行令 第8条).

    P_n is the n-th digit counting from the right; Q_n = n + 1 for n ≤ 6 and n − 5 for
    n ≥ 7; r = Σ P_n × Q_n mod 11; the check digit is 0 when r ≤ 1, else 11 − r.
    """
    if len(first11) != 11 or not set(first11) <= _ASCII_DIGITS:
        raise ValueError("first11 must be exactly 11 ASCII digits")
    total = 0
    for n, ch in enumerate(reversed(first11), start=1):
        q = n + 1 if n <= 6 else n - 5
        total += int(ch) * q
    r = total % 11
    return 0 if r <= 1 else 11 - r


def is_valid_my_number(digits: str) -> bool:
    """True for exactly 12 ASCII digits whose last digit is the right check digit."""
    if len(digits) != 12 or not set(digits) <= _ASCII_DIGITS:
        return False
    return my_number_check_digit(digits[:11]) == int(digits[11])


# --- normalisation with a way back to the original text ---------------------------------------


def _joins_previous(ch: str) -> bool:
    # Half-width voicing marks (ﾞ ﾟ) and combining marks must be normalised together with the
    # character before them, or ﾊﾟｽﾜｰﾄﾞ would not become パスワード.
    folded = unicodedata.normalize("NFKC", ch)
    return bool(folded) and unicodedata.combining(folded[0]) != 0


def _normalise(text: str) -> tuple[str, list[int], list[int]]:
    """NFKC text plus, for each of its characters, the original [start, end) it came from.

    Normalising chunk by chunk (a base character and its marks) keeps the mapping exact even
    where NFKC changes length (⑫ → 12, ｶﾞ → ガ).
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and _joins_previous(text[j]):
            j += 1
        for ch in unicodedata.normalize("NFKC", text[i:j]):
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def _original(text: str, starts: list[int], ends: list[int], m: re.Match[str]) -> str:
    return text[starts[m.start()] : ends[m.end() - 1]]


# --- 個人番号 in free text ----------------------------------------------------------------------

# Hyphen look-alikes that survive NFKC (full-width －, ｰ and ﹣ have already become - or ー).
# ー is the long-vowel mark: on a Japanese keyboard it is what the "-" key types.
_HYPHENS = "-\u2010\u2012\u2013\u2014\u2015\u2212\u30fc"
# One space, or one hyphen with at most a space either side ("1234 - 5678").
_GAP = rf"(?: ?[{re.escape(_HYPHENS)}] ?| )"
# A maximal chain of digit groups. Taking the whole chain is what stops "1234-5678-9012-3" or a
# 13-digit run from being read as a 12-digit number with a stray digit next to it.
_DIGIT_CHAIN = re.compile(rf"[0-9]+(?:{_GAP}[0-9]+)*")
_DIGIT_GROUP = re.compile(r"[0-9]+")
# Only the two ways people write the number: as on the card (4-4-4) or run together. Any
# other grouping that happens to total 12 is far likelier a phone number with something
# beside it ("+81 90 1234 5678", "03-1234-5678 10時").
_MY_NUMBER_SHAPES = ([12], [4, 4, 4])


def find_my_number(text: str) -> str | None:
    """The first 12-digit 個人番号 with a valid check digit, as written in `text`, or None."""
    if not text:
        return None
    norm, starts, ends = _normalise(text)
    for m in _DIGIT_CHAIN.finditer(norm):
        groups = _DIGIT_GROUP.findall(m.group())
        if [len(g) for g in groups] in _MY_NUMBER_SHAPES and is_valid_my_number("".join(groups)):
            return _original(text, starts, ends, m)
        # An unbroken run of exactly 12 valid digits is a 個人番号 wherever it stands, even
        # when a space ties it to other numbers ("10 123456789018").
        for g in _DIGIT_GROUP.finditer(m.group()):
            if len(g.group()) == 12 and is_valid_my_number(g.group()):
                inner = _DIGIT_GROUP.search(norm, m.start() + g.start())
                assert inner is not None
                return _original(text, starts, ends, inner)
    return None


# --- 暗証番号 / password in free text -----------------------------------------------------------

# Longest first, so 暗証番号 wins over 暗証. 暗唱番号 is the usual IME slip for 暗証番号.
# English words must stand alone: "spin 1234" is not a PIN.
_KEYWORD = (
    r"(?:暗証番号|暗唱番号|暗証コード|暗証|ピン番号|ピンコード|パスワード|パスコード"
    r"|(?<![a-z])(?:pin(?: ?(?:code|number))?s?|pass ?(?:word|code)s?)(?![a-z])(?:コード|番号)?)"
)
# Only particles, punctuation, quotes and brackets may sit between keyword and code: a real
# word in between ("暗証番号の再設定を2024年…", "リセットの予約 10:30") means the digits are
# about something else.
_QUOTES = "\"'“”‘’〝〟「」『』()[]<>【】《》"
_CONNECTOR = rf"[ \tはがをもに:=、,→{re.escape(_QUOTES)}\-]"
# Going backwards ("1234が暗証番号") a list comma or a bare space is too weak a link: in
# "受付番号1234、暗証番号の再設定" the digits belong to the word before them.
_REVERSE_CONNECTOR = rf"[ \tはがをもに:={re.escape(_QUOTES)}]"
_REVERSE_LINK = rf"(?=[ \t]{{0,3}}[はがをもに:={re.escape(_QUOTES)}]){_REVERSE_CONNECTOR}{{1,4}}"
# Counters after the digits make them a year, a time, an amount or a length, not a code.
_UNITS = "年月日時分秒回桁円万千億件人名歳才個枚文字度%号室階本台冊通"
# A digit code is 4+ digits that are not one group of a date, time, phone number or decimal.
_DIGIT_CODE = rf"[0-9]{{4,}}(?![0-9])(?!\s?[{_UNITS}])(?![{re.escape(_HYPHENS)}/.:][0-9])"
# The 署名用電子証明書 password is 6–16 letters and digits; requiring a digit keeps ordinary
# words ("password required") out.
_ALNUM_CODE = r"(?=[a-z]*[0-9])[a-z0-9]{6,16}(?![a-z0-9])"
_CODE = rf"(?:{_DIGIT_CODE}|{_ALNUM_CODE})"

_PIN_FORWARD = re.compile(rf"{_KEYWORD}{_CONNECTOR}{{0,4}}{_CODE}", re.IGNORECASE)
_PIN_REVERSE = re.compile(
    rf"(?<![a-z0-9])(?<![0-9][{re.escape(_HYPHENS)}/.:]){_CODE}{_REVERSE_LINK}{_KEYWORD}",
    re.IGNORECASE,
)


def find_pin_disclosure(text: str) -> str | None:
    """The first keyword-plus-code disclosure ("暗証番号は1234", "1234が暗証番号"), as written."""
    if not text:
        return None
    norm, starts, ends = _normalise(text)
    found = [m for m in (_PIN_FORWARD.search(norm), _PIN_REVERSE.search(norm)) if m]
    if not found:
        return None
    return _original(text, starts, ends, min(found, key=lambda m: m.start()))


# --- the guard the store calls ------------------------------------------------------------------


def check_free_text(field: str, text: str | None) -> None:
    """Raise PrivacyError if `text` holds a 個人番号 or a PIN/password.

    The message names the field but never repeats what was found, so the secret cannot end up
    in a log or a crash report through the error.
    """
    if not text:
        return
    ja_label = field_label(field)
    en_label = field_label(field, "en")
    if find_my_number(text) is not None:
        raise PrivacyError(
            field,
            f"{ja_label}に個人番号（マイナンバー）らしき12桁の数字があります。"
            "個人番号は記録できません。消してから保存してください。",
            f"The {en_label} contains what looks like a 12-digit My Number. "
            "My Numbers must never be recorded: remove it and save again.",
        )
    if find_pin_disclosure(text) is not None:
        raise PrivacyError(
            field,
            f"{ja_label}に暗証番号やパスワードらしきものがあります。"
            "暗証番号・パスワードは書き留めたり記録したりしてはいけません。"
            "消してから保存してください。",
            f"The {en_label} seems to contain a PIN or password. "
            "PINs and passwords must never be written down or recorded: remove it and save again.",
        )
