#!/usr/bin/env bash
# Install everything (Python package with test tools, the pinned npm packages: solc-js,
# OpenZeppelin, anvil) and run the whole test suite on the embedded chain and on anvil.
# Extra arguments go to pytest, e.g. `--backend embedded` or `-k licence`.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
npm ci --no-audit --no-fund --loglevel=error
exec .venv/bin/python -m pytest "$@"
