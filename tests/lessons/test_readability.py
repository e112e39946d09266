"""Readable by a 75-year-old (issue 15): the readability warnings of `dxhelper lessons check`,
each at its line, and the --stats table, on small lessons written for each case."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dxhelper.cli.context import Context
from dxhelper.cli.lessons import lessons
from dxhelper.core.lessons.check import check_lessons, check_paths
from dxhelper.core.lessons.parser import parse_lesson_file
from dxhelper.core.lessons.readability import (
    actions,
    en_length,
    ja_length,
    letter_counts,
    measure,
    split_sentences,
)
from dxhelper.paths import DataPaths

FRONT = """+++
id = "{id}"
title = "{title}"
category = "other"
level = 1
minutes = 20
version = 1
checked = 2026-11-24
sources = ["https://www.digital.go.jp/"]
bring = ["{bring}"]
+++

"""


def write(root: Path, lang: str, lesson_id: str, body: str) -> Path:
    """A lesson file whose body starts on line 13 (the front matter takes lines 1–11)."""
    path = root / lang / f"{lesson_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    title, bring = ("練習", "スマホ") if lang == "ja" else ("Practice", "Phone")
    path.write_text(FRONT.format(id=lesson_id, title=title, bring=bring) + body, encoding="utf-8")
    return path


def warnings(path: Path) -> list[tuple[int, str]]:
    problems = check_paths([path])
    assert all(not p.is_error for p in problems), problems
    return [(p.line, p.en) for p in problems]


PLAIN_JA = """スマホで写真を見る練習をします。

## 写真のアプリを開く {#open-photos}

1. 画面の「写真」をタップします。
2. 見たい写真をタップします。

> うまくいかないとき：係の人に聞きます。
"""

PLAIN_EN = """Practise looking at photos on your phone.

## Open the photo app {#open-photos}

