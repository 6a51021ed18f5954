#!/usr/bin/env bash
# The main job: sets up .venv from PyPI on first use, generates the demo skeleton dataset, trains and tests
# the raw-keypoint model on it (CPU or GPU) and prints its metrics and cost next to PoseC3D's.
# Extra arguments go to tools/quickstart.py (see --help).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/setup_env.sh
python tools/quickstart.py "$@"
