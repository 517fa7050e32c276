"""The regulator's side: the register of licensed platform operators."""

from dfa.regulator.licenses import License, LicenseRegistry, LicenseStatus, LicenseTerms, Scope

__all__ = ["License", "LicenseRegistry", "LicenseStatus", "LicenseTerms", "Scope"]
