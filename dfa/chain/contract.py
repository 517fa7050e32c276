"""The base of every domain API bound to one deployed contract: sends, reads, roles, events."""

from __future__ import annotations

from typing import Any, ClassVar, Iterator, Self

from web3.logs import DISCARD
from web3.types import EventData, TxReceipt

from dfa.artifacts import merged_abi
from dfa.chain.calls import encode_call
from dfa.chain.client import Client
from dfa.chain.events import iter_events, iter_logs
from dfa.chain.signers import Signer
from dfa.errors import NotFoundError
from dfa.roles import CONTRACT_ROLES, ROLE_IDS
from dfa.types import parse_address

DEFAULT_ADMIN_ROLE = "DEFAULT_ADMIN_ROLE"


def role_id(role: str) -> bytes:
    """The bytes32 id of a role the contracts define, by its name (generated from the contracts)."""
    try:
        return ROLE_IDS[role]
    except KeyError:
        known = ", ".join(sorted(ROLE_IDS))
        raise NotFoundError(f"no contract defines a role named {role!r}; roles: {known}") from None


class ContractAPI:
    """One deployed contract of kind :attr:`artifact`, driven through a :class:`Client`."""

    artifact: ClassVar[str]
    #: Artifacts whose functions the contract serves by delegation (its ABI is the union).
    modules: ClassVar[tuple[str, ...]] = ()

    def __init__(self, client: Client, address: str):
        self.client = client
        self.address = parse_address(address)
        if self.modules:
            self.contract = client.w3.eth.contract(address=self.address, abi=merged_abi(self.artifact, *self.modules))
        else:
            self.contract = client.contract(self.artifact, self.address)
        code = client.w3.eth.get_code(self.address)
        if not code:
            raise NotFoundError(f"no {self.artifact} at {self.address} on {client.network.name!r}: no contract there")

    @classmethod
    def _deploy(cls, client: Client, signer: Signer, *args: Any) -> Self:
        contract = client.deploy(cls.artifact, args, signer)
        return cls(client, contract.address)

    def _send(self, signer: Signer, function: str, *args: Any, on_sent: Any = None) -> TxReceipt:
        return self.client.send(self.contract, function, *args, signer=signer, on_sent=on_sent)

    def _call(self, function: str, *args: Any) -> Any:
        return self.client.call(self.contract, function, *args)

    def _encode(self, function: str, *args: Any) -> bytes:
        return bytes(encode_call(self.contract, function, args))

    # -- roles ------------------------------------------------------------------------------

    def has_role(self, role: str, account: str) -> bool:
        return bool(self._call("hasRole", self._role(role), parse_address(account)))

    def grant_role(self, role: str, account: str, signer: Signer) -> TxReceipt:
        """Give ``account`` the ``role``; the signer must hold the role's admin role."""
        return self._send(signer, "grantRole", self._role(role), parse_address(account))

    def revoke_role(self, role: str, account: str, signer: Signer) -> TxReceipt:
        return self._send(signer, "revokeRole", self._role(role), parse_address(account))

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles the contract defines (its ``..._ROLE()`` getters, generated from its ABI)."""
        return CONTRACT_ROLES.get(self.artifact, (DEFAULT_ADMIN_ROLE,))

    def _role(self, role: str) -> bytes:
        if role not in self.roles:
            from dfa.errors import ValidationError

            raise ValidationError(f"{self.artifact} has no role {role!r}; its roles are {', '.join(self.roles)}")
        return role_id(role)

    # -- events -----------------------------------------------------------------------------

    def receipt_events(self, receipt: TxReceipt, name: str) -> list[dict[str, Any]]:
        """The arguments of each event ``name`` this contract emitted in ``receipt``."""
        event = getattr(self.contract.events, name)()
        return [log["args"] for log in event.process_receipt(receipt, errors=DISCARD) if log["address"] == self.address]

    def events(self, name: str, from_block: int = 0, to_block: int | None = None, **filters: Any) -> Iterator[EventData]:
        """Logs of event ``name`` of this contract, oldest first, read in bounded block ranges."""
        return iter_logs(self.client, getattr(self.contract.events, name), from_block, to_block, filters)

    def events_of(self, names: tuple[str, ...], from_block: int = 0, to_block: int | None = None,
                  **filters: Any) -> Iterator[EventData]:
        """Logs of several events of this contract in one query per range, in chain order."""
        events = [getattr(self.contract.events, name) for name in names]
        return iter_events(self.client, events, from_block, to_block, filters)
