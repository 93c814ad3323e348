"""cli.relations: the commands that read a relationship from the event table (dyad, spirals,
reciprocity, channels, channel-status) and move event data in and out (import, export)."""

from __future__ import annotations

import json
import sys

import click

from detente import api
from detente.analysis.scales import SCALES
from detente.analysis.series import DEFAULT_MEASURE, FREQUENCIES, MEASURES
from detente.interchange import EXPORT_STYLES, FORMATS
from detente.periods import full_day

from . import (DATE, EXIT_REJECTED, BadInput, _clip, _guard, db_option, from_option, main, min_confidence_option,
               note_unscored, split_dyad, to_option)

scale_option = click.option("--scale", type=click.Choice(SCALES), default=None,
                            help="Event weights: CAMEO Goldstein as GDELT publishes it (default for coded "
                                 "events), the R icews package's variant, PLOVER's category scores, or "
                                 "native: each event's own weight (default for imported data).")
LABELLED_EVENTS = 5
events_option = click.option("--events", "list_events", is_flag=True,
                             help="Also list the events behind every number.")
PERIOD_FORMATS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def _event_line(e: dict) -> str:
    weight = "" if e.get("goldstein") is None else f"{e['goldstein']:+.1f}"
    return (f"  {e['event_id']:<17}{(e['date'] or ''):<11}{e['source']:>9} -> {e['target']:<9}{e['code']:<6}"
            f"{weight:>6}  {_clip(e.get('sentence') or '', 70)}")


# dyad ----------------------------------------------------------------------------------------
@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--freq", type=click.Choice(list(FREQUENCIES)), default="month", show_default=True)
@scale_option
@from_option
@to_option
@click.option("--all-mentions", is_flag=True, help="Count every mention, not each act once.")
@click.option("--changes", is_flag=True, help="Find change points: when did each direction turn?")
@click.option("--measure", type=click.Choice(list(MEASURES)), default=DEFAULT_MEASURE, show_default=True,
              help="What --changes and --plot follow: net cooperation or the weight sum.")
