"""The committed artifacts are exactly what the pinned compiler makes of today's sources."""

import copy
import json
import re

import pytest

from eth_utils import function_abi_to_4byte_selector, keccak

from dfa import build as builder
from dfa.artifacts import BUILD_INFO, artifact_names, load_artifact, merged_abi


@pytest.fixture(scope="module")
def fresh():
    """Today's sources compiled once for the whole module (the compiler takes ~20 s): (artifacts, build info)."""
    return builder.build()


def test_artifacts_are_fresh(fresh):
    artifacts, build_info = fresh
    differing = builder.stale(artifacts)
    assert not differing, f"stale artifacts (run `python -m dfa.build` and commit): {', '.join(differing)}"
    committed_info = json.loads((builder.ARTIFACTS_DIR / BUILD_INFO).read_text())
    assert committed_info["input"] == build_info["input"], "build-info.json is stale: run `python -m dfa.build`"


def test_a_changed_contract_is_named(fresh):
    """What a source change does to the compiler's output (another bytecode) is named, and only that."""
    artifacts = copy.deepcopy(fresh[0])
    changed = artifacts["InvestorRegistry"]
    changed["bytecode"] = changed["bytecode"][:-2] + ("00" if changed["bytecode"][-2:] != "00" else "01")
    assert "InvestorRegistry.bytecode" in builder.stale(artifacts)
    assert not any(item.startswith("OperatorLicenseRegistry") for item in builder.stale(artifacts))


def test_artifacts_record_the_pinned_compiler_and_settings():
    for name in artifact_names():
        compiler = load_artifact(name)["compiler"]
        assert compiler["version"].startswith(builder.SOLC_VERSION + "+")
        assert compiler["settings"] == builder.SETTINGS
        assert compiler["settings"]["evmVersion"] == "prague"


EIP_170 = 24_576  # bytes of runtime code a contract may hold
TRANSFER_PATH_LIMIT = 21_000  # the token's transfer path, with room left for the next rule
MODULE_LIMIT = EIP_170 - 1_024  # the admin and terms modules, with a margin under EIP-170


def _runtime_size(name: str) -> int:
    return len(bytes.fromhex(load_artifact(name)["deployedBytecode"].removeprefix("0x")))


def test_the_token_fits_with_room_to_spare():
    """The clone's transfer path stays well under EIP-170, its modules under it with a margin."""
    sizes = {name: _runtime_size(name) for name in ("DFAToken", "DFATokenAdmin", "DFATokenTerms")}
    for name, size in sizes.items():
        print(f"{name}: {size:,} bytes of runtime code (EIP-170: {EIP_170:,})")
    assert sizes["DFAToken"] <= TRANSFER_PATH_LIMIT, sizes
    assert sizes["DFATokenAdmin"] <= MODULE_LIMIT and sizes["DFATokenTerms"] <= MODULE_LIMIT, sizes
    assert all(_runtime_size(name) <= EIP_170 for name in artifact_names()), "a contract exceeds EIP-170"


_NAMESPACE = re.compile(r"@custom:storage-location erc7201:([\w.\-]+)")
_SLOT_CONSTANT = re.compile(r"bytes32\s+(?:private|internal)\s+constant\s+(\w+_STORAGE)\s*=\s*(0x[0-9a-fA-F]{64})\s*;")
_TRANSIENT = re.compile(r'//\s*keccak256\("([^"]+)"\)\s*\n\s*bytes32\s+(?:private|internal)\s+constant\s+(\w+)\s*=\s*'
                        r"(0x[0-9a-fA-F]{64})\s*;")


def _erc7201_slot(namespace: str) -> str:
    """ERC-7201: keccak256(abi.encode(uint256(keccak256(id)) - 1)) & ~bytes32(uint256(0xff))."""
    inner = int.from_bytes(keccak(text=namespace), "big") - 1
    return "0x" + (int.from_bytes(keccak(inner.to_bytes(32, "big")), "big") & ~0xFF).to_bytes(32, "big").hex()


def _contract_sources() -> dict[str, str]:
    return {unit: text for unit, text in builder.collect_sources().items() if unit.startswith("contracts/")}


def test_every_erc7201_slot_is_the_one_its_namespace_names():
    """Each `@custom:storage-location erc7201:<id>` has its slot constant in the same file, recomputed
    here; and each *_STORAGE constant belongs to an annotated namespace (no stray or swapped slot)."""
    assert _erc7201_slot("openzeppelin.storage.ERC20") == (  # ERC-7201's own worked example, as OpenZeppelin 5 uses it
        "0x52c63247e1f47db19d5ce0460030c497f067ca4cebf71ba98eeadabe20bace00")
    checked = 0
    for unit, text in _contract_sources().items():
        expected = {_erc7201_slot(namespace): namespace for namespace in _NAMESPACE.findall(text)}
        found = {value.lower(): name for name, value in _SLOT_CONSTANT.findall(text)}
        assert set(found) == set(expected), (
            f"{unit}: slots {sorted(found.values())} do not match namespaces {sorted(expected.values())}: "
            f"expected {expected}, found {found}")
        checked += len(expected)
    assert checked >= 13, checked  # every namespace of the token was seen


def test_every_transient_slot_is_the_hash_its_comment_names():
    checked = 0
    for unit, text in _contract_sources().items():
        for label, name, value in _TRANSIENT.findall(text):
            assert value.lower() == "0x" + keccak(text=label).hex(), f"{unit}: {name} is not keccak256({label!r})"
            checked += 1
    assert checked >= 3, checked


def test_the_combined_token_abi_decodes_the_whole_token():
    """One ABI for integrators: the transfer path's, the admin module's and the terms module's entries."""
    abi = json.loads((builder.ARTIFACTS_DIR / "DFAToken.combined.abi").read_text())
    assert abi == merged_abi("DFAToken", "DFATokenAdmin", "DFATokenTerms")
    entries = {(entry["type"], entry.get("name")) for entry in abi}
    needed = {("event", "Frozen"), ("event", "WalletFrozen"), ("event", "Paused"), ("event", "Transfer"),
              ("event", "ForcedTransfer"), ("function", "forcedTransfer"), ("function", "canTransfer"),
              ("function", "transfer"), ("function", "publishDecision"), ("error", "DFARestricted"),
              ("error", "ERC20InsufficientBalance"), ("error", "ERC7943InsufficientUnfrozenBalance")}
    assert needed <= entries, needed - entries
    selectors = [function_abi_to_4byte_selector(e) for e in abi if e["type"] in ("function", "error")]
    assert len(selectors) == len(set(selectors)), "two entries share a selector"
    served = {name.split("(")[0] for part in ("DFAToken", "DFATokenAdmin", "DFATokenTerms")
              for name in load_artifact(part)["methodIdentifiers"]}
    assert served == {e["name"] for e in abi if e["type"] == "function"}


def test_a_stale_combined_abi_is_named(tmp_path):
    committed = {name: load_artifact(name) for name in artifact_names()}
    builder.write(committed, {}, tmp_path)
    assert builder.stale(committed, tmp_path) == []
    (tmp_path / "DFAToken.combined.abi").write_text("[]\n")
    assert builder.stale(committed, tmp_path) == ["DFAToken.combined.abi"]
