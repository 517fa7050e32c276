"""Valuation the issuer side cannot game: every token of the operator is limited, prices come from a pricing agent
the operator names, within the operator's bounds and fresh, and an acquisition the receiver did not ask for
cannot use up its operator-wide allowance."""

import pytest

from dfa import errors, restrictions as r
from dfa.issuer import DecisionSpec
from dfa.operator import PurchaseLimits
from dfa.register.audit import audit_trail
from tests.conftest import bond_spec

DAY = 24 * 3600


def _decision(world, symbol, price):
    now = world.client.now()
    return dict(decision_id=f"{symbol}-1", document_hash="0x" + "22" * 32, cap="1000000", min_subscription="0.01",
                price=price, currency="USD", subscription_start=now, subscription_end=now + 365 * DAY)


def _token(market, symbol, price="1.00"):
    world = market.world
    spec = bond_spec(world, market.roles, symbol=symbol, decision=_decision(world, symbol, price))
    return market.factory.create_token(spec, world.registry, world.operator, admin=market.admin)


@pytest.fixture
def limits(market):
    """Operator A's limits (retail 1,000 USD per 30 days), named in its registry after its bond was created."""
    world = market.world
    limits = PurchaseLimits.deploy(world.client, market.factory, world.operator)
    limits.set_limit("retail", "1000", "USD", 30, world.operator)
    world.registry.set_purchase_limits(limits, world.operator)
    return limits


@pytest.fixture
def priced(market, limits):
    """A token priced 1.00 USD, bounds 0.50-2.00 USD and a week's staleness; alice consents to 10,000."""
    token = _token(market, "PRICE")
    limits.set_price_bounds(token, "0.50", "2.00", "USD", 7 * DAY, market.world.operator)
    token.consent_to_acquire("10000", market.alice)
    market.priced = token
    return market


def test_every_token_of_the_operator_is_limited_whoever_created_it_and_whenever(market, limits):
    """Before: a token created without ``purchase_limits=`` let a retail investor at 0 allowance take 5,000 USD."""
    world = market.world
    later = _token(market, "LATER")
    for token, decision in ((market.token, market.decision_id), (later, "LATER-1")):  # created before and after
        limits.set_price_bounds(token, "0.50", "2.00", "USD", 7 * DAY, world.operator)
        token.consent_to_acquire("5000", market.alice)
        assert token.purchase_limits().address == limits.address
        with pytest.raises(r.PurchaseLimitExceeded) as refused:
            token.allocate(decision, market.alice.address, "5000", market.issuer_agent)
        assert not refused.value.sent
        with pytest.raises(r.PurchaseLimitExceeded) as refused:  # Python bypassed: the chain refuses too
            world.client.send(token.contract, "allocate", decision.encode().ljust(32, b"\0"),
                              market.alice.address, 500000, signer=market.issuer_agent, gas=800_000)
        assert refused.value.sent
    later.allocate("LATER-1", market.alice.address, "1000", market.issuer_agent)
    assert limits.remaining_allowance(world.registry.investor(market.ids["alice"])).remaining == 0


def test_only_the_operator_names_its_limits_and_it_cannot_remove_them(market, limits):
    world = market.world
    for intruder in (market.admin, market.issuer_agent, world.registrar):
        with pytest.raises(errors.AccessControlUnauthorizedAccount):
            world.registry.set_purchase_limits(limits, intruder)
    with pytest.raises(errors.ValidationError, match="zero address"):  # removing them
        world.registry.set_purchase_limits("0x" + "00" * 20, world.operator)
    with pytest.raises(errors.RegistryForeignPurchaseLimits):
        world.client.send(world.registry.contract, "setPurchaseLimits", "0x" + "00" * 20, signer=world.operator, gas=200_000)
    foreign = PurchaseLimits.deploy(world.client, market.factory, world.outsider)  # kept by someone else
    with pytest.raises(errors.RegistryForeignPurchaseLimits):
        world.client.send(world.registry.contract, "setPurchaseLimits", foreign.address, signer=world.operator,
                          gas=200_000)
    replacement = PurchaseLimits.deploy(world.client, market.factory, world.operator)  # its own: a replacement
    receipt = world.registry.set_purchase_limits(replacement, world.operator)
    event = world.registry.receipt_events(receipt, "PurchaseLimitsSet")[0]
    assert (event["limits"], event["previous"], event["actor"]) == (replacement.address, limits.address,
                                                                   world.operator.address)
    assert market.token.purchase_limits().address == replacement.address  # applied to the old token at once
    market.token.sync_purchase_limits(world.outsider)  # anyone may sync: it only copies the registry's choice
    assert market.token.purchase_limits().address == replacement.address


