#!/usr/bin/env bash
# The invariant campaigns of tests/foundry/ with Foundry's forge (npm @foundry-rs/forge, compiling
# with the pinned solc-js through scripts/solc-js-wrapper; nothing is downloaded).
#   bash scripts/invariants.sh          CI size: 2 campaigns x 500 runs x 250 calls = 250,000 calls
#   bash scripts/invariants.sh --deep   2 x 10,000 x 250 = 5,000,000 calls (hours; see README)
# Further arguments go to `forge test` (e.g. -vvv, --show-progress). The exit code is forge's: a
# broken invariant fails, with the shrunk sequence of calls that broke it.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=default
if [[ "${1:-}" == "--deep" ]]; then
  profile=deep
  shift
fi
[[ -x node_modules/.bin/forge ]] || npm ci --no-audit --no-fund --loglevel=error
# The platform's binary itself: the npm package's `forge` launcher (bin.mjs, 1.7.1) exits 0 whatever
# forge's exit code was, which would hide a broken invariant from CI.
forge=(node_modules/@foundry-rs/forge-*/bin/forge)
[[ -x "${forge[0]}" ]] || { echo "no forge binary for this platform under node_modules/@foundry-rs/" >&2; exit 1; }
FOUNDRY_PROFILE=$profile exec "${forge[0]}" test --match-path 'tests/foundry/*' "$@"
