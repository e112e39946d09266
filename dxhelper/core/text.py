"""Text normalisation for Japanese search and for validating user-entered names."""

from __future__ import annotations

import unicodedata

import jaconv

from dxhelper.core.errors import ValidationError
from dxhelper.core.fields import field_label

# A search key sorts below this + the prefix: every key that starts with the prefix falls in
# [prefix, prefix + PREFIX_END), which lets SQLite answer "starts with" from a plain index.
PREFIX_END = "\U0010ffff"


def search_key(text: str) -> str:
    """Fold what Japanese users consider the same: width, kana script, Latin case, spaces.

    NFKC turns half-width katakana and full-width Latin/digits into their usual forms; katakana
    becomes hiragana so ヤマダ, ﾔﾏﾀﾞ and やまだ share one key; spaces are dropped so
    "山田 花子" is found by "山田花".
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = jaconv.kata2hira(folded).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


def _given(text: str) -> str:
    """The part after the first space: the given name of "山田 花子" or "やまだ はなこ"."""
    parts = unicodedata.normalize("NFKC", text).split(maxsplit=1)
    return parts[1] if len(parts) == 2 else ""


def resident_search_keys(display_name: str, kana: str, nickname: str) -> dict[str, str]:
    """Every key a resident is found by: the whole name, reading and nickname, and the given
    name and given reading alone (so "ひろし" finds 佐藤 ひろし)."""
    return {
        "name_key": search_key(display_name),
        "kana_key": search_key(kana),
        "nickname_key": search_key(nickname),
        "given_name_key": search_key(_given(display_name)),
        "given_kana_key": search_key(_given(kana)),
    }


_VOWELS = set("aeiou")


def romaji_to_kana(text: str) -> tuple[str, ...]:
    """What typed romaji may be heading for, as hiragana: "sato" → ("さと",), Hepburn and
    kunrei alike ("shi" and "si" → し); () when the text is not romaji. A consonant still being
    typed is left off ("sat" → "さ"), and a last single "n" may be ん or the start of な…の
    ("kan" → "かん" and "か")."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace(" ", "").replace("-", "")
    if not folded or not folded.isascii() or not folded.isalpha():
        return ()
    while folded and folded[-1] not in _VOWELS and folded[-1] != "n":
        folded = folded[:-1]
    candidates = [folded]
    if folded.endswith("nn"):
        candidates = [folded[:-1]]  # "nn" is how ん is typed
    elif folded.endswith("n"):
        candidates = [folded, folded[:-1]]
    found: list[str] = []
    for candidate in candidates:
        kana = jaconv.alphabet2kana(candidate) if candidate else ""
        if kana and all("\u3040" <= ch <= "\u309f" or ch == "ー" for ch in kana):
            found.append(kana)
    return tuple(dict.fromkeys(found))


def clean_line(text: str) -> str:
    """One line of user input: NFC, trimmed, inner runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def require_text(field: str, value: str, *, max_len: int, allow_empty: bool = False) -> str:
    """Return the cleaned value or raise a ValidationError that names the field."""
    if not isinstance(value, str):
        raise ValidationError(
            field,
            f"{field_label(field)}は文字で入力してください。",
            f"The {field_label(field, 'en')} must be text.",
        )
    cleaned = clean_line(value) if field != "note" else unicodedata.normalize("NFC", value).strip()
    if not cleaned and not allow_empty:
        raise ValidationError(
            field,
            f"{field_label(field)}を入力してください。",
            f"Please enter the {field_label(field, 'en')}.",
        )
    if len(cleaned) > max_len:
        raise ValidationError(
            field,
            f"{field_label(field)}が長すぎます（{len(cleaned)}文字、上限{max_len}文字）。",
            f"The {field_label(field, 'en')} is too long ({len(cleaned)} characters; "
            f"at most {max_len}).",
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in cleaned):
        raise ValidationError(
            field,
            f"{field_label(field)}に使えない制御文字が含まれています。",
            f"The {field_label(field, 'en')} contains control characters.",
        )
    return cleaned
