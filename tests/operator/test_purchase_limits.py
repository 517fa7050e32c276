"""Purchase limits: per investor, over all wallets and all the operator's tokens, in fiat, over a rolling window
(exact to the second: an acquisition made at t counts until t + window)."""

from decimal import Decimal

import pytest

from dfa import errors, restrictions as r
from dfa.operator import PurchaseLimits
from tests.conftest import bond_spec

DAY = 24 * 3600


@pytest.fixture
def limited(market):
    """Retail 1,000 USD per 30 days, and two tokens of the operator that report to the same limits (named once in
    the operator's registry), priced within the operator's bounds; alice consents to what the tests push to her."""
    world = market.world
    limits = PurchaseLimits.deploy(world.client, market.factory, world.operator)
    limits.set_limit("retail", "1000", "USD", 30, world.operator)
    world.registry.set_purchase_limits(limits, world.operator)
    tokens = []
    for symbol, price in (("LIMA", "1.00"), ("LIMB", "10.00")):
        now = world.client.now()
        spec = bond_spec(world, market.roles, symbol=symbol, decision=dict(
            decision_id=f"{symbol}-1", document_hash="0x" + "22" * 32, cap="1000000", min_subscription="1",
            price=price, currency="USD", subscription_start=now, subscription_end=now + 365 * DAY))
        token = market.factory.create_token(spec, world.registry, world.operator, admin=market.admin)
        limits.set_price_bounds(token, "0.01", "1000", "USD", 365 * DAY, world.operator)
        token.consent_to_acquire("1000000", market.alice)
        tokens.append(token)
    market.limits, market.token_a, market.token_b = limits, *tokens
    return market


def allocate(market, token, name_or_wallet, amount):
    wallet = market.investors[name_or_wallet].address if name_or_wallet in market.investors else name_or_wallet
    decision = token.decisions()[0].decision_id
    return token.allocate(decision, wallet, amount, market.issuer_agent)


def allowance(market, name):
    return market.limits.remaining_allowance(market.world.registry.investor(market.ids[name]))


def at(client, moment):
    """Mine a block at exactly ``moment`` (views at the latest block then see this time)."""
    client.travel(moment - client.now())
    assert client.now() == moment


def bought_at(client, receipt):
    return client.w3.eth.get_block(receipt["blockNumber"])["timestamp"]


def test_the_retail_investor_of_the_pilot(limited):
    """700 USD of one token and 400 USD of another within 30 days: the second is refused, until the first ages out."""
    client = limited.world.client
    receipt = allocate(limited, limited.token_a, "alice", "700")  # 700 USD at 1.00
    bought = client.w3.eth.get_block(receipt["blockNumber"])["timestamp"]
    assert allowance(limited, "alice").remaining == 300
    client.travel(10 * DAY)
    check = limited.token_b.check_allocation("LIMB-1", limited.alice.address, "40")  # 400 USD at 10.00
    assert check.reason is r.Restriction.PURCHASE_LIMIT_EXCEEDED
    assert (check.remaining_allowance, check.allowance_currency) == (300, "USD")  # the pre-check says what is left
    with pytest.raises(r.PurchaseLimitExceeded) as refused:
        allocate(limited, limited.token_b, "alice", "40")
    assert not refused.value.sent
    with pytest.raises(r.PurchaseLimitExceeded):  # Python bypassed: the chain refuses too
        client.send(limited.token_b.contract, "allocate", b"LIMB-1".ljust(32, b"\0"),
                    limited.alice.address, 4000, signer=limited.issuer_agent, gas=600_000)
    allocate(limited, limited.token_b, "alice", "30")  # 300 USD: exactly the rest
    assert allowance(limited, "alice").remaining == 0

    at(client, bought + 30 * DAY - 1)  # until the last second of the window the 700 USD still count...
    assert allowance(limited, "alice").remaining == 0
    at(client, bought + 30 * DAY)  # ...and not a second longer
    assert allowance(limited, "alice").remaining == 700
    allocate(limited, limited.token_b, "alice", "40")


def test_a_qualified_investor_is_not_limited(limited):
    allocate(limited, limited.token_a, "bob", "50000")
    assert not allowance(limited, "bob").limited


