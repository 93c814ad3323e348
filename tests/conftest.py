"""Shared fixtures: the real spaCy pipeline and coder (loaded once), paths to the shared data."""

from __future__ import annotations

import contextlib
import os
import socket
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


CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
ARTIFACTS = ROOT / "test-artifacts"


@contextlib.contextmanager
def live_server(db: str, **options):
    """A real uvicorn server with detente's app on 127.0.0.1 (a free port), in a thread; yields
    its base URL and stops it afterwards."""
    import threading
    import time

    import uvicorn

    from detente.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(db, **options), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def demo_server(demo_run):
    """The API and dashboard over the demo database, for the whole session."""
    with live_server(demo_run[0]) as url:
        yield url


def chromium_path() -> str:
    """Debian's Chromium (`.ci/run` installs it with apt); DETENTE_CHROMIUM points elsewhere."""
    for candidate in (os.environ.get("DETENTE_CHROMIUM"), *CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    message = "Chromium not found: install Debian's chromium (apt-get install chromium) or set DETENTE_CHROMIUM"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True,
                                              args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    """A fresh page; a screenshot of it is kept in test-artifacts/ after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
