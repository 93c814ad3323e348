"""Loading the actor knowledge base from its data files."""

from __future__ import annotations

import csv
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from detente.datafile import load_yaml

DATA_DIR = Path(__file__).parent / "data"
ARTICLES = ("the ", "The ")


@dataclass(frozen=True)
class Term:
    """One office held by a person: country, sector, role and dates (ISO strings, end may be '')."""
    country: str
    sector: str
    role: str
    start: str
    end: str

    def covers(self, date: str | None) -> bool:
        if not date:
            return not self.end
        return self.start[:len(date)] <= date and (not self.end or date[:len(self.end)] <= self.end)

    def distance(self, date: str) -> int:
        """How far (in days, roughly) a date lies outside this term; 0 inside."""
        def days(iso: str) -> int:
            parts = (iso + "-01-01")[:10].split("-")
            return int(parts[0]) * 372 + int(parts[1]) * 31 + int(parts[2])
        d = days(date)
        if d < days(self.start):
            return days(self.start) - d
        if self.end and d > days(self.end):
            return d - days(self.end)
        return 0


@dataclass(frozen=True)
class Sense:
    """What a surface form can mean: a state/IGO (and sector), or a person with dated terms."""
    country: str
    sector: str
    name: str
    kind: str  # state, igo, adjective, demonym, metonym, institution, person
    terms: tuple[Term, ...] = ()
    ambiguous: bool = False

    def at(self, date: str | None) -> "Sense":
        """For a person: the sense in force on ``date`` (the nearest term if none covers it)."""
        if not self.terms:
            return self
        covering = [t for t in self.terms if t.covers(date)]
        if covering:
            term = covering[0]
        elif date:
            term = min(self.terms, key=lambda t: t.distance(date))
        else:
            term = self.terms[-1]
        return Sense(term.country, term.sector, self.name, "person", self.terms)


@dataclass
class Actor:
    """A resolved actor mention: CAMEO-style code plus provenance."""
    country: str
    sector: str
    name: str
    text: str
    start: int
    end: int
    how: str

    @property
    def code(self) -> str:
        return self.country + self.sector


@dataclass
class KnowledgeBase:
    surfaces: dict[str, list[Sense]] = field(default_factory=dict)
    sector_words: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    context_aliases: dict[str, str] = field(default_factory=dict)
    prominence: dict[str, int] = field(default_factory=dict)
    digest: str = ""

    def add(self, surface: str, sense: Sense) -> None:
        surface = surface.strip()
        for article in ARTICLES:
            if surface.startswith(article) and len(surface) > len(article):
                surface = surface[len(article):]
        if not surface:
            return
        senses = self.surfaces.setdefault(surface, [])
        if sense not in senses:
            senses.append(sense)
            # How much the knowledge base says about an actor: the tie-breaker between
            # states that share a generic institution name ("Senate", "Foreign Ministry").
            self.prominence[sense.country] = self.prominence.get(sense.country, 0) + 1

    def senses(self, surface: str) -> list[Sense]:
        return self.surfaces.get(surface, [])


@functools.lru_cache(maxsize=4)
def load_knowledge_base(data_dir: str | None = None) -> KnowledgeBase:
    folder = Path(data_dir) if data_dir else DATA_DIR
    kb = KnowledgeBase()
    digest = hashlib.sha256()
    for name in ("states.yaml", "igos.yaml", "sectors.yaml", "officeholders.csv"):
        path = folder / name
        if path.exists():
            digest.update(path.read_bytes())
    kb.digest = digest.hexdigest()[:12]
    for kind, filename in (("state", "states.yaml"), ("igo", "igos.yaml")):
        path = folder / filename
        if path.exists():
            for entry in load_yaml(path.read_text(encoding="utf-8")) or []:
                _add_entity(kb, entry, kind)
    _load_sectors(kb, folder / "sectors.yaml")
    _load_officeholders(kb, folder / "officeholders.csv")
    return kb


def _add_entity(kb: KnowledgeBase, entry: dict, kind: str) -> None:
    code, name = entry["code"], entry.get("name", entry["code"])
    kb.names[code] = name
    ambiguous = bool(entry.get("ambiguous"))
    sector = entry.get("sector") or ""
    for surface in [name, *(entry.get("names") or [])]:
        kb.add(surface, Sense(code, sector, name, kind, ambiguous=ambiguous))
    for surface in entry.get("adjectives") or []:
        kb.add(surface, Sense(code, "", name, "adjective"))
    for surface in entry.get("demonyms") or []:
        kb.add(surface, Sense(code, "", name, "demonym"))
    for key in ("metonyms", "institutions"):
        for surface, sector in (entry.get(key) or {}).items():
            kb.add(surface, Sense(code, sector or "", f"{name} ({surface})", key[:-1]))
    for alias in entry.get("aliases_for_context") or []:
        kb.context_aliases[alias.lower().removeprefix("the ")] = code


def _load_sectors(kb: KnowledgeBase, path: Path) -> None:
    if not path.exists():
        return
    for sector, spec in (load_yaml(path.read_text(encoding="utf-8")) or {}).items():
        words = spec.get("words", []) if isinstance(spec, dict) else spec
        for word in words or []:
            kb.sector_words.setdefault(str(word).lower(), sector)


def _load_officeholders(kb: KnowledgeBase, path: Path) -> None:
    if not path.exists():
        return
    terms_by_person: dict[str, list[Term]] = {}
    aliases_by_person: dict[str, set[str]] = {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    for row in csv.DictReader(lines):
        person = row["name"].strip()
        terms_by_person.setdefault(person, []).append(Term(
            row["country"].strip(), (row.get("sector") or "GOV").strip(), row["role"].strip(),
            row["start"].strip(), (row.get("end") or "").strip()))
        aliases = {a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()}
        aliases_by_person.setdefault(person, set()).update(aliases | {person})
    for person, terms in terms_by_person.items():
        terms.sort(key=lambda t: t.start)
        sense = Sense(terms[-1].country, terms[-1].sector, person, "person", tuple(terms))
        for alias in aliases_by_person[person]:
            kb.add(alias, sense)
