"""Printing the report to PDF with headless Chromium, on A4 or Letter."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from detente.web.report.document import PAPERS, page_style

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
PAPER_STYLE = re.compile(r'<style id="paper">.*?</style>', re.S)


def chromium() -> str | None:
    """Chromium or Chrome: $DETENTE_CHROMIUM, else the usual places, else None."""
    for candidate in (os.environ.get("DETENTE_CHROMIUM"), *CHROMIUM_CANDIDATES,
                      shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def write_pdf(html_path: str | Path, pdf_path: str | Path, paper: str = "a4", timeout: int = 120) -> Path:
    """Print the report ``html_path`` to ``pdf_path`` on ``paper`` ("a4" or "letter", whatever the
    report was written for) with headless Chromium (``--print-to-pdf``): page numbers and the
    date in the margins. Raises ValueError on another paper, FileNotFoundError without the report
    or Chromium, and OSError when Chromium fails."""
    paper = str(paper).lower()
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    source = Path(html_path).resolve()
    if not source.is_file():
        raise FileNotFoundError(f"no such report: {html_path}")
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("Chromium not found: install it (apt-get install chromium) or set DETENTE_CHROMIUM")
    target = Path(pdf_path).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        printed = Path(folder) / source.name     # the report with the page size asked for
        printed.write_text(_on_paper(source.read_text(encoding="utf-8"), paper), encoding="utf-8")
        command = [browser, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
                   "--disable-background-networking", f"--user-data-dir={Path(folder) / 'profile'}",
                   "--no-pdf-header-footer", f"--print-to-pdf={target}", printed.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")   # Chromium will not start as root with its sandbox
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OSError(f"Chromium did not print {source.name} within {timeout} s") from None
    if not target.is_file() or target.stat().st_size == 0 or not target.read_bytes().startswith(b"%PDF"):
        message = (done.stderr or "").strip().splitlines()
        raise OSError(f"Chromium did not write {target}: {message[-1] if message else f'exit code {done.returncode}'}")
    return target


def _on_paper(text: str, paper: str) -> str:
    """The document with its page size rule set to ``paper`` (added if it has none)."""
    rule = page_style(paper)
    if PAPER_STYLE.search(text):
        return PAPER_STYLE.sub(lambda _: rule, text, count=1)
    return text.replace("</head>", f"{rule}</head>", 1) if "</head>" in text else rule + text
