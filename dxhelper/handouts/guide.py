"""The lesson guide: what a resident takes home after a lesson."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from dxhelper.core.lessons.model import Lesson
from dxhelper.handouts.blocks import Para, boxed, plain, render_blocks
from dxhelper.handouts.components import (
    helpline_box,
    links_grid,
    never_pin_box,
    step_block,
    venue_lines,
)
from dxhelper.handouts.styles import ACCENT, BOX_FILL, Styles, layout_for
from dxhelper.handouts.texts import LEVEL_NAMES, text
from dxhelper.pdfkit.document import Footer, Layout, Part
from dxhelper.pdfkit.fonts import FontChoice, find_font


@dataclass(frozen=True, slots=True)
class HandoutOptions:
    paper: str = "A4"  # or "A5"
    large: bool = False  # large print: body text 18 pt instead of 14 pt
    venue: str = ""
    next_session: str = ""
    font: str | None = None  # a font path or family from settings
    trusted_domains: Sequence[str] = field(default_factory=tuple)
    font_dirs: Sequence[Path] | None = None  # where to look for fonts (None: this platform's)

    def __post_init__(self) -> None:
        if self.paper not in ("A4", "A5"):
            raise ValueError(f"paper must be A4 or A5, not {self.paper!r}")

    @property
    def layout(self) -> Layout:
        return layout_for(self.paper)

    def font_choice(self, lang: str = "ja") -> FontChoice:
        return find_font(self.font, self.font_dirs, lang)


def guide_part(lesson: Lesson, options: HandoutOptions, font: FontChoice) -> Part:
    lang = lesson.lang
    styles = Styles(font, lang, options.large)
    width = options.layout.frame_width
    story: list[Flowable] = [Para(plain(lesson.title), styles.title)]
    level = text(lang, "level", level=lesson.level, name=LEVEL_NAMES[lang][lesson.level])
    facts = "・".join(
        [level, text(lang, "minutes", minutes=lesson.minutes), lesson.category.label(lang)]
    )
    story.append(
        Para(plain(facts if lang == "ja" else facts.replace("・", " · ")), styles.subtitle)
    )
    story.extend(venue_lines(options.venue, options.next_session, styles))
    story.append(Spacer(1, styles.sizes.body * 0.6))
    story.extend(render_blocks(lesson.intro, styles, width))
    if lesson.bring:
        bring = [Para(plain(text(lang, "bring")), styles.bold)]
        bring.extend(Para(f"□ {plain(item)}", styles.body) for item in lesson.bring)
        story.append(KeepTogether([boxed(bring, width, BOX_FILL, ACCENT, 0.8)]))
    for number, step in enumerate(lesson.steps, start=1):
        story.append(step_block(number, step, styles, width))
    story.extend(links_grid(lesson.links, styles, width, options.trusted_domains))
    story.append(
        KeepTogether([*helpline_box(lesson.helpline, styles, width), never_pin_box(styles, width)])
    )
    footer = Footer(
        text(
            lang,
            "footer",
            id=lesson.id,
            version=lesson.version,
            checked=lesson.checked.isoformat(),
        ),
        lang,
        styles.footer_font,
        styles.footer_size,
    )
    return Part(footer, story)
