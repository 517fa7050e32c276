"""The register extract at any block, reconciled; its exports; the audit trail."""

import csv
import io
import json

import pytest

from dfa.enforcement import Enforcement
from dfa.register import audit_trail, register_extract
from tests.issuer.helpers import allocate


@pytest.fixture
def history(market):
    """Allocations, transfers, a second wallet, a partial freeze, a forced transfer, a redemption."""
    world, token = market.world, market.token
    allocate(market, "alice", "1000")
    allocate(market, "bob", "500")
    world.registry.add_wallet(market.ids["alice"], world.wallets[0], world.registrar)
    token.transfer(market.alice, world.wallets[0], "250")
    market.block_before = world.client.w3.eth.block_number
    token.transfer(market.bob, market.carol.address, "100")
    Enforcement(token).freeze_tokens(market.alice.address, "300", "Case 9", market.enforcement_agent)
    Enforcement(token).forced_transfer(market.bob.address, market.dave.address, "50", "Court 4", market.enforcement_agent)
    token.redeem(market.carol.address, "40", market.issuer_agent)
    return market


def test_the_extract_groups_wallets_by_investor_and_reconciles(history):
    token = history.token
    extract = register_extract(token)
    assert extract.total_supply == token.total_supply() == 1460
    assert sum(h.balance for h in extract.holders) == extract.total_supply
    alice = next(h for h in extract.holders if h.investor_id == history.ids["alice"])
    assert {w.wallet: w.balance for w in alice.wallets} == {history.alice.address: 750, history.world.wallets[0]: 250}
    assert alice.balance == 1000 and alice.frozen == 300 and alice.category.name == "RETAIL" and alice.country == 398
    for holder in extract.holders:  # rebuilt from events, checked against the chain's own balances
        for wallet in holder.wallets:
            assert token.balance_of(wallet.wallet) == wallet.balance


def test_the_extract_at_a_past_block(history):
    token = history.token
    extract = register_extract(token, at_block=history.block_before)
    assert extract.block == history.block_before and extract.total_supply == 1500
    balances = {w.wallet: w.balance for h in extract.holders for w in h.wallets}
    for wallet, balance in balances.items():
        assert token.contract.functions.balanceOf(wallet).call(block_identifier=history.block_before) == \
            token.units(balance)
    assert history.carol.address not in balances and history.dave.address not in balances


def test_exports(history):
    extract = register_extract(history.token)
    rows = list(csv.DictReader(io.StringIO(extract.to_csv())))
    assert len(rows) == sum(len(h.wallets) for h in extract.holders)
    assert {row["country"] for row in rows} >= {"KZ", "DE"}
    assert sum(float(row["balance"]) for row in rows) == 1460
    document = json.loads(extract.to_json())
    assert document["block"] == extract.block and len(document["holders"]) == len(extract.holders)


def test_the_audit_trail_of_a_token_and_of_an_investor(history):
    trail = audit_trail(history.token)
    kinds = [entry.kind for entry in trail]
    for expected in ("decision published", "issuance", "transfer", "freeze tokens", "forced transfer", "redemption"):
        assert expected in kinds
    forced = next(e for e in trail if e.kind == "forced transfer")
    assert forced.actor == history.enforcement_agent.address and forced.details["legalReference"] == "Court 4"
    transfer = next(e for e in trail if e.kind == "transfer")
    assert transfer.actor == history.alice.address and transfer.time > 0
    assert all(a.block <= b.block for a, b in zip(trail, trail[1:]))

    alices = [entry.kind for entry in audit_trail(history.token, investor_id=history.ids["alice"])]
    assert "investor registered" in alices and "wallet added" in alices and "freeze tokens" in alices
    assert "forced transfer" not in alices and "redemption" not in alices


def test_the_extract_shows_frozen_tokens_a_recovery_moved(history):
    """The frozen part moves with a recovery, with no freezing act on the replacement: the extract shows it."""
    world, token = history.world, history.token
    second_registrar = world.client.dev_accounts()[9]
    world.registry.add_registrar(second_registrar.address, world.operator)
    world.registry.set_recovery_delay(0, world.operator)
    world.registry.request_recovery(history.alice.address, world.wallets[0], world.registrar)
    world.registry.approve_recovery(history.alice.address, second_registrar)
    token.recover_wallet(history.alice.address, world.outsider)
    assert token.frozen_tokens(world.wallets[0]) == 300
    alice = next(h for h in register_extract(token).holders if h.investor_id == history.ids["alice"])
    assert [(w.wallet, w.balance, w.frozen) for w in alice.wallets] == [(world.wallets[0], 1000, 300)]
    assert alice.frozen == 300
