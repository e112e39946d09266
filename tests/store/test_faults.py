"""Faults while working: a full disk and a database held by another program.

Each gives a clear message in both languages, loses nothing saved before, and the records can
still be read.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from dxhelper.core.errors import StoreError
from dxhelper.core.models import StepState
from dxhelper.store import Store


def _fill_until_full(store) -> int:
    saved = 0
    with pytest.raises(StoreError) as caught:
        for i in range(100_000):
            store.add_resident(
                f"住民 {i:05d}" + "あ" * 30,
                kana="じゅうみん",
                consent_date=dt.date(2026, 11, 1),
                consent_version="2026-1",
                note="メモ" * 400,
            )
            saved += 1
    assert "ディスクの空きが足りない" in caught.value.ja and "disk is full" in caught.value.en
    assert "safe" in caught.value.en
    return saved


def test_a_full_disk_is_a_clear_message_and_everything_saved_stays(store, people):
    venue, volunteer, yamada, _ = people
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    store.set_step_state(yamada.id, "smartphone-basics", "wifi", StepState.DONE)
    pages = store.pragma("page_count")
    # A tiny "disk": SQLite refuses to grow the file beyond a few more pages.
    store.handle.db.execute(f"PRAGMA max_page_count = {pages + 8}")
    before = store.count_residents()
    saved = _fill_until_full(store)
    assert store.count_residents() == before + saved  # the failed write left nothing half-done
    # Reading still works, and what was saved before is all there.
    assert store.get_session(session.id).venue_id == venue.id
    assert store.progress_for(yamada.id)[0].state is StepState.DONE
    assert store.pragma("integrity_check") == "ok"
    # Once space is freed (here: the limit lifted), saving works again.
    store.handle.db.execute("PRAGMA max_page_count = 1073741823")
    store.set_step_state(yamada.id, "smartphone-basics", "typing", StepState.DONE)
    assert {p.step_id for p in store.progress_for(yamada.id)} == {"wifi", "typing"}


def test_a_database_locked_by_another_program_is_a_clear_message(db_path, people):
    yamada = people[2]
    holder = sqlite3.connect(db_path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with Store.open(db_path) as second:
            second.handle.db.execute("PRAGMA busy_timeout = 100")  # do not wait the full 5 s here
            with pytest.raises(StoreError) as caught:
                second.set_step_state(yamada.id, "smartphone-basics", "wifi", StepState.DONE)
    finally:
        holder.rollback()
        holder.close()
    assert "使用中" in caught.value.ja and "in use by another program" in caught.value.en
