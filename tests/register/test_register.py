"""The register extract at any block, reconciled; its exports; the audit trail."""

import csv
import io
import json

import pytest

from dfa.enforcement import Enforcement
from dfa.register import audit_trail, register_extract
from dfa.types import format_timestamp
from tests.issuer.helpers import allocate


@pytest.fixture
def history(market):
    """Allocations, transfers, a second wallet, a partial freeze, a forced transfer, a redemption."""
    world, token = market.world, market.token
    allocate(market, "alice", "1000")
    allocate(market, "bob", "500")
    world.registry.add_wallet(market.ids["alice"], world.wallets[0], world.registrar)
    token.transfer(world.wallets[0], "250", market.alice)
    market.block_before = world.client.w3.eth.block_number
    token.transfer(market.carol.address, "100", market.bob)
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


def _wallet(extract, address):
    return next(w for h in extract.holders for w in h.wallets if w.wallet == address)


def test_the_extract_shows_frozen_amounts_and_whole_wallet_freezes(history):
    token, agent, client = history.token, history.enforcement_agent, history.world.client
    acts = Enforcement(token)
    until = client.now() + 3600
    acts.freeze_wallet(history.dave.address, "Court 5", agent, until=until)
    acts.freeze_wallet(history.carol.address, "Court 6", agent)
    extract = register_extract(token)
    dave, carol, alice = (_wallet(extract, w) for w in (history.dave.address, history.carol.address,
                                                        history.alice.address))
    assert (dave.balance, dave.frozen, dave.wallet_frozen, dave.wallet_frozen_until) == (50, 50, True, until)
    assert (carol.balance, carol.frozen, carol.wallet_frozen, carol.wallet_frozen_until) == (60, 60, True, None)
    assert (alice.frozen, alice.wallet_frozen) == (300, False)

    rows = {row["wallet"]: row for row in csv.DictReader(io.StringIO(extract.to_csv()))}
    assert (rows[history.dave.address]["frozen"], rows[history.dave.address]["wallet_frozen"]) == ("50.00", "yes")
    assert rows[history.dave.address]["wallet_frozen_until"] == format_timestamp(until)
    assert (rows[history.carol.address]["wallet_frozen"], rows[history.carol.address]["wallet_frozen_until"]) == \
        ("yes", "until lifted")
    assert (rows[history.alice.address]["frozen"], rows[history.alice.address]["wallet_frozen"]) == ("300.00", "no")
    document = json.loads(extract.to_json())
    wallets = {w["wallet"]: w for h in document["holders"] for w in h["wallets"]}
    assert wallets[history.dave.address]["wallet_frozen_until"] == until
    assert wallets[history.carol.address]["frozen"] == "60.00" and wallets[history.carol.address]["wallet_frozen"]
    table = extract.to_table()
    carol_line = next(line for line in table.splitlines() if history.ids["carol"][-8:] in line)
    assert "60.00" in carol_line and "until lifted" in carol_line
    dave_line = next(line for line in table.splitlines() if history.ids["dave"][-8:] in line)
    assert format_timestamp(until) in dave_line

    client.travel(3600)  # dave's freeze lapses: read from the chain at the block
    dave = _wallet(register_extract(token), history.dave.address)
    assert (dave.frozen, dave.wallet_frozen, dave.wallet_frozen_until) == (0, False, None)


def test_the_extract_follows_forced_transfers_and_recoveries(history):
    token, agent, world = history.token, history.enforcement_agent, history.world
    Enforcement(token).forced_transfer(history.alice.address, history.dave.address, "600", "Court 8", agent)
    extract = register_extract(token)
    assert _wallet(extract, history.alice.address).frozen == 150  # 150 held, all of them frozen
    assert next(h for h in extract.holders if h.investor_id == history.ids["alice"]).frozen == 150

    new_wallet = world.fresh_wallet()
    world.registry.add_wallet(history.ids["bob"], new_wallet, world.registrar)
    Enforcement(token).freeze_tokens(history.bob.address, "300", "Case 12", agent)
    second = world.client.dev_accounts()[9]
    world.registry.add_registrar(second.address, world.operator)
    world.registry.request_recovery(history.bob.address, new_wallet, "KYC case 12", world.registrar)
    world.client.travel(3 * 24 * 3600)
    world.registry.approve_recovery(history.bob.address, second)
    token.recover_wallet(history.bob.address, world.outsider)
    assert token.frozen_tokens(new_wallet) == 300
    extract = register_extract(token)
    assert _wallet(extract, new_wallet).frozen == 300
    assert next(h for h in extract.holders if h.investor_id == history.ids["bob"]).frozen == 300


def test_the_table_labels_investors_by_their_ids_significant_digits_and_json_names_categories(history):
    extract = register_extract(history.token)
    table = extract.to_table()
    assert "0x0000…" not in table  # an id is 160 bits in a 32-byte word: its first digits are zeros
    carol = history.ids["carol"]
    carol_line = next(line for line in table.splitlines() if carol[-8:] in line)
    assert carol_line.startswith(carol[-40:][:6] + "…")
    holders = {h["investor_id"]: h for h in json.loads(extract.to_json())["holders"]}
    assert (holders[carol]["category"], holders[carol]["kind"], holders[carol]["residency"]) == \
        ("professional", "legal_entity", "DE")
