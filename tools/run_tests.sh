#!/usr/bin/env bash
# The test command: in each stack's environment (set up from PyPI on first use by tools/setup_env.sh), the
# main stack runs the whole suite, the numpy-2 stack the `every_stack` subset (pytest -m every_stack) and the
# MMAction2 1.x stack the `mmaction1x` subset (pytest -m mmaction1x; the rest of the suite drives mmcv 1.x APIs).
# The markers are registered in tests/conftest.py.
# KEYPOINT_PLUGIN_STACKS picks the stacks (default "main numpy2 mmaction1x"); extra arguments go to pytest, e.g.
# `KEYPOINT_PLUGIN_STACKS=main bash tools/run_tests.sh -k pipelines`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for stack in ${KEYPOINT_PLUGIN_STACKS:-main numpy2 mmaction1x}; do
    case "$stack" in
        main) subset=(tests) ;;
        mmaction1x) subset=(tests -m mmaction1x) ;;
        *) subset=(tests -m every_stack) ;;
    esac
    echo "[tests] $stack stack: pytest ${subset[*]} $*"
    (export KEYPOINT_PLUGIN_STACK="$stack" && source tools/setup_env.sh && python -m pytest "${subset[@]}" "$@")
done
