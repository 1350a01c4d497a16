"""Docs are tested: every CLI command and sub-command appears in the docs with an example."""
from __future__ import annotations

from pathlib import Path

import typer.main

from warledger.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands(group, prefix: str = "warledger") -> list[str]:
    out = []
    for name, cmd in getattr(group, "commands", {}).items():
        full = f"{prefix} {name}"
        out.append(full)
        out += _commands(cmd, full)
    return out


def test_every_command_is_documented_with_an_example():
    docs = (ROOT / "README.md").read_text("utf-8") + "".join(
        p.read_text("utf-8") for p in (ROOT / "docs").glob("*.md"))
    commands = _commands(typer.main.get_command(app))
    assert len(commands) >= 15
    missing = [c for c in commands if f"`{c}" not in docs]
    assert not missing, f"commands missing from README/docs: {missing}"
    no_example = [c for c in commands if f"{c} " not in docs.replace(f"`{c}`", "")]
    assert not no_example, f"commands without an example invocation: {no_example}"


def test_readme_quick_start_matches_ci():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    test_cmd = 'pip install ".[test]" && python -m pytest -q'
    assert test_cmd in readme and test_cmd in ci
    assert "pip install . && warledger run --examples" in readme
