"""The register of holders at any block, and the audit trail of a token or an investor."""

from dfa.register.audit import AuditEntry, audit_trail
from dfa.register.extract import Holder, HolderWallet, RegisterExtract, register_extract

__all__ = ["AuditEntry", "Holder", "HolderWallet", "RegisterExtract", "audit_trail", "register_extract"]
