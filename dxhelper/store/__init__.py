"""The only code that touches SQLite. Everything else goes through `Store`."""

from dxhelper.store.store import CheckReport, Store

__all__ = ["CheckReport", "Store"]
