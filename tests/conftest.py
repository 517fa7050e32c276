"""Shared fixtures: every chain test runs on the embedded chain and on a local anvil node.

A backend's contracts are deployed once per session; each test runs inside a snapshot that
is reverted afterwards, so tests never see each other's changes and the chain stays short.
Choose backends with ``--backend embedded`` or ``--backend anvil`` (default: both).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from eth_utils import to_checksum_address

from dfa.chain.anvil import AnvilNode
from dfa.chain.client import Client
from dfa.chain.signers import Signer
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
    with AnvilNode(log_dir=tmp_path_factory.mktemp("anvil-logs")) as node:
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


@pytest.fixture(autouse=True)
def _isolated(request):
    """Revert the chain to where it was before the test (only for tests that use a chain)."""
    if "chain" not in request.fixturenames:
        yield
        return
    client = request.getfixturevalue("chain")
    if "world" in request.fixturenames:
        request.getfixturevalue("world")  # deploy before the snapshot, once per session
    snapshot = client.snapshot()
    yield
    client.revert(snapshot)
