"""The privacy guard: free text must never hold a 個人番号 (My Number), a PIN or a password.

Volunteers type notes while helping someone at a counter; the commonest slips are copying the
12 digits off a マイナンバーカード or jotting down the 暗証番号 "so we don't forget". Both are
refused before anything is stored. Detection runs on folded text but always reports the span
exactly as the user wrote it. Folding (issue 16 §7, a guard that cannot be slipped) drops every
invisible character (category Cf: zero-width spaces, soft hyphens, joiners…), applies NFKC
(full-width digits, half-width katakana) and reads every Unicode decimal digit as ASCII
(Arabic-Indic ٣, Devanagari ३…); kanji digits (一二三四) count too. Any run of separators
(spaces, tabs, dashes, dots, middle dots, slashes, commas, underscores, waves) may stand between
the digit groups of a 個人番号 or the digits of a PIN typed apart ("1 2 3 4"). A resident's
fields are also read together (check_record_texts), for a number split between them.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping

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

# Characters that show nothing but would split a number or a keyword for a pattern: every
# format character (category Cf: zero-width space, soft hyphen, word joiner, BOM, bidi marks…)
# is found by category; these are the invisible ones of other categories.
_INVISIBLE = frozenset(
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u180b\u180c\u180d\u180f"  # Mongolian free variation selectors
    "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07"
    "\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f"  # variation selectors
)
_DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me"})

# Kanji numerals written digit by digit (一二三四 for 1234); positional ones (千二百) are not.
_KANJI_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_KANJI_DIGIT_CHARS = frozenset("〇零一二三四五六七八九")


def _is_invisible(ch: str) -> bool:
    return (
        ch in _INVISIBLE or unicodedata.category(ch) == "Cf" or "\U000e0100" <= ch <= "\U000e01ef"
    )


def _joins_previous(ch: str) -> bool:
    # Half-width voicing marks (ﾞ ﾟ) and combining marks must be normalised together with the
    # character before them, or ﾊﾟｽﾜｰﾄﾞ would not become パスワード.
    folded = unicodedata.normalize("NFKC", ch)
    return bool(folded) and unicodedata.combining(folded[0]) != 0


def _fold(chunk: str) -> str:
    """NFKC, without the marks it leaves uncombined, every decimal digit of any script as ASCII."""
    out = []
    for ch in unicodedata.normalize("NFKC", chunk):
        if unicodedata.category(ch) in _DROPPED_CATEGORIES or ch in _INVISIBLE:
            continue
        digit = unicodedata.decimal(ch, None)
        out.append(str(digit) if digit is not None else ch)
    return "".join(out)


@functools.lru_cache(maxsize=8192)
def _char(ch: str) -> tuple[bool, bool, str]:
    """(invisible, joins the character before it, folded on its own) for one character."""
    if ch.isascii():
        return False, False, ch
    return _is_invisible(ch), _joins_previous(ch), _fold(ch)


def _normalise(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Folded text plus, for each of its characters, the original [start, end) it came from.

    Invisible characters are dropped first (so a zero-width space between ﾊ and ﾟ does not stop
    パ); then the text is folded chunk by chunk (a base character and its marks), which keeps
    the mapping exact even where NFKC changes length (⑫ → 12, ｶﾞ → ガ).
    """
    if text.isascii():  # nothing to fold or drop: the common case, made cheap
        positions = range(len(text))
        return text, tuple(positions), tuple(p + 1 for p in positions)
    kept = [(i, ch) for i, ch in enumerate(text) if not _char(ch)[0]]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    k = 0
    while k < len(kept):
        j = k + 1
        while j < len(kept) and _char(kept[j][1])[1]:
            j += 1
        start, end = kept[k][0], kept[j - 1][0] + 1
        folded = _char(kept[k][1])[2] if j == k + 1 else _fold("".join(c for _, c in kept[k:j]))
        for ch in folded:
            out.append(ch)
            starts.append(start)
            ends.append(end)
        k = j
    return "".join(out), tuple(starts), tuple(ends)


