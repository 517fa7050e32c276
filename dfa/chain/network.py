"""Network profiles: which chain a client talks to and how it pays for gas."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from dfa.models import Model

# Chain ids that only local development chains use: eth-tester's default, anvil/hardhat, ganache.
EMBEDDED_CHAIN_ID = 131277322940537
ANVIL_CHAIN_ID = 31337
DEV_CHAIN_IDS = frozenset({EMBEDDED_CHAIN_ID, ANVIL_CHAIN_ID, 1337})


class FeeMode(StrEnum):
    """How a network prices gas."""

    EIP1559 = "eip1559"  # base fee + priority fee (type-2 transactions)
    LEGACY = "legacy"  # one gas price from eth_gasPrice
    FREE = "free"  # gas price 0, as on a Besu QBFT network configured for free gas


class NetworkProfile(Model):
    """A network ``dfa`` can connect to. Checked against the node on connect."""

    name: str = Field(min_length=1)
    """A short name for messages and for the deployment records of this network."""
    chain_id: int = Field(gt=0)
    """The chain id the node must report; a different one is an error, not a warning."""
    rpc_url: str | None = None
    """JSON-RPC endpoint; ``None`` for the embedded in-process chain."""
    fee_mode: FeeMode = FeeMode.EIP1559
    """How transactions pay for gas on this network."""
    priority_fee_wei: int = Field(default=10**9, ge=0)
    """Tip per gas under EIP-1559."""
    poa: bool = False
    """Inject the extra-data middleware of proof-of-authority networks (Besu QBFT/IBFT, Clique)."""
    dev: bool = False
    """A local development chain: its unlocked development accounts and time travel may be used."""
    receipt_timeout: float = Field(default=120.0, gt=0)
    """Seconds to wait for a transaction's receipt before :class:`~dfa.errors.TransactionTimeout`."""
    request_timeout: float = Field(default=30.0, gt=0)
    """Seconds an HTTP request to the node may take."""

    @model_validator(mode="after")
    def _dev_only_on_dev_chain_ids(self) -> NetworkProfile:
        if self.dev and self.chain_id not in DEV_CHAIN_IDS:
            raise ValueError(
                f"chain id {self.chain_id} is not a local development chain id ({sorted(DEV_CHAIN_IDS)}); "
                "a network with real value cannot be marked dev"
            )
        return self

    @property
    def embedded(self) -> bool:
        return self.rpc_url is None


EMBEDDED = NetworkProfile(name="embedded", chain_id=EMBEDDED_CHAIN_ID, dev=True)


def local_anvil(url: str, chain_id: int = ANVIL_CHAIN_ID) -> NetworkProfile:
    """The profile of a local anvil node at ``url``."""
    return NetworkProfile(name="anvil", chain_id=chain_id, rpc_url=url, dev=chain_id in DEV_CHAIN_IDS)
