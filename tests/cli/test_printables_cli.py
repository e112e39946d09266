"""`dxhelper signin-sheet`, `next-notice` and `certificates` through click's CliRunner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from dxhelper.cli.root import cli
from dxhelper.core.errors import DxError, NotFoundError, PrivacyError
from dxhelper.store import Store


def run(home: Path, *args: str, lang: str = "ja"):
    return CliRunner().invoke(cli, ["--data-dir", str(home), "--lang", lang, *args])


def _session(home: Path) -> str:
    with Store.open(home / "dxhelper.sqlite3") as store:
        venue = store.add_venue("中央公民館", "みどり市")
        volunteer = store.add_volunteer("青木 一郎")
        session = store.start_session(
            venue_id=venue.id,
            volunteer_id=volunteer.id,
            date=dt.date(2026, 11, 24),
            start_time="13:30",
        )
        store.set_session_lessons(session.id, ["mynumber-receive"])
        for name, kana in (("山田 花子", "やまだ はなこ"), ("佐藤 茂", "さとう しげる")):
            person = store.add_resident(
                name, kana=kana, consent_date=dt.date(2026, 11, 1), consent_version="2026-2"
            )
            store.add_attendee(session.id, person.id)
        return session.id


def _pages(path: Path) -> list[str]:
    return ["".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_signin_sheet_blank_and_from_a_session(tmp_path):
    out = tmp_path / "受付票.pdf"
    result = run(tmp_path, "signin-sheet", "--pages", "3", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "保存しました" in result.output and len(_pages(out)) == 3
    session_id = _session(tmp_path)
    filled = tmp_path / "filled.pdf"
    result = run(tmp_path, "signin-sheet", "--session", session_id, "-o", str(filled), lang="en")
    assert result.exit_code == 0, result.output
    assert "Saved" in result.output
    assert "Tuesday24November2026" in _pages(filled)[0] and "中央公民館" in _pages(filled)[0]


def test_next_notice_by_hand_and_from_a_session(tmp_path):
    out = tmp_path / "n.pdf"
    args = ["next-notice", "--date", "2026-12-05", "--time", "13:30-15:00"]
    result = run(
        tmp_path,
        *args,
        "--venue",
        "北集会所",
        "--bring",
        "老眼鏡",
        "--per-page",
        "8",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    (page,) = _pages(out)
    assert page.count("北集会所") == 8 and page.count("老眼鏡") == 8
    session_id = _session(tmp_path)
    out2 = tmp_path / "n2.pdf"
    result = run(
        tmp_path,
        "next-notice",
        "--date",
        "2026-12-05",
        "--session",
        session_id,
        "--lang",
        "ja",
        "-o",
        str(out2),
    )
    assert result.exit_code == 0, result.output
    (page,) = _pages(out2)
    assert page.count("中央公民館") == 4 and page.count("13:30") == 4
    assert "交付通知書" in page  # what to bring, from the session's lesson


def test_next_notice_needs_a_date_a_time_and_a_venue(tmp_path):
    missing = run(tmp_path, "next-notice", "--time", "13:30", "--venue", "x")
    assert missing.exit_code == 2 and "--date" in missing.output
    bad = run(tmp_path, "next-notice", "--date", "12/5", "--time", "13:30", "--venue", "x")
    assert isinstance(bad.exception, DxError) and "2026-12-05" in bad.exception.message("ja")
    no_time = run(tmp_path, "next-notice", "--date", "2026-12-05", "--venue", "x")
    assert no_time.exit_code == 1 and "13:30" in no_time.exception.message("ja")
    no_venue = run(tmp_path, "next-notice", "--date", "2026-12-05", "--time", "13:30")
    assert no_venue.exit_code == 1 and "--venue" in no_venue.exception.message("en")


def test_a_my_number_in_the_venue_is_refused(tmp_path):
    out = tmp_path / "x.pdf"
    number = "123456789018"  # passes the 個人番号 check digit
    result = run(
        tmp_path,
        "next-notice",
        "--date",
        "2026-12-05",
        "--time",
        "13:30",
        "--venue",
        f"会場 {number}",
        "-o",
        str(out),
    )
    assert result.exit_code == 1 and isinstance(result.exception, PrivacyError)
    assert "個人番号" in result.exception.message("ja") and number not in str(result.exception)
    assert not out.exists()
    pin = run(
        tmp_path,
        "next-notice",
        "--date",
        "2026-12-05",
        "--time",
        "13:30",
        "--venue",
        "x",
        "--note",
        "暗証番号は4821",
        "-o",
        str(out),
    )
    assert isinstance(pin.exception, PrivacyError) and not out.exists()


def test_certificates_one_page_per_named_attendee(tmp_path):
    session_id = _session(tmp_path)
    out = tmp_path / "c.pdf"
    result = run(
        tmp_path,
        "certificates",
        "--session",
        session_id,
        "--issued",
        "2026-11-30",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "受講証明書：2枚" in result.output
    pages = _pages(out)
    assert len(pages) == 2
    assert sorted(n for p in pages for n in ("山田花子さん", "佐藤茂さん") if n in p) == [
        "佐藤茂さん",
        "山田花子さん",
    ]
    assert all("発行日：2026年11月30日" in p and "みどり市" in p for p in pages)


def test_a_bad_session_id_is_a_clear_message_and_no_file(tmp_path):
    _session(tmp_path)
    out = tmp_path / "x.pdf"
    for args in (
        ["certificates", "--session", "no-such-id"],
        ["signin-sheet", "--session", "no-such-id"],
        ["next-notice", "--date", "2026-12-05", "--session", "no-such-id"],
    ):
        result = run(tmp_path, *args, "-o", str(out))
        assert result.exit_code != 0, args
        assert isinstance(result.exception, NotFoundError), (args, result.exception)
        assert "見つかりません" in result.exception.message("ja")
        assert not out.exists()


def test_a_session_without_named_attendees_has_no_certificates(tmp_path):
    with Store.open(tmp_path / "dxhelper.sqlite3") as store:
        venue = store.add_venue("中央公民館")
        volunteer = store.add_volunteer("青木")
        session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    result = run(tmp_path, "certificates", "--session", session.id, lang="en")
    assert result.exit_code == 1
    assert "no named attendees" in result.exception.message("en")


def test_the_entry_point_says_it_in_one_line(tmp_path, monkeypatch, capsys):
    import pytest

    from dxhelper.cli.root import main

    _session(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), "certificates", "--session", "nope"])
    assert exited.value.code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "見つかりません" in lines[0]
