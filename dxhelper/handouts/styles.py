"""Type sizes, colours, paper and paragraph styles for handouts: large, calm and high-contrast.

The style factory, the ink and the page Layout come from dxhelper.pdfkit; what is here is
handout-specific.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from dxhelper.pdfkit.document import FooterLook, Layout
from dxhelper.pdfkit.fonts import FontChoice
from dxhelper.pdfkit.styles import BaseStyles

PAPERS = {"A4": A4, "A5": A5}

ACCENT = colors.HexColor("#1A3A6B")  # step numbers and section rules: dark navy
NOTE_FILL = colors.HexColor("#FFF4CC")
NOTE_EDGE = colors.HexColor("#C99A00")
WARN_FILL = colors.HexColor("#FDECEE")
WARN_EDGE = colors.HexColor("#B00020")
BOX_FILL = colors.HexColor("#EEF3FA")
MUTED = colors.HexColor("#333333")


@dataclass(frozen=True, slots=True)
class Sizes:
    body: float
    step: float
    title: float
    small: float  # addresses under QR codes
    footer: float


NORMAL = Sizes(body=14, step=17, title=24, small=11, footer=10)
LARGE = Sizes(body=18, step=22, title=30, small=13, footer=10)


def layout_for(paper: str) -> Layout:
    width, height = PAPERS[paper]
    margin = 12 * mm if paper == "A4" else 10 * mm
    return Layout(paper, width, height, margin, margin + 10 * mm)  # room for a 2-line footer


# How tightly a handout is set, loosest first: line height (× type size) and the space after a
# paragraph and between steps (× body size). A guide takes the loosest that fits its pages.
SPACING = ((1.4, 0.3, 0.7), (1.32, 0.22, 0.5), (1.25, 0.15, 0.35), (1.2, 0.1, 0.3))


# The footer: a rule 5 mm below the body, its words 2 mm under the rule, all in dark grey.
FOOTER = FooterLook(rule_drop=5 * mm, text_gap=2 * mm, ink=MUTED, rule_ink=MUTED)


class Styles(BaseStyles):
    """Every paragraph style a handout uses, for one font, one language and one size."""

    def __init__(self, font: FontChoice, lang: str, large: bool, tightness: int = 0) -> None:
        leading, after, between = SPACING[tightness]
        super().__init__(font, lang, leading=leading, digits=1)  # roomy lines for older eyes
        self.sizes = LARGE if large else NORMAL
        self.tightness = tightness
        s = self.sizes
        self.step_gap = s.body * between  # space above each step's heading
        style = self.style
        self.title = style("title", s.title, bold=True, spaceAfter=s.body * 0.2)
        self.subtitle = style("subtitle", s.body, textColor=MUTED)
        self.body = style("body", s.body, spaceAfter=s.body * after)
        self.bold = style("bold", s.body, bold=True)
        self.section = style(
            "section", s.step, bold=True, textColor=ACCENT, spaceBefore=s.body * between
        )
        self.step_number = style(
            "step_number", s.step, bold=True, textColor=colors.white, alignment=1
        )
        self.step_title = style("step_title", s.step, bold=True)
        self.note = style("note", s.body)
        self.warning = style("warning", s.body, bold=True, textColor=WARN_EDGE)
        self.mark = style("mark", s.step, bold=True, alignment=1)
        self.label = style("label", s.body, bold=True)
        # Addresses are broken by url_lines (after "/" or "."), never inside a word.
        self.url = style("url", s.small, wordWrap=None, textColor=MUTED)
        self.footer_font = font.family
        self.footer_size = s.footer