def test_two_wallets_of_one_investor_share_one_limit(limited):
    world = limited.world
    second = world.wallets[0]
    world.registry.add_wallet(limited.ids["alice"], second, world.registrar)
    signer = next(s for s in world.client.dev_accounts() if s.address == second)
    limited.token_a.consent_to_acquire("1000", signer)
    allocate(limited, limited.token_a, "alice", "600")
    with pytest.raises(r.PurchaseLimitExceeded):
        allocate(limited, limited.token_a, second, "401")
    allocate(limited, limited.token_a, second, "400")


def test_transfers_count_at_the_reference_price(limited):
    token = limited.token_a
    allocate(limited, token, "bob", "5000")
    with pytest.raises(r.NoReferencePrice):
        token.transfer(limited.alice.address, "100", limited.bob)
    token.set_reference_price("2.00", "USD", limited.pricing_agent)
    assert token.reference_price()[:2] == (Decimal("2.00"), "USD")
    token.transfer(limited.alice.address, "400", limited.bob)  # 800 USD
    with pytest.raises(r.PurchaseLimitExceeded):
        token.transfer(limited.alice.address, "100.01", limited.bob)  # 200.02 USD more
    token.transfer(limited.alice.address, "100", limited.bob)  # exactly 1,000 USD
    token.transfer(limited.bob.address, "10", limited.alice)  # selling is not acquiring
    assert allowance(limited, "alice").remaining == 0


def test_a_price_in_another_currency_is_refused(limited):
    token = limited.token_a
    allocate(limited, token, "bob", "10")
    with pytest.raises(errors.DFAPriceOutOfBounds):  # the operator's bounds are in USD
        token.set_reference_price("1.00", "EUR", limited.pricing_agent)
    limited.limits.set_price_bounds(token, "0.01", "1000", "EUR", 365 * DAY, limited.world.operator)
    token.set_reference_price("1.00", "EUR", limited.pricing_agent)
    with pytest.raises(r.CurrencyMismatch):
        token.transfer(limited.alice.address, "1", limited.bob)
    token.transfer(limited.carol.address, "1", limited.bob)  # a professional has no limit


def test_forced_transfers_and_moves_between_own_wallets_are_not_purchases(limited):
    from dfa.enforcement import Enforcement

    world = limited.world
    allocate(limited, limited.token_a, "alice", "1000")
    world.registry.add_wallet(limited.ids["alice"], world.wallets[0], world.registrar)
    limited.token_a.set_reference_price("1.00", "USD", limited.pricing_agent)
    limited.token_a.transfer(world.wallets[0], "500", limited.alice)
    allocate(limited, limited.token_a, "bob", "100")
    Enforcement(limited.token_a).forced_transfer(limited.bob.address, limited.alice.address, "100", "Court 5",
                                                 limited.enforcement_agent)
    assert allowance(limited, "alice").remaining == 0  # still only the 1,000 USD allocation counts


def test_only_the_operators_tokens_record_and_only_its_admin_sets_limits(limited):
    world = limited.world
    with pytest.raises(errors.LimitsUnknownToken):
        world.client.send(limited.limits.contract, "recordAcquisition", b"\1" * 32, 1, 1, b"USD", signer=world.outsider)
    with pytest.raises(errors.AccessControlUnauthorizedAccount):
        limited.limits.set_limit("retail", "5", "USD", 1, world.outsider)
    with pytest.raises(errors.ValidationError, match="unknown currency"):
        limited.limits.set_limit("retail", "5", "ZZZ", 1, world.operator)
    with pytest.raises(errors.ValidationError, match="positive number of days"):
        limited.limits.set_limit("retail", "5", "USD", 0, world.operator)
    limited.limits.set_limit("qualified", "600000", "RUB", 365, world.operator)
    assert limited.limits.limit("qualified").window_seconds == 365 * DAY


def test_the_cost_of_an_acquisition_does_not_grow_with_history(limited):
    world = limited.world
    limited.limits.set_limit("retail", "100000000", "USD", 30, world.operator)
    token = limited.token_a
    first = allocate(limited, token, "alice", "1")["gasUsed"]
    second = allocate(limited, token, "alice", "1")["gasUsed"]
    for _ in range(2):  # 200 more acquisitions in the window
        token.allocate_many("LIMA-1", [(limited.alice.address, "1")] * 100, limited.issuer_agent)
    later = allocate(limited, token, "alice", "1")["gasUsed"]
    assert later <= second * 1.01, (first, second, later)
    assert allowance(limited, "alice").remaining == Decimal("100000000") - 203


