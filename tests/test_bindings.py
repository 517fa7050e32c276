"""The Python bindings generated from the artifacts: complete, typed, fresh, and equal to the chain."""

from __future__ import annotations

import ast
import inspect
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from eth_utils import function_abi_to_4byte_selector, keccak

import dfa.errors
import dfa.restrictions
from dfa import _bindings_gen as gen
from dfa import build as builder
from dfa.artifacts import artifact_names, load_artifact
from dfa.chain.messages import EXPLANATIONS, TEMPLATES
from dfa.chain.reverts import decode_revert
from dfa.constants import INVESTOR_RECORDS_LAYOUT, Batchable
from dfa.operator import PurchaseLimits
from dfa.errors import DFARestricted
from dfa.restrictions import CHAIN_MESSAGES, RESTRICTION_CLASSES, Restriction
from dfa.roles import CONTRACT_ROLES, ROLE_IDS, ROLE_NAMES

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "dfa" / "_generated"


def _abi_errors() -> dict[str, dict]:
    found = {}
    for name in artifact_names():
        for entry in load_artifact(name)["abi"]:
            if entry["type"] == "error":
                found[entry["name"]] = entry
    return found


# -- errors ----------------------------------------------------------------------------------

def test_the_classes_are_static_and_public():
    from dfa.errors import RecoveryTooEarly  # noqa: F401 (importable by name, not made on first use)

    assert "RecoveryTooEarly" in dir(dfa.errors) and "RecoveryTooEarly" in dfa.errors.__all__
    assert "SenderKycExpired" in dir(dfa.restrictions) and "SenderKycExpired" in dfa.restrictions.__all__
    assert not hasattr(dfa.errors, "__getattr__"), "no class may be made at run time"
    assert "globals()" not in (ROOT / "dfa" / "restrictions.py").read_text()
    with pytest.raises(AttributeError):
        dfa.errors.NoSuchSolidityError  # noqa: B018


@pytest.mark.parametrize("name", sorted(_abi_errors()))
def test_every_custom_error_has_its_class_with_typed_arguments(name):
    entry = _abi_errors()[name]
    cls = getattr(dfa.errors, name)
    assert cls.__module__ == "dfa._generated.errors" and cls.__name__ == name == cls.name
    assert issubclass(cls, dfa.errors.RevertError)
    assert cls.selector == function_abi_to_4byte_selector(entry)
    assert cls.inputs == tuple((i["name"], i["type"]) for i in entry["inputs"])
    assert dfa.errors.ERROR_CLASSES[cls.selector] is cls
    hints = {}
    for klass in reversed(cls.__mro__):  # properties of the class and its hand-written bases
        for attribute, member in vars(klass).items():
            if isinstance(member, property):
                hints[attribute] = typing.get_type_hints(member.fget, vars(sys.modules[klass.__module__]))["return"]
    for argument in entry["inputs"]:
        attribute = argument["name"] + ("_" if argument["name"] in ("from",) else "")
        if attribute not in hints:  # a name the base already answers to (``name``): read arguments[...]
            assert hasattr(dfa.errors.RevertError, attribute) or hasattr(cls, attribute), (name, attribute)
            continue
        expected = {"address": str, "bool": bool, "string": str}.get(argument["type"])
        if argument["type"].startswith(("uint", "int")):
            expected = int
        if argument["type"].startswith("bytes"):
            expected = bytes
        hint = hints[attribute]
        if argument.get("internalType", "").startswith("enum "):
            assert issubclass(hint, int), (name, attribute, hint)
        elif expected is not None:
            assert hint in (expected, expected | None), (name, attribute, hint)


def test_a_decoded_revert_gives_typed_arguments():
    from eth_abi import encode

    from dfa.errors import LicenseUnexpectedStatus, RecoveryTooEarly
    from dfa.regulator import LicenseStatus

    lost = "0x" + "ab" * 20
    data = RecoveryTooEarly.selector + encode(["address", "uint64", "uint256"], [lost, 10, 5])
    refusal = decode_revert(data, "0x01")
    assert type(refusal) is RecoveryTooEarly and refusal.tx_hash == "0x01"
    assert refusal.readyAt == 10 and refusal.now_ == 5 and refusal.lost.lower() == lost
    status = decode_revert(LicenseUnexpectedStatus.selector + encode(["address", "uint8", "uint8"], [lost, 2, 1]))
    assert status.status is LicenseStatus.SUSPENDED and status.expected is LicenseStatus.ACTIVE


