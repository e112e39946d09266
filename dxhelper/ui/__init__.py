"""The PySide6 desktop app. The only package that imports Qt."""

import sys

import PySide6.QtCore  # noqa: F401 - loads PySide6's import hook, made quicker below


def _quicker_pyside_check() -> None:
    """PySide6 looks at every module imported after it for the text "PySide6" (to know which
    modules may switch its `__feature__` options) through `inspect.getsource`, which costs
    40-60 ms of each start over the 200 modules the window imports. The same question is
    answered here from the module file's bytes; anything else (no .py file, unreadable) goes
    to PySide6's own check. Nothing is changed if that hook is not there (another version)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "dxhelper_quick", False):
        return

    def uses_pyside(module: object) -> bool:
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if isinstance(origin, str) and origin.endswith(".py"):
            try:
                with open(origin, "rb") as file:
                    return b"PySide6" in file.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.dxhelper_quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


_quicker_pyside_check()
