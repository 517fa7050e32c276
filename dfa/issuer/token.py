"""The issuer's and holders' API of one DFA token."""

from __future__ import annotations

import os
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable

from eth_abi import decode
from web3.types import TxReceipt

from dfa.chain.contract import ContractAPI
from dfa.chain.signers import Signer
from dfa.constants import Batchable
from dfa.errors import ValidationError
from dfa.issuer.documents import Document, DocumentSpec, document_name, file_hash
from dfa.issuer.spec import AssetClass, Categories, DecisionSpec, DenyRule, Rules
from dfa.models import Model
from dfa.operator.investors import Category, InvestorRegistry, Kind
from dfa.regulator.licenses import LicenseRegistry
from dfa.restrictions import Restriction, TransferRestricted, explain, restriction_error
from dfa.types import (
    UINT256_MAX,
    Address,
    AmountInput,
    Hash32,
    TimeInput,
    from_base_units,
    currency_minor_units,
    parse_address,
    parse_currency,
    parse_hash,
    parse_reference,
    parse_timestamp,
    reference_from_bytes,
    reference_to_bytes,
    to_base_units,
)

if TYPE_CHECKING:
    from dfa.operator.limits import PurchaseLimits

ISSUER_AGENT_ROLE = "ISSUER_AGENT_ROLE"
COMPLIANCE_ROLE = "COMPLIANCE_ROLE"
ENFORCEMENT_ROLE = "ENFORCEMENT_ROLE"
DOCUMENT_MANAGER_ROLE = "DOCUMENT_MANAGER_ROLE"
OPERATOR_ROLE = "OPERATOR_ROLE"
PRICING_ROLE = "PRICING_ROLE"
_COUNTRY_RULE = {"none": 0, "allowed": 1, "denied": 2}


class TransferCheck(Model):
    """The answer of a pre-check: allowed, or the reason it would be refused."""

    code: int
    reason: Restriction | None
    """``None`` for a code this version of dfa does not know."""
    message: str
    remaining_allowance: Decimal | None = None
    """What the receiving investor may still acquire under its purchase limit, when one applies."""
    allowance_currency: str | None = None

    @property
    def allowed(self) -> bool:
        return self.code == 0


class HolderCounts(Model):
    total: int
    by_category: dict[Category, int]


class TokenInfo(Model):
    address: Address
    name: str
    symbol: str
    decimals: int
    asset_class: AssetClass
    jurisdiction: int
    operator: Address
    issuer: Address
    registry: Address
    total_supply: Decimal
    supply_cap: Decimal | None
    granularity: Decimal
    reserve_auditor: str | None


class Decision(Model):
    """One version of an issuance decision, with what has been allocated under the decision."""

    decision_id: str
    version: int
    document_hash: Hash32
    cap: Decimal
    min_subscription: Decimal
    price: Decimal
    currency: str
    categories: Categories
    subscription_start: int
    subscription_end: int
    lockup_until: int | None
    published_at: int
    closed: bool
    allocated: Decimal


