"""The operator's side: the register of verified investors."""

from dfa.operator.investors import (
    Category,
    Investor,
    InvestorFlag,
    InvestorProfile,
    InvestorRegistry,
    InvestorStatus,
    Kind,
    NewInvestor,
    Recovery,
    RecoveryStatus,
    investor_id,
)
from dfa.operator.limits import Allowance, Limit, PurchaseLimits

__all__ = [
    "Allowance",
    "Limit",
    "PurchaseLimits",
    "Category",
    "Investor",
    "InvestorFlag",
    "InvestorProfile",
    "InvestorRegistry",
    "InvestorStatus",
    "Kind",
    "NewInvestor",
    "Recovery",
    "RecoveryStatus",
    "investor_id",
]
