#!/usr/bin/env bash
# The test command: in each stack's environment (set up from PyPI on first use by tools/setup_env.sh), the
# main stack runs the whole suite and the numpy-2 stack the `every_stack` subset (pytest -m every_stack).
# KEYPOINT_PLUGIN_STACKS picks the stacks (default "main numpy2"); extra arguments go to pytest, e.g.
# `KEYPOINT_PLUGIN_STACKS=main bash tools/run_tests.sh -k pipelines`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for stack in ${KEYPOINT_PLUGIN_STACKS:-main numpy2}; do
    if [ "$stack" = main ]; then subset=(); else subset=(-m every_stack); fi
    echo "[tests] $stack stack: pytest ${subset[*]} $*"
    (export KEYPOINT_PLUGIN_STACK="$stack" && source tools/setup_env.sh && python -m pytest tests "${subset[@]}" "$@")
done
