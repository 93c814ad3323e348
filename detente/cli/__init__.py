"""cli: the `detente` command, thin commands over :mod:`detente.api`.

Exit codes: 0 success; 1 an error (nothing was done); 2 a bad option or argument (a date that
is not YYYY[-MM[-DD]], an unknown actor code); 3 the work was done but some input was rejected
(each rejected file or line is named on stderr with its reason).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import warnings

import click

from detente import __version__, api
from detente.ingest import MAX_DOCUMENT_BYTES
from detente.periods import DATE_FORMS, checked_date
from detente.store import DEFAULT_DB, EVENT_FIELDS

EXIT_REJECTED = 3
EXIT_BAD_INPUT = 2
MODALITIES = ["asserted", "negated", "hypothetical", "all"]


class BadInput(click.ClickException):
    """A bad option or argument: one line on stderr, exit code 2."""
    exit_code = EXIT_BAD_INPUT


class DateType(click.ParamType):
    """A YYYY, YYYY-MM or YYYY-MM-DD date that exists (a full day with ``day_only``); anything
    else is a one-line error naming the option and the accepted forms."""
    name = "date"

    def __init__(self, day_only: bool = False):
        self.day_only = day_only

    def convert(self, value, param, ctx):
        name = param.opts[0] if param is not None and param.opts else "date"
        try:
            return checked_date(value, name, day_only=self.day_only)
        except ValueError as error:
            raise BadInput(str(error)) from None


DATE = DateType()
DAY = DateType(day_only=True)

db_option = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="PATH-or-URL",
                         help="SQLite file or SQLAlchemy URL (postgresql://...).")
published_option = click.option("--published", metavar="YYYY-MM-DD", type=DAY,
                                help="Publication date for documents whose metadata gives none.")
from_option = click.option("--from", "date_from", metavar="DATE", type=DATE,
                           help=f"Earliest event date ({DATE_FORMS}: from its first day).")
to_option = click.option("--to", "date_to", metavar="DATE", type=DATE,
                         help=f"Latest event date ({DATE_FORMS}: to its last day; --to 2014 is all of 2014).")
min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="P",
    help="Only events at least this likely to be right (confidence is the probability that an expert would "
         "judge the event right, from a model fitted on labelled news; see README).")
sides_option = click.option(
    "--sides", type=click.Choice(["known", "any"]), default="known", show_default=True,
    help="known: only events with a known state or organisation on both sides (the dyadic record); "
         "any: also those with a side of unknown state (---), which are stored all the same.")
max_bytes_option = click.option("--max-bytes", default=MAX_DOCUMENT_BYTES, show_default=True,
                                type=click.IntRange(min=1), help="Reject documents larger than this.")


def note_unscored(db: str, min_confidence: float | None, dyad=None, date_from=None, date_to=None,
                  modality: str | None = "asserted", known_sides: bool = False) -> None:
    """Say how many events a minimum confidence left out only because they carry none (imported)."""
    if not min_confidence:
        return
    left_out = api.unscored(db=db, dyad=dyad, date_from=date_from, date_to=date_to, modality=modality,
                            known_sides=known_sides)
    if left_out:
        click.echo(f"note: {left_out} imported events of this selection carry no confidence and are left out by "
                   f"--min-confidence {min_confidence}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def main():
    """detente: news about international relations in, coded political events out.

    Every event is CAMEO-coded (who did what to whom, when) and linked to its sentence.
    """
    warnings.showwarning = _show_warning


def _show_warning(message, category, filename, lineno, file=None, line=None):
    click.echo(f"warning: {message}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@published_option
@max_bytes_option
def ingest(paths, db, published, max_bytes):
    """Store documents from files and folders (txt, md, html, jsonl, csv, rss/atom).

    Reads PATHS; writes the documents table of --db. Content already stored is not added again.
    """
    report = _guard(lambda: api.ingest(paths, db=db, published=published, max_bytes=max_bytes))
    click.echo(f"{len(set(report.doc_ids))} documents read: {report.added} new, "
               f"{report.existing} already stored ({db})")
    _exit_for(report.rejections)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@published_option
@max_bytes_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write events here instead of stdout.")
@click.option("--modality", type=click.Choice(MODALITIES), default="asserted", show_default=True,
              help="Which events to output (all are stored).")
@click.option("--batch-size", default=api.BATCH_DOCUMENTS, show_default=True, type=click.IntRange(min=1),
              help="Documents coded per committed batch.")
@min_confidence_option
@sides_option
def extract(paths, db, published, max_bytes, fmt, output, modality, batch_size, min_confidence, sides):
    """Ingest PATHS, code every new document, and output their events.

    Writes documents, runs and events to --db; an interrupted run resumes when rerun.
    With a JSONL input, each event's doc_id is the input line's id.
    """
    report = _guard(lambda: api.extract(paths, db=db, published=published, max_bytes=max_bytes,
                                        modality=None if modality == "all" else modality,
                                        batch_documents=batch_size, min_confidence=min_confidence,
                                        known_sides=sides == "known"))
    _write_events(report.events, fmt, output)
    for notice in report.uncoded_sentences:
        click.echo(f"not coded: {notice}", err=True)
    left_out = (f" ({report.unknown_sides} more with a side of unknown state stored, shown by --sides any)"
                if report.unknown_sides else "")
    click.echo(f"{len(set(report.doc_ids))} documents ({report.added} new), {report.coded} coded now, "
               f"{report.skipped} already coded; {len(report.events)} events{left_out}", err=True)
    _exit_for(report.rejections)


@main.command()
@db_option
@click.option("--dyad", metavar="A-B", help="Both directions between two actors, e.g. USA-RUS.")
@from_option
@to_option
@click.option("--code", help="CAMEO code or prefix, e.g. 16 or 163.")
@click.option("--modality", type=click.Choice(MODALITIES), default="asserted", show_default=True)
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--dedupe", is_flag=True,
              help="One row per act: mentions of the same act (source, target, code, date) grouped.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True))
@min_confidence_option
@sides_option
def events(db, dyad, date_from, date_to, code, modality, limit, dedupe, fmt, output, min_confidence, sides):
    """List stored events (the latest coding of each document), filtered: every mention, or
    with --dedupe each act once with its number of mentions. Reads --db."""
    pair = split_dyad(dyad)
    found = _guard(lambda: api.events(db=db, dyad=pair, date_from=date_from, date_to=date_to, code=code,
                                      modality=None if modality == "all" else modality, limit=limit,
                                      dedupe=dedupe, min_confidence=min_confidence,
                                      known_sides=sides == "known"))
    note_unscored(db, min_confidence, pair, date_from, date_to, None if modality == "all" else modality,
                  known_sides=sides == "known")
    _write_events(found, fmt, output)
    what = "acts (each once; 'mentions' counts its reports)" if dedupe else "events (every mention)"
    sided = "both sides known" if sides == "known" else "any sides"
    click.echo(f"{len(found)} {what}, {modality if modality != 'all' else 'any modality'}, {sided}", err=True)


def split_dyad(dyad: str | None) -> tuple[str, str] | None:
    """``USA-RUS`` as ("USA", "RUS"); refuses anything but two parts joined by one '-'."""
    if not dyad:
        return None
    parts = dyad.split("-")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise BadInput(f"--dyad {dyad!r}: expected two actor codes joined by '-', e.g. USA-RUS")
    return parts[0].strip(), parts[1].strip()


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--offset", default=0, type=click.IntRange(min=0))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON lines.")
def documents(db, limit, offset, as_json):
    """List the stored documents, oldest first: id, date, title, source (the publisher) and
    how many events the latest coding found in each (of any modality). Reads --db."""
    rows = _guard(lambda: api.documents(db=db, limit=limit, offset=offset))
    if as_json:
        click.echo(_jsonl(rows), nl=False)
        return
    if not rows:
        click.echo(f"no documents in {db}")
        return
    width = max(len(row["doc_id"]) for row in rows) + 2       # ids in full: they are what show and the API take
    click.echo(f"{'doc_id':<{width}}{'published':<12}{'events':>7}  {'source':<22}title")
    for row in rows:
        events_found = "-" if row["events"] is None else str(row["events"])
        click.echo(f"{row['doc_id']:<{width}}{(row['published'] or ''):<12}{events_found:>7}  "
                   f"{_clip(row['source'] or '', 21):<22}{_clip(row['title'] or row['origin'] or '', 60)}")
    click.echo(f"{len(rows)} documents (events: stored events of any modality in the latest coding; "
               "- = not coded yet)", err=True)


@main.command()
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def show(event_id, db, as_json):
    """Show one event: its sentence with [source], <trigger> and {target} marked, how each
    actor was resolved, and the lexicon entry that fired. Reads --db."""
    shown = _guard(lambda: api.show(event_id, db=db))
    if shown is None:
        raise click.ClickException(f"no event {event_id!r} in {db}")
    if as_json:
        click.echo(json.dumps(shown, indent=1, ensure_ascii=False, default=str))
        return
    e, evidence, entry = shown["event"], shown["event"].get("evidence") or {}, shown["lexicon_entry"]
    lines = [
        f"event     {e['event_id']}  (run {e['run_id']})",
        f"confidence {e['confidence']}: {shown['confidence_means']}",
        f"          {e['source']} -> {e['target']}  {e['code']} {shown['code_name']}",
        f"          root {e['root']}, QuadClass {e['quad_class']}, Goldstein {e['goldstein']}, PLOVER {e['plover']}",
        f"modality  {e['modality']}" + (f"  ({evidence.get('modality_reason')})" if evidence.get("modality_reason") else ""),
        f"date      {e['date']} ({e['date_precision']}" + (f", from '{e['date_text']}'" if e["date_text"] else "")
        + f"; published {e['published']})",
        f"document  {e['doc_id']}  sentence {e['sentence_index']}  chars {e['char_start']}-{e['char_end']}"
        + (f"  {shown['document']['origin']}" if shown["document"].get("origin") else ""),
        f"sentence  {shown['marked_sentence']}",
        f"source    {e['source_text']!r} -> {e['source']} {e['source_name']}: {evidence.get('source')}; {evidence.get('source_rule')}",
        f"target    {e['target_text']!r} -> {e['target']} {e['target_name']}: {evidence.get('target')}; {evidence.get('target_rule')}",
    ]
    for other in shown["other_mentions"]:
        lines.append(f"also      {other['event_id']} in {other['doc_id']} sentence {other['sentence_index']}: "
                     f"{_clip(other['sentence'], 80)}")
    if entry:
        lines.append(f"rule      {entry['id']}: {entry['pattern']} -> {entry['code']} (targets: {', '.join(entry['targets'])})")
        for example in entry["examples"][:2]:
            lines.append(f"          e.g. {example.get('text') if isinstance(example, dict) else example}")
    click.echo("\n".join(lines))


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default=None, metavar="PATH-or-URL",
              help="Store the coded gold documents here (default: a temporary database).")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def evaluate(gold, db, as_json):
    """Code a gold file and score it: precision, recall, F1, trap rate, date accuracy, misses."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        result = _guard(lambda: api.evaluate(gold, db=db or str(Path(tmp) / "evaluate.db")))
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    for miss in result["misses"]:
        click.echo(f"miss   {miss['id']}: {miss['source']}->{miss['target']} root {miss['root']}")
    for extra in result["extras"]:
        click.echo(f"extra  {extra['id']}: {extra['source']}->{extra['target']} code {extra['code']}  ({extra['event_id']})")
    for trap in result["traps_hit"]:
        click.echo(f"trap   {trap['id']}: {trap['source']}->{trap['target']} root {trap['root']}")
    click.echo(f"cases {result['cases']} gold {result['gold_events']} predicted {result['predicted']} "
               f"precision {result['precision']} recall {result['recall']} f1 {result['f1']} "
               f"trap_rate {result['trap_rate']} ({result['trap_hits']}/{result['traps']}) "
               f"date_accuracy {result['date_accuracy']}")


