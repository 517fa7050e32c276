"""Shared fixtures: every chain test runs on the embedded chain and on a local anvil node.

A backend's contracts are deployed once per session; each test runs inside a snapshot that
is reverted afterwards, so tests never see each other's changes and the chain stays short.
Choose backends with ``--backend embedded`` or ``--backend anvil`` (default: both).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from eth_account import Account
from eth_utils import to_checksum_address

from dfa.chain.anvil import AnvilNode
from dfa.chain.backends import PINNED_GENESIS_TIME
from dfa.chain.client import Client
from dfa.chain.signers import KeySigner, Signer
from dfa.issuer import DFAToken, TokenFactory, TokenSpec
from dfa.operator import InvestorRegistry, NewInvestor, investor_id
from dfa.regulator import LicenseRegistry, LicenseTerms, Scope

BACKENDS = ("embedded", "anvil")
YEAR = 365 * 24 * 3600
SALT = "test-registrar-salt-0123456789"


def pytest_addoption(parser):
    parser.addoption("--backend", action="append", choices=BACKENDS, help="run chain tests on this backend only")


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("backend") or list(BACKENDS)
        metafunc.parametrize("backend", chosen, scope="session")


@pytest.fixture(scope="session")
def anvil_node(tmp_path_factory):
    with AnvilNode(log_dir=tmp_path_factory.mktemp("anvil-logs"), genesis_time=PINNED_GENESIS_TIME) as node:
        yield node


@pytest.fixture(scope="session")
def chain(backend, request) -> Client:
    if backend == "embedded":
        return Client.embedded()
    return Client(request.getfixturevalue("anvil_node").profile)


@dataclass
class World:
    """A licensed operator with an investor registry, and the people who act on them."""

    client: Client
    licenses: LicenseRegistry
    registry: InvestorRegistry
    regulator: Signer
    operator: Signer
    registrar: Signer
    outsider: Signer
    wallets: list[str]  # dev addresses that belong to nobody yet

    @staticmethod
    def fresh_wallet() -> str:
        """An address nobody uses (registration does not need the wallet to sign)."""
        return to_checksum_address(os.urandom(20))

    def new_investor(self, n: int, wallet: str | None = None, **profile) -> NewInvestor:
        fields = dict(category="retail", kind="individual", country="KZ", residency="KZ")
        fields.update(profile)
        fields.setdefault("kyc_valid_until", self.client.now() + YEAR)
        wallet = wallet or (self.wallets[n] if n < len(self.wallets) else self.fresh_wallet())
        return NewInvestor(investor_id=investor_id(f"person-{n}", SALT), wallet=wallet, **fields)


@pytest.fixture(scope="session")
def world(chain) -> World:
    regulator, operator, registrar, outsider, *rest = chain.dev_accounts()
    licenses = LicenseRegistry.deploy(chain, regulator)
    licenses.grant(
        LicenseTerms(
            operator=operator.address,
            license_id="CB-DFA-0001",
            operator_name="Alpha Platform JSC",
            scopes=Scope.ISSUANCE | Scope.INVESTOR_REGISTRY,
            expires_at=chain.now() + YEAR,
        ),
        regulator,
    )
    registry = InvestorRegistry.deploy(chain, licenses, operator)
    registry.add_registrar(registrar.address, operator)
    return World(chain, licenses, registry, regulator, operator, registrar, outsider, [a.address for a in rest])


@dataclass
class Market:
    """A bond issued through operator A's factory, and investors with keys of their own."""

    world: World
    factory: TokenFactory
    token: DFAToken
    roles: dict[str, Signer]
    investors: dict[str, KeySigner]
    ids: dict[str, str]
    decision_id: str = "BOND-2026-01"

    def __getattr__(self, name):
        if name in self.roles:
            return self.roles[name]
        if name in self.investors:
            return self.investors[name]
        raise AttributeError(name)


# name -> (category, kind, country, residency, flags)
INVESTORS = {
    "alice": ("retail", "individual", "KZ", "KZ", ()),
    "bob": ("qualified", "individual", "KZ", "KZ", ()),
    "carol": ("professional", "legal_entity", "DE", "DE", ()),
    "dave": ("professional", "legal_entity", "KZ", "KZ", ("licensed_miner",)),
    "erin": ("retail", "individual", "US", "US", ()),
    "kzco": ("professional", "legal_entity", "KZ", "KZ", ()),
}


def bond_spec(world: World, roles: dict[str, Signer], **changes) -> TokenSpec:
    now = world.client.now()
    fields = dict(
        name="Steppe Green Bond 2029",
        symbol="SGB29",
        decimals=2,
        asset_class="debt",
        jurisdiction="KZ",
        roles={name: signer.address for name, signer in roles.items()},
        documents=[{"name": "terms", "uri": "https://example.kz/sgb29/terms.pdf", "hash": "0x" + "11" * 32}],
        decision=dict(decision_id="BOND-2026-01", document_hash="0x" + "22" * 32, cap="1000000", min_subscription="10",
                      price="1.00", currency="USD", subscription_start=now, subscription_end=now + 30 * 24 * 3600),
    )
    fields.update(changes)
    return TokenSpec(**fields)


@pytest.fixture(scope="session")
def market(world) -> Market:
    client = world.client
    dev = client.dev_accounts()
    roles = dict(zip(("admin", "issuer_agent", "compliance_agent", "enforcement_agent", "document_manager"), dev[4:9]))
    roles["pricing_agent"] = KeySigner(Account.create())  # the operator's choice: neither the admin nor the issuer agent
    client.transact(roles["pricing_agent"].address, b"", dev[9], value=10**18)
    factory = TokenFactory.deploy(client, world.licenses, world.regulator)
    token = factory.create_token(bond_spec(world, roles), world.registry, world.operator, admin=roles["admin"])
    investors = {name: KeySigner(Account.create()) for name in INVESTORS}
    ids = {}
    batch = []
    for n, (name, (category, kind, country, residency, flags)) in enumerate(INVESTORS.items()):
        client.transact(investors[name].address, b"", dev[9], value=10**18)
        ids[name] = investor_id(f"market-{name}", SALT)
        batch.append(NewInvestor(investor_id=ids[name], wallet=investors[name].address, category=category, kind=kind,
                                 country=country, residency=residency, kyc_valid_until=client.now() + YEAR,
                                 flags=list(flags)))
    world.registry.register_many(batch, world.registrar)
    return Market(world, factory, token, roles, investors, ids)


SESSION_SETUPS = ("world", "market")


@pytest.fixture(autouse=True)
def _isolated(request):
    """Revert the chain to where it was before the test (only for tests that use a chain)."""
    if "chain" not in request.fixturenames:
        yield
        return
    client = request.getfixturevalue("chain")
    for setup in SESSION_SETUPS:  # deploy before the snapshot, once per session
        if setup in request.fixturenames:
            request.getfixturevalue(setup)
    snapshot = client.snapshot()
    yield
    client.revert(snapshot)
