"""dxhelper never opens a network connection: with sockets blocked, a whole day's work runs."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from dxhelper.core.lessons import Catalogue
from dxhelper.core.models import CONSENT_VERSION, HandoverCheck, HandoverItem, StepState
from dxhelper.paths import builtin_lessons_dir


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise NetworkUsed(f"network use attempted: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    yield attempts
    assert attempts == []


def test_a_session_a_report_and_an_export_run_with_the_network_blocked(
    no_network, store, people, tmp_path
):
    from dxhelper.exchange import export_bundle, import_bundles
    from dxhelper.handouts import HandoutOptions, batch_pdf
    from dxhelper.handouts.records import session_print_run
    from dxhelper.paths import DataPaths
    from dxhelper.reports import ReportFilter, build_report, write_report
    from dxhelper.store import Library

    venue, volunteer, yamada, _ = people
    catalogue = Catalogue.load(builtin_lessons_dir(), None)
    session = store.start_session(venue_id=venue.id, volunteer_id=volunteer.id)
    newcomer = store.add_resident(
        "新井 すみ", consent_date=dt.date(2026, 11, 1), consent_version=CONSENT_VERSION
    )
    for resident in (yamada, newcomer):
        store.add_attendee(session.id, resident.id)
    store.set_session_lessons(session.id, ["mynumber-apply"])
    for step in catalogue.get("mynumber-apply", "ja").steps[:3]:
        store.set_step_state(yamada.id, "mynumber-apply", step.id, StepState.DONE)
    lessons, sheets = session_print_run(store, catalogue, session.id, "ja")
    assert batch_pdf(lessons, sheets, "ja", HandoutOptions()).save(tmp_path / "run.pdf").exists()
    store.end_session(session.id, "11:30", [HandoverCheck(item, True) for item in HandoverItem])

    month = dt.date(2026, 11, 1)
    report = build_report(store, catalogue, ReportFilter(month, month), "ja")
    for fmt in ("csv", "xlsx", "pdf"):
        assert write_report(report, tmp_path / f"report.{fmt}", fmt).stat().st_size > 0
    bundle = export_bundle(store, tmp_path / "records.dxhelper").path
    with Library.opened(DataPaths(tmp_path / "coordinator")) as coordinator:
        import_bundles(coordinator, [bundle])
        assert coordinator.store.count_residents() == store.count_residents()
