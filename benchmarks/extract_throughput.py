#!/usr/bin/env python3
"""Throughput of `detente extract` against bare spaCy parsing of the same text, in one run.

Builds a corpus from the bundled demo chronology (repeated with distinct ids) and times, in
this one process and with the pipeline already loaded:
  parse:   nlp.pipe over every document (what any spaCy-based coder must pay), and
  extract: detente's whole extract (ingest into a fresh SQLite file, parse, code, commit, read back).
Each is run --repeat times and the best time kept; prints sentences per second for both and
their ratio (extract / parse: 1.0 would mean coding and storing cost nothing on top of parsing).

usage: python benchmarks/extract_throughput.py [--copies 5] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from detente import api
from detente.events import Coder
from detente.nlp import pieces


def build_corpus(folder: Path, copies: int) -> tuple[Path, list[str]]:
    records = [json.loads(line) for line in api.DEMO_CORPUS.read_text(encoding="utf-8").splitlines()]
    path = folder / "corpus.jsonl"
    texts = []
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for record in records:
                handle.write(json.dumps(dict(record, id=f"{record['id']}-{copy}")) + "\n")
                texts.append(record["text"])
    return path, texts


def time_parse(nlp, texts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    sentences = 0
    for doc in nlp.pipe((p for text in texts for _, p in pieces(text)), batch_size=64):
        sentences += sum(1 for _ in doc.sents)
    return time.perf_counter() - start, sentences


def time_extract(coder, corpus: Path, folder: Path, run: int) -> tuple[float, int]:
    db = str(folder / f"bench-{run}.db")
    start = time.perf_counter()
    report = api.extract([str(corpus)], db=db, coder=coder, progress=False)
    elapsed = time.perf_counter() - start
    assert report.coded == len(set(report.doc_ids))
    return elapsed, len(report.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    coder = Coder()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, texts = build_corpus(folder, args.copies)
        time_parse(coder.nlp, texts[:20])  # warm-up
        parse_best, extract_best, sentences, events = float("inf"), float("inf"), 0, 0
        for run in range(args.repeat):
            elapsed, sentences = time_parse(coder.nlp, texts)
            parse_best = min(parse_best, elapsed)
            elapsed, events = time_extract(coder, corpus, folder, run)
            extract_best = min(extract_best, elapsed)
    parse_rate, extract_rate = sentences / parse_best, sentences / extract_best
    print(f"documents {len(texts)}  sentences {sentences}  events {events}")
    print(f"parse (nlp.pipe)   {parse_rate:8.1f} sentences/s  ({parse_best:.2f} s)")
    print(f"detente extract    {extract_rate:8.1f} sentences/s  ({extract_best:.2f} s)")
    print(f"ratio extract/parse {extract_rate / parse_rate:.2f}")


if __name__ == "__main__":
    main()
