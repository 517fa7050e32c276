"""Every write of the token is pre-checked exactly once: by its gas estimate, with no read of the rules beside it.

The node is asked through a counting wrapper around the provider (single and batch requests), so a
second pre-check (a ``detect*Restriction`` call before the estimate) cannot come back unnoticed.
"""

from collections import Counter

import pytest

from dfa import errors
from dfa import restrictions as r
from tests.issuer.helpers import allocate

SENDS = ("eth_sendTransaction", "eth_sendRawTransaction")


@pytest.fixture
def held(market):
    allocate(market, "alice", "1000")
    market.token.approve(market.bob.address, "5", market.alice)
    market.token.decimals, market.token.symbol  # read once per token, cached: not part of a write
    return market


@pytest.fixture
def requests_to_node(held, monkeypatch):
    """Counts the JSON-RPC methods the client asks the node for, from here on."""
    provider = held.world.client.w3.provider
    counted: Counter = Counter()
    single = provider.make_request

    def make_request(method, params):
        counted[method] += 1
        return single(method, params)

    monkeypatch.setattr(provider, "make_request", make_request)
    monkeypatch.setattr(provider, "_request_func_cache", (None, None))  # web3 keeps the method it bound first
    if held.world.client.backend.batches:  # a JSON-RPC node: the estimate travels in a batch with the fee read
        batch = provider.make_batch_request

        def make_batch_request(requests):
            counted.update(method for method, _ in requests)
            return batch(requests)

        monkeypatch.setattr(provider, "make_batch_request", make_batch_request)
    return counted


WRITES = {
    "transfer": lambda m, to: m.token.transfer(to, "10", m.alice),
    "transfer_many": lambda m, to: m.token.transfer_many([(m.carol.address, "1"), (to, "2")], m.alice),
    "transfer_from": lambda m, to: m.token.transfer_from(m.alice.address, to, "5", m.bob),
    "allocate": lambda m, to: m.token.allocate(m.decision_id, to, "100", m.issuer_agent),
    "allocate_many": lambda m, to: m.token.allocate_many(m.decision_id, [(m.carol.address, "100"), (to, "100")],
                                                         m.issuer_agent),
}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_that_passes_is_estimated_once_and_checked_by_nothing_else(held, requests_to_node, write):
    WRITES[write](held, held.bob.address)
    assert requests_to_node["eth_estimateGas"] == 1 and requests_to_node["eth_call"] == 0
    assert sum(requests_to_node[method] for method in SENDS) == 1


@pytest.mark.parametrize("write", WRITES)
def test_a_refused_write_is_refused_by_its_estimate_alone_with_the_rules_class(held, requests_to_node, write):
    stranger = held.world.fresh_wallet()  # registered nowhere
    with pytest.raises(r.ReceiverNotRegistered) as refused:
        WRITES[write](held, stranger)
    assert not refused.value.sent and refused.value.receiver == stranger
    assert requests_to_node["eth_estimateGas"] == 1 and requests_to_node["eth_call"] == 0
    assert sum(requests_to_node[method] for method in SENDS) == 0


def test_a_redemption_is_estimated_once(held, requests_to_node):
    with pytest.raises(r.InsufficientBalance) as refused:
        held.token.redeem(held.alice.address, "1000.01", held.issuer_agent)
    assert (refused.value.sender, refused.value.value) == (held.alice.address, 100001)
    held.token.redeem(held.alice.address, "1", held.issuer_agent)
    assert requests_to_node["eth_estimateGas"] == 2 and requests_to_node["eth_call"] == 0


def test_a_short_allowance_is_named_from_the_estimate(held, requests_to_node):
    with pytest.raises(errors.ValidationError, match=r"may move only 5\.00? SGB29 .*the holder must approve 6"):
        held.token.transfer_from(held.alice.address, held.carol.address, "6", held.bob)
    assert requests_to_node["eth_estimateGas"] == 1 and requests_to_node["eth_call"] == 0
    assert sum(requests_to_node[method] for method in SENDS) == 0
