"""Who signs: development accounts of a local chain, or a key of the user's own.

Keys never appear in code, logs or reprs: a :class:`KeySigner` is made from an encrypted
keystore (passphrase from an environment variable) or from an environment variable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress, HexStr
from eth_utils import to_checksum_address

from dfa.errors import SignerError

KEYSTORE_PASSPHRASE_ENV = "DFA_KEYSTORE_PASSPHRASE"
PRIVATE_KEY_ENV = "DFA_PRIVATE_KEY"

# Addresses of the publicly known development keys (eth-tester's and anvil's defaults).
# Anyone can sign for them, so they are refused on any chain that is not a local dev chain.
WELL_KNOWN_DEV_ADDRESSES = frozenset(
    to_checksum_address(a)
    for a in (
        "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF",
        "0x6813Eb9362372EEF6200f3b1dbC3f819671cBA69", "0x1efF47bc3a10a45D4B230B5d10E37751FE6AA718",
        "0xe1AB8145F7E55DC933d51a18c793F901A3A0b276", "0xE57bFE9F44b819898F47BF37E5AF72a0783e1141",
        "0xd41c057fd1c78805AAC12B0A94a405c0461A6FBb", "0xF1F6619B38A98d6De0800F1DefC0a6399eB6d30C",
        "0xF7Edc8FA1eCc32967F827C9043FcAe6ba73afA5c", "0x4CCeBa2d7D2B4fdcE4304d3e09a1fea9fbEb1528",
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
        "0x976EA74026E726554dB657fA54763abd0C3a0aa9", "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
        "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
    )
)


class Signer:
    """An account that can send transactions; see :class:`DevAccount` and :class:`KeySigner`."""

    address: ChecksumAddress
    #: Whether anyone may hold this account's key: such accounts are refused off dev chains.
    well_known: bool

    def sign(self, tx: dict[str, Any]) -> bytes | None:
        """The signed raw transaction, or ``None`` when the node signs (unlocked dev account)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.address})"


class DevAccount(Signer):
    """A development account the local node holds unlocked (eth-tester, anvil). Dev chains only."""

    well_known = True

    def __init__(self, address: str):
        self.address = to_checksum_address(address)

    def sign(self, tx: dict[str, Any]) -> None:
        return None


class KeySigner(Signer):
    """Signs locally with a private key that never leaves this object."""

    def __init__(self, account: LocalAccount):
        self._account = account
        self.address = account.address
        self.well_known = account.address in WELL_KNOWN_DEV_ADDRESSES

    @classmethod
    def from_keystore(cls, path: str | os.PathLike[str], passphrase_env: str = KEYSTORE_PASSPHRASE_ENV) -> KeySigner:
        """Decrypt the keystore file at ``path`` with the passphrase in ``$passphrase_env``."""
        passphrase = os.environ.get(passphrase_env)
        if passphrase is None:
            raise SignerError(f"set {passphrase_env} to the passphrase of the keystore {path}")
        try:
            encrypted = json.loads(Path(path).read_text())
        except FileNotFoundError:
            raise SignerError(f"no keystore file at {path}") from None
        except (OSError, ValueError) as error:
            raise SignerError(f"cannot read the keystore {path}: {error}") from None
        try:
            key = Account.decrypt(encrypted, passphrase)
        except ValueError:
            raise SignerError(f"the passphrase in {passphrase_env} does not open the keystore {path}") from None
        return cls(Account.from_key(key))

    @classmethod
    def from_env(cls, variable: str = PRIVATE_KEY_ENV) -> KeySigner:
        """Use the hex private key in ``$variable``."""
        value = os.environ.get(variable)
        if not value:
            raise SignerError(f"set {variable} to a hex private key, or use a keystore")
        try:
            return cls(Account.from_key(value))
        except (ValueError, TypeError):
            raise SignerError(f"{variable} does not hold a valid private key") from None

    def sign(self, tx: dict[str, Any]) -> bytes:
        return bytes(self._account.sign_transaction(tx).raw_transaction)


def write_keystore(path: str | os.PathLike[str], private_key: bytes | str, passphrase: str) -> ChecksumAddress:
    """Encrypt ``private_key`` into a keystore file at ``path`` (mode 0600); returns its address."""
    encrypted = Account.encrypt(HexStr(private_key) if isinstance(private_key, str) else private_key, passphrase)
    target = Path(path)
    target.touch(mode=0o600, exist_ok=False)
    target.write_text(json.dumps(encrypted))
    return to_checksum_address("0x" + encrypted["address"])
