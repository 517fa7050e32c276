"""Assertions shared by the token tests: a rule blocks what it must, and lets through what it must."""

import pytest

from dfa.restrictions import Restriction


def refused(market, cls, sender, receiver: str, amount: str):
    """The pre-check names the reason; Python refuses before sending; the chain refuses a sent transaction alike."""
    token, client = market.token, market.world.client
    check = token.check_transfer(sender.address, receiver, amount)
    assert check.reason is cls.reason and not check.allowed
    assert not token.contract.functions.canTransfer(sender.address, receiver, token.units(amount)).call()
    block = client.w3.eth.block_number
    with pytest.raises(cls) as before:
        token.transfer(receiver, amount, sender)
    assert not before.value.sent and client.w3.eth.block_number == block
    with pytest.raises(cls) as after:  # Python bypassed: the chain is the guard
        client.send(token.contract, "transfer", receiver, token.units(amount), signer=sender, gas=400_000)
    assert after.value.sent
    assert (after.value.sender, after.value.value) == (sender.address, token.units(amount))
    # the standard errors (ERC20InsufficientBalance, ERC7943InsufficientUnfrozenBalance) name no receiver
    assert after.value.receiver == (receiver if after.value.name == "DFARestricted" else None)


def passes(market, sender, receiver: str, amount: str):
    token = market.token
    assert token.check_transfer(sender.address, receiver, amount).reason is Restriction.SUCCESS
    # the yes/no pre-check runs in the admin module: it must agree with the token's own answer
    assert token.contract.functions.canTransfer(sender.address, receiver, token.units(amount)).call()
    before = token.balance_of(receiver)
    token.transfer(receiver, amount, sender)
    assert token.balance_of(receiver) == before + token.amount(token.units(amount))


def allocate(market, name: str, amount: str = "1000"):
    market.token.allocate(market.decision_id, market.investors[name].address, amount, market.issuer_agent)
