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
    investor_id,
)

__all__ = [
    "Category",
    "Investor",
    "InvestorFlag",
    "InvestorProfile",
    "InvestorRegistry",
    "InvestorStatus",
    "Kind",
    "NewInvestor",
    "investor_id",
]
