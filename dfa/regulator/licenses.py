"""The register of licensed platform operators, kept by the regulator."""

from __future__ import annotations

from pydantic import field_validator
from web3.types import TxReceipt

from dfa.chain.client import Client
from dfa.chain.contract import ContractAPI
from dfa.chain.signers import Signer
from dfa.constants import LicenseScopes, OperatorLicenseRegistryStatus
from dfa.errors import ValidationError
from dfa.models import Model
from dfa.types import (
    Address,
    Reference,
    TimeInput,
    Timestamp,
    format_timestamp,
    parse_address,
    parse_reference,
    parse_timestamp,
    reference_from_bytes,
    reference_to_bytes,
    text_hash,
)


Scope = LicenseScopes  # activities a licence covers (the bits of LicenseScopes.sol, generated)
ALL_SCOPES = Scope.ALL
LicenseStatus = OperatorLicenseRegistryStatus  # generated from the contract's enum


class LicenseTerms(Model):
    """A licence the regulator grants to an operator."""

    operator: Address
    """The operator's on-chain address."""
    license_id: Reference
    """The licence's number in the regulator's register, e.g. ``"CBR-DFA-0042"``."""
    operator_name: str
    """The operator's legal name; only its hash goes on chain."""
    scopes: Scope
    """The activities the licence covers."""
    expires_at: Timestamp
    """When the licence ends by itself."""

    @field_validator("scopes", mode="before")
    @classmethod
    def _scopes(cls, value: object) -> Scope:
        return parse_scopes(value)

    @field_validator("operator_name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValidationError("give the operator's legal name")
        return value.strip()


class License(Model):
    """A licence as the register holds it, read at the chain's current time."""

    operator: Address
    license_id: str
    name_hash: str
    scopes: Scope
    status: LicenseStatus
    expires_at: int
    in_force: bool
    """Active and not expired at the chain's current time."""

    def covers(self, scopes: Scope) -> bool:
        return self.in_force and scopes != 0 and self.scopes & scopes == scopes

    def __str__(self) -> str:
        state = "in force" if self.in_force else ("expired" if self.status is LicenseStatus.ACTIVE else self.status.name.lower())
        return f"{self.license_id} {self.operator} [{self.scopes}] until {format_timestamp(self.expires_at)} ({state})"


def parse_scopes(value: object) -> Scope:
    """A :class:`Scope` from flags, an int, or names ("issuance,investor_registry")."""
    if isinstance(value, str):
        value = [part for part in value.replace("|", ",").split(",") if part.strip()]
    if isinstance(value, (list, tuple, set)):
        scopes = Scope(0)
        for item in value:
            try:
                scopes |= item if isinstance(item, Scope) else Scope.__members__[str(item).strip().upper().replace("-", "_")]
            except KeyError:
                raise ValidationError(f"unknown scope {item!r}; scopes are {', '.join(str(s.name).lower() for s in Scope)}") from None
        value = scopes
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0 or value & ~int(ALL_SCOPES):
        raise ValidationError(f"scopes must be a non-empty set of {', '.join(str(s.name).lower() for s in Scope)}")
    return Scope(value)


class LicenseRegistry(ContractAPI):
    """The regulator's ``OperatorLicenseRegistry``: grant, renew, suspend, reinstate, revoke."""

    artifact = "OperatorLicenseRegistry"

    @classmethod
    def deploy(cls, client: Client, admin: Signer, *, regulator: str | None = None) -> LicenseRegistry:
        """Deploy a register administered by ``admin``; ``regulator`` (default: admin) may write to it."""
        return cls._deploy(client, admin, admin.address, parse_address(regulator or admin.address))

    def grant(self, terms: LicenseTerms, signer: Signer) -> TxReceipt:
        self._require_future(terms.expires_at)
        return self._send(
            signer,
            "grantLicense",
            terms.operator,
            reference_to_bytes(terms.license_id),
            text_hash(terms.operator_name),
            int(terms.scopes),
            terms.expires_at,
        )

    def renew(self, operator: str, scopes: Scope | str | int, expires_at: TimeInput, signer: Signer) -> TxReceipt:
        """Change the scopes and expiry of an active or suspended licence."""
        scopes, expires = parse_scopes(scopes), parse_timestamp(expires_at)
        self._require_future(expires)
        return self._send(signer, "renewLicense", parse_address(operator), int(scopes), expires)

    def suspend(self, operator: str, reason: str, signer: Signer) -> TxReceipt:
        """Suspend; ``reason`` is the reference (or hash) of the regulator's decision."""
        return self._send(signer, "suspendLicense", parse_address(operator), reference_to_bytes(parse_reference(reason)))

    def reinstate(self, operator: str, signer: Signer) -> TxReceipt:
        return self._send(signer, "reinstateLicense", parse_address(operator))

    def revoke(self, operator: str, reason: str, signer: Signer) -> TxReceipt:
        return self._send(signer, "revokeLicense", parse_address(operator), reference_to_bytes(parse_reference(reason)))

    def license(self, operator: str) -> License | None:
        """The licence of ``operator``, or ``None`` when it never had one."""
        operator = parse_address(operator)
        scopes, status, expires_at, license_id, name_hash = self._call("licenseOf", operator)
        if status == LicenseStatus.NONE:
            return None
        in_force = status == LicenseStatus.ACTIVE and self.client.now() < expires_at
        return License(
            operator=operator,
            license_id=reference_from_bytes(license_id),
            name_hash="0x" + name_hash.hex(),
            scopes=Scope(scopes),
            status=LicenseStatus(status),
            expires_at=expires_at,
            in_force=in_force,
        )

    def min_recovery_delay(self) -> int:
        """The shortest waiting period (seconds) before an operator's registry may approve a lost-key recovery."""
        return int(self._call("minRecoveryDelay"))

    def set_min_recovery_delay(self, seconds: int, decision: str, signer: Signer) -> TxReceipt:
        """Set the minimum recovery waiting period for every operator (regulator); ``decision`` is its reference.

        Operators may wait longer, never less; a new minimum applies to pending requests too,
        counted from each request.
        """
        maximum = int(self._call("MAX_RECOVERY_DELAY"))
        if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= maximum:
            raise ValidationError(f"the minimum recovery delay is a number of seconds from 0 to {maximum} (365 days)")
        if not decision or not str(decision).strip():
            raise ValidationError("setting the minimum recovery delay needs the reference of the regulator's decision")
        return self._send(signer, "setMinRecoveryDelay", seconds, reference_to_bytes(parse_reference(decision)))

    def is_licensed(self, operator: str, scopes: Scope) -> bool:
        """The contract's own answer: active, unexpired and covering ``scopes``."""
        return bool(self._call("isLicensed", parse_address(operator), int(scopes)))

    def _require_future(self, expires_at: int) -> None:
        now = self.client.now()
        if expires_at <= now:
            raise ValidationError(
                f"licence expiry {format_timestamp(expires_at)} is not after the chain's time {format_timestamp(now)}"
            )