@main.group()
def actors():
    """Actor dictionaries imported beside the built-in knowledge base (PETRARCH/Phoenix format)."""


@actors.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["petrarch", "petrarch-agents"]), default="petrarch",
              show_default=True, help="petrarch: an actor dictionary (names -> codes, dated roles); "
                                      "petrarch-agents: an agent dictionary (role words -> sectors).")
@db_option
def import_actors(file, fmt, db):
    """Load an actor or agent dictionary into --db; later extracts on --db use its names.

    Importing the same file twice adds nothing. Lines that cannot be read are named on stderr
    (file:line: reason) and the exit code is 3; the other lines are imported.
    """
    report = _guard(lambda: api.import_actors(file, fmt=fmt, db=db))
    what = "agent phrases" if fmt == "petrarch-agents" else "entries"
    click.echo(f"{report.entries} {what}, {report.names} names loaded from {file}: "
               f"{report.added} new, {report.names - report.added} already imported ({db})")
    _exit_for(report.rejections)


@actors.command("list")
@db_option
@click.option("--kind", type=click.Choice(["actor", "agent"]), help="Only actors or only agents.")
@click.option("--limit", type=click.IntRange(min=1))
def list_actors(db, kind, limit):
    """List the names imported into --db: surface, code, dates, entry and file."""
    from detente.actors.petrarch import OPEN_START

    rows = _guard(lambda: api.imported_actors(db=db, kind=kind))
    if not rows:
        click.echo(f"no imported actors in {db}")
        return
    click.echo(f"{'kind':<7}{'surface':<32}{'code':<12}{'from':<12}{'to':<12}entry  (file)")
    for row in rows[:limit]:
        click.echo(f"{row['kind']:<7}{_clip(row['surface'], 31):<32}{row['country'] + row['sector']:<12}"
                   f"{'' if row['start'] == OPEN_START else row['start']:<12}{row['end']:<12}"
                   f"{row['entry']}  ({row['source_file']}:{row['line']})")
    click.echo(f"{len(rows)} imported names", err=True)


