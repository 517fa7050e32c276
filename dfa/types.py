"""Field types shared by the models: addresses, 32-byte references, countries, times.

Each parses what a person would type (``"KZ"``, ``"2027-01-31T00:00:00Z"``, a lowercase
address) and refuses the rest with a :class:`~dfa.errors.ValidationError` (a ``ValueError``,
so pydantic reports it per field too) whose message says what to give instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation, localcontext
from typing import Annotated, Any, TypeAlias

import pycountry
from eth_typing import ChecksumAddress
from eth_utils import is_checksum_address, is_hex_address, keccak, to_checksum_address
from pydantic import BeforeValidator, PlainSerializer

from dfa.errors import ValidationError

UINT40_MAX = 2**40 - 1
_HEX32 = re.compile(r"^0x[0-9a-fA-F]{64}$")


def parse_address(value: Any) -> ChecksumAddress:
    if not isinstance(value, str) or not is_hex_address(value):
        raise ValidationError(f"{value!r} is not an address (0x followed by 40 hex digits)")
    if value != value.lower() and value[2:] != value[2:].upper() and not is_checksum_address(value):
        raise ValidationError(f"{value} has a bad checksum (a typo?); copy the address again")
    checksummed = to_checksum_address(value)
    if int(checksummed, 16) == 0:
        raise ValidationError("the zero address cannot be used")
    return checksummed


def parse_hash(value: Any) -> str:
    if isinstance(value, bytes) and len(value) == 32:
        return "0x" + value.hex()
    if isinstance(value, str) and _HEX32.match(value):
        return value.lower()
    raise ValidationError(f"{value!r} is not a 32-byte hash (0x followed by 64 hex digits)")


def parse_reference(value: Any) -> str:
    """A short reference kept verbatim on chain (≤ 32 bytes of text) or a 32-byte hash."""
    if isinstance(value, bytes):
        return parse_hash(value)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("give a reference: a short text (at most 32 bytes) or a 32-byte hash")
    if _HEX32.match(value):
        return value.lower()
    if len(value.encode()) > 32:
        raise ValidationError(f"{value!r} is longer than 32 bytes; shorten it or give the hash of the document")
    return value


def reference_to_bytes(reference: str) -> bytes:
    if _HEX32.match(reference):
        return bytes.fromhex(reference[2:])
    return reference.encode().ljust(32, b"\0")


def reference_from_bytes(raw: bytes) -> str:
    """Text when the 32 bytes hold a short text, else the hash in hex."""
    text = raw.rstrip(b"\0")
    try:
        decoded = text.decode()
    except UnicodeDecodeError:
        decoded = None
    if decoded and b"\0" not in text and decoded.isprintable():
        return decoded
    return "0x" + raw.hex()


def text_hash(text: str) -> bytes:
    """keccak256 of the UTF-8 text: how names and documents are referred to on chain."""
    return keccak(text=text)


def parse_country(value: Any) -> int:
    """ISO 3166-1 as numeric (398, "398"), alpha-2 ("KZ") or alpha-3 ("KAZ") -> numeric."""
    found = None
    if isinstance(value, int) and not isinstance(value, bool):
        found = pycountry.countries.get(numeric=f"{value:03d}") if 0 < value < 1000 else None
    elif isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            found = pycountry.countries.get(numeric=text.zfill(3))
        elif len(text) in (2, 3):
            code = text.upper()
            found = pycountry.countries.get(alpha_2=code) if len(text) == 2 else pycountry.countries.get(alpha_3=code)
    if found is None:
        raise ValidationError(f"unknown country {value!r}: give an ISO 3166-1 code such as 'KZ', 'KAZ' or 398")
    return int(found.numeric)


def country_name(numeric: int) -> str:
    found = pycountry.countries.get(numeric=f"{numeric:03d}")
    return found.alpha_2 if found else str(numeric)


def parse_timestamp(value: Any) -> int:
    """Unix seconds from an int, an aware datetime, a date (its midnight UTC) or ISO text."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value else date.fromisoformat(value)
        except ValueError:
            raise ValidationError(f"{value!r} is not a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM:SSZ)") from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValidationError(f"{value} has no time zone; add one (e.g. Z for UTC)")
        value = int(value.timestamp())
    elif isinstance(value, date):
        value = int(datetime(value.year, value.month, value.day, tzinfo=timezone.utc).timestamp())
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= UINT40_MAX:
        raise ValidationError(f"{value!r} is not a time after 1970 that the chain can hold")
    return value


