"""The factory: licensed operators only, deterministic addresses, nothing half-made."""

import pytest

from dfa import errors
from dfa.issuer import DFAToken
from dfa.regulator import LicenseTerms
from dfa.restrictions import IssuanceLicenseInactive
from tests.conftest import bond_spec


def test_the_token_is_recorded_with_its_operator_and_issuer(market):
    token, world = market.token, market.world
    assert market.factory.record_of(token.address) == (world.operator.address, market.admin.address)
    assert token.address == market.factory.predict_address(world.operator.address, "SGB29")
    assert [t.address for t in market.factory.tokens()] == [token.address]
    info = token.info()
    assert (info.symbol, info.decimals, info.asset_class.name, info.jurisdiction) == ("SGB29", 2, "DEBT", 398)
    assert info.operator == world.operator.address and info.registry == world.registry.address
    assert token.decision("BOND-2026-01").version == 1


def test_an_operator_without_an_issuance_licence_cannot_create_tokens(market):
    world = market.world
    world.licenses.suspend(world.operator.address, "Order 5", world.regulator)
    spec = bond_spec(world, market.roles, symbol="SGB30", decision=None)
    block = world.client.w3.eth.block_number
    with pytest.raises(errors.FactoryOperatorNotLicensed) as refused:
        market.factory.create_token(spec, world.registry, world.operator)
    assert not refused.value.sent and world.client.w3.eth.block_number == block
    with pytest.raises(errors.FactoryOperatorNotLicensed) as onchain:  # Python bypassed
        world.client.send(market.factory.contract, "createToken",
                          _config(spec, world), [], b"\1" * 32, signer=world.operator, gas=3_000_000)
    assert onchain.value.sent


def test_a_registry_of_another_operator_is_refused(market):
    world = market.world
    other = world.outsider  # licensed for issuance, but the registry is operator A's
    world.licenses.grant(LicenseTerms(operator=other.address, license_id="CB-DFA-0009", operator_name="Other",
                                      scopes="issuance", expires_at=world.client.now() + 10**7), world.regulator)
    spec = bond_spec(world, market.roles, symbol="X1", decision=None)
    with pytest.raises(errors.FactoryForeignRegistry) as refused:
        market.factory.create_token(spec, world.registry, other)
    assert not refused.value.sent
    with pytest.raises(errors.FactoryForeignRegistry) as onchain:  # Python bypassed
        world.client.send(market.factory.contract, "createToken", _config(spec, world), [], b"\2" * 32, signer=other,
                          gas=3_000_000)
    assert onchain.value.registry == world.registry.address and onchain.value.sent


def test_a_salt_is_used_once_per_operator(market):
    world = market.world
    with pytest.raises(errors.ValidationError, match="already exists"):
        market.factory.create_token(bond_spec(world, market.roles, decision=None), world.registry, world.operator)
    from eth_utils import keccak

    with pytest.raises(errors.FailedDeployment):
        world.client.send(market.factory.contract, "createToken",
                          _config(bond_spec(world, market.roles, decision=None), world), [], keccak(b"SGB29"), signer=world.operator,
                          gas=3_000_000)


def test_a_failed_deployment_leaves_nothing_behind(market):
    world = market.world
    spec = bond_spec(world, market.roles, symbol="EMT", decision=None)
    config = list(_config(spec, world))
    config[3] = 7  # e-money without a reserve auditor: initialize reverts inside createToken
    predicted = market.factory.predict_address(world.operator.address, b"\3" * 32)
    with pytest.raises(errors.DFAReserveAuditorRequired):
        world.client.send(market.factory.contract, "createToken", tuple(config), [], b"\3" * 32, signer=world.operator,
                          gas=3_000_000)
    assert world.client.w3.eth.get_code(predicted) == b""
    assert len(market.factory.tokens()) == 1


def test_the_implementation_and_a_token_cannot_be_initialised_again(market):
    world = market.world
    implementation = DFAToken(world.client, market.factory._call("implementation"))
    config = _config(bond_spec(world, market.roles, decision=None), world)
    for target in (implementation, market.token):
        with pytest.raises(errors.InvalidInitialization):
            world.client.send(target.contract, "initialize", config, [], world.outsider.address,
                              world.licenses.address, signer=world.outsider)


