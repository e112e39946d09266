"""The lesson guide: what a resident takes home after a lesson."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from dxhelper.core.lessons.model import Lesson
from dxhelper.handouts.blocks import Para, boxed, plain, render_blocks
from dxhelper.handouts.components import (
    _NO_PADDING,
    closing_boxes,
    links_grid,
    step_block,
    venue_lines,
)
from dxhelper.handouts.styles import ACCENT, BOX_FILL, FOOTER, SPACING, Styles, layout_for
from dxhelper.handouts.texts import LEVEL_NAMES, text
from dxhelper.pdfkit.document import (
    Footer,
    Layout,
    PageFill,
    Part,
    Rendered,
    fit_text,
    layout_pdf,
)
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


def guide_part(
    lesson: Lesson, options: HandoutOptions, font: FontChoice, tightness: int | None = None
) -> Part:
    """The guide's part; without a `tightness`, the loosest spacing that makes it no longer
    than the tightest does (and whose last page is not just the helpline and PIN box)."""
    if tightness is None:
        tightness = fitted_tightness(lesson, options, font)
    lang = lesson.lang
    styles = Styles(font, lang, options.large, tightness)
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
        story.append(KeepTogether([bring_box(lesson.bring, styles, width)]))
    for number, step in enumerate(lesson.steps, start=1):
        story.extend(step_block(number, step, styles, width))
    links = links_grid(lesson.links, styles, width, options.trusted_domains)
    closing = closing_boxes(lesson.helpline, styles, width)
    # The closing boxes never stand alone on a last page: they keep the block before them.
    # (One explicit group: reportlab's keepWithNext on the last body flowable looped forever
    # when that flowable sat in an indenter.)
    story.extend(links)
    story.append(KeepTogether([*_unwrapped(story.pop()), *_unwrapped(closing)]))
    # The title and version, not the internal id; a long title is shortened, never the version.
    words = {"version": lesson.version, "checked": lesson.checked.isoformat()}
    rest = stringWidth(text(lang, "footer", title="", **words), font.family, styles.footer_size)
    title = fit_text(lesson.title, font.family, styles.footer_size, width - rest)
    footer = Footer(
        text(lang, "footer", title=title, **words), lang, styles.footer_font, styles.footer_size
    )
    return Part(footer, story)


def _unwrapped(flowable: Flowable) -> list[Flowable]:
    """A KeepTogether's content (reportlab measures a KeepTogether inside another as endless,
    which pushed every closing group to a page of its own), else the flowable itself."""
    if isinstance(flowable, KeepTogether):
        return list(flowable._content)  # reportlab keeps no public accessor
    return [flowable]


def bring_box(items: Sequence[str], styles: Styles, width: float) -> Flowable:
    """What to bring: in two columns when every item fits half the width on one line."""
    inner = width - 6 * mm
    half = inner / 2
    paras = [Para(f"□ {plain(item)}", styles.body) for item in items]
    content: list[Flowable] = [Para(plain(text(styles.lang, "bring")), styles.bold)]
    fits = all(
        stringWidth(f"□ {item}", styles.body.fontName, styles.body.fontSize) < half - 2 * mm
        for item in items
    )
    if fits and len(paras) > 2:
        rows = (len(paras) + 1) // 2
        cells = [[paras[i], paras[i + rows] if i + rows < len(paras) else []] for i in range(rows)]
        grid = Table(cells, colWidths=[half, half])
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
        content.append(grid)
    else:
        content.extend(paras)
    return boxed(content, width, BOX_FILL, ACCENT, 0.8)


def fitted_tightness(lesson: Lesson, options: HandoutOptions, font: FontChoice) -> int:
    return fitted_guide(lesson, options, font)[0]


def fitted_guide(lesson: Lesson, options: HandoutOptions, font: FontChoice) -> tuple[int, Rendered]:
    """fitted_guide_uncached, remembered for the last few lessons: a preview, its print and a
    session's print run lay out the same guides again, and fitting takes several layouts."""
    key = (
        lesson,
        replace(options, trusted_domains=tuple(options.trusted_domains), font_dirs=None),
        font,
    )
    return _fitted(key, lambda: fitted_guide_uncached(lesson, options, font))


_FIT_CACHE: OrderedDict[object, tuple[int, Rendered]] = OrderedDict()
_FIT_CACHE_SIZE = 48


def _fitted(key: object, fit: Callable[[], tuple[int, Rendered]]) -> tuple[int, Rendered]:
    with _FIT_LOCK:
        if key in _FIT_CACHE:
            _FIT_CACHE.move_to_end(key)
            return _FIT_CACHE[key]
    result = fit()  # outside the lock: two threads may fit the same guide, both get the same
    with _FIT_LOCK:
        _FIT_CACHE[key] = result
        while len(_FIT_CACHE) > _FIT_CACHE_SIZE:
            _FIT_CACHE.popitem(last=False)
    return result


def clear_fit_cache() -> None:
    """Forget remembered layouts (the bench measures a cold fit)."""
    with _FIT_LOCK:
        _FIT_CACHE.clear()


_FIT_LOCK = threading.Lock()


def fitted_guide_uncached(
    lesson: Lesson, options: HandoutOptions, font: FontChoice
) -> tuple[int, Rendered]:
    """The loosest spacing that takes no more pages than the tightest (and whose pages pass
    layout_ok), with that layout's PDF. Tries the loosest, then the tightest, and the ones
    between only when those two differ, so most guides are laid out twice."""
    tightest = len(SPACING) - 1
    loosest = _trial(lesson, options, font, 0)
    used = sum(page.fill for page in loosest.pages)
    # The tightest spacing shrinks a guide to no less than MAX_SHRINK of its height, so when
    # that still needs every page the loosest has, no spacing can save one: one layout is enough.
    if layout_ok(loosest.pages) and used * MAX_SHRINK > len(loosest.pages) - 1:
        return 0, loosest
    best = _trial(lesson, options, font, tightest)
    if len(loosest.pages) <= len(best.pages) and layout_ok(loosest.pages):
        return 0, loosest
    for tightness in range(1, tightest):
        trial = _trial(lesson, options, font, tightness)
        if len(trial.pages) <= len(best.pages) and layout_ok(trial.pages):
            return tightness, trial
    return tightest, best


# Measured on the built-in guides: the tightest spacing keeps at least 83 % of the loosest's
# height; a guide of nothing but one-line paragraphs would keep about 76 %. With margin:
MAX_SHRINK = 0.72


def _trial(lesson: Lesson, options: HandoutOptions, font: FontChoice, tightness: int) -> Rendered:
    part = guide_part(lesson, options, font, tightness)
    subject = text(lesson.lang, "guide_subject", title=lesson.title)
    return layout_pdf(
        [part], options.layout, FOOTER, title=lesson.title, lang=lesson.lang, subject=subject
    )


def layout_ok(pages: Sequence[PageFill]) -> bool:
    """Every page but the last at least 40 % full; the last holds more than the closing boxes."""
    return all(p.fill >= MIN_FILL for p in pages[:-1]) and (not pages or pages[-1].body)


MIN_FILL = 0.4