def test_acquisitions_of_different_days_leave_the_window_one_by_one(limited):
    client = limited.world.client
    first = bought_at(client, allocate(limited, limited.token_a, "alice", "100"))
    client.travel(5 * DAY)
    second = bought_at(client, allocate(limited, limited.token_a, "alice", "200"))
    client.travel(5 * DAY)
    third = bought_at(client, allocate(limited, limited.token_b, "alice", "30"))  # 300 USD
    assert allowance(limited, "alice").remaining == 400
    at(client, first + 30 * DAY)  # the first is out, the others are not
    assert allowance(limited, "alice").remaining == 500
    at(client, second + 30 * DAY)
    assert allowance(limited, "alice").remaining == 700
    at(client, third + 30 * DAY)
    assert allowance(limited, "alice").remaining == 1000


def test_a_lengthened_window_applies_to_what_was_bought_before(limited):
    world, client = limited.world, limited.world.client
    t = bought_at(client, allocate(limited, limited.token_a, "alice", "700"))
    limited.limits.set_limit("retail", "1000", "USD", 60, world.operator)
    assert limited.limits.limit("retail").window_set_at == client.now()
    at(client, t + 31 * DAY)  # out of the old window, not of the new one
    assert allowance(limited, "alice").remaining == 300
    u = bought_at(client, allocate(limited, limited.token_a, "alice", "100"))
    at(client, t + 60 * DAY)
    assert allowance(limited, "alice").remaining == 900
    at(client, u + 60 * DAY)
    assert allowance(limited, "alice").remaining == 1000


def test_an_acquisition_counts_until_exactly_the_end_of_its_window(limited):
    """999 USD bought at t count until t + 30 days, to the second, whatever the time of day."""
    client = limited.world.client
    for offset in (0, 3_600 * 7 + 13, 3_600 * 23 + 59):  # three times of day
        at(client, client.now() + 31 * DAY + offset)
        t = bought_at(client, allocate(limited, limited.token_a, "alice", "999"))
        assert allowance(limited, "alice").remaining == 1
        at(client, t + 30 * DAY - 1)
        assert allowance(limited, "alice").remaining == 1
        at(client, t + 30 * DAY)
        assert allowance(limited, "alice").remaining == 1000


def test_a_lengthened_window_still_ages_out(limited):
    """At the limit, then 30 -> 31 days: the purchase counts 31 days (the new rule), then ages out."""
    world, client = limited.world, limited.world.client
    t = bought_at(client, allocate(limited, limited.token_a, "alice", "1000"))
    client.travel(DAY)
    limited.limits.set_limit("retail", "1000", "USD", 31, world.operator)
    at(client, t + 31 * DAY - 1)
    assert allowance(limited, "alice").remaining == 0
    at(client, t + 31 * DAY)
    assert allowance(limited, "alice").remaining == 1000
    allocate(limited, limited.token_a, "alice", "1000")


def test_a_shortened_window_counts_past_purchases_under_the_old_one(limited):
    """30 -> 1 day: what was bought under 30 days still counts 30 days (the old rule); new purchases count 1 day."""
    world, client = limited.world, limited.world.client
    t = bought_at(client, allocate(limited, limited.token_a, "alice", "600"))
    client.travel(DAY)
    limited.limits.set_limit("retail", "1000", "USD", 1, world.operator)
    at(client, t + 2 * DAY)
    assert allowance(limited, "alice").remaining == 400
    at(client, t + 30 * DAY)
    assert allowance(limited, "alice").remaining == 1000
    u = bought_at(client, allocate(limited, limited.token_a, "alice", "1000"))
    at(client, u + DAY)
    assert allowance(limited, "alice").remaining == 1000


