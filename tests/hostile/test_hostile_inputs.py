"""Hostile input, all in one parametrised test over the corpus (tests/hostile/corpus/).

Every case feeds something a volunteer's laptop may be handed (a broken or booby-trapped
lesson file, a hostile bundle, a file that is not a backup, text a spreadsheet would run as a
formula, a 個人番号 or a PIN typed into any free-text field) to the Store API, the `dxhelper`
command or an import, and the one test asserts for every attempt: a clear message (in Japanese
and English from the API, in the chosen --lang from the command), the exit code the command
promises (1 for a refusal), no secret repeated back, and the database file byte-identical
(SHA-256 after a WAL checkpoint) before and after.

Two kinds of case expect exit 0, and say so: a user lesson that only earns warnings (a link
that gets no QR code, an unknown field; the file still loads) and a report whose formula-like
cells are neutralised (the export succeeds; the CSV and XLSX are checked cell by cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pytest
from corpus_builder import (
    BUNDLE_FIELDS,
    BundleField,
    LessonCase,
    Payload,
    RestoreCase,
    SecretForm,
    bundle_corpus,
    bundle_with,
    bundletools,
    database_digest,
    formula_payloads,
    lesson_cases,
    restore_cases,
    secret_forms,
    sha256_of,
)

from dxhelper.core.errors import DxError, PrivacyError
from dxhelper.core.fields import field_label
from dxhelper.core.lessons import Catalogue
from dxhelper.core.lessons.parser import parse_lesson_file
from dxhelper.core.models import HandoverCheck, HandoverItem, Resident, Session
from dxhelper.core.settings import SETTINGS_NAME, Settings
from dxhelper.core.text import clean_line
from dxhelper.demo import DemoSpec, build_demo
from dxhelper.exchange import BundleError, export_bundle, import_bundles
from dxhelper.paths import DataPaths, builtin_lessons_dir
from dxhelper.reports.exports import is_formula_like
from dxhelper.store import Library, Store, new_id

EXE = shutil.which("dxhelper", path=str(Path(sys.executable).parent))
LANGS = ("ja", "en")


# -- what every case hands back ------------------------------------------------------------------


@dataclass
class Attempt:
    """One way in (the API or the command) and what the user was told."""

    via: str  # "api" or "cli"
    messages: dict[str, str]  # language → message (API: both; CLI: the --lang it ran with)
    exit_code: int | None = None
    expected_exit: int | tuple[int, ...] = 1  # several: any of them (a usage error is 2)
    secrets: tuple[str, ...] = ()  # must never be repeated in a message
    data: tuple[str, ...] = ()  # input text an English message may quote (not English itself)
    output: str = ""  # everything the command printed


@dataclass
class Outcome:
    attempts: list[Attempt]
    before: str  # SHA-256 of the database file (checkpointed) before the first attempt
    after: str


@dataclass(frozen=True)
class Templates:
    """Built once per test session; each case copies what it needs."""

    root: Path
    demo: Path
    valid_bundle: Path
    hostile_bundles: dict[str, Path]
    builtin_ids: frozenset[str]


class Workspace:
    """A case's own data folder holding a copy of the demo database."""

    def __init__(self, root: Path, templates: Templates, lang: str) -> None:
        self.root = root
        self.templates = templates
        self.lang = lang
        self.data = root / "data"
        self.data.mkdir()
        shutil.copyfile(templates.demo, self.db)

    @property
    def db(self) -> Path:
        return self.data / "dxhelper.sqlite3"

    def digest(self) -> str:
        return database_digest(self.db)

    def cli(
        self, *args: str, data_dir: Path | None = None, stdin: str | None = None
    ) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("DXHELPER_HOME", "DXHELPER_LANG")}
        command = [EXE, "--data-dir", str(data_dir or self.data), "--lang", self.lang, *args]
        return subprocess.run(
            command,
            cwd=self.root,
            env=env,
            input=stdin or "",
            capture_output=True,
            text=True,
            timeout=120,
        )

    def files(self) -> dict[Path, str]:
        """Every file under the case's folder but the database (compared by digest) and the
        data folder's empty write lock (issue 16 §1), with its content's digest."""
        database = {str(self.db) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
        database.add(str(self.db.parent / ".write.lock"))
        return {
            path: sha256_of(path)
            for path in self.root.rglob("*")
            if path.is_file() and str(path) not in database
        }

    def attempt(
        self,
        *args: str,
        expected_exit: int | tuple[int, ...] = 1,
        secrets: tuple[str, ...] = (),
        data: tuple[str, ...] = (),
        data_dir: Path | None = None,
        stdin: str | None = None,
        may_write: tuple[Path, ...] = (),
    ) -> Attempt:
        """Run the command; it may write only `may_write` (files or folders) and must leave
        every other file, the hostile input included, as it was."""
        files_before = self.files()
        result = self.cli(*args, data_dir=data_dir, stdin=stdin)
        files_after = self.files()
        assert files_before.keys() <= files_after.keys(), "a file was removed"
        for path, digest in files_after.items():
            if files_before.get(path) != digest:
                assert any(path == p or p in path.parents for p in may_write), f"wrote {path}"
        if result.returncode:
            message = result.stderr.strip() or result.stdout.strip()
        else:
            message = result.stdout.strip()
        return Attempt(
            "cli",
            {self.lang: message},
            result.returncode,
            expected_exit,
            secrets,
            (*data, str(self.root)),
            result.stdout + result.stderr,
        )


def api_attempt(error: DxError, *, secrets: tuple[str, ...] = (), data: tuple[str, ...] = ()):
    return Attempt("api", {"ja": error.ja, "en": error.en}, secrets=secrets, data=data)


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    run: Callable[[Workspace], Outcome]
    lang: str = "ja"  # the command's --lang (cases of a kind alternate)
    marks: tuple = ()

    @property
    def id(self) -> str:
        return f"{self.kind}: {self.name}"


# -- the one test --------------------------------------------------------------------------------

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f]")
_QUOTED = re.compile(r"'[^'\n]*'|「[^」\n]*」|\"[^\"\n]*\"")


