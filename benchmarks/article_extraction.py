"""How well detente reads the main text of real web pages, and how often it finds their date.

Reads the 181 pages of the article-extraction benchmark (scrapinghub/article-extraction-benchmark,
kept in ``shared/benchmarks/external/article-extraction/``: ``html/*.html.gz`` and
``ground-truth.json``) and runs each through detente's own HTML reader,
``detente.ingest.html.html_record`` (the function ``detente ingest`` calls for an ``.html``
file), given the page's bytes and its URL from the ground truth. Scores, as that benchmark's
README defines them: over whitespace tokens, a page's precision is the share of the extracted
tokens found in the ground-truth article (as a multiset: a token counts as often as it appears
in both), its recall the share of the article's tokens extracted, F1 their harmonic mean; a page
with no text scores 0. The means are over pages. A plain BeautifulSoup baseline (all the page's
text but scripts and styles) is scored in the same run.

    python benchmarks/article_extraction.py [--shared PATH] [--worst 10] [--json]

The shared folder is ``$DETENTE_SHARED``, else ``../shared`` beside the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from detente.ingest.html import html_record  # noqa: E402

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BENCHMARK = Path("benchmarks") / "external" / "article-extraction"
TARGET_F1 = 0.95


@dataclass
class Score:
    precision: float
    recall: float
    f1: float


@dataclass
class PageResult:
    page: str
    url: str
    detente: Score
    baseline: Score
    words: int
    date: str | None
    rejected: str | None
    seconds: float


def token_scores(extracted: str, truth: str) -> Score:
    """Precision, recall and F1 of ``extracted`` against ``truth`` over whitespace tokens."""
    got, wanted = Counter(extracted.split()), Counter(truth.split())
    common = sum((got & wanted).values())
    if not common:
        return Score(0.0, 0.0, 0.0)
    precision, recall = common / sum(got.values()), common / sum(wanted.values())
    return Score(precision, recall, 2 * precision * recall / (precision + recall))


def baseline_text(raw: bytes) -> str:
    """All the page's text but scripts and styles, as BeautifulSoup gives it."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    return soup.get_text(" ")


def load_pages(folder: Path):
    """(page hash, page bytes, ground-truth record) for each page of the benchmark."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page in sorted(truth):
        raw = gzip.decompress((folder / "html" / f"{page}.html.gz").read_bytes())
        yield page, raw, truth[page]


def measure_page(page: str, raw: bytes, truth: dict) -> PageResult:
    started = time.perf_counter()
    record = html_record(raw, url=truth.get("url"))
    seconds = time.perf_counter() - started
    rejected = record if isinstance(record, str) else None
    text = "" if rejected else record["text"]
    return PageResult(page=page, url=truth.get("url", ""),
                      detente=token_scores(text, truth["articleBody"]),
                      baseline=token_scores(baseline_text(raw), truth["articleBody"]),
                      words=len(text.split()), date=None if rejected else record.get("published"),
                      rejected=rejected, seconds=seconds)


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summary(results: list[PageResult]) -> dict:
    return {
        "pages": len(results),
        "f1": mean(r.detente.f1 for r in results),
        "precision": mean(r.detente.precision for r in results),
        "recall": mean(r.detente.recall for r in results),
        "empty": sum(1 for r in results if not r.words),
        "date_share": mean(1.0 if r.date else 0.0 for r in results),
        "baseline_f1": mean(r.baseline.f1 for r in results),
        "baseline_precision": mean(r.baseline.precision for r in results),
        "baseline_recall": mean(r.baseline.recall for r in results),
        "seconds_per_page": mean(r.seconds for r in results),
        "target_f1": TARGET_F1,
    }


def print_report(figures: dict, results: list[PageResult], worst: int) -> None:
    print(f"pages                        {figures['pages']}")
    print(f"detente main text   F1 {figures['f1']:.3f}  precision {figures['precision']:.3f}  "
          f"recall {figures['recall']:.3f}  (target F1 >= {TARGET_F1})")
    print(f"pages with empty text        {figures['empty']}")
    print(f"publication date found       {figures['date_share']:.3f} of pages "
          f"({round(figures['date_share'] * figures['pages'])} of {figures['pages']})")
    print(f"BeautifulSoup all text F1 {figures['baseline_f1']:.3f}  precision "
          f"{figures['baseline_precision']:.3f}  recall {figures['baseline_recall']:.3f}")
    print(f"time per page (detente)      {figures['seconds_per_page'] * 1000:.0f} ms")
    for result in sorted(results, key=lambda r: r.detente.f1)[:worst]:
        print(f"  F1 {result.detente.f1:.2f}  P {result.detente.precision:.2f}  R {result.detente.recall:.2f}"
              f"  {result.page[:12]}  {result.rejected or result.url}")


def shared_folder(option: str | None) -> Path:
    return Path(option or os.environ.get("DETENTE_SHARED") or DEFAULT_SHARED)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder (default $DETENTE_SHARED or ../shared)")
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages scored worst")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folder = shared_folder(args.shared) / BENCHMARK
    if not (folder / "ground-truth.json").exists():
        print(f"benchmark not found: {folder} (use --shared or $DETENTE_SHARED)", file=sys.stderr)
        return 2
    results = [measure_page(page, raw, truth) for page, raw, truth in load_pages(folder)]
    figures = summary(results)
    if args.json:
        print(json.dumps({**figures, "pages_detail": [asdict(r) for r in results]}, indent=1))
    else:
        print_report(figures, results, args.worst)
    return 0 if figures["f1"] >= TARGET_F1 else 1


if __name__ == "__main__":
    sys.exit(main())
