"""The event lexicon (data/lexicon.yaml and data/lexicon-*.yaml): verbs, multi-word verbs and event
nouns -> CAMEO codes."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from detente.datafile import load_yaml

from detente.events.codes import code_table

LEXICON_FILE = Path(__file__).parent / "data" / "lexicon.yaml"
DEFAULT_TARGETS = ("dobj", "dative", "to", "with", "against", "on", "at")
ANY_OBJECT = "*"  # object: ["*"]: the verb needs an object, whatever it is ("returned X to Y")
PERSON_OBJECT = "@person"  # object: ["@person"]: the verb needs a person or group as object ("captured a commander")


@dataclass(frozen=True)
class Entry:
    id: str
    code: str
    lemma: str
    pos: str  # "verb" or "noun"
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    targets: tuple[str, ...] = DEFAULT_TARGETS
    examples: tuple[dict, ...] = ()
    except_objects: frozenset[str] = frozenset()   # objects that make another sense ("struck a chord")

    @property
    def specificity(self) -> int:
        """Named objects beat any object, which beats a particle alone."""
        named = bool(self.objects - {ANY_OBJECT, PERSON_OBJECT})
        return 4 * named + 2 * bool(self.objects & {ANY_OBJECT, PERSON_OBJECT}) + bool(self.particle)

    def pattern(self) -> str:
        parts = [self.lemma, self.particle or "", "|".join(sorted(self.objects))]
        return f"{self.pos}:" + " ".join(p for p in parts if p)


@dataclass
class Lexicon:
    entries: list[Entry]
    digest: str
    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)

    def __post_init__(self):
        for entry in self.entries:
            index = self.verbs if entry.pos == "verb" else self.nouns
            index.setdefault(entry.lemma, []).append(entry)
        for candidates in (*self.verbs.values(), *self.nouns.values()):
            candidates.sort(key=lambda e: -e.specificity)

    def by_id(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


class LexiconError(ValueError):
    pass


def lexicon_files(path: str | None = None) -> list[Path]:
    """The lexicon's files: ``path`` alone, else ``lexicon.yaml`` and every ``lexicon-*.yaml``
    beside it (an analyst's or a CAMEO root's additions), in name order."""
    if path:
        return [Path(path)]
    return [LEXICON_FILE, *sorted(LEXICON_FILE.parent.glob("lexicon-*.yaml"))]


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    known = code_table()
    entries, digest = [], hashlib.sha256()
    for source in lexicon_files(path):
        raw = source.read_bytes()
        digest.update(raw)
        entries += [_entry(item, known, source) for item in (load_yaml(raw) or {}).get("entries", [])]
    seen: set[str] = set()
    for entry in entries:   # an id names one entry: evidence and the confidence model refer to it
        if entry.id in seen:
            raise LexiconError(f"entry id {entry.id!r} is used twice in {', '.join(map(str, lexicon_files(path)))}")
        seen.add(entry.id)
    return Lexicon(entries, digest.hexdigest()[:12])


def _entry(item: dict, known: dict, source: Path) -> Entry:
    entry_id = item.get("id", "?")
    code = str(item.get("code", "")).strip()
    if code not in known:
        raise LexiconError(f"{source}: entry {entry_id!r} has unknown CAMEO code {code!r}")
    if bool(item.get("verb")) == bool(item.get("noun")):
        raise LexiconError(f"{source}: entry {entry_id!r} needs exactly one of 'verb' or 'noun'")
    objects = item.get("object") or []
    if isinstance(objects, str):
        objects = [objects]
    targets = item.get("target") or DEFAULT_TARGETS
    if isinstance(targets, str):
        targets = [targets]
    return Entry(
        id=entry_id, code=code,
        lemma=str(item.get("verb") or item.get("noun")).lower(),
        pos="verb" if item.get("verb") else "noun",
        particle=(str(item["particle"]).lower() if item.get("particle") else None),
        objects=frozenset(str(o).lower() for o in objects),
        targets=tuple(str(t).lower() for t in targets),
        examples=tuple(item.get("examples") or ()),
        except_objects=frozenset(str(o).lower() for o in _as_list(item.get("except_object"))),
    )


def _as_list(value) -> list:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)