def _assert_language(message: str, lang: str, data: tuple[str, ...]) -> None:
    """Japanese has kana; English has words and, outside quoted input, no kana."""
    if lang == "ja":
        assert _KANA.search(message), f"not Japanese: {message!r}"
        return
    for text in sorted(data, key=len, reverse=True):
        message = message.replace(text, "")
    message = _QUOTED.sub("", message)
    assert re.search(r"[A-Za-z]{3,}", message), f"not English: {message!r}"
    assert not _KANA.search(message), f"Japanese in an English message: {message!r}"


def _assert_not_repeated(message: str, secret: str) -> None:
    folded = unicodedata.normalize("NFKC", message)
    assert secret not in message and unicodedata.normalize("NFKC", secret) not in folded
    if secret.isdigit() and len(secret) == 12:  # a 個人番号 in any grouping or width
        assert secret not in re.sub(r"\D", "", folded), f"個人番号 repeated: {message!r}"


def test_hostile_input_is_refused_clearly_and_changes_nothing(case: Case, templates, tmp_path):
    workspace = Workspace(tmp_path, templates, case.lang)
    outcome = case.run(workspace)

    assert outcome.attempts
    for attempt in outcome.attempts:
        assert set(attempt.messages) == ({"ja", "en"} if attempt.via == "api" else {case.lang})
        for lang, message in attempt.messages.items():
            assert message.strip(), f"{attempt.via}: no message"
            # click's own usage errors (exit 2, e.g. a folder where a file belongs) are English.
            _assert_language(message, "en" if attempt.exit_code == 2 else lang, attempt.data)
            for secret in attempt.secrets:
                _assert_not_repeated(message, secret)
        if attempt.via == "cli":
            assert "Traceback" not in attempt.output
            assert "予期しないエラー" not in attempt.output
            assert "Unexpected error" not in attempt.output
            expected = attempt.expected_exit
            assert attempt.exit_code in (expected if isinstance(expected, tuple) else (expected,))
            assert attempt.exit_code != 0 or expected == 0, attempt.output
    assert outcome.after == outcome.before, "the database file changed"


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        metafunc.parametrize(
            "case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES], scope="function"
        )


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Templates:
    root = tmp_path_factory.mktemp("hostile-templates")
    demo = root / "demo" / "dxhelper.sqlite3"
    this_month = dt.date.today().replace(day=1)
    build_demo(demo, DemoSpec(residents=40, sessions=50, seed=8, end_month=this_month))
    database_digest(demo)  # fold the WAL in: every copy starts as one self-contained file
    device = bundletools.make_device(root, "source")
    try:
        valid = export_bundle(device, root / "valid.dxhelper").path
    finally:
        device.close()
    return Templates(
        root=root,
        demo=demo,
        valid_bundle=valid,
        hostile_bundles=bundle_corpus.build_corpus(valid, root / "bundles"),
        builtin_ids=frozenset(Catalogue.load(builtin_lessons_dir()).ids()),
    )


