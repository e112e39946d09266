"""build.spec leaves parts of Python, Pillow, fontTools and Qt out of the one-folder build
(issue 19 §10). A part left out is only noticed when the frozen app reaches it, so these
checks read the spec and the code instead: nothing the app imports is excluded, no picture
format a lesson may use lacks its Qt plugin, and the code calls nothing that needs what is
left out (OpenSSL's hashes, Pillow's FreeType). Fast: no build, no Qt."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from dxhelper.core.lessons import parser

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
CODE = sorted((ROOT / "dxhelper").rglob("*.py"))


def _spec_constant(name: str):
    """A literal assigned at the spec's top level (a list, tuple or set of strings)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec has no {name}")


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function; `from a import b` counts
    as a and a.b (b may be a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _excluded(module: str, excludes: list[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in excludes)


def test_the_app_imports_nothing_the_build_excludes():
    excludes = _spec_constant("EXCLUDES")
    # "PIL._imagingft" is the FreeType binding: ImageFont imports without it but cannot
    # draw text, so the app must not use ImageFont either.
    forbidden = [*excludes, "PIL.ImageFont"]
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {module}"
        for path in CODE
        for module in _imports(path)
        if _excluded(module, forbidden)
    )
    assert offenders == []


def test_the_code_uses_no_hash_that_needs_openssl():
    # _hashlib is left out: hashlib keeps md5/sha1/sha2/sha3/blake2 (Python's own modules);
    # scrypt needs OpenSSL (the app's scrypt is cryptography's, which has its own).
    assert "_hashlib" in _spec_constant("EXCLUDES")
    pattern = re.compile(r"hashlib\.(scrypt|pbkdf2_hmac)\b|hashlib\.new\(\s*['\"](?!(md5|sha))")
    offenders = [
        str(path.relative_to(ROOT)) for path in CODE if pattern.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_every_picture_format_a_lesson_may_use_has_its_qt_plugin():
    # PNG is built into QtGui; everything else is a plugin the spec must keep.
    plugin_for = {".png": None, ".jpg": "qjpeg", ".jpeg": "qjpeg", ".svg": "qsvg"}
    kept = _spec_constant("KEPT_IMAGE_FORMATS")
    unknown = sorted(set(parser._IMAGE_SUFFIXES) - set(plugin_for))
    assert unknown == [], f"add the Qt plugin for {unknown} here and to KEPT_IMAGE_FORMATS"
    missing = sorted(
        suffix
        for suffix in parser._IMAGE_SUFFIXES
        if plugin_for[suffix] is not None and plugin_for[suffix] not in kept
    )
    assert missing == []
    assert "qsvg" in kept  # the window's icon is resources/icons/dxhelper.svg