def test_bases_follow_the_nature_of_the_error():
    assert issubclass(dfa.errors.AccessControlUnauthorizedAccount, PermissionError)
    assert issubclass(dfa.errors.RegistryUnknownInvestor, dfa.errors.NotFoundError)
    assert issubclass(dfa.errors.RegistryInvalidWallet, ValueError)
    assert issubclass(DFARestricted, dfa.errors.TransferRestricted)
    assert issubclass(DFARestricted, dfa.errors.ComplianceError)


def test_every_custom_error_has_a_message_for_people():
    assert set(_abi_errors()) - set(TEMPLATES) == set()
    samples = {"address": "0x" + "11" * 20, "bool": True, "string": "text"}
    for cls in dfa.errors.ERROR_CLASSES.values():
        arguments = {name: samples.get(kind, b"\1" * 32 if kind.startswith("bytes") else 1) for name, kind in cls.inputs}
        message = str(cls(arguments))  # a template naming something unknown raises KeyError here
        assert "{" not in message and message.endswith(f"[{cls.name}]")
    assert "custody(8)" in str(dfa.errors.LicenseInvalidScopes({"scopes": 0}))  # from the generated bit set


# -- restriction codes -----------------------------------------------------------------------

@pytest.mark.parametrize("reason", [r for r in Restriction if r is not Restriction.SUCCESS], ids=lambda r: r.name)
def test_every_restriction_code_has_its_class_and_messages(reason):
    cls = RESTRICTION_CLASSES[reason]
    assert cls.__name__ == "".join(part.capitalize() for part in reason.name.split("_"))
    assert getattr(dfa.restrictions, cls.__name__) is cls and issubclass(cls, DFARestricted)
    assert cls.reason is reason
    assert CHAIN_MESSAGES[reason] and CHAIN_MESSAGES[reason] != CHAIN_MESSAGES.get(Restriction(0))
    assert reason.name in EXPLANATIONS, f"write a person's explanation of {reason.name} in dfa/chain/messages.py"
    refusal = dfa.restrictions.restriction_error(reason, "0x" + "11" * 20, "0x" + "22" * 20, 5)
    assert type(refusal) is cls and refusal.code == reason and EXPLANATIONS[reason.name] in str(refusal)


def test_the_codes_are_those_of_the_library():
    source = (ROOT / "contracts" / "token" / "Restrictions.sol").read_text()
    for reason in Restriction:
        declared = f"uint8 internal constant {reason.name} = {int(reason)};"
        paired = f"uint8 internal constant SENDER_{reason.name.removeprefix('RECEIVER_')} = {int(reason) - 1};"
        assert declared in source or (reason.name.startswith("RECEIVER_") and paired in source), reason


def test_an_unknown_code_gives_the_generic_class():
    refusal = dfa.restrictions.restriction_error(250, "0x" + "11" * 20, "0x" + "22" * 20, 5)
    assert type(refusal) is DFARestricted and refusal.code == 250


def test_the_chain_returns_the_generated_messages(market):
    token = market.token
    for reason in Restriction:
        assert market.world.client.call(token.contract, "messageForTransferRestriction", int(reason)) \
            == CHAIN_MESSAGES[reason]


# -- roles -----------------------------------------------------------------------------------

def test_role_ids_are_the_hashes_of_their_names():
    assert ROLE_IDS["DEFAULT_ADMIN_ROLE"] == bytes(32)
    for name, role_id in ROLE_IDS.items():
        if name != "DEFAULT_ADMIN_ROLE":
            assert role_id == keccak(text=name)
        assert ROLE_NAMES[role_id] == name
    declared = set()
    for path in (ROOT / "contracts").rglob("*.sol"):
        declared |= {line.split("constant ")[1].split()[0] for line in path.read_text().splitlines()
                     if "bytes32 public constant" in line and "_ROLE" in line}
    assert declared <= set(ROLE_IDS)


def test_the_contracts_return_the_generated_role_ids(world, market):
    limits = PurchaseLimits.deploy(world.client, market.factory, world.operator)
    checked = set()
    for api in (world.licenses, world.registry, limits, market.token):
        assert set(api.roles) == set(CONTRACT_ROLES[api.artifact])
        for role in api.roles:
            assert world.client.call(api.contract, role) == ROLE_IDS[role], (api.artifact, role)
            checked.add(role)
    assert checked == set(ROLE_IDS)


# -- constants and layout --------------------------------------------------------------------

def test_limits_are_what_the_contracts_return(world):
    assert world.registry.max_batch == Batchable.MAX_BATCH


