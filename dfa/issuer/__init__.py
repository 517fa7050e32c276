"""The issuer's side: token specs, the factory, and the token API."""

from dfa.issuer.documents import Document, DocumentSpec, file_hash
from dfa.issuer.factory import TokenFactory
from dfa.issuer.spec import AssetClass, DecisionSpec, DenyRule, Rules, TokenRoles, TokenSpec
from dfa.issuer.token import Decision, DFAToken, TokenInfo, TransferCheck

__all__ = [
    "AssetClass",
    "DFAToken",
    "Decision",
    "DecisionSpec",
    "DenyRule",
    "Document",
    "DocumentSpec",
    "Rules",
    "TokenFactory",
    "TokenInfo",
    "TokenRoles",
    "TokenSpec",
    "TransferCheck",
    "file_hash",
]
