"""What the enforcement agent does to a token, and the record of it.

Every act names its legal basis (a court order or case reference, or the hash of the
document) and is refused before sending when it cannot succeed.

The two ERC-7943 acts (``setFrozenTokens(address,uint256)``, ``forcedTransfer(address,address,uint256)``)
carry no reference in their signatures: each is sent in one ``multicall`` after
``setLegalReference(reference, until)``, which the act uses up and records in its own event
(``TokensFrozen``, ``ForcedTransferExecuted``). One transaction, as before.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from web3.types import EventData, TxReceipt

from dfa import constants, errors
from dfa.chain.calls import encode_call
from dfa.chain.signers import Signer
from dfa.issuer.token import DFAToken
from dfa.models import Model
from dfa.types import (
    AmountInput,
    TimeInput,
    Timestamp,
    parse_address,
    parse_reference,
    parse_timestamp,
    reference_from_bytes,
    reference_to_bytes,
)

INDEFINITELY = constants.Enforcement.INDEFINITELY  # a freeze without an end (generated from the contract)
# event -> kind of act, as the history names it
ACTS = {
    "Paused": "pause",
    "Unpaused": "unpause",
    "WalletFrozen": "freeze",
    "WalletUnfrozen": "unfreeze",
    "TokensFrozen": "freeze tokens",
    "ForcedTransferExecuted": "forced transfer",
    "WalletRecovered": "recovery",
}


class EnforcementEvent(Model):
    """One enforcement act as the chain recorded it."""

    kind: str
    wallet: str | None
    """The wallet acted upon (the sender of a forced transfer); none for a pause."""
    to: str | None = None
    """The receiver of a forced transfer."""
    amount: Decimal | None = None
    until: Timestamp | None = None
    """When a freeze lapses; none when it lasts until lifted."""
    legal_reference: str | None
    """The court order or case; none for a recovery, whose due process is in the registry."""
    actor: str
    block: int
    time: int
    tx_hash: str


class Enforcement:
    """The enforcement agent's acts on one token."""

    def __init__(self, token: DFAToken):
        self.token = token
        self.client = token.client

    def pause(self, legal_reference: str, signer: Signer) -> TxReceipt:
        """Stop every transfer, allocation and redemption (forced transfers still run)."""
        return self._send(signer, "pause", _reference(legal_reference))

    def unpause(self, legal_reference: str, signer: Signer) -> TxReceipt:
        return self._send(signer, "unpause", _reference(legal_reference))

    def freeze_wallet(self, wallet: str, legal_reference: str, signer: Signer, *,
                      until: TimeInput | None = None) -> TxReceipt:
        """Freeze a wallet (it neither sends nor receives) until lifted, or until ``until``."""
        return self._send(signer, "freezeWallet", parse_address(wallet), _reference(legal_reference),
                          self._lapse(until))

    def unfreeze_wallet(self, wallet: str, legal_reference: str, signer: Signer) -> TxReceipt:
        wallet = parse_address(wallet)
        if not self.token.is_frozen(wallet):
            raise errors.DFAWalletNotFrozen({"wallet": wallet})
        return self._send(signer, "unfreezeWallet", wallet, _reference(legal_reference))

    def freeze_tokens(self, wallet: str, amount: AmountInput, legal_reference: str, signer: Signer, *,
                      until: TimeInput | None = None) -> TxReceipt:
        """Set the frozen part of the wallet's balance to ``amount`` (0 lifts it)."""
        wallet, units = parse_address(wallet), self.token.units(amount)
        balance = self.token.units(self.token.balance_of(wallet))
        if units > balance:
            raise errors.DFAFreezeAboveBalance({"wallet": wallet, "amount": units, "balance": balance})
        return self._act(signer, legal_reference, self._lapse(until), "setFrozenTokens", wallet, units)

    def forced_transfer(self, sender: str, receiver: str, amount: AmountInput, legal_reference: str,
                        signer: Signer) -> TxReceipt:
        """Move tokens by court order, whatever freezes and rules say, to a verified wallet only."""
        sender, receiver, units = parse_address(sender), parse_address(receiver), self.token.units(amount)
        _reference(legal_reference)
        if sender == receiver:
            raise errors.DFAForcedTransferToSelf({"wallet": sender})
        registry = self.token.registry
        if not registry.is_verified(receiver):
            raise errors.DFAForcedTransferToUnverified({"to": receiver})
        balance = self.token.units(self.token.balance_of(sender))
        if balance < units:
            raise errors.DFAInsufficientBalance({"from": sender, "balance": balance, "needed": units})
        return self._act(signer, legal_reference, 0, "forcedTransfer", sender, receiver, units)

    def _act(self, signer: Signer, legal_reference: str, until: int, function: str, *args: Any) -> TxReceipt:
        """An ERC-7943 act with its legal basis in the same transaction (the act uses the reference up)."""
        contract = self.token.contract
        calls = [bytes(encode_call(contract, "setLegalReference", (_reference(legal_reference), until))),
                 bytes(encode_call(contract, function, args))]
        return self._send(signer, "multicall", calls)

    def _send(self, signer: Signer, function: str, *args: Any) -> TxReceipt:
        return self.client.send(self.token.contract, function, *args, signer=signer)

    def history(self, wallets: list[str] | None = None, from_block: int = 0) -> list[EnforcementEvent]:
        """Every enforcement act on the token, oldest first; only those touching ``wallets`` when given."""
        wanted = {parse_address(w) for w in wallets} if wallets is not None else None
        acts = []
        for event_name, kind in ACTS.items():
            for log in self.token.events(event_name, from_block):
                act = self._event(kind, log)
                touched = {act.wallet, act.to} - {None}
                if wanted is None or touched & wanted:
                    acts.append((log["blockNumber"], log["logIndex"], act))
        return [act for *_, act in sorted(acts, key=lambda item: item[:2])]

    def investor_history(self, investor_id: str) -> list[EnforcementEvent]:
        """Every enforcement act touching any wallet the investor has ever had (recovered ones included)."""
        registry = self.token.registry
        return self.history(wallets=list(registry.wallets(investor_id, include_removed=True)))

    def _event(self, kind: str, log: EventData) -> EnforcementEvent:
        args = log["args"]
        until = args.get("until")
        amount = args.get("amount")
        block = self.client.w3.eth.get_block(log["blockNumber"])
        return EnforcementEvent(
            kind=kind,
            wallet=args.get("wallet") or args.get("from") or args.get("lost"),
            to=args.get("to") or args.get("replacement"),
            amount=self.token.amount(amount) if amount is not None else None,
            until=None if until in (None, INDEFINITELY) else until,
            legal_reference=reference_from_bytes(args["legalReference"]) if "legalReference" in args else None,
            actor=args["actor"],
            block=log["blockNumber"],
            time=block["timestamp"],
            tx_hash=log["transactionHash"].to_0x_hex(),
        )

    def _lapse(self, until: TimeInput | None) -> int:
        if until is None:
            return 0
        moment = parse_timestamp(until)
        if moment <= self.client.now():
            raise errors.ValidationError("a freeze cannot lapse in the past; give a later moment or none")
        return moment


def _reference(value: str) -> bytes:
    if value is None:
        raise errors.ValidationError("an enforcement act needs its legal basis: a court order or case reference")
    return reference_to_bytes(parse_reference(value))
