#!/usr/bin/env bash
# Creates (once) the virtual environment of one stack with the pinned host stack and this plugin, from PyPI.
# Sourced by tools/run_demo.sh and tools/run_tests.sh; running it again reuses what is installed.
#   KEYPOINT_PLUGIN_STACK=main       (default) requirements/main.txt       -> .venv           MMAction2 0.24.1
#   KEYPOINT_PLUGIN_STACK=numpy2               requirements/numpy2.txt     -> .venv-numpy2    MMAction2 0.24.1
#   KEYPOINT_PLUGIN_STACK=mmaction1x           requirements/mmaction1x.txt -> .venv-mmaction1x MMAction2 1.2.0
# KEYPOINT_PLUGIN_VENV overrides the folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="${KEYPOINT_PLUGIN_STACK:-main}"
REQUIREMENTS="$ROOT/requirements/$STACK.txt"
[ -f "$REQUIREMENTS" ] || { echo "[setup] unknown stack '$STACK': no $REQUIREMENTS" >&2; return 1 2>/dev/null || exit 1; }
if [ "$STACK" = main ]; then DEFAULT_VENV="$ROOT/.venv"; else DEFAULT_VENV="$ROOT/.venv-$STACK"; fi
VENV="${KEYPOINT_PLUGIN_VENV:-$DEFAULT_VENV}"
PYTHON="${PYTHON:-python3}"
STAMP="$VENV/.keypoint_plugin_setup"
WANT="$(cat "$REQUIREMENTS" "$ROOT/setup.py" | sha1sum | cut -d' ' -f1)"

if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    echo "[setup] creating $VENV for the $STACK stack (first run: a few minutes)"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check --progress-bar off)
    "${PIP[@]}" 'setuptools<81' wheel
    "${PIP[@]}" -r "$REQUIREMENTS"
    if [ "$STACK" = mmaction1x ]; then
        # mmcv 2.1 without compiled ops is the pure-Python mmcv-lite wheel; mmaction2's own requirements would
        # pull the full mmcv (built from source), hence --no-deps.
        "${PIP[@]}" mmcv-lite==2.1.0
        "${PIP[@]}" --no-deps mmaction2==1.2.0
    else
        # mmcv 1.x ships only an sdist: build it against the torch above, without compiled ops.
        MMCV_WITH_OPS=0 "${PIP[@]}" --no-build-isolation mmcv==1.7.0
        "${PIP[@]}" --no-deps mmaction2==0.24.1
    fi
    "${PIP[@]}" --no-deps -e "$ROOT"
    echo "$WANT" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
