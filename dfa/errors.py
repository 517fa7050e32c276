"""The exceptions of ``dfa``; every one is a :class:`DFAError`.

::

    DFAError
    ├── ConfigError (ValueError)            bad settings, network profiles, missing tools
    │   └── BuildError                      the contracts cannot be compiled
    ├── ValidationError (ValueError)        bad input, refused before anything is sent
    ├── NetworkError (ConnectionError)      the node cannot be reached or misbehaves
    │   ├── NetworkMismatchError            the node's chain id is not the profile's
    │   └── NodeError                       a local anvil node failed to start or stop
    ├── SignerError                         no usable key, or a key refused on this chain
    ├── NotFoundError (LookupError)         an unknown investor, licence, artifact
    └── TransactionError                    a transaction could not be carried out
        ├── TransactionTimeout              no receipt within the timeout
        ├── TransactionFailed               mined with status 0 and no decodable reason
        └── RevertError                     the contract refused with a custom error
            └── one subclass per Solidity custom error, named after it (see :mod:`dfa.reverts`)
"""

from __future__ import annotations

from typing import Any


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
    name (also readable as attributes: ``error.wallet``), ``tx_hash`` the transaction's hash
    when one was sent (``None`` when the refusal came from a call or a gas estimate).
    """

    name: str = "RevertError"
    template: str | None = None

    def __init__(self, arguments: dict[str, Any] | None = None, tx_hash: str | None = None, *, name: str | None = None):
        self.arguments = dict(arguments or {})
        if name is not None:
            self.name = name
        shown = {k: _show(v, k) for k, v in self.arguments.items()}
        message = self.template.format(**shown) if self.template else ", ".join(f"{k}={v}" for k, v in shown.items())
        super().__init__(f"{message} [{self.name}]", tx_hash)


    def __getattr__(self, item: str) -> Any:
        arguments = self.__dict__.get("arguments", {})
        if item in arguments:
            return arguments[item]
        raise AttributeError(item)

    def __reduce__(self):
        return (type(self), (self.arguments, self.tx_hash), {"name": self.name})


_MOMENTS = ("now_", "readyAt", "until", "expiresAt", "kycValidUntil", "expiry")


def _show(value: Any, name: str = "") -> str:
    from dfa.chain.messages import ROLE_NAMES

    if name in _MOMENTS and isinstance(value, int) and 0 < value < 2**40:
        from dfa.types import format_timestamp

        return format_timestamp(value)
    if isinstance(value, bytes):
        from dfa.types import reference_from_bytes

        return ROLE_NAMES.get(value) or (reference_from_bytes(value) if len(value) == 32 else "0x" + value.hex())
    return str(value)


def __getattr__(name: str) -> type[RevertError]:
    # The class of each Solidity custom error is made from the shipped ABIs on first use.
    if name.startswith("__"):
        raise AttributeError(name)
    from dfa.chain.reverts import revert_class

    try:
        return revert_class(name)
    except KeyError:
        raise AttributeError(f"module 'dfa.errors' has no attribute {name!r}") from None
