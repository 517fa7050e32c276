"""The register of verified investors, kept by a licensed operator's registrar agents.

Personal data never goes on chain: an investor is known by an id, the hash of the
registrar's own reference for the person salted with a secret (see :func:`investor_id`),
and by the attributes the rules need.
"""

from __future__ import annotations

from collections import Counter
from enum import Enum, IntEnum, IntFlag
from functools import cached_property
from typing import Annotated, Any, Callable, Iterable, NamedTuple, TypeVar

from eth_utils import keccak
from pydantic import BeforeValidator
from web3.types import TxReceipt

from dfa.chain.client import Client
from dfa.chain.contract import ContractAPI
from dfa.chain.signers import Signer
from dfa.constants import INVESTOR_RECORDS_LAYOUT, InvestorRecords, InvestorRegistryStatus
from dfa.constants import RecoveryStatus as RecoveryStatus
from dfa import errors
from dfa.errors import ValidationError
from dfa.models import Model
from dfa.regulator.licenses import LicenseRegistry
from dfa.types import (
    Address,
    Country,
    Hash32,
    Timestamp,
    country_name,
    format_timestamp,
    parse_address,
    parse_hash,
    parse_reference,
    reference_from_bytes,
    reference_to_bytes,
)

REGISTRAR_ROLE = "REGISTRAR_ROLE"
E = TypeVar("E", bound=Enum)


class Category(IntEnum):
    RETAIL = 1  # unqualified
    QUALIFIED = 2
    PROFESSIONAL = 3


class Kind(IntEnum):
    INDIVIDUAL = 1
    LEGAL_ENTITY = 2


InvestorStatus = InvestorRegistryStatus  # generated from the contract's enum


class InvestorFlag(IntFlag):
    """Exemption bits the rules may test (uint32 on chain)."""

    LICENSED_MINER = 1 << 0


def by_name(enum: type[E], value: Any) -> E:
    """An enum member from itself, its value, or its name in any case ("legal-entity")."""
    if isinstance(value, enum):
        return value
    if isinstance(value, str) and not value.strip().isdigit():
        key = value.strip().upper().replace("-", "_").replace(" ", "_")
        try:
            return enum[key]
        except KeyError:
            raise ValidationError(f"unknown {enum.__name__.lower()} {value!r}; choose from {_names(enum)}") from None
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        try:
            return enum(int(value))
        except ValueError:
            pass
    raise ValidationError(f"unknown {enum.__name__.lower()} {value!r}; choose from {_names(enum)}")


def parse_flags(value: Any) -> InvestorFlag:
    if isinstance(value, str):
        value = [part for part in value.replace("|", ",").split(",") if part.strip()]
    if isinstance(value, (list, tuple, set)):
        flags = InvestorFlag(0)
        for item in value:
            flags |= by_name(InvestorFlag, item)
        return flags
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**32:
        raise ValidationError(f"flags must be names ({_names(InvestorFlag)}) or a 32-bit number")
    return InvestorFlag(value)


def _names(enum: type[Enum]) -> str:
    return ", ".join(member.name.lower() for member in enum if member.value)


def investor_id(reference: str, salt: str | bytes) -> str:
    """The on-chain id of an investor: the low 160 bits of keccak256(salt ‖ reference).

    160 bits, like an address: as hard to collide, and it fits in the one storage slot the
    registry keeps per wallet.

    ``reference`` is the registrar's own key for the person (a passport or registration
    number, a client number); ``salt`` is a secret of the registrar, so the id cannot be
    traced back to the person by hashing candidate numbers.
    """
    salt = salt.encode() if isinstance(salt, str) else salt
    if not reference or not reference.strip():
        raise ValidationError("give the registrar's reference of the investor")
    if len(salt) < 16:
        raise ValidationError("the salt must be a secret of at least 16 bytes")
    return "0x" + bytes(12).hex() + keccak(salt + reference.strip().encode())[12:].hex()