# -- lessons -------------------------------------------------------------------------------------

_SEVERITY_WORD = {("error", "ja"): "エラー", ("warning", "ja"): "警告"}


def run_lesson_file(case: LessonCase, ws: Workspace) -> Outcome:
    before = ws.digest()
    user = ws.data / "lessons"
    try:
        path = case.write(user)
    except (OSError, NotImplementedError) as exc:  # symlinks need a privilege on Windows
        pytest.skip(f"cannot write this case here: {exc}")

    files_before = ws.files()
    result = ws.cli("lessons", "check")
    assert ws.files() == files_before  # checking reads; it never fixes, moves or deletes
    lines = result.stdout.splitlines()
    mine = [line for line in lines if line.startswith(f"{path}:")]
    for e in case.expect:
        word = _SEVERITY_WORD.get((e.severity, ws.lang), e.severity)
        prefix = f"{path}:{e.line}: {word}: "
        needle = e.ja if ws.lang == "ja" else e.en
        assert any(line.startswith(prefix) and needle in line for line in mine), result.stdout

    # The app's own loading: the hostile file is reported and skipped (or, with warnings
    # only, loaded without QR codes); every built-in lesson is still there and still built-in.
    catalogue = Catalogue.load(builtin_lessons_dir(), user)
    assert ws.templates.builtin_ids <= set(catalogue.ids())
    assert not any(catalogue.get(i).is_user for i in ws.templates.builtin_ids)
    problems = [p for p in catalogue.problems if p.path == path]
    for e in case.expect:
        assert any(
            (p.line, p.severity) == (e.line, e.severity) and e.ja in p.ja and e.en in p.en
            for p in problems
        ), problems
    loaded = [
        lesson
        for i in catalogue.ids()
        for lesson in (catalogue.get(i, lang) for lang in catalogue.languages(i))
        if lesson.path == path
    ]
    if case.exit:
        assert not loaded
    else:
        assert len(loaded) == 1 and loaded[0].is_user
    if case.builtin_error:
        assert loaded and not any(link.qr for link in loaded[0].links)
        strict = parse_lesson_file(path, builtin=True)
        assert strict.lesson is None
        assert any(p.is_error and p.line == case.expect[0].line for p in strict.problems)

    shown = (str(path),)
    return Outcome(
        [
            Attempt(
                "api",
                {lang: "\n".join(p.format(lang) for p in problems) for lang in LANGS},
                data=shown,
            ),
            Attempt(
                "cli",
                {ws.lang: "\n".join([*mine, lines[-1]])},
                result.returncode,
                case.exit,
                data=(*shown, str(ws.root)),
                output=result.stdout + result.stderr,
            ),
        ],
        before,
        ws.digest(),
    )


def run_lesson_command(case: LessonCase, ws: Workspace) -> Outcome:
    before = ws.digest()
    files_before = sorted(ws.root.rglob("*"))
    attempt = ws.attempt(*case.command, expected_exit=case.exit)
    (message,) = attempt.messages.values()
    for e in case.expect:
        assert (e.ja if ws.lang == "ja" else e.en) in message
    # Nothing written: not the output, not a lesson file inside or outside the data folder.
    assert sorted(ws.root.rglob("*")) == files_before
    return Outcome([attempt], before, ws.digest())


