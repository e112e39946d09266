#!/usr/bin/env bash
# Set up dxhelper on a fresh Debian/Ubuntu machine, then start it or test it.
#   scripts/bootstrap.sh run    set up and start the app (on practice data when there are no real records)
#   scripts/bootstrap.sh test   set up, then run the whole test suite (ruff + pytest)
#   scripts/bootstrap.sh build  set up, build the one-folder app (PyInstaller) and self-test it
# Run as root it installs the system packages Qt and the tests need; otherwise it prints the
# exact `sudo apt-get install …` line and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

action="${1:-run}"
case "$action" in run|test|setup|build) ;; *) echo "usage: $0 run|test|setup|build" >&2; exit 2 ;; esac

# Qt's runtime libraries, the Japanese fonts handouts embed, PDF/QR tools the tests use, and a
# virtual screen for running the window without a display.
SYSTEM_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0
  fonts-morisawa-bizud-gothic fonts-ipaexfont-gothic poppler-utils zbar-tools xvfb
)

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || { echo "Not Debian/Ubuntu: install Qt 6's runtime libraries and a Japanese font yourself."; return 0; }
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "These system packages are missing. Install them, then run this again:"
    echo "  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
}

setup_python() {
  local py="${PYTHON:-python3}"
  "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "dxhelper needs Python 3.11 or newer ($py is $("$py" --version 2>&1))." >&2; exit 1; }
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev]"
  # The app's translations: .qm files are built from the .ts sources, never edited by hand.
  for ts in resources/i18n/*.ts; do
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
  done
}

install_system_packages
setup_python

case "$action" in
  setup) echo "Set up. Start with: .venv/bin/dxhelper" ;;
  run)
    # No real records yet: start on the practice data (made up, in a folder of its own;
    # Settings → Records switches to real use). Real records are opened as they are.
    if .venv/bin/python -c 'import sys; from dxhelper.paths import DataPaths; sys.exit(DataPaths.resolve().database.exists())'; then
      .venv/bin/dxhelper demo --if-missing
      exec .venv/bin/dxhelper --practice
    fi
    exec .venv/bin/dxhelper
    ;;
  build)
    .venv/bin/python -m pip install -q -e ".[dev,build]"
    rm -rf build dist
    .venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
    echo "Built dist/dxhelper ($(du -sh dist/dxhelper | cut -f1)); running its self-test:"
    QT_QPA_PLATFORM=offscreen dist/dxhelper/dxhelper-cli --self-test
    # The folder's budget (issue 19 §10), in MB of 2^20 bytes as the build log counts them.
    # About 147 MB here, 36 MB of it Qt's ICU (Linux only: Windows' Qt uses the system's).
    size_mb=$(du -sm --apparent-size dist/dxhelper | cut -f1)
    if [ "$size_mb" -gt 150 ]; then
      echo "dist/dxhelper is $size_mb MB, over its 150 MB budget: see the largest files above." >&2
      exit 1
    fi
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    exec .venv/bin/pytest -q
    ;;
esac
