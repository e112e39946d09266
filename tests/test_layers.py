"""The shape of the house, checked: Qt only in dxhelper/ui, one front door to the store, core
standing on its own, and no import circles. Every module of the package is looked at, not only
the package fronts, so a lazily imported module cannot slip past."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dxhelper"

BLOCKER = """
import importlib.abc, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
        return None

sys.meta_path.insert(0, BlockQt())
import importlib
for module in {modules!r}:
    importlib.import_module(module)
leaked = sorted(m for m in sys.modules if m.startswith("PySide6"))
assert not leaked, leaked
print("ok")
"""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    name = ".".join(parts)
    return name.removesuffix(".__init__")


MODULES: dict[str, Path] = {
    _module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "__main__.py"
}


def _imports(module: str, path: Path) -> set[str]:
    """Every dxhelper module `module` imports, wherever the import stands (lazy ones too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = (
                    module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
                )
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {n for n in names if n in MODULES and n != module}
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def test_every_module_is_seen():
    # A sanity check on the walk itself: the rooms we know are all there.
    for name in ("dxhelper.store.library", "dxhelper.cli.root", "dxhelper.pdfkit", "dxhelper.ui"):
        assert name in MODULES, name
    assert len(MODULES) > 80


def test_everything_but_ui_imports_with_pyside6_blocked():
    plain = [m for m in MODULES if not (m == "dxhelper.ui" or m.startswith("dxhelper.ui."))]
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER.format(modules=plain)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_blocker_really_blocks():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER.format(modules=["PySide6.QtCore"])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "blocked" in result.stderr


def test_only_ui_imports_qt_in_its_source():
    for module, path in MODULES.items():
        if module.startswith("dxhelper.ui"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
                pytest.fail(f"{module} imports {node.module}")
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("PySide6") for a in node.names), module


def test_core_imports_nothing_of_ours_outside_core():
    for module, imported in GRAPH.items():
        if module.startswith("dxhelper.core"):
            outside = sorted(i for i in imported if not i.startswith("dxhelper.core"))
            assert not outside, f"{module} imports {outside}"


def test_nothing_outside_the_store_imports_a_store_submodule():
    reaching = sorted(
        f"{module} -> {target}"
        for module, imported in GRAPH.items()
        if not module.startswith("dxhelper.store")
        for target in imported
        if target.startswith("dxhelper.store.")
    )
    assert not reaching, reaching


def _private_store_members() -> set[str]:
    from dxhelper.store import Store

    members = {name for name in vars(Store) if name.startswith("_") and not name.endswith("__")}
    # The members the store's neighbours once reached for; they must not come back.
    return members | {"_db", "_clock", "_one", "_rows", "_write", "_now", "_shared"}


def test_no_one_uses_an_underscored_store_member_or_the_handle_from_outside():
    private = _private_store_members()
    assert "_shared" in private and "_update" in private  # the set is really read
    problems = []
    for module, path in MODULES.items():
        if module == "dxhelper.store.store":
            continue
        inside_store = module.startswith("dxhelper.store")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue  # a class's own private members are its business
            if node.attr in private:
                problems.append(f"{module}:{node.lineno} .{node.attr}")
            if node.attr == "handle" and not inside_store:
                problems.append(f"{module}:{node.lineno} .handle")
    assert not problems, problems


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle (as a path that comes back to its start), found by depth-first
    search; small enough for a package of a hundred modules."""
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            found.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            visit(target, [*path, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return found


def test_the_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_there_is_no_import_circle():
    circles = _circles(GRAPH)
    assert not circles, [" -> ".join(c) for c in circles]
