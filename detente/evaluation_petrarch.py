"""evaluation_petrarch: reading PETRARCH unit-test records and measuring how far detente agrees.

The record format (PETRARCH's ``PETR.UnitTest.records.xml``, also TABARI's validation files):
``<Sentence date="YYYYMMDD" id= category=>`` holding ``<EventCoding sourcecode= targetcode=
eventcode=>`` elements (or one with ``noevents`` or ``error``: nothing should be coded), the
``<Text>`` and a parse (not used: detente parses the text itself). Records may repeat an id; the
second one becomes ``ID#2``.

Agreement is measured on source/target pairs, because the records' event codes follow that
suite's own verb dictionary rather than CAMEO as detente's lexicon codes it:

* pair recall: the share of expected (source, target) pairs (distinct per record) that detente
  produces in that record; pair precision: the share of detente's distinct pairs, over all
  scored records, that were expected. Both are given comparing the country part (the first
  three characters of each code: ``ARNGOV`` -> ``ARN``) and comparing the full codes;
* root agreement, for information: of the expected pairs found (country part), the share for
  which an event of detente's on that pair has the expected root (first two digits);
* records exactly right: records whose distinct country pairs equal the expected ones;
* no-event records (``noevents``, ``error``, or no coding at all) that stayed empty;
* actor recall, to tell the dictionary from the lexicon: the share of expected actors (country
  part, distinct per record; ``---`` and non-codes left out) that the coder's resolver finds
  mentioned in the record's text, whether or not an event was coded.

Only asserted events count, as in detente's own scoring.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

COUNTRY_CHARS = 3
ACTOR_CODE = re.compile(r"^[A-Z]{3}")


@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    code: str


@dataclass
class Record:
    """One unit-test sentence: its expected codings, or why it expects none."""
    id: str
    date: str            # ISO
    category: str
    text: str
    codings: list[Coding] = field(default_factory=list)
    empty_because: str = ""  # "noevents" or "error: <kind>" when nothing should be coded

    @property
    def expects_events(self) -> bool:
        return bool(self.codings)


def read_records(path: str | Path) -> list[Record]:
    """Every ``<Sentence>`` of a PETRARCH records file, in file order.

    Raises ValueError (naming the file and the record) for a file that is not XML or a record
    without text or with a date that is not YYYYMMDD.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise ValueError(f"{path}: not a PETRARCH records file ({err})") from err
    records: list[Record] = []
    seen: dict[str, int] = defaultdict(int)
    for element in root.iter("Sentence"):
        record = _record(element, path)
        seen[record.id] += 1
        if seen[record.id] > 1:
            record.id = f"{record.id}#{seen[record.id]}"
        records.append(record)
    if not records:
        raise ValueError(f"{path}: no <Sentence> records")
    return records


def _record(element: ET.Element, path) -> Record:
    ident = element.get("id") or ""
    where = f"{path}: record {ident or '(no id)'}"
    text = " ".join((element.findtext("Text") or "").split())
    if not ident or not text:
        raise ValueError(f"{where}: needs an id and a <Text>")
    try:
        date = dt.datetime.strptime(element.get("date", ""), "%Y%m%d").date().isoformat()
    except ValueError as err:
        raise ValueError(f"{where}: date {element.get('date')!r} is not YYYYMMDD") from err
    record = Record(ident, date, element.get("category", ""), text)
    for coding in element.findall("EventCoding"):
        if coding.get("sourcecode") is not None:
            record.codings.append(Coding(coding.get("sourcecode", "").upper(),
                                         coding.get("targetcode", "").upper(),
                                         coding.get("eventcode", "")))
        elif coding.get("error") is not None:
            record.empty_because = f"error: {coding.get('error')}"
        elif coding.get("noevents") is not None:
            record.empty_because = "noevents"
    if not record.codings and not record.empty_because:
        record.empty_because = "no coding given"
    return record


def write_documents(records: list[Record], path: Path) -> Path:
    """The records as a JSONL corpus detente ingests (id, text, published)."""
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps({"id": record.id, "text": record.text, "published": record.date,
                                     "source": "petrarch-records"}) + "\n")
    return path