def format_timestamp(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")


Address = Annotated[str, BeforeValidator(parse_address)]
"""A checksummed, non-zero address; a bad checksum is refused."""
Hash32 = Annotated[str, BeforeValidator(parse_hash)]
"""A 32-byte hash as lowercase 0x-hex."""
Reference = Annotated[str, BeforeValidator(parse_reference)]
"""A licence id, case number or decision reference: short text or a 32-byte hash."""
Country = Annotated[int, BeforeValidator(parse_country), PlainSerializer(country_name, when_used="json")]
"""An ISO 3166-1 country, kept as its numeric code."""
Timestamp = Annotated[int, BeforeValidator(parse_timestamp)]
"""A moment as unix seconds."""


UINT256_MAX = 2**256 - 1
# ISO 4217 minor units where they are not 2 (pycountry does not carry them).
_MINOR_UNITS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
                     "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}


def parse_amount(value: Any) -> Decimal:
    """A non-negative amount in whole units (``"12.5"``, 12, Decimal); floats are refused as inexact."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(f"give amount {value!r} as text or an integer (floats are inexact)")
    try:
        amount = Decimal(str(value).strip()) if isinstance(value, (str, int, Decimal)) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError(f"{value!r} is not an amount")
    if amount < 0:
        raise ValidationError(f"amount {value} is negative")
    return amount


def to_base_units(amount: AmountInput, decimals: int) -> int:
    """Whole units -> the integer the chain holds; refuses more decimals than the token has."""
    parsed = parse_amount(amount)
    with localcontext() as exact:
        exact.prec = 200  # uint256 has 78 digits; the default 28 would round
        scaled = parsed.scaleb(decimals)
    if scaled != scaled.to_integral_value():
        raise ValidationError(f"amount {amount} has more than the token's {decimals} decimals")
    units = int(scaled)
    if units > UINT256_MAX:
        raise ValidationError(f"amount {amount} is larger than the chain can hold")
    return units


def from_base_units(units: int, decimals: int) -> Decimal:
    with localcontext() as exact:
        exact.prec = 200
        return Decimal(units).scaleb(-decimals)


def format_amount(units: int, decimals: int, unit: str = "") -> str:
    """``1,234.50 USD`` style, with exactly ``decimals`` places."""
    text = f"{from_base_units(units, decimals):,.{decimals}f}"
    return f"{text} {unit}".rstrip()


def parse_currency(value: Any) -> str:
    """An ISO 4217 alphabetic code, upper case."""
    code = value.strip().upper() if isinstance(value, str) else None
    if not code or len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError(f"unknown currency {value!r}: give an ISO 4217 code such as 'USD', 'KZT' or 'EUR'")
    return code


def currency_minor_units(code: str) -> int:
    return _MINOR_UNITS.get(code, 2)


Currency = Annotated[str, BeforeValidator(parse_currency)]
"""An ISO 4217 currency code."""
Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
"""A non-negative amount in whole units (token units or currency units)."""

AmountInput: TypeAlias = Decimal | str | int
"""An amount as an API method takes it, in whole units: ``Decimal("12.5")``, ``"12.5"`` or ``12``
(a float is refused as inexact); :func:`parse_amount` checks it."""
TimeInput: TypeAlias = int | str | date | datetime
"""A moment as an API method takes it: unix seconds, ISO text, a date or an aware datetime;
:func:`parse_timestamp` checks it."""
