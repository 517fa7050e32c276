"""The register extract: who held how much of a token at a block, by investor.

Built from the chain's events (read in bounded ranges), so it works at any past block, and
reconciled with the token's ``totalSupply`` at that block: an extract that does not add up is
an error, never a document.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from decimal import Decimal
from typing import Annotated, Any

from pydantic import PlainSerializer

from dfa import constants
from dfa.errors import DFAError
from dfa.issuer.token import DFAToken
from dfa.models import Model
from dfa.operator.investors import Category, InvestorRegistry, Kind, unpack_record
from dfa.table import format_table
from dfa.types import country_name, format_timestamp

ZERO = "0x" + "00" * 20


class ReconciliationError(DFAError):
    """The holdings rebuilt from events do not add up to the token's total supply."""


INDEFINITELY = constants.Enforcement.INDEFINITELY  # a freeze without an end (generated from the contract)


class HolderWallet(Model):
    wallet: str
    balance: Decimal
    frozen: Decimal
    """Frozen now, as the chain answers (ERC-7943 ``getFrozenTokens``): the whole balance while the
    wallet is frozen whole, otherwise what partial freezes hold."""
    wallet_frozen: bool = False
    """Frozen whole: it neither sends nor receives."""
    wallet_frozen_until: int | None = None
    """When that freeze lapses; none when it lasts until lifted (or there is none)."""


def _name(member: Category | Kind | None) -> str | None:
    return member.name.lower() if member is not None else None


def _country(numeric: int | None) -> str | None:
    return country_name(numeric) if numeric else None


def investor_label(investor_id: str | None) -> str:
    """A short label for tables: the id's significant digits (an id is 160 bits in a 32-byte word,
    so its first digits are always zeros), abbreviated."""
    if not investor_id:
        return "(none)"
    digits = investor_id[2:].lstrip("0").rjust(40, "0")[-40:]
    return f"{digits[:6]}…{digits[-8:]}"


class Holder(Model):
    """One investor's holding; ``investor_id`` is ``None`` for a wallet no investor was ever bound to.

    In JSON, category and kind are names and countries ISO alpha-2 codes, as in the CSV."""

    investor_id: str | None
    category: Annotated[Category | None, PlainSerializer(_name, when_used="json")]
    kind: Annotated[Kind | None, PlainSerializer(_name, when_used="json")]
    country: Annotated[int | None, PlainSerializer(_country, when_used="json")]
    residency: Annotated[int | None, PlainSerializer(_country, when_used="json")]
    wallets: tuple[HolderWallet, ...]
    balance: Decimal
    frozen: Decimal


