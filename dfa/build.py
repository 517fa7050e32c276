"""Compile ``contracts/`` into the JSON artifacts shipped inside the package.

Run ``python -m dfa.build`` from a checkout after changing a contract, then commit the
artifacts and the Python bindings generated from them (``dfa/_generated/``, see
:mod:`dfa._bindings_gen`): installing and running ``dfa`` needs no compiler and no node.

The compiler is pinned (:data:`SOLC_VERSION`, :data:`SETTINGS`). A native ``solc`` of that
version is used through py-solc-x when one is installed, otherwise solc-js from
``node_modules`` through node. Nothing is downloaded. The standard-JSON input carries every
source's content (imports resolved here), so both compilers see exactly the same input.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from dfa._exceptions import BuildError

SOLC_VERSION = "0.8.30"
SETTINGS: dict[str, Any] = {
    "optimizer": {"enabled": True, "runs": 200},
    # py-evm runs Prague; anvil is started with --hardfork prague to match.
    "evmVersion": "prague",
    "outputSelection": {
        "*": {
            "*": [
                "abi",
                "evm.bytecode.object",
                "evm.bytecode.sourceMap",
                "evm.deployedBytecode.object",
                "evm.deployedBytecode.sourceMap",
                "evm.methodIdentifiers",
            ],
            "": ["ast"],
        }
    },
}

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTRACTS_DIR = PROJECT_ROOT / "contracts"
NODE_MODULES = PROJECT_ROOT / "node_modules"
ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"
BUILD_INFO = "build-info.json"

_IMPORT = re.compile(r'^\s*import\s+(?:[^"\']*\sfrom\s+)?["\']([^"\']+)["\']\s*;', re.MULTILINE)

_SOLC_JS = """
const solc = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  process.stdout.write(JSON.stringify({version: solc.version(), output: JSON.parse(solc.compile(input))}));
});
"""


def collect_sources(contracts_dir: Path = CONTRACTS_DIR, node_modules: Path = NODE_MODULES) -> dict[str, str]:
    """Every ``.sol`` under ``contracts_dir`` and everything it imports, keyed by source unit name."""
    pending = [f"contracts/{p.relative_to(contracts_dir).as_posix()}" for p in sorted(contracts_dir.rglob("*.sol"))]
    sources: dict[str, str] = {}
    while pending:
        unit = pending.pop()
        if unit in sources:
            continue
        path = (contracts_dir.parent / unit) if unit.startswith("contracts/") else node_modules / unit
        if not path.is_file():
            raise BuildError(f"cannot find source {unit!r} (looked at {path}); run `npm ci` first")
        text = path.read_text()
        sources[unit] = text
        for target in _IMPORT.findall(text):
            pending.append(_resolve(unit, target))
    return dict(sorted(sources.items()))


def _resolve(importer: str, target: str) -> str:
    if not target.startswith("."):
        return target
    parts: list[str] = []
    for part in (PurePosixPath(importer).parent / target).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def standard_input(sources: dict[str, str]) -> dict[str, Any]:
    return {
        "language": "Solidity",
        "sources": {unit: {"content": text} for unit, text in sources.items()},
        "settings": SETTINGS,
    }


def compile_standard(input_json: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Compile with the pinned compiler; returns (long version, standard-JSON output)."""
    native = _native_solc()
    if native is not None:
        import solcx

        output = solcx.compile_standard(input_json, solc_binary=native, allow_empty=True)
        long_version = subprocess.run([str(native), "--version"], capture_output=True, text=True).stdout
        found = re.search(r"Version: (\S+)", long_version)
        if found is None:
            raise BuildError(f"{native} --version printed no version")
        long_version = found.group(1)
    else:
        long_version, output = _compile_with_solcjs(input_json)
    errors = [e for e in output.get("errors", []) if e.get("severity") == "error"]
    if errors:
        raise BuildError("compilation failed:\n" + "\n".join(e["formattedMessage"] for e in errors))
    if not long_version.startswith(SOLC_VERSION + "+"):
        raise BuildError(f"compiler is {long_version}, expected {SOLC_VERSION}")
    return long_version, output


def _native_solc() -> Path | None:
    try:
        import solcx
        from solcx.install import get_executable  # not exported by solcx: `solcx.get_executable` never existed

        for version in solcx.get_installed_solc_versions():
            if str(version) == SOLC_VERSION:
                return Path(get_executable(version))
    except Exception:  # no solcx install folder at all: fall through to solc-js
        pass
    found = shutil.which("solc")
    if found:
        out = subprocess.run([found, "--version"], capture_output=True, text=True).stdout
        if f"Version: {SOLC_VERSION}+" in out:
            return Path(found)
    return None