def test_the_record_layout_has_no_overlap_and_reads_a_record():
    taken = 0
    for field in INVESTOR_RECORDS_LAYOUT.values():
        bits = ((1 << field.width) - 1) << field.offset
        assert taken & bits == 0 and field.offset + field.width <= 256
        taken |= bits
    record = (7 << INVESTOR_RECORDS_LAYOUT["country"].offset) | (2 << INVESTOR_RECORDS_LAYOUT["kind"].offset)
    assert INVESTOR_RECORDS_LAYOUT["country"].read(record) == 7 and INVESTOR_RECORDS_LAYOUT["kind"].read(record) == 2


def test_no_contract_constant_is_copied_by_hand():
    """Role hashes, record shifts and the batch cap are read from the bindings, nowhere written."""
    for path in (ROOT / "dfa").rglob("*.py"):
        if "_generated" in path.parts or path.name == "_bindings_gen.py":
            continue
        text = path.read_text()
        assert "keccak(text=role" not in text and 'keccak(text="' not in text, path
        assert ">> 160" not in text and ">> 164" not in text and "len(batch) > 100" not in text, path


# -- generation ------------------------------------------------------------------------------

def test_the_generated_modules_are_fresh_and_marked():
    files = gen.generate(*gen.load_committed())
    assert gen.stale_bindings(files) == [], "stale bindings: run `python -m dfa.build` (or python -m dfa._bindings_gen)"
    for name, text in files.items():
        assert text.startswith(gen.HEADER)
        ast.parse(text)
        assert max(len(line) for line in text.splitlines()) <= 120, name


def test_check_fails_when_a_generated_file_was_edited(tmp_path, monkeypatch, capsys):
    copy = tmp_path / "_generated"
    shutil.copytree(GENERATED, copy)
    monkeypatch.setattr(gen, "GENERATED_DIR", copy)
    monkeypatch.setattr(builder, "build", lambda: gen.load_committed())  # the committed artifacts, no compiler
    assert builder.main(["--check"]) == 0
    edited = copy / "errors.py"
    edited.write_text(edited.read_text().replace('name = "RecoveryTooEarly"', 'name = "RecoveryTooLate"'))
    assert builder.main(["--check"]) == 1
    assert "stale: _generated/errors.py" in capsys.readouterr().err
    (copy / "extra.py").write_text("")
    assert builder.main(["--check"]) == 1
    assert "_generated/extra.py (no longer generated)" in capsys.readouterr().err


def test_a_renamed_error_is_generated_without_a_list_of_names():
    artifacts, build_info = gen.load_committed()
    abi = artifacts["Batchable"]["abi"]
    for entry in abi:
        if entry["type"] == "error" and entry["name"] == "BatchTooLarge":
            entry["name"] = "ERC0000BatchTooLarge"
    for name in artifacts:
        if name != "Batchable":
            artifacts[name]["abi"] = [e for e in artifacts[name]["abi"] if e.get("name") != "BatchTooLarge"]
    errors = gen.generate(artifacts, build_info)["errors.py"]
    assert "class ERC0000BatchTooLarge(RevertError):" in errors and "class BatchTooLarge(" not in errors


def test_the_codes_keep_their_classes_without_the_restriction_error(capsys):
    """Should the token revert with another error than DFARestricted, the build still runs and says so."""
    artifacts, build_info = gen.load_committed()
    for artifact in artifacts.values():
        artifact["abi"] = [e for e in artifact["abi"] if e.get("name") != gen.RESTRICTION_ERROR]
    files = gen.generate(artifacts, build_info)
    assert "class SenderKycExpired(TransferRestricted):" in files["restrictions.py"]
    assert f"class {gen.RESTRICTION_ERROR}(" not in files["errors.py"]
    assert f"no custom error {gen.RESTRICTION_ERROR}" in capsys.readouterr().err


def test_the_generated_code_passes_a_strict_type_check():
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
         str(GENERATED), str(ROOT / "dfa" / "errors.py"), str(ROOT / "dfa" / "restrictions.py"),
         str(ROOT / "dfa" / "roles.py"), str(ROOT / "dfa" / "constants.py"), str(ROOT / "dfa" / "_exceptions.py")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_errors_do_not_import_the_revert_decoder():
    """The circle errors -> chain/reverts -> errors is gone: the tree and the classes import no decoder."""
    for path in [ROOT / "dfa" / "errors.py", ROOT / "dfa" / "_exceptions.py", *GENERATED.glob("*.py")]:
        tree = ast.parse(path.read_text())
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "dfa.chain.reverts" not in imported, path
    assert "reverts" not in inspect.getsource(dfa.errors)


def test_the_bootstrap_script_checks_without_importing_the_package():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_bindings.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
