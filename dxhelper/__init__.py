"""dxhelper: session records, lessons and handouts for digital promotion volunteers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dxhelper")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