@main.command("evaluate-petrarch")
@click.argument("records", type=click.Path(exists=True, dir_okay=False))
@click.option("--actors", "actors_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The actor dictionary the records are coded against.")
@click.option("--agents", "agents_file", type=click.Path(exists=True, dir_okay=False),
              help="Its agent dictionary (optional).")
@click.option("--db", default=None, metavar="PATH-or-URL",
              help="Store the coded records here (default: a temporary database).")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def evaluate_petrarch(records, actors_file, agents_file, db, as_json):
    """Code PETRARCH unit-test records with their dictionary imported; report source/target pair
    agreement (country part and full codes), root agreement (for information), actor recall and
    how many no-event records stayed empty."""
    result = _guard(lambda: api.evaluate_petrarch(records, actors_file, agents=agents_file, db=db))
    if as_json:
        click.echo(json.dumps(result, indent=1))
    else:
        _print_petrarch(result)
    if result["rejections"]:
        for rejection in result["rejections"]:
            click.echo(f"rejected: {rejection}", err=True)
        sys.exit(EXIT_REJECTED)


def _print_petrarch(r: dict) -> None:
    for miss in r["misses"]:
        click.echo(f"miss   {miss['id']}: {miss['source']}->{miss['target']}")
    for extra in r["extras"]:
        click.echo(f"extra  {extra['id']}: {extra['source']}->{extra['target']}")
    click.echo(
        f"records {r['records']} (with codings {r['records_with_codings']}, no-event {r['no_event_records']})\n"
        f"pairs (country part): expected {r['expected_pairs']} found {r['pairs_found']} "
        f"recall {r['pair_recall']} precision {r['pair_precision']} (of {r['predicted_pairs']} predicted)\n"
        f"pairs (full codes): recall {r['full_code_pair_recall']} precision {r['full_code_pair_precision']}\n"
        f"root agreement on pairs found {r['root_agreement']} ({r['root_pairs']} pairs; the records follow "
        f"their own verb file: for information)\n"
        f"records exactly right (country pairs) {r['exact_records']}/{r['records_with_codings']}; "
        f"no-event records empty {r['no_event_records_empty']}/{r['no_event_records']}\n"
        f"actor recall {r['actor_recall']} ({r['actors_found']}/{r['expected_actors']} expected actors "
        f"recognised in the text)")