class RegisterExtract(Model):
    token: str
    symbol: str
    decimals: int
    block: int
    timestamp: int
    total_supply: Decimal
    holders: tuple[Holder, ...]

    def to_json(self) -> str:
        return self.model_dump_json(indent=1)

    def to_csv(self) -> str:
        """One row per wallet, with its investor's attributes and total."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["investor_id", "category", "kind", "country", "residency", "wallet", "balance", "frozen",
                         "wallet_frozen", "wallet_frozen_until", "investor_balance"])
        for holder in self.holders:
            for wallet in holder.wallets:
                writer.writerow([
                    holder.investor_id or "",
                    holder.category.name.lower() if holder.category else "",
                    holder.kind.name.lower() if holder.kind else "",
                    country_name(holder.country) if holder.country else "",
                    country_name(holder.residency) if holder.residency else "",
                    wallet.wallet,
                    f"{wallet.balance:.{self.decimals}f}",
                    f"{wallet.frozen:.{self.decimals}f}",
                    "yes" if wallet.wallet_frozen else "no",
                    _until(wallet) if wallet.wallet_frozen else "",
                    f"{holder.balance:.{self.decimals}f}",
                ])
        return out.getvalue()

    def to_table(self) -> str:
        """The extract as a text table, one row per investor, then the total."""
        rows = []
        for h in self.holders:
            freezes = "; ".join(
                (f"{w.wallet[:10]}… " if len(h.wallets) > 1 else "") + _until(w) for w in h.wallets if w.wallet_frozen
            )
            rows.append((investor_label(h.investor_id),
                         h.category.name.lower() if h.category else "-",
                         country_name(h.residency) if h.residency else "-", len(h.wallets),
                         f"{h.balance:,.{self.decimals}f}", f"{h.frozen:,.{self.decimals}f}", freezes or "-"))
        table = format_table(("investor", "category", "residency", "wallets", "balance", "frozen", "wallet frozen"),
                             rows, right=(3, 4, 5))
        return "\n".join((self.title(), table,
                          f"total supply {self.total_supply:,.{self.decimals}f} {self.symbol}; {len(rows)} holders"))

    def title(self) -> str:
        return f"Register of {self.symbol} ({self.token}) at block {self.block}, {format_timestamp(self.timestamp)}"


def register_extract(token: DFAToken, at_block: int | None = None) -> RegisterExtract:
    """The register of ``token`` at ``at_block`` (default: the latest block)."""
    client = token.client
    block = client.w3.eth.block_number if at_block is None else at_block
    timestamp = int(client.w3.eth.get_block(block)["timestamp"])

    balances: dict[str, int] = defaultdict(int)
    for log in token.events("Transfer", 0, block):
        args = log["args"]
        if args["from"] != ZERO:
            balances[args["from"]] -= args["value"]
        if args["to"] != ZERO:
            balances[args["to"]] += args["value"]
    held = {wallet: units for wallet, units in balances.items() if units}

    total = token.contract.functions.totalSupply().call(block_identifier=block)
    if sum(held.values()) != total or any(units < 0 for units in held.values()):
        raise ReconciliationError(
            f"the transfers up to block {block} add up to {sum(held.values())} base units, "
            f"the token's total supply is {total}: the events are incomplete"
        )

    # every wallet an act ever froze or that inherited a freeze; what is frozen now is read at the block
    # (a freeze lapses by itself, with no event)
    frozen_wallets = {log["args"]["account"] for log in token.events("Frozen", 0, block)}
    frozen_wallets |= {log["args"]["wallet"] for log in token.events("WalletFrozen", 0, block)}
    frozen_wallets |= {log["args"]["wallet"] for log in token.events("TokensFrozen", 0, block)}
    frozen_wallets |= {log["args"]["replacement"] for log in token.events("WalletRecovered", 0, block)}
    owners, profiles = _investors_at(token.registry, block)
    by_investor: dict[str | None, list[HolderWallet]] = defaultdict(list)
    for wallet, units in sorted(held.items()):
        frozen, until = 0, 0
        if wallet in frozen_wallets:
            functions = token.contract.functions
            frozen = functions.getFrozenTokens(wallet).call(block_identifier=block)
            until = functions.walletFrozenUntil(wallet).call(block_identifier=block)
        whole = until > timestamp
        by_investor[owners.get(wallet)].append(HolderWallet(
            wallet=wallet, balance=token.amount(units), frozen=token.amount(frozen), wallet_frozen=whole,
            wallet_frozen_until=until if whole and until != INDEFINITELY else None,
        ))
    holders = []
    for investor_id, wallets in by_investor.items():
        profile = profiles.get(investor_id, {}) if investor_id is not None else {}
        holders.append(Holder(
            investor_id=investor_id,
            category=profile.get("category"),
            kind=profile.get("kind"),
            country=profile.get("country"),
            residency=profile.get("residency"),
            wallets=tuple(wallets),
            balance=sum((w.balance for w in wallets), Decimal(0)),
            frozen=sum((w.frozen for w in wallets), Decimal(0)),
        ))
    holders.sort(key=lambda h: (-h.balance, h.investor_id or ""))
    return RegisterExtract(token=token.address, symbol=token.symbol, decimals=token.decimals, block=block,
                           timestamp=timestamp, total_supply=token.amount(total), holders=tuple(holders))


def _until(wallet: HolderWallet) -> str:
    return "until lifted" if wallet.wallet_frozen_until is None else format_timestamp(wallet.wallet_frozen_until)


def _investors_at(registry: InvestorRegistry, block: int) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Wallet -> investor id, and investor id -> attributes, replayed from the registry's events up to ``block``."""
    owners: dict[str, str] = {}
    profiles: dict[str, dict[str, Any]] = {}
    for log in registry.events_of(("InvestorRegistered", "InvestorUpdated", "WalletAdded"), 0, block):
        name, args = log["event"], log["args"]
        investor_id = "0x" + args["investorId"].hex()
        if name in ("InvestorRegistered", "WalletAdded"):
            # a wallet keeps the investor it was last bound to: a recovered wallet's leftovers stay theirs
            owners[args["wallet"]] = investor_id
        if name != "WalletAdded":
            fields = unpack_record(args["record"])
            profiles[investor_id] = {
                "category": Category(fields["category"]),
                "kind": Kind(fields["kind"]),
                "country": fields["country"],
                "residency": fields["residency"],
            }
    return owners, profiles