# -- bundles: the exchange suite's hostile corpus, through `dxhelper import` -----------------------


def run_hostile_bundle(name: str, ws: Workspace) -> Outcome:
    before = ws.digest()
    path = ws.templates.hostile_bundles[name]
    attempt = ws.attempt("import", str(path))
    (message,) = attempt.messages.values()
    assert "\n" not in message, "one line"
    assert path.name in message
    assert not (ws.data / "backups").exists() or not any((ws.data / "backups").iterdir())
    return Outcome([attempt], before, ws.digest())


# -- restore files -------------------------------------------------------------------------------


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def run_restore_file(case: RestoreCase, ws: Workspace) -> Outcome:
    from dxhelper.cli import cli as dxhelper_command

    before = ws.digest()
    hostile = case.write(
        ws.root / "usb" / "dxhelper-backup.sqlite3",
        ws.templates.demo,
        ws.templates.valid_bundle,
    )
    original = sha256_of(hostile)
    attempts = []
    for read_only, open_it in (
        (False, partial(Store.open, create=False)),
        (True, Store.open_read_only),
    ):
        try:
            store = open_it(hostile)
        except DxError as refused:
            if not read_only and case.en:  # read-only opening says "no database" of a folder
                assert case.ja in refused.ja and case.en in refused.en
            attempts.append(api_attempt(refused, data=(str(hostile),)))
        else:  # only damage deep in the file can get this far: integrity_check must see it
            with store:
                report = store.check()
            assert case.refused_by == "open-or-check" and not report.ok
        assert sha256_of(hostile) == original, "the handed-over file was changed"
        wal = Path(f"{hostile}-wal")
        assert not wal.exists() or wal.stat().st_size == 0, "something was written"
        _remove_sidecars(hostile)

    # Issue 8's restore, once it exists: refused on its merits, and nothing at all changed
    # (the current database is backed up only after the file has passed its checks).
    from dxhelper.store.backups import restore

    if restore is not None:
        files_before = ws.files()
        with pytest.raises(DxError) as refused:
            restore(ws.db, hostile, ws.data / "backups")
        attempts.append(api_attempt(refused.value, data=(str(hostile), str(ws.db))))
        assert ws.files() == files_before
        assert sha256_of(hostile) == original

    # Put where the database belongs, `dxhelper check` refuses or flags it and leaves it be.
    folder = ws.root / "elsewhere"
    placed = folder / "dxhelper.sqlite3"
    if hostile.is_dir():
        shutil.copytree(hostile, placed)
    else:
        folder.mkdir()
        shutil.copyfile(hostile, placed)
    attempt = ws.attempt("check", data_dir=folder, data=(str(placed),))
    (message,) = attempt.messages.values()
    if case.refused_by == "open":
        assert (case.ja if ws.lang == "ja" else case.en) in message
    attempts.append(attempt)
    assert sha256_of(placed) == original

    if "restore" in dxhelper_command.commands:  # issue 8's command, once it exists
        # Its confirmation is answered yes: the file must be refused on its merits.
        refused = ws.attempt(
            "restore",
            str(hostile),
            stdin="y\n",
            expected_exit=(1, 2),
            data=(str(hostile),),
            may_write=(ws.data / "backups",),  # a backup of the current database first
        )
        attempts.append(refused)
        assert sha256_of(hostile) == original
    return Outcome(attempts, before, ws.digest())


# -- CSV/XLSX export payloads --------------------------------------------------------------------


def _lesson_with_titles(title: str, step_title: str) -> str:
    import json

    return (
        "+++\n"
        'id = "formula-lesson"\n'
        f"title = {json.dumps(title, ensure_ascii=False)}\n"
        'category = "smartphone"\nlevel = 1\nminutes = 20\nversion = 1\n'
        "checked = 2026-11-24\n"
        'sources = ["https://www.digital.go.jp/"]\nbring = ["スマートフォン"]\n'
        "+++\n\n"
        f"## {step_title} {{#payload-step}}\n\n画面をタップします。\n"
    )


