"""Onboarding from a CSV as a new user meets it: relative dates, conflicts named by line, failures as JSON."""

import json
from datetime import datetime, timezone

import pytest

from dfa.cli import main
from tests.cli.test_cli import DEV, PINNED_DAY, dfa, home, write  # noqa: F401  (home is a fixture)

HEADER = "reference,wallet,category,kind,country,residency,kyc_valid_until\n"
DAY = 24 * 3600


@pytest.fixture
def registry(home, capsys):  # noqa: F811
    assert dfa(capsys, "node", "start", "--pin-clock", PINNED_DAY)[0] == 0
    for signer, *argv in [(0, "regulator", "deploy"),
                          (0, "regulator", "license", DEV[1], "--id", "CB-1", "--name", "Alpha", "--scopes",
                           "investor_registry", "--expires", "+730d"),
                          (1, "operator", "deploy"),
                          (1, "operator", "add-registrar", DEV[2])]:
        assert dfa(capsys, "--dev-account", signer, *argv)[0] == 0
    first = write(home / "first.csv", HEADER + f"c-1,{DEV[3]},retail,individual,KZ,KZ,+365d\n"
                                               f"c-2,{DEV[4]},qualified,individual,KZ,KZ,+365d\n")
    assert dfa(capsys, "--dev-account", 2, "operator", "onboard", first)[0] == 0
    return home


def test_relative_dates_count_from_the_chains_clock_not_the_wall_clock(registry, capsys):
    code, out, _ = dfa(capsys, "--json", "operator", "show", DEV[3])
    pinned = int(datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp())
    kyc = json.loads(out)["kyc_valid_until"]
    assert code == 0 and pinned + 365 * DAY <= kyc < pinned + 366 * DAY  # +365d from a chain a few blocks old
    code, out, _ = dfa(capsys, "--json", "regulator", "show", DEV[1])
    assert pinned + 730 * DAY <= json.loads(out)["expires_at"] < pinned + 731 * DAY


def test_rows_that_contradict_the_registry_are_conflicts_named_by_line(registry, capsys):
    conflicting = write(registry / "conflicts.csv", HEADER
                        + f"c-1,{DEV[3]},retail,individual,KZ,KZ,+365d\n"         # line 2: already there as given
                        + f"c-9,{DEV[4]},qualified,individual,KZ,KZ,+365d\n"      # line 3: c-2's wallet
                        + f"c-2,{DEV[7]},qualified,individual,KZ,KZ,+365d\n"      # line 4: c-2 with another wallet
                        + f"c-3,{DEV[8]},retail,individual,KZ,KZ,+365d\n")        # line 5: new
    code, out, err = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", conflicting)
    assert code == 2 and "nothing was sent" in err
    assert "line 3: the wallet belongs to another investor" in err
    assert "line 4: this reference is registered with another wallet" in err
    assert "line 2" not in err and "line 5" not in err
    failure = json.loads(out)  # --json: the failure as one document on stdout too
    assert failure["ok"] is False and failure["code"] == 2 and failure["error"] == "RowsError"
    assert [entry["line"] for entry in failure["lines"]] == [3, 4]
    assert dfa(capsys, "--json", "operator", "show", DEV[8])[1].count('"investor": null') == 1  # nothing sent

    code, out, _ = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", conflicting, "--skip-conflicts")
    result = json.loads(out)
    assert code == 0 and (result["registered"], result["skipped"]) == (1, 1)
    assert [entry["line"] for entry in result["conflicts"]] == [3, 4]


def test_a_known_reference_in_another_category_is_a_conflict(registry, capsys):
    recategorised = write(registry / "category.csv", HEADER + f"c-2,{DEV[4]},professional,individual,KZ,KZ,+365d\n")
    code, _, err = dfa(capsys, "--dev-account", 2, "operator", "onboard", recategorised)
    assert code == 2 and "line 2: this reference is registered in another category than professional" in err
    assert "qualified" not in err  # what the registry holds is not repeated


def test_a_wallet_or_reference_twice_in_the_file_is_named_with_both_lines(registry, capsys):
    twice = write(registry / "twice.csv", HEADER + f"c-5,{DEV[5]},retail,individual,KZ,KZ,+365d\n"
                                                   f"c-6,{DEV[6]},retail,individual,KZ,KZ,+365d\n"
                                                   f"c-7,{DEV[5]},retail,individual,KZ,KZ,+365d\n"
                                                   f"c-6,{DEV[7]},retail,individual,KZ,KZ,+365d\n")
    code, out, err = dfa(capsys, "--json", "--dev-account", 2, "operator", "onboard", twice)
    assert code == 2 and "line 4: the same wallet as line 2" in err and "line 5: the same reference as line 3" in err
    assert [entry["line"] for entry in json.loads(out)["lines"]] == [4, 5]


def test_the_csv_columns_data_directory_and_port_have_help(capsys):
    for argv, words in ((["operator", "onboard", "--help"],
                         ("kyc_valid_until", "residency", "+30d", "--skip-conflicts")),
                        (["--help"], ("--home", "DFA_HOME", "Exit codes", "5 the node cannot be reached")),
                        (["node", "start", "--help"], ("--port",)),
                        (["issuer", "deploy", "--help"], ("[roles]", "issuer_agent", "document_manager"))):
        with pytest.raises(SystemExit) as shown:
            main(argv)
        out = capsys.readouterr().out
        assert shown.value.code == 0 and all(word in out for word in words), (argv, out)


def test_a_spec_without_roles_says_what_to_add(home, capsys, tmp_path):  # noqa: F811
    spec = write(tmp_path / "bond.toml", 'name = "B"\nsymbol = "B"\ndecimals = 0\nasset_class = "debt"\n'
                                         'jurisdiction = "KZ"\n')
    code, out, err = dfa(capsys, "--json", "--network", "embedded", "--dev-account", 1, "issuer", "deploy", spec)
    assert code == 2 and "[roles]" in err and "issuer_agent" in err and json.loads(out)["code"] == 2


def test_progress_shows_in_a_log_too_from_the_first_check(registry, capsys):
    one = write(registry / "one.csv", HEADER + f"c-4,{DEV[9]},retail,individual,KZ,KZ,+365d\n")
    code, _, err = dfa(capsys, "--dev-account", 2, "operator", "onboard", one)  # stderr is no terminal here
    assert code == 0 and err.splitlines() == ["checking against the registry: 0/1", "onboarding: 1/1"]
