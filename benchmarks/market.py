"""A dfa market for the benchmarks: a licensed operator, its registry and factory, the people."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from eth_account import Account

from dfa import Client, InvestorRegistry, LicenseRegistry, LicenseTerms, NewInvestor, investor_id
from dfa.chain.signers import DevAccount, KeySigner
from dfa.issuer import DecisionSpec, DFAToken, TokenFactory, TokenSpec

DAY = 24 * 3600
SALT = "benchmark-salt-0123456789"


def funded_signers(client: Client, number: int) -> list[KeySigner]:
    """Fresh wallets with some ether: holders sign for themselves."""
    signers = [KeySigner(Account.create()) for _ in range(number)]
    funder = client.dev_accounts()[-1]
    for signer in signers:
        client.transact(signer.address, b"", funder, value=10**18)
    return signers


@dataclass
class Market:
    client: Client
    licenses: LicenseRegistry
    registry: InvestorRegistry
    factory: TokenFactory
    regulator: DevAccount
    operator: DevAccount
    registrar: DevAccount
    admin: DevAccount
    agent: DevAccount
    compliance: DevAccount
    enforcer: DevAccount
    documents: DevAccount

    @classmethod
    def open(cls, client: Client) -> Market:
        dev = client.dev_accounts()
        regulator, operator, registrar = dev[:3]
        licenses = LicenseRegistry.deploy(client, regulator)
        licenses.grant(LicenseTerms(operator=operator.address, license_id="CB-1", operator_name="Operator",
                                    scopes="issuance,investor_registry", expires_at=client.now() + 365 * DAY),
                       regulator)
        registry = InvestorRegistry.deploy(client, licenses, operator)
        registry.add_registrar(registrar.address, operator)
        factory = TokenFactory.deploy(client, licenses, regulator)
        return cls(client, licenses, registry, factory, *dev[:3], *dev[3:8])

    _people = count()

    def investor(self, wallet: str, **profile) -> NewInvestor:
        fields = dict(category="retail", kind="individual", country="KZ", residency="KZ",
                      kyc_valid_until=self.client.now() + 365 * DAY)
        fields.update(profile)
        return NewInvestor(investor_id=investor_id(f"investor-{next(self._people)}", SALT), wallet=wallet, **fields)

    def spec(self, symbol: str, **fields) -> TokenSpec:
        roles = dict(admin=self.admin.address, issuer_agent=self.agent.address,
                     compliance_agent=self.compliance.address, enforcement_agent=self.enforcer.address,
                     document_manager=self.documents.address,
                     pricing_agent=self.client.dev_accounts()[8].address)
        return TokenSpec(name=f"Bench {symbol}", symbol=symbol, decimals=0, asset_class="debt", jurisdiction="KZ",
                         roles=roles, **fields)

    def issue(self, spec: TokenSpec, **options) -> DFAToken:
        """The token of ``spec`` with decision D-1 open (1e9 units at 1.00 USD)."""
        token = self.factory.create_token(spec, self.registry, self.operator, **options)
        now = self.client.now()
        token.publish_decision(DecisionSpec(decision_id="D-1", document_hash="0x" + "22" * 32, cap="1000000000",
                                            price="1.00", currency="USD", subscription_start=now,
                                            subscription_end=now + 30 * DAY), self.admin)
        return token