class InvestorProfile(Model):
    """What the rules need to know of an investor."""

    category: Annotated[Category, BeforeValidator(lambda v: by_name(Category, v))]
    kind: Annotated[Kind, BeforeValidator(lambda v: by_name(Kind, v))]
    country: Country
    """Citizenship of an individual, place of incorporation of a legal entity."""
    residency: Country
    """Country of residence (tax residency)."""
    kyc_valid_until: Timestamp
    """The investor stops being verified at this moment; renew KYC before it."""
    flags: Annotated[InvestorFlag, BeforeValidator(parse_flags)] = InvestorFlag(0)

    def as_tuple(self) -> tuple[int, int, int, int, int, int]:
        """The ``Profile`` struct of the contract."""
        return (int(self.category), int(self.kind), self.country, self.residency, self.kyc_valid_until, int(self.flags))

    def profile(self) -> InvestorProfile:
        return InvestorProfile(**{name: getattr(self, name) for name in InvestorProfile.model_fields})


class NewInvestor(InvestorProfile):
    """An investor to register, with its first wallet."""

    investor_id: Hash32
    wallet: Address


class Investor(InvestorProfile):
    """An investor as the registry holds it, read at the chain's current time."""

    investor_id: Hash32
    status: InvestorStatus
    wallets: tuple[Address, ...]
    verified: bool
    """Active and KYC not expired at the chain's current time: may hold and receive tokens."""

    def __str__(self) -> str:
        return (
            f"{self.investor_id[:10]}… {self.category.name.lower()} {self.kind.name.lower()} "
            f"{country_name(self.country)}/{country_name(self.residency)} kyc→{format_timestamp(self.kyc_valid_until)} "
            f"{self.status.name.lower()}{' verified' if self.verified else ''} wallets={len(self.wallets)}"
        )


def unpack_record(record: int) -> dict[str, int]:
    """The fields of an investor's packed record, as the registry stores and emits it (``InvestorRecords.sol``)."""
    layout = INVESTOR_RECORDS_LAYOUT  # generated from the library's getters
    fields = ("status", "category", "kind", "country", "residency", "kycValidUntil", "flags")
    return {_snake(name): layout[name].read(record) for name in fields}


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


class Recovery(Model):
    """The recovery of a lost wallet to a new wallet of the same investor."""

    lost: Address
    replacement: Address
    ready_at: int
    """The recovery can be approved from this moment (or later, if the regulator raised its minimum
    waiting period since: see :meth:`InvestorRegistry.ready_at`); until then the lost wallet can cancel it."""
    status: RecoveryStatus
    requester: Address
    requested_at: int
    reference: str
    """The identity re-verification case the request names."""


