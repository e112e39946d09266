"""Issue 15 §3: a guide on one sheet of paper, read back from real PDFs.

Page counts and fill come from the layout (the frame's used height per page, recorded during the
build) and are checked against the page count pypdf reads.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from pdftools import flat, fragments, page_texts, pdffonts
from pypdf import PdfReader

from dxhelper.core.lessons import Catalogue
from dxhelper.demo import DEMO_LESSONS
from dxhelper.handouts import HandoutOptions, guide_pdf, sheet_pdf
from dxhelper.handouts.components import url_lines
from dxhelper.handouts.guide import MIN_FILL
from dxhelper.handouts.sheet import Sheet, sheet_name_with_honorific
from dxhelper.paths import builtin_lessons_dir

BUILTIN = sorted(DEMO_LESSONS)
# (lang, paper, large) → page limit for every built-in guide
LIMITS = {("ja", "A4", False): 3, ("en", "A4", False): 3, ("ja", "A4", True): 4}
TWO_PAGES_AT_LEAST = 8  # Japanese A4 guides on one sheet, both sides (issue 15 asks for 8)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(builtin_lessons_dir())


@pytest.fixture(scope="module")
def built(catalogue):
    out = {}
    for lang in ("ja", "en"):
        for lesson_id in BUILTIN:
            lesson = catalogue.get(lesson_id, lang)
            for paper, large in (("A4", False), ("A4", True), ("A5", False)):
                out[lang, paper, large, lesson_id] = guide_pdf(
                    lesson, HandoutOptions(paper=paper, large=large)
                )
    return out


def test_page_limits_and_the_fill_rule_for_every_builtin_guide(built):
    problems = []
    for (lang, paper, large, lesson_id), pdf in built.items():
        pages = pdf.pages
        assert len(pages) == len(PdfReader(io.BytesIO(pdf.data)).pages)
        limit = LIMITS.get((lang, paper, large))
        if limit is not None and len(pages) > limit:
            problems.append(f"{lesson_id} {lang} {paper} large={large}: {len(pages)} pages")
        for number, page in enumerate(pages[:-1], start=1):
            if page.fill < MIN_FILL:
                problems.append(f"{lesson_id} {lang} {paper} {large} p{number}: {page.fill:.0%}")
        if not pages[-1].body:
            problems.append(f"{lesson_id} {lang} {paper} {large}: last page only closing boxes")
    assert not problems, problems


def test_most_japanese_guides_fit_one_sheet(built):
    two = [k[3] for k, pdf in built.items() if k[:3] == ("ja", "A4", False) and len(pdf.pages) <= 2]
    assert len(two) >= TWO_PAGES_AT_LEAST, two


def test_fill_from_the_layout_agrees_with_the_text_on_the_page(built, tmp_path):
    """pdftotext's word boxes: a page the layout calls full has text near its frame's bottom."""
    pdf = built["ja", "A4", False, "mynumber-receive"]
    path = pdf.save(tmp_path / "g.pdf")
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = html.split("<page ")[1:]
    for page, fill in zip(pages, pdf.pages, strict=True):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        body = [y for y in ys if y < height - 60]  # not the footer
        lowest = max(body) / height
        assert lowest >= fill.fill * 0.75, (lowest, fill)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("山田 花子", "山田 花子 さん"),
        ("カズさん", "カズさん"),
        ("ミヨちゃん", "ミヨちゃん"),
        ("ケンくん", "ケンくん"),
        ("鈴木様", "鈴木様"),
        ("すずきさま", "すずきさま"),
        ("先生", "先生"),
        ("田中先生", "田中先生"),
    ],
)
def test_the_honorific_is_never_doubled(name, shown):
    assert sheet_name_with_honorific(name) == shown
    data = sheet_pdf(Sheet(name, []), "ja").data
    text = flat("".join(page_texts(data)))
    assert flat(f"{shown}の学習の記録") in text
    for honorific in ("さんさん", "先生さん", "ちゃんさん", "様さん", "くんさん"):
        assert honorific not in text


def test_no_font_in_a_handout_is_left_unembedded(catalogue, tmp_path):
    lesson = catalogue.get("fraud-safety", "ja")
    for index, pdf in enumerate(
        [
            guide_pdf(lesson),
            guide_pdf(catalogue.get("kokin-account", "en")),
            sheet_pdf(Sheet("カズさん", [])),
        ]
    ):
        path = pdf.save(tmp_path / f"{index}.pdf")
        fonts = pdffonts(path)
        assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
        assert not any("Helvetica" in f["name"] for f in fonts)


def test_title_and_subject_are_set(catalogue):
    lesson = catalogue.get("card-renewal", "ja")
    meta = PdfReader(io.BytesIO(guide_pdf(lesson).data)).metadata
    assert meta.title == lesson.title
    assert meta.subject and lesson.title in meta.subject


def test_japanese_footers_name_title_and_version_not_the_id(built, catalogue):
    for lesson_id in BUILTIN:
        lesson = catalogue.get(lesson_id, "ja")
        data = built["ja", "A4", False, lesson_id].data
        for page in fragments(data):
            footer = [f for f in page if f.y < 60]
            assert footer and all(f.size >= 10 for f in footer)
            text = flat("".join(f.text for f in footer))
            assert lesson_id not in text and flat(f"第{lesson.version}版") in text


def test_addresses_break_only_after_a_slash_or_a_dot(built, catalogue):
    assert url_lines("https://www.example.go.jp/a/b.html", "Helvetica", 11, 60)
    for line in url_lines("https://www.kojinbango-card.go.jp/uketori/", "Helvetica", 11, 70)[:-1]:
        assert line[-1] in "/."
    for (lang, paper, _large, lesson_id), pdf in built.items():
        urls = [link.url for link in catalogue.get(lesson_id, lang).links]
        for page in fragments(pdf.data):
            for frag in page:
                if frag.size >= 14:  # body text ("face photo" flattens into an address)
                    continue
                piece = flat(frag.text)
                whole = [u for u in urls if piece in u and len(piece) > 8]
                if not whole or any(piece == u or u.endswith(piece) for u in whole):
                    continue
                assert piece[-1] in "/.", (lesson_id, paper, piece)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_fitted_spacing_is_the_loosest_that_costs_no_page(catalogue, lang):
    """The fitter may skip layouts it can prove useless; it must still choose what trying every
    spacing would choose."""
    from dxhelper.handouts.guide import _trial, fitted_guide_uncached, layout_ok
    from dxhelper.handouts.styles import SPACING

    options = HandoutOptions()
    font = options.font_choice(lang)
    for lesson_id in BUILTIN:
        lesson = catalogue.get(lesson_id, lang)
        trials = [_trial(lesson, options, font, t) for t in range(len(SPACING))]
        fewest = min(len(t.pages) for t in trials)
        best = next(
            (t for t, r in enumerate(trials) if len(r.pages) == fewest and layout_ok(r.pages)),
            len(SPACING) - 1,
        )
        assert fitted_guide_uncached(lesson, options, font)[0] == best, lesson_id
