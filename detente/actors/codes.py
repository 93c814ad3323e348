"""Actor codes as a user types them (``--dyad USA-RUS``, ``detente dyad USA Russia``,
``/api/dyads/USA/RUS``): a state or organisation code, or its name, checked against the
knowledge base and the codes a store's own events use (imported data and imported
dictionaries bring codes of their own). An unknown one is refused with the nearest known codes,
so that a typo never answers with an empty series.
"""

from __future__ import annotations

import difflib
import functools
from typing import Callable

from detente.actors.knowledge import DATA_DIR, KnowledgeBase, load_knowledge_base, without_article
from detente.datafile import load_yaml

NAMED_KINDS = ("state", "igo")
SUGGESTIONS = 3


class UnknownActor(ValueError):
    """A code or name that names no state or organisation (the message suggests known ones)."""


class ActorDirectory:
    """The states and organisations a user may name: codes and names from the knowledge base."""

    def __init__(self, kb: KnowledgeBase | None = None):
        kb = kb or load_knowledge_base()
        self.names = dict(kb.names)                      # code -> canonical name
        self.by_name = _names_to_codes(kb)               # folded name -> code
        self.sectors = _sector_codes()

    def resolve(self, text: str, known_elsewhere: Callable[[str], bool] | None = None) -> str:
        """The code ``text`` stands for: a known code (any case), a name ("Russia", "the
        United States"), or a code ``known_elsewhere`` accepts (one a store's events use).
        Raises :class:`UnknownActor` saying what was meant where it can tell."""
        typed = str(text or "").strip()
        code = typed.upper()
        if code in self.names:
            return code
        named = self.by_name.get(_fold(typed))
        if named:
            return named
        if code and known_elsewhere is not None and known_elsewhere(code):
            return code
        raise UnknownActor(self._refusal(typed))

    def _refusal(self, typed: str) -> str:
        code = typed.upper()
        country, sector = code[:3], code[3:]
        if country in self.names and sector in self.sectors:
            return (f"{typed!r} is an actor with a sector ({sector}); dyads are between states or "
                    f"organisations: use {country} ({self.names[country]})")
        hints = self.suggestions(typed)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        return f"{typed!r} is not a known state or organisation code{hint}"

    def suggestions(self, typed: str) -> list[str]:
        """Up to three "RUS (Russia)" hints: codes that start like it, near codes, near names."""
        code, folded = typed.upper(), _fold(typed)
        found = [c for c in sorted(self.names) if code and c.startswith(code[:3])]
        found += difflib.get_close_matches(code, list(self.names), n=SUGGESTIONS, cutoff=0.6)
        found += [self.by_name[n] for n in difflib.get_close_matches(folded, list(self.by_name),
                                                                    n=SUGGESTIONS, cutoff=0.75)]
        return [f"{c} ({self.names[c]})" for c in dict.fromkeys(found)][:SUGGESTIONS]


@functools.lru_cache(maxsize=1)
def directory() -> ActorDirectory:
    """The directory of the built-in knowledge base, built once."""
    return ActorDirectory()


def _names_to_codes(kb: KnowledgeBase) -> dict[str, str]:
    """Every state or organisation name that names one code only, folded."""
    codes: dict[str, set[str]] = {}
    for surface, senses in kb.surfaces.items():
        for sense in senses:
            if sense.kind in NAMED_KINDS:
                codes.setdefault(_fold(surface), set()).add(sense.country)
    return {name: next(iter(found)) for name, found in codes.items() if len(found) == 1 and name}


def _fold(text: str) -> str:
    return " ".join(without_article(str(text)).lower().replace(".", "").split())


@functools.lru_cache(maxsize=1)
def _sector_codes() -> frozenset[str]:
    return frozenset(load_yaml((DATA_DIR / "sectors.yaml").read_text(encoding="utf-8")) or {})