class InvestorRegistry(ContractAPI):
    """An operator's ``InvestorRegistry``: onboarding, updates, wallets, suspension."""

    artifact = "InvestorRegistry"

    @classmethod
    def deploy(cls, client: Client, licenses: LicenseRegistry | str, operator: Signer) -> InvestorRegistry:
        """Deploy the registry of ``operator`` (its admin), checked against ``licenses``."""
        address = licenses.address if isinstance(licenses, LicenseRegistry) else parse_address(licenses)
        return cls._deploy(client, operator, address, operator.address)

    @cached_property
    def max_batch(self) -> int:
        return int(self._call("MAX_BATCH"))

    @cached_property
    def max_wallets(self) -> int:
        return int(self._call("MAX_WALLETS"))

    @property
    def operator(self) -> str:
        return str(self._call("operator"))

    @property
    def purchase_limits(self) -> str | None:
        """The address of the operator's purchase limits every token of the operator applies (``None``: none yet)."""
        address = self._call("purchaseLimits")
        return None if int(address, 16) == 0 else address

    def set_purchase_limits(self, limits: ContractAPI | str, signer: Signer) -> TxReceipt:
        """Name the operator's purchase limits (by the operator): in the same transaction every token the limits'
        factory created for the operator applies them; tokens created later do from the start. They may be
        replaced by other limits of the operator, never removed."""
        address = parse_address(getattr(limits, "address", limits))
        keeper = self.client.call(self.client.contract("PurchaseLimits", address), "operator") \
            if self.client.w3.eth.get_code(address) else None
        if keeper != self.operator:
            raise errors.RegistryForeignPurchaseLimits({"limits": address, "operator": self.operator})
        return self._send(signer, "setPurchaseLimits", address)

    def add_registrar(self, account: str, signer: Signer) -> TxReceipt:
        """Let ``account`` register and update investors; ``signer`` is the operator (admin)."""
        return self.grant_role(REGISTRAR_ROLE, account, signer)

    # -- writes -----------------------------------------------------------------------------

    def register(self, investor: NewInvestor, signer: Signer) -> TxReceipt:
        """Register a new investor with its first wallet; refused before sending when its id is taken."""
        self._check_kyc(investor)
        self._refuse_known_ids([investor.investor_id])
        return self._send(signer, "registerInvestor", _id(investor.investor_id), investor.wallet, investor.as_tuple())

    def register_many(self, investors: Iterable[NewInvestor], signer: Signer, *,
                      on_sent: Callable[[str], None] | None = None, prechecked: bool = False) -> TxReceipt:
        """Register up to :attr:`max_batch` investors in one transaction: all or none.

        ``prechecked``: they come from :meth:`plan_onboarding`'s ``fresh``, so the registry's
        events are not read again for their ids. ``on_sent`` learns the transaction's hash."""
        batch = list(investors)
        self._check_batch(len(batch))
        if not prechecked:
            self._refuse_known_ids([i.investor_id for i in batch])
        return self._register_batch(batch, signer, on_sent=on_sent)

    def _register_batch(self, batch: list[NewInvestor], signer: Signer, *,
                        on_sent: Callable[[str], None] | None = None) -> TxReceipt:
        _refuse_duplicates("investor id", [i.investor_id for i in batch])
        _refuse_duplicates("wallet", [i.wallet for i in batch])
        now = self.client.now()
        for investor in batch:
            self._check_kyc(investor, now)
        return self._send(
            signer,
            "registerInvestors",
            [_id(i.investor_id) for i in batch],
            [i.wallet for i in batch],
            [i.as_tuple() for i in batch],
            on_sent=on_sent,
        )

    def onboard(self, investors: Iterable[NewInvestor], signer: Signer, *,
                progress: Callable[[int, int], None] | None = None, skip_conflicts: bool = False) -> tuple[int, int]:
        """Register every investor not registered yet, in batches of :attr:`max_batch`: (registered, skipped).

        Re-running after an interruption completes the work: investors already on chain as given
        (same id, wallet and category) are skipped. One that contradicts the chain (its wallet is
        another investor's, its id has another wallet or category) is a conflict:
        :class:`OnboardingConflicts` names them all before anything is sent, unless ``skip_conflicts``
        (then they count as skipped). ``progress(done, total)`` is told after each batch.
        """
        investors = list(investors)
        plan = self.plan_onboarding(investors)
        if plan.conflicts and not skip_conflicts:
            raise OnboardingConflicts(plan.conflicts)
        registered = self.register_in_batches(plan.fresh, signer, progress=progress)
        return registered, len(investors) - registered

    def plan_onboarding(self, investors: list[NewInvestor]) -> OnboardingPlan:
        """What onboarding ``investors`` would do, from one scan of the registry's events (not a read per investor)."""
        names = ("InvestorRegistered", "InvestorUpdated", "WalletAdded", "WalletRemoved", "RecoveryCompleted")
        return plan_onboarding(investors, self.events_of(names))

    def register_in_batches(self, investors: list[NewInvestor], signer: Signer, *,
                            progress: Callable[[int, int], None] | None = None) -> int:
        """Register new investors in batches of :attr:`max_batch`; ``progress(done, total)`` after each."""
        _refuse_duplicates("investor id", [i.investor_id for i in investors])
        _refuse_duplicates("wallet", [i.wallet for i in investors])
        size = self.max_batch
        for start in range(0, len(investors), size):
            self._register_batch(investors[start:start + size], signer)
            if progress is not None:
                progress(min(start + size, len(investors)), len(investors))
        return len(investors)

    def update(self, investor_id: str, profile: InvestorProfile, signer: Signer) -> TxReceipt:
        """Replace an investor's profile (renewed KYC, new category, moved country)."""
        self._check_kyc(profile)
        return self._send(signer, "updateInvestor", *self._locate(investor_id), profile.profile().as_tuple())

    def update_many(self, updates: Iterable[tuple[str, InvestorProfile]], signer: Signer) -> TxReceipt:
        """Several :meth:`update` calls in one transaction: all or none."""
        batch = list(updates)
        self._check_batch(len(batch))
        _refuse_duplicates("investor id", [parse_hash(investor_id) for investor_id, _ in batch])
        calls, now = [], self.client.now()
        for investor_id, profile in batch:
            self._check_kyc(profile, now)
            calls.append(self._encode("updateInvestor", *self._locate(investor_id), profile.profile().as_tuple()))
        return self._send(signer, "multicall", calls)

    def add_wallet(self, investor_id: str, wallet: str, signer: Signer) -> TxReceipt:
        """Give the investor another wallet (at most :attr:`max_wallets`)."""
        return self._send(signer, "addWallet", *self._locate(investor_id), parse_address(wallet))

    def remove_wallet(self, wallet: str, signer: Signer) -> TxReceipt:
        """Retire a wallet; refused for the replacement of a completed recovery (recover that wallet instead)."""
        wallet = parse_address(wallet)
        lost = self.recovered_from(wallet)
        if lost is not None:
            from dfa import errors

            raise errors.RegistryWalletOwedRecovery({"wallet": wallet, "lost": lost})
        return self._send(signer, "removeWallet", wallet)

    def suspend(self, investor_id: str, reason: str, signer: Signer) -> TxReceipt:
        """Suspend an investor; ``reason`` is the reference (or hash) of the decision."""
        return self._send(signer, "suspendInvestor", *self._locate(investor_id),
                          reference_to_bytes(parse_reference(reason)))

    def reactivate(self, investor_id: str, signer: Signer) -> TxReceipt:
        return self._send(signer, "reactivateInvestor", *self._locate(investor_id))

    # -- lost-key recovery ------------------------------------------------------------------

    def request_recovery(self, lost: str, replacement: str, reference: str, signer: Signer) -> TxReceipt:
        """Start recovering ``lost`` to ``replacement``, another current wallet of the same investor (add it first).

        ``reference`` names the identity re-verification case (its number or the hash of its file);
        it goes on chain in the ``RecoveryRequested`` event the holder of ``lost`` can object to.
        The request waits the operator's delay, never less than the regulator's minimum.
        """
        from dfa import errors

        if reference is None or not str(reference).strip():
            raise ValidationError("a recovery request names the identity re-verification case behind it (reference)")
        case = reference_to_bytes(parse_reference(reference))
        lost, replacement = parse_address(lost), parse_address(replacement)
        owner = self.investor_of(lost)
        if owner is None:
            raise errors.RegistryUnknownWallet({"wallet": lost})
        self._check_replacement(lost, replacement, owner.investor_id)
        pending = self.recovery(lost)
        if pending is not None and pending.status is RecoveryStatus.PENDING:
            raise errors.RecoveryAlreadyPending({"lost": lost})
        return self._send(signer, "requestRecovery", lost, replacement, case)

    def cancel_recovery(self, lost: str, signer: Signer) -> TxReceipt:
        """Cancel a pending recovery: signed by the lost wallet itself, or by a registrar."""
        return self._send(signer, "cancelRecovery", parse_address(lost))

    def approve_recovery(self, lost: str, signer: Signer) -> TxReceipt:
        """Complete a recovery after its waiting period; a different agent than the one who requested it.

        The request is checked as it stands now: the replacement must still be a current wallet of the
        investor, and the wait is never shorter than the regulator's current minimum.
        """
        from dfa import errors

        lost = parse_address(lost)
        recovery = self.recovery(lost)
        if recovery is not None and recovery.status is RecoveryStatus.PENDING:
            now = self.client.now()
            if recovery.requester == signer.address:
                raise errors.RecoverySameAgent({"lost": lost, "agent": signer.address})
            ready_at = self.ready_at(recovery)
            if now < ready_at:
                raise errors.RecoveryTooEarly({"lost": lost, "readyAt": ready_at, "now_": now})
            owner = self.investor_of(lost)
            if owner is not None:
                self._check_replacement(lost, recovery.replacement, owner.investor_id)
        return self._send(signer, "approveRecovery", lost)

    def ready_at(self, recovery: Recovery) -> int:
        """When ``recovery`` may be approved: its own wait, or the regulator's current minimum from the request."""
        return max(recovery.ready_at, recovery.requested_at + self.licenses.min_recovery_delay())

    def recovery(self, lost: str) -> Recovery | None:
        lost = parse_address(lost)
        replacement, ready_at, status, requester, requested_at, reference = self._call("recoveryOf", lost)
        if status == RecoveryStatus.NONE:
            return None
        return Recovery(lost=lost, replacement=replacement, ready_at=ready_at, status=status, requester=requester,
                        requested_at=requested_at, reference=reference_from_bytes(reference))

    def recovered_to(self, lost: str) -> str | None:
        """The current wallet a token delivers the completed recovery of ``lost`` to (following later recoveries)."""
        wallet = self._call("recoveredTo", parse_address(lost))
        return None if int(wallet, 16) == 0 else wallet

    def recovered_from(self, wallet: str) -> str | None:
        """The lost wallet whose completed recovery last named ``wallet`` its replacement, or ``None``."""
        lost = self._call("recoveredFrom", parse_address(wallet))
        return None if int(lost, 16) == 0 else lost

    @property
    def recovery_delay(self) -> int:
        """The operator's waiting period for new requests, in seconds (the regulator's minimum may be longer)."""
        return max(int(self._call("recoveryDelay")), self.licenses.min_recovery_delay())

    @cached_property
    def licenses(self) -> LicenseRegistry:
        """The licence registry in which this registry checks its operator's licence (fixed at deployment)."""
        return LicenseRegistry(self.client, self._call("licenses"))

    def set_recovery_delay(self, seconds: int, signer: Signer) -> TxReceipt:
        """The operator's waiting period for recoveries: at least the regulator's minimum, never less."""
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
            raise ValidationError("the recovery delay is a number of seconds, not negative")
        minimum = self.licenses.min_recovery_delay()
        if seconds < minimum:
            from dfa import errors

            raise errors.RecoveryDelayBelowMinimum({"delay": seconds, "minimum": minimum})
        return self._send(signer, "setRecoveryDelay", seconds)

    def _check_replacement(self, lost: str, replacement: str, investor_id: str) -> None:
        """The chain's own order of checks: another wallet, of the same investor, not retired."""
        from dfa import errors

        if replacement == lost:
            raise errors.RecoverySameWallet({"wallet": lost})
        if self._call("investorIdOf", replacement) != _id(investor_id):
            raise errors.RecoveryOtherInvestor({"lost": lost, "replacement": replacement})
        if self._call("isRetired", replacement):
            raise errors.RecoveryReplacementRetired({"lost": lost, "replacement": replacement})

    # -- reads ------------------------------------------------------------------------------

    def investor(self, investor_id: str) -> Investor | None:
        """The investor with ``investor_id``, or ``None`` when it is not registered."""
        wallets = self.wallets(investor_id)
        if not wallets:
            return None
        raw_id, record = self._call("identityOf", wallets[0])
        return self._investor("0x" + raw_id.hex(), record, wallets)

    def investor_of(self, wallet: str) -> Investor | None:
        """The investor ``wallet`` belongs to, or ``None`` (also for a removed or recovered wallet)."""
        wallet = parse_address(wallet)
        if self._call("isRetired", wallet):
            return None
        raw_id, record = self._call("identityOf", wallet)
        return self._investor("0x" + raw_id.hex(), record)

    def identity_of(self, wallet: str) -> tuple[str, int] | None:
        """The id and category of the investor ``wallet`` is bound to, or ``None`` (one read, no event scan)."""
        raw_id, record = self._call("identityOf", parse_address(wallet))
        return None if raw_id == bytes(32) else ("0x" + raw_id.hex(), record[0])

    def has_wallet(self, wallet: str) -> bool:
        """Whether ``wallet`` is bound to an investor (one read, no event scan)."""
        return bool(self._call("investorIdOf", parse_address(wallet)) != bytes(32))

    def has_investor(self, investor_id: str) -> bool:
        """Whether an investor with this id is registered (from the registry's events for that id)."""
        return next(self.events("InvestorRegistered", investorId=_id(investor_id)), None) is not None

    def is_verified(self, wallet: str) -> bool:
        """The contract's own answer: the wallet's investor is active and its KYC unexpired."""
        return bool(self._call("isVerified", parse_address(wallet)))

    def wallets(self, investor_id: str, *, include_removed: bool = False) -> tuple[str, ...]:
        """The wallets of an investor, in the order they were added (from the registry's events);
        with ``include_removed``, also those removed or recovered away."""
        wallets: dict[str, None] = {}
        for log in self.events_of(("InvestorRegistered", "WalletAdded", "WalletRemoved"), investorId=_id(investor_id)):
            if log["event"] != "WalletRemoved":
                wallets[log["args"]["wallet"]] = None
            elif not include_removed:
                wallets.pop(log["args"]["wallet"], None)
        return tuple(wallets)

    def investors(self) -> list[Investor]:
        """Every registered investor, in the order of registration."""
        ids = ["0x" + log["args"]["investorId"].hex() for log in self.events("InvestorRegistered")]
        return [investor for investor in map(self.investor, ids) if investor is not None]

    # -- internals --------------------------------------------------------------------------

    def _investor(self, investor_id: str, record: tuple[int, ...], wallets: tuple[str, ...] | None = None) -> Investor | None:
        category, kind, country, residency, kyc_valid_until, flags, status, _wallet_count = record
        if status == InvestorStatus.NONE:
            return None
        now = self.client.now()
        return Investor(
            investor_id=investor_id,
            category=category,
            kind=kind,
            country=country,
            residency=residency,
            kyc_valid_until=kyc_valid_until,
            flags=flags,
            status=status,
            wallets=self.wallets(investor_id) if wallets is None else wallets,
            verified=status == InvestorStatus.ACTIVE and now < kyc_valid_until,
        )

    def _locate(self, investor_id: str) -> tuple[bytes, str]:
        """(id, one current wallet): the registry finds an investor through its wallets."""
        wallets = self.wallets(investor_id)
        if not wallets:
            from dfa import errors

            raise errors.RegistryUnknownInvestor({"investorId": _id(investor_id)})
        return _id(investor_id), wallets[0]

    def _refuse_known_ids(self, ids: list[str]) -> None:
        """Ids are unique per registry; the registry keeps no slot per id, so the events tell."""
        for raw in ids:
            if int(parse_hash(raw), 16) & ~InvestorRecords.ID_MASK:
                raise ValidationError(f"investor id {raw} is wider than 160 bits; make it with investor_id()")
        known = {"0x" + log["args"]["investorId"].hex()
                 for log in self.events("InvestorRegistered", investorId=[_id(i) for i in ids])}
        if known:
            from dfa import errors

            raise errors.RegistryInvestorExists({"investorId": _id(sorted(known)[0])})

    def _check_kyc(self, profile: InvestorProfile, now: int | None = None) -> None:
        now = self.client.now() if now is None else now
        if profile.kyc_valid_until <= now:
            raise ValidationError(
                f"KYC valid until {format_timestamp(profile.kyc_valid_until)} has already expired at the chain's "
                f"time {format_timestamp(now)}; renew the KYC first"
            )

    def _check_batch(self, size: int) -> None:
        if size == 0:
            raise ValidationError("the batch is empty")
        if size > self.max_batch:
            raise ValidationError(f"a batch holds {size} entries, at most {self.max_batch} are allowed; split it")