def _pair(source: str, target: str, full: bool) -> tuple[str, str]:
    return (source, target) if full else (source[:COUNTRY_CHARS], target[:COUNTRY_CHARS])


def score_records(records: list[Record], events: list[dict]) -> dict:
    """Pair agreement of detente's events with the records' expected codings (module docstring)."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        by_doc[str(event["doc_id"])].append(event)
    tally: dict[str, int] = defaultdict(int)
    misses, extras = [], []
    for record in records:
        predicted = by_doc.get(record.id, [])
        if record.expects_events:
            _score_expected(record, predicted, tally, misses)
        elif record.empty_because:
            tally["no_event_records"] += 1
            tally["stayed_empty"] += not predicted
        else:
            tally["unscored"] += 1
            continue
        for full in (False, True):
            got = {_pair(e["source"], e["target"], full) for e in predicted}
            want = {_pair(c.source, c.target, full) for c in record.codings}
            tally[f"predicted_{full}"] += len(got)
            tally[f"correct_{full}"] += len(got & want)
        extras += [{"id": record.id, "source": s, "target": t}
                   for s, t in sorted({_pair(e["source"], e["target"], False) for e in predicted}
                                      - {_pair(c.source, c.target, False) for c in record.codings})]
    return _summary(records, tally, misses, extras)


def _score_expected(record: Record, predicted: list[dict], tally: dict, misses: list) -> None:
    tally["records_with_codings"] += 1
    for full in (False, True):
        want = {_pair(c.source, c.target, full) for c in record.codings}
        got = {_pair(e["source"], e["target"], full) for e in predicted}
        tally[f"expected_{full}"] += len(want)
        tally[f"found_{full}"] += len(want & got)
        if not full:
            tally["exact_records"] += want == got
            misses += [{"id": record.id, "source": s, "target": t} for s, t in sorted(want - got)]
    roots: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event in predicted:
        roots[_pair(event["source"], event["target"], False)].add(str(event["code"])[:2])
    for pair in {_pair(c.source, c.target, False) for c in record.codings} & set(roots):
        expected_roots = {c.code[:2] for c in record.codings if _pair(c.source, c.target, False) == pair}
        tally["root_pairs"] += 1
        tally["root_agree"] += bool(expected_roots & roots[pair])


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _summary(records: list[Record], tally: dict, misses: list, extras: list) -> dict:
    return {
        "records": len(records),
        "records_with_codings": tally["records_with_codings"],
        "expected_pairs": tally["expected_False"],
        "pairs_found": tally["found_False"],
        "pair_recall": _share(tally["found_False"], tally["expected_False"]),
        "pair_precision": _share(tally["correct_False"], tally["predicted_False"]),
        "predicted_pairs": tally["predicted_False"],
        "full_code_pair_recall": _share(tally["found_True"], tally["expected_True"]),
        "full_code_pair_precision": _share(tally["correct_True"], tally["predicted_True"]),
        "root_agreement": _share(tally["root_agree"], tally["root_pairs"]),
        "root_pairs": tally["root_pairs"],
        "exact_records": tally["exact_records"],
        "no_event_records": tally["no_event_records"],
        "no_event_records_empty": tally["stayed_empty"],
        "unscored_records": tally["unscored"],
        "misses": misses,
        "extras": extras,
    }


def actor_recall(records: list[Record], coder) -> dict:
    """How many expected actors (country part) the coder's resolver finds mentioned in the text
    of the records that expect events, with the ones it does not find."""
    expected = found = 0
    missing: list[dict] = []
    wanted = [r for r in records if r.expects_events]
    for doc, record in coder.nlp.pipe(((r.text, r) for r in wanted), as_tuples=True):
        ctx = coder.resolver.context(doc, record.date)
        seen = {s.at(record.date).country[:COUNTRY_CHARS]
                for mention in ctx.mentions.values() for s in mention.senses}
        want = {code[:COUNTRY_CHARS] for c in record.codings for code in (c.source, c.target)
                if ACTOR_CODE.match(code)}
        expected += len(want)
        found += len(want & seen)
        missing += [{"id": record.id, "actor": code} for code in sorted(want - seen)]
    return {"actor_recall": _share(found, expected), "expected_actors": expected,
            "actors_found": found, "actors_missing": missing}