@click.option("--plot", type=click.Path(dir_okay=False, writable=True), metavar="FILE.png|svg",
              help="Draw the dyad timeline (the measure both ways, change points, strongest events labelled).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@events_option
@min_confidence_option
def dyad(a, b, db, freq, scale, date_from, date_to, all_mentions, changes, measure, plot, fmt, list_events,
         min_confidence):
    """The series of what A and B did to each other (codes or names: USA Russia): per period
    and direction, counts by QuadClass, weight sum and mean, net cooperation (cooperative minus
    conflictual events). Asserted events, each act once. Reads --db."""
    report = _guard(lambda: api.dyad(a, b, db=db, freq=freq, scale=scale, date_from=date_from, date_to=date_to,
                                     all_mentions=all_mentions, changes=changes or bool(plot), measure=measure,
                                     min_confidence=min_confidence))
    note_unscored(db, min_confidence, (report.a, report.b), date_from, date_to)
    series = report.series
    if series.empty:
        raise click.ClickException(f"no dated events between {report.a} and {report.b} in {db}")
    if fmt == "csv":
        click.echo(series.assign(event_ids=series["event_ids"].str.join(" ")).to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        click.echo(series.to_json(orient="records", lines=True, date_format="iso"))
    else:
        click.echo(_series_table(series, freq))
    what = "every mention" if all_mentions else "each act once"
    click.echo(f"{report.a}-{report.b}: asserted events, {what}; weights on the {report.scale} scale"
               + (f"; {series.attrs['left_out']} event(s) dated too coarsely for a {freq}ly series left out"
                  if series.attrs.get("left_out") else ""), err=True)
    if changes:
        click.echo(_changes_text(report.changes, freq))
    if list_events:
        _echo_series_events(report)
    if plot:
        from detente.analysis.plots import plot_dyad_timeline

        labelled = report.strongest(LABELLED_EVENTS, one_per_period=True)
        path = _guard(lambda: plot_dyad_timeline(series, labelled, plot, report.a, report.b, label_top=LABELLED_EVENTS,
                                                 measure=report.measure, changes=report.changes))
        click.echo(f"plot written to {path}")


def _series_table(series, freq: str) -> str:
    lines = [f"{'period':<11}{'direction':<11}{'n':>4}{'q1':>4}{'q2':>4}{'q3':>4}{'q4':>4}"
             f"{'weight':>9}{'mean':>7}{'net':>5}"]
    for row in series.sort_values(["period", "direction"]).itertuples():
        mean = "" if row.weight_mean != row.weight_mean else f"{row.weight_mean:+.1f}"
        lines.append(f"{row.period.strftime(PERIOD_FORMATS[freq]):<11}{row.direction:<11}{row.n:>4}{row.q1:>4}"
                     f"{row.q2:>4}{row.q3:>4}{row.q4:>4}{row.weight_sum:>+9.1f}{mean:>7}{row.net_cooperation:>+5d}")
    return "\n".join(lines)


def _changes_text(changes, freq: str) -> str:
    if not changes:
        return "change points: none found"
    fmt = PERIOD_FORMATS[freq]
    lines = [f"change points (level of {MEASURES[changes[0].measure]} per {freq}, before -> after):"]
    for point in sorted(changes, key=lambda p: (p.direction, p.period)):
        since = ""
        if point.shift < 0:
            since = ("; the steepest fall so far" if point.steepest_fall_since is None else
                     f"; the steepest fall since {point.steepest_fall_since.strftime(fmt)}")
        lines.append(f"  {point.direction:<11}{point.period.strftime(fmt):<11}{point.before:+.1f} -> "
                     f"{point.after:+.1f} ({point.shift:+.1f}, rank {point.rank}){since}")
    return "\n".join(lines)


def _echo_series_events(report) -> None:
    rows = report.series[report.series["n"] > 0].sort_values(["period", "direction"])
    for row in rows.itertuples():
        click.echo(f"{row.period.date()} {row.direction}:")
        for event in report.records(row.event_ids):
            click.echo(_event_line(event))


# spirals -------------------------------------------------------------------------------------
@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--window", "window_days", default=60, show_default=True, type=click.IntRange(min=1),
              help="Days within which an act counts as an answer to the last.")
@from_option
@to_option
@click.option("--json", "as_json", is_flag=True, help="Print the spirals as JSON.")
@min_confidence_option
def spirals(a, b, db, window_days, date_from, date_to, as_json, min_confidence):
    """Tit-for-tat spirals: chains of conflictual acts (QuadClass 3-4) between A and B that
    alternate in direction, each answering the last within --window days, with their sentences.
    Reads --db."""
    found = _guard(lambda: api.spirals(a, b, db=db, window_days=window_days, date_from=date_from, date_to=date_to,
                                       min_confidence=min_confidence))
    note_unscored(db, min_confidence, (a, b), date_from, date_to)
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in found], indent=1, ensure_ascii=False))
        return
    if not found:
        click.echo(f"no spirals between {a} and {b}")
        return
    for number, spiral in enumerate(found, 1):
        click.echo(f"spiral {number}: {spiral.start} to {spiral.end}, {spiral.turns} turn(s), "
                   f"{len(spiral.events)} event(s)")
        for move in spiral.moves:
            click.echo(f" {move.source} -> {move.target}")
            for event in move.events:
                click.echo(_event_line(event))


# reciprocity ---------------------------------------------------------------------------------
@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@scale_option
@from_option
@to_option
@click.option("--maxlags", default=8, show_default=True, type=click.IntRange(min=1), help="Largest lag (weeks) tried.")
@click.option("--criterion", type=click.Choice(["aic", "bic", "hqic", "fpe"]), default="aic", show_default=True,
              help="Information criterion that picks the lag order.")
@click.option("--horizon", default=12, show_default=True, type=click.IntRange(min=1),
              help="Weeks of impulse response.")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@events_option
