"""Purchase limits by investor category, in fiat, over a rolling window, per operator."""

from __future__ import annotations

from decimal import Decimal

from web3.types import TxReceipt

from dfa.chain.client import Client
from dfa.chain.contract import ContractAPI
from dfa.chain.signers import Signer
from dfa import constants
from dfa.errors import ValidationError
from dfa.models import Model
from dfa.operator.investors import Category, Investor, by_name
from dfa.types import (
    AmountInput,
    currency_minor_units,
    from_base_units,
    parse_address,
    parse_currency,
    to_base_units,
)

DAY = 24 * 3600


class Limit(Model):
    """What investors of a category may acquire per rolling window.

    An acquisition made at time t counts until exactly t + ``window_seconds``. After the window
    changed (at ``window_set_at``), an acquisition counts for the longest window in force since it
    was made; beyond 32 acquisitions alive at once, the newest counts from the latest of them.
    """

    category: Category
    amount: Decimal
    currency: str
    window_seconds: int
    window_set_at: int


class Allowance(Model):
    """What an investor may still acquire now; ``limited`` false means no limit applies."""

    remaining: Decimal | None
    currency: str | None
    limited: bool


class PriceBounds(Model):
    """The prices a token may be valued at for the limits, and how old its reference price may be."""

    token: str
    min_price: Decimal
    max_price: Decimal
    currency: str
    max_age_seconds: int


class PurchaseLimits(ContractAPI):
    """An operator's ``PurchaseLimits``: shared by all its tokens, counted per investor."""

    artifact = "PurchaseLimits"

    @classmethod
    def deploy(cls, client: Client, factory: str | ContractAPI, operator: Signer) -> PurchaseLimits:
        """Deploy the limits of ``operator``; its tokens are those ``factory`` created for it."""
        address = factory.address if isinstance(factory, ContractAPI) else parse_address(factory)
        return cls._deploy(client, operator, address, operator.address)

    @property
    def operator(self) -> str:
        return str(self._call("operator"))

    def set_limit(self, category: Category | str | int, amount: AmountInput, currency: str, window_days: int,
                  signer: Signer) -> TxReceipt:
        """Investors of ``category`` may acquire at most ``amount`` of ``currency`` per ``window_days``."""
        category = by_name(Category, category)
        code = parse_currency(currency)
        if not isinstance(window_days, int) or window_days <= 0:
            raise ValidationError(f"the window must be a positive number of days, not {window_days!r}")
        units = to_base_units(amount, currency_minor_units(code))
        if units > constants.PurchaseLimits.MAX_AMOUNT:
            raise ValidationError(f"limit {amount} {code} is too large")
        return self._send(signer, "setLimit", int(category), units, code.encode(), window_days * DAY)

    def remove_limit(self, category: Category | str | int, signer: Signer) -> TxReceipt:
        return self._send(signer, "setLimit", int(by_name(Category, category)), 0, b"\0\0\0", 0)

    def set_price_bounds(self, token: ContractAPI | str, min_price: AmountInput, max_price: AmountInput, currency: str,
                         max_age_seconds: int, signer: Signer) -> TxReceipt:
        """The prices ``token`` may be valued at (its decisions' issue prices, its reference price) and how old
        its reference price may be (the limits admin). A limited acquisition of a token without bounds is refused."""
        from dfa import errors

        address = parse_address(getattr(token, "address", token))
        code = parse_currency(currency)
        minor = currency_minor_units(code)
        low, high = to_base_units(min_price, minor), to_base_units(max_price, minor)
        if not isinstance(max_age_seconds, int) or max_age_seconds <= 0 or not 0 < low <= high < 2**96:
            raise errors.LimitsInvalidPriceBounds({"token": address, "min": low, "max": high, "currency": code.encode(),
                                                   "maxAge": max_age_seconds})
        factory = self.client.contract("DFATokenFactory", self._call("factory"))
        if self.client.call(factory, "recordOf", address)[0] != self.operator:
            raise errors.LimitsUnknownToken({"caller": address})
        return self._send(signer, "setPriceBounds", address, low, high, code.encode(), max_age_seconds)

    def price_bounds(self, token: ContractAPI | str) -> PriceBounds | None:
        address = parse_address(getattr(token, "address", token))
        low, high, currency, max_age = self._call("priceBounds", address)
        if low == 0:
            return None
        code = currency.decode()
        minor = currency_minor_units(code)
        return PriceBounds(token=address, min_price=from_base_units(low, minor), max_price=from_base_units(high, minor),
                           currency=code, max_age_seconds=max_age)

    def limit(self, category: Category | str | int) -> Limit | None:
        category = by_name(Category, category)
        amount, currency, window, set_at = self._call("limitOf", int(category))
        if amount == 0:
            return None
        code = currency.decode()
        return Limit(category=category, amount=from_base_units(amount, currency_minor_units(code)), currency=code,
                     window_seconds=window, window_set_at=set_at)

    def remaining_allowance(self, investor: Investor) -> Allowance:
        """What ``investor`` may still acquire now, over all its wallets and all the operator's tokens."""
        return self.remaining_for(investor.investor_id, investor.category)

    def remaining_for(self, investor_id: str, category: int) -> Allowance:
        """:meth:`remaining_allowance` from the investor's id and category alone."""
        remaining, currency, limited = self._call("remainingAllowance", bytes.fromhex(investor_id[2:]), int(category))
        if not limited:
            return Allowance(remaining=None, currency=None, limited=False)
        code = currency.decode()
        return Allowance(remaining=from_base_units(remaining, currency_minor_units(code)), currency=code, limited=True)
