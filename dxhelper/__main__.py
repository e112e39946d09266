"""`python -m dxhelper` runs the same command as the `dxhelper` entry point."""

from dxhelper.cli import main

if __name__ == "__main__":
    main()