@main.command()
@click.option("--db", default=api.DEMO_DB, show_default=True, metavar="PATH-or-URL")
def demo(db):
    """Code the bundled US-Russia chronology 2008-2014 and summarise it.

    Writes --db; prints events per dyad and QuadClass, and the 2012-13 chain of sanction
    and counter-sanction with the sentence behind each link.
    """
    summary = _guard(lambda: api.demo(db=db))
    counts = summary["counts"]
    click.echo(f"Coded {summary['documents']} briefs of the US-Russia chronology into {db}: "
               f"{counts['events']} events stored (every mention, any modality), {counts['asserted']} asserted, "
               f"{counts['asserted_known']} asserted with both sides a known state or organisation: "
               f"{counts['acts']} distinct acts.\n")
    click.echo("Acts per dyad and QuadClass (asserted, both sides known, each act once; 1 verbal coop., "
               "2 material coop., 3 verbal conflict, 4 material conflict)")
    click.echo(f"  {'dyad':<12}{'1':>5}{'2':>5}{'3':>5}{'4':>5}{'all':>6}")
    for (source, target), counts in list(summary["dyads"].items())[:15]:
        click.echo(f"  {source + '->' + target:<12}" + "".join(f"{counts.get(q, 0):>5}" for q in (1, 2, 3, 4))
                   + f"{sum(counts.values()):>6}")
    click.echo("\nSanction and counter-sanction, USA <-> RUS, 2012-2013")
    for event in summary["chain"]:
        click.echo(f"  {event['date']:<10} {event['source']:>7} -> {event['target']:<7} {event['code']:<5} "
                   f"{_clip(event['sentence'], 90)}")
    click.echo(f"\nExplore: detente events --db {db} --dyad USA-RUS ; detente show EVENT_ID --db {db}\n"
               f"         detente spirals USA RUS --db {db} ; detente channels USA RUS --at 2013-02-01 --db {db}\n"
               f"         detente dyad USA RUS --freq month --changes --db {db} ; detente serve --db {db}")
    _exit_for(summary["rejections"])


