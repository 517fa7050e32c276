"""ERC-7943 (uRWA), fungible variant, as its final text defines it; and the ERC-1404 pre-check at its edges.

The interface is `IERC7943Fungible` of the ERCs repository (`assets/erc-7943/contracts/interfaces/
IERC7943.sol`, ERC status Final): `forcedTransfer(address,address,uint256)`,
`setFrozenTokens(address,uint256)`, `canSend`, `canReceive`, `canTransfer`, `getFrozenTokens`, the
events `ForcedTransfer` and `Frozen`, and ERC-165 id 0x3edbb4c4. Every view is checked for each
standing a wallet can have; the acts need their legal reference in the same transaction.
"""

import pytest
from eth_utils import function_signature_to_4byte_selector as selector

from dfa import errors, restrictions as r
from dfa.enforcement import Enforcement
from dfa.restrictions import Restriction
from dfa.types import reference_to_bytes
from tests.issuer.helpers import allocate

CASE = "Court 2-117/2026"
ERC7943_FUNCTIONS = ("forcedTransfer(address,address,uint256)", "setFrozenTokens(address,uint256)",
                     "canSend(address)", "canReceive(address)", "getFrozenTokens(address)",
                     "canTransfer(address,address,uint256)")
# (name, [(type, indexed)]) exactly as IERC7943Fungible declares them
ERC7943_EVENTS = {
    "ForcedTransfer": [("address", True), ("address", True), ("uint256", False)],
    "Frozen": [("address", True), ("uint256", False)],
}
ERC7943_ERRORS = {
    "ERC7943CannotSend": ["address"],
    "ERC7943CannotReceive": ["address"],
    "ERC7943CannotTransfer": ["address", "address", "uint256"],
    "ERC7943InsufficientUnfrozenBalance": ["address", "uint256", "uint256"],
}


@pytest.fixture
def held(market):
    for name in ("alice", "bob", "carol"):
        allocate(market, name, "1000")
    return market


def _abi(token, kind):
    return {item["name"]: item for item in token.contract.abi if item["type"] == kind}


def test_the_token_is_an_erc7943_fungible_token(market):
    token = market.token
    interface_id = 0
    for signature in ERC7943_FUNCTIONS:
        interface_id ^= int.from_bytes(selector(signature), "big")
    assert interface_id == 0x3EDBB4C4  # the id the ERC publishes
    assert token._call("supportsInterface", interface_id.to_bytes(4, "big"))
    functions = {f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"
                 for item in token.contract.abi if item["type"] == "function"}
    assert set(ERC7943_FUNCTIONS) <= functions
    for name in ("forcedTransfer", "setFrozenTokens"):  # no overload with extra arguments is left
        assert sum(1 for f in functions if f.startswith(name + "(")) == 1
    events = _abi(token, "event")
    for name, inputs in ERC7943_EVENTS.items():
        assert [(i["type"], i["indexed"]) for i in events[name]["inputs"]] == inputs, name
    errors_ = _abi(token, "error")
    for name, inputs in ERC7943_ERRORS.items():
        assert [i["type"] for i in errors_[name]["inputs"]] == inputs, name


def _standings(held):
    """wallet -> its standing, each set up on the chain."""
    world, agent = held.world, held.enforcement_agent
    acts = Enforcement(held.token)
    acts.freeze_wallet(held.bob.address, CASE, agent)
    acts.freeze_tokens(held.carol.address, "600", CASE, agent)
    allocate(held, "dave", "1000")
    world.registry.suspend(held.ids["dave"], "AML review", world.registrar)
    expiring = world.new_investor(60, kyc_valid_until=world.client.now() + 100)
    world.registry.register(expiring, world.registrar)
    held.token.allocate(held.decision_id, expiring.wallet, "1000", held.issuer_agent)
    world.client.travel(100)  # its KYC has just run out; everyone else's holds for a year
    return {
        "verified": held.alice.address,
        "frozen whole": held.bob.address,
        "partly frozen": held.carol.address,
        "suspended": held.dave.address,
        "kyc expired": expiring.wallet,
        "unregistered": world.fresh_wallet(),
    }