def _original(
    text: str, starts: tuple[int, ...], ends: tuple[int, ...], a: int, b: int
) -> tuple[int, int]:
    """The original [start, end) of the folded text's [a, b)."""
    return starts[a], ends[b - 1]


# --- separators between digit groups ------------------------------------------------------------

# Every dash (category Pd: - ‐ ‑ ‒ – — ― 〜 〰 ゠ …) and the hyphen look-alikes of other
# categories: − (minus), ー (the long-vowel mark, what the "-" key types on a Japanese keyboard),
# ⁃ ˗ ➖ and the super/subscript minus signs.
_DASHES = (
    "-\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b"
    "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
    "\u2212\u30fc\u2043\u02d7\u2796\u207b\u208b\u2500\u2501\u23af"
)
_DOTS = ".\u00b7\u0387\u2022\u2024\u2027\u2219\u22c5\u30fb\u3002\u2e31\u2e33\u16eb\u10fb\u25cf"
_SLASHES = "/\\\u2215\u2044\u29f8\u2571\u29f9\u2572"
_COMMAS = ",\u3001\u201a\u060c\u066b\u066c\u2e41\ufe50\ufe51"
# Every connector punctuation (category Pc: _ ‿ ⁀ ⁔ ︳ ︴ ﹍ ﹎ ﹏ ＿).
_UNDERSCORES = "_\u203f\u2040\u2054\ufe33\ufe34\ufe4d\ufe4e\ufe4f\uff3f"
_WAVES = "~\u223c\u223f\u2053\u301c\u3030\uff5e"
_SPACES = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u2800"
)
SEPARATORS = frozenset(_DASHES + _DOTS + _SLASHES + _COMMAS + _UNDERSCORES + _WAVES + _SPACES)
_SEP = re.escape("".join(sorted(SEPARATORS)))
# In the view the 個人番号 patterns read, every separator is one "-".
_AS_HYPHEN = str.maketrans(dict.fromkeys(SEPARATORS, "-"))
_HYPHENS = re.escape(_DASHES)


# --- 個人番号 in free text ----------------------------------------------------------------------

# A maximal chain of digit groups joined by runs of separators. Taking the whole chain is what
# stops "1234-5678-9012-3" or a 13-digit run from being read as a 12-digit number with a stray
# digit next to it.
_DIGIT_CHAIN = re.compile(r"[0-9]+(?:-+[0-9]+)*")
_DIGIT_GROUP = re.compile(r"[0-9]+")
# Only the two ways people write the number: as on the card (4-4-4) or run together. Any
# other grouping that happens to total 12 is far likelier a phone number with something
# beside it ("+81 90 1234 5678", "03-1234-5678 10時").
_MY_NUMBER_SHAPES = ([12], [4, 4, 4])


def _my_number_spans(view: str) -> list[tuple[int, int]]:
    """[start, end) of every 12-digit 個人番号 with a valid check digit in a hyphen view."""
    spans: list[tuple[int, int]] = []
    for m in _DIGIT_CHAIN.finditer(view):
        groups = _DIGIT_GROUP.findall(m.group())
        if [len(g) for g in groups] in _MY_NUMBER_SHAPES and is_valid_my_number("".join(groups)):
            spans.append(m.span())
            continue
        # An unbroken run of exactly 12 valid digits is a 個人番号 wherever it stands, even
        # when a space ties it to other numbers ("10 123456789018").
        for g in _DIGIT_GROUP.finditer(m.group()):
            if len(g.group()) == 12 and is_valid_my_number(g.group()):
                spans.append((m.start() + g.start(), m.start() + g.end()))
                break
    return spans


def _digit_views(norm: str) -> list[str]:
    """The texts the 個人番号 patterns read: separators as "-", and once more with kanji digits
    as ASCII when there are any (一二三四…)."""
    views = [norm.translate(_AS_HYPHEN)]
    if not _KANJI_DIGIT_CHARS.isdisjoint(norm):
        views.append(norm.translate(_KANJI_DIGITS).translate(_AS_HYPHEN))
    return views


