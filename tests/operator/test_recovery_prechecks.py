"""The pre-checks of a recovery request refuse with the chain's own error, case by case.

The issue that asked for this test saw ``request_recovery`` raise ``RecoveryOtherInvestor`` where
the chain raises ``RecoverySameWallet`` (a replacement equal to the lost wallet; the pre-check
of 201238a folded both into one error). Each case here is refused twice, by the Python
pre-check and by the chain with Python bypassed, and both must name the same generated class.
"""

import pytest

from dfa import errors
from tests.operator.test_recovery import CASE, lost  # noqa: F401 (the fixture)


def _cases(market):
    world = market.world
    stranger = world.fresh_wallet()
    return {
        "the lost wallet itself": (market.alice.address, market.alice.address, errors.RecoverySameWallet),
        "another investor's wallet": (market.alice.address, market.bob.address, errors.RecoveryOtherInvestor),
        "a wallet of nobody": (market.alice.address, stranger, errors.RecoveryOtherInvestor),
        "a lost wallet of nobody": (stranger, market.alice.address, errors.RegistryUnknownWallet),
        "a lost wallet of nobody, to itself": (stranger, stranger, errors.RegistryUnknownWallet),
    }


@pytest.mark.parametrize("case", ["the lost wallet itself", "another investor's wallet", "a wallet of nobody",
                                  "a lost wallet of nobody", "a lost wallet of nobody, to itself"])
def test_the_pre_check_refuses_as_the_chain_does(lost, case):  # noqa: F811 (the fixture)
    world = lost.world
    wallet, replacement, expected = _cases(lost)[case]
    with pytest.raises(errors.RevertError) as before:
        world.registry.request_recovery(wallet, replacement, CASE, world.registrar)
    with pytest.raises(errors.RevertError) as after:  # Python bypassed
        world.client.send(world.registry.contract, "requestRecovery", wallet, replacement,
                          b"\1" * 32, signer=world.registrar, gas=300_000)
    assert type(after.value) is expected, "the case no longer shows what it is named after"
    assert type(before.value) is type(after.value) and not before.value.sent
    assert before.value.arguments == after.value.arguments


def test_a_retired_replacement_is_refused_as_the_chain_does(lost):  # noqa: F811 (the fixture)
    world = lost.world
    world.registry.remove_wallet(lost.new_wallet, world.registrar)
    with pytest.raises(errors.RecoveryReplacementRetired) as before:
        world.registry.request_recovery(lost.alice.address, lost.new_wallet, CASE, world.registrar)
    with pytest.raises(errors.RecoveryReplacementRetired) as after:
        world.client.send(world.registry.contract, "requestRecovery", lost.alice.address,
                          lost.new_wallet, b"\1" * 32, signer=world.registrar, gas=300_000)
    assert before.value.arguments == after.value.arguments and not before.value.sent