def test_a_window_changed_in_the_same_second_lets_nothing_more_through(limited):
    """10 USD per 30 days, 10 bought; the window changes in the same block: still nothing more."""
    world, client = limited.world, limited.world.client
    limited.limits.set_limit("retail", "10", "USD", 30, world.operator)
    allocate(limited, limited.token_a, "alice", "10")
    for days in (31, 1, 30):
        limited.limits.set_limit("retail", "10", "USD", days, world.operator)
        with pytest.raises(r.PurchaseLimitExceeded):
            allocate(limited, limited.token_a, "alice", "10")
        with pytest.raises(r.PurchaseLimitExceeded):  # the chain too
            client.send(limited.token_a.contract, "allocate", b"LIMA-1".ljust(32, b"\0"),
                        limited.alice.address, 10 * 10**limited.token_a.decimals, signer=limited.issuer_agent, gas=600_000)
    assert allowance(limited, "alice").remaining == 0


def test_more_than_32_acquisitions_in_a_window_are_never_counted_short(limited):
    """40 acquisitions on 40 distinct seconds: the first 32 age out each exactly, the rest no earlier than theirs."""
    world, client = limited.world, limited.world.client
    times = []
    for _ in range(40):
        times.append(bought_at(client, allocate(limited, limited.token_a, "alice", "1")))
        client.travel(60)
    for n, t in enumerate(times[:31]):  # each of the first 31 ages out alone, at its own second
        at(client, t + 30 * DAY - 1)
        assert allowance(limited, "alice").remaining == 1000 - 40 + n, n
        at(client, t + 30 * DAY)
        assert allowance(limited, "alice").remaining == 1000 - 40 + n + 1, n
    at(client, times[-1] + 30 * DAY - 1)
    assert allowance(limited, "alice").remaining == 1000 - 9  # the newest 9 count until the last one's end
    at(client, times[-1] + 30 * DAY)
    assert allowance(limited, "alice").remaining == 1000