def test_the_pricing_role_is_the_operators_to_give_not_the_issuers(priced):
    world, token = priced.world, priced.priced
    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        token.set_reference_price("1.00", "USD", priced.issuer_agent)
    for role in ("PRICING_ROLE", "OPERATOR_ROLE"):
        for who in (priced.admin.address, priced.issuer_agent.address):
            with pytest.raises(errors.AccessControlUnauthorizedAccount):
                token.grant_role(role, who, priced.admin)
    assert token.has_role("OPERATOR_ROLE", world.operator.address)
    assert token.has_role("PRICING_ROLE", priced.pricing_agent.address)
    token.grant_role("PRICING_ROLE", world.wallets[3], world.operator)  # the operator may name another
    joined = bond_spec(world, priced.roles | {"pricing_agent": priced.issuer_agent}, symbol="SELF", decision=None)
    with pytest.raises(errors.DFARolesKeptApart) as refused:
        priced.factory.create_token(joined, world.registry, world.operator)
    assert not refused.value.sent and refused.value.account == priced.issuer_agent.address


def test_an_issuer_agent_named_pricing_agent_is_refused_on_chain(market):
    from dfa.issuer.factory import _config, _documents

    world = market.world
    spec = bond_spec(world, market.roles, symbol="SELF2", decision=None)
    config = list(_config(spec, world.registry))
    config[12] = market.issuer_agent.address  # pricingAgent
    with pytest.raises(errors.DFARolesKeptApart) as refused:
        world.client.send(market.factory.contract, "createToken", tuple(config), _documents(spec),
                          b"\7" * 32, signer=world.operator, gas=3_000_000)
    assert refused.value.arguments["account"] == market.issuer_agent.address


def test_a_zero_price_is_refused_and_never_switches_a_rule_off(priced):
    """Before: ``setReferencePrice(0)`` by the issuer agent, or a 0.00 decision, switched off the limit and the AML hold."""
    world, token = priced.world, priced.priced
    with pytest.raises(errors.DFAInvalidReferencePrice) as refused:
        token.set_reference_price("0", "USD", priced.pricing_agent)
    assert not refused.value.sent
    with pytest.raises(errors.DFAInvalidReferencePrice) as refused:
        world.client.send(token.contract, "setReferencePrice", 0, b"USD", 2, signer=priced.pricing_agent, gas=200_000)
    assert refused.value.sent and refused.value.arguments == {"price": 0, "currency": b"USD"}
    free = DecisionSpec(**_decision(world, "FREE", "0.00"))
    with pytest.raises(errors.DFAInvalidDecisionTerms) as refused:
        token.publish_decision(free, priced.admin)
    assert not refused.value.sent
    with pytest.raises(errors.DFAInvalidDecisionTerms) as refused:
        world.client.send(token.contract, "publishDecision", b"FREE-1".ljust(32, b"\0"),
                          free.as_terms(token.decimals), signer=priced.admin, gas=500_000)
    assert refused.value.arguments["field"] == "price"
    # the AML hold: a token never priced cannot be valued, so a transfer needs an approval
    token.allocate("PRICE-1", priced.bob.address, "100", priced.issuer_agent)
    token.set_aml_threshold("10", "USD", priced.compliance_agent)
    with pytest.raises(r.AmlApprovalRequired):
        token.transfer(priced.carol.address, "1", priced.bob)


def test_an_absurd_price_cannot_use_up_the_allowance_on_other_tokens(priced, limits):
    """Before: a decision at 100,000 USD per token and an allocation of 0.01 exhausted the allowance everywhere."""
    world = priced.world
    rich = _token(priced, "RICH", "100000.00")
    limits.set_price_bounds(rich, "0.50", "2.00", "USD", 7 * DAY, world.operator)
    rich.consent_to_acquire("1", priced.alice)
    with pytest.raises(r.PriceOutOfBounds):
        rich.allocate("RICH-1", priced.alice.address, "0.01", priced.issuer_agent)
    with pytest.raises(r.PriceOutOfBounds):
        world.client.send(rich.contract, "allocate", b"RICH-1".ljust(32, b"\0"),
                          priced.alice.address, 1, signer=priced.issuer_agent, gas=800_000)
    unbounded = _token(priced, "NOBND")  # the operator set no bounds for it: nothing limited can be valued
    unbounded.consent_to_acquire("1", priced.alice)
    assert unbounded.check_allocation("NOBND-1", priced.alice.address, "1").reason is r.Restriction.PRICE_OUT_OF_BOUNDS
    unbounded.allocate("NOBND-1", priced.carol.address, "1", priced.issuer_agent)  # a professional has no limit
    priced.priced.allocate("PRICE-1", priced.alice.address, "1000", priced.issuer_agent)  # the allowance is whole
    with pytest.raises(errors.DFAPriceOutOfBounds) as refused:
        priced.priced.set_reference_price("2.01", "USD", priced.pricing_agent)
    assert not refused.value.sent
    with pytest.raises(errors.DFAPriceOutOfBounds):
        world.client.send(priced.priced.contract, "setReferencePrice", 201, b"USD", 2, signer=priced.pricing_agent,
                          gas=200_000)