@min_confidence_option
def reciprocity(a, b, db, scale, date_from, date_to, maxlags, criterion, horizon, as_json, list_events,
                min_confidence):
    """Reciprocity between A and B: a vector autoregression on the weekly A->B and B->A weight
    series, Granger tests both ways and impulse responses with confidence bands. Reads --db."""
    result = _guard(lambda: api.reciprocity(a, b, db=db, scale=scale, date_from=date_from, date_to=date_to,
                                            maxlags=maxlags, criterion=criterion, horizon=horizon,
                                            min_confidence=min_confidence))
    note_unscored(db, min_confidence, (a, b), date_from, date_to)
    click.echo(json.dumps(result.to_dict(), indent=1) if as_json else result.summary())
    if list_events:
        click.echo(f"events ({len(result.events)}):")
        for event in _guard(lambda: api.events_by_id(db, (e["event_id"] for e in result.events))):
            click.echo(_event_line(event))


# channels ------------------------------------------------------------------------------------
@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--at", metavar="DATE", type=DATE,
              help="Status on this date (default: today; YYYY or YYYY-MM: the end of that year or month).")
@click.option("--breadth", "breadth_freq", type=click.Choice(["month", "year"]),
              help="Engagement breadth instead: open channels per level, per month or year.")
@from_option
@to_option
@click.option("--plot", type=click.Path(dir_okay=False, writable=True), metavar="FILE.png|svg",
              help="Draw the channel board (one lane per channel, coloured by status).")
@events_option
@min_confidence_option
def channels(a, b, db, at, breadth_freq, date_from, date_to, plot, list_events, min_confidence):
    """Channels of dialogue between A and B (the registry in channels/data/channels.yaml) and
    their status: not yet established before the registry's date, ended after it; between, the
    registry's history, events naming a channel (suspend, withdraw, expel, ban close it; meet,
    resume, sign open it) and changes entered with `detente channel-status`; a channel with no
    recorded change is shown as assumed active. Breadth and the board cover the dyad's events
    unless --from/--to say otherwise. Reads --db."""
    from detente.channels import status as channel_status

    a, b = _guard(lambda: api.resolve(db, a, b))
    _, linked, changes, found = _guard(lambda: api.channel_changes(a, b, db=db, min_confidence=min_confidence))
    note_unscored(db, min_confidence, (a, b))
    if not linked:
        raise click.ClickException(f"the registry has no channel linking {a} and {b}")
    if breadth_freq or plot:
        start, end = _board_range(found, date_from, date_to, at)
    if breadth_freq:
        rows = channel_status.breadth(linked, changes, channel_status.period_ends(start, end, breadth_freq))
        levels = [k for k in rows[0] if k not in ("period", "total", "assumed")]
        click.echo(f"{'period':<12}" + "".join(f"{lvl[:14]:>15}" for lvl in levels) + f"{'open':>7}{'assumed':>9}")
        for row in rows:
            click.echo(f"{row['period'][:len('2013-02') if breadth_freq == 'month' else 4]:<12}"
                       + "".join(f"{row[lvl]:>15}" for lvl in levels) + f"{row['total']:>7}{row['assumed']:>9}")
        click.echo("(open: active channels at the end of each period; assumed: of those, active only because no "
                   "change is recorded)", err=True)
    else:
        _echo_status(channel_status.status_at(linked, changes, at or api.today()), at or api.today(), a, b)
    if list_events:
        by_id = {e["event_id"]: e for e in found}
        click.echo("status changes from events:")
        for change in sorted((c for c in changes if c.basis == "event"), key=lambda c: c.day):
            click.echo(f" {change.channel_id} {change.status} on {change.date}:")
            click.echo(_event_line(by_id[change.event_id]))
    if plot:
        from detente.analysis.plots import plot_channel_board

        lanes = channel_status.lanes(linked, changes, start, end)
        path = _guard(lambda: plot_channel_board(lanes, plot, start=start, end=end))
        click.echo(f"plot written to {path} ({a}-{b}, {start} to {end})")


