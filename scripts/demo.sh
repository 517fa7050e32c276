#!/usr/bin/env bash
# Install dfa into .venv and run the demo on the embedded chain: no node and no compiler needed.
# Extra arguments go to the demo, e.g. `--rpc http://127.0.0.1:8545` for a running anvil.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/python scripts/demo.py "$@"