_Folded = tuple[str, tuple[int, ...], tuple[int, ...]]


def _find_my_number_span(text: str, folded: _Folded) -> tuple[int, int] | None:
    norm, starts, ends = folded
    found = [span for view in _digit_views(norm) for span in _my_number_spans(view)]
    if not found:
        return None
    a, b = min(found)
    return _original(text, starts, ends, a, b)


def find_my_number(text: str) -> str | None:
    """The first 12-digit 個人番号 with a valid check digit, as written in `text`, or None.

    Invisible characters are ignored, digits of any script count, and any run of spaces,
    dashes, dots, slashes, commas, underscores or waves may separate the groups.
    """
    span = _find_my_number_span(text, _normalise(text)) if text else None
    return text[span[0] : span[1]] if span else None


# --- a 個人番号 split across the fields of one record --------------------------------------------

# A piece is a field's chain of digit groups read as one run. Too short a piece (a room number,
# "3丁目") or too long (a phone number) is not taken: split in two or three, a 12-digit number
# leaves pieces of 3 to 9 digits.
_MIN_PIECE, _MAX_PIECE = 3, 9


def _pieces(text: str) -> list[str]:
    norm, _, _ = _normalise(text)
    return [
        digits
        for view in _digit_views(norm)
        for m in _DIGIT_CHAIN.finditer(view)
        if _MIN_PIECE <= len(digits := m.group().replace("-", "")) <= _MAX_PIECE
    ]


def find_split_my_number(texts: Mapping[str, str]) -> tuple[str, ...] | None:
    """The fields (in the mapping's order) of a 個人番号 written in pieces across two or three
    fields of one record ("123456" in the reading, "789018" in the note), or None.

    Pieces are joined in any order; a number within one field is find_my_number's business.
    """
    pieces = [(field, piece) for field, text in texts.items() if text for piece in _pieces(text)]
    if len({field for field, _ in pieces}) < 2:
        return None
    order = list(texts)
    for count in (2, 3):
        for combo in itertools.permutations(range(len(pieces)), count):
            parts = [pieces[i] for i in combo]
            fields = {field for field, _ in parts}
            if len(fields) < 2 or sum(len(p) for _, p in parts) != 12:
                continue
            if is_valid_my_number("".join(p for _, p in parts)):
                return tuple(sorted(fields, key=order.index))
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
_NOT_A_CODE_AFTER = rf"(?![0-9])(?!\s?[{_UNITS}])(?![{_HYPHENS}/.:][0-9])"
# A digit code is 4+ digits that are not one group of a date, time, phone number or decimal…
_DIGIT_CODE = rf"[0-9]{{4,}}{_NOT_A_CODE_AFTER}"
# …or 4+ digits typed one by one with separators between them ("1 2 3 4", "1-2-3-4")…
_SPACED_CODE = rf"[0-9](?:[{_SEP}]+[0-9]){{3,}}{_NOT_A_CODE_AFTER}"
# …or short groups with spaces between them, 4+ digits in all ("12 34").
_GROUPED_CODE = rf"(?=(?:[ \t]*[0-9]){{4}})[0-9]{{1,3}}(?:[ \t]+[0-9]{{1,3}})+{_NOT_A_CODE_AFTER}"
# The 署名用電子証明書 password is 6–16 letters and digits; requiring a digit keeps ordinary
# words ("password required") out.
_ALNUM_CODE = r"(?=[a-z]*[0-9])[a-z0-9]{6,16}(?![a-z0-9])"
_CODE = rf"(?:{_DIGIT_CODE}|{_SPACED_CODE}|{_GROUPED_CODE}|{_ALNUM_CODE})"