def _echo_status(states, day: str, a: str, b: str) -> None:
    """Recorded statuses first, then those assumed (no recorded change), each with its basis."""
    click.echo(f"channels between {a} and {b} on {day}:")
    for recorded in (True, False):
        shown = [s for s in states if s.recorded == recorded]
        if shown and not recorded:
            click.echo("assumed active (no recorded change; established where the registry says):")
        for state in shown:
            basis = state.basis + (f" {state.event_id}" if state.event_id else "")
            click.echo(f"  {state.channel.level:<17}{state.channel.id:<27}{state.label if recorded else state.status:<20}"
                       f"{(state.since or ''):<12}{basis}: {_clip(state.note, 50)}")


def _board_range(found: list[dict], date_from: str | None, date_to: str | None, at: str | None) -> tuple[str, str]:
    """The period of breadth and the board: as given, else the range of the dyad's events."""
    first, last = api.data_range(found)
    start, end = date_from or first, date_to or at or last
    if start is None or end is None:
        raise click.ClickException("no dated events between the two: give --from and --to for the period")
    return full_day(start), full_day(end, end=True)


@main.command("channel-status")
@click.argument("channel_id")
@click.argument("status", type=click.Choice(["active", "suspended", "closed"]))
@click.option("--date", required=True, metavar="DATE", type=DATE, help="When the status changed (YYYY[-MM[-DD]]).")
@click.option("--note", default="", help="Why, or the source.")
@db_option
def channel_status_command(channel_id, status, date, note, db):
    """Enter a channel's status change by hand (stored in --db, beside the registry's history)."""
    _guard(lambda: api.set_channel_status(channel_id, status, date, note, db=db))
    click.echo(f"{channel_id}: {status} from {date}")


# event data in and out -----------------------------------------------------------------------
@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="GDELT 1.0/2.0 event export, ICEWS Dataverse file, or POLECAT (PLOVER) file.")
@db_option
def import_command(file, fmt, db):
    """Load existing event data into the event table (marked as imported: its run is
    'import:FORMAT'; every row is its own event, never merged with another), so every analysis
    runs on it. Importing a file twice adds nothing. Malformed lines are skipped, named on
    stderr, and make the exit code 3. Writes --db."""
    report = _guard(lambda: api.import_events(file, fmt, db=db))
    click.echo(f"{file}: {report.read} event(s) read ({report.layout}), {report.added} new, "
               f"{report.skipped} malformed line(s) skipped; document {report.doc_id}")
    for line, reason in report.skipped_examples:
        click.echo(f"skipped: {file}:{line}: {reason}", err=True)
    if report.skipped:
        more = report.skipped - len(report.skipped_examples)
        click.echo(f"{report.skipped} line(s) rejected" + (f" ({more} more not shown)" if more > 0 else ""), err=True)
        sys.exit(EXIT_REJECTED)


@main.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@db_option
@click.option("--style", type=click.Choice(EXPORT_STYLES), default="detente", show_default=True,
              help="Columns: detente's schema, GDELT-style or PLOVER (POLECAT)-style.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Default: from the file's suffix.")
@click.option("--dyad", metavar="A-B", help="Only events between two actors, e.g. USA-RUS.")
@from_option
@to_option
@click.option("--dedupe", is_flag=True, help="Each act once (default: every mention).")
@min_confidence_option
def export_command(file, db, style, fmt, dyad, date_from, date_to, dedupe, min_confidence):
    """Write the asserted events of --db to CSV, JSONL or Parquet: every mention, or with
    --dedupe each act once."""
    pair = split_dyad(dyad)
    report = _guard(lambda: api.export_events(file, db=db, style=style, fmt=fmt, dyad=pair,
                                              date_from=date_from, date_to=date_to, dedupe=dedupe,
                                              min_confidence=min_confidence))
    note_unscored(db, min_confidence, pair, date_from, date_to)
    click.echo(f"{report.written} {report.what} written to {file}")
    if report.left_out:
        click.echo(f"{report.left_out} event(s) without a PLOVER type (CAMEO roots 01 and 02) left out", err=True)


__all__ = ["BadInput"]
