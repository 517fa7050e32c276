"""Why a mint, transfer or burn is refused: the token's stable reason codes and their exceptions.

The same code comes from the pre-check (``detectTransferRestriction`` and friends, before
anything is sent) and from the revert (``DFARestricted(code, from, to, value)``), and both
become the same exception class here: catch :class:`ReceiverKycExpired` and you catch it
whether the Python layer refused before sending or the chain refused a sent transaction.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from dfa.errors import DFAError, RevertError


class Restriction(IntEnum):
    """Codes of ``contracts/token/Restrictions.sol``; the numbers never change meaning."""

    SUCCESS = 0
    GRANULARITY = 1
    INSUFFICIENT_BALANCE = 2
    SUPPLY_CAP_EXCEEDED = 3
    PAUSED = 4
    FROZEN_TOKENS = 5
    MAX_BALANCE_EXCEEDED = 6
    MAX_HOLDERS_REACHED = 7
    MAX_CATEGORY_HOLDERS_REACHED = 8
    PURCHASE_LIMIT_EXCEEDED = 9
    SENDER_NOT_REGISTERED = 10
    RECEIVER_NOT_REGISTERED = 11
    SENDER_SUSPENDED = 12
    RECEIVER_SUSPENDED = 13
    SENDER_KYC_EXPIRED = 14
    RECEIVER_KYC_EXPIRED = 15
    SENDER_CATEGORY_NOT_ALLOWED = 16
    RECEIVER_CATEGORY_NOT_ALLOWED = 17
    SENDER_KIND_NOT_ALLOWED = 18
    RECEIVER_KIND_NOT_ALLOWED = 19
    SENDER_COUNTRY_NOT_ALLOWED = 20
    RECEIVER_COUNTRY_NOT_ALLOWED = 21
    SENDER_DENIED_BY_RULE = 22
    RECEIVER_DENIED_BY_RULE = 23
    SENDER_FROZEN = 24
    RECEIVER_FROZEN = 25
    LOCKED_TOKENS = 30
    AML_APPROVAL_REQUIRED = 31
    BELOW_MIN_HOLDING = 32
    ISSUANCE_LICENSE_INACTIVE = 40
    NO_DECISION = 41
    DECISION_CLOSED = 42
    BEFORE_SUBSCRIPTION = 43
    AFTER_SUBSCRIPTION = 44
    DECISION_CAP_EXCEEDED = 45
    BELOW_MINIMUM_SUBSCRIPTION = 46
    CATEGORY_NOT_IN_DECISION = 47
    CURRENCY_MISMATCH = 50
    NO_REFERENCE_PRICE = 51
    PRICE_OUT_OF_BOUNDS = 52
    STALE_PRICE = 53
    ACQUISITION_NOT_CONSENTED = 54


_PARTY = {
    "NOT_REGISTERED": "is not a wallet of any investor in the operator's registry; onboard the investor first",
    "SUSPENDED": "belongs to a suspended investor",
    "KYC_EXPIRED": "belongs to an investor whose KYC has expired; the registrar must renew it",
    "CATEGORY_NOT_ALLOWED": "belongs to an investor whose category the token does not admit",
    "KIND_NOT_ALLOWED": "belongs to an investor whose kind (individual / legal entity) the token does not admit",
    "COUNTRY_NOT_ALLOWED": "belongs to an investor whose country the token does not admit",
    "DENIED_BY_RULE": "belongs to an investor a compliance rule of the token denies",
    "FROZEN": "is frozen by an enforcement act",
}
MESSAGES: dict[Restriction, str] = {
    Restriction.SUCCESS: "no restriction",
    Restriction.GRANULARITY: "the amount is not a multiple of the token's smallest transferable unit",
    Restriction.INSUFFICIENT_BALANCE: "the sender's balance is too small",
    Restriction.SUPPLY_CAP_EXCEEDED: "the token's supply cap would be exceeded",
    Restriction.PAUSED: "the token is paused by an enforcement act",
    Restriction.FROZEN_TOKENS: "the amount exceeds the sender's unfrozen balance",
    Restriction.MAX_BALANCE_EXCEEDED: "the receiving investor would hold more than the maximum balance (all its wallets)",
    Restriction.MAX_HOLDERS_REACHED: "the token has its maximum number of holders; a new investor cannot join",
    Restriction.MAX_CATEGORY_HOLDERS_REACHED: "the token has its maximum number of holders of the receiver's category",
    Restriction.PURCHASE_LIMIT_EXCEEDED: "the receiving investor would exceed its category's purchase limit over the "
    "rolling window (counted over all its wallets and all the operator's tokens)",
    Restriction.CURRENCY_MISMATCH: "the price is in another currency than the purchase limit; the acquisition "
    "cannot be valued against it",
    Restriction.NO_REFERENCE_PRICE: "the token has no reference price to value the transfer against the purchase "
    "limit; the pricing agent must set one",
    Restriction.PRICE_OUT_OF_BOUNDS: "the price the acquisition is valued at (the decision's issue price or the "
    "reference price) is outside the bounds the operator set for the token, or the operator set none; the operator "
    "sets them in its purchase limits",
    Restriction.STALE_PRICE: "the token's reference price is older than the operator's purchase limits allow; the "
    "pricing agent must set a fresh one",
    Restriction.ACQUISITION_NOT_CONSENTED: "the receiving investor is under a purchase limit and did not ask for this "
    "acquisition: it must pull the tokens itself (transferFrom) or first consent on the token to acquire at least "
    "this amount",
    Restriction.LOCKED_TOKENS: "the amount exceeds what the sender holds free of lock-ups; wait for the lock-up to end",
    Restriction.AML_APPROVAL_REQUIRED: "the transfer is worth more than the AML threshold (or cannot be valued) and "
    "needs the compliance agent's prior approval of exactly this transfer",
    Restriction.BELOW_MIN_HOLDING: "the sending or receiving investor would be left holding a positive amount below "
    "the token's minimum holding (all its wallets); move at least the minimum, or the sender's whole holding",
    Restriction.ISSUANCE_LICENSE_INACTIVE: "the operator's issuance licence is not in force; no allocation until "
    "the regulator reinstates or renews it",
    Restriction.NO_DECISION: "there is no issuance decision with that id; publish one first",
    Restriction.DECISION_CLOSED: "the issuance decision is closed",
    Restriction.BEFORE_SUBSCRIPTION: "the decision's subscription period has not started",
    Restriction.AFTER_SUBSCRIPTION: "the decision's subscription period has ended",
    Restriction.DECISION_CAP_EXCEEDED: "the allocation would exceed the decision's cap",
    Restriction.BELOW_MINIMUM_SUBSCRIPTION: "the allocation is below the decision's minimum subscription",
    Restriction.CATEGORY_NOT_IN_DECISION: "the decision does not admit the investor's category",
}
for _reason, _text in _PARTY.items():
    MESSAGES[Restriction[f"SENDER_{_reason}"]] = f"the sender {_text}"
    MESSAGES[Restriction[f"RECEIVER_{_reason}"]] = f"the receiver {_text}"


class ComplianceError(DFAError):
    """A rule of the token refused an operation."""


class TransferRestricted(ComplianceError, RevertError):
    """A mint, transfer or burn refused by a rule; ``reason`` says which.

    Raised before sending (``sent`` is false) when the pre-check refuses, and decoded from the
    chain's ``DFARestricted`` revert otherwise, with the same class and arguments.
    """

    name = "DFARestricted"
    reason: Restriction = Restriction.SUCCESS

    def __init__(self, arguments: dict[str, Any] | None = None, tx_hash: str | None = None, *, name: str | None = None):
        arguments = dict(arguments or {})
        zero = "0x" + "00" * 20
        if arguments.get("from") == zero:
            parties = "allocation to {to}"
        elif arguments.get("to") == zero:
            parties = "redemption from {from}"
        elif arguments.get("to") is None:  # a standard error (ERC-6093, ERC-7943) names the sender only
            parties = "from {from}"
        else:
            parties = "from {from} to {to}"
        self.template = self._template(arguments, parties)
        super().__init__(arguments, tx_hash, name=name)

    def _template(self, arguments: dict[str, Any], parties: str) -> str:
        return f"{MESSAGES.get(self.reason, 'refused')} ({parties}, {{value}} base units)"

    @property
    def code(self) -> int:
        return int(self.reason)

    @property
    def sender(self) -> str:
        return self.arguments.get("from")

    @property
    def receiver(self) -> str:
        return self.arguments.get("to")

    @property
    def value(self) -> int:
        return self.arguments.get("value")


class PurchaseLimitExceeded(TransferRestricted):
    """The receiving investor would exceed its category's purchase limit.

    Raised by the token's API (before sending and from the chain's refusal) with the figures a
    person needs: ``remaining`` (what the investor may still acquire now, in ``currency``) and
    ``amount`` (what was attempted, in whole token units of ``symbol``); ``None`` where unknown
    (a refusal decoded without the token's API).
    """

    reason = Restriction.PURCHASE_LIMIT_EXCEEDED

    def _template(self, arguments: dict[str, Any], parties: str) -> str:
        if arguments.get("remaining") is None or arguments.get("amount") is None:
            return super()._template(arguments, parties)
        return f"{MESSAGES[self.reason]}: {{remaining}} {{currency}} left, {{amount}} {{symbol}} attempted ({parties})"

    @property
    def remaining(self) -> Any:
        return self.arguments.get("remaining")

    @property
    def currency(self) -> str | None:
        return self.arguments.get("currency")

    @property
    def amount(self) -> Any:
        return self.arguments.get("amount")

    @property
    def symbol(self) -> str | None:
        return self.arguments.get("symbol")


def _class_name(reason: Restriction) -> str:
    return "".join(part.capitalize() for part in reason.name.split("_"))


RESTRICTION_CLASSES: dict[int, type[TransferRestricted]] = {
    int(reason): type(_class_name(reason), (TransferRestricted,), {"reason": reason, "__module__": __name__})
    for reason in Restriction
    if reason not in (Restriction.SUCCESS, Restriction.PURCHASE_LIMIT_EXCEEDED)
} | {int(Restriction.PURCHASE_LIMIT_EXCEEDED): PurchaseLimitExceeded}
globals().update({cls.__name__: cls for cls in RESTRICTION_CLASSES.values()})


def restriction_error(code: int, sender: str, receiver: str, value: int, tx_hash: str | None = None,
                      **figures: Any) -> TransferRestricted:
    """The exception for reason ``code``; an unknown code gives the generic :class:`TransferRestricted`.

    ``figures`` add what a reason's message names (for a purchase limit: ``remaining``,
    ``currency``, ``amount``, ``symbol``)."""
    cls = RESTRICTION_CLASSES.get(int(code), TransferRestricted)
    return cls({"code": int(code), "from": sender, "to": receiver, "value": int(value), **figures}, tx_hash)


def explain(code: int) -> str:
    """A person's explanation of reason ``code``."""
    try:
        return MESSAGES[Restriction(code)]
    except ValueError:
        return f"unknown restriction code {code}"
