"""Which source and target make a pair: two actors, not one acting on itself, at least one of
them more than a role, and what side of a dyad each stands for. Read by the coder once it has
found the sources and targets of an act."""

from __future__ import annotations

from detente.actors import Actor
from detente.actors.knowledge import NAMED_UNIDENTIFIED
from detente.actors.resolver import UNIDENTIFIED
from detente.events.places import WHERE_IT_HAPPENED

HOME_STATE = "the source's own state (a measure at home)"


def identified(source: Actor, target: Actor) -> bool:
    """An event needs an actor that is more than a role (a known state or organisation, or a
    named person or organisation), or two roles ("police arrested journalists": ---COP -> ---MED);
    a role acting on a bare thing ("protesters damaged the building") is too vague to code."""
    return any(a.country != UNIDENTIFIED or a.how.startswith(NAMED_UNIDENTIFIED) for a in (source, target)) \
        or all(a.sector for a in (source, target))


def distinct(source: Actor, target: Actor) -> bool:
    """Two actors, not one acting on itself: another state or sector, two persons of one sector
    ("Karzai sacked Ismail Khan"), or a state standing for an attacker not named ("a bomb in Mosul
    killed seven Iraqis": IRQ -> IRQ)."""
    if source.country == target.country == UNIDENTIFIED:
        return source.name.lower() != target.name.lower()
    if target.how == HOME_STATE:
        return True
    if any(a.how.startswith(WHERE_IT_HAPPENED) for a in (source, target)):
        return source.country != target.country or not the_state_itself(source) or not the_state_itself(target)
    if all(a.how.startswith("person ") for a in (source, target)):
        return source.name != target.name
    if sum(a.how.startswith("person ") for a in (source, target)) == 1 and _a_role(source) != _a_role(target):
        return True   # "the president overruled the ministers": a person and others of his government
    return source.country != target.country or source.sector != target.sector


def dyad_side(actor: Actor) -> str:
    """The side of a dyad an actor stands for: its state, or itself when its state is unknown."""
    return actor.code if actor.country == UNIDENTIFIED else actor.country


def _a_role(actor: Actor) -> bool:
    """A role word of a state ("the Afghan minister", "Russian troops"), not a name or its holder."""
    return "from role word" in actor.how and "held by" not in actor.how and "person " not in actor.how


def both_ways(pairs: list[tuple[Actor, Actor]]) -> list[tuple[Actor, Actor]]:
    """Each pair and its reverse, once (an act done together, or a fight)."""
    found = list(pairs)
    for source, target in pairs:
        if (target, source) not in found and (target.country != UNIDENTIFIED or target.sector):
            found.append((target, source))
    return found


def the_state_itself(actor: Actor) -> bool:
    """The state as a whole or as a place ("Iraq", "in Baghdad"), not its people or its bodies."""
    return not actor.sector and actor.how.split(" ")[0] in ("state", "metonym", "dateline", "place") \
        or actor.how.startswith(WHERE_IT_HAPPENED)
