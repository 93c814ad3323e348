"""Loading the actor knowledge base from its data files, and extending a copy of it with
actors imported from other dictionaries (see :mod:`detente.actors.petrarch`)."""

from __future__ import annotations

import csv
import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from detente.datafile import load_yaml

DATA_DIR = Path(__file__).parent / "data"
ARTICLES = ("the ", "The ", "THE ")
IMPORTED = "imported"
# how a resolved actor says it is a person or organisation named but not in the knowledge base
NAMED_UNIDENTIFIED = ("unidentified person", "unidentified org")
OPEN_START = "0001-01-01"
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "la", "le", "al"}


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
        """For a person: the sense in force on ``date``; out of office, the state of the nearest
        term without its sector (Tsvangirai in 2008 was Zimbabwean, not yet its government)."""
        if not self.terms:
            return self
        covering = [t for t in self.terms if t.covers(date)]
        if covering:
            term = covering[0]
        elif date:
            nearest = min(self.terms, key=lambda t: t.distance(date))
            return Sense(nearest.country, "", self.name, self.kind, self.terms)
        else:
            term = self.terms[-1]
        return Sense(term.country, term.sector, self.name, self.kind, self.terms)


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
    states: set[str] = field(default_factory=set)
    state_sectors: set[str] = field(default_factory=set)   # the state's own branches (sectors.yaml)
    digest: str = ""
    _folded: tuple[int, dict] | None = field(default=None, repr=False, compare=False)

    def add(self, surface: str, sense: Sense) -> None:
        surface = without_article(surface)
        if not surface:
            return
        senses = self.surfaces.setdefault(surface, [])
        if sense not in senses:
            senses.append(sense)
            if _prominent(sense):
                # How much the knowledge base says about a state and its own bodies: the tie-breaker
                # between states that share a generic institution name ("Senate", "Foreign Ministry").
                # Places and armed or opposition groups do not count: many of them make no state
                # more likely to own a "Parliament".
                self.prominence[sense.country] = self.prominence.get(sense.country, 0) + 1

    def senses(self, surface: str) -> list[Sense]:
        return self.surfaces.get(surface, [])

    def senses_any_case(self, surface: str) -> list[Sense]:
        """Senses of a surface however it is capitalised ("PORT-AU-PRINCE" in a dateline)."""
        if self._folded is None or self._folded[0] != len(self.surfaces):
            folded: dict[str, list[Sense]] = {}
            for known, senses in self.surfaces.items():
                folded.setdefault(known.lower(), []).extend(senses)
            self._folded = (len(self.surfaces), folded)
        return self._folded[1].get(surface.lower(), [])


NON_STATE_SECTORS = {"", "REB", "CRM", "OPP"}


def _prominent(sense: "Sense") -> bool:
    if sense.kind in ("state", "igo", "adjective", "demonym"):
        return True
    return sense.kind in ("metonym", "institution") and sense.sector not in NON_STATE_SECTORS


def without_article(surface: str) -> str:
    """A surface as the knowledge base keys it: trimmed, without a leading "the"."""
    surface = surface.strip()
    for article in ARTICLES:
        if surface.startswith(article) and len(surface) > len(article):
            surface = surface[len(article):]
    return surface


@functools.lru_cache(maxsize=4)
def load_knowledge_base(data_dir: str | None = None) -> KnowledgeBase:
    folder = Path(data_dir) if data_dir else DATA_DIR
    kb = KnowledgeBase()
    digest = hashlib.sha256()
    for path in (folder / "states.yaml", folder / "igos.yaml", folder / "places.yaml", folder / "sectors.yaml",
                 *officeholder_files(folder)):
        if path.exists():
            digest.update(path.read_bytes())
    kb.digest = digest.hexdigest()[:12]
    for kind, filename in (("state", "states.yaml"), ("igo", "igos.yaml")):
        path = folder / filename
        if path.exists():
            for entry in load_yaml(path.read_text(encoding="utf-8")) or []:
                _add_entity(kb, entry, kind)
    _load_places(kb, folder / "places.yaml")
    _load_sectors(kb, folder / "sectors.yaml")
    _load_officeholders(kb, officeholder_files(folder))
    return kb


def officeholder_files(folder: Path) -> list[Path]:
    """``officeholders.csv`` and every ``officeholders-*.csv`` beside it (by region), in name order."""
    return [folder / "officeholders.csv", *sorted(folder.glob("officeholders-*.csv"))]


def _add_entity(kb: KnowledgeBase, entry: dict, kind: str) -> None:
    code, name = entry["code"], entry.get("name", entry["code"])
    kb.names[code] = name
    if kind == "state":
        kb.states.add(code)
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
            terms = _dated_sectors(code, sector) if isinstance(sector, list) else ()
            kb.add(surface, Sense(code, "" if terms else sector or "", f"{name} ({surface})", key[:-1], terms))
    for alias in entry.get("aliases_for_context") or []:
        kb.context_aliases[alias.lower().removeprefix("the ")] = code


def _dated_sectors(code: str, spans: list[dict]) -> tuple[Term, ...]:
    """An institution whose sector changed ("the Taliban": rebels until 1996, the government
    until 2001, rebels again until August 2021): one term per span, ``from``/``until`` ISO dates,
    either end open."""
    return tuple(Term(code, str(span.get("sector") or ""), "", str(span.get("from") or ""), str(span.get("until") or ""))
                 for span in spans)


