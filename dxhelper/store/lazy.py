"""Names a package exports but loads only when first asked for (issue 19 §8): opening the
records needs none of the bundle, report, restore or copy code, so a start does not load it."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, where: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: a name in `where` is imported from the module it
    maps to the first time it is asked for, and kept in `namespace` (the package's globals)."""

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
