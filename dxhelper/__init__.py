"""dxhelper: session records, lessons and handouts for digital promotion volunteers."""

# Kept equal to pyproject.toml's version by a test; a constant (not importlib.metadata) keeps
# the window's start fast and works the same in a frozen build.
__version__ = "0.1.0"