def _csv_rows(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _load_places(kb: KnowledgeBase, path: Path) -> None:
    """Subdivisions and cities (places.yaml): each stands for its state as a place, as the
    metonyms of states.yaml with no sector do."""
    if not path.exists():
        return
    for code, surfaces in ((load_yaml(path.read_text(encoding="utf-8")) or {}).get("places") or {}).items():
        if code not in kb.names:
            raise ValueError(f"{path}: unknown state {code!r}")
        for surface in surfaces or []:
            kb.add(str(surface), Sense(code, "", f"{kb.names[code]} ({surface})", "metonym"))


def _load_sectors(kb: KnowledgeBase, path: Path) -> None:
    if not path.exists():
        return
    for sector, spec in (load_yaml(path.read_text(encoding="utf-8")) or {}).items():
        words = spec.get("words", []) if isinstance(spec, dict) else spec
        if isinstance(spec, dict) and spec.get("of_the_state"):
            kb.state_sectors.add(sector)
        for word in words or []:
            kb.sector_words.setdefault(str(word).lower(), sector)


def _load_officeholders(kb: KnowledgeBase, paths: list[Path]) -> None:
    """One sense per person, with every office the files give them as dated terms."""
    terms_by_person: dict[str, list[Term]] = {}
    aliases_by_person: dict[str, set[str]] = {}
    for row in (r for path in paths if path.exists() for r in _csv_rows(path)):
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


# imported actors --------------------------------------------------------------------------------
def extend_knowledge_base(base: KnowledgeBase, rows: list[dict]) -> KnowledgeBase:
    """A copy of ``base`` with imported names added (``base`` itself is not changed).

    ``rows`` are stored imported names (store.imported_actors): kind ``actor`` rows become
    senses, grouped by dictionary entry so that an entry's dated codes become the dated
    :class:`Term` s of one sense (first matching code in dictionary order wins, the undated
    default code covers the rest); kind ``agent`` rows become sector words. An imported name
    replaces the built-in senses of the same spelling: the user's dictionary is the more specific
    statement. Each name is added in the case forms news text uses ("ARNOR", "Arnor",
    "Prince of Dol Amroth"). The digest covers the imported rows, so a new import is a new run.
    """
    if not rows:
        return base
    kb = KnowledgeBase(surfaces={k: list(v) for k, v in base.surfaces.items()},
                       sector_words=dict(base.sector_words), names=dict(base.names),
                       context_aliases=dict(base.context_aliases), prominence=dict(base.prominence),
                       states=set(base.states), state_sectors=set(base.state_sectors))
    replaced: set[str] = set()
    for entry_rows in _by_entry(r for r in rows if r["kind"] == "actor"):
        _add_imported_entry(kb, entry_rows, replaced)
    for row in rows:
        if row["kind"] == "agent":
            kb.sector_words[" ".join(row["surface"].lower().split())] = row["sector"]
    kb.digest = _imported_digest(base.digest, rows)
    return kb


def case_forms(surface: str) -> list[str]:
    """The ways news text writes a dictionary name: as given, upper case, title case, and title
    case with small words lower ("PRINCE OF DOL AMROTH" -> "Prince of Dol Amroth")."""
    words = surface.split()
    title = [_capitalised(w) for w in words]
    small = [w.lower() if i and w.lower() in SMALL_WORDS else t
             for i, (w, t) in enumerate(zip(words, title))]
    forms = [surface, surface.upper(), " ".join(title), " ".join(small)]
    return list(dict.fromkeys(f for f in forms if f))


def _capitalised(word: str) -> str:
    """"AL-QAEDA" -> "Al-Qaeda", "U.S." stays "U.S."."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _by_entry(rows) -> list[list[dict]]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row.get("source_file", ""), row["entry"]), []).append(row)
    return list(groups.values())


def _add_imported_entry(kb: KnowledgeBase, rows: list[dict], replaced: set[str]) -> None:
    name = case_forms(rows[0]["entry"])[-1]
    for sense in _entry_senses(rows, name):
        kb.names.setdefault(sense.country, name)
        for surface in dict.fromkeys(r["surface"] for r in rows):
            for form in dict.fromkeys(without_article(f) for f in case_forms(surface)):
                if form and form not in replaced:
                    kb.surfaces[form] = [s for s in kb.senses(form) if s.kind == IMPORTED]
                    replaced.add(form)
                kb.add(form, sense)


def _entry_senses(rows: list[dict], name: str) -> list[Sense]:
    """One sense per undated code; the dated codes, in dictionary order, become the terms of
    the first sense (with the default code as an open term after them)."""
    codes = list(dict.fromkeys((r["country"], r["sector"], r["start"], r["end"], r["line"]) for r in rows))
    dated = sorted({c for c in codes if c[2] or c[3]}, key=lambda c: c[4])
    plain = [c for c in codes if not (c[2] or c[3])]
    plain = list(dict.fromkeys(c[:2] for c in plain))
    if not dated:
        return [Sense(country, sector, name, IMPORTED) for country, sector in plain]
    terms = [Term(c[0], c[1], name, c[2] or OPEN_START, c[3]) for c in dated]
    if plain:
        terms.append(Term(plain[0][0], plain[0][1], name, OPEN_START, ""))
    default = plain[0] if plain else dated[-1][:2]
    first = Sense(default[0], default[1], name, IMPORTED, tuple(terms))
    return [first] + [Sense(country, sector, name, IMPORTED) for country, sector in plain[1:]]


def _imported_digest(base_digest: str, rows: list[dict]) -> str:
    keys = ("kind", "surface", "country", "sector", "start", "end", "entry", "line")
    payload = json.dumps([[row[k] for k in keys] for row in rows], ensure_ascii=False)
    return hashlib.sha256(f"{base_digest}/{payload}".encode()).hexdigest()[:12]