class DFAToken(ContractAPI):
    """A deployed DFA token. Amounts are in whole token units (``Decimal`` or text)."""

    artifact = "DFAToken"
    modules = ("DFATokenAdmin", "DFATokenTerms")

    @cached_property
    def decimals(self) -> int:
        return int(self._call("decimals"))

    @cached_property
    def symbol(self) -> str:
        return str(self._call("symbol"))

    @cached_property
    def registry(self) -> InvestorRegistry:
        """The operator's investor registry the token checks its holders against."""
        return InvestorRegistry(self.client, self._call("registry"))

    @cached_property
    def licenses(self) -> LicenseRegistry:
        """The regulator's licence register the token checks its operator's issuance licence in."""
        return LicenseRegistry(self.client, self._call("licenses"))

    def units(self, amount: AmountInput) -> int:
        """Whole units -> base units, refused if finer than the token's decimals."""
        return to_base_units(amount, self.decimals)

    def amount(self, units: int) -> Decimal:
        return from_base_units(units, self.decimals)

    # -- reads ------------------------------------------------------------------------------

    def info(self) -> TokenInfo:
        cap = self._call("supplyCap")
        auditor = self._call("reserveAuditor")
        return TokenInfo(
            address=self.address,
            name=self._call("name"),
            symbol=self.symbol,
            decimals=self.decimals,
            asset_class=AssetClass(self._call("assetClass")),
            jurisdiction=self._call("jurisdiction"),
            operator=self._call("operator"),
            issuer=self._call("issuer"),
            registry=self._call("registry"),
            total_supply=self.amount(self._call("totalSupply")),
            supply_cap=None if cap == UINT256_MAX else self.amount(cap),
            granularity=self.amount(self._call("granularity")),
            reserve_auditor=None if int(auditor, 16) == 0 else auditor,
        )

    def balance_of(self, wallet: str) -> Decimal:
        return self.amount(self._call("balanceOf", parse_address(wallet)))

    def total_supply(self) -> Decimal:
        return self.amount(self._call("totalSupply"))

    def investor_balance(self, investor_id: str) -> Decimal:
        """What an investor holds, summed over its wallets (the token's own count)."""
        return self.amount(self._call("investorBalance", bytes.fromhex(parse_hash(investor_id)[2:])))

    def holder_counts(self) -> HolderCounts:
        """How many investors hold the token, overall and by category."""
        total, by_category = self._call("holderCounts")
        return HolderCounts(total=total, by_category={Category(c): n for c, n in enumerate(by_category) if c})

    def set_aml_threshold(self, amount: AmountInput, currency: str, signer: Signer) -> TxReceipt:
        """Transfers worth more than ``amount`` of ``currency`` need an approval (compliance agent); 0 lifts it."""
        code = parse_currency(currency)
        return self._send(signer, "setAmlThreshold", to_base_units(amount, currency_minor_units(code)), code.encode())

    def approve_transfer(self, sender: str, receiver: str, amount: AmountInput, expires_at: TimeInput,
                         signer: Signer) -> TxReceipt:
        """Approve exactly one transfer above the AML threshold, until ``expires_at`` (compliance agent)."""
        expiry = parse_timestamp(expires_at)
        if expiry <= self.client.now():
            raise ValidationError("an approval must expire in the future")
        return self._send(signer, "approveTransfer", parse_address(sender), parse_address(receiver),
                          self.units(amount), expiry)

    def recover_wallet(self, lost: str, signer: Signer) -> TxReceipt:
        """Move everything ``lost`` holds here to the current wallet the registry recovered it to; once per token."""
        from dfa import errors

        lost = parse_address(lost)
        if self.registry.recovered_to(lost) is None:
            raise errors.DFANoCompletedRecovery({"lost": lost})
        if next(self.events("WalletRecovered", lost=lost), None) is not None:
            raise errors.DFARecoveryAlreadyExecuted({"lost": lost})
        return self._send(signer, "recoverWallet", lost)

    def set_reference_price(self, price: AmountInput, currency: str, signer: Signer) -> TxReceipt:
        """The price of one whole token that transfers are valued at (the pricing agent, whom the operator names).

        Refused before sending when zero, or outside the bounds the operator set for the token.
        """
        from dfa import errors

        code = parse_currency(currency)
        minor = currency_minor_units(code)
        units = to_base_units(price, minor)
        if units <= 0:
            raise errors.DFAInvalidReferencePrice({"price": units, "currency": code.encode()})
        limits = self.purchase_limits()
        bounds = limits.price_bounds(self.address) if limits is not None else None
        if bounds is not None:
            low, high = to_base_units(bounds.min_price, minor), to_base_units(bounds.max_price, minor)
            if code != bounds.currency or not low <= units <= high:
                raise errors.DFAPriceOutOfBounds({"price": units, "currency": code.encode(), "min": low, "max": high,
                                                  "boundsCurrency": bounds.currency.encode()})
        return self._send(signer, "setReferencePrice", units, code.encode(), minor)

    def purchase_limits(self) -> PurchaseLimits | None:
        """The operator's :class:`~dfa.operator.limits.PurchaseLimits` this token applies, or ``None``."""
        from dfa.operator.limits import PurchaseLimits

        address = self._call("purchaseLimits")
        return None if int(address, 16) == 0 else PurchaseLimits(self.client, address)

    def sync_purchase_limits(self, signer: Signer) -> TxReceipt:
        """Apply the limits the operator's registry names now (anyone; the registry does it for every token)."""
        return self._send(signer, "syncPurchaseLimits")

    def consent_to_acquire(self, amount: AmountInput, signer: Signer) -> TxReceipt:
        """The signer agrees to acquire up to ``amount`` of this token by transfers and allocations others push
        to it; each uses up what it acquires. Under a purchase limit a pushed acquisition without it is refused
        (pulling with :meth:`transfer_from` needs none). Replaces the previous consent; 0 withdraws it, ``"any"``
        is a standing consent to any amount, never used up."""
        units = UINT256_MAX if amount == "any" else self.units(amount)
        return self._send(signer, "setAcquisitionConsent", units)

    def acquisition_consent(self, wallet: str) -> Decimal | None:
        """What the wallet still agrees to acquire by push; ``None``: any amount (a standing consent)."""
        units = self._call("acquisitionConsent", parse_address(wallet))
        return None if units == UINT256_MAX else self.amount(units)

    def reference_price(self) -> tuple[Decimal, str, int] | None:
        """(price, currency, set at) or ``None`` when never set."""
        price, currency, minor, set_at = self._call("referencePrice")
        return None if set_at == 0 else (from_base_units(price, minor), currency.decode(), set_at)

    def paused(self) -> bool:
        return bool(self._call("paused"))

    def is_frozen(self, wallet: str) -> bool:
        """Whether the wallet is frozen now (it neither sends nor receives)."""
        return bool(self._call("isFrozen", parse_address(wallet)))

    def locked_tokens(self, wallet: str) -> Decimal:
        """The part of the wallet's balance under a lock-up now."""
        return self.amount(self._call("lockedTokens", parse_address(wallet)))

    def frozen_tokens(self, wallet: str) -> Decimal:
        """The wallet's tokens frozen now (ERC-7943): its whole balance while it is frozen whole."""
        return self.amount(self._call("getFrozenTokens", parse_address(wallet)))

    def allowance(self, owner: str, spender: str) -> Decimal:
        return self.amount(self._call("allowance", parse_address(owner), parse_address(spender)))

    # -- pre-checks -------------------------------------------------------------------------

    def check_transfer(self, sender: str, receiver: str, amount: AmountInput) -> TransferCheck:
        """Would moving ``amount`` from ``sender`` to ``receiver`` pass every rule now? Sends nothing.

        Answers for the sender pushing it (``transfer``): under a purchase limit, a receiver that did not
        consent (:meth:`consent_to_acquire`) is refused; pulling it with :meth:`transfer_from` needs none."""
        code = self._call("detectTransferRestriction", parse_address(sender), parse_address(receiver), self.units(amount))
        return self._with_allowance(_check(code), receiver)

    def check_allocation(self, decision_id: str, receiver: str, amount: AmountInput) -> TransferCheck:
        """Would allocating ``amount`` to ``receiver`` under the decision pass now? Sends nothing."""
        code = self._call("detectAllocationRestriction", _decision_key(decision_id), parse_address(receiver),
                          self.units(amount))
        return self._with_allowance(_check(code), receiver)

    def check_allocations(self, decision_id: str, allocations: Iterable[tuple[str, AmountInput]]) -> list[TransferCheck]:
        """:meth:`check_allocation` for up to ``Batchable.MAX_BATCH`` allocations in one read (each judged alone); no allowances."""
        key = _decision_key(decision_id)
        calls = [self._encode("detectAllocationRestriction", key, parse_address(to), self.units(amount))
                 for to, amount in allocations]
        if not calls or len(calls) > Batchable.MAX_BATCH:
            raise ValidationError(f"check 1 to {Batchable.MAX_BATCH} allocations at a time, not {len(calls)}")
        return [_check(decode(["uint8"], result)[0]) for result in self._call("multicall", calls)]

    # -- holders ----------------------------------------------------------------------------

    # Every write below is pre-checked once, by its gas estimate (:meth:`Client.transact`): the
    # estimate runs the transaction, and with it the token's one check, on the latest state, and
    # a refusal raises the class :meth:`check_transfer` would name, before anything is sent.

    def transfer(self, to: str, amount: AmountInput, signer: Signer) -> TxReceipt:
        """Transfer from the signer's wallet; a rule's refusal is raised before anything is sent."""
        return self._send(signer, "transfer", parse_address(to), self.units(amount))

    def transfer_many(self, transfers: Iterable[tuple[str, AmountInput]], signer: Signer) -> TxReceipt:
        """Several transfers from the signer's wallet in one transaction, all or none (at most ``MAX_BATCH``).

        The estimate runs them in order, so their combined effect (the same receiver twice, the sum
        against the balance) is checked too; the first refused one is raised before sending.
        """
        batch = [(parse_address(to), self.units(amount)) for to, amount in transfers]
        if not batch or len(batch) > Batchable.MAX_BATCH:
            raise ValidationError(f"a batch holds 1 to {Batchable.MAX_BATCH} transfers, not {len(batch)}; split it")
        calls = [self._encode("transfer", to, units) for to, units in batch]
        return self._send(signer, "multicall", calls)

    def approve(self, spender: str, amount: AmountInput, signer: Signer) -> TxReceipt:
        return self._send(signer, "approve", parse_address(spender), self.units(amount))

    def transfer_from(self, sender: str, to: str, amount: AmountInput, signer: Signer) -> TxReceipt:
        """Move ``amount`` from ``sender`` (who approved the signer) to ``to``; the receiver pulling it needs
        no consent under a purchase limit. A short allowance is a :class:`ValidationError` naming it."""
        from dfa import errors

        sender, to, units = parse_address(sender), parse_address(to), self.units(amount)
        try:
            return self._send(signer, "transferFrom", sender, to, units)
        except errors.ERC20InsufficientAllowance as short:  # the chain checks the allowance before the rules
            if short.sent:
                raise
            raise ValidationError(
                f"{signer.address} may move only {self.amount(short.arguments['allowance'])} {self.symbol} of "
                f"{sender}; the holder must approve {amount}"
            ) from None

    # -- issuance ---------------------------------------------------------------------------

    def publish_decision(self, decision: DecisionSpec, signer: Signer) -> TxReceipt:
        """Publish a new issuance decision (the token admin, i.e. the issuer)."""
        self._require_future(decision.subscription_end)
        self._require_valued(decision)
        return self._send(signer, "publishDecision", _decision_key(decision.decision_id), decision.as_terms(self.decimals))

    def amend_decision(self, decision: DecisionSpec, signer: Signer) -> TxReceipt:
        """Amend the decision with the same id into a new version."""
        self._require_future(decision.subscription_end)
        self._require_valued(decision)
        return self._send(signer, "amendDecision", _decision_key(decision.decision_id), decision.as_terms(self.decimals))

    def close_decision(self, decision_id: str, signer: Signer) -> TxReceipt:
        return self._send(signer, "closeDecision", _decision_key(decision_id))

    def decision(self, decision_id: str) -> Decision:
        key = _decision_key(decision_id)
        current, version = self._call("decision", key)
        return self._decision(key, current, version)

    def decision_history(self, decision_id: str) -> list[Decision]:
        """Every version of a decision, oldest first."""
        key = _decision_key(decision_id)
        _, versions = self._call("decision", key)
        return [self._decision(key, self._call("decisionVersion", key, v), v) for v in range(1, versions + 1)]

    def decisions(self) -> list[Decision]:
        return [self.decision(reference_from_bytes(key)) for key in self._call("decisionIds")]

    def allocate(self, decision_id: str, to: str, amount: AmountInput, signer: Signer) -> TxReceipt:
        """Mint ``amount`` to ``to`` under the decision; refused before sending when a gate is closed."""
        return self._send(signer, "allocate", _decision_key(decision_id), parse_address(to), self.units(amount))

    def allocate_many(self, decision_id: str, allocations: Iterable[tuple[str, AmountInput]], signer: Signer, *,
                      on_sent: Callable[[str], None] | None = None) -> TxReceipt:
        """Several allocations in one transaction, all or none (at most ``MAX_BATCH``); the first refused one is raised
        before sending (the estimate runs them in order, so the cap and limits see their sum)."""
        key = _decision_key(decision_id)
        batch = [(parse_address(to), self.units(amount)) for to, amount in allocations]
        if not batch or len(batch) > Batchable.MAX_BATCH:
            raise ValidationError(f"a batch holds 1 to {Batchable.MAX_BATCH} allocations, not {len(batch)}; split it")
        return self._send(signer, "allocateBatch", key, [to for to, _ in batch], [units for _, units in batch],
                          on_sent=on_sent)

    def redeem(self, holder: str, amount: AmountInput, signer: Signer) -> TxReceipt:
        """Burn ``amount`` of ``holder``'s tokens (redemption, buy-back), by the issuer agent."""
        return self._send(signer, "redeem", parse_address(holder), self.units(amount))

    # -- documents --------------------------------------------------------------------------

    def set_document(self, document: DocumentSpec, signer: Signer) -> TxReceipt:
        return self._send(signer, "setDocument", *document.as_tuple())

    def remove_document(self, name: str, signer: Signer) -> TxReceipt:
        return self._send(signer, "removeDocument", document_name(name))

    def document(self, name: str) -> Document:
        uri, digest, modified = self._call("getDocument", document_name(name))
        return Document(name=name, uri=uri, hash=digest, last_modified=modified)

    def documents(self) -> list[Document]:
        return [self.document(raw.rstrip(b"\0").decode()) for raw in self._call("getAllDocuments")]

    def verify_document(self, name: str, path: str | os.PathLike[str]) -> bool:
        """Whether the file at ``path`` is exactly the document registered as ``name``."""
        return file_hash(path) == self.document(name).hash

    # -- rules ------------------------------------------------------------------------------

    def rules(self) -> Rules:
        categories, kinds, allowlist, deny = self._call("eligibilityRules")
        rules = [
            DenyRule(
                country=country or None,
                residency=residency or None,
                categories=[c for c in Category if cmask & (1 << c)],
                kinds=[k for k in Kind if kmask & (1 << k)],
                exempt_flags=flags,
            )
            for country, residency, cmask, kmask, flags in deny
        ]
        cap = self._call("supplyCap")
        countries = self._country_rules()
        max_balance, max_holders, by_category = self._call("holdingRules")
        return Rules(
            max_balance=self.amount(max_balance) if max_balance else None,
            min_holding=self.amount(min_holding) if (min_holding := self._call("minHolding")) else None,
            max_holders=max_holders or None,
            max_holders_by_category={Category(c): cap for c, cap in enumerate(by_category) if cap},
            categories=[c for c in Category if categories & (1 << c)],
            kinds=[k for k in Kind if kinds & (1 << k)],
            allowed_countries=[c for c, rule in countries.items() if rule == 1] if allowlist else (),
            denied_countries=[c for c, rule in countries.items() if rule == 2],
            deny_rules=rules,
            supply_cap=None if cap == UINT256_MAX else self.amount(cap),
            granularity=self.amount(self._call("granularity")),
        )

    def set_rules(self, rules: Rules, signer: Signer) -> TxReceipt:
        """Replace the token's rules in one atomic transaction (the compliance agent)."""
        current = self._country_rules()
        wanted = {c: 1 for c in rules.allowed_countries} | {c: 2 for c in rules.denied_countries}
        categories, kinds, allowlist, _, _, deny_rules = rules.eligibility()  # countries: set one by one below
        supply_cap, granularity, max_balance, min_holding = rules.in_units(self.decimals)
        calls = [
            self._encode("setInvestorCategories", categories),
            self._encode("setInvestorKinds", kinds),
            self._encode("setCountryAllowlist", allowlist),
            self._encode("setDenyRules", deny_rules),
            self._encode("setSupplyCap", supply_cap),
            self._encode("setGranularity", granularity),
            self._encode("setMaxBalance", max_balance),
            self._encode("setMaxHolders", *rules.holder_caps()),
            self._encode("setMinHolding", min_holding),
        ]
        for status in (0, 1, 2):
            countries = sorted(c for c in set(current) | set(wanted) if wanted.get(c, 0) == status and current.get(c, 0) != status)
            if countries:
                calls.append(self._encode("setCountryRules", countries, status))
        return self._send(signer, "multicall", calls)

    # -- internals --------------------------------------------------------------------------

    def _with_allowance(self, check: TransferCheck, receiver: str) -> TransferCheck:
        """The check with the receiver's remaining purchase allowance, when a limit applies to it."""
        limits = self.purchase_limits()
        if limits is None:
            return check
        identity = self.registry.identity_of(receiver)  # one read, no event scan
        if identity is None:
            return check
        allowance = limits.remaining_for(*identity)
        if not allowance.limited:
            return check
        return check.replace(remaining_allowance=allowance.remaining, allowance_currency=allowance.currency)

    def _country_rules(self) -> dict[int, int]:
        """Country -> rule (1 allowed, 2 denied), replayed from the rule-change events."""
        rules: dict[int, int] = {}
        for log in self.events("CountryRuleSet"):
            rules[log["args"]["country"]] = log["args"]["rule"]
        return {country: rule for country, rule in rules.items() if rule}

    def _send(self, signer: Signer, function: str, *args: Any, on_sent: Callable[[str], None] | None = None) -> TxReceipt:
        try:
            return super()._send(signer, function, *args, on_sent=on_sent)
        except TransferRestricted as refused:  # the chain's refusal, with the figures its message names
            if refused.reason is not Restriction.PURCHASE_LIMIT_EXCEEDED or refused.arguments.get("amount") is not None:
                raise
            if refused.sender is None or refused.receiver is None or refused.value is None:
                raise
            raise self._refusal(refused.code, refused.sender, refused.receiver, refused.value, refused.tx_hash) from None

    def _refusal(self, code: int, sender: str, receiver: str, units: int, tx_hash: str | None = None) -> TransferRestricted:
        """The exception for a refusal; a purchase limit's names what is left and what was attempted."""
        figures = {}
        if code == Restriction.PURCHASE_LIMIT_EXCEEDED:
            check = self._with_allowance(_check(code), receiver)
            figures = dict(remaining=check.remaining_allowance, currency=check.allowance_currency,
                           amount=Decimal(format(self.amount(units).normalize(), "f")), symbol=self.symbol)
        return restriction_error(code, sender, receiver, units, tx_hash, **figures)

    def _require_valued(self, decision: DecisionSpec) -> None:
        """Every token of an operator with purchase limits is limited: its decisions must price the allocations."""
        from dfa import errors

        if decision.price <= 0 and self.registry.purchase_limits is not None:
            raise errors.DFAInvalidDecisionTerms({"decisionId": _decision_key(decision.decision_id), "field": "price"})

    def _require_future(self, moment: int) -> None:
        if moment <= self.client.now():
            raise ValidationError("the subscription window has already ended at the chain's time")

    def _decision(self, key: bytes, record: tuple[Any, ...], version: int) -> Decision:
        terms, published_at, closed = record
        document_hash, cap, minimum, price, currency, minor, categories, start, end, lockup = terms
        return Decision(
            decision_id=reference_from_bytes(key),
            version=version,
            document_hash=document_hash,
            cap=self.amount(cap),
            min_subscription=self.amount(minimum),
            price=from_base_units(price, minor),
            currency=currency.decode(),
            categories=[c for c in Category if categories & (1 << c)],
            subscription_start=start,
            subscription_end=end,
            lockup_until=lockup or None,
            published_at=published_at,
            closed=closed,
            allocated=self.amount(self._call("allocatedUnder", key)),
        )


def _check(code: int) -> TransferCheck:
    reason = Restriction(code) if code in Restriction._value2member_map_ else None
    return TransferCheck(code=code, reason=reason, message=explain(code))


def _decision_key(decision_id: str) -> bytes:
    return reference_to_bytes(parse_reference(decision_id))
