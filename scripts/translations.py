"""Keep the Qt translation sources in step with the code.

    python scripts/translations.py update   # pyside6-lupdate: every tr() string into the .ts
    python scripts/translations.py check    # list strings still untranslated (exit 1 if any)
    python scripts/translations.py build    # pyside6-lrelease: .ts -> .qm (setup does this too)

Translate in the .ts files (Qt Linguist, `pyside6-linguist`, or any editor); never edit a .qm.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TOOLS = Path(sys.executable).parent


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "dxhelper" / "ui").glob("*.py"))


def update(ts: Path) -> None:
    # English is the source language: its .ts only holds the plural forms ("1 step", "2 steps").
    plural_only = ["-pluralonly"] if ts.stem.endswith("_en") else []
    subprocess.run(
        [
            str(TOOLS / "pyside6-lupdate"),
            "-locations",
            "none",
            "-no-obsolete",
            *plural_only,
            *sources(),
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type")
                in (
                    "unfinished",
                    "vanished",
                    "obsolete",
                )
                or (message.get("numerus") != "yes" and not (translation.text or "").strip())
            ):
                missing.append((name, message.findtext("source", "")))
    return missing


def build(ts: Path) -> None:
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
        check=True,
    )


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else "check"
    status = 0
    for ts in sorted(I18N.glob("*.ts")):
        if action == "update":
            update(ts)
        if action == "build":
            build(ts)
        if action in ("update", "check"):
            missing = unfinished(ts)
            for context, source in missing:
                print(f"{ts.name}: {context}: {source!r}")
            print(f"{ts.name}: {len(missing)} untranslated")
            status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
