"""The one helper for slow work (PDFs, printing): a QThreadPool job that reports back by signal.

Workers get plain data and return plain data; they never touch widgets or the store. The
runner counts running jobs so the window can show a busy indicator and tests can wait.
"""

from __future__ import annotations

import gc
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("dxhelper")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the GUI thread, which shows it
            log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Run `fn` off the GUI thread; `on_done(result)` / `on_error(exc)` run on the GUI thread."""

    busy_changed = Signal(bool, str)  # busy?, what is being done (for the status bar)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running: set[_Signals] = set()

    @property
    def running(self) -> int:
        return len(self._running)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        label: str = "",
    ) -> None:
        # Qt wrappers caught in reference cycles must be freed here, on the GUI thread: a
        # collection that happened to start in the worker would delete widgets off-thread.
        gc.collect()
        signals = _Signals()  # lives on the GUI thread, so its slots run there
        self._running.add(signals)
        self.busy_changed.emit(True, label)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._running.discard(signals)
            if not self._running:
                self.busy_changed.emit(False, "")
            callback(value)

        signals.done.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda exc: finish(on_error, exc))
        self.pool.start(_Job(fn, signals))
