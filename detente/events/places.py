"""Where an act happened, and the state that gives the actors whose state the text does not name.

CAMEO coders code an attack whose attacker is not named as the act of the state where it
happened ("a car bomb killed 12 people in Baghdad": IRQ), and place roles of unknown state in
the state they act in ("insurgents in Fallujah" are Iraqi). The place of an act is a place named
in its own phrase or clause, nested or not ("near a patrol in the town of Baiji, north of
Baghdad"), else the story's dateline.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from detente.actors import Actor
from detente.actors.knowledge import NAMED_UNIDENTIFIED
from detente.actors.resolver import PLACE_LABELS, TITLES, UNIDENTIFIED, DocContext, circumstance

LOCATIVE_PREPS = {"in", "near", "beside", "outside", "inside", "around", "across", "through",
                  "throughout", "off"}  # not "at": "fired at"; not "to": "sent troops to Mali" is done at home
# where an act goes ("thrust into Basra, fighting"): the state acted in, but not the mover's own
REACH_PREPS = LOCATIVE_PREPS | {"into"}
# a place reached through "from" is where the act happened only nested ("seized from a house in
# Basra"); "from Iraq" itself is where someone came from
ORIGIN_PREPS = {"from"}
# within a phrase: "the town of Baiji", "north of Baghdad", "an attack on a camp near Kandahar"
NESTED_PLACE_PREPS = LOCATIVE_PREPS | {"of", "from", "on", "at"}
PLACE_KINDS = ("state", "metonym")   # a state's name, or a place or capital standing for it
PLACE_DEPTH = 3
SIMULTANEOUS_MARKERS = ("when", "as", "while")
CHAINED_DEPS = ("conj", "advcl")   # "exploded in Herat, killing ... and injuring ...": one act's places
PLACE_HEADS = frozenset(TITLES["places"]["heads"])   # "overran a village in Ituri": where the act was
WHERE_IT_HAPPENED = "no attacker named: the state where it happened"
OWN_ROLE = "one of"          # "the army suspended a commander": the army's own, a second actor of its code
REGIONAL_WORDS = frozenset(TITLES.get("regional_words") or ())


class Places:
    """The place of an act and the states it gives, read with the knowledge base's names and the
    grammar's sectors that act at home."""

    def __init__(self, kb, grammar):
        self.kb = kb
        self.grammar = grammar

    def of_act(self, token: Token, ctx: DocContext, dateline: bool = True, reach: bool = False) -> Actor | None:
        """The state where the act of ``token`` happened: a place named in its own clause ("in
        Fallujah", "near Kandahar"), in the clause it belongs to, in its subject or agent ("car
        bombs in Mosul killed"), else the story's dateline; with ``reach``, a place it goes into too."""
        doers = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        doers += [p for a in token.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        # a place acted on or gone to: "overran a village in Ituri", "took to the streets of Monrovia"
        sites = [o for verb in (token, token.head) for o in verb.children
                 if o.dep_ == "dobj" and o.lemma_.lower() in PLACE_HEADS]
        sites += [p for verb in (token, token.head) for prep in verb.children
                  if prep.dep_ == "prep" and prep.lower_ == "to"
                  for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in PLACE_HEADS]
        # the means and the moment: "met with gunfire near Kismayo", "when it landed in Goma"
        means = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "with"
                 for p in prep.children if p.dep_ == "pobj"]
        moments = [c for c in token.children if c.dep_ == "advcl"
                   and any(m.dep_ in ("advmod", "mark") and m.lower_ in SIMULTANEOUS_MARKERS for m in c.children)]
        for host in (token, token.head, *doers, *sites, *means, *moments):
            own_clause = host.i in (token.i, token.head.i) or host in moments
            own = REACH_PREPS if reach else LOCATIVE_PREPS
            place = self._under(host, ctx, own if own_clause else NESTED_PLACE_PREPS)
            if place is not None:
                return place
        return ctx.memory.dateline if dateline else None

    def of_chained_act(self, token: Token, ctx: DocContext, dateline: bool = True) -> Actor | None:
        """The place of an act, or of the act it is chained to ("a bomb exploded in Herat, killing
        four and injuring nine"), else the dateline (with ``dateline``)."""
        host = token
        for _ in range(PLACE_DEPTH):
            place = self.of_act(host, ctx, dateline=False)
            if place is not None or host.dep_ not in CHAINED_DEPS:
                break
            host = host.head
        return place if place is not None or not dateline else ctx.memory.dateline

    def as_source(self, token: Token, ctx: DocContext, dateline: bool = True) -> tuple[list[Actor], str]:
        """An attack with no attacker named: the state where it happened (:meth:`of_chained_act`),
        as its source (the dateline's only with ``dateline``)."""
        place = self.of_chained_act(token, ctx, dateline)
        if place is None:
            return [], "no source"
        return [replace(place, how=f"{WHERE_IT_HAPPENED} ({place.how})")], f"{WHERE_IT_HAPPENED} ({place.how})"

    def localise(self, token: Token, source: Actor, target: Actor, ctx: DocContext,
                 code_info=None, at_home: bool = True) -> tuple[Actor, Actor]:
        """Actors of unknown state given the state they act in: the place of the act (of a thing
        acted on, its own phrase's) or the dateline; a target of unknown state of the police, the
        courts or a government, which act at home, or of a state itself coercing or freeing, takes
        their state (in a government's talks and statements, held anywhere, only its
        opponents do: "resumed talks with rebels", not "met technology executives"), and so does
        one who clashes with a state's police."""
        if UNIDENTIFIED not in (source.country, target.country):
            return source, target
        verbal = code_info is not None and code_info.quad_class in (1, 3) \
            and code_info.root not in self.grammar.placed_verbal_roots
        place = self._of_thing(target, token, ctx) or self.of_chained_act(token, ctx)
        if target.country == UNIDENTIFIED and target.sector and target.sector == source.sector \
                and source.country != UNIDENTIFIED and (place is None or place.how.startswith("dateline")):
            # "the army suspended a commander": one of its own, wherever the story was filed
            return source, in_state(target, source.country, f"{OWN_ROLE} {source.code}'s own")
        if place is not None:   # a thing acts for no one ("tanks rumbled into Gaza"): only roles are placed
            source = in_state(source, place.country, place.how) if source.sector else source
            target = in_state(target, place.country, place.how)
        named = _named(target) and code_info is not None and (
            code_info.quad_class in self.grammar.named_at_home_quad_classes
            or (code_info.code in self.grammar.freed_at_home_codes and source.sector in self.grammar.home_authority_sectors))
        if target.country == UNIDENTIFIED and (target.sector or named) and at_home and self._at_home(source, code_info) \
                and not (verbal and source.sector in self.grammar.travelling_sectors
                         and target.sector not in self.grammar.home_opponent_sectors):   # "talks with rebels"
            # "Kenyan police arrested <a name>": whom a state's police and courts act on is theirs
            target = in_state(target, source.country, f"acted on at home by {source.code}", persons=True)
        if place is None and self._own_institution(source, target, code_info):
            target = in_state(target, source.country, f"{source.code}'s own state's institution")
        if source.country == UNIDENTIFIED and source.sector and target.country != UNIDENTIFIED \
                and target.sector in self.grammar.local_force_sectors:
            source = in_state(source, target.country, f"acting at home against {target.code}")
        if source.country == UNIDENTIFIED and source.sector in self.grammar.home_authority_sectors \
                and target.country in self.kb.states and place is None and code_info is not None \
                and any(code_info.code.startswith(c) for c in self.grammar.home_authority_codes):
            source = in_state(source, target.country, f"acting at home on {target.code}")
        return source, target

    def within(self, noun: Token, ctx: DocContext) -> Actor | None:
        """The state a noun's own "in" phrase places it in ("the UN force in South Sudan")."""
        return self._under(noun, ctx, {"in"})

    def _of_thing(self, target: Actor, token: Token, ctx: DocContext) -> Actor | None:
        """A thing acted on is where its own phrase puts it ("claimed responsibility for the ambush
        in eastern Iraq")."""
        if target.country != UNIDENTIFIED or not target.how.startswith("unidentified object"):
            return None
        span = token.doc.char_span(target.start, target.end, alignment_mode="expand")
        return self._under(span.root, ctx, NESTED_PLACE_PREPS) if span is not None else None

    def _own_institution(self, source: Actor, target: Actor, code_info) -> bool:
        """Is ``target`` a bare institution of ``source``'s own state: one its people act on, or one
        its government or legislators act against in words (``governing_sectors``)."""
        if target.country != UNIDENTIFIED or target.sector not in self.grammar.governing_sectors \
                or source.country not in self.kb.states:
            return False
        rivalry = code_info is not None and code_info.quad_class in self.grammar.home_rivalry_quad_classes \
            and source.sector in self.grammar.governing_sectors
        return source.sector in self.grammar.citizen_sectors or rivalry

    def _at_home(self, source: Actor, code_info) -> bool:
        """Does ``source`` act at home: its police, courts or government, or the state itself
        coercing or freeing ("Eritrea detained a dissident"); no one expels his own."""
        if source.country not in self.kb.states or (code_info is not None and code_info.code in self.grammar.foreigner_codes):
            return False   # an organisation has no home
        itself = not source.sector and code_info is not None \
            and code_info.code.startswith(tuple(self.grammar.state_at_home_codes))
        return source.sector in self.grammar.domestic_sectors or itself

    def _under(self, host: Token, ctx: DocContext, preps, depth: int = 0) -> Actor | None:
        """The first place named under ``host`` through locative phrases, nested ones included:
        a state's name or a place of one state."""
        if depth > PLACE_DEPTH:
            return None
        for child in host.children:
            if child.dep_ == "prep" and (child.lower_ in preps or child.lower_ in ORIGIN_PREPS):
                for place in (c for c in child.children if c.dep_ == "pobj" and not circumstance(c)):
                    mention = ctx.mentions.get(place.i)   # a place named, not a phrase ("one of its posts")
                    if mention is not None and child.lower_ not in preps:
                        continue
                    states = {s.country for s in mention.senses if s.kind in PLACE_KINDS} if mention \
                        else self._owners(place, ctx) or self._apposed(place, ctx)
                    if len(states) == 1:
                        return self._place(states.pop(), place)
                    found = self._under(place, ctx, NESTED_PLACE_PREPS, depth + 1) if mention is None else None
                    if found is not None:
                        return found
            elif child.dep_ in ("npadvmod", "appos") and depth > 0:   # "a patrol, north of Baghdad"
                found = self._under(child, ctx, NESTED_PLACE_PREPS, depth + 1)
                if found is not None:
                    return found
        return None

    def _apposed(self, place: Token, ctx: DocContext) -> set[str]:
        """The state a place unknown here is set in by apposition ("in Bouna, northern Ivory Coast")."""
        if place.ent_type_ not in PLACE_LABELS:
            return set()
        return {s.country for c in place.children if c.dep_ == "appos" and c.i in ctx.mentions
                for s in ctx.mentions[c.i].senses if s.kind in PLACE_KINDS}

    def _owners(self, place: Token, ctx: DocContext) -> set[str]:
        """The states a place noun's own modifiers name ("Nigeria's Borno state", "the Liberian
        capital"), if it is a place noun."""
        if place.lemma_.lower() not in PLACE_HEADS:
            return set()
        return {s.country for c in place.children if c.dep_ in ("poss", "amod", "compound") and c.i in ctx.mentions
                for s in ctx.mentions[c.i].senses if s.kind in (*PLACE_KINDS, "adjective")}

    def _place(self, country: str, place: Token) -> Actor:
        return Actor(country, "", self.kb.names.get(country, country), place.text, place.idx,
                     place.idx + len(place.text), f"place of the act '{place.text}'")