def test_a_stale_reference_price_values_nothing(priced):
    world, token = priced.world, priced.priced
    token.allocate("PRICE-1", priced.bob.address, "500", priced.issuer_agent)
    token.set_reference_price("1.00", "USD", priced.pricing_agent)
    token.transfer(priced.alice.address, "10", priced.bob)
    world.client.travel(7 * DAY + 1)
    with pytest.raises(r.StalePrice):
        token.transfer(priced.alice.address, "10", priced.bob)
    with pytest.raises(r.StalePrice):
        world.client.send(token.contract, "transfer", priced.alice.address, 1000, signer=priced.bob, gas=400_000)
    token.transfer(priced.carol.address, "10", priced.bob)  # not limited: not valued
    token.set_reference_price("1.10", "USD", priced.pricing_agent)
    token.transfer(priced.alice.address, "10", priced.bob)


def test_a_pushed_acquisition_needs_the_receivers_consent(priced):
    """Before: anyone could push tokens to a retail investor and use up its allowance on every token."""
    world, token = priced.world, priced.priced
    token.allocate("PRICE-1", priced.bob.address, "2000", priced.issuer_agent)
    token.set_reference_price("1.00", "USD", priced.pricing_agent)
    other = _token(priced, "OTHER")
    with pytest.raises(r.AcquisitionNotConsented) as refused:  # erin never consented on OTHER
        other.allocate("OTHER-1", priced.erin.address, "1", priced.issuer_agent)
    assert not refused.value.sent
    token.consent_to_acquire("0", priced.alice)  # alice withdraws her consent
    assert token.check_transfer(priced.bob.address, priced.alice.address, "1").reason is \
        r.Restriction.ACQUISITION_NOT_CONSENTED
    with pytest.raises(r.AcquisitionNotConsented):
        world.client.send(token.contract, "transfer", priced.alice.address, 100, signer=priced.bob, gas=400_000)
    receipt = token.consent_to_acquire("300", priced.alice)
    assert token.receipt_events(receipt, "AcquisitionConsentSet")[0]["value"] == 30000
    token.transfer(priced.alice.address, "200", priced.bob)
    assert token.acquisition_consent(priced.alice.address) == 100  # used up by what she acquired
    with pytest.raises(r.AcquisitionNotConsented):
        token.transfer(priced.alice.address, "101", priced.bob)
    token.approve(priced.alice.address, "300", priced.bob)  # a sale she pulls herself needs no consent
    token.transfer_from(priced.bob.address, priced.alice.address, "300", priced.alice)
    assert token.acquisition_consent(priced.alice.address) == 100
    with pytest.raises(r.AcquisitionNotConsented):  # someone else pulling for her is a push
        token.approve(priced.carol.address, "150", priced.bob)
        token.transfer_from(priced.bob.address, priced.alice.address, "150", priced.carol)
    token.transfer(priced.carol.address, "5", priced.bob)  # a professional, unlimited: no consent needed


def test_every_price_change_is_in_the_audit_trail(priced, limits):
    world, token = priced.world, priced.priced
    receipt = token.set_reference_price("1.25", "USD", priced.pricing_agent)
    trail = audit_trail(token)
    by_kind = {}
    for entry in trail:
        by_kind.setdefault(entry.kind, []).append(entry)
    price = by_kind["reference price"][-1]
    assert (price.actor, price.block, price.details["price"], price.details["currency"]) == (
        priced.pricing_agent.address, receipt["blockNumber"], "1.25", "USD")
    decision = by_kind["decision published"][-1]
    assert (decision.actor, decision.details["price"], decision.details["currency"]) == (
        priced.admin.address, "1.00", "USD")
    bounds = by_kind["price bounds"][-1]
    assert (bounds.actor, bounds.details["min"], bounds.details["max"]) == (world.operator.address, "0.50", "2.00")
    named = by_kind["purchase limits named"][-1]
    assert (named.actor, named.details["limits"]) == (world.operator.address, limits.address)
    assert [e.kind for e in by_kind["acquisition consent"]] == ["acquisition consent"]
