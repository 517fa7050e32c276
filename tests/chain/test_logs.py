"""The fast log decoder gives what web3's own decoding gives, for every event the market emitted."""

from dfa.chain.events import iter_logs
from dfa.issuer import DenyRule, Rules
from tests.issuer.helpers import allocate


def test_decoded_logs_equal_web3s(market):
    market.token.set_rules(Rules(denied_countries=["US"], deny_rules=[DenyRule(residency="KZ", kinds=["legal_entity"],
                                                                              exempt_flags=["licensed_miner"])]),
                           market.compliance_agent)
    allocate(market, "alice", "10")
    compared = 0
    for api in (market.token, market.world.registry):
        for entry in api.contract.abi:
            if entry["type"] != "event":
                continue
            event = getattr(api.contract.events, entry["name"])
            ours = list(iter_logs(market.world.client, event))
            theirs = event.get_logs(from_block=0)
            assert [log["args"] for log in ours] == [_plain(log["args"]) for log in theirs], entry["name"]
            assert [(log["blockNumber"], log["logIndex"]) for log in ours] == \
                [(log["blockNumber"], log["logIndex"]) for log in theirs]
            compared += len(ours)
    assert compared > 10  # registrations, roles, rules (a struct array), decisions, an allocation


def _plain(value):
    """web3's AttributeDicts and lists as plain dicts and tuples."""
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    return value
