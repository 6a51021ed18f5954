#!/usr/bin/env bash
# The test command: in each stack's environment (set up from PyPI on first use by tools/setup_env.sh), the
# main stack runs the whole suite, the numpy-2 stack the `every_stack` subset (pytest -m every_stack) and the
# MMAction2 1.x stack the `mmaction1x` subset (pytest -m mmaction1x; the rest of the suite drives mmcv 1.x APIs).
# The markers are registered in tests/conftest.py.
# KEYPOINT_PLUGIN_STACKS picks the stacks (default "main numpy2 mmaction1x"); extra arguments go to pytest, e.g.
# `KEYPOINT_PLUGIN_STACKS=main bash tools/run_tests.sh -k pipelines`.
# Tests run in KEYPOINT_PLUGIN_TEST_WORKERS pytest-xdist processes (default: one per core), each with one torch /
# OpenMP thread unless OMP_NUM_THREADS says otherwise: most tests are short processes and small models, where
# processes side by side beat threads inside one (2-core machine, clean clone: the main suite in 7 min 49 s, against
# 30 min in one process the round before).
set -euo pipefail
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for stack in ${KEYPOINT_PLUGIN_STACKS:-main numpy2 mmaction1x}; do
    case "$stack" in
        main) subset=(tests) ;;
        mmaction1x) subset=(tests -m mmaction1x) ;;
        *) subset=(tests -m every_stack) ;;
    esac
    echo "[tests] $stack stack: pytest ${subset[*]} $*"
    (export KEYPOINT_PLUGIN_STACK="$stack" && source tools/setup_env.sh &&
        python -m pytest -n "${KEYPOINT_PLUGIN_TEST_WORKERS:-auto}" "${subset[@]}" "$@")
done
