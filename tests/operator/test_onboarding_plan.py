"""Sorting investors to onboard against the registry's events: new, already there as given, or a conflict."""

import pytest

from dfa.operator import NewInvestor, investor_id
from dfa.operator.investors import OnboardingConflicts, plan_onboarding

SALT = "plan-test-salt-0123456789"
A, B, C, D = (f"0x{'0' * 39}{n}" for n in range(1, 5))


def _new(reference, wallet, category="retail"):
    return NewInvestor(investor_id=investor_id(reference, SALT), wallet=wallet, category=category,
                       kind="individual", country="KZ", residency="KZ", kyc_valid_until="2030-01-01")


def _record(category):
    return (1 << 160) | (category << 164)


def _events():
    def raw(reference):
        return bytes.fromhex(investor_id(reference, SALT)[2:])

    from eth_utils import to_checksum_address

    a, b, c = (to_checksum_address(w) for w in (A, B, C))
    return [
        {"event": "InvestorRegistered", "args": {"investorId": raw("r-1"), "wallet": a, "record": _record(1)}},
        {"event": "InvestorRegistered", "args": {"investorId": raw("r-2"), "wallet": b, "record": _record(1)}},
        {"event": "InvestorUpdated", "args": {"investorId": raw("r-2"), "record": _record(2)}},  # now qualified
        {"event": "WalletAdded", "args": {"investorId": raw("r-1"), "wallet": c}},
        {"event": "WalletRemoved", "args": {"investorId": raw("r-1"), "wallet": c}},
    ]


def test_each_investor_is_new_present_or_a_conflict():
    investors = [
        _new("r-1", A),                   # 0: there as given
        _new("r-2", B, "qualified"),      # 1: there as given, after its update
        _new("r-2", B, "retail"),         # 2: its category changed on chain since
        _new("r-9", A),                   # 3: r-1's wallet
        _new("r-1", D),                   # 4: r-1 has another wallet
        _new("r-1", C),                   # 5: a wallet r-1 no longer has
        _new("r-3", D),                   # 6: new
    ]
    plan = plan_onboarding(investors, _events())
    assert plan.fresh == [investors[6]] and plan.present == [0, 1]
    assert plan.conflicts == [
        (2, "this reference is registered in another category than retail"),
        (3, "the wallet belongs to another investor"),
        (4, "this reference is registered with another wallet"),
        (5, "the wallet was retired from this investor"),
    ]
    assert "r-" not in str(OnboardingConflicts(plan.conflicts))  # no references or names in the message


def test_nothing_on_chain_means_all_new():
    investors = [_new("r-1", A), _new("r-2", B)]
    assert plan_onboarding(investors, []) == (investors, [], [])


def test_onboard_refuses_conflicts_before_sending_unless_told_to_skip_them(world):
    registry, registrar = world.registry, world.registrar
    first = world.new_investor(900, wallet=world.fresh_wallet())
    registry.onboard([first], registrar)
    thief = world.new_investor(901, wallet=first.wallet)
    newcomer = world.new_investor(902, wallet=world.fresh_wallet())
    with pytest.raises(OnboardingConflicts) as refused:
        registry.onboard([first, thief, newcomer], registrar)
    assert refused.value.conflicts == [(1, "the wallet belongs to another investor")]
    assert registry.investor_of(newcomer.wallet) is None  # nothing was sent
    assert registry.onboard([first, thief, newcomer], registrar, skip_conflicts=True) == (1, 2)
    assert registry.investor_of(newcomer.wallet).investor_id == newcomer.investor_id