def _csv_cells(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _xlsx_cells(path: Path) -> list:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not re.search(rb"<f[\s>/]", book.read(name)), f"a formula in {name}"
    workbook = load_workbook(path)
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _check_report(
    path: Path, fmt: str, shown: list[str], hidden: list[str], quoted: list[str]
) -> None:
    """`shown` must appear as whole cells, made harmless; `quoted` inside a cell (the filter
    lines); `hidden` must not appear at all."""
    if fmt == "csv":
        cells = _csv_cells(path)
        for cell in cells:
            assert not is_formula_like(cell), f"a CSV cell a spreadsheet would run: {cell!r}"
        for text in shown:
            assert ("'" + text if is_formula_like(text) else text) in cells, text
        blob = "\n".join(cells)
    else:
        cells = _xlsx_cells(path)
        texts = [c.value for c in cells if isinstance(c.value, str)]
        for cell in cells:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", f"not a string cell: {cell.value!r}"
                if is_formula_like(cell.value):
                    assert cell.quotePrefix, f"formula-like text without a quote prefix: {cell}"
        for text in shown:
            assert text.replace("\r\n", "\n").replace("\r", "\n") in [
                t.replace("\r\n", "\n").replace("\r", "\n") for t in texts
            ], text
        blob = "\n".join(texts)
    for text in quoted:
        assert text in blob, text
    for text in hidden:
        assert text not in blob, f"a resident's data is in the report: {text!r}"
    assert any(is_formula_like(t) for t in shown), "the case tests nothing"


def _report_attempts(
    ws: Workspace, shown, hidden, filters: tuple[str, ...], quoted: tuple[str, ...] = ()
) -> list[Attempt]:
    month = dt.date.today().strftime("%Y-%m")
    attempts = []
    for fmt in ("csv", "xlsx"):
        out = ws.root / f"report.{fmt}"
        attempt = ws.attempt(
            "report",
            "--from",
            month,
            *filters,
            "--format",
            fmt,
            "-o",
            str(out),
            expected_exit=0,
            data=tuple(shown),
            may_write=(out,),
        )
        assert attempt.exit_code == 0, attempt.output
        _check_report(out, fmt, shown, hidden, list(quoted))
        attempts.append(attempt)
    return attempts


def run_formula_payload(payload: Payload, ws: Workspace) -> Outcome:
    text = payload.text
    lessons = ws.data / "lessons" / "ja"
    lessons.mkdir(parents=True)
    lesson_title = clean_line(text) + "講座"
    (lessons / "formula-lesson.md").write_text(
        _lesson_with_titles(lesson_title, clean_line(text) + "手順"), encoding="utf-8"
    )
    with Store.open(ws.db) as store:
        venue = store.add_venue(text + "会場", text + "市")
        volunteer = store.add_volunteer(text + "委員")
        resident = store.add_resident(
            text + "花子",
            kana=text + "はなこ",
            nickname=text + "はな",
            note=text + "メモ",
            consent_date=dt.date.today(),
            consent_version="2026-1",
        )
        session = store.start_session(
            venue_id=venue.id,
            volunteer_id=volunteer.id,
            date=dt.date.today(),
            start_time="00:00",
            note=text + "記録",
        )
        store.add_attendee(session.id, resident.id)
        store.set_session_lessons(session.id, ["formula-lesson"])
        store.set_step_state(
            resident.id, "formula-lesson", "payload-step", "help", session_id=session.id
        )
        store.end_session(session.id, "00:30")
        resident = store.get_resident(resident.id)
        session = store.get_session(session.id)
    shown = [venue.name, venue.municipality, lesson_title]
    hidden = [resident.display_name, resident.kana, resident.nickname, resident.note, session.note]
    before = ws.digest()  # the records are in; the reports must change nothing
    filters = (f"--venue={venue.name}", f"--volunteer={volunteer.display_name}")
    quoted = (volunteer.display_name,)  # only ever after "推進委員: " in a filter line
    attempts = _report_attempts(ws, shown, hidden, filters, quoted)
    return Outcome(attempts, before, ws.digest())


def run_control_character_names(ws: Workspace) -> Outcome:
    """The Store trims leading tab/CR/LF from names, so put them in the file directly: the
    exporter must neutralise them on its own."""
    raw = {"\t=SUM(1)会場": None, "\r=SUM(2)会場": None, "\n=SUM(3)会場": None}
    with Store.open(ws.db) as store:
        volunteer = store.list_volunteers()[0]
        for name in raw:
            venue = store.add_venue(f"仮の会場{len(raw) - list(raw).index(name)}")
            store.start_session(
                venue_id=venue.id,
                volunteer_id=volunteer.id,
                date=dt.date.today(),
                start_time="00:00",
            )
            raw[name] = venue.id
    conn = sqlite3.connect(ws.db)
    with conn:
        for name, venue_id in raw.items():
            conn.execute("UPDATE venues SET name = ? WHERE id = ?", [name, venue_id])
    conn.close()
    before = ws.digest()
    attempts = _report_attempts(ws, list(raw), [], ())
    return Outcome(attempts, before, ws.digest())


# -- 個人番号 and PINs: the Store API, every free-text field --------------------------------------


@dataclass(frozen=True)
class Writer:
    name: str
    field: str  # the field name the PrivacyError must carry
    write: Callable[[Store, str], object]
    marks: tuple = ()


def _new_resident(**values) -> dict:
    base = {
        "display_name": "山田 花子",
        "kana": "やまだ はなこ",
        "nickname": "",
        "note": "",
        "age_band": "70s",
        "consent_date": dt.date.today(),
        "consent_version": "2026-1",
    }
    return {**base, **values}


def _resident_writers(column: str, marks: tuple = ()) -> list[Writer]:
    def add(store: Store, text: str):
        values = _new_resident(**{column: text})
        return store.add_resident(values.pop("display_name"), **values)

    def update(store: Store, text: str):
        return store.update_resident(replace(store.list_residents()[0], **{column: text}))

    def bulk(store: Store, text: str):
        row = Resident(
            id=new_id(), **_new_resident(**{column: text}), created_at="", updated_at="", origin=""
        )
        return store.bulk_add_residents([row])

    return [
        Writer(f"resident {column} (add)", column, add, marks),
        Writer(f"resident {column} (update)", column, update, marks),
        Writer(f"resident {column} (bulk)", column, bulk, marks),
    ]


def _a_session(store: Store) -> Session:
    return store.recent_sessions(1)[0]


def _session_writers() -> list[Writer]:
    def start(store: Store, text: str):
        s = _a_session(store)
        return store.start_session(venue_id=s.venue_id, volunteer_id=s.volunteer_id, note=text)

    def update(store: Store, text: str):
        return store.update_session(replace(_a_session(store), note=text))

    def bulk(store: Store, text: str):
        s = _a_session(store)
        row = Session(
            id=new_id(),
            date=dt.date.today(),
            start_time="10:00",
            end_time="11:00",
            venue_id=s.venue_id,
            volunteer_id=s.volunteer_id,
            kind="class",
            note=text,
        )
        return store.bulk_add_sessions([row])

    return [
        Writer("session note (start)", "note", start),
        Writer("session note (update)", "note", update),
        Writer("session note (bulk)", "note", bulk),
    ]


def _handover_reason(store: Store, text: str):
    check = HandoverCheck(HandoverItem.CARD_RETURNED, False, text)
    return store.end_session(_a_session(store).id, "12:00", [check])


WRITERS: list[Writer] = [
    *_resident_writers("display_name"),
    *_resident_writers("kana"),
    *_resident_writers("nickname"),
    *_resident_writers("note"),
    *_resident_writers("consent_version")[:1],
    *_session_writers(),
    Writer("venue name (add)", "venue_name", lambda s, t: s.add_venue(t, "みどり市")),
    Writer(
        "venue name (update)",
        "venue_name",
        lambda s, t: s.update_venue(replace(s.list_venues()[0], name=t)),
    ),
    Writer("venue municipality (add)", "municipality", lambda s, t: s.add_venue("新会場", t)),
    Writer(
        "venue municipality (update)",
        "municipality",
        lambda s, t: s.update_venue(replace(s.list_venues()[0], municipality=t)),
    ),
    Writer("volunteer name (add)", "volunteer_name", lambda s, t: s.add_volunteer(t)),
    Writer(
        "volunteer name (update)",
        "volunteer_name",
        lambda s, t: s.update_volunteer(replace(s.list_volunteers()[0], display_name=t)),
    ),
    Writer("installation name", "installation_name", lambda s, t: s.update_installation(name=t)),
    Writer(
        "installation municipality",
        "municipality",
        lambda s, t: s.update_installation(municipality=t),
    ),
    Writer("handover reason", "reason", _handover_reason),
]


def _assert_names_field(error: DxError, field_name: str) -> None:
    assert field_label(field_name) in error.ja, error.ja
    assert field_label(field_name, "en") in error.en, error.en


def run_store_secret(writer: Writer, form: SecretForm, seed: int, ws: Workspace) -> Outcome:
    text, secret = form.render(seed)
    with Store.open(ws.db) as store:
        store.checkpoint()
        before = sha256_of(ws.db)
        with pytest.raises(PrivacyError) as refused:
            writer.write(store, text)
        assert refused.value.field == writer.field
        _assert_names_field(refused.value, writer.field)
        store.count_residents()  # still usable: no transaction left open
        store.checkpoint()
        after = sha256_of(ws.db)
    attempt = api_attempt(refused.value, secrets=(secret, text))
    return Outcome([attempt], before, after)


def run_settings_secret(form: SecretForm, seed: int, ws: Workspace) -> Outcome:
    text, secret = form.render(seed)
    before = ws.digest()
    settings = Settings.load(ws.data)
    with pytest.raises(PrivacyError) as refused:
        settings.set("municipality", text)
    _assert_names_field(refused.value, "municipality")
    assert not (ws.data / SETTINGS_NAME).exists()
    assert Settings.load(ws.data).get("municipality") == ""
    return Outcome([api_attempt(refused.value, secrets=(secret, text))], before, ws.digest())


# -- 個人番号 and PINs: the command line -----------------------------------------------------------

# Options whose text is checked by the privacy guard: (the arguments, the field it names).
GUARDED_OPTIONS: dict[str, tuple[Callable[[str], tuple[str, ...]], str, str]] = {
    "handout --venue": (
        lambda t: ("handout", "mynumber-apply", f"--venue={t}", "-o", "out.pdf"),
        "venue",
        "out.pdf",
    ),
    "handout --next": (
        lambda t: ("handout", "mynumber-apply", f"--next={t}", "-o", "out.pdf"),
        "note",
        "out.pdf",
    ),
    "export --since-last-to": (
        lambda t: ("export", "-o", "out.dxhelper", f"--since-last-to={t}"),
        "recipient",
        "out.dxhelper",
    ),
}
# Options that look a record up by name: a secret there finds nothing and stores nothing.
LOOKUP_OPTIONS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "report --venue": lambda t: ("report", "--from", "2026-01", f"--venue={t}", "-o", "r.csv"),
    "report --volunteer": lambda t: (
        "report",
        "--from",
        "2026-01",
        f"--volunteer={t}",
        "-o",
        "r.csv",
    ),
    "sheet": lambda t: ("sheet", t, "-o", "sheet.pdf"),
}