@functools.cache
def _pin_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The keyword-then-code and code-then-keyword patterns, compiled on first use (about
    15 ms: the window's first paint does not wait for them)."""
    forward = re.compile(rf"{_KEYWORD}{_CONNECTOR}{{0,4}}{_CODE}", re.IGNORECASE)
    reverse = re.compile(
        rf"(?<![a-z0-9])(?<![0-9][{_HYPHENS}/.:]){_CODE}{_REVERSE_LINK}{_KEYWORD}",
        re.IGNORECASE,
    )
    return forward, reverse


def _find_pin_span(text: str, folded: _Folded) -> tuple[int, int] | None:
    norm, starts, ends = folded
    view = norm.translate(_KANJI_DIGITS)  # 暗証番号は一二三四
    found = [m for m in (pattern.search(view) for pattern in _pin_patterns()) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return _original(text, starts, ends, first.start(), first.end())


def find_pin_disclosure(text: str) -> str | None:
    """The first keyword-plus-code disclosure ("暗証番号は1234", "1234が暗証番号"), as written.

    Invisible characters inside the keyword are ignored, and the code may be digits of any
    script, kanji digits (一二三四) or digits typed apart ("1 2 3 4")."""
    span = _find_pin_span(text, _normalise(text)) if text else None
    return text[span[0] : span[1]] if span else None


# --- where in a longer text -----------------------------------------------------------------------


def find_secrets(text: str) -> list[tuple[str, int, int]]:
    """Every 個人番号 and PIN disclosure in `text` as (kind, start, end), kind "my_number" or
    "pin", offsets into `text`, in order. For scanning a whole file (a lesson)."""
    found: list[tuple[str, int, int]] = []
    if not text:
        return found
    norm, starts, ends = _normalise(text)
    for view in _digit_views(norm):
        for a, b in _my_number_spans(view):
            found.append(("my_number", *_original(text, starts, ends, a, b)))
    view = norm.translate(_KANJI_DIGITS)
    for pattern in _pin_patterns():
        for m in pattern.finditer(view):
            found.append(("pin", *_original(text, starts, ends, m.start(), m.end())))
    return sorted(set(found), key=lambda f: (f[1], f[2], f[0]))


def may_hold_secret(text: str) -> bool:
    """False when the guard cannot possibly object: every pattern needs a digit, of some
    script or width, or kanji digits (four of them for a PIN). Lets bulk checks skip the
    character-by-character work on the many names and notes without any."""
    folded = unicodedata.normalize("NFKC", text)
    if _ANY_DIGIT.search(folded):
        return True
    return sum(folded.count(ch) for ch in _KANJI_DIGIT_CHARS) >= 4


_ANY_DIGIT = re.compile(r"\d")  # str patterns: any Unicode decimal digit


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
    folded = _normalise(text)  # once for both patterns
    if _find_my_number_span(text, folded) is not None:
        raise PrivacyError(
            field,
            f"{ja_label}に個人番号（マイナンバー）らしき12桁の数字があります。"
            "個人番号は記録できません。消してから保存してください。",
            f"The {en_label} contains what looks like a 12-digit My Number. "
            "My Numbers must never be recorded: remove it and save again.",
        )
    if _find_pin_span(text, folded) is not None:
        raise PrivacyError(
            field,
            f"{ja_label}に暗証番号やパスワードらしきものがあります。"
            "暗証番号・パスワードは書き留めたり記録したりしてはいけません。"
            "消してから保存してください。",
            f"The {en_label} seems to contain a PIN or password. "
            "PINs and passwords must never be written down or recorded: remove it and save again.",
        )


def check_record_texts(texts: Mapping[str, str]) -> None:
    """Raise PrivacyError if a 個人番号 is written in pieces across the fields of one record
    (each field on its own has passed check_free_text). The error names the last field of
    the pieces and lists them all; it never repeats the digits."""
    fields = find_split_my_number(texts)
    if fields is None:
        return
    ja_labels = "・".join(f"「{field_label(f)}」" for f in fields)
    en_labels = ", ".join(field_label(f, "en") for f in fields)
    raise PrivacyError(
        fields[-1],
        f"{ja_labels}に分けて、個人番号（マイナンバー）らしき12桁の数字があります。"
        "個人番号は記録できません。消してから保存してください。",
        f"The {en_labels} together contain what looks like a 12-digit My Number split "
        "between them. My Numbers must never be recorded: remove it and save again.",
    )