# helpers ---------------------------------------------------------------------------------------
def _guard(action):
    """Run an API call, turning expected failures into a one-line error instead of a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from detente.nlp import ModelNotInstalled

    from detente.actors.codes import UnknownActor
    from detente.periods import BadDate
    from detente.store import StoreError

    try:
        return action()
    except KeyboardInterrupt:
        click.echo("interrupted: work committed so far is kept; rerun the same command to resume", err=True)
        sys.exit(130)
    except (UnknownActor, BadDate) as err:
        raise BadInput(str(err)) from err
    except (ModelNotInstalled, SQLAlchemyError, StoreError, OSError, ValueError) as err:
        raise click.ClickException(_one_line(err)) from err


def _one_line(error: Exception) -> str:
    """The first line of an error, without a driver's "(sqlite3.DatabaseError)" prefix."""
    text = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if text.startswith("(") and ") " in text:
        text = text.split(") ", 1)[1]
    return text


def _write_events(rows: list[dict], fmt: str, output: str | None) -> None:
    text = {"table": _table, "jsonl": _jsonl, "csv": _csv}[fmt](rows)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    fields = EVENT_FIELDS + (["mentions"] if rows and "mentions" in rows[0] else [])
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                         for k, v in row.items()})
    return buffer.getvalue()


def _table(rows: list[dict]) -> str:
    if not rows:
        return "no events\n"
    from detente.events.codes import code_name

    mentions = "mentions" in rows[0]
    header = (f"{'event_id':<17}{'date':<11}{'source':<9}{'code':<6}{'name':<25}{'target':<9}{'modality':<13}"
              + (f"{'mentions':>9} " if mentions else "") + "sentence\n")
    body = "".join(
        f"{r['event_id']:<17}{(r['date'] or ''):<11}{r['source']:<9}{r['code']:<6}"
        f"{_clip(code_name(r['code']), 24):<25}{r['target']:<9}"
        f"{r['modality']:<13}" + (f"{r['mentions']:>9} " if mentions else "") + f"{_clip(r['sentence'], 70)}\n"
        for r in rows)
    return header + body


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _exit_for(rejections) -> None:
    for rejection in rejections:
        click.echo(f"{'rejected' if rejection.fatal else 'skipped'}: {rejection}", err=True)
    fatal = sum(r.fatal for r in rejections)
    if fatal:
        click.echo(f"{fatal} input(s) rejected", err=True)
        sys.exit(EXIT_REJECTED)


from detente.cli import relations, web  # noqa: E402,F401  (register their commands on main)

if __name__ == "__main__":
    main()
