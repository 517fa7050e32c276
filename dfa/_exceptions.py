"""The hand-written exception tree of ``dfa`` (re-exported by :mod:`dfa.errors`).

The generated classes of ``dfa/_generated/errors.py`` and ``restrictions.py`` (one per
Solidity custom error, one per restriction code) derive from the classes here; the
behaviour (messages, argument access) is written here once.
"""

from __future__ import annotations

from typing import Any, ClassVar

from dfa.chain.messages import EXPLANATIONS, TEMPLATES, show, template_context


class DFAError(Exception):
    """Root of every error ``dfa`` raises on purpose."""

    lines: list[dict[str, object]] | None = None
    """The offending lines of an input file, when the error comes from one (for ``--json``)."""


class ConfigError(DFAError, ValueError):
    """Invalid configuration: a network profile, a keystore path, a missing tool."""


class BuildError(ConfigError):
    """The contracts cannot be compiled with the pinned compiler."""


class ValidationError(DFAError, ValueError):
    """Input refused before any transaction is sent; nothing changed on chain."""


class NetworkError(DFAError, ConnectionError):
    """The node cannot be reached or answered something unusable."""


class NetworkMismatchError(NetworkError):
    """The node's chain id differs from the network profile's."""


class NodeError(NetworkError):
    """A local node failed to start, answer or stop."""


class SignerError(DFAError):
    """No usable signing key, or a key that must not be used on this chain."""


class NotFoundError(DFAError, LookupError):
    """The thing asked for does not exist (on chain or among the artifacts)."""


class TransactionError(DFAError):
    """A transaction could not be carried out."""

    def __init__(self, message: str, tx_hash: str | None = None):
        super().__init__(message)
        self.tx_hash = tx_hash

    @property
    def sent(self) -> bool:
        """Whether a transaction was sent (and gas spent) before the failure."""
        return self.tx_hash is not None


class TransactionTimeout(TransactionError):
    """No receipt arrived within the timeout; the transaction may still be mined later."""


class TransactionFailed(TransactionError):
    """The transaction was mined with status 0 and its reason could not be decoded."""


class RevertError(TransactionError):
    """A contract refused the call with a custom error.

    ``name`` is the Solidity error's name, ``arguments`` its decoded arguments by parameter
    name (also readable as typed attributes of the generated class: ``error.wallet``),
    ``tx_hash`` the transaction's hash when one was sent (``None`` when the refusal came from
    a call or a gas estimate, or from the Python pre-check).
    """

    name: str = "RevertError"
    template: str | None = None
    signature: ClassVar[str] = ""
    selector: ClassVar[bytes] = b""
    inputs: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __init__(self, arguments: dict[str, Any] | None = None, tx_hash: str | None = None, *,
                 name: str | None = None):
        self.arguments = dict(arguments or {})
        if name is not None:
            self.name = name
        shown = {k: show(v, k) for k, v in self.arguments.items()}
        template = self.template or TEMPLATES.get(self.name)
        if template:
            message = template.format(**{**template_context(), **shown})
        else:
            message = ", ".join(f"{k}={v}" for k, v in shown.items())
        super().__init__(f"{message} [{self.name}]", tx_hash)

    def __getattr__(self, item: str) -> Any:
        arguments = self.__dict__.get("arguments", {})
        if item in arguments:
            return arguments[item]
        raise AttributeError(item)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.arguments, self.tx_hash), {"name": self.name})


class ComplianceError(DFAError):
    """A rule of the token refused an operation."""


class TransferRestricted(ComplianceError, RevertError):
    """A mint, transfer or burn refused by a rule; ``reason`` says which.

    Raised before sending (``sent`` is false) when the pre-check refuses, and decoded from the
    chain's refusal otherwise, with the same class and arguments. The generated class of the
    Solidity error and its one subclass per restriction code derive from this one.

    Extra ``arguments`` a caller adds (for a purchase limit: ``remaining``, ``currency``,
    ``amount``, ``symbol``) show in the message when present.
    """

    reason: ClassVar[int] = 0

    def __init__(self, arguments: dict[str, Any] | None = None, tx_hash: str | None = None, *,
                 name: str | None = None):
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
        explanation = EXPLANATIONS.get(self._code_name(int(arguments.get("code", self.reason))), "refused")
        if arguments.get("remaining") is not None and arguments.get("amount") is not None:
            figures = "{remaining} {currency} left, {amount} {symbol} attempted"
            self.template = f"{explanation}: {figures} ({parties})"
        else:
            self.template = f"{explanation} ({parties}, {{value}} base units)"
        super().__init__(arguments, tx_hash, name=name)

    @staticmethod
    def _code_name(code: int) -> str:
        from dfa._generated.enums import Restriction

        try:
            return Restriction(code).name
        except ValueError:
            return ""

    @property
    def code(self) -> int:
        """The restriction code."""
        return int(self.arguments.get("code", self.reason))

    @property
    def sender(self) -> str | None:
        return self.arguments.get("from")

    @property
    def receiver(self) -> str | None:
        return self.arguments.get("to")

    @property
    def value(self) -> int | None:
        return self.arguments.get("value")

    @property
    def remaining(self) -> Any:
        """What the investor may still acquire now, in :attr:`currency` (purchase limits; else ``None``)."""
        return self.arguments.get("remaining")

    @property
    def currency(self) -> str | None:
        return self.arguments.get("currency")

    @property
    def amount(self) -> Any:
        """What was attempted, in whole token units of :attr:`symbol` (purchase limits; else ``None``)."""
        return self.arguments.get("amount")

    @property
    def symbol(self) -> str | None:
        return self.arguments.get("symbol")
