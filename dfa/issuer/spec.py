"""What an issuer writes down before anything is deployed: the token, its rules, its decision.

Everything is validated here, before a transaction is sent: an e-money token without a
reserve auditor, a decision whose window ends before it starts, an amount finer than the
token's decimals, a country that does not exist — each is refused with a message.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator, model_validator

from dfa.constants import AssetClass as AssetClass
from dfa.constants import EligibilitySettings
from dfa.errors import ValidationError
from dfa.issuer.documents import DocumentSpec
from dfa.models import Model
from dfa.operator.investors import Category, InvestorFlag, Kind, by_name, parse_flags
from dfa.types import (
    UINT256_MAX,
    Address,
    Amount,
    Country,
    Currency,
    Hash32,
    Reference,
    Timestamp,
    currency_minor_units,
    to_base_units,
)


def _enum_set(enum: type[Enum]) -> Any:
    def parse(value: Any) -> frozenset[Enum]:
        if isinstance(value, str):
            value = [part for part in value.replace("|", ",").split(",") if part.strip()]
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise ValidationError(f"give a list of {enum.__name__.lower()} names")
        return frozenset(by_name(enum, item) for item in value)

    return BeforeValidator(parse)


Categories = Annotated[frozenset[Category], _enum_set(Category)]
Kinds = Annotated[frozenset[Kind], _enum_set(Kind)]
Flags = Annotated[InvestorFlag, BeforeValidator(parse_flags)]


def mask(members: frozenset[Category] | frozenset[Kind]) -> int:
    """The on-chain bit mask of a set of categories or kinds: bit (1 << value)."""
    return sum(1 << int(member) for member in members)


class DenyRule(Model):
    """Deny investors matching every condition given, unless they carry an exempting flag.

    The Astana pilot: ``DenyRule(residency="KZ", kinds=["legal_entity"], exempt_flags=["licensed_miner"])``.
    """

    country: Country | None = None
    residency: Country | None = None
    categories: Categories = frozenset()
    kinds: Kinds = frozenset()
    exempt_flags: Flags = InvestorFlag(0)

    @model_validator(mode="after")
    def _has_a_condition(self) -> DenyRule:
        if self.country is None and self.residency is None and not self.categories and not self.kinds:
            raise ValidationError("a deny rule needs at least one condition (country, residency, categories, kinds)")
        return self

    def as_tuple(self) -> tuple[int, int, int, int, int]:
        return (self.country or 0, self.residency or 0, mask(self.categories), mask(self.kinds), int(self.exempt_flags))


class Rules(Model):
    """Who may hold the token, and how it may move."""

    categories: Categories = frozenset(Category)
    """Investor categories that may hold."""
    kinds: Kinds = frozenset(Kind)
    """Investor kinds that may hold."""
    allowed_countries: frozenset[Country] = frozenset()
    """When given, only residents of these countries may hold."""
    denied_countries: frozenset[Country] = frozenset()
    """Residents and citizens (places of incorporation) of these countries may not hold."""
    deny_rules: tuple[DenyRule, ...] = Field(default=(), max_length=EligibilitySettings.MAX_DENY_RULES)
    supply_cap: Amount | None = None
    """Most tokens that may ever be outstanding (whole units); none means no cap."""
    granularity: Amount | None = None
    """Smallest transferable amount (whole units); none means one base unit."""
    max_balance: Amount | None = None
    """Most an investor may hold, summed over its wallets (whole units); none means no maximum."""
    min_holding: Amount | None = None
    """Least an investor may hold after a transfer or allocation, summed over its wallets (whole units);
    none means no minimum. Leaving entirely is always allowed; redemptions and enforcement acts are not
    held to it. Keeps dust from filling the holder caps."""
    max_holders: int | None = Field(default=None, gt=0, lt=2**64)
    """Most investors that may hold the token; an investor with several wallets counts once."""
    max_holders_by_category: dict[Annotated[Category, BeforeValidator(lambda v: by_name(Category, v))],
                                  Annotated[int, Field(gt=0, lt=2**64)]] = Field(default_factory=dict)
    """Most investors of a category that may hold."""

    # What the contract takes, in one place for both the factory (a new token's config) and
    # DFAToken.set_rules (the setters of a live token).

    def eligibility(self) -> tuple[int, int, bool, list[int], list[int], list[tuple[int, int, int, int, int]]]:
        """(categories, kinds, countryAllowlist, allowedCountries, deniedCountries, denyRules) as the contract takes them."""
        return (mask(self.categories), mask(self.kinds), bool(self.allowed_countries), sorted(self.allowed_countries),
                sorted(self.denied_countries), [rule.as_tuple() for rule in self.deny_rules])

    def in_units(self, decimals: int) -> tuple[int, int, int, int]:
        """(supplyCap, granularity, maxBalance, minHolding) in base units of a token with ``decimals``, as the
        contract takes them: no cap is 2^256-1, no granularity one base unit, no maximum or minimum 0."""
        return (
            UINT256_MAX if self.supply_cap is None else to_base_units(self.supply_cap, decimals),
            to_base_units(self.granularity, decimals) if self.granularity else 1,
            to_base_units(self.max_balance, decimals) if self.max_balance else 0,
            to_base_units(self.min_holding, decimals) if self.min_holding else 0,
        )

    def holder_caps(self) -> tuple[int, list[int]]:
        """(maxHolders, maxCategoryHolders[4]) as the contract takes them; 0 means no maximum."""
        by_category = [0, 0, 0, 0]
        for category, cap in self.max_holders_by_category.items():
            by_category[int(category)] = cap
        return self.max_holders or 0, by_category

    @model_validator(mode="after")
    def _consistent(self) -> Rules:
        if not self.categories:
            raise ValidationError("admit at least one investor category")
        if not self.kinds:
            raise ValidationError("admit at least one investor kind")
        both = set(self.allowed_countries) & set(self.denied_countries)
        if both:
            raise ValidationError(f"countries both allowed and denied: {sorted(both)}")
        return self


class DecisionSpec(Model):
    """An issuance decision: the published terms that gate every allocation."""

    decision_id: Reference
    """The decision's reference, e.g. ``"BOND-2026-01"``."""
    document_hash: Hash32
    """Hash of the published decision document (see :func:`dfa.issuer.documents.file_hash`)."""
    cap: Amount
    """Most tokens allocated under the decision (whole units)."""
    min_subscription: Amount = Decimal(0)
    """Least tokens per allocation (whole units)."""
    price: Amount
    """Issue price of one whole token in ``currency``."""
    currency: Currency
    categories: Categories = frozenset(Category)
    """Investor categories the offering admits."""
    subscription_start: Timestamp
    subscription_end: Timestamp
    """Allocations stop at this moment."""
    lockup_until: Timestamp | None = None
    """Tokens allocated under the decision cannot be transferred before this moment."""

    @model_validator(mode="after")
    def _consistent(self) -> DecisionSpec:
        if self.subscription_end <= self.subscription_start:
            raise ValidationError("the subscription window ends before (or when) it starts")
        if self.cap <= 0:
            raise ValidationError("the decision's cap must be positive")
        if self.min_subscription > self.cap:
            raise ValidationError("the minimum subscription is above the cap")
        if not self.categories:
            raise ValidationError("admit at least one investor category")
        minor = currency_minor_units(self.currency)
        try:
            exact = self.price == self.price.quantize(Decimal(1).scaleb(-minor))
        except InvalidOperation:  # more digits than a decimal context holds: no real price
            raise ValidationError(f"price {self.price} is too large to be a price in {self.currency}") from None
        if not exact:
            raise ValidationError(f"price {self.price} has more than the {minor} decimals of {self.currency}")
        return self

    def as_terms(self, decimals: int) -> tuple[Any, ...]:
        """The ``DecisionTerms`` struct for a token with ``decimals``."""
        minor = currency_minor_units(self.currency)
        return (
            bytes.fromhex(self.document_hash[2:]),
            to_base_units(self.cap, decimals),
            to_base_units(self.min_subscription, decimals),
            to_base_units(self.price, minor),
            self.currency.encode(),
            minor,
            mask(self.categories),
            self.subscription_start,
            self.subscription_end,
            self.lockup_until or 0,
        )


