"""The audit trail: every recorded act on a token (or touching an investor), with who, when and where.

Read from the events of the token, its operator's investor registry and the licence register,
in bounded block ranges.
"""

from __future__ import annotations

from typing import Any

from dfa.enforcement.actions import ACTS
from dfa.issuer.token import DFAToken
from dfa.models import Model
from dfa.operator.investors import InvestorRegistry, unpack_record
from dfa.operator.limits import PurchaseLimits
from dfa.types import currency_minor_units, from_base_units, reference_from_bytes

ZERO = "0x" + "00" * 20

TOKEN_EVENTS = {
    "Allocated": "issuance",
    "Redeemed": "redemption",
    "Transfer": "transfer",
    "DecisionPublished": "decision published",
    "DecisionClosed": "decision closed",
    "DocumentUpdated": "document published",
    "DocumentRemoved": "document removed",
    "InvestorCategoriesSet": "rule change",
    "InvestorKindsSet": "rule change",
    "CountryAllowlistSet": "rule change",
    "CountryRuleSet": "rule change",
    "DenyRulesSet": "rule change",
    "SupplyCapSet": "rule change",
    "GranularitySet": "rule change",
    "MaxBalanceSet": "rule change",
    "MaxHoldersSet": "rule change",
    "AmlThresholdSet": "rule change",
    "ReferencePriceSet": "reference price",
    "AcquisitionConsentSet": "acquisition consent",
    "PurchaseLimitsApplied": "purchase limits applied",
    "TransferApproved": "AML approval",
    **ACTS,  # the enforcement acts, named as in their history
    "RoleGranted": "role granted",
    "RoleRevoked": "role revoked",
}
REGISTRY_EVENTS = {
    "PurchaseLimitsSet": "purchase limits named",
    "InvestorRegistered": "investor registered",
    "InvestorUpdated": "investor updated",
    "WalletAdded": "wallet added",
    "WalletRemoved": "wallet removed",
    "InvestorSuspended": "investor suspended",
    "InvestorReactivated": "investor reactivated",
    "RecoveryRequested": "recovery requested",
    "RecoveryCancelled": "recovery cancelled",
    "RecoveryCompleted": "recovery approved",
}
LIMITS_EVENTS = {  # the operator's purchase limits: its limits, and the price bounds of this token
    "LimitSet": "purchase limit",
    "PriceBoundsSet": "price bounds",
}
LICENCE_EVENTS = {
    "LicenseGranted": "licence granted",
    "LicenseRenewed": "licence renewed",
    "LicenseSuspended": "licence suspended",
    "LicenseReinstated": "licence reinstated",
    "LicenseRevoked": "licence revoked",
}
_WALLET_FIELDS = ("from", "to", "wallet", "account", "lost", "replacement")


class AuditEntry(Model):
    kind: str
    event: str
    contract: str
    block: int
    time: int
    tx_hash: str
    actor: str | None
    """Who acted: the event's actor, or the sender of the transaction."""
    details: dict[str, str]


def audit_trail(token: DFAToken, *, investor_id: str | None = None, from_block: int = 0,
                to_block: int | None = None) -> list[AuditEntry]:
    """The trail of ``token``, oldest first; only what touches the investor when ``investor_id`` is given."""
    client = token.client
    info = token.info()
    registry = InvestorRegistry(client, info.registry)
    licenses = token.licenses
    wallets = set(registry.wallets(investor_id, include_removed=True)) if investor_id else None
    key = bytes.fromhex(investor_id[2:]) if investor_id else None
    sources = [(token, TOKEN_EVENTS), (registry, REGISTRY_EVENTS), (licenses, LICENCE_EVENTS)]
    limits_seen = {log["args"]["limits"] for log in registry.events("PurchaseLimitsSet", from_block, to_block)}
    limits_seen |= {registry.purchase_limits} - {None}
    sources += [(PurchaseLimits(client, address), LIMITS_EVENTS) for address in sorted(limits_seen)]

    found = []
    for source, events in sources:
        for event, kind in events.items():
            for log in source.events(event, from_block, to_block):
                args = log["args"]
                if event == "PriceBoundsSet" and args["token"] != token.address:
                    continue
                if event == "Transfer" and ZERO in (args["from"], args["to"]):
                    continue  # mints and burns appear as issuance and redemption
                if event == "PurchaseLimitsSet" and wallets is not None:
                    continue  # the operator's act, not the investor's
                if source is licenses and args["operator"] != info.operator:
                    continue
                if wallets is not None and not _touches(args, wallets, key):
                    continue
                found.append((log, kind, source))
    found.sort(key=lambda item: (item[0]["blockNumber"], item[0]["logIndex"]))
    times: dict[int, int] = {}
    entries = []
    for log, kind, source in found:
        number = log["blockNumber"]
        if number not in times:
            times[number] = int(client.w3.eth.get_block(number)["timestamp"])
        args = log["args"]
        actor = args.get("actor") or client.w3.eth.get_transaction(log["transactionHash"])["from"]
        entries.append(AuditEntry(
            kind=kind,
            event=log["event"],
            contract=f"{source.artifact} {source.address}",
            block=number,
            time=times[number],
            tx_hash=log["transactionHash"].to_0x_hex(),
            actor=actor,
            details=_details(args, token),
        ))
    return entries


def _details(args: dict[str, Any], token: DFAToken) -> dict[str, str]:
    details = {name: _text(value) for name, value in args.items() if name not in ("actor", "record", "terms")}
    if "terms" in args:  # a decision: the price it values allocations at, spelled out
        terms = args["terms"]
        fields = ("documentHash", "cap", "minSubscription", "price", "currency", "currencyMinorUnits", "categories",
                  "subscriptionStart", "subscriptionEnd", "lockupUntil")
        terms = dict(terms) if hasattr(terms, "keys") else dict(zip(fields, terms))
        details.update(price=str(from_base_units(terms["price"], terms["currencyMinorUnits"])),
                       currency=terms["currency"].decode(), cap=str(token.amount(terms["cap"])),
                       subscription=f"{terms['subscriptionStart']}-{terms['subscriptionEnd']}")
    if "price" in args and "minorUnits" in args:  # a reference price, in the currency's units
        details["price"] = str(from_base_units(args["price"], args["minorUnits"]))
        details["currency"] = args["currency"].decode()
    for name in ("min", "max"):  # price bounds
        if name in args and "currency" in args:
            details[name] = str(from_base_units(args[name], currency_minor_units(args["currency"].decode())))
    if "record" in args:  # the registry's packed investor record, spelled out
        details.update({name: _text(value) for name, value in unpack_record(args["record"]).items()})
    return details


def _touches(args: dict[str, Any], wallets: set[str], key: bytes | None) -> bool:
    if key is not None and args.get("investorId") == key:
        return True
    return any(args.get(field) in wallets for field in _WALLET_FIELDS)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return reference_from_bytes(value) if len(value) == 32 else "0x" + value.hex()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(value)
