"""The README documents every CLI command, and its two set-up commands are the ones CI uses."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from api.cli import app, register_commands

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths() -> list[str]:
    register_commands()
    click_app = typer.main.get_command(app)
    paths: list[str] = []

    def walk(cmd, prefix: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in sorted(subs.items()):
                walk(sub, [*prefix, name])
        else:
            paths.append(" ".join(prefix))

    walk(click_app, [])
    return paths


def test_there_are_commands_to_document():
    paths = _command_paths()
    assert {"seed", "stats", "bench seat", "suggest"} <= set(paths)


def test_every_command_appears_in_the_readme():
    missing = [p for p in _command_paths() if f"verbinder {p}" not in README]
    assert missing == [], f"commands missing from README.md: {missing}"


def test_every_command_has_help_text():
    register_commands()
    click_app = typer.main.get_command(app)

    def walk(cmd, name: str) -> list[str]:
        out = [] if (cmd.help or "").strip() else [name]
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            out += walk(sub, f"{name} {sub_name}")
        return out

    assert walk(click_app, "verbinder") == []


def test_readme_names_exactly_the_two_setup_commands_and_ci_uses_the_test_one():
    block = re.search(r"## Set-up\n(.*?)\n## ", README, re.S)
    assert block, "README.md needs a '## Set-up' section"
    commands = re.findall(r"^\s*(make \w+)\s*$", block.group(1), re.M)
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