class TokenRoles(Model):
    """Who holds each role of the token. Separate people for separate powers."""

    admin: Address
    """The issuer: publishes decisions, grants roles."""
    issuer_agent: Address
    """Allocates and redeems."""
    compliance_agent: Address
    """Changes the rules."""
    enforcement_agent: Address
    """Freezes, forces transfers, recovers wallets."""
    document_manager: Address
    """Publishes documents."""
    pricing_agent: Address | None = None
    """Sets the reference price; neither the admin nor the issuer agent (roles kept apart,
    ``dfa.access.KEPT_APART``: refused when the token is created). The operator administers the
    role: it may be left out and granted later by the operator."""


class TokenSpec(Model):
    """A token to deploy through an operator's factory."""

    name: str = Field(min_length=1, max_length=64)
    symbol: str = Field(min_length=1, max_length=11)
    decimals: int = Field(ge=0, le=18)
    """0 for shares and units that cannot be split."""
    asset_class: Annotated[AssetClass, BeforeValidator(lambda v: by_name(AssetClass, v))]
    jurisdiction: Country
    """Country whose law governs the token."""
    roles: TokenRoles
    rules: Rules = Rules()
    documents: tuple[DocumentSpec, ...] = ()
    decision: DecisionSpec | None = None
    """Published right after deployment, when given."""
    reserve_auditor: Address | None = None
    """Required for e-money tokens (MiCA: 100 % reserve, attested)."""

    @field_validator("symbol")
    @classmethod
    def _symbol(cls, value: str) -> str:
        if not value.isascii() or not value.replace("-", "").isalnum():
            raise ValidationError(f"symbol {value!r} must be ASCII letters, digits or '-'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> TokenSpec:
        if self.asset_class is AssetClass.E_MONEY and self.reserve_auditor is None:
            raise ValidationError("an e-money token must name its reserve auditor (reserve_auditor)")
        names = [document.name for document in self.documents]
        if len(names) != len(set(names)):
            raise ValidationError("two documents have the same name")
        for field, value in (("supply cap", self.rules.supply_cap), ("granularity", self.rules.granularity),
                             ("maximum balance", self.rules.max_balance),
                             ("minimum holding", self.rules.min_holding)):
            if value is not None:
                to_base_units(value, self.decimals)  # refuses more decimals than the token has
        if self.rules.granularity is not None and self.rules.granularity <= 0:
            raise ValidationError("granularity must be positive")
        if self.rules.min_holding is not None and self.rules.min_holding < 0:
            raise ValidationError("the minimum holding cannot be negative")
        if self.decision is not None:
            self.decision.as_terms(self.decimals)
            if self.rules.supply_cap is not None and self.decision.cap > self.rules.supply_cap:
                raise ValidationError("the decision's cap is above the token's supply cap")
        return self
