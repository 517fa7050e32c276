"""Why a mint, transfer or burn is refused: the token's stable reason codes and their exceptions.

The same code comes from the pre-check (``detectTransferRestriction`` and friends, before
anything is sent) and from the revert (``DFARestricted(code, from, to, value)``), and both
become the same exception class here: catch :class:`ReceiverKycExpired` and you catch it
whether the Python layer refused before sending or the chain refused a sent transaction.

The codes (:class:`Restriction`), the chain's messages (:data:`CHAIN_MESSAGES`) and the
classes are generated from the contracts by ``python -m dfa.build``; the explanations for a
person (:data:`EXPLANATIONS`) are written in ``dfa/chain/messages.py``.
"""

from __future__ import annotations

from typing import Any

from dfa._exceptions import ComplianceError, TransferRestricted
from dfa._generated.enums import CHAIN_MESSAGES, Restriction
from dfa._generated.restrictions import *  # noqa: F403 (one class per code, listed in its __all__)
from dfa._generated.restrictions import RESTRICTED, RESTRICTION_CLASSES
from dfa._generated.restrictions import __all__ as _generated
from dfa.chain.messages import EXPLANATIONS

MESSAGES = EXPLANATIONS  # the name this module gave them before they moved

__all__ = [
    "CHAIN_MESSAGES",
    "EXPLANATIONS",
    "MESSAGES",
    "RESTRICTION_CLASSES",
    "ComplianceError",
    "RESTRICTED",
    "Restriction",
    "TransferRestricted",
    "explain",
    "restriction_error",
    *_generated,
]


def restriction_error(code: int, sender: str, receiver: str, value: int, tx_hash: str | None = None,
                      **figures: Any) -> TransferRestricted:
    """The exception for reason ``code``; an unknown code gives the generic :data:`RESTRICTED`.

    ``figures`` add what a reason's message names (for a purchase limit: ``remaining``,
    ``currency``, ``amount``, ``symbol``)."""
    try:
        cls = RESTRICTION_CLASSES.get(Restriction(code), RESTRICTED)
    except ValueError:
        cls = RESTRICTED
    return cls({"code": int(code), "from": sender, "to": receiver, "value": int(value), **figures}, tx_hash)


def explain(code: int) -> str:
    """A person's explanation of reason ``code`` (the chain's own message when none is written)."""
    try:
        reason = Restriction(code)
    except ValueError:
        return f"unknown restriction code {code}"
    return EXPLANATIONS.get(reason.name) or CHAIN_MESSAGES[reason]
