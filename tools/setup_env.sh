#!/usr/bin/env bash
# Creates (once) the virtual environment `.venv` with the pinned host stack and this plugin, from PyPI.
# Sourced by tools/run_demo.sh and tools/run_tests.sh; running it again reuses what is installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KEYPOINT_PLUGIN_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
STAMP="$VENV/.keypoint_plugin_setup"
WANT="$(cat "$ROOT/requirements.txt" "$ROOT/setup.py" | sha1sum | cut -d' ' -f1)"

if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    echo "[setup] creating $VENV (first run: a few minutes)"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check --progress-bar off)
    "${PIP[@]}" 'setuptools<81' wheel
    "${PIP[@]}" -r "$ROOT/requirements.txt"
    # mmcv 1.x ships only an sdist: build it against the torch above, without compiled ops.
    MMCV_WITH_OPS=0 "${PIP[@]}" --no-build-isolation mmcv==1.7.0
    "${PIP[@]}" --no-deps mmaction2==0.24.1
    "${PIP[@]}" --no-deps -e "$ROOT"
    echo "$WANT" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
