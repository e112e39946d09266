"""Lesson guides read back from the PDF: content, type sizes, fonts, QR codes, page breaks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdftools import decode, flat, fragments, page_texts, pdffonts, render
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5

from dxhelper.core.lessons import Catalogue, ListBlock, Note, Paragraph, parse_lesson_file
from dxhelper.demo import DEMO_LESSONS
from dxhelper.handouts import HandoutOptions, guide_pdf
from dxhelper.handouts.styles import layout_for
from dxhelper.paths import builtin_lessons_dir

BUILTIN = sorted(DEMO_LESSONS)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(builtin_lessons_dir())


def _last_text(blocks) -> str:
    """The text of the last paragraph in a step body (searching into notes and lists)."""
    for block in reversed(blocks):
        if isinstance(block, Paragraph) and block.text.strip():
            return block.text
        if isinstance(block, Note):
            return _last_text(block.blocks)
        if isinstance(block, ListBlock) and block.items:
            return _last_text(block.items[-1])
    return ""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_guide_holds_title_every_step_the_helpline_and_the_pin_warning(catalogue, lang):
    lesson = catalogue.get("mynumber-receive", lang)
    text = flat("".join(page_texts(guide_pdf(lesson).data)))
    assert flat(lesson.title) in text
    for step in lesson.steps:
        assert flat(step.title) in text, step.id
    assert lesson.helpline is not None and lesson.helpline.number in text
    warning = "市役所・ボランティアが暗証番号を聞くことは絶対にありません"
    if lang == "en":
        warning = "City hall staff and volunteers will never ask for your PIN"
    assert flat(warning) in text
    for item in lesson.bring:
        assert flat(item) in text


@pytest.mark.parametrize(("large", "body_min"), [(False, 14), (True, 18)])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_type_sizes_meet_the_minimums(catalogue, large, body_min, lang):
    lesson = catalogue.get("mynumber-apply", lang)
    layout = layout_for("A4")
    urls = [flat(link.url) for link in lesson.links]
    titles = {flat(step.title) for step in lesson.steps}
    pages = fragments(guide_pdf(lesson, HandoutOptions(large=large)).data)
    checked = 0
    for page in pages:
        for frag in page:
            if frag.y < layout.bottom:  # the footer line
                continue
            if any(flat(frag.text) in url for url in urls):  # the address under a QR code
                continue
            assert frag.size >= body_min, (frag.text, frag.size)
            if flat(frag.text) in titles:
                assert frag.size > body_min, "step headings are larger than the body"
            checked += 1
    assert checked > 30


def test_the_japanese_font_is_embedded_as_a_subset(catalogue, tmp_path):
    path = tmp_path / "guide.pdf"
    pdf = guide_pdf(catalogue.get("myna-hokensho", "ja"))
    assert pdf.font.embedded and pdf.warning() == ""
    pdf.save(path)
    fonts = pdffonts(path)
    japanese = [f for f in fonts if f["type"] == "TrueType"]
    assert japanese and all(f["emb"] == "yes" and f["sub"] == "yes" for f in japanese)
    # reportlab declares Helvetica on every page; no text may actually use it.
    used = {frag.font for page in fragments(pdf.data) for frag in page}
    assert not any("Helvetica" in name for name in used)
    assert path.stat().st_size < 300_000


@pytest.mark.parametrize("lesson_id", BUILTIN)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_qr_code_opens_exactly_the_address_printed_under_it(
    catalogue, lesson_id, lang, tmp_path
):
    lesson = catalogue.get(lesson_id, lang)
    path = guide_pdf(lesson).save(tmp_path / f"{lesson_id}.pdf")
    data = path.read_bytes()
    pages = fragments(data)
    decoded: list[str] = []
    for index, png in enumerate(render(path, tmp_path)):
        for code in decode(png, page_height_pt=A4[1]):
            decoded.append(code.text)
            # Text printed beside the code (or under it, in its column): label, then address.
            near = [
                f
                for f in pages[index]
                if (code.right - 2 < f.x < code.right + 30 and code.bottom - 60 < f.y < code.top)
                or (abs(f.x - code.left) < 20 and code.bottom - 130 < f.y < code.bottom)
            ]
            below = sorted(near, key=lambda f: (-f.y, f.x))
            link = next(link for link in lesson.links if link.url == code.text)
            assert flat("".join(f.text for f in below)).startswith(flat(link.label + link.url))
    assert sorted(decoded) == sorted(link.url for link in lesson.links if link.qr)


@pytest.mark.parametrize("lesson_id", BUILTIN)
def test_a_step_heading_is_never_the_last_thing_on_a_page(catalogue, lesson_id):
    lesson = catalogue.get(lesson_id, "ja")
    # A5 large print makes the most page breaks; steps now flow across them.
    data = guide_pdf(lesson, HandoutOptions("A5", True)).data
    layout = layout_for("A5")
    frags = fragments(data)
    assert len(frags) > 1
    titles = [flat(step.title) for step in lesson.steps]
    for page in frags:
        body = [f for f in page if f.y > layout.bottom]
        heads = [
            f
            for f in body
            if f.size >= 22
            and not flat(f.text).isdigit()
            and any(t.startswith(flat(f.text)) for t in titles)
        ]
        for head in heads:
            # Below the heading on the same page: at least one line of the step's body.
            assert any(f.y < head.y - 10 and f.size < 22 for f in body), (lesson_id, head.text)


@pytest.mark.parametrize(("paper", "size"), [("A4", A4), ("A5", A5)])
def test_footer_names_the_lesson_version_checked_date_and_page_of_pages(catalogue, paper, size):
    lesson = catalogue.get("mynaportal-login", "ja")
    data = guide_pdf(lesson, HandoutOptions(paper=paper, large=True)).data
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert [round(float(v)) for v in page.mediabox[2:]] == [round(size[0]), round(size[1])]
        text = flat(page.extract_text())
        footer = f"第{lesson.version}版・{lesson.checked.isoformat()}確認"
        assert flat(footer) in text and lesson.id not in text
        assert flat(f"{number} / {total} ページ") in text


def test_english_footer(catalogue):
    lesson = catalogue.get("card-renewal", "en")
    text = page_texts(guide_pdf(lesson).data)[0]
    assert f"version {lesson.version} · checked {lesson.checked}" in text
    assert "page 1 of" in text


def test_venue_and_next_session_lines(catalogue):
    lesson = catalogue.get("smartphone-basics", "ja")
    options = HandoutOptions(venue="みどり市中央公民館", next_session="12月10日（水）10:00")
    text = flat(page_texts(guide_pdf(lesson, options).data)[0])
    assert flat("会場：みどり市中央公民館") in text
    assert flat("次回：12月10日（水）10:00") in text


def test_a_link_that_fails_the_policy_is_printed_without_a_qr_code(tmp_path):
    source = tmp_path / "ja" / "town.md"
    source.parent.mkdir()
    source.write_text(
        "+++\n"
        'id = "town"\ntitle = "町のページ"\ncategory = "other"\nlevel = 1\nminutes = 10\n'
        'version = 1\nchecked = 2026-11-24\nsources = ["https://www.digital.go.jp/"]\n'
        'bring = ["スマートフォン"]\n'
        '[[links]]\nlabel = "町の観光協会"\nurl = "https://example.com/kanko"\n'
        '[[links]]\nlabel = "デジタル庁"\nurl = "https://www.digital.go.jp/"\n'
        "+++\n## 開く {#open}\n\nページを開きます。\n",
        encoding="utf-8",
    )
    result = parse_lesson_file(source, builtin=False, trusted_domains=())
    assert result.lesson is not None
    assert [link.qr for link in result.lesson.links] == [False, True]
    path = guide_pdf(result.lesson).save(tmp_path / "town.pdf")
    codes = [c.text for png in render(path, tmp_path) for c in decode(png)]
    assert codes == ["https://www.digital.go.jp/"]
    text = flat("".join(page_texts(path.read_bytes())))
    assert flat("https://example.com/kanko") in text and "QRコードはつけていません" in text


def test_no_bitmaps_in_a_guide_without_images(catalogue):
    lesson = catalogue.get("fraud-safety", "ja")
    reader = PdfReader(io.BytesIO(guide_pdf(lesson).data))
    assert all(len(page.images) == 0 for page in reader.pages)


def test_saving_is_atomic_and_an_unwritable_folder_is_a_clear_error(catalogue, tmp_path):
    from dxhelper.core.errors import DxError

    pdf = guide_pdf(catalogue.get("smartphone-basics", "ja"))
    with pytest.raises(DxError) as caught:
        pdf.save(tmp_path / "missing" / "x.pdf")
    assert "PDFを保存できません" in caught.value.message("ja")
    assert "Cannot save the PDF" in caught.value.message("en")
    target = pdf.save(tmp_path / "x.pdf")
    assert target.read_bytes() == pdf.data
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]  # no temporary file left over


def test_every_builtin_guide_builds_in_both_languages_and_both_papers(catalogue):
    for lesson in catalogue.lessons("ja") + catalogue.lessons("en"):
        for paper in ("A4", "A5"):
            data = guide_pdf(lesson, HandoutOptions(paper=paper)).data
            assert data.startswith(b"%PDF") and len(data) < 300_000, (lesson.id, paper)


def test_image_in_a_step_is_drawn(tmp_path):
    fixtures = Path(__file__).parents[1] / "lessons" / "fixtures"
    result = parse_lesson_file(fixtures / "ja" / "good-with-image.md", builtin=False)
    assert result.lesson is not None
    reader = PdfReader(io.BytesIO(guide_pdf(result.lesson).data))
    assert sum(len(page.images) for page in reader.pages) == 1


def test_a_step_longer_than_a_page_flows_on_instead_of_failing(tmp_path):
    source = tmp_path / "ja" / "long.md"
    source.parent.mkdir()
    paragraphs = "\n\n".join(f"{i}番目の段落です。" + "長い説明が続きます。" * 8 for i in range(40))
    source.write_text(
        "+++\n"
        'id = "long"\ntitle = "長い講座"\ncategory = "other"\nlevel = 1\nminutes = 10\n'
        'version = 1\nchecked = 2026-11-24\nsources = ["https://www.digital.go.jp/"]\n'
        "bring = []\n"
        f"+++\n## とても長い手順 {{#long-step}}\n\n{paragraphs}\n\n> 最後の注意です。\n",
        encoding="utf-8",
    )
    lesson = parse_lesson_file(source).lesson
    assert lesson is not None
    text = page_texts(guide_pdf(lesson, HandoutOptions("A5", True)).data)
    assert len(text) > 3 and "最後の注意です。" in "".join(text)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_footer_texts_never_overlap_even_on_a5_large_print(catalogue, lang):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from dxhelper.pdfkit.document import Footer, footer_lines
    from dxhelper.pdfkit.fonts import find_font

    font = find_font(lang=lang)
    lesson = catalogue.get("convenience-store-certificates", lang)
    left = (
        f"{lesson.id} · version 1 · checked 2026-11-24"
        if lang == "en"
        else f"{lesson.id}・第1版・2026-11-24 確認"
    )
    for paper in ("A4", "A5"):
        layout = layout_for(paper)
        footer = Footer(left, lang, font.family, 10)
        right = "page 12 of 13" if lang == "en" else "12 / 13 ページ"
        (l_text, l_x, l_y, _), (r_text, r_x, r_y, _) = footer_lines(footer, right, layout, 40)
        l_end = l_x + stringWidth(l_text, font.family, 10)
        r_start = r_x - stringWidth(r_text, font.family, 10)
        assert l_y != r_y or l_end < r_start, (paper, lang)
        assert min(l_y, r_y) > 0 and r_x <= layout.width - layout.margin + 0.01
