#!/usr/bin/env bash
# Quick start: install treatylogic (with the report extra) into ./.venv and run the main job,
# the five readings of the first Karakhan Manifesto on 2 September 2024.
#
# Works from a fresh clone with nothing activated, also where the system Python refuses
# `pip install` (Debian, Ubuntu: PEP 668 "externally-managed-environment"): everything goes
# into a virtual environment of its own. Uses pipx instead when venv is missing and pipx is
# there. Settings: PYTHON (default python3), TREATYLOGIC_VENV (default .venv).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
VENV="${TREATYLOGIC_VENV:-.venv}"
MAIN_JOB=(compare karakhan-1919 --at 2024-09-02)

fail() { echo "error: $*" >&2; exit 2; }

command -v "$PYTHON" >/dev/null 2>&1 \
  || fail "$PYTHON not found; install Python 3.11 or later (Debian/Ubuntu: sudo apt install python3 python3-venv)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || fail "treatylogic needs Python 3.11 or later; $PYTHON is $("$PYTHON" -V 2>&1)"

if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    if command -v pipx >/dev/null 2>&1; then
      echo "venv is not available; installing with pipx instead" >&2
      pipx install --force '.[report]'
      exec treatylogic "${MAIN_JOB[@]}"
    fi
    fail "cannot make a virtual environment with $PYTHON; on Debian/Ubuntu run" \
         "'sudo apt install python3-venv' (or install pipx), then run this script again"
  fi
fi
echo "installing treatylogic into $VENV ..." >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check '.[report]' \
  || fail "pip could not install treatylogic into $VENV (see the messages above)"
"$VENV/bin/treatylogic" "${MAIN_JOB[@]}"
echo >&2
echo "Installed. Next: $VENV/bin/treatylogic --help, or 'source $VENV/bin/activate' first;" >&2
echo "a report to share: $VENV/bin/treatylogic report --at 2024-09-02 --out report.html" >&2
