"""Printing: PDF pages rendered by pypdfium2 and painted onto a QPrinter, page for page."""

from __future__ import annotations

import io

import pypdfium2
from pypdf import PdfReader

from dxhelper.handouts import guide_pdf
from dxhelper.ui import printing


def _guide(services):
    return guide_pdf(services.catalogue.get("mynumber-apply", "ja"), services.handout_options())


def test_printing_to_a_file_paints_every_page_with_its_content(make_services, tmp_path):
    services = make_services("ja")
    pdf = _guide(services)
    pages = printing.page_count(pdf.data)
    assert pages >= 2
    target = tmp_path / "printed.pdf"
    assert printing.print_to_file(pdf.data, target) == pages
    printed = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(printed.pages) == pages
    # The printed page is the original page: compare a coarse ink map of page 1.
    original = pypdfium2.PdfDocument(pdf.data)[0].render(scale=0.5).to_pil().convert("L")
    copy = pypdfium2.PdfDocument(target.read_bytes())[0].render(scale=0.5).to_pil().convert("L")
    copy = copy.resize(original.size)

    def ink(image) -> list[bool]:  # which 20-pixel bands of the page carry print
        return [
            image.crop((0, y, image.width, y + 20)).point(lambda v: v < 128).getbbox() is not None
            for y in range(0, image.height - 20, 20)
        ]

    matches = sum(a == b for a, b in zip(ink(original), ink(copy), strict=True))
    assert matches / len(ink(original)) > 0.9


def test_render_page_gives_an_image_at_the_asked_resolution(make_services):
    services = make_services("en")
    pdf = _guide(services)
    image = printing.render_page(pdf.data, 0, 72)
    assert abs(image.width() - 595) <= 1 and abs(image.height() - 842) <= 1  # A4 at 72 dpi
    assert image.pixelColor(10, 10).lightness() > 240  # the margin is white


def test_print_preview_paints_the_pages(qtbot, make_services):
    services = make_services("ja")
    pdf = _guide(services)
    dialog = printing.preview_dialog(pdf.data)
    qtbot.addWidget(dialog)
    painted = []
    dialog.paintRequested.connect(lambda printer: painted.append(printer))
    dialog.open()
    qtbot.waitUntil(lambda: bool(painted), timeout=20_000)
