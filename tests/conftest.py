"""Shared fixtures: the real spaCy pipeline and coder (loaded once), paths to the shared data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
BENCHMARKS = SHARED / "benchmarks"
SEED_2013 = SEEDS / "004_790d3962ecfab2a2.txt"
SEED_2014 = SEEDS / "000_540ec71e1a075f36.txt"


@pytest.fixture(scope="session")
def coder():
    from detente.events import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "test.db")


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (set DETENTE_SHARED)")
    return path


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the real `detente` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> tuple[str, subprocess.CompletedProcess]:
    """`detente demo` run once for the session: its database and its output."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = run_cli("demo", "--db", db)
    assert result.returncode == 0, result.stderr
    return db, result