def run_cli_secret(option: str, form: SecretForm, seed: int, ws: Workspace) -> Outcome:
    text, secret = form.render(seed)
    before = ws.digest()
    args, field_name, output = GUARDED_OPTIONS[option]
    attempt = ws.attempt(*args(text), secrets=(secret, text))
    (message,) = attempt.messages.values()
    assert field_label(field_name, ws.lang) in message, message
    assert not (ws.root / output).exists()
    return Outcome([attempt], before, ws.digest())


def run_cli_lookup(option: str, form: SecretForm, seed: int, ws: Workspace) -> Outcome:
    text, _secret = form.render(seed)
    before = ws.digest()
    with Store.open(ws.db) as store:
        names = [v.name for v in store.list_venues()]
        names += [v.display_name for v in store.list_volunteers()]
    # The message quotes what was typed (the user's own input, on their own screen).
    attempt = ws.attempt(*LOOKUP_OPTIONS[option](text), data=(text, *names))
    assert not any(ws.root.glob("*.csv")) and not any(ws.root.glob("*.pdf"))
    return Outcome([attempt], before, ws.digest())


# -- 個人番号 and PINs: an import ------------------------------------------------------------------


def run_bundle_secret(
    where: BundleField, form: SecretForm, seed: int, via_cli: bool, ws: Workspace
) -> Outcome:
    text, secret = form.render(seed)
    path = bundle_with(
        ws.templates.valid_bundle, ws.root / "from-a-volunteer.dxhelper", where, text
    )
    backups = ws.data / "backups"
    attempts = []
    with Library.opened(DataPaths(ws.data)) as library:
        store = library.store
        store.checkpoint()
        before = sha256_of(ws.db)
        with pytest.raises(BundleError) as refused:
            import_bundles(library, [path])
        error = refused.value
        member = where.member
        assert (error.file, error.member, error.line) == (path.name, member, where.line)
        _assert_names_field(error, where.field)
        store.checkpoint()
        after = sha256_of(ws.db)
    attempts.append(api_attempt(error, secrets=(secret, text)))
    if via_cli:
        attempts.append(ws.attempt("import", str(path), secrets=(secret, text)))
        (message,) = attempts[-1].messages.values()
        assert "\n" not in message and path.name in message and member in message
        after = ws.digest()
    assert not backups.exists() or not any(backups.iterdir())
    return Outcome(attempts, before, after)


