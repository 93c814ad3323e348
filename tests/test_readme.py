"""The README's own examples on the demo database run as written, and the figures it quotes
from `detente demo` are the ones the demo prints."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from conftest import ROOT, run_cli

README = ROOT / "README.md"
LONG_RUNNING = ("serve",)


def demo_examples() -> list[str]:
    """Every `detente …` line of the README's sh blocks that works on detente-demo.db."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("detente ") and "detente-demo.db" in line
            and line.split()[1] not in LONG_RUNNING and "&&" not in line]


def test_the_readme_has_examples_on_the_demo():
    assert len(demo_examples()) >= 6


@pytest.mark.parametrize("example", demo_examples())
def test_each_readme_example_on_the_demo_runs_as_written(demo_run, tmp_path, example):
    shutil.copy(demo_run[0], tmp_path / "detente-demo.db")
    result = run_cli(*shlex.split(example)[1:], cwd=tmp_path)
    assert result.returncode == 0, f"{example}\n{result.stderr}"
    assert "Traceback" not in result.stderr


def test_the_demo_counts_the_readme_quotes(demo_run):
    quoted = re.search(r"\((\d+), (\d+), (\d+) and (\d+) on the demo\)", README.read_text(encoding="utf-8"))
    printed = re.search(r"(\d+) events stored \(every mention, any modality\), (\d+) asserted, (\d+) asserted with "
                        r"both sides a known state or organisation: (\d+) distinct acts", demo_run[1].stdout)
    assert quoted and printed and quoted.groups() == printed.groups()
