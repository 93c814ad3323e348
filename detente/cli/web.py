"""cli.web: `detente serve` (the HTTP API and dashboard) and `detente report` (the briefing file)."""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from . import _guard, db_option, from_option, main, min_confidence_option, note_unscored, to_option

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the record to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-ingest", is_flag=True,
              help="Accept POST /api/documents (ingest and code), with a bearer token.")
@click.option("--token", envvar="DETENTE_TOKEN", metavar="TOKEN",
              help="The token for --allow-ingest (default: $DETENTE_TOKEN, else a random one, printed).")
def serve(db, host, port, allow_ingest, token):
    """Serve the dashboard and the HTTP API (its OpenAPI schema at /openapi.json) over --db, on
    127.0.0.1 by default. Read-only unless --allow-ingest."""
    import uvicorn

    from detente.web.app import create_app

    if allow_ingest and not token:
        token = secrets.token_urlsafe(24)
        click.echo(f"ingest token: {token}")
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the record", err=True)
    # a read-only server over a database that does not exist would only serve an empty file it made
    app = _guard(lambda: create_app(db, allow_ingest=allow_ingest, token=token, create=allow_ingest))
    click.echo(f"detente dashboard on http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/  (Ctrl-C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@from_option
@to_option
@click.option("--freq", type=click.Choice(["week", "month", "year"]), default="month", show_default=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True), metavar="FILE.html")
@click.option("--pdf", is_flag=True, help="Also print it to FILE.pdf with Chromium, where installed.")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default="a4", show_default=True,
              help="The paper it prints on (the PDF, and the browser's print).")
@min_confidence_option
def report(a, b, db, date_from, date_to, freq, out, pdf, paper, min_confidence):
    """Write a self-contained HTML briefing on A and B (codes or names; opens offline, no scripts): key
    judgements with links to their events, headline figures, the timeline, channels opened and
    closed, spirals and the top events with their sentences and ids. Prints on A4 or Letter
    (--paper) with page numbers and the date. Reads --db."""
    from detente.web.report import write_report

    path = _guard(lambda: write_report(db, a, b, out, date_from=date_from, date_to=date_to, freq=freq,
                                       paper=paper.lower(), min_confidence=min_confidence))
    note_unscored(db, min_confidence, (a, b), date_from, date_to)
    click.echo(f"report written to {path}")
    if pdf:
        from detente.web.report import write_pdf

        pdf_path = Path(out).with_suffix(".pdf")
        _guard(lambda: write_pdf(path, pdf_path, paper=paper.lower()))
        click.echo(f"PDF written to {pdf_path}")