1. Tap "Photos" on the screen.
2. Tap the photo you want to see.
"""


def test_a_plain_short_lesson_earns_no_warning(tmp_path):
    assert warnings(write(tmp_path, "ja", "plain", PLAIN_JA)) == []
    assert warnings(write(tmp_path, "en", "plain", PLAIN_EN)) == []


def test_a_long_japanese_sentence_is_warned_about_at_its_line(tmp_path):
    long = "窓口では" + "ゆっくり" * 14 + "話します。"  # 4 + 56 + 5 = 65 characters
    body = PLAIN_JA.replace("> うまくいかないとき", f"{long}短い文です。\n\n> うまくいかないとき")
    found = warnings(write(tmp_path, "ja", "long", body))
    assert [(line, "too long (65 characters" in en) for line, en in found] == [(20, True)]
    ja = check_paths([tmp_path / "ja" / "long.md"])[0].format("ja")
    assert ja.endswith("」") and ":20: 警告: 文が長すぎます（65字" in ja


def test_a_soft_wrapped_japanese_sentence_is_one_sentence_and_brackets_do_not_count(tmp_path):
    wrapped = "窓口では" + "ゆっくり" * 7 + "\n" + "ゆっくり" * 7 + "話します。"
    path = write(tmp_path, "ja", "wrapped", f"{wrapped}\n\n## 手順 {{#step}}\n\n本文です。\n")
    assert [line for line, _ in warnings(path)] == [13]
    assert ja_length("カードを置きます（" + "あ" * 80 + "）。") == 9
    assert ja_length("https://www.digital.go.jp/ を開きます。") == 6
    assert ja_length("カードを置きます（あいう。") == 13  # left open: counted


def test_a_long_english_sentence_is_warned_about_at_its_line(tmp_path):
    long = " ".join(["Word"] + ["word"] * 25) + "."
    body = PLAIN_EN + f"\nShort one. {long} Another short one.\n"
    found = warnings(write(tmp_path, "en", "long", body))
    assert [(line, "too long (26 words" in en) for line, en in found] == [(20, True)]
    assert en_length("Open https://www.digital.go.jp/policies/ now (e.g. today).") == 4


def test_english_sentences_end_before_a_capital_not_after_an_abbreviation():
    text = "Use an ID, e.g. a licence. Then wait! Done"
    assert split_sentences(text, "en") == ["Use an ID, e.g. a licence.", "Then wait!", "Done"]


def test_japanese_sentences_end_at_marks_line_breaks_not_inside_brackets():
    text = "押します（強く。）。待ちます！\n次へ"
    assert split_sentences(text, "ja") == ["押します（強く。）。", "待ちます！", "次へ"]


def test_a_high_kanji_share_is_warned_about_once_at_the_top_of_the_body(tmp_path):
    dense = "申請書記入後窓口提出必要書類確認実施。" * 12  # all kanji: share near 100 %
    path = write(tmp_path, "ja", "kanji", PLAIN_JA.replace("スマホで", dense + "スマホで"))
    found = [(line, en) for line, en in warnings(path) if "kanji" in en]
    assert len(found) == 1 and found[0][0] == 13 and "aim for at most 35%" in found[0][1]
    kanji, letters = letter_counts("漢字とかなとABC、123 https://example.go.jp/")
    assert (kanji, letters) == (2, 9)


def test_a_short_lesson_is_not_judged_on_its_kanji_share(tmp_path):
    path = write(tmp_path, "ja", "tiny", "本文です。\n\n## 手順 {#step}\n\n本文です。\n")
    assert warnings(path) == []
    lesson = parse_lesson_file(path).lesson
    assert (
        measure(lesson, path.read_text(encoding="utf-8")).kanji_share == 0.6
    )  # 本文 手順 本文 of 10


def test_a_numbered_item_with_two_actions_is_warned_about(tmp_path):
    body = PLAIN_JA.replace(
        "2. 見たい写真をタップします。", "2. 写真をタップして、画面を広げて見ます。"
    )
    found = warnings(write(tmp_path, "ja", "two-actions", body))
    assert [(line, "2 actions" in en) for line, en in found] == [(18, True)]


def test_joins_that_say_how_are_not_actions():
    assert actions("カードを置いて、暗証番号を入れます。") == 2
    assert actions("ボタンを長押しし、「切る」を選びます。") == 2
    assert actions("手紙を開けて、内容を読んで、メモします。") == 3
    assert actions("案内に沿って、進みます。") == 1
    assert actions("カードを持って、窓口へ行きます。") == 1
    assert actions("キーをタップして文字を入れます。") == 1  # no comma: says how
    assert actions("ただし、予約が必要です。") == 0  # no verb in ます at the end


def test_a_bulleted_list_is_not_held_to_one_action(tmp_path):
    body = PLAIN_JA + "\n- 写真をタップして、画面を広げて見ます。\n"
    assert warnings(write(tmp_path, "ja", "bullets", body)) == []


def test_an_unexplained_term_is_warned_about_at_its_first_use(tmp_path):
    body = PLAIN_JA.replace(
        "2. 見たい写真をタップします。",
        "2. 見たい写真をタップします。\n3. 署名用の番号を入れます。",
    ).replace("> うまくいかないとき", "署名用の番号は6文字以上です。\n\n> うまくいかないとき")
    found = warnings(write(tmp_path, "ja", "term", body))
    assert found == [
        (
            19,
            "'署名用' is never explained in plain words in this lesson. "
            "Add a short gloss, e.g. 署名用（…）.",
        )
    ]


@pytest.mark.parametrize(
    "gloss",
    [
        "**署名用**（ネットで申請するときの、はんこ）の番号を入れます。",
        "署名用とは、ネットで申請するときの番号です。",
        "- 署名用：ネットで申請するときの番号",
        "ネットのはんこの番号（署名用）を入れます。",
        "署名用は、ネットで申請するときの番号です。",
    ],
)
def test_a_glossed_term_earns_no_warning(tmp_path, gloss):
    body = PLAIN_JA.replace("2. 見たい写真をタップします。", "2. 署名用の番号を入れます。")
    body += f"\n{gloss}\n"
    assert warnings(write(tmp_path, "ja", "glossed", body)) == []


def test_terms_are_not_checked_in_english_lessons(tmp_path):
    body = PLAIN_EN + "\nEnter the 署名用 PIN.\n"
    assert warnings(write(tmp_path, "en", "term", body)) == []


def test_the_figures_of_a_lesson(tmp_path):
    path = write(tmp_path, "ja", "plain", PLAIN_JA)
    (stats,) = check_lessons([path]).stats
    assert [s.text for s in stats.sentences] == [
        "スマホで写真を見る練習をします。",
        "写真のアプリを開く",
        "画面の「写真」をタップします。",
        "見たい写真をタップします。",
        "うまくいかないとき：係の人に聞きます。",
    ]
    assert [s.line for s in stats.sentences] == [13, 15, 17, 18, 20]
    assert stats.longest == 19 and stats.multi_action == () and stats.unexplained == ()


def _cli(tmp_path: Path, *args: str, lang: str = "en"):
    context = Context(DataPaths(tmp_path / "data"), lang)
    return CliRunner().invoke(lessons, ["check", *args], obj=context)


def test_the_cli_prints_the_stats_table_and_the_warnings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    body = PLAIN_JA.replace("2. 見たい写真をタップします。", "2. 署名用の番号を入れます。")
    write(tmp_path, "ja", "term", body)
    write(tmp_path, "en", "term", PLAIN_EN)
    result = _cli(tmp_path, "--stats", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = lines[0].split()
    assert header == [
        "file",
        "sentences",
        "longest",
        "average",
        "kanji",
        "multi-action",
        "unexplained",
    ]
    rows = {line.split()[0]: line for line in lines[1:3]}
    assert rows["ja/term.md"].split()[1:] == ["5", "19", "ch", "14.2", "ch", "32.8%", "0", "1"]
    assert rows["en/term.md"].split()[1:] == ["4", "7", "w", "5.8", "w", "-", "-", "-"]
    assert len({len(line) for line in lines[:3]}) == 1  # aligned: every row as wide
    assert any(":18: warning: '署名用'" in line for line in lines)
    assert lines[-1] == "0 errors, 1 warnings."


def test_the_cli_in_japanese_and_without_stats(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "ja", "plain", PLAIN_JA)
    ja = _cli(tmp_path, "--stats", str(tmp_path), lang="ja")
    assert ja.exit_code == 0 and ja.output.split()[:3] == ["ファイル", "文の数", "最長"]
    assert "ja/plain.md" in ja.output and "19字" in ja.output
    plain = _cli(tmp_path, str(tmp_path))
    assert plain.output.splitlines() == ["0 errors, 0 warnings."]