def _compile_with_solcjs(input_json: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    module = NODE_MODULES / "solc"
    node = shutil.which("node")
    if node is None or not module.is_dir():
        raise BuildError(
            f"no compiler: install solc {SOLC_VERSION} natively, or node and `npm ci` for solc-js"
        )
    # solc.compile is called from our own script: the solcjs CLI prints a stray line before its JSON.
    proc = subprocess.run(
        [node, "-e", _SOLC_JS, str(module)],
        input=json.dumps(input_json),
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise BuildError(f"solc-js failed: {proc.stderr.strip()}")
    result = json.loads(proc.stdout)
    return result["version"], result["output"]


def artifacts_from(long_version: str, input_json: dict[str, Any], output: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One artifact per contract defined under ``contracts/``, keyed by contract name."""
    artifacts: dict[str, dict[str, Any]] = {}
    for unit, contracts in output["contracts"].items():
        if not unit.startswith("contracts/"):
            continue
        for name, data in contracts.items():
            if name in artifacts:
                raise BuildError(f"contract name {name} is defined twice")
            artifacts[name] = {
                "contractName": name,
                "sourceName": unit,
                "abi": data["abi"],
                "bytecode": "0x" + data["evm"]["bytecode"]["object"],
                "deployedBytecode": "0x" + data["evm"]["deployedBytecode"]["object"],
                "methodIdentifiers": data["evm"]["methodIdentifiers"],
                "compiler": {"version": long_version, "settings": input_json["settings"]},
                "sourceHash": _sha256(input_json["sources"][unit]["content"]),
                "inputHash": _sha256(json.dumps(input_json, sort_keys=True)),
            }
    return dict(sorted(artifacts.items()))


def build() -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Compile the contracts in memory: (artifacts by name, build info for analysis tools)."""
    input_json = standard_input(collect_sources())
    long_version, output = compile_standard(input_json)
    build_info = {
        "_format": "hh-sol-build-info-1",
        "solcVersion": SOLC_VERSION,
        "solcLongVersion": long_version,
        "input": input_json,
        "output": output,
    }
    return artifacts_from(long_version, input_json, output), build_info


def write(artifacts: dict[str, dict[str, Any]], build_info: dict[str, Any], directory: Path = ARTIFACTS_DIR) -> None:
    for stale in directory.glob("*.json"):
        stale.unlink()
    for name, artifact in artifacts.items():
        (directory / f"{name}.json").write_text(json.dumps(artifact, indent=1, sort_keys=True) + "\n")
    (directory / BUILD_INFO).write_text(json.dumps(build_info, sort_keys=True) + "\n")
    for file_name, text in combined_abis(artifacts).items():
        (directory / file_name).write_text(text)


COMPARED = ("abi", "bytecode", "deployedBytecode", "sourceName", "sourceHash")
# One ABI per contract whose calls several artifacts serve, for integrators (explorers, wallets, ethers, cast).
COMBINED = {"DFAToken.combined.abi": ("DFAToken", "DFATokenAdmin", "DFATokenTerms")}


def combined_abis(artifacts: dict[str, dict[str, Any]]) -> dict[str, str]:
    """File name -> text of each combined ABI: the parts' entries in order, each signature once, no constructor."""
    files = {}
    for file_name, parts in COMBINED.items():
        seen, merged = set(), []
        for entry in (e for part in parts for e in artifacts[part]["abi"]):
            key = (entry["type"], entry.get("name"), tuple(i["type"] for i in entry.get("inputs", [])))
            if entry["type"] not in ("constructor", "fallback", "receive") and key not in seen:
                seen.add(key)
                merged.append(entry)
        files[file_name] = json.dumps(merged, indent=1, sort_keys=True) + "\n"
    return files


def stale(fresh: dict[str, dict[str, Any]], directory: Path = ARTIFACTS_DIR) -> list[str]:
    """What differs between freshly built artifacts and those in ``directory``, as "Contract.field"."""
    committed = {p.stem: json.loads(p.read_text()) for p in directory.glob("*.json") if p.name != BUILD_INFO}
    found = [f"{name} (removed from contracts/)" for name in sorted(set(committed) - set(fresh))]
    found += [f"{name} (not built yet)" for name in sorted(set(fresh) - set(committed))]
    for name in sorted(set(fresh) & set(committed)):
        found += [f"{name}.{field}" for field in COMPARED if committed[name].get(field) != fresh[name][field]]
    combined = combined_abis(fresh)
    return found + [name for name, text in combined.items() if not (directory / name).is_file()
                    or (directory / name).read_text() != text]


def _sha256(text: str) -> str:
    return "0x" + hashlib.sha256(text.encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dfa.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only report artifacts and generated bindings that differ from the sources")
    args = parser.parse_args(argv)
    from dfa._bindings_gen import GENERATED_DIR, generate, stale_bindings, write_bindings

    try:
        artifacts, build_info = build()
        bindings = generate(artifacts, build_info)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.check:
        differing = stale(artifacts) + stale_bindings(bindings)
        for item in differing:
            print(f"stale: {item}", file=sys.stderr)
        return 1 if differing else 0
    write(artifacts, build_info)
    write_bindings(bindings)
    print(f"compiled {len(artifacts)} contracts with solc {build_info['solcLongVersion']} into {ARTIFACTS_DIR}")
    print(f"generated {len(bindings)} binding modules into {GENERATED_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
