"""A fight has two sides: which acts of force are coded both ways ("clashed with", "fighting
between X and Y"), the sides of "<fight> between X and Y", and the fights that are contests,
not force ("a legal battle"). The words are the grammar's (``two_sided_fights``,
``figurative_fight_modifiers``)."""

from __future__ import annotations

from spacy.tokens import Token

from detente.actors import Actor
from detente.actors.resolver import DocContext


def two_sided(trigger, grammar) -> bool:
    """An act of force (CAMEO 19) named by a fight word: coded both ways."""
    return trigger.token.lemma_.lower() in grammar.two_sided_fights and trigger.entry.code[:2] == "19"


def figurative_fight(noun: Token, grammar) -> bool:
    """"a legal battle", "a political fight": a contest, not an act of force."""
    return noun.lemma_.lower() in grammar.two_sided_fights and any(
        c.dep_ in ("amod", "compound") and c.lower_ in grammar.figurative_fight_modifiers
        for c in noun.children)


def between_sides(token: Token, ctx: DocContext, resolver) -> tuple[list[Actor], list[Actor]] | None:
    """The two sides of "<fight> between X and Y" ("fighting between the army and rebels"): X's
    phrase, and its conjuncts'."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "between"):
        for first in (c for c in prep.children if c.dep_ == "pobj"):
            later = {t.i for c in first.children if c.dep_ in ("conj", "cc") for t in c.subtree}
            own = [t for t in first.subtree if t.i not in later]
            start, end = own[0].idx, own[-1].idx + len(own[-1].text)
            actors = resolver.actors_of(first, ctx)
            one = [a for a in actors if start <= a.start < end]
            other = [a for a in actors if not start <= a.start < end]
            if one and other:
                return one, other
    return None