class OnboardingConflict(NamedTuple):
    position: int
    """Position in the investors given."""
    reason: str
    """Why, without personal data: what the chain holds is not repeated."""


class OnboardingConflicts(ValidationError):
    """Investors to onboard that contradict the registry; nothing was sent."""

    def __init__(self, conflicts: list[OnboardingConflict]):
        self.conflicts = conflicts
        super().__init__(f"{len(conflicts)} investors contradict the registry; nothing was sent: "
                         + "; ".join(f"#{c.position + 1}: {c.reason}" for c in conflicts[:5])
                         + (" ..." if len(conflicts) > 5 else ""))


class OnboardingPlan(NamedTuple):
    fresh: list[NewInvestor]
    """Not on chain: to register."""
    present: list[int]
    """Positions of those already registered as given."""
    conflicts: list[OnboardingConflict]


def plan_onboarding(investors: list[NewInvestor], registry_events: Iterable[Any]) -> OnboardingPlan:
    """Sort investors into new, already there as given, and conflicting, from the registry's events in chain order."""
    owner: dict[str, str] = {}  # every wallet ever bound -> its investor id
    retired: set[str] = set()
    category: dict[str, int] = {}  # investor id -> its current category
    for log in registry_events:
        args, event = log["args"], log["event"]
        investor = "0x" + args["investorId"].hex()
        if event in ("InvestorRegistered", "InvestorUpdated"):
            category[investor] = unpack_record(args["record"])["category"]
        if event in ("InvestorRegistered", "WalletAdded"):
            owner[args["wallet"]] = investor
        elif event == "WalletRemoved":
            retired.add(args["wallet"])
        elif event == "RecoveryCompleted":
            retired.add(args["lost"])
            owner[args["replacement"]] = investor
    fresh, present, conflicts = [], [], []
    for index, new in enumerate(investors):
        bound_to = owner.get(new.wallet)
        if bound_to is not None and bound_to != new.investor_id:
            conflicts.append(OnboardingConflict(index, "the wallet belongs to another investor"))
        elif bound_to is not None and new.wallet in retired:
            conflicts.append(OnboardingConflict(index, "the wallet was retired from this investor"))
        elif bound_to is None and new.investor_id in category:
            conflicts.append(OnboardingConflict(index, "this reference is registered with another wallet"))
        elif bound_to is not None and category.get(bound_to) != int(new.category):
            conflicts.append(OnboardingConflict(
                index, f"this reference is registered in another category than {new.category.name.lower()}"))
        elif bound_to is not None:
            present.append(index)
        else:
            fresh.append(new)
    return OnboardingPlan(fresh, present, conflicts)


def _id(investor_id: str) -> bytes:
    return bytes.fromhex(parse_hash(investor_id)[2:])


def _refuse_duplicates(what: str, values: list[str]) -> None:
    repeated = [value for value, count in Counter(values).items() if count > 1]
    if repeated:
        raise ValidationError(f"the batch names the same {what} more than once: {', '.join(repeated)}")
