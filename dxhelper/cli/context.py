"""What every `dxhelper` subcommand shares: the Context (data folder and language), the
decorator that passes it, the exit codes and the option blocks several commands repeat.

The command modules import from here and only from here, so nothing imports back in a circle.
"""

from __future__ import annotations

import os
import sys

import click

from dxhelper.core.errors import DxError
from dxhelper.core.files import clean_partials
from dxhelper.paths import DataPaths

if getattr(sys, "frozen", False):  # pragma: no cover - only in the PyInstaller build
    # The font check (pdfkit/font_check.py) runs in a spawned child: a frozen program is that
    # child when started with multiprocessing's arguments, and must run it and stop here.
    # Every start of the program imports this module before doing anything else.
    import multiprocessing

    multiprocessing.freeze_support()

LANG_ENV = "DXHELPER_LANG"
EXIT_PROBLEM = 1  # the command ran and found or hit a problem
EXIT_USAGE = 2  # click's own code for a wrong command line


class Context:
    """What every subcommand needs: where the data lives and which language to speak."""

    def __init__(self, paths: DataPaths, lang: str) -> None:
        self.paths = paths
        self.lang = lang
        self.lang_given = False
        # Every command and the window start here (the root group makes the Context before
        # opening the window): what an interrupted write left behind goes (issue 16 §8).
        clean_partials(paths.root)

    def say(self, ja: str, en: str) -> None:
        click.echo(en if self.lang == "en" else ja)

    def catalogue(self):  # -> Catalogue
        from dxhelper.core.lessons import Catalogue
        from dxhelper.paths import builtin_lessons_dir

        return Catalogue.load(builtin_lessons_dir(), self.paths.user_lessons)

    def library(self):  # -> Library (imported lazily: fast start)
        """The data folder's records, not yet open. When a write has to wait for another
        dxhelper (issue 16 §1: one writer at a time), stderr says so."""
        from dxhelper.store import Library

        return Library(self.paths, on_wait=self.say_waiting)

    def open_library(self, *, create: bool = True, writing: bool | None = None):  # -> Library
        """The data folder's records, open; use as `with context.open_library() as library:`.

        `writing`: hold the data folder's write lock from before the records open until the
        `with` block ends, so that no restore, backup or erasure of another dxhelper runs in
        between. By default when `create` (the import: the one command that may create the
        records, and that merges into them from start to end)."""
        from dxhelper.store import Library

        if self.paths.is_practice and not self.paths.database.exists():
            # Practice records are made only by the demo builder: a command never starts an
            # empty "practice" database that would hold real entries (issue 16 §6).
            raise DxError(
                f"練習用データがまだありません: {self.paths.database}\n"
                "先に dxhelper demo で作ってください。",
                f"There is no practice data yet: {self.paths.database}\n"
                "Make it first with: dxhelper demo",
            )
        hold_writes = create if writing is None else writing
        if create or hold_writes:
            return Library.opened(
                self.paths, create=create, on_wait=self.say_waiting, hold_writes=hold_writes
            )
        return self._open_for_reading()

    def _open_for_reading(self):  # -> Library
        """Records that already exist, opened as the window opens them (issue 19 §2): on a
        folder that cannot be written (a USB stick, a locked share, a copy on a CD) they open
        for reading, so report, sheet, handout and export work; a write says it is read-only
        only when one is asked for. A schema dxhelper did not make is still refused."""
        from dxhelper.core.errors import ReadOnlyError
        from dxhelper.store import SchemaMismatchError

        library = self.library()
        try:
            library.open(create=False)
        except SchemaMismatchError:
            raise
        except ReadOnlyError as exc:
            if not self.paths.database.is_file():
                raise
            library.open_read_only(exc)
            if isinstance(library.read_only_reason, SchemaMismatchError):
                library.close()
                raise library.read_only_reason from None
        return library

    def say_waiting(self) -> None:
        from dxhelper.store import WAITING_EN, WAITING_JA

        click.echo(WAITING_EN if self.lang == "en" else WAITING_JA, err=True)


pass_context = click.make_pass_decorator(Context)


def default_lang() -> str:
    """The language of messages when --lang is not given: $DXHELPER_LANG, else Japanese."""
    value = os.environ.get(LANG_ENV, "").strip().lower()
    return "en" if value.startswith("en") else "ja"


# --lang of a document (handout, sheet, report); the root group's --lang is the messages'.
doc_lang_option = click.option(
    "--lang", "doc_lang", type=click.Choice(["ja", "en"]), help="言語 / Language."
)
