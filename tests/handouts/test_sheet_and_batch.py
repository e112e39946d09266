"""Personal progress sheets and a session's print run, built from real records."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pdftools import flat, fragments, page_texts

from dxhelper.core.lessons import Catalogue
from dxhelper.core.models import StepState
from dxhelper.handouts import batch_pdf, sheet_pdf
from dxhelper.handouts.records import resident_sheet, session_print_run
from dxhelper.paths import builtin_lessons_dir

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(builtin_lessons_dir())


def _marks_by_row(data: bytes) -> dict[str, str]:
    """Step title → the mark printed on the same line of the sheet."""
    rows: dict[str, str] = {}
    for page in fragments(data):
        marks = [f for f in page if f.text in {"✓", "△", "□"}]
        for frag in page:
            # The nearest mark to the left on the same line (steps may sit in two columns).
            same_line = [m for m in marks if abs(m.y - frag.y) < 3 and m.x < frag.x]
            if same_line and frag.text not in {"✓", "△", "□"} and not frag.text.endswith("."):
                rows[flat(frag.text)] = max(same_line, key=lambda m: m.x).text
    return rows


def test_sheet_marks_every_step_and_says_where_to_start_next_time(store, people, catalogue):
    _venue, _volunteer, yamada, _sato = people
    lesson = catalogue.get("mynumber-receive", "ja")
    first, second, third = lesson.step_ids[:3]
    store.set_step_state(yamada.id, lesson.id, first, StepState.DONE)
    store.set_step_state(yamada.id, lesson.id, second, StepState.NEEDS_HELP)
    store.set_step_state(yamada.id, lesson.id, third, StepState.DONE)
    sheet = resident_sheet(store, catalogue, yamada.id, "ja")
    data = sheet_pdf(sheet, "ja", today=TODAY).data
    rows = _marks_by_row(data)
    expected = {flat(step.title): "□" for step in lesson.steps}
    expected[flat(lesson.step(first).title)] = "✓"
    expected[flat(lesson.step(second).title)] = "△"
    expected[flat(lesson.step(third).title)] = "✓"
    assert rows == expected
    text = flat("".join(page_texts(data)))
    assert flat("山田 花子 さんの 学習の記録") in text
    assert flat(f"次回はここから：{lesson.step(second).title}") in text
    assert flat("作成日：2026年11月24日") in text
    for link in lesson.links:
        assert flat(link.url) in text


def test_sheet_prints_only_the_name_the_resident_goes_by(store, people, catalogue):
    _venue, _volunteer, _yamada, sato = people
    store.update_resident(dataclasses.replace(sato, note="耳が遠い"))
    lesson = catalogue.get("smartphone-basics", "ja")
    for step_id in lesson.step_ids:
        store.set_step_state(sato.id, lesson.id, step_id, StepState.DONE)
    data = sheet_pdf(resident_sheet(store, catalogue, sato.id, "ja"), "ja", today=TODAY).data
    text = flat("".join(page_texts(data)))
    assert flat("シゲさんの学習の記録") in text and "さんさん" not in flat(text)
    assert "佐藤" not in text and "さとう" not in text and "耳が遠い" not in text
    assert sato.id not in text and "80" not in text
    assert "この講座は全部できました。" in text


def test_english_sheet(store, people, catalogue):
    _venue, _volunteer, yamada, _sato = people
    store.set_step_state(yamada.id, "card-renewal", "know-dates", StepState.DONE)
    data = sheet_pdf(resident_sheet(store, catalogue, yamada.id, "en"), "en", today=TODAY).data
    text = "".join(page_texts(data))
    assert "Learning record: 山田 花子" in text and "Made on 24 November 2026" in text
    assert "Next time, start here:" in text


def test_session_print_run_has_each_guide_then_a_sheet_per_named_attendee(store, people, catalogue):
    venue, volunteer, yamada, sato = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    store.set_session_lessons(session.id, ["mynumber-receive", "fraud-safety"])
    store.add_attendee(session.id, yamada.id)
    store.add_attendee(session.id, sato.id)
    store.set_step_state(yamada.id, "fraud-safety", "never-ask-pin", StepState.DONE)
    lessons, sheets = session_print_run(store, catalogue, session.id, "ja")
    assert [lesson.id for lesson in lessons] == ["mynumber-receive", "fraud-safety"]
    assert sorted(s.name for s in sheets) == ["シゲさん", "山田 花子"]
    data = batch_pdf(lessons, sheets, "ja", today=TODAY).data
    pages = [flat(t) for t in page_texts(data)]
    # Each part starts on a new page and numbers its own pages.
    starts = [i for i, text in enumerate(pages) if flat("1 / ") in text]
    assert len(starts) == 4
    assert flat(catalogue.get("mynumber-receive", "ja").title) in pages[starts[0]]
    assert flat(catalogue.get("fraud-safety", "ja").title) in pages[starts[1]]
    assert any("学習の記録" in pages[i] for i in starts[2:])
    for start, end in zip(starts, [*starts[1:], len(pages)], strict=True):
        total = end - start
        for offset in range(total):
            assert flat(f"{offset + 1} / {total} ページ") in pages[start + offset]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_sheet_with_three_lessons_fits_one_a4_page(catalogue, lang):
    from dxhelper.core.progress import LessonProgress
    from dxhelper.handouts import Sheet

    # The three longest built-in lessons, every state used.
    longest = sorted(catalogue.lessons(lang), key=lambda lesson: -len(lesson.steps))[:3]
    states = (StepState.DONE, StepState.NEEDS_HELP, StepState.OPEN)
    entries = [
        LessonProgress(
            lesson.id,
            lesson,
            {step: states[i % 3] for i, step in enumerate(lesson.step_ids)},
        )
        for lesson in longest
    ]
    pdf = sheet_pdf(Sheet("山田 花子", entries), lang, today=TODAY)
    assert len(pdf.pages) == 1
    text = flat("".join(page_texts(pdf.data)))
    for lesson in longest:
        assert flat(lesson.title) in text


def test_done_is_printed_at_least_as_heavy_as_the_empty_box(store, people, catalogue, tmp_path):
    from pdftools import render
    from PIL import Image

    _venue, _volunteer, yamada, _sato = people
    lesson = catalogue.get("smartphone-basics", "ja")
    store.set_step_state(yamada.id, lesson.id, lesson.step_ids[0], StepState.DONE)
    pdf = sheet_pdf(resident_sheet(store, catalogue, yamada.id, "ja"), "ja", today=TODAY)
    path = pdf.save(tmp_path / "sheet.pdf")
    dpi = 200
    page = Image.open(render(path, tmp_path, dpi=dpi)[0]).convert("L")
    scale = dpi / 72
    ink: dict[str, list[int]] = {}
    for mark in (f for f in fragments(pdf.data)[0] if f.text in {"✓", "□"}):
        # The glyph's box on the rendered page (y counts from the top there).
        top = (841.89 - mark.y - mark.size) * scale
        box = (mark.x * scale, top, (mark.x + mark.size) * scale, top + mark.size * 1.3 * scale)
        dark = page.crop(tuple(int(v) for v in box)).point(lambda v: 255 if v < 128 else 0)
        ink.setdefault(mark.text, []).append(dark.histogram()[255])
    assert ink["✓"] and ink["□"]
    assert min(ink["✓"]) >= max(ink["□"]) * 0.9, ink