# standing -> (canSend, canReceive, getFrozenTokens, code sending 1 to alice, code receiving 1 from alice)
EXPECTED = {
    "verified": (True, True, 0, Restriction.SUCCESS, Restriction.SUCCESS),
    "frozen whole": (False, False, 1000, Restriction.SENDER_FROZEN, Restriction.RECEIVER_FROZEN),
    "partly frozen": (True, True, 600, Restriction.SUCCESS, Restriction.SUCCESS),
    "suspended": (False, False, 0, Restriction.SENDER_SUSPENDED, Restriction.RECEIVER_SUSPENDED),
    "kyc expired": (False, False, 0, Restriction.SENDER_KYC_EXPIRED, Restriction.RECEIVER_KYC_EXPIRED),
    "unregistered": (False, False, 0, Restriction.SENDER_NOT_REGISTERED, Restriction.RECEIVER_NOT_REGISTERED),
}


def test_every_view_answers_for_every_standing(held):
    token = held.token
    wallets = _standings(held)
    alice = wallets["verified"]
    call = token.contract.functions
    for standing, wallet in wallets.items():
        send, receive, frozen, code_out, code_in = EXPECTED[standing]
        assert call.canSend(wallet).call() is send, standing
        assert call.canReceive(wallet).call() is receive, standing
        assert token.frozen_tokens(wallet) == frozen, standing
        if standing != "verified":
            assert call.detectTransferRestriction(wallet, alice, 100).call() == code_out, standing
            assert call.canTransfer(wallet, alice, 100).call() is (code_out == Restriction.SUCCESS), standing
        assert call.detectTransferRestriction(alice, wallet, 100).call() == code_in, standing
        assert call.canTransfer(alice, wallet, 100).call() is (code_in == Restriction.SUCCESS), standing
    carol = wallets["partly frozen"]  # the frozen part shows in canTransfer, not in canSend
    assert call.canTransfer(carol, alice, 40000).call() and not call.canTransfer(carol, alice, 40001).call()
    assert call.detectTransferRestriction(carol, alice, 40001).call() == Restriction.FROZEN_TOKENS


def test_a_whole_wallet_freeze_shows_in_every_standard_view_and_event(held):
    token, agent, acts = held.token, held.enforcement_agent, Enforcement(held.token)
    alice, call = held.alice.address, held.token.contract.functions
    acts.freeze_tokens(alice, "300", CASE, agent)
    receipt = acts.freeze_wallet(alice, CASE, agent)
    assert token.receipt_events(receipt, "Frozen") == [{"account": alice, "amount": 100000}]
    assert token.frozen_tokens(alice) == 1000  # the whole balance, not the 300 of the partial freeze
    assert not call.canSend(alice).call() and not call.canReceive(alice).call()
    assert not call.canTransfer(alice, held.bob.address, 1).call()
    receipt = acts.unfreeze_wallet(alice, "lifted", agent)
    assert token.receipt_events(receipt, "Frozen") == [{"account": alice, "amount": 30000}]  # the partial freeze stays
    assert token.frozen_tokens(alice) == 300
    assert call.canSend(alice).call() and call.canReceive(alice).call()


def _reference(text):
    return reference_to_bytes(text)


