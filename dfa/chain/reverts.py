"""One boundary where reverts of either backend become ``dfa`` exceptions.

eth-tester raises ``TransactionFailed`` carrying the raw revert data; a JSON-RPC node makes
web3 raise ``ContractCustomError``/``ContractLogicError`` carrying it as hex. Both are decoded
here against the custom errors of every shipped contract, so the same refusal gives the same
exception class (named after the Solidity error) with the same arguments on both backends.
"""

from __future__ import annotations

import ast
import contextlib
from functools import cache
from typing import Any, Iterator

from eth_abi import decode
from eth_utils import to_checksum_address

from dfa.errors import ERROR_CLASSES, RevertError, TransactionFailed, TransferRestricted
from dfa.restrictions import RESTRICTION_CLASSES, Restriction, restriction_error

_ERROR_STRING = bytes.fromhex("08c379a0")
_PANIC = bytes.fromhex("4e487b71")
_STANDARD = {
    _ERROR_STRING: ("Error", [{"name": "message", "type": "string"}]),
    _PANIC: ("Panic", [{"name": "code", "type": "uint256"}]),
}
# Standard errors the token reverts with for a rule's refusal: (reason, sender argument, amount argument).
_STANDARD_RESTRICTIONS = {
    "ERC20InsufficientBalance": (Restriction.INSUFFICIENT_BALANCE, "sender", "needed"),
    "ERC7943InsufficientUnfrozenBalance": (Restriction.FROZEN_TOKENS, "account", "amount"),
}


@cache
def error_abis() -> dict[bytes, tuple[str, list[dict[str, str]]]]:
    """Selector -> (name, inputs) for every custom error of every shipped contract (from the bindings)."""
    table = dict(_STANDARD)
    for selector, cls in ERROR_CLASSES.items():
        table[selector] = (cls.name, [{"name": name, "type": kind} for name, kind in cls.inputs])
    return table


@cache
def revert_class(name: str) -> type[RevertError]:
    """The exception class of the Solidity custom error ``name``."""
    for cls in ERROR_CLASSES.values():
        if cls.name == name:
            return cls
    raise KeyError(name)


def decode_revert(data: bytes, tx_hash: str | None = None) -> RevertError:
    """The exception for raw revert ``data``; an unknown selector gives a plain :class:`RevertError`."""
    known = error_abis().get(bytes(data[:4]))
    if known is None:
        return RevertError({"data": bytes(data)}, tx_hash, name="UnknownError")
    name, inputs = known
    values = decode([i["type"] for i in inputs], bytes(data[4:]))
    arguments = {i["name"] or f"arg{n}": _python_value(i["type"], v) for n, (i, v) in enumerate(zip(inputs, values))}
    cls = ERROR_CLASSES.get(bytes(data[:4]))
    if cls is not None and issubclass(cls, TransferRestricted):  # one class per reason code, shared with the pre-checks
        return restriction_error(arguments["code"], arguments["from"], arguments["to"], arguments["value"], tx_hash)
    if name in _STANDARD_RESTRICTIONS:  # the same class as the pre-check's reason; the receiver is not in the error
        code, sender, amount = _STANDARD_RESTRICTIONS[name]
        figures = {"code": code, "from": arguments[sender], "to": None, "value": arguments[amount], **arguments}
        return RESTRICTION_CLASSES[code](figures, tx_hash, name=name)
    if cls is None:  # Error(string) and Panic(uint256)
        return RevertError(arguments, tx_hash, name=name)
    return cls(arguments, tx_hash)


def revert_data(error: BaseException) -> bytes | None:
    """Raw revert data carried by an eth-tester or web3 exception, if any."""
    data = getattr(error, "data", None)
    if isinstance(data, str) and data.startswith("0x"):
        return bytes.fromhex(data[2:])
    seen: BaseException | None = error
    while seen is not None:  # eth-tester keeps the VM's Revert(bytes) as the cause or context
        if seen.args and isinstance(seen.args[0], bytes):
            return seen.args[0]
        seen = seen.__cause__ or seen.__context__
    message = str(error.args[0]) if error.args else ""
    marker = "execution reverted: b"
    if marker in message:
        return bytes(ast.literal_eval(message[message.index(marker) + len("execution reverted: ") :]))
    return None


@contextlib.contextmanager
def translated(tx_hash: str | None = None) -> Iterator[None]:
    """Turn a revert raised by either backend inside the block into a ``dfa`` exception."""
    from eth_tester.exceptions import TransactionFailed as TesterFailed
    from web3.exceptions import ContractLogicError

    try:
        yield
    except (TesterFailed, ContractLogicError) as error:
        data = revert_data(error)
        if data:
            raise decode_revert(data, tx_hash) from None
        raise TransactionFailed(f"reverted without a reason: {error}", tx_hash) from None
    except OverflowError as error:
        # web3's eth-tester provider reads every revert as Error(string); a custom error whose first
        # word is a small number (DFARestricted's code) overflows it. The revert is in the context.
        data = revert_data(error.__context__) if isinstance(error.__context__, TesterFailed) else None
        if not data:
            raise
        raise decode_revert(data, tx_hash) from None


def _python_value(kind: str, value: Any) -> Any:
    if kind == "address":
        return to_checksum_address(value)
    return value