def test_an_acquisition_costs_the_same_at_fixed_points_of_a_long_history(limited):
    """One transfer a day at noon for 40 days, each ageing out one of 30 days before: flat once the queue turns."""
    world, client = limited.world, limited.world.client
    token = limited.token_a
    allocate(limited, token, "bob", "100000")
    token.set_reference_price("1.00", "USD", limited.pricing_agent)
    start = (client.now() // DAY + 1) * DAY + DAY // 2
    costs = []
    for day in range(40):
        at(client, start + day * DAY)
        costs.append(token.transfer(limited.alice.address, "1", limited.bob)["gasUsed"])
    steady = costs[31:]
    # Measured 109,076-111,076 once the queue turns (the valuation checks of the operator's price
    # bounds, staleness and consent read three more slots): above the floor of 105,000,
    # which is open work; the bound here is the truth, so that a regression shows.
    assert max(steady) <= 111_100, costs
    assert max(steady) - min(steady) <= 2_200, costs  # the head and the tail share a slot or not
    assert max(steady) <= max(costs[1:31]) + 2_200, costs


def test_a_gas_estimate_covers_mining_at_the_worst_later_time(limited):
    """Estimated (raw eth_estimateGas, no margin) while 32 purchases are live, mined after all of them expired."""
    world, client = limited.world, limited.world.client
    token = limited.token_a
    allocate(limited, token, "bob", "1000")
    token.set_reference_price("1.00", "USD", limited.pricing_agent)
    t = bought_at(client, token.allocate_many("LIMA-1", [(limited.alice.address, "1")] * 32, limited.issuer_agent))
    at(client, t + 30 * DAY - 2)
    data = token.contract.encode_abi("transfer", [limited.alice.address, 10**token.decimals])
    estimate = client.w3.eth.estimate_gas({"from": limited.bob.address, "to": token.address, "data": data})
    at(client, t + 30 * DAY + 1)
    receipt = client.send(token.contract, "transfer", limited.alice.address, 10**token.decimals, signer=limited.bob,
                          gas=estimate)
    assert receipt["status"] == 1
    assert allowance(limited, "alice").remaining == 999


def test_a_refusal_names_the_allowance_left_and_the_amount_attempted(limited):
    client = limited.world.client
    allocate(limited, limited.token_a, "alice", "999")
    with pytest.raises(r.PurchaseLimitExceeded) as refused:
        allocate(limited, limited.token_b, "alice", "2")  # 20 USD at 10.00
    assert not refused.value.sent
    assert (refused.value.remaining, refused.value.currency, refused.value.amount) == (
        Decimal("1.00"), "USD", Decimal("2"))
    assert "1.00 USD" in str(refused.value) and "2 LIMB" in str(refused.value)
    limited.token_a.set_reference_price("1.00", "USD", limited.pricing_agent)
    allocate(limited, limited.token_a, "bob", "10")
    with pytest.raises(r.PurchaseLimitExceeded) as refused:
        limited.token_a.transfer(limited.alice.address, "2", limited.bob)
    assert (refused.value.remaining, refused.value.currency, refused.value.amount) == (
        Decimal("1.00"), "USD", Decimal("2"))
    assert "1.00 USD" in str(refused.value) and "2 LIMA" in str(refused.value)
    with pytest.raises(r.PurchaseLimitExceeded) as refused:  # the chain's refusal (no pre-check): the same figures
        limited.token_a._send(limited.bob, "transfer", limited.alice.address, 2 * 10**limited.token_a.decimals)
    assert (refused.value.remaining, refused.value.currency, refused.value.amount) == (
        Decimal("1.00"), "USD", Decimal("2"))


def test_a_limit_too_large_for_the_ledger_is_refused(limited):
    world = limited.world
    with pytest.raises(errors.ValidationError, match="too large"):
        limited.limits.set_limit("retail", str(2**56), "JPY", 30, world.operator)  # yen: no minor units
    with pytest.raises(errors.LimitsInvalidAmount):
        world.client.send(limited.limits.contract, "setLimit", 1, 2**56, b"USD", 30 * DAY, signer=world.operator)
    with pytest.raises(errors.LimitsInvalidWindow):
        world.client.send(limited.limits.contract, "setLimit", 1, 1000, b"USD", 2**32, signer=world.operator)


def _estimate(client, signer, token, *args):
    """The raw eth_estimateGas of a token transfer, and, on the embedded chain, how many times it ran the transaction."""
    from dfa.chain.backends import EmbeddedBackend

    tx = {"from": signer.address, "to": token.address, "data": token.contract.encode_abi("transfer", list(args))}
    if not isinstance(client.backend, EmbeddedBackend):
        return client.w3.eth.estimate_gas(tx), None
    state_class = client.backend.tester.backend.chain.get_vm().get_state_class()
    real, runs = state_class.apply_transaction, []

    def counted(state, transaction):
        runs.append(transaction.gas)
        return real(state, transaction)

    state_class.apply_transaction = counted
    try:
        return client.w3.eth.estimate_gas(tx), len(runs)
    finally:
        state_class.apply_transaction = real


def test_an_estimate_is_enough_for_a_limited_acquisition_and_one_run_for_an_unlimited_transfer(limited):
    """The estimate (no margin) suffices where PurchaseLimits demands its gas reserve; on the embedded chain only a
    transaction that reads the gas left for itself (the reserve check) is run again to find it, others run once."""
    client, token = limited.world.client, limited.token_a
    allocate(limited, token, "bob", "1000")
    token.set_reference_price("1.00", "USD", limited.pricing_agent)
    units = 10**token.decimals
    limited_gas, limited_runs = _estimate(client, limited.bob, token, limited.alice.address, units)
    free_gas, free_runs = _estimate(client, limited.bob, token, limited.carol.address, units)  # a professional
    assert limited_runs in (None, *range(3, 40)) and free_runs in (None, 1)
    for to, gas in ((limited.alice.address, limited_gas), (limited.carol.address, free_gas)):
        receipt = client.send(token.contract, "transfer", to, units, signer=limited.bob, gas=gas)
        assert receipt["status"] == 1 and receipt["gasUsed"] <= gas
    assert limited_gas - client.send(token.contract, "transfer", limited.alice.address, units, signer=limited.bob,
                                     gas=limited_gas)["gasUsed"] > 100_000  # the reserve, not what it used
    with pytest.raises(errors.LimitsGasReserve):  # with less than the reserve left, the check refuses
        client.send(token.contract, "transfer", limited.alice.address, units, signer=limited.bob, gas=limited_gas - 2_000)