# -- the corpus as cases -------------------------------------------------------------------------


def _cases() -> list[Case]:
    cases: list[Case] = []
    counters: dict[str, int] = {}

    def add(kind: str, name: str, run: Callable[[Workspace], Outcome], marks: tuple = ()):
        n = counters[kind] = counters.get(kind, -1) + 1
        cases.append(Case(kind, name, run, LANGS[n % 2], marks))

    for lesson in lesson_cases():
        runner = run_lesson_command if lesson.command else run_lesson_file
        add("lessons", lesson.name, partial(runner, lesson))
    for bundle in bundle_corpus.CASES:
        add("bundle", bundle.name, partial(run_hostile_bundle, bundle.name))
    for restore in restore_cases():
        add("restore", restore.name, partial(run_restore_file, restore), ())
    for payload in formula_payloads():
        add("export", payload.name, partial(run_formula_payload, payload))
    add("export", "leading control characters", run_control_character_names)

    forms = secret_forms()
    seed = iter(range(1000, 100_000))
    samples = [next(f for f in forms if f.kind == kind) for kind in ("my_number", "pin")]
    for writer in WRITERS:
        # consent_version holds 20 characters: longer forms are refused for length first.
        for form in samples if writer.field == "consent_version" else forms:
            add(
                "secret/store",
                f"{writer.name} <- {form.kind} {form.name}",
                partial(run_store_secret, writer, form, next(seed)),
                writer.marks,
            )
    for form in forms:
        add(
            "secret/settings",
            f"municipality <- {form.kind} {form.name}",
            partial(run_settings_secret, form, next(seed)),
        )
    # Every form through the command line: all of them through handout --venue, and through
    # one of the other two guarded options in turn; the name lookups get one of each kind.
    for i, form in enumerate(forms):
        for option in ("handout --venue", ("handout --next", "export --since-last-to")[i % 2]):
            add(
                "secret/cli",
                f"{option} <- {form.kind} {form.name}",
                partial(run_cli_secret, option, form, next(seed)),
            )
    for option in LOOKUP_OPTIONS:
        for form in samples:
            add(
                "secret/cli",
                f"{option} <- {form.kind} {form.name}",
                partial(run_cli_lookup, option, form, next(seed)),
            )
    # Every form in every free-text column of a bundle; the diagonal also through the command.
    for j, where in enumerate(BUNDLE_FIELDS):
        for i, form in enumerate(forms):
            via_cli = i % len(BUNDLE_FIELDS) == j
            add(
                "secret/import",
                f"{where.label} <- {form.kind} {form.name}" + (" (+ cli)" if via_cli else ""),
                partial(run_bundle_secret, where, form, next(seed), via_cli),
            )
    return cases


CASES = _cases()
