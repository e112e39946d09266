"""Read back what a handout PDF really holds: text with sizes, fonts, and decoded QR codes."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader


@dataclass(frozen=True)
class Fragment:
    text: str
    size: float  # effective size in points (font size × text matrix scale)
    x: float
    y: float  # PDF points from the bottom of the page
    font: str


def fragments(data: bytes) -> list[list[Fragment]]:
    """Every text-show fragment, page by page."""
    pages: list[list[Fragment]] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: list[Fragment] = []

        def visit(text, cm, tm, font_dict, font_size, found=found):
            if not text.strip():
                return
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            name = str(font_dict.get("/BaseFont", "")) if font_dict else ""
            found.append(Fragment(text.strip(), round(font_size * scale, 2), x, y, name))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text without line breaks or spaces, so wrapped lines can be searched for whole."""
    return "".join(text.split())


def pdffonts(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        cells = line.split()
        # name type… encoding emb sub uni object ID: read from the right, names have no spaces
        rows.append({"name": cells[0], "emb": cells[-5], "sub": cells[-4], "type": cells[1]})
    return rows


def render(path: Path, out_dir: Path, dpi: int = 150) -> list[Path]:
    prefix = out_dir / path.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    return sorted(out_dir.glob(f"{path.stem}-*.png"))


@dataclass(frozen=True)
class Code:
    text: str
    left: float  # PDF points
    bottom: float
    right: float
    top: float


def decode(png: Path, dpi: int = 150, page_height_pt: float = 841.89) -> list[Code]:
    """QR codes on a rendered page, with their box converted back to PDF points."""
    image = Image.open(png).convert("L")
    codes = []
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        pos = result.position
        xs = [pos.top_left.x, pos.top_right.x, pos.bottom_left.x, pos.bottom_right.x]
        ys = [pos.top_left.y, pos.top_right.y, pos.bottom_left.y, pos.bottom_right.y]
        k = 72 / dpi
        codes.append(
            Code(
                result.text,
                min(xs) * k,
                page_height_pt - max(ys) * k,
                max(xs) * k,
                page_height_pt - min(ys) * k,
            )
        )
    return codes
