"""Documents of a token (ERC-1643): a name, a URI, and the SHA-256 of the content.

SHA-256 so that anyone can check a copy with ``sha256sum`` and compare it with the chain.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import model_validator

from dfa.errors import ValidationError
from dfa.models import Model
from dfa.types import Hash32


def file_hash(path: str | os.PathLike[str]) -> str:
    """SHA-256 of the file's bytes, as 0x-hex."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise ValidationError(f"no document file at {path}") from None
    except OSError as error:
        raise ValidationError(f"cannot read the document {path}: {error}") from None
    return "0x" + digest.hexdigest()


def document_name(name: str) -> bytes:
    """The bytes32 key of a document name (at most 32 bytes of text)."""
    raw = name.encode()
    if not name.strip() or len(raw) > 32:
        raise ValidationError(f"document name {name!r} must be 1 to 32 bytes of text")
    return raw.ljust(32, b"\0")


class DocumentSpec(Model):
    """A document to publish: give the content ``hash``, or a ``path`` to hash the file."""

    name: str
    """Short name, at most 32 bytes: ``"terms"``, ``"white-paper"``, ``"prospectus"``."""
    uri: str
    """Where the document can be read."""
    hash: Hash32 | None = None
    path: Path | None = None

    @model_validator(mode="after")
    def _hash_or_path(self) -> DocumentSpec:
        document_name(self.name)
        if not self.uri.strip():
            raise ValidationError("give the URI where the document can be read")
        if self.hash is None and self.path is None:
            raise ValidationError(f"document {self.name!r} needs its content hash or the path of the file")
        if self.path is not None:
            computed = file_hash(self.path)
            if self.hash is not None and self.hash != computed:
                raise ValidationError(f"document {self.name!r}: the file at {self.path} does not match the hash given")
            object.__setattr__(self, "hash", computed)
        return self

    def as_tuple(self) -> tuple[bytes, str, bytes]:
        """The ``DocumentInput`` the contract takes: (name, uri, hash)."""
        assert self.hash is not None  # set by the validator
        return document_name(self.name), self.uri, bytes.fromhex(self.hash[2:])


class Document(Model):
    """A document as the token holds it."""

    name: str
    uri: str
    hash: Hash32
    last_modified: int
