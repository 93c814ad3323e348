"""Whom an act is done to: the slots of a trigger's lexicon entry, then the fallbacks, searched
for another actor than the source (a known state first, then the source state's own bodies, then
an actor of unknown state, last a thing); the party a condition addresses, the subject of a
demanded or reported clause, the party of an act agreed to, the state where force or aid was
used, the source's own state for a measure at home, and a channel's other party."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from detente.actors import Actor
from detente.actors.knowledge import NAMED_UNIDENTIFIED
from detente.actors.resolver import RELATIONAL_HEADS, TITLES, UNIDENTIFIED, DocContext, unique_mentions
from detente.events.lexicon import Entry
from detente.events.pairs import HOME_STATE, distinct
from detente.events.syntax import direct_objects
from detente.events.triggers import Trigger, is_thing

SPEECH_ROOTS = {"01", "02", "10", "11", "12", "13"}
FALLBACK_SLOTS = ("dobj", "object-prep", "to", "against", "with", "object-owner")
FOREIGN_SLOTS = {"object-owner", "place"}  # never the source's own state ("its troops", "in Moscow")
UNNAMED_PARTY = "target: allies or partners of no state named"
MISSION_HEADS = frozenset(TITLES.get("mission_heads") or ())
COMPLEMENT_SLOTS = ("dobj", "dative", "to", "with", "against", "on", "for", "into", "in", "object-prep",
                    "object-owner")


class Targets:
    """Finds the targets of a trigger, given its sources."""

    def __init__(self, resolver, grammar, codes, places, kb):
        self.resolver, self.grammar, self.codes, self.places, self.kb = resolver, grammar, codes, places, kb

    def of(self, trigger: Trigger, ctx: DocContext, sources: list[Actor]) -> tuple[list[Actor], str]:
        """The first slot (the entry's, then the fallbacks) naming an actor other than the source."""
        token, entry = trigger.token, trigger.entry
        # another state's known actors in any slot first, then the source state's own institutions,
        # then an actor of unknown state, last a thing in the entry's own slots ("condemned the attack")
        fallbacks = FALLBACK_SLOTS
        if token.lemma_.lower() in self.grammar.topic_verbs:   # "discussed Syria": a topic, not a party
            fallbacks = tuple(f for f in FALLBACK_SLOTS if f not in ("dobj", "object-owner"))
        all_slots = (*entry.targets, *fallbacks)
        if self.codes[entry.code].quad_class in self.grammar.place_target_quad_classes:
            all_slots += ("place",)
        # ... but a role in the entry's own first slot is the one acted on ("detained several suspects in
        # the attack on the convoy of the prime minister": the suspects)
        first = (entry.targets[:1], True, False, False) if entry.targets[:1] == ("dobj",) else None
        if first is not None and any(c.lower_ in RELATIONAL_HEADS and not self.resolver.actors_of(c, ctx)
                                     for c in trigger.slot("dobj", self.grammar)):
            return [], UNNAMED_PARTY   # "urged the allies to deny Moscow ...": the allies, of no state named
        passes = ((all_slots, False, False, True), (all_slots, False, False, False),
                  ((*entry.targets, "object-prep", "object-owner"), True, False, False),
                  (entry.targets, True, True, False))
        if first is not None and any(a.sector and a.country == UNIDENTIFIED
                                     for c in trigger.slot("dobj", self.grammar)
                                     for a in self.resolver.actors_of(c, ctx)):
            passes = (first, *passes)
        elif self._person_in_own_slot(trigger, ctx, sources):
            # "opened an investigation of <a name> over his ties to the Russian government": the one
            # named, of no state known or of the source's own, not a state further down the phrase
            passes = ((entry.targets, True, False, False), *passes)
        asked = False
        for slots, unidentified_ok, things, foreign_only in passes:
            if unidentified_ok and not asked:   # the party a condition addresses beats one of no known state
                asked = True
                actors, subject = self._condition_party(token, ctx, sources)
                if actors:
                    return actors, f"target from the condition's subject '{subject.text}'"
            actors, slot, candidate = self.in_slots(trigger, slots, ctx, sources, unidentified_ok,
                                                    things, foreign_only)
            if actors:
                kind = "" if slot in entry.targets else "fallback "
                return actors, f"target from {kind}{slot} '{candidate.text}'"
        if entry.pos == "noun" and token.dep_ in ("nsubj", "nsubjpass"):
            for obj in (c for c in token.head.children if c.dep_ == "dobj"):
                actors = self.resolver.actors_of(obj, ctx)
                if actors:
                    return actors, f"object of '{token.head.text}'"
        if entry.code[:2] in SPEECH_ROOTS:
            for clause in (c for c in token.children if c.dep_ in ("ccomp", "xcomp")):
                for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                                and not is_thing(c, self.resolver)):   # not "warned that Japan's debt would ...": a thing
                    actors = self.resolver.actors_of(subject, ctx)
                    if entry.code[:2] == "13":   # "warned that its navy would respond": the threatener's own
                        actors = [a for a in actors if a.country not in {s.country for s in sources}]
                    if actors:
                        return actors, f"subject of the demanded or reported clause '{clause.text}'"
        if entry.pos == "verb":
            actors, note = self._complement_target(trigger, ctx, sources)
            if actors:
                return actors, note
        crowd = entry.code[:2] == "14" and all(s.sector in self.grammar.crowd_sectors for s in sources)
        if self.codes[entry.code].quad_class in self.grammar.place_target_quad_classes or crowd:
            # force or aid with no other party named, where the text says it happened ("pushed into
            # Ramadi, fighting street battles"): that state, if it is not the source's own; a crowd
            # demonstrates against the state where it is, the dateline's included
            place = self.places.of_act(token, ctx, dateline=crowd, reach=True)
            if place is not None and (crowd or place.country not in {s.country for s in sources}):
                if place.how.startswith("dateline"):
                    place = self._named_in_sentence(place, token, ctx)
                return [place], f"target: the state where it happened ({place.how})"
        if "home" in entry.targets:   # "declared a state of emergency": on its own state
            home = next((s for s in sources if s.country != UNIDENTIFIED), None)
            if home is not None:
                target = Actor(home.country, "", self.kb.names.get(home.country, home.country), home.text,
                               home.start, home.end, HOME_STATE)
                return [self._named_in_sentence(target, token, ctx)], "target: the source's own state"
        return [], "no target"

    def _person_in_own_slot(self, trigger: Trigger, ctx: DocContext, sources: list[Actor]) -> bool:
        """Is the first actor the entry's own slots name a person, one the knowledge base lacks or
        one of the source's own state?"""
        own = {s.country for s in sources}
        for slot in trigger.entry.targets:
            for candidate in trigger.slot(slot, self.grammar):
                actors = self.resolver.actors_of(candidate, ctx)
                if actors and all((a.how.startswith(NAMED_UNIDENTIFIED) and candidate.ent_type_ == "PERSON")
                                  or (a.how.startswith("person") and a.country in own) for a in actors):
                    return True
                if actors:
                    return False
        return False

    @staticmethod
    def _named_in_sentence(state: Actor, token: Token, ctx: DocContext) -> Actor:
        """The state given as a target quoted by its own name where the sentence has it ("the president
        declared a state of emergency across Kenya": "Kenya", not "the president" or the dateline)."""
        for mention in unique_mentions(ctx.mentions.values()):
            span = mention.span
            if span.sent == token.sent and not (span.start_char < state.end and state.start < span.end_char) \
                    and any(s.kind == "state" and s.country == state.country for s in mention.senses):
                return replace(state, text=span.text, start=span.start_char, end=span.end_char)
        return state

    def _complement_target(self, trigger: Trigger, ctx: DocContext, sources: list[Actor]) -> tuple[list[Actor], str]:
        """The party of the act agreed to, offered or announced ("agreed to open its borders to
        Afghanistan", "is ready to send troops to Mali"): a known actor in that act's slots."""
        if any(c.dep_ == "dobj" for c in trigger.token.children):
            return [], "no target"   # "urged the allies to deny Moscow ...": the allies are addressed
        # a threat's own clause too: "threatened that its troops would enter Somalia"
        deps = ("xcomp", "ccomp") if trigger.entry.code[:2] == "13" else ("xcomp",)
        for clause in (c for c in trigger.token.children if c.dep_ in deps and c.pos_ == "VERB"):
            inner = Trigger(clause, Entry(id="", code=trigger.entry.code, lemma=clause.lemma_.lower(),
                                          pos="verb", targets=COMPLEMENT_SLOTS))
            actors, slot, candidate = self.in_slots(inner, COMPLEMENT_SLOTS, ctx, sources, False,
                                                    False, False)
            if actors:
                return actors, f"target from {slot} '{candidate.text}' of '{clause.text}'"
        return [], "no target"

    def _condition_party(self, token: Token, ctx: DocContext, sources: list[Actor]):
        """Who a conditional act is addressed to: the subject of its condition ("will recall its envoy
        if Ankara keeps up the raids": Ankara)."""
        # a condition after coordinated acts holds for each ("will recall its envoy and close the border if ...")
        hosts = [token, *(c for c in token.children if c.dep_ == "conj"), *([token.head] if token.dep_ == "conj" else [])]
        for clause in (c for host in hosts for c in host.children if c.dep_ == "advcl"
                       and any(m.dep_ == "mark" and self._conditions(m, host) for m in c.children)):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                # a role of no state named too ("until the government raises wages"), placed later
                actors = [a for a in self.resolver.actors_of(subject, ctx)
                          if (a.country != UNIDENTIFIED or a.sector)
                          and all(distinct(s, a) and (s.country != a.country or a.country == UNIDENTIFIED)
                                  for s in sources)]
                if actors:
                    return actors, subject
        return [], None

    def _conditions(self, marker: Token, host: Token) -> bool:
        """Does ``marker`` make its clause a condition on ``host``: "if", "unless", and "until" after
        a refusal ("will not lift the ban until Ankara frees the traders")."""
        return marker.lower_ in self.grammar.condition_markers or (
            marker.lower_ in self.grammar.pending_markers and any(c.dep_ == "neg" for c in host.children))

    def in_slots(self, trigger: Trigger, slots, ctx: DocContext, sources: list[Actor],
                 unidentified_ok: bool, things: bool, foreign_only: bool):
        """The actors of the first slot filler that names a target, with its slot and token."""
        own = {s.country for s in sources}
        for slot in slots:
            for candidate in trigger.slot(slot, self.grammar):
                # the owner of an object is never the object itself ("attended a trade conference")
                named = self.resolver.actors_of(candidate, ctx, things=things and slot != "object-owner")
                if self.codes[trigger.entry.code].quad_class in (1, 2):
                    named = self._mission_state(candidate, named, ctx) or named
                named = [a for a in (*named, *self.resolver.members(candidate, ctx, named))
                         if any(distinct(s, a) for s in sources) and (unidentified_ok or a.country != UNIDENTIFIED)]
                # the owner of the direct object is the party even at home ("rejected the premier's deal
                # on trade with the EU": the premier, not the EU)
                # (and a person owning the matched object: "approved President Putin's request" yields to him,
                # but "expressed Egypt's solidarity" is Egypt's own)
                owners = [c for c in candidate.children if c.dep_ == "poss" and c.pos_ != "PRON"]
                owned = (slot == "dobj" and bool(owners)) or (slot == "object-owner" and any(
                    a.how.startswith(("person", "title")) for c in owners for a in self.resolver.actors_of(c, ctx)))
                actors = [a for a in named if not (((foreign_only or slot in FOREIGN_SLOTS) and not owned)
                                                   and a.country in own)]
                if actors and slot not in FOREIGN_SLOTS:
                    actors = named   # "clashed with US and Iraqi forces": the foreign one found, both are targets
                if actors:
                    return actors, slot, candidate
        return [], None, None

    def _mission_state(self, noun: Token, named: list[Actor], ctx: DocContext) -> list[Actor]:
        """A multinational force or mission joined, sent to or extended is there for the state it is
        in ("sent engineers to the UN mission in Haiti": Haiti); a state's own forces are its own."""
        if noun.lemma_.lower() not in MISSION_HEADS or any(a.country in self.kb.states for a in named):
            return []
        place = self.places.within(noun, ctx)
        return [replace(place, how=f"the state a mission is in ({place.how})")] if place is not None else []

    def channel_pairs(self, trigger: Trigger, sources: list[Actor], channels) -> tuple[list, str]:
        """An act on a channel (a working group, a treaty) is directed at the channel's other party."""
        token = trigger.token
        nearby = [*direct_objects(token), *(p for c in token.children if c.dep_ in ("prep", "prt", "advmod")
                                      for p in c.subtree)]
        if trigger.obj is not None:
            nearby += list(trigger.obj.subtree)
        for candidate in nearby:
            if candidate.i not in channels:
                continue
            span, channel = channels[candidate.i]
            pairs = []
            for source in sources:
                parties = channel.other_parties(source.country)
                if len(parties) == 1:
                    name = self.kb.names.get(parties[0], parties[0])
                    pairs.append((source, Actor(parties[0], "", name, span.text, span.start_char, span.end_char,
                                                f"other party of channel '{channel.name}'")))
            if pairs:
                return pairs, f"target from channel '{channel.id}'"
        return [], "no target"
