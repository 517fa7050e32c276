"""A batch interrupted half-way resumes on re-run: nothing twice, nothing lost, by one mechanism (a journal of
the batches sent, checked against the chain) for onboarding and allocation alike."""

import json

import pytest
from eth_account import Account

from dfa.issuer.token import DFAToken
from tests.cli.test_cli import DEV, PINNED_DAY, dfa, home, write  # noqa: F401  (home is a fixture)

ROWS = 250


@pytest.fixture
def offering(home, capsys):  # noqa: F811
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    steps = [
        (0, "regulator", "deploy"),
        (0, "regulator", "license", DEV[1], "--id", "CB-1", "--name", "Alpha", "--scopes",
         "issuance,investor_registry", "--expires", "2030-01-01"),
        (1, "operator", "deploy"),
        (1, "operator", "add-registrar", DEV[2]),
        (0, "issuer", "deploy-factory"),
    ]
    for signer, *argv in steps:
        assert dfa(capsys, "--dev-account", signer, *argv)[0] == 0
    wallets = [Account.create().address for _ in range(ROWS)]
    investors = write(home / "investors.csv", "reference,wallet,category,kind,country,residency,kyc_valid_until\n"
                      + "".join(f"r-{n},{w},qualified,individual,KZ,KZ,2030-01-01\n" for n, w in enumerate(wallets)))
    assert dfa(capsys, "--dev-account", 2, "operator", "onboard", investors)[0] == 0
    spec = write(home / "bond.json", json.dumps({
        "name": "Bond", "symbol": "B", "decimals": 0, "asset_class": "debt", "jurisdiction": "KZ",
        "roles": {"admin": DEV[5], "issuer_agent": DEV[6], "compliance_agent": DEV[7], "enforcement_agent": DEV[8],
                  "document_manager": DEV[9]},
        "decision": {"decision_id": "B-1", "document_hash": "0x" + "11" * 32, "cap": "1000000", "price": "1",
                     "currency": "USD", "subscription_start": "2020-01-01", "subscription_end": "2030-01-01"}}))
    assert dfa(capsys, "--dev-account", 1, "issuer", "deploy", spec)[0] == 0
    assert dfa(capsys, "--dev-account", 5, "issuer", "publish-decision", "B", spec)[0] == 0
    allocations = write(home / "allocations.csv", "wallet,amount\n" + "".join(f"{w},{n + 1}\n" for n, w in
                                                                              enumerate(wallets)))
    return allocations, sum(range(1, ROWS + 1))


def test_an_interrupted_allocation_resumes_without_duplicates(offering, capsys, monkeypatch):
    allocations, total = offering
    real = DFAToken.allocate_many
    calls = []

    def crashing(self, decision_id, batch, signer, **options):
        calls.append(len(batch))
        if len(calls) == 2:  # the second chunk is sent and mined, then the process dies before it learns
            real(self, decision_id, batch, signer, **options)
            raise KeyboardInterrupt("killed")
        return real(self, decision_id, batch, signer, **options)

    monkeypatch.setattr(DFAToken, "allocate_many", crashing)
    with pytest.raises(KeyboardInterrupt):
        dfa(capsys, "--dev-account", 6, "issuer", "allocate", "B", "B-1", allocations)
    monkeypatch.setattr(DFAToken, "allocate_many", real)

    code, out, _ = dfa(capsys, "--json", "--dev-account", 6, "issuer", "allocate", "B", "B-1", allocations)
    assert code == 0 and json.loads(out) == {"allocations": 50, "skipped": 200}
    code, out, _ = dfa(capsys, "--json", "register", "extract", "B")
    extract = json.loads(out)
    assert extract["total_supply"] == str(total) and len(extract["holders"]) == ROWS

    code, out, _ = dfa(capsys, "--json", "--dev-account", 6, "issuer", "allocate", "B", "B-1", allocations)
    assert code == 0 and json.loads(out) == {"allocations": 0, "skipped": ROWS}  # a third run changes nothing


def test_an_allocation_checks_each_row_once_in_reads_of_a_hundred(offering, capsys, monkeypatch):
    from dfa.chain.client import Client

    allocations, total = offering
    real, reads = Client.call, []

    def counting(self, contract, function, *args):
        reads.append(function)
        return real(self, contract, function, *args)

    monkeypatch.setattr(Client, "call", counting)
    code, _, err = dfa(capsys, "--dev-account", 6, "issuer", "allocate", "B", "B-1", allocations)
    assert code == 0
    assert reads.count("multicall") == 3 and "detectAllocationRestriction" not in reads  # 250 rows: 3 reads
    assert err.splitlines()[0] == "checking: 0/250" and "allocating: 250/250" in err


def test_an_interrupted_onboarding_resumes_through_the_same_journal(home, capsys, monkeypatch):  # noqa: F811
    from dfa.operator.investors import InvestorRegistry

    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    for signer, *argv in [(0, "regulator", "deploy"),
                          (0, "regulator", "license", DEV[1], "--id", "CB-1", "--name", "Alpha", "--scopes",
                           "investor_registry", "--expires", "+730d"),
                          (1, "operator", "deploy"), (1, "operator", "add-registrar", DEV[2])]:
        assert dfa(capsys, "--dev-account", signer, *argv)[0] == 0
    wallets = [Account.create().address for _ in range(ROWS)]
    investors = write(home / "investors.csv", "reference,wallet,category,kind,country,residency,kyc_valid_until\n"
                      + "".join(f"r-{n},{w},retail,individual,KZ,KZ,+365d\n" for n, w in enumerate(wallets)))
    real, sent = InvestorRegistry.register_many, []

    def crashing(self, batch, signer, **options):
        sent.append(len(batch))
        receipt = real(self, batch, signer, **options)
        if len(sent) == 2:  # mined, then the process dies before it learns
            raise KeyboardInterrupt("killed")
        return receipt

    monkeypatch.setattr(InvestorRegistry, "register_many", crashing)
    with pytest.raises(KeyboardInterrupt):
        dfa(capsys, "--dev-account", 2, "operator", "onboard", investors)
    monkeypatch.setattr(InvestorRegistry, "register_many", real)
    journals = list((home / "home" / "journal").glob("onboard-*.json"))
    assert len(journals) == 1 and len(json.loads(journals[0].read_text())) == 2  # both batches sent are noted

    code, out, _ = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", investors)
    assert code == 0 and json.loads(out) == {"registered": ROWS - 200, "skipped": 200, "conflicts": []}
    code, out, _ = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", investors)
    assert code == 0 and json.loads(out) == {"registered": 0, "skipped": ROWS, "conflicts": []}
