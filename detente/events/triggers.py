"""A trigger: a verb or event noun the lexicon matched, with its entry and the object that made
the match, and the tokens filling the entry's slots; and what kind of word a token is (a person,
a thing) as the matching and the target search read it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from detente.events.lexicon import Entry
from detente.events.syntax import slot_tokens


@dataclass
class Trigger:
    token: Token
    entry: Entry
    obj: Token | None = None
    filled: dict[str, list[Token]] = field(default_factory=dict, repr=False, compare=False)

    def slot(self, name: str, grammar) -> list[Token]:
        """The tokens filling one of the lexicon's slots (:func:`syntax.slot_tokens`), read once."""
        if name not in self.filled:
            self.filled[name] = slot_tokens(self, name, grammar)
        return self.filled[name]


def is_person(token: Token, resolver) -> bool:
    """A noun or pronoun for people: a role word ("commander", "soldiers"), a person or a nationality."""
    return (token.lower_ in ("him", "her", "them", "he", "she") or token.ent_type_ in ("PERSON", "NORP")
            or (token.pos_ in ("NOUN", "PROPN") and bool(resolver.sector_of(token))))


def is_thing(token: Token, resolver) -> bool:
    """A noun for a thing, not for people: no role word ("student", "troops"), no person or group."""
    return (token.pos_ in ("NOUN", "PROPN", "NUM") and not resolver.sector_of(token)
            and token.ent_type_ not in ("PERSON", "NORP", "ORG", "GPE"))
