"""Handout benchmark: pages and page fill of every built-in guide, and one guide's build time
through dxhelper.handouts against bare reportlab.

Pages: all 22 guides (11 lessons in ja and en) on A4, A4 large print and A5, with how full each
page is (the frame's used height, recorded during the build), against the issue 15 targets.

Time: the bare document has the same paragraphs in the same font and size but none of the layout
(numbered step headers, call-out boxes, QR codes, footers), so the ratio shows what the layout
costs. Targets: ratio <= 1.3x, one lesson's PDF < 300 KB.

    python bench/handout_bench.py [LESSON_ID] [--repeat 15] [--no-pages]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from dxhelper.core.lessons import Catalogue, Lesson, ListBlock, Note
from dxhelper.core.lessons import Paragraph as LessonParagraph
from dxhelper.handouts import HandoutOptions, guide_pdf
from dxhelper.handouts.blocks import plain
from dxhelper.handouts.guide import clear_fit_cache, fitted_guide, guide_part
from dxhelper.handouts.styles import FOOTER
from dxhelper.paths import builtin_lessons_dir
from dxhelper.pdfkit.document import render_pdf
from dxhelper.pdfkit.fonts import find_font

RATIO_TARGET = 1.3
SIZE_TARGET = 300_000


def _texts(blocks) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, LessonParagraph):
            out.append(block.text)
        elif isinstance(block, Note):
            out += _texts(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out += _texts(item)
    return out


def bare_pdf(lesson: Lesson) -> bytes:
    """The same words, same font and sizes, in a plain reportlab story."""
    font = find_font(lang=lesson.lang)
    wrap = "CJK" if lesson.lang == "ja" else None
    body = ParagraphStyle("b", fontName=font.family, fontSize=14, leading=20, wordWrap=wrap)
    head = ParagraphStyle("h", fontName=font.bold, fontSize=17, leading=25, wordWrap=wrap)
    title = ParagraphStyle("t", fontName=font.bold, fontSize=24, leading=35, wordWrap=wrap)
    story = [Paragraph(plain(lesson.title), title)]
    story += [Paragraph(plain(t), body) for t in _texts(lesson.intro)]
    story += [Paragraph(plain(item), body) for item in lesson.bring]
    for step in lesson.steps:
        story.append(Paragraph(plain(step.title), head))
        story += [Paragraph(plain(t), body) for t in _texts(step.blocks)]
    for link in lesson.links:
        story += [Paragraph(plain(link.label), body), Paragraph(plain(link.url), body)]
    if lesson.helpline:
        story.append(Paragraph(plain(f"{lesson.helpline.label} {lesson.helpline.number}"), body))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm).build(story)
    return buffer.getvalue()


def _median_ms(job: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    job()  # warm: fonts parsed and registered once per process, as in the app
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(job())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


PAPERS = (("A4", False), ("A4", True), ("A5", False))
LIMITS = {("ja", "A4", False): 3, ("en", "A4", False): 3, ("ja", "A4", True): 4}
MIN_FILL = 0.4


def pages_report(catalogue: Catalogue) -> None:
    """Pages and per-page fill of every built-in guide, and which miss a limit."""
    print("Pages per guide (fill of each page, %):")
    misses: list[str] = []
    two_sheet = 0
    for lang in ("ja", "en"):
        for lesson in catalogue.lessons(lang):
            cells = []
            for paper, large in PAPERS:
                pdf = guide_pdf(lesson, HandoutOptions(paper=paper, large=large))
                fills = " ".join(f"{p.fill * 100:.0f}" for p in pdf.pages)
                cells.append(f"{len(pdf.pages)} [{fills}]")
                limit = LIMITS.get((lang, paper, large))
                name = f"{lesson.id} {lang} {paper}{' large' if large else ''}"
                if limit is not None and len(pdf.pages) > limit:
                    misses.append(f"{name}: {len(pdf.pages)} pages, limit {limit}")
                if any(p.fill < MIN_FILL for p in pdf.pages[:-1]):
                    misses.append(f"{name}: a page before the last under {MIN_FILL:.0%}")
                if not pdf.pages[-1].body:
                    misses.append(f"{name}: the last page holds only the closing boxes")
                if (lang, paper, large) == ("ja", "A4", False) and len(pdf.pages) <= 2:
                    two_sheet += 1
            print(f"  {lang} {lesson.id:32s} A4 {cells[0]:18s} A4L {cells[1]:22s} A5 {cells[2]}")
    print(f"Japanese A4 guides on one sheet (<= 2 pages): {two_sheet} of 11 (target >= 8)")
    for miss in misses:
        print(f"  MISSED {miss}")
    if not misses:
        print("  every page limit and the fill rule hold")


def _one_layout(lesson: Lesson) -> bytes:
    """One layout at the spacing the fitter chose: what the layout itself costs."""
    options = HandoutOptions()
    font = options.font_choice(lesson.lang)
    tightness = fitted_guide(lesson, options, font)[0]
    return batch_pdf_at(lesson, options, font, tightness)


def batch_pdf_at(lesson: Lesson, options: HandoutOptions, font, tightness: int) -> bytes:
    part = guide_part(lesson, options, font, tightness)
    return render_pdf([part], options.layout, FOOTER, title=lesson.title, lang=lesson.lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson_id", nargs="?", default="mynumber-receive")
    parser.add_argument("--lang", default="ja", choices=["ja", "en"])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-pages", action="store_true", help="only the build time")
    args = parser.parse_args(argv)
    catalogue = Catalogue.load(builtin_lessons_dir())
    if not args.no_pages:
        pages_report(catalogue)
    lesson = catalogue.get(args.lesson_id, args.lang)

    def cold() -> bytes:
        clear_fit_cache()  # each build fits its spacing afresh, as the first print of a day does
        return guide_pdf(lesson, HandoutOptions()).data

    ours, our_size = _median_ms(cold, args.repeat)
    one, _ = _median_ms(lambda: _one_layout(lesson), args.repeat)
    warm, _ = _median_ms(lambda: guide_pdf(lesson, HandoutOptions()).data, args.repeat)
    bare, bare_size = _median_ms(lambda: bare_pdf(lesson), args.repeat)
    ratio = ours / bare
    print(f"Lesson guide '{lesson.id}' ({lesson.lang}, A4), median of {args.repeat} builds:")
    print(f"  dxhelper.handouts  {ours:8.1f} ms   {our_size / 1000:7.1f} KB  (fitting the spacing)")
    print(f"  one layout         {one:8.1f} ms   ratio {one / bare:.2f}x (the spacing known)")
    print(f"  remembered         {warm:8.1f} ms   (the same guide again: preview, then print)")
    print(f"  bare reportlab     {bare:8.1f} ms   {bare_size / 1000:7.1f} KB")
    verdict = "ok" if ratio <= RATIO_TARGET else "TARGET MISSED"
    print(f"  ratio {ratio:.2f}x (target <= {RATIO_TARGET}x) {verdict}")
    verdict = "ok" if our_size < SIZE_TARGET else "TARGET MISSED"
    print(f"  size {our_size / 1000:.1f} KB (target < {SIZE_TARGET / 1000:.0f} KB) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