def test_a_suspended_issuance_licence_stops_mints_but_not_transfers(market):
    token, world = market.token, market.world
    token.allocate(market.decision_id, market.alice.address, "100", market.issuer_agent)
    world.licenses.suspend(world.operator.address, "Order 6", world.regulator)
    with pytest.raises(IssuanceLicenseInactive) as refused:
        token.allocate(market.decision_id, market.bob.address, "100", market.issuer_agent)
    assert not refused.value.sent
    token.transfer(market.bob.address, "40", market.alice)
    assert token.balance_of(market.bob.address) == 40
    world.licenses.reinstate(world.operator.address, world.regulator)
    token.allocate(market.decision_id, market.bob.address, "100", market.issuer_agent)


def _config(spec, world, registry=None):
    from dfa.issuer.factory import _config

    return _config(spec, registry or world.registry)


def test_an_operator_licensed_for_issuance_only_cannot_bind_a_registry_under_its_own_licences(market):
    """The attack: its own licence contract, where it licenses itself, keeps its registry open whatever the regulator says."""
    from dfa.operator import InvestorRegistry
    from dfa.regulator import LicenseRegistry

    world = market.world
    rogue = world.outsider
    world.licenses.grant(LicenseTerms(operator=rogue.address, license_id="CB-DFA-0010", operator_name="Rogue",
                                      scopes="issuance", expires_at=world.client.now() + 10**7), world.regulator)
    confederate = world.client.dev_accounts()[9]  # plays the regulator in the rogue's own licence contract
    own_licenses = LicenseRegistry.deploy(world.client, confederate)
    own_licenses.grant(LicenseTerms(operator=rogue.address, license_id="SELF-1", operator_name="Rogue",
                                    scopes="issuance,investor_registry", expires_at=world.client.now() + 10**7),
                       confederate)
    registry = InvestorRegistry.deploy(world.client, own_licenses, rogue)
    spec = bond_spec(world, market.roles, symbol="ROGUE", decision=None)
    block = world.client.w3.eth.block_number
    with pytest.raises(errors.FactoryRegistryUnderOtherLicenses) as refused:
        market.factory.create_token(spec, registry, rogue)
    assert not refused.value.sent and world.client.w3.eth.block_number == block
    assert refused.value.licenses == own_licenses.address and refused.value.expected == world.licenses.address
    with pytest.raises(errors.FactoryRegistryUnderOtherLicenses) as onchain:  # Python bypassed
        world.client.send(market.factory.contract, "createToken", _config(spec, world, registry), [],
                          b"\4" * 32, signer=rogue, gas=3_000_000)
    assert onchain.value.sent
    assert (onchain.value.registry, onchain.value.licenses, onchain.value.expected) == (
        registry.address, own_licenses.address, world.licenses.address)


def test_a_registry_whose_operator_lacks_the_registry_scope_is_refused(market):
    from dfa.operator import InvestorRegistry

    world = market.world
    other = world.outsider
    world.licenses.grant(LicenseTerms(operator=other.address, license_id="CB-DFA-0011", operator_name="Issuer only",
                                      scopes="issuance", expires_at=world.client.now() + 10**7), world.regulator)
    registry = InvestorRegistry.deploy(world.client, world.licenses, other)  # the regulator's licences
    spec = bond_spec(world, market.roles, symbol="NOREG", decision=None)
    with pytest.raises(errors.FactoryRegistryNotLicensed) as refused:
        market.factory.create_token(spec, registry, other)
    assert not refused.value.sent and refused.value.operator == other.address
    with pytest.raises(errors.FactoryRegistryNotLicensed) as onchain:  # Python bypassed
        world.client.send(market.factory.contract, "createToken", _config(spec, world, registry), [],
                          b"\5" * 32, signer=other, gas=3_000_000)
    assert onchain.value.sent
    assert (onchain.value.registry, onchain.value.operator) == (registry.address, other.address)
    world.licenses.renew(other.address, "issuance,investor_registry", world.client.now() + 10**7, world.regulator)
    assert market.factory.create_token(spec, registry, other).registry.address == registry.address
