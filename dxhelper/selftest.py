"""`dxhelper --self-test`: prove this copy works, from source or frozen, in a throwaway folder.

Each check prints one line (ok / FAILED and why); the exit code is 0 only if all pass. Nothing
outside a temporary folder is touched.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

Check = Callable[["SelfTest"], str]


class SelfTest:
    def __init__(self, root: Path) -> None:
        from dxhelper.paths import DataPaths

        self.paths = DataPaths(root / "data")
        self.root = root
        self.library = None
        self.catalogue = None

    @property
    def store(self):  # -> dxhelper.store.Store, open after the database check
        return self.library.store

    # -- the checks, in order; each returns a short detail for its line --------------------------

    def database(self) -> str:
        from dxhelper.demo import DemoSpec, build_demo
        from dxhelper.store import Library

        self.paths.root.mkdir(parents=True)
        build_demo(self.paths.database, DemoSpec(residents=12, sessions=10, seed=9))
        self.library = Library.opened(self.paths)
        report = self.store.check()
        if not report.ok:
            raise RuntimeError(f"check failed: {report}")
        return f"schema {report.applied_migrations[-1]}, {self.store.count_residents()} residents"

    def lessons(self) -> str:
        from dxhelper.core.lessons import Catalogue
        from dxhelper.paths import builtin_lessons_dir

        self.catalogue = Catalogue.load(builtin_lessons_dir(), self.paths.user_lessons)
        errors = [p for p in self.catalogue.problems if p.is_error]
        if errors or len(self.catalogue) == 0:
            raise RuntimeError(f"{len(errors)} lesson errors, {len(self.catalogue)} lessons")
        return f"{len(self.catalogue)} lessons in {', '.join(sorted(self._languages()))}"

    def _languages(self) -> set[str]:
        return {lang for i in self.catalogue.ids() for lang in self.catalogue.languages(i)}

    def handout(self) -> str:
        from dxhelper.handouts import HandoutOptions, guide_pdf

        lesson = self.catalogue.get("mynumber-apply", "ja")
        pdf = guide_pdf(lesson, HandoutOptions())
        path = pdf.save(self.root / "guide.pdf")
        data = path.read_bytes()
        if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
            raise RuntimeError("the PDF has no embedded TrueType font")
        if not pdf.font.embedded:
            raise RuntimeError(pdf.warning("en"))
        return f"{len(data) // 1024} KB, font {pdf.font.display_name or pdf.font.family}"

    def report(self) -> str:
        from dxhelper.reports import ReportFilter, build_report, write_report

        today = dt.date.today().replace(day=1)
        first = (today - dt.timedelta(days=330)).replace(day=1)
        report = build_report(self.store, self.catalogue, ReportFilter(first, today), "ja")
        written = [
            write_report(report, self.root / f"report.{fmt}", fmt) for fmt in ("csv", "xlsx", "pdf")
        ]
        sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size // 1024} KB" for p in written)
        return f"{len(report.tables)} tables; {sizes}"

    def bundle(self) -> str:
        from dxhelper.exchange import export_bundle, import_bundles
        from dxhelper.exchange.keys import Keyring, public_key_file
        from dxhelper.exchange.sealing import Sealing, Unsealing
        from dxhelper.paths import DataPaths
        from dxhelper.store import Library

        # Sealed as a volunteer sends it (issue 16 §9): a coordinator key pair, its public
        # file loaded on this device, the import verifying and trusting the signature.
        coordinator_paths = DataPaths(self.root / "coordinator")
        coordinator_keys = Keyring(coordinator_paths)
        key_file = self.root / "coordinator.dxkey"
        key_file.write_bytes(public_key_file(coordinator_keys.create_coordinator("self-test")))
        device_keys = Keyring(self.paths)
        device_keys.use_coordinator(key_file)
        summary = export_bundle(
            self.store, self.root / "records.dxhelper", sealing=Sealing(device_keys)
        )
        unsealing = Unsealing(coordinator_keys, trust=True)
        with Library.opened(coordinator_paths) as coordinator:
            # The self-test's records are demo data: real records refuse them otherwise.
            result = import_bundles(
                coordinator, [summary.path], allow_demo=True, unsealing=unsealing
            )
            if coordinator.store.count_residents() != self.store.count_residents():
                raise RuntimeError("the imported residents do not match")
        added = sum(t.added for t in result.per_table.values())
        return f"{summary.path.stat().st_size // 1024} KB bundle, {added} rows added"

    def window(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from dxhelper.core.settings import Settings
        from dxhelper.ui.app import application
        from dxhelper.ui.i18n import install_translators, qm_path
        from dxhelper.ui.main_window import MainWindow
        from dxhelper.ui.services import Services
        from dxhelper.ui.style import apply_style
        from dxhelper.ui.tasks import TaskRunner

        # The window would fall back to English; an install without its translations is broken.
        if not Path(qm_path("ja")).is_file():
            raise FileNotFoundError(f"{qm_path('ja')} is missing: the build left out translations")
        app = application()
        install_translators(app, "ja")
        apply_style(app, 100)
        settings = Settings.load(self.paths.root)
        services = Services(self.library, self.catalogue, settings, TaskRunner())
        window = MainWindow(services)
        window.show()
        for index in range(window.nav.count()):
            window.show_page(index)
            app.processEvents()
        title = window.nav.item(0).text()
        window.close()
        app.processEvents()
        return f"{window.nav.count()} screens on '{app.platformName()}', first '{title}'"

    def close(self) -> None:
        if self.library is not None:
            self.library.close()


CHECKS: list[tuple[str, Check]] = [
    ("database: create, migrate, check", SelfTest.database),
    ("lessons: every built-in lesson loads", SelfTest.lessons),
    ("handout: PDF with embedded font and QR", SelfTest.handout),
    ("report: CSV, XLSX and PDF", SelfTest.report),
    ("bundle: export and import", SelfTest.bundle),
    ("window: opens offscreen and closes", SelfTest.window),
]


def run(echo: Callable[[str], None] = print) -> int:
    failed = 0
    with tempfile.TemporaryDirectory(prefix="dxhelper-self-test-") as temp:
        test = SelfTest(Path(temp))
        try:
            for name, check in CHECKS:
                try:
                    detail = check(test)
                except Exception as exc:  # every failure is reported, then the next check runs
                    failed += 1
                    echo(f"FAILED  {name}: {type(exc).__name__}: {exc}")
                    if os.environ.get("DXHELPER_SELF_TEST_TRACE"):
                        echo(traceback.format_exc())
                else:
                    echo(f"ok      {name}: {detail}")
        finally:
            test.close()
    echo("self-test passed" if not failed else f"self-test FAILED: {failed} of {len(CHECKS)}")
    return 1 if failed else 0
