"""README's command-line walkthrough, run as written on a fresh node and data directory."""

import os
import re
import shlex
import shutil
from pathlib import Path

from dfa.cli import main
from dfa.cli.local_node import stop

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_EXIT = re.compile(r"#\s*exit (\d)")


def walkthrough() -> list[tuple[str, int]]:
    """The commands of the first shell block of README's "Command line", each with the exit code its comment
    announces (0 unless it says `# exit N`)."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Command line"):]
    block = section[section.index("```sh\n") + len("```sh\n"):section.index("```", section.index("```sh\n") + 5)]
    commands, pending = [], ""
    for line in block.splitlines():
        pending += line
        if pending.endswith("\\"):
            pending = pending[:-1]
            continue
        words = shlex.split(pending, comments=True)
        if words:
            expected = EXPECTED_EXIT.search(pending)
            commands.append((pending, int(expected[1]) if expected else 0))
        pending = ""
    return commands


def run(command: str, monkeypatch) -> int:
    words = shlex.split(command, comments=True)
    while "=" in words[0] and not words[0].startswith("-"):  # VAR=value before the command
        name, value = words.pop(0).split("=", 1)
        monkeypatch.setenv(name, value)
    assert words[0] == "dfa", command
    try:
        return main(words[1:])
    except SystemExit as usage:  # argparse refusing the command line
        return usage.code


def test_the_walkthrough_runs_as_written(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DFA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DFA_REGISTRAR_SALT", raising=False)
    commands = walkthrough()
    assert len(commands) >= 15 and commands[0][0].startswith("dfa node start")
    try:
        for command, expected in commands:
            code = run(command, monkeypatch)
            out, err = capsys.readouterr()
            assert code == expected, f"{command}\n exited {code}, README says {expected}\n{out}\n{err}"
    finally:
        stop()
    assert (tmp_path / "register.csv").read_text().count("\n") == 5  # header and the four investors' wallets
    assert os.listdir(tmp_path / "home" / "journal")  # the allocation's journal, in the data directory
