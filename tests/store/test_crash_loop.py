"""Pull the plug 200 times: every write the Store reported as done survives, and the file is sound.

A child process writes sessions, residents, attendance and step changes through the Store API
and reports each id on a pipe only after the call has returned (the commit is done). The parent
kills it with SIGKILL at a random moment, then reopens the database and checks it.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import signal
import sys
import time

import pytest

from dxhelper.core.models import StepState

KILLS = 200
STEPS = ("power-on", "screen-lock", "tap-swipe", "typing", "wifi")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")


def _writer(path: str, seed: int, pipe) -> None:
    """The child: write forever, reporting each committed id. Never returns on its own."""
    from dxhelper.store import Store

    rng = random.Random(seed)
    store = Store.open(path)
    venue = store.list_venues()[0]
    volunteer = store.list_volunteers()[0]
    pipe.send(("ready", ""))
    residents = [r.id for r in store.list_residents()]
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    pipe.send(("session", session.id))
    while True:
        choice = rng.random()
        if choice < 0.2 or not residents:
            resident = store.add_resident(
                f"住民 {rng.randrange(10**6)}",
                kana="じゅうみん",
                consent_date=dt.date(2026, 11, 1),
                consent_version="2026-1",
            )
            residents.append(resident.id)
            pipe.send(("resident", resident.id))
        elif choice < 0.4:
            resident_id = rng.choice(residents)
            store.add_attendee(session.id, resident_id)
            pipe.send(("attendee", f"{session.id} {resident_id}"))
        else:
            resident_id = rng.choice(residents)
            step = rng.choice(STEPS)
            state = rng.choice([StepState.DONE, StepState.NEEDS_HELP])
            store.set_step_state(
                resident_id, "smartphone-basics", step, state, session_id=session.id
            )
            pipe.send(("progress", f"{resident_id} {step} {state.value}"))


def _check(path, reported: list[tuple[str, str]]) -> None:
    from dxhelper.store import Store

    with Store.open(path, create=False) as store:
        assert store.pragma("integrity_check") == "ok"
        assert store.check().ok
        stepped: set[tuple[str, str]] = set()
        for kind, value in reported:
            if kind == "session":
                store.get_session(value)
            elif kind == "resident":
                store.get_resident(value)
            elif kind == "attendee":
                session_id, resident_id = value.split()
                assert resident_id in {r.id for r in store.attendees(session_id)}
            elif kind == "progress":
                resident_id, step, _state = value.split()
                stepped.add((resident_id, step))
        # A change may have committed after the last report, so the row must exist; its state
        # is whichever write came last, reported or not.
        for resident_id, step in stepped:
            assert step in {p.step_id for p in store.progress_for(resident_id)}


def test_committed_writes_survive_two_hundred_kills(tmp_path, store, people):
    store.close()  # the fixture made a venue, a volunteer and residents; no connection may fork
    path = str(tmp_path / "data" / "dxhelper.sqlite3")
    context = multiprocessing.get_context("fork")  # fast: the child already has our imports
    rng = random.Random(20261125)
    reported: list[tuple[str, str]] = []
    for round_ in range(KILLS):
        parent, child = context.Pipe(duplex=False)
        process = context.Process(target=_writer, args=(path, round_, child), daemon=True)
        process.start()
        child.close()
        assert parent.poll(30), "the writer did not start"
        assert parent.recv() == ("ready", "")
        # Once its session is written the child is writing flat out; kill it somewhere in the
        # middle of a write, or between two.
        assert parent.poll(30), "the writer did not start its session"
        reported.append(parent.recv())
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(process.pid, signal.SIGKILL)
        process.join(10)
        while parent.poll():
            try:
                reported.append(parent.recv())
            except EOFError:
                break
        parent.close()
        _check(path, reported)
    # It really was writing: on a loaded machine fewer writes fit in 40 ms, but far more than
    # one in four rounds.
    assert sum(kind == "progress" for kind, _ in reported) > KILLS // 4
