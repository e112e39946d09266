"""Read one lesson file into a `Lesson`, reporting every problem with its line number.

The Markdown body is parsed by markdown-it-py into tokens and turned into the intermediate form
of `model.py`; only the `{#step-id}` at the end of a step heading is read from the heading text.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dxhelper.core.categories import Category, Course
from dxhelper.core.lessons.model import (
    Block,
    Helpline,
    Image,
    Lesson,
    Link,
    ListBlock,
    Note,
    Paragraph,
    ParseResult,
    Problem,
    Span,
    Step,
)
from dxhelper.core.privacy import find_secrets
from dxhelper.core.qr_policy import check_url

MAX_BYTES = 1_000_000
# tomllib takes quadratic time on long dotted keys (a 1 MB "x.x.x…" key would hold the app for
# half an hour); real front matter is under 1 KB.
MAX_FRONT_MATTER = 16_000
MAX_STEPS = 10
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEADING_ID = re.compile(r"\s*\{#([^}]*)\}\s*$")
_TOML_LINE = re.compile(r"at line (\d+)")
_TOML_POSITION = re.compile(r"\s*\(at line \d+, column \d+\)")
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
LANGUAGES = ("ja", "en")

KNOWN_FIELDS = {
    "id",
    "title",
    "category",
    "course",
    "level",
    "minutes",
    "version",
    "checked",
    "sources",
    "bring",
    "links",
    "helpline",
}

_markdown = MarkdownIt("commonmark", {"html": False})


class _Reporter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, ja: str, en: str) -> None:
        self.problems.append(Problem(self.path, line, ja, en, "error"))

    def warning(self, line: int, ja: str, en: str) -> None:
        self.problems.append(Problem(self.path, line, ja, en, "warning"))

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)


def read_text(path: Path, report: _Reporter) -> str | None:
    """The file's text with LF line ends, or None after reporting why it cannot be read.

    The size is checked before reading, so a huge file costs nothing.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            report.error(
                1,
                f"ファイルが大きすぎます（{size:,}バイト、上限 1 MB）。",
                f"The file is too large ({size:,} bytes; at most 1 MB).",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        report.error(1, f"ファイルを読めません: {exc.strerror}", f"Cannot read the file: {exc}")
        return None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        report.error(
            line,
            "テキストファイルではありません（バイナリのデータがあります）。",
            "This is not a text file (it contains binary data).",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.error(
            line,
            "UTF-8 で保存されていません。文字コードを UTF-8 にして保存し直してください。",
            "The file is not saved as UTF-8. Save it again with UTF-8 encoding.",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _report_secrets(text: str, report: _Reporter) -> None:
    """An error on every line where a 個人番号 or a PIN disclosure starts: a lesson is printed
    on handouts and shown on the projector, so one never loads. The message does not repeat
    what was found (it would end up in a log or on the screen)."""
    for kind, start, _end in find_secrets(text):
        line = text.count("\n", 0, start) + 1
        if kind == "my_number":
            report.error(
                line,
                "個人番号（マイナンバー）らしき12桁の数字があります。"
                "講座には書けません（配布資料に印刷されます）。例には使えない番号を使ってください。",
                "This line holds what looks like a 12-digit My Number. Lessons must never hold "
                "one (they are printed on handouts); use a number that cannot be real.",
            )
        else:
            report.error(
                line,
                "暗証番号やパスワードらしきものがあります。講座には書けません"
                "（配布資料に印刷されます）。",
                "This line seems to hold a PIN or password. Lessons must never hold one "
                "(they are printed on handouts).",
            )


def _split_front_matter(text: str, report: _Reporter) -> tuple[str, str, int] | None:
    """(front matter, body, line number where the body starts) or None after reporting."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        report.error(
            1,
            "先頭に「+++」で囲んだ設定（フロントマター）がありません。",
            "The file must start with front matter between '+++' lines.",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "+++":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    report.error(
        1,
        "設定（フロントマター）の終わりの「+++」がありません。",
        "The front matter has no closing '+++' line.",
    )
    return None


class _FrontMatter:
    """The parsed TOML plus a way to point at the line a field was written on."""

    def __init__(self, source: str, data: dict[str, Any]) -> None:
        self.lines = source.split("\n")
        self.data = data

    def line_of(self, key: str, needle: str | None = None) -> int:
        """File line (front matter starts on line 2) of `needle`, else of `key = …`."""
        if needle:
            for i, line in enumerate(self.lines):
                if needle in line:
                    return i + 2
        pattern = re.compile(rf"^\s*(\[\[?\s*{re.escape(key)}\s*\]\]?|{re.escape(key)}\s*=)")
        for i, line in enumerate(self.lines):
            if pattern.match(line):
                return i + 2
        return 1


def _type_error(report: _Reporter, line: int, key: str, ja_kind: str, en_kind: str) -> None:
    report.error(line, f"「{key}」は{ja_kind}で書いてください。", f"'{key}' must be {en_kind}.")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _string_list(fm: _FrontMatter, report: _Reporter, key: str) -> tuple[str, ...] | None:
    value = fm.data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _type_error(report, fm.line_of(key), key, "文字列のリスト", "a list of strings")
        return None
    return tuple(v.strip() for v in value)


def _read_fields(
    fm: _FrontMatter, path: Path, report: _Reporter, *, builtin: bool, trusted: tuple[str, ...]
) -> dict[str, Any] | None:
    data = fm.data
    missing = [
        k
        for k in (
            "id",
            "title",
            "category",
            "level",
            "minutes",
            "version",
            "checked",
            "sources",
            "bring",
        )
        if k not in data
    ]
    for key in missing:
        report.error(
            1, f"必須の項目「{key}」がありません。", f"The required field '{key}' is missing."
        )
    for key in data:
        if key not in KNOWN_FIELDS:
            report.warning(
                fm.line_of(key),
                f"不明な項目「{key}」は無視します。",
                f"Unknown field '{key}' is ignored.",
            )
    if missing:
        return None
    out: dict[str, Any] = {}

    lesson_id = data["id"]
    if not isinstance(lesson_id, str) or not ID_PATTERN.match(lesson_id):
        report.error(
            fm.line_of("id"),
            "「id」は半角の英小文字・数字・ハイフンで書いてください（例: mynumber-apply）。",
            "'id' must use lower-case letters, digits and hyphens (e.g. mynumber-apply).",
        )
    elif lesson_id != path.stem:
        report.error(
            fm.line_of("id"),
            f"「id」（{lesson_id}）とファイル名（{path.stem}）が違います。",
            f"'id' ({lesson_id}) differs from the file name ({path.stem}).",
        )
    out["id"] = lesson_id

    title = data["title"]
    if not isinstance(title, str) or not title.strip():
        _type_error(report, fm.line_of("title"), "title", "空でない文字列", "a non-empty string")
    out["title"] = title.strip() if isinstance(title, str) else ""

    category = data["category"]
    try:
        out["category"] = Category(category)
    except ValueError:
        names = ", ".join(c.value for c in Category)
        report.error(
            fm.line_of("category"),
            f"不明な分類「{category}」です。使える分類: {names}",
            f"Unknown category '{category}'. Use one of: {names}",
        )

    out["course"] = _read_course(fm, report)

    for key, low, high in (("level", 1, 3), ("minutes", 1, 240), ("version", 1, 1_000_000)):
        value = data[key]
        if not _is_int(value) or not low <= value <= high:
            _type_error(
                report,
                fm.line_of(key),
                key,
                f"{low}〜{high}の整数",
                f"a whole number from {low} to {high}",
            )
        out[key] = value

    checked = data["checked"]
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        _type_error(
            report,
            fm.line_of("checked"),
            "checked",
            "日付（例: 2026-11-24）",
            "a date (e.g. 2026-11-24)",
        )
    out["checked"] = checked

    sources = _string_list(fm, report, "sources")
    if sources is not None:
        if not sources:
            report.error(
                fm.line_of("sources"),
                "「sources」に出典のアドレスを書いてください。",
                "'sources' must name at least one https address.",
            )
        for url in sources:
            if not url.startswith("https://"):
                report.error(
                    fm.line_of("sources", url),
                    f"出典は https:// のアドレスにしてください: {url}",
                    f"Sources must be https:// addresses: {url}",
                )
    out["sources"] = sources or ()
    out["bring"] = _string_list(fm, report, "bring") or ()
    out["links"] = _read_links(fm, report, builtin=builtin, trusted=trusted)
    out["helpline"] = _read_helpline(fm, report)
    return out


def _read_course(fm: _FrontMatter, report: _Reporter) -> Course:
    """基本講座 or 応用講座 (every built-in lesson says which). A lesson without it counts as
    basic, so coordinators' older lessons keep working unchanged."""
    if "course" not in fm.data:
        return Course.BASIC
    value = fm.data["course"]
    try:
        return Course(value)
    except (ValueError, TypeError):
        report.error(
            fm.line_of("course"),
            f"不明な講座の種類「{value}」です。basic（基本講座）か applied（応用講座）と"
            "書いてください。",
            f'Unknown course type \'{value}\'. Use "basic" or "applied".',
        )
        return Course.BASIC


def _read_links(
    fm: _FrontMatter, report: _Reporter, *, builtin: bool, trusted: tuple[str, ...]
) -> tuple[Link, ...]:
    raw = fm.data.get("links", [])
    if not isinstance(raw, list):
        _type_error(report, fm.line_of("links"), "links", "[[links]] の表", "a [[links]] table")
        return ()
    links = []
    for entry in raw:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry[k].strip() for k in ("label", "url")
        ):
            report.error(
                fm.line_of("links"),
                "[[links]] には label と url が必要です。",
                "Each [[links]] entry needs a label and a url.",
            )
            continue
        url = entry["url"].strip()
        refusal = check_url(url, trusted)
        line = fm.line_of("links", url)
        if refusal and builtin:
            report.error(
                line,
                f"QRコードにできないアドレスです: {refusal.ja}",
                f"This address cannot become a QR code: {refusal.en}",
            )
        elif refusal:
            report.warning(
                line,
                f"このリンクにはQRコードを付けません: {refusal.ja}",
                f"This link gets no QR code: {refusal.en}",
            )
        links.append(Link(entry["label"].strip(), url, qr=refusal is None))
    return tuple(links)


def _read_helpline(fm: _FrontMatter, report: _Reporter) -> Helpline | None:
    raw = fm.data.get("helpline")
    if raw is None:
        return None
    if (
        not isinstance(raw, dict)
        or not all(isinstance(raw.get(k), str) and raw[k].strip() for k in ("label", "number"))
        or not isinstance(raw.get("hours", ""), str)
    ):
        report.error(
            fm.line_of("helpline"),
            "[helpline] には label と number が必要です。",
            "[helpline] needs a label and a number.",
        )
        return None
    return Helpline(raw["label"].strip(), raw["number"].strip(), raw.get("hours", "").strip())


# -- Markdown body ------------------------------------------------------------------------------


class _Body:
    """Turns markdown-it's flat token stream into nested blocks."""

    def __init__(
        self, tokens: list[Token], path: Path, first_line: int, lang: str, report: _Reporter
    ) -> None:
        self.tokens = tokens
        self.path = path
        self.first_line = first_line
        self.soft_break = "" if lang == "ja" else " "
        self.report = report

    def line(self, token: Token) -> int:
        return self.first_line + (token.map[0] if token.map else 0)

    def blocks_until(self, i: int, closing: str | None) -> tuple[list[Block], int]:
        """Blocks from token i up to the `closing` token type (or a step heading / the end)."""
        blocks: list[Block] = []
        while i < len(self.tokens):
            tok = self.tokens[i]
            if closing is not None and tok.type == closing:
                return blocks, i + 1
            if closing is None and tok.type == "heading_open" and tok.tag in ("h1", "h2"):
                return blocks, i
            if tok.type == "paragraph_open":
                blocks.extend(self.inline_blocks(self.tokens[i + 1]))
                i += 3
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                block, i = self.list_block(i)
                blocks.append(block)
            elif tok.type == "blockquote_open":
                inner, i = self.blocks_until(i + 1, "blockquote_close")
                blocks.append(Note(tuple(inner)))
            elif tok.type == "heading_open":  # ### and deeper: shown as bold text
                spans = self.spans(self.tokens[i + 1])
                blocks.append(Paragraph(tuple(Span(s.text, bold=True) for s in spans)))
                i += 3
            elif tok.type in ("fence", "code_block"):
                blocks.append(Paragraph((Span(tok.content.rstrip("\n"), code=True),)))
                i += 1
            else:  # hr, html (disabled, so never), anything unforeseen: nothing to show
                i += 1
        return blocks, i

    def list_block(self, i: int) -> tuple[ListBlock, int]:
        opening = self.tokens[i]
        ordered = opening.type == "ordered_list_open"
        closing = "ordered_list_close" if ordered else "bullet_list_close"
        start = int(opening.attrs.get("start", 1)) if ordered else 1
        items: list[tuple[Block, ...]] = []
        i += 1
        while self.tokens[i].type != closing:
            blocks, i = self.blocks_until(i + 1, "list_item_close")
            items.append(tuple(blocks))
        return ListBlock(ordered, tuple(items), start), i + 1

    def inline_blocks(self, inline: Token) -> list[Block]:
        """A paragraph's spans; an image alone in its paragraph becomes an Image block."""
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        if images and all(c.type == "image" or not c.content.strip() for c in children):
            return [self.image(img, inline) for img in images]
        return [Paragraph(tuple(self.spans(inline)))]

    def image(self, token: Token, inline: Token) -> Image:
        src = str(token.attrs.get("src", ""))
        alt = "".join(c.content for c in token.children or [])
        target = (self.path.parent / src).resolve()
        root = self.path.parent.parent.resolve()
        line = self.line(inline)
        if "://" in src or src.startswith(("/", "\\")) or Path(src).is_absolute():
            self.report.error(
                line,
                f"画像はレッスンのフォルダー内の相対パスで指定してください: {src}",
                f"Give images as a path relative to the lesson: {src}",
            )
        elif not target.is_relative_to(root):
            self.report.error(
                line,
                f"画像がレッスンのフォルダーの外を指しています: {src}",
                f"The image points outside the lessons folder: {src}",
            )
        elif target.suffix.lower() not in _IMAGE_SUFFIXES:
            self.report.error(
                line,
                f"画像は PNG か JPEG にしてください: {src}",
                f"Images must be PNG or JPEG: {src}",
            )
        elif not target.is_file():
            self.report.error(line, f"画像が見つかりません: {src}", f"Image not found: {src}")
        return Image(target, alt)

    def spans(self, inline: Token) -> list[Span]:
        spans: list[Span] = []
        bold = italic = False
        href: str | None = None
        for child in inline.children or []:
            kind = child.type
            if kind == "strong_open" or kind == "strong_close":
                bold = kind == "strong_open"
            elif kind == "em_open" or kind == "em_close":
                italic = kind == "em_open"
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
            elif kind == "link_close":
                href = None
            elif kind == "text":
                spans.append(Span(child.content, bold, italic, False, href))
            elif kind == "code_inline":
                spans.append(Span(child.content, bold, italic, True, href))
            elif kind == "softbreak":
                spans.append(Span(self.soft_break, bold, italic, False, href))
            elif kind == "hardbreak":
                spans.append(Span("\n", bold, italic, False, href))
            elif kind == "image":
                spans.append(Span("".join(c.content for c in child.children or [])))
        return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans of the same style (markdown-it splits text at every marker)."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.code, last.href) == (
            span.bold,
            span.italic,
            span.code,
            span.href,
        ):
            merged[-1] = Span(last.text + span.text, span.bold, span.italic, span.code, span.href)
        else:
            merged.append(span)
    return merged


def _parse_body(
    body: str, first_line: int, path: Path, lang: str, report: _Reporter
) -> tuple[tuple[Block, ...], tuple[Step, ...]]:
    tokens = _markdown.parse(body)
    reader = _Body(tokens, path, first_line, lang, report)
    intro, i = reader.blocks_until(0, None)
    steps: list[Step] = []
    seen: dict[str, int] = {}
    while i < len(tokens):
        heading = tokens[i]
        line = reader.line(heading)
        inline = tokens[i + 1]
        if heading.tag == "h1":
            report.error(
                line,
                "見出し「#」は使えません。手順は「## 手順名 {#id}」で書きます。",
                "Do not use '#' headings; steps are '## Step title {#id}'.",
            )
        text = inline.content
        match = _HEADING_ID.search(text)
        title = text[: match.start()].strip() if match else text.strip()
        step_id = match.group(1).strip() if match else ""
        if heading.tag == "h2":
            if not match:
                report.error(
                    line,
                    f"手順「{title}」に {{#id}} がありません（例: {{#scan-form}}）。",
                    f"Step '{title}' has no {{#id}} (e.g. {{#scan-form}}).",
                )
            elif not ID_PATTERN.match(step_id):
                report.error(
                    line,
                    f"手順のID「{step_id}」は半角の英小文字・数字・ハイフンで書いてください。",
                    f"Step id '{step_id}' must use lower-case letters, digits and hyphens.",
                )
            elif step_id in seen:
                report.error(
                    line,
                    f"手順のID「{step_id}」が{seen[step_id]}行目と重複しています。",
                    f"Step id '{step_id}' is already used on line {seen[step_id]}.",
                )
            else:
                seen[step_id] = line
            if not title:
                report.error(line, "手順の見出しが空です。", "The step heading is empty.")
        blocks, i = reader.blocks_until(i + 3, None)
        if heading.tag == "h2":
            if not blocks:
                report.error(
                    line, f"手順「{title}」に本文がありません。", f"Step '{title}' has no text."
                )
            steps.append(Step(step_id, title, tuple(blocks), line))
    if not steps:
        report.error(
            first_line,
            "手順がありません。「## 手順名 {#id}」で手順を書いてください。",
            "The lesson has no steps. Write each step as '## Step title {#id}'.",
        )
    elif len(steps) > MAX_STEPS:
        report.warning(
            steps[MAX_STEPS].line,
            f"手順が{len(steps)}個あります。{MAX_STEPS}個までにすると使いやすくなります。",
            f"The lesson has {len(steps)} steps; at most {MAX_STEPS} work best.",
        )
    return tuple(intro), tuple(steps)


def lesson_language(path: Path) -> str | None:
    """A lesson's language is the folder it sits in: lessons/ja/… or lessons/en/…"""
    return path.parent.name if path.parent.name in LANGUAGES else None


def parse_lesson_file(
    path: Path, *, builtin: bool = False, trusted_domains: Iterable[str] = ()
) -> ParseResult:
    """Parse one file. `lesson` is None when there is any error; warnings still give a lesson."""
    path = Path(path)
    report = _Reporter(path)
    lang = lesson_language(path)
    if lang is None:
        report.error(
            1,
            "レッスンのファイルは ja/ か en/ のフォルダーに置いてください。",
            "Put lesson files in a ja/ or en/ folder.",
        )
        return ParseResult(None, report.problems)
    text = read_text(path, report)
    if text is None:
        return ParseResult(None, report.problems)
    _report_secrets(text, report)  # any error here keeps the lesson from loading
    split = _split_front_matter(text, report)
    if split is None:
        return ParseResult(None, report.problems)
    source, body, body_line = split
    if len(source) > MAX_FRONT_MATTER:
        report.error(
            1,
            f"設定（フロントマター）が長すぎます（{len(source):,}文字、"
            f"上限 {MAX_FRONT_MATTER:,}文字）。",
            f"The front matter is too long ({len(source):,} characters; "
            f"at most {MAX_FRONT_MATTER:,}).",
        )
        return ParseResult(None, report.problems)
    try:
        data = tomllib.loads(source)
    except RecursionError:
        # tomllib recurses once per nested array or table: "x = [[[[…" would crash the caller.
        lines = source.split("\n")
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("[") + lines[i].count("{"))
        report.error(
            deepest + 2,
            "設定（TOML）の入れ子が深すぎます。",
            "The front matter is not valid TOML: it is nested too deeply.",
        )
        return ParseResult(None, report.problems)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) + 1 if found else 1
        # tomllib counts lines from the front matter's start; the file's line is given instead.
        reason = _TOML_POSITION.sub("", str(exc))
        report.error(
            line,
            f"設定（TOML）の書き方に誤りがあります: {reason}",
            f"The front matter is not valid TOML: {reason}",
        )
        return ParseResult(None, report.problems)
    fields = _read_fields(
        _FrontMatter(source, data), path, report, builtin=builtin, trusted=tuple(trusted_domains)
    )
    intro, steps = _parse_body(body, body_line, path, lang, report)
    if fields is None or report.failed:
        return ParseResult(None, report.problems)
    lesson = Lesson(
        id=fields["id"],
        lang=lang,
        title=fields["title"],
        category=fields["category"],
        level=fields["level"],
        minutes=fields["minutes"],
        version=fields["version"],
        checked=fields["checked"],
        sources=fields["sources"],
        bring=fields["bring"],
        links=fields["links"],
        helpline=fields["helpline"],
        intro=intro,
        steps=steps,
        path=path,
        is_user=not builtin,
        course=fields["course"],
    )
    return ParseResult(lesson, report.problems)
