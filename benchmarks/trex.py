"""The peer: ERC-3643 T-REX 4.1.6 with ONCHAINID 2.2.1, deployed in its production shape.

Implementations sit behind a TREXImplementationAuthority; a token's suite (token, identity
registry and its storage, trusted issuers, claim topics, modular compliance: six proxies) is
deployed by ``TREXFactory.deployTREXSuite``. Each investor gets an ONCHAINID identity from
the IdFactory, one KYC claim signed by a trusted ClaimIssuer, and an entry in the identity
registry. Compliance modules are shared proxies, as in production.
"""

from __future__ import annotations

from dataclasses import dataclass

from eth_abi import encode
from eth_account import Account
from eth_account.messages import encode_defunct
from eth_utils import keccak
from web3.types import TxReceipt

from benchmarks.onchain import Deployed, npm_artifact
from dfa.chain.client import Client
from dfa.chain.signers import Signer

TREX = "@tokenysolutions/t-rex"
ONCHAINID = "@onchain-id/solidity"
KYC_TOPIC = 1
MANAGEMENT, CLAIM_SIGNER = 1, 3
ECDSA_KEY = 1


def _key(address: str) -> bytes:
    return keccak(encode(["address"], [address]))


@dataclass
class TrexToken:
    token: Deployed
    identity_registry: Deployed
    deploy_receipt: TxReceipt


class Trex:
    """One T-REX installation on a chain: implementations, authorities, factories, a claim issuer."""

    def __init__(self, client: Client, owner: Signer):
        self.client, self.owner = client, owner
        self.claim_signer = Account.create()  # the KYC provider's signing key (not on chain: its hash is)
        self._identities = 0

        def deploy(package: str, name: str, *args) -> Deployed:
            return Deployed.deploy(client, npm_artifact(package, name), args, owner)[0]

        implementations = [deploy(TREX, name) for name in (
            "Token", "ClaimTopicsRegistry", "IdentityRegistry", "IdentityRegistryStorage",
            "TrustedIssuersRegistry", "ModularCompliance")]
        authority = deploy(TREX, "TREXImplementationAuthority", True, _ZERO, _ZERO)
        authority.send(owner, "addAndUseTREXVersion", (4, 0, 0), tuple(i.address for i in implementations))
        identity_implementation = deploy(ONCHAINID, "Identity", owner.address, True)
        identity_authority = deploy(ONCHAINID, "ImplementationAuthority", identity_implementation.address)
        self.id_factory = deploy(ONCHAINID, "IdFactory", identity_authority.address)
        self.factory = deploy(TREX, "TREXFactory", authority.address, self.id_factory.address)
        self.id_factory.send(owner, "addTokenFactory", self.factory.address)
        self.claim_issuer = deploy(ONCHAINID, "ClaimIssuer", owner.address)
        self.claim_issuer.send(owner, "addKey", _key(self.claim_signer.address), CLAIM_SIGNER, ECDSA_KEY)
        self.modules = {name: self._module(name) for name in
                        ("CountryAllowModule", "CountryRestrictModule", "MaxBalanceModule")}

    def _module(self, name: str) -> Deployed:
        implementation = Deployed.deploy(self.client, npm_artifact(TREX, name), (), self.owner)[0]
        initialize = implementation.encode("initialize")
        proxy, _ = Deployed.deploy(self.client, npm_artifact(TREX, "ModuleProxy"),
                                   (implementation.address, initialize), self.owner)
        return Deployed.at(self.client, npm_artifact(TREX, name), proxy.address)

    def deploy_token(self, salt: str, *, allowed: tuple[int, ...] = (), denied: tuple[int, ...] = (),
                     max_balance: int = 0) -> TrexToken:
        """A suite through the factory; with rules, the three modules are bound and configured."""
        modules, settings = [], []
        if allowed:
            modules.append(self.modules["CountryAllowModule"].address)
            settings.append(self.modules["CountryAllowModule"].encode("batchAllowCountries", list(allowed)))
        if denied:
            modules.append(self.modules["CountryRestrictModule"].address)
            settings.append(self.modules["CountryRestrictModule"].encode("batchRestrictCountries", list(denied)))
        if max_balance:
            modules.append(self.modules["MaxBalanceModule"].address)
            settings.append(self.modules["MaxBalanceModule"].encode("setMaxBalance", max_balance))
        owner = self.owner.address
        details = (owner, f"T-REX {salt}", salt[:8].upper(), 0, _ZERO, _ZERO, [owner], [owner], modules, settings)
        claims = ([KYC_TOPIC], [self.claim_issuer.address], [[KYC_TOPIC]])
        receipt = self.factory.send(self.owner, "deployTREXSuite", salt, details, claims)
        token = Deployed.at(self.client, npm_artifact(TREX, "Token"), self.factory.call("getToken", salt))
        registry = Deployed.at(self.client, npm_artifact(TREX, "IdentityRegistry"), token.call("identityRegistry"))
        token.send(self.owner, "unpause")  # a new T-REX token starts paused
        return TrexToken(token, registry, receipt)

    def create_identity(self, wallet: str) -> tuple[str, list[TxReceipt]]:
        """An ONCHAINID for ``wallet`` with a signed KYC claim (managed by the onboarding agent)."""
        self._identities += 1
        created = self.id_factory.send(self.owner, "createIdentityWithManagementKeys", wallet,
                                       f"investor-{self._identities}", [_key(self.owner.address)])
        identity_address = self.id_factory.call("getIdentity", wallet)
        identity = Deployed.at(self.client, npm_artifact(ONCHAINID, "Identity"), identity_address)
        data = b"KYC passed"
        digest = keccak(encode(["address", "uint256", "bytes"], [identity_address, KYC_TOPIC, data]))
        signature = Account.sign_message(encode_defunct(digest), self.claim_signer.key).signature
        claimed = identity.send(self.owner, "addClaim", KYC_TOPIC, 1, self.claim_issuer.address, signature, data, "")
        return identity_address, [created, claimed]

    def onboard(self, token: TrexToken, wallet: str, country: int) -> list[TxReceipt]:
        identity, receipts = self.create_identity(wallet)
        receipts.append(token.identity_registry.send(self.owner, "registerIdentity", wallet, identity, country))
        return receipts

    def onboard_batch(self, token: TrexToken, wallets: list[str], country: int) -> list[TxReceipt]:
        identities, receipts = [], []
        for wallet in wallets:
            identity, made = self.create_identity(wallet)
            identities.append(identity)
            receipts += made
        receipts.append(token.identity_registry.send(self.owner, "batchRegisterIdentity", wallets, identities,
                                                     [country] * len(wallets)))
        return receipts


_ZERO = "0x" + "00" * 20
