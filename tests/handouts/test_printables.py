"""The sign-in sheet, the next-session notice and the certificates of attendance (issue 15 §4),
read back from the PDF: pages, words, sizes, fonts, and nothing outside the margins."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from pdftools import flat, fragments, page_texts, pdffonts, render
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from dxhelper.core.errors import DxError
from dxhelper.core.lessons import Catalogue
from dxhelper.core.lessons.model import Helpline
from dxhelper.core.models import AgeBand
from dxhelper.handouts import (
    Certificate,
    HandoutOptions,
    certificates_pdf,
    next_notice_pdf,
    signin_sheet_pdf,
)
from dxhelper.handouts.records import (
    bring_list,
    first_helpline,
    session_certificates,
    session_facts,
    session_lessons,
)
from dxhelper.paths import builtin_lessons_dir

A4_WIDTH, A4_HEIGHT = 595.28, 841.89
DAY = dt.date(2026, 12, 5)  # a Saturday
HELPLINE = Helpline("マイナンバー総合フリーダイヤル", "0120-95-0178")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(builtin_lessons_dir())


def _notice(lang: str = "ja", per_page: int = 4, **changes: object) -> bytes:
    values: dict[str, object] = {
        "date": DAY,
        "time": "13:30-15:00",
        "venue": "中央公民館" if lang == "ja" else "Central Hall",
        "bring": ["マイナンバーカード", "老眼鏡"] if lang == "ja" else ["My Number Card"],
        "note": "",
        "per_page": per_page,
        "helpline": HELPLINE,
    }
    values.update(changes)
    return next_notice_pdf(lang, HandoutOptions(), **values).data  # type: ignore[arg-type]


def _certificates(lang: str = "ja") -> list[Certificate]:
    first = Certificate(
        name="山田 花子",
        date=dt.date(2026, 11, 24),
        venue="中央公民館",
        lessons=("マイナンバーカードを受け取る", "詐欺にあわないために"),
        volunteer="青木 一郎",
        municipality="みどり市",
    )
    second = dataclasses.replace(first, name="シゲさん")
    third = dataclasses.replace(first, name="佐々木 和子", lessons=())
    return [first, second, third]


def _printables() -> dict[str, tuple[bytes, float]]:
    """Each printable in both languages, with the side margin its page uses."""
    made: dict[str, tuple[bytes, float]] = {}
    for lang in ("ja", "en"):
        made[f"signin-{lang}"] = (signin_sheet_pdf(lang, None, pages=2).data, 12 * mm)
        made[f"signin-filled-{lang}"] = (
            signin_sheet_pdf(lang, HandoutOptions(large=True), date=DAY, venue="中央公民館").data,
            12 * mm,
        )
        made[f"notice4-{lang}"] = (_notice(lang, 4, note="雨の日は東口から"), 8 * mm)
        made[f"notice8-{lang}"] = (_notice(lang, 8), 8 * mm)
        made[f"certificates-{lang}"] = (
            certificates_pdf(_certificates(), lang, None, issued=DAY).data,
            12 * mm,
        )
    return made


@pytest.fixture(scope="module")
def printables() -> dict[str, tuple[bytes, float]]:
    return _printables()


# -- pages, words ------------------------------------------------------------------------------


@pytest.mark.parametrize("pages", [1, 2, 3])
def test_the_sign_in_sheet_is_one_page_per_page_asked_for(pages):
    data = signin_sheet_pdf("ja", None, pages=pages).data
    texts = [flat(t) for t in page_texts(data)]
    assert len(texts) == pages
    for page in texts:
        assert "受付票" in page and "ふりがな" in page and "お名前" in page
        assert "同意する" in page and "名前の記録" in page
        assert all(band.label("ja") in page for band in AgeBand)
    # Rows are numbered on from one page to the next.
    per_page = signin_sheet_pdf("ja", None).data
    numbers = [f.text for f in fragments(per_page)[0] if f.text.isdigit() and f.size >= 17]
    assert numbers[0] == "1" and len(numbers) >= 8
    if pages > 1:
        assert str(len(numbers) + 1) in [f.text for f in fragments(data)[1]]


def test_the_sign_in_sheet_rows_leave_room_to_write(printables):
    data = printables["signin-ja"][0]
    page = fragments(data)[0]
    numbers = sorted((f for f in page if f.text.isdigit() and f.size >= 17), key=lambda f: -f.y)
    gaps = [a.y - b.y for a, b in itertools.pairwise(numbers)]
    assert gaps and min(gaps) >= 18 * mm  # reading line + name line, each ≥ 7 and 12 mm


def test_a_session_prefills_the_date_and_venue(store, people):
    venue, volunteer, _yamada, _sato = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id, date=DAY)
    facts = session_facts(store, session.id)
    data = signin_sheet_pdf("ja", None, date=facts.date, venue=facts.venue).data
    text = flat(page_texts(data)[0])
    assert "2026年12月5日（土）" in text and "会場：中央公民館" in text
    blank = flat(page_texts(signin_sheet_pdf("ja").data)[0])
    assert "2026年" not in blank and "年月日" in blank


@pytest.mark.parametrize("per_page", [4, 8])
def test_the_notice_is_one_page_of_identical_slips(per_page):
    data = _notice("ja", per_page, note="雨の日は東口から")
    texts = page_texts(data)
    assert len(texts) == 1
    page = fragments(data)[0]
    for words in ("次回のご案内", "日にち：2026年12月5日（土）", "会場：中央公民館"):
        assert sum(1 for f in page if f.text == words) == per_page, words
    reminders = [f for f in page if "暗証番号は人に教えない" in f.text]
    assert len(reminders) == per_page and len({r.text for r in reminders}) == 1
    assert "0120-95-0178" in reminders[0].text  # the helpline on the same line
    assert all("13:30〜15:00" in f.text for f in page if f.text.startswith("時間"))
    whole = flat(texts[0])
    assert whole.count("マイナンバーカード") == per_page
    assert whole.count("雨の日は東口から") == per_page


def test_the_notice_in_english_and_without_a_helpline():
    data = _notice("en", 8, helpline=None)
    page = fragments(data)[0]
    assert sum(1 for f in page if f.text == "Next session") == 8
    assert sum(1 for f in page if f.text == "Never tell your PIN") == 8
    assert "Saturday 5 December 2026" in " ".join(page_texts(data)[0].split())


def test_too_many_words_for_eight_slips_is_a_clear_error(catalogue):
    lessons = [catalogue.get(i, "ja") for i in ("mynumber-receive", "mynaportal-login")]
    with pytest.raises(DxError) as caught:
        _notice("ja", 8, bring=bring_list(lessons), note="雨の日は東口からお入りください。")
    assert "4つ" in caught.value.message("ja") and "4 to a page" in caught.value.message("en")
    assert len(page_texts(_notice("ja", 4, bring=bring_list(lessons)))) == 1


def test_bring_is_every_lessons_list_once_in_order(catalogue):
    lessons = [catalogue.get(i, "ja") for i in ("mynumber-receive", "mynaportal-login")]
    items = bring_list(lessons)
    assert items.count("マイナンバーカード") == 1
    assert items[: len(lessons[0].bring)] == list(lessons[0].bring)
    assert first_helpline(lessons) == lessons[0].helpline


def test_certificates_are_one_page_per_named_attendee(store, people, catalogue):
    venue, volunteer, yamada, sato = people
    session = store.start_session(
        venue_id=venue.id, volunteer_id=volunteer.id, date=dt.date(2026, 11, 24)
    )
    store.set_session_lessons(session.id, ["mynumber-receive", "fraud-safety"])
    store.add_attendee(session.id, yamada.id)
    store.add_attendee(session.id, sato.id)
    store.set_unnamed_counts(session.id, {AgeBand.SEVENTIES: 3})  # counted, never certified
    found = session_certificates(store, catalogue, session.id, "ja", "ほかの市")
    assert sorted(c.name for c in found) == ["シゲさん", "山田 花子"]
    assert {c.municipality for c in found} == {"みどり市"}  # the venue's, before the settings'
    data = certificates_pdf(found, "ja", issued=DAY).data
    texts = [flat(t) for t in page_texts(data)]
    assert len(texts) == 2
    titles = [catalogue.get(i, "ja").title for i in ("mynumber-receive", "fraud-safety")]
    for page in texts:
        assert "受講証明書" in page and "中央公民館" in page and "推進委員青木" in page
        assert "2026年11月24日（火）" in page and "発行日：2026年12月5日" in page
        assert "みどり市" in page and "署名・印" in page and "1/1ページ" in page
        assert all(flat(title) in page for title in titles)
    names = sorted(t for page in texts for t in ("山田花子さん", "シゲさん") if t in page)
    assert names == ["シゲさん", "山田花子さん"]
    assert not any("シゲさんさん" in page for page in texts)
    lessons = session_lessons(store, catalogue, session.id, "ja")
    assert [lesson.id for lesson in lessons] == ["mynumber-receive", "fraud-safety"]


def test_a_venue_without_a_municipality_takes_the_settings_one(store, catalogue):
    venue = store.add_venue("北集会所")
    volunteer = store.add_volunteer("青木")
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    resident = store.add_resident(
        "川口 直子",
        kana="かわぐち なおこ",
        consent_date=dt.date(2026, 11, 1),
        consent_version="2026-2",
    )
    store.add_attendee(session.id, resident.id)
    (found,) = session_certificates(store, catalogue, session.id, "en", "Midori City")
    assert found.municipality == "Midori City" and found.lessons == ()
    text = " ".join(page_texts(certificates_pdf([found], "en", issued=DAY).data)[0].split())
    assert "Certificate of Attendance" in text and "Midori City" in text
    assert "(no lessons recorded)" in text and "Issued on 5 December 2026" in text


# -- type, fonts, margins ----------------------------------------------------------------------


def test_no_helvetica_and_every_font_embedded(printables, tmp_path):
    for name, (data, _margin) in printables.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        fonts = pdffonts(path)
        assert fonts, name
        assert not [f for f in fonts if "Helvetica" in f["name"]], name
        assert all(f["emb"] == "yes" for f in fonts), name


def test_title_and_subject_are_set(printables):
    for name, (data, _margin) in printables.items():
        meta = PdfReader(io.BytesIO(data)).metadata
        assert meta is not None and meta.title and meta.subject, name
    meta = PdfReader(io.BytesIO(printables["certificates-ja"][0])).metadata
    assert meta.title == "受講証明書" and meta.subject == "受講証明書"


def test_body_at_least_14_points_and_footer_at_least_10(printables):
    for name, (data, margin) in printables.items():
        bottom = margin + 10 * mm  # the footer sits below this
        for page in fragments(data):
            body = [f for f in page if f.y > bottom]
            footer = [f for f in page if f.y <= bottom]
            assert footer and min(f.size for f in footer) >= 10, name
            # Only the notice's one-line PIN reminder may be a little smaller.
            small = [f for f in body if f.size < 14]
            assert all("暗証番号" in f.text or "PIN" in f.text for f in small), (name, small)
            assert all(f.size >= 11 for f in small), name


def test_nothing_runs_off_the_page(printables):
    from dxhelper.pdfkit.fonts import find_font

    for name, (data, margin) in printables.items():
        font = find_font(None, None, "en" if name.endswith("en") else "ja")
        for page in fragments(data):
            for f in page:
                face = font.bold if "Bold" in f.font else font.family
                right = f.x + stringWidth(f.text, face, f.size)
                assert f.x >= margin - 1, (name, f)
                assert right <= A4_WIDTH - margin + 2.5, (name, f, right)  # rounding
                assert A4_HEIGHT - margin + 1 >= f.y >= 5 * mm, (name, f)


def test_first_pages_render(printables, tmp_path):
    for name in ("signin-ja", "notice8-ja", "certificates-en"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(printables[name][0])
        (png, *_rest) = render(path, tmp_path, dpi=60)
        assert png.stat().st_size > 5_000


if __name__ == "__main__":  # write the PDFs for a look: python tests/handouts/test_printables.py
    out = Path("/tmp/printables")
    out.mkdir(exist_ok=True)
    for key, (pdf, _m) in _printables().items():
        (out / f"{key}.pdf").write_bytes(pdf)
