#!/usr/bin/env bash
# The test command: sets up .venv from PyPI on first use (tools/setup_env.sh), then runs the suite.
# Extra arguments go to pytest, e.g. `bash tools/run_tests.sh -k pipelines`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/setup_env.sh
python -m pytest tests "$@"
