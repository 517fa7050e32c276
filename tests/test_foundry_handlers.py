"""The forge invariant campaigns (tests/foundry/) reach every state-changing function.

`dfa/access.py` lists every state-changing function of every contract (its own tests read the
ABIs, so a new function cannot escape it); each must be called by the campaigns' handler, or a
new function would go untested by them. Run the campaigns with `bash scripts/invariants.sh`.
"""

import re
from pathlib import Path

from dfa.access import INTENDED

HANDLER = Path(__file__).parent / "foundry" / "Handler.sol"


def test_the_invariant_handler_calls_every_state_changing_function():
    source = HANDLER.read_text()
    calls = set(re.findall(r"abi\.encode(?:Call|WithSignature)\(\s*(?:[\w.]+\.)?(\w+)", source))
    calls |= set(re.findall(r'abi\.encodeWithSignature\(\s*"(\w+)\(', source))
    missing = sorted(f"{contract}.{function}" for contract, functions in INTENDED.items()
                     for function in functions if function not in calls)
    assert missing == []