def test_the_acts_need_their_legal_reference_in_the_same_transaction(held):
    token, client, agent = held.token, held.world.client, held.enforcement_agent
    alice, bob = held.alice.address, held.bob.address
    for function, args in (("setFrozenTokens", [alice, 100]), ("forcedTransfer", [alice, bob, 100])):
        with pytest.raises(errors.DFALegalReferenceRequired):
            client.send(token.contract, function, *args, signer=agent, gas=300_000)
    # a reference set in an earlier transaction is gone (transient storage)
    client.send(token.contract, "setLegalReference", _reference(CASE), 0, signer=agent, gas=100_000)
    with pytest.raises(errors.DFALegalReferenceRequired):
        client.send(token.contract, "setFrozenTokens", alice, 100, signer=agent, gas=300_000)
    # a reference names the one act that follows it
    freeze = token._encode("setFrozenTokens", alice, 100)
    with pytest.raises(errors.DFALegalReferenceRequired):
        client.send(token.contract, "multicall",
                    [token._encode("setLegalReference", _reference(CASE), 0), freeze, freeze], signer=agent, gas=400_000)
    with pytest.raises(errors.DFALegalReferenceRequired):
        client.send(token.contract, "multicall",
                    [token._encode("setLegalReference", bytes(32), 0), freeze], signer=agent, gas=400_000)
    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        client.send(token.contract, "setLegalReference", _reference(CASE), 0, signer=held.compliance_agent, gas=100_000)
    assert token.frozen_tokens(alice) == 0

    receipt = client.send(token.contract, "multicall",
                          [token._encode("setLegalReference", _reference("Order 1"), 0), freeze,
                           token._encode("setLegalReference", _reference("Order 2"), 0),
                           token._encode("forcedTransfer", alice, bob, 50000)], signer=agent, gas=600_000)
    [frozen] = token.receipt_events(receipt, "TokensFrozen")
    assert frozen["legalReference"] == _reference("Order 1") and frozen["actor"] == agent.address
    [moved] = token.receipt_events(receipt, "ForcedTransferExecuted")
    assert moved["legalReference"] == _reference("Order 2") and moved["amount"] == 50000


def test_the_python_acts_send_one_transaction_with_their_reference(held):
    token, client, agent, acts = held.token, held.world.client, held.enforcement_agent, Enforcement(held.token)
    until = client.now() + 1000
    receipt = acts.freeze_tokens(held.alice.address, "250", "Case 5", agent, until=until)
    [frozen] = token.receipt_events(receipt, "TokensFrozen")
    assert (frozen["amount"], frozen["until"], frozen["legalReference"]) == (25000, until, _reference("Case 5"))
    assert token.receipt_events(receipt, "Frozen") == [{"account": held.alice.address, "amount": 25000}]
    receipt = acts.forced_transfer(held.alice.address, held.bob.address, "10", "Order 7", agent)
    [moved] = token.receipt_events(receipt, "ForcedTransferExecuted")
    assert moved["legalReference"] == _reference("Order 7")
    history = acts.history()
    assert [(a.kind, a.legal_reference) for a in history] == [("freeze tokens", "Case 5"),
                                                              ("forced transfer", "Order 7")]
    assert history[0].until == until


def test_the_zero_address_is_refused_by_the_pre_checks(held):
    token, call, alice = held.token, held.token.contract.functions, held.alice.address
    zero = "0x" + "00" * 20
    assert call.detectTransferRestriction(alice, zero, 100).call() == Restriction.RECEIVER_NOT_REGISTERED
    assert call.detectTransferRestriction(zero, alice, 100).call() == Restriction.SENDER_NOT_REGISTERED
    assert not call.canTransfer(alice, zero, 100).call() and not call.canTransfer(zero, alice, 100).call()
    assert not call.canSend(zero).call() and not call.canReceive(zero).call()
    with pytest.raises(errors.ValidationError, match="zero address"):  # Python refuses it before asking
        token.check_transfer(alice, zero, "1")
    # a redemption (a burn) is still pre-checked by its own rules
    Enforcement(token).freeze_tokens(alice, "1000", CASE, held.enforcement_agent)
    with pytest.raises(r.FrozenTokens) as before:
        token.redeem(alice, "1", held.issuer_agent)
    assert not before.value.sent
    token.redeem(held.bob.address, "1", held.issuer_agent)
    assert token.balance_of(held.bob.address) == 999
