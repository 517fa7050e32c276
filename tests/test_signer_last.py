"""Every write of `dfa` takes its signer last: the last positional parameter, or the keyword after `*args`."""

import inspect

import pytest

from dfa.chain.contract import ContractAPI
from dfa.enforcement import Enforcement
from dfa.issuer import DFAToken, TokenFactory
from dfa.operator import InvestorRegistry
from dfa.operator.limits import PurchaseLimits
from dfa.regulator import LicenseRegistry

APIS = (ContractAPI, DFAToken, TokenFactory, InvestorRegistry, PurchaseLimits, LicenseRegistry, Enforcement)


def _writes():
    for api in APIS:
        for name, function in inspect.getmembers(api, inspect.isfunction):
            parameters = list(inspect.signature(function).parameters.values())
            if not name.startswith("_") and any("Signer" in str(p.annotation) for p in parameters):
                yield pytest.param(function, parameters, id=f"{api.__name__}.{name}")
        for name, method in inspect.getmembers(api, inspect.ismethod):  # classmethods: deploy
            parameters = list(inspect.signature(method).parameters.values())
            if not name.startswith("_") and any("Signer" in str(p.annotation) for p in parameters):
                yield pytest.param(method, parameters, id=f"{api.__name__}.{name}")


@pytest.mark.parametrize(("function", "parameters"), list(_writes()))
def test_the_signer_is_the_last_positional_parameter(function, parameters):
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    signers = [p.name for p in positional if "Signer" in str(p.annotation)]
    assert signers == [positional[-1].name], f"{function.__qualname__}{inspect.signature(function)}"


def test_the_holder_writes_are_covered():
    names = {param.id for param in _writes()}
    assert {"DFAToken.transfer", "DFAToken.transfer_many", "DFAToken.approve", "DFAToken.transfer_from",
            "LicenseRegistry.deploy", "DFAToken.allocate"} <= names


def test_the_client_takes_the_signer_last_too():
    """The chain layer follows the same rule: ``transact`` and ``deploy`` take it last; ``send``, whose call
    arguments are ``*args``, takes it as the keyword that follows them."""
    from dfa.chain import Client

    for function in (Client.transact, Client.deploy):
        positional = [p for p in inspect.signature(function).parameters.values()
                      if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert positional[-1].name == "signer", function.__qualname__
    send = inspect.signature(Client.send).parameters
    assert send["signer"].kind is inspect.Parameter.KEYWORD_ONLY
    assert list(send).index("signer") == list(send).index("args") + 1