def in_state(actor: Actor, country: str, how: str, persons: bool = False) -> Actor:
    """An actor of unknown state (a role or a thing, with ``persons`` a person the knowledge base
    lacks too) placed in ``country``; others unchanged, and so is a role of a region or bloc
    ("African leaders", "foreign troops"). A person is not placed by where he is: a foreigner may
    be anywhere."""
    placeable = actor.sector or actor.how.startswith("unidentified object") or (persons and _named(actor))
    if actor.country != UNIDENTIFIED or not placeable:
        return actor
    if actor.sector and REGIONAL_WORDS & set(actor.text.lower().split()):
        return actor   # not "a regional government office": a thing is where it stands
    return Actor(country, actor.sector, actor.name, actor.text, actor.start, actor.end, f"{actor.how}; state from {how}")


def _named(actor: Actor) -> bool:
    """A person or organisation the knowledge base lacks."""
    return actor.how.startswith(NAMED_UNIDENTIFIED)


def one_of_its_own(actor: Actor) -> bool:
    """A role given the state of the actor of its sector that acts on it: a second actor of one code."""
    return f"; state from {OWN_ROLE} " in actor.how


def named_at_home(actor: Actor) -> bool:
    """A person or organisation of unknown state given the state of the police or court acting on
    it: another actor than that state, though of its code."""
    return _named(actor) and "; state from acted on at home by " in actor.how
