"""The event coder: parsed sentences in, CAMEO events with full provenance out.

For each verb or event noun the lexicon knows, the coder finds the source (subject, agent of
a passive, or the subject of the clause that governs it), the target (the slots the lexicon
entry names: direct object, dative, or a preposition on the verb, its particle or its object),
expands coordinated actors into one event each, reads modality and resolves the date.
What the parse says around a trigger is in ``syntax``; a trigger and the kinds of words it reads
in ``triggers``; who does an act in ``sources``; to whom, in ``targets``; where an act happened,
and the state it gives actors of unknown state, in ``places``; the two sides of a fight in
``fights``; which source and target make a pair in ``pairs``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from spacy.tokens import Span, Token

from detente import __version__
from detente.actors import Actor, Resolver, load_knowledge_base
from detente.actors.knowledge import NAMED_UNIDENTIFIED
from detente.actors.resolver import RELATIVE_PRONOUNS, UNIDENTIFIED, DocContext, Memory
from detente.channels import load_registry
from detente.events import dates
from detente.events.codes import code_table
from detente.events.confidence import PRIOR as CONFIDENCE_PRIOR, features as confidence_features, \
    load_model as load_confidence_model
from detente.events.fights import between_sides, figurative_fight, two_sided
from detente.events.grammar import load_grammar
from detente.events.lexicon import ANY_OBJECT, PERSON_OBJECT, Entry, load_lexicon
from detente.events.modality import ASSERTED, HYPOTHETICAL, Modality, modality_of
from detente.events.pairs import both_ways, distinct, dyad_side, identified
from detente.events.places import Places, named_at_home, one_of_its_own
from detente.events.sources import BOMBING, NO_ATTACKER, NO_SOURCE, Sources
from detente.events.syntax import (dates_nearest_first, direct_objects, hyphen_joined, object_words,
                                   obliged_subjects, subject_token)
from detente.events.targets import UNNAMED_PARTY, Targets
from detente.events.triggers import Trigger, is_person, is_thing
from detente.nlp import load_pipeline, model_name, pieces
from detente.store import act_group_id

CODER_VERSION = f"detente-coder/{__version__}"
MAX_SENTENCE_TOKENS = 400  # longer "sentences" are lists, tables or unpunctuated dumps, not prose


@dataclass
class Candidate:
    trigger: Trigger
    sources: list[Actor]
    pairs: list[tuple[Actor, Actor]]
    modality: Modality
    notes: list[str] = field(default_factory=list)
    subject: Token | None = None


class Coder:
    """Codes documents into events. One instance holds the pipeline, lexicon and knowledge base."""

    def __init__(self, nlp=None, lexicon=None, kb=None, grammar=None, channels=None, confidence_model=None):
        self.nlp = nlp or load_pipeline()
        self.lexicon = lexicon or load_lexicon()
        self.kb = kb or load_knowledge_base()
        self.grammar = grammar or load_grammar()
        self.channels = channels or load_registry()
        self.codes = code_table()
        self.confidence = confidence_model if confidence_model is not None else load_confidence_model()
        self.resolver = Resolver(self.kb, self.nlp.vocab, self.nlp.make_doc)
        self.places = Places(self.kb, self.grammar)
        self.sources = Sources(self.resolver, self.grammar)
        self.targets = Targets(self.resolver, self.grammar, self.codes, self.places, self.kb)
        self.skipped: list[str] = []  # sentences too long to code, one message each
        self.reported_obligation = Entry(id="reported-obligation", code=self.grammar.reported_obligation_code,
                                         lemma="(speech verb)", pos="verb", targets=("obliged-subject",))
        self.refused_permission = Entry(id="refused-permission", code=self.grammar.permission_code,
                                        lemma="(permission verb)", pos="verb", targets=("dobj", "obliged-subject"))
        self.wanted_act = Entry(id="wanted-act", code=self.grammar.wanted_act_code,
                                lemma="(wanting verb)", pos="verb", targets=("obliged-subject",))

    @property
    def version(self) -> str:
        return CODER_VERSION

    @property
    def lexicon_hash(self) -> str:
        """One hash over every data file that changes what the coder outputs."""
        parts = (self.lexicon.digest, self.kb.digest, self.grammar.digest, self.channels.digest,
                 self.confidence.digest if self.confidence else "-")
        return hashlib.sha256("/".join(parts).encode()).hexdigest()[:12]

    @property
    def model(self) -> str:
        return model_name()

    # documents -----------------------------------------------------------------------------
    def code_documents(self, docs: Iterable[dict], batch_size: int = 64) -> Iterator[tuple[str, list[dict]]]:
        """(doc_id, events) for each document dict (doc_id, text, published), in input order.

        The pieces of all the documents go through one ``nlp.pipe``, so spaCy batches across
        documents.
        """
        docs = list(docs)
        events: list[list[dict]] = [[] for _ in docs]
        sentence_counts = [0] * len(docs)
        memories = [Memory() for _ in docs]
        stream = ((piece, (n, offset)) for n, doc in enumerate(docs) for offset, piece in pieces(doc["text"]))
        for parsed, (n, offset) in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            doc = docs[n]
            memories[n].piece += 1
            ctx = self.resolver.context(parsed, doc.get("published"), memories[n])
            channels = self.channels.mentions(parsed)
            for sent in parsed.sents:
                if len(sent) > MAX_SENTENCE_TOKENS:
                    self.skipped.append(f"{doc['doc_id']}: sentence {sentence_counts[n]} has {len(sent)} tokens "
                                        f"(over {MAX_SENTENCE_TOKENS}); not coded")
                else:
                    events[n] += self._code_sentence(sent, sentence_counts[n], offset, ctx, channels,
                                                     doc["doc_id"], doc.get("published"))
                sentence_counts[n] += 1
        for doc, found in zip(docs, events):
            yield doc["doc_id"], found

    def code_text(self, text: str, published: str | None = None, doc_id: str = "") -> list[dict]:
        """The events of one text."""
        return next(self.code_documents([{"doc_id": doc_id, "text": text, "published": published}]))[1]

    # sentences -----------------------------------------------------------------------------
    def _code_sentence(self, sent: Span, index: int, offset: int, ctx: DocContext, channels,
                       doc_id: str, published: str | None) -> list[dict]:
        self._remember_subjects(sent, ctx)
        triggers = sorted(self._triggers(sent), key=lambda t: t.entry.pos != "verb")
        consumed: set[int] = set()
        candidates = {}
        for trigger in triggers:
            if trigger.entry.pos == "noun" and (trigger.token.i in consumed or self._rejected(trigger.token, candidates)):
                continue  # "imposed sanctions", "rejected the premier's deal": the verb entry has coded the noun
            candidate = self._candidate(trigger, ctx, channels)
            coded = candidate is not None and bool(candidate.pairs)
            if coded:
                candidates[trigger.token.i] = candidate
            if trigger.obj is not None and (coded or trigger.obj.dep_ == "dobj"):
                # the verb says what happened to its object, actors or not: "the law ends the
                # adoption agreement" signs nothing ("Beijing's invitation was accepted" still invites)
                consumed.add(trigger.obj.i)
        rows: list[dict] = []
        seen: set[tuple] = set()
        for candidate in candidates.values():
            if _superseded(candidate, candidates):
                continue
            for source, target in candidate.pairs:
                code = self._by_the_doer(self._final_code(candidate.trigger.entry.code, candidate.modality),
                                         source, candidate.trigger)
                # one event per pair and root in a sentence, and in one act one per actor and state it
                # acts on: "injuring nine people, including three Danish engineers and a guide" is one
                # act on Denmark (and one by Denmark's side back, when coded both ways)
                keys = ((source.code, target.code, code[:2]), (id(candidate), "to", source.code, dyad_side(target)),
                        (id(candidate), "from", dyad_side(source), target.code))
                if any(key in seen for key in keys):
                    continue
                seen.update(keys)
                rows.append(self._row(candidate, source, target, code, sent, index, offset,
                                      doc_id, published, len(candidates)))
        return rows

    def _rejected(self, noun: Token, candidates: dict) -> bool:
        """Is the event noun what a coded refusal rejects ("rejected the premier's deal")? Then it is
        no refusal by its own author."""
        return noun.dep_ == "dobj" and noun.head.i in candidates \
            and noun.head.lemma_.lower() in self.grammar.refusal_governors

    def _remember_subjects(self, sent: Span, ctx: DocContext) -> None:
        for token in sent:
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in RELATIVE_PRONOUNS:
                ctx.remember_subject(token, self.resolver.actors_of(token, ctx))

    def _triggers(self, sent: Span) -> list[Trigger]:
        found = []
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB" and lemma in self.lexicon.verbs:
                trigger = self._match_verb(token, self.lexicon.verbs[lemma])
            elif token.pos_ in ("NOUN", "PROPN") and not figurative_fight(token, self.grammar):
                entries = self.lexicon.nouns.get(lemma) or self.lexicon.nouns.get(hyphen_joined(token))  # "cease-fire"
                trigger = Trigger(token, entries[0]) if entries else None
            else:
                trigger = None
            if trigger is None and token.pos_ == "VERB" and lemma in self.grammar.speech_verbs \
                    and obliged_subjects(token, self.grammar):
                trigger = Trigger(token, self.reported_obligation)
            if trigger is None and token.pos_ == "VERB" and lemma in self.grammar.wanting_verbs \
                    and obliged_subjects(token, self.grammar):
                trigger = Trigger(token, self.wanted_act)
            if trigger is None and token.pos_ == "VERB" and lemma in self.grammar.permission_governors \
                    and token.dep_ == "xcomp" and token.head.lemma_.lower() in self.grammar.refusal_governors:
                trigger = Trigger(token, self.refused_permission)   # "refused to let the ship dock"
            if trigger:
                found.append(trigger)
        return found

    def _match_verb(self, verb: Token, entries: list[Entry]) -> Trigger | None:
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep", "acomp")
                     or (c.dep_ in ("ccomp", "oprd") and c.pos_ == "ADJ")}   # "found two men guilty"
        direct = direct_objects(verb)
        for entry in entries:
            if entry.particle and entry.particle not in particles:
                continue
            if entry.except_objects and any(o.lemma_.lower() in entry.except_objects for o in direct):
                continue
            if entry.objects:
                # the object of a prepositional particle counts too ("took to the streets")
                objects = direct + [p for c in verb.children if c.dep_ == "prep" and c.lower_ == entry.particle
                                    for p in c.children if p.dep_ == "pobj"]
                objects += [c for c in verb.children if c.dep_ == "oprd"]   # "were held hostage"
                # ... and what a generic head is of ("ended its mediation efforts": the mediation)
                objects += [c for o in objects if o.lemma_.lower() in self.grammar.generic_heads
                            for c in o.children if c.dep_ == "compound"]
                obj = next((o for o in objects if not entry.objects.isdisjoint(object_words(o))
                            or (ANY_OBJECT in entry.objects and is_thing(o, self.resolver))
                            or (PERSON_OBJECT in entry.objects and is_person(o, self.resolver))), None)
                if obj is None:
                    continue
                return Trigger(verb, entry, obj)
            return Trigger(verb, entry)
        return None

    # arguments -----------------------------------------------------------------------------
    def _candidate(self, trigger: Trigger, ctx: DocContext, channels) -> Candidate | None:
        token = trigger.token
        modality = modality_of(token, self.grammar)
        if modality.value == "alleged":
            return None
        if modality.purpose and trigger.entry.code[:2] in self.grammar.unfulfilled_purpose_roots:
            # "sent troops to fight the Taliban": what force, conflict or a yielding was for is not yet done
            modality = Modality(HYPOTHETICAL, reason=modality.reason)
        fight = two_sided(trigger, self.grammar)   # not "brokered a deal between X and Y": the broker acts
        if fight and any(is_thing(o, self.resolver) and o.lemma_.lower() not in self.grammar.force_objects
                         for o in direct_objects(token)):
            return None   # "fighting corruption", "battling the flames": a struggle with a thing, not force
        if fight and (trigger.entry.pos == "noun" or subject_token(token) is None):   # "Fighting between X and Y spread"
            sides = between_sides(token, ctx, self.resolver)
            if sides:
                return self._two_sided_candidate(trigger, sides, modality, ctx)
        if trigger.entry.pos == "verb":
            sources, source_note = self.sources.of_verb(token, ctx)
        else:
            sources, source_note = self.sources.of_noun(token, ctx, trigger.entry.code[:2])
        if trigger.entry in (self.reported_obligation, self.wanted_act):  # a demand needs a known or named party making it
            sources = [s for s in sources if s.country != UNIDENTIFIED or s.how.startswith(NAMED_UNIDENTIFIED)]
        unnamed = NO_ATTACKER in source_note or source_note == NO_SOURCE
        if BOMBING in source_note and trigger.entry.code[:2] == "19":   # "an explosion hit a hotel": a bombing
            trigger = Trigger(token, replace(trigger.entry, code=self.grammar.bombing_code), trigger.obj)
        if not sources and NO_ATTACKER in source_note and trigger.entry.code[:2] in self.grammar.reported_doer_roots:
            sources, source_note = self.sources.reporter(token, ctx)
        if not sources and unnamed and (trigger.entry.code[:2] in self.grammar.place_source_roots
                                        or trigger.entry.code in self.grammar.place_source_codes):
            # an attack with no attacker named: CAMEO codes the state where it happened as its source
            # (for an event noun, only a place its own phrase names: "an invasion of locusts" is no attack)
            sources, source_note = self.places.as_source(trigger.token, ctx, dateline=trigger.entry.pos == "verb")
        if not sources and unnamed and trigger.entry.pos == "verb" \
                and trigger.entry.code.startswith(tuple(self.grammar.home_authority_codes)):
            sources, source_note = self.sources.home_of_those_held(token, ctx)   # "two Kenyans were arrested"
        if trigger.entry.code[:2] in self.grammar.visit_roots:   # "the plane arrived in Goma" is no visit
            sources = [s for s in sources if not self._vehicle(s, token)]
        if not sources:
            return None
        trigger, source_note = self._crowd_sense(trigger, sources, source_note)
        targets, target_note = self.targets.of(trigger, ctx, sources)
        pairs = [(s, t) for s in sources for t in targets if distinct(s, t) and identified(s, t)]
        if self._mutual(trigger, ctx) and len({s.country for s in sources}) == 2:
            pairs = [(s, t) for s in sources for t in sources if s.country != t.country]
            target_note = "'each other': each of the two subject actors towards the other"
        elif all(t.country == UNIDENTIFIED for t in targets) or target_note.startswith("target from fallback"):
            # a known party beats an unidentified one: each other, or the other two parties of a channel;
            # and those doing something together are each other's party, not one a fallback slot
            # names ("Chile and Peru agreed to share data on Bolivia")
            if self._reciprocal(trigger, sources, fight):   # a fight's sides may be of one state
                pairs = [(s, t) for s in sources for t in sources
                         if s.country != t.country or (fight and s.sector != t.sector and distinct(s, t))]
                target_note = "reciprocal: each of the two subject actors towards the other"
            elif all(t.country == UNIDENTIFIED for t in targets):
                channel_pairs, channel_note = self.targets.channel_pairs(trigger, sources, channels)
                if channel_pairs:
                    pairs, target_note = channel_pairs, channel_note
        # a fight's other side is its opponent, a meeting's or an agreement's its partner: never a
        # party they mention ("signed a treaty to annex Crimea" is no treaty with Ukraine)
        if not pairs and not fight and trigger.entry.code[:2] not in self.grammar.partner_roots \
                and target_note != UNNAMED_PARTY:
            # states acting together name their own in it as a topic ("Russia, Ukraine and France agreed on a
            # ceasefire for eastern Ukraine"); firms and groups of several states are each on their own
            # ("Toyota and GM sued to block California's rule": Toyota's suit is against the US)
            official = [s for s in sources if not s.sector or s.sector in self.kb.state_sectors]
            for group in ([official] if official else [[s] for s in sources]):
                nested, _, named = self.targets.in_slots(trigger, ("nested",), ctx, group, False, False, True)
                found = [(s, t) for s in (sources if official else group) for t in nested if distinct(s, t)]
                if found and not pairs:
                    target_note = f"target named inside the act's phrase '{named.text}'"
                pairs += found
        pairs = [self._localised(trigger, source, target, ctx, sources) for source, target in pairs]
        if fight and pairs and self._unarmed(pairs):
            trigger = Trigger(token, replace(trigger.entry, code=self.grammar.verbal_clash_code), trigger.obj)
            target_note += "; no side bears arms: a clash of words"
        together = trigger.entry.code in self.grammar.mutual_codes and modality.value == ASSERTED   # not "will hold talks"
        if fight or together:
            pairs = both_ways(pairs)
            target_note += "; a fight: coded both ways" if fight else "; done together: coded both ways"
        candidate = Candidate(trigger, sources, pairs, modality, [source_note, target_note],
                              subject=subject_token(token))
        return candidate

    def _vehicle(self, actor: Actor, token: Token) -> bool:
        """Is the actor's phrase headed by a vehicle ("a UN plane", "it" for one)?"""
        span = token.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        return span is not None and span.root.lower_ in self.grammar.vehicle_nouns

    def _crowd_sense(self, trigger: Trigger, sources: list[Actor], note: str) -> tuple[Trigger, str]:
        """A crowd's protest is a demonstration (141), held against the state where it is held;
        a state's protest an official complaint (114)."""
        code = self.grammar.crowd_codes.get(trigger.entry.code)
        if code is None or not all(s.sector in self.grammar.crowd_sectors for s in sources):
            return trigger, note
        entry = replace(trigger.entry, code=code,
                        targets=(*trigger.entry.targets, *sorted(self.grammar.crowd_target_slots)))
        return Trigger(trigger.token, entry, trigger.obj), f"{note}; a crowd's protest: a demonstration ({code})"

    def _two_sided_candidate(self, trigger: Trigger, sides, modality: Modality, ctx: DocContext) -> Candidate | None:
        """An act between two sides is each side's towards the other."""
        one, other = sides
        pairs = [(s, t) for s in one for t in other if distinct(s, t) and identified(s, t)]
        pairs = both_ways([self._localised(trigger, s, t, ctx, one + other) for s, t in pairs])
        if not pairs:
            return None
        note = f"the two sides of '{trigger.token.text} between ...': each towards the other"
        if self._unarmed(pairs):   # "the clash between the speaker and the premier"
            trigger = Trigger(trigger.token, replace(trigger.entry, code=self.grammar.verbal_clash_code), trigger.obj)
            note += "; no side bears arms: a clash of words"
        return Candidate(trigger, one + other, pairs, modality, [note, note], subject=subject_token(trigger.token))

    # actors of unknown state --------------------------------------------------------------------
    def _localised(self, trigger: Trigger, source: Actor, target: Actor, ctx: DocContext,
                   sources: list[Actor]) -> tuple[Actor, Actor]:
        """The pair with its actors of unknown state placed (:meth:`Places.localise`; at home only
        when the act's sources are of one state: "Ukraine and Russia signed a truce with the
        separatists" is at no one's home); two roles of one state would become one actor acting
        on itself, so those are kept apart as given, save a person its police or courts act on
        ("Uganda detained <a name>") and a member a body disciplines."""
        placed = self.places.localise(trigger.token, source, target, ctx, self.codes[trigger.entry.code],
                                      at_home=len({s.country for s in sources}) == 1)
        if distinct(*placed) or named_at_home(placed[1]) or self._disciplined(trigger, placed[1]):
            return placed
        return source, target

    def _disciplined(self, trigger: Trigger, target: Actor) -> bool:
        """A body acting on one of its own members ("the navy's police detained a captain"), not
        on a role of another ("seized a colonel of the rebel army")."""
        if not one_of_its_own(target) or trigger.entry.code[:2] not in self.grammar.own_member_roots:
            return False
        span = trigger.token.doc.char_span(target.start, target.end, alignment_mode="expand")
        return span is not None and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
                                            for c in span.root.children)

    def _unarmed(self, pairs) -> bool:
        """Does every party have a sector, none of them armed?"""
        return all(a.sector and a.sector not in self.grammar.armed_sectors for pair in pairs for a in pair)

    def _mutual(self, trigger: Trigger, ctx: DocContext) -> bool:
        """Does the act fall on "each other" / "one another"?"""
        if not {"other", "another"} & ctx.words:
            return False
        slots = [t for slot in (*trigger.entry.targets, "dobj") for t in trigger.slot(slot, self.grammar)]
        return any(t.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in t.children)
                   for t in slots)

    def _reciprocal(self, trigger: Trigger, sources: list[Actor], fight: bool = False) -> bool:
        """A few parties doing something together ("Obama and Putin met", "Egypt, Jordan and Israel
        signed a pact", "Chile and Peru began joint exercises", and in a fight two sides of one
        state: "rebels and Malian troops clashed"); larger groups are multilateral and not split
        into dyads."""
        parties = {(s.country, s.sector) if fight else s.country for s in sources}
        joint = trigger.obj is not None and any(c.lower_ in self.grammar.joint_modifiers for c in trigger.obj.children)
        return ((trigger.token.lemma_.lower() in self.grammar.reciprocal_verbs or joint)
                and 2 <= len(parties) <= self.grammar.reciprocal_max_parties
                and all(s.country != UNIDENTIFIED for s in sources))

    # events ----------------------------------------------------------------------------------
    def _final_code(self, code: str, modality: Modality) -> str:
        """A refused cooperative act is a rejection (12); an announced act an intent (03) or a
        threat (13); anything else keeps the lexicon's code."""
        cooperative = self.codes[code].quad_class in (1, 2)
        if modality.refusal and cooperative:
            return self.grammar.refusal_codes.get(code[:2], "120")
        if modality.intention and code[:2] not in ("03", "13"):
            table = self.grammar.intention_codes
            return table.get(code[:3]) or table.get(code[:2]) or ("030" if cooperative else "130")
        return code

    def _by_the_doer(self, code: str, source: Actor, trigger: Trigger) -> str:
        """A killing or an assault by a state's armed forces or police is conventional force (19);
        armed men pulling out are retreating (087), not cutting ties (pulling others out is
        another act: "withdrew its peacekeepers"); rebels, radicals and gangs holding someone take
        a hostage (181): they arrest no one."""
        if source.sector in self.grammar.armed_sectors and not direct_objects(trigger.token):
            code = self.grammar.armed_withdrawal_codes.get(code, code)
        if source.sector in self.grammar.irregular_sectors:
            code = self.grammar.irregular_force_codes.get(code, code)
        if source.country != UNIDENTIFIED and source.sector in self.grammar.state_force_sectors \
                and source.country in self.kb.states:
            return self.grammar.state_force_codes.get(code, code)
        return code

    def _row(self, candidate: Candidate, source: Actor, target: Actor, code: str, sent: Span,
             index: int, offset: int, doc_id: str, published: str | None, crowd: int = 1) -> dict:
        token = candidate.trigger.token
        info = self.codes[code]
        described = confidence_features(candidate.trigger.entry, info, candidate.trigger.entry.code, source, target,
                                        candidate.notes, token.idx, len(sent), crowd)
        confidence = self.confidence.probability(described) if self.confidence else CONFIDENCE_PRIOR
        modality = ASSERTED if code != candidate.trigger.entry.code else candidate.modality.value
        date = self._date(token, sent, published, future=candidate.modality.intention)
        start, end = offset + sent.start_char, offset + sent.end_char
        trigger_start = offset + token.idx
        key = f"{self.version}|{self.lexicon_hash}|{doc_id}|{index}|{trigger_start}|{source.code}|{target.code}|{code}"
        return {
            "event_id": hashlib.sha256(key.encode()).hexdigest()[:16],
            "doc_id": doc_id, "sentence_index": index, "char_start": start, "char_end": end,
            "sentence": sent.text,
            "trigger_text": _trigger_text(candidate.trigger), "trigger_start": trigger_start,
            "trigger_end": trigger_start + len(token.text),
            "source": source.code, "source_country": source.country, "source_text": source.text,
            "source_name": source.name, "source_start": offset + source.start,
            "source_end": offset + source.end,
            "target": target.code, "target_country": target.country, "target_text": target.text,
            "target_name": target.name, "target_start": offset + target.start,
            "target_end": offset + target.end,
            "code": code, "root": info.root, "quad_class": info.quad_class,
            "goldstein": info.goldstein, "plover": info.plover or None,
            "modality": modality,
            "date": date.value, "date_precision": date.precision, "date_text": date.text,
            "published": published,
            "confidence": confidence,
            "matched_rule": candidate.trigger.entry.id,
            "group_id": _group_id(source, target, code, date.value),
            "evidence": {
                "pattern": candidate.trigger.entry.pattern(),
                "lexicon_code": candidate.trigger.entry.code,
                "source": source.how, "target": target.how,
                "source_rule": candidate.notes[0], "target_rule": candidate.notes[1],
                "modality": candidate.modality.value,
                "modality_reason": candidate.modality.reason + self._code_note(candidate, code),
                "features": described,
                "confidence_model": self.confidence.digest if self.confidence else None,
            },
        }

    def _code_note(self, candidate: Candidate, code: str) -> str:
        """Why the code differs from the lexicon entry's, if it does."""
        asserted = self._final_code(candidate.trigger.entry.code, candidate.modality)
        if code != asserted and code[:2] == "08":
            return " (armed men withdrawing: a retreat, CAMEO 0874)"
        if code != asserted and code[:2] == "18":
            return " (held by an armed group, not a state: a hostage taken, CAMEO 181)"
        if code != asserted:
            return " (force by a state's armed forces or police: conventional force, CAMEO 19)"
        if asserted != candidate.trigger.entry.code:
            return " (coded as what the sentence asserts: a rejection, an intent or a threat)"
        return ""

    def _date(self, token: Token, sent: Span, published: str | None, future: bool = False) -> dates.EventDate:
        for ent in dates_nearest_first(token, sent):
            resolved = dates.resolve(ent.text, published, future)
            if resolved is not None:
                return resolved
        return dates.published_date(published)


def _group_id(source: Actor, target: Actor, code: str, date: str | None) -> str:
    names = (source.name, target.name) if UNIDENTIFIED in (source.country, target.country) else None
    return act_group_id(source.country, target.country, code, date, names)


def _superseded(candidate: Candidate, candidates: dict[int, Candidate]) -> bool:
    """A governing verb gives way to the act it governs when that act stands ("agreed to cut
    banks off": the cutting); a verb gives way to the event noun that is its subject
    ("U.S. sanctions targeted officials": the sanctions)."""
    token = candidate.trigger.token
    for child in token.children:
        inner = candidates.get(child.i)
        if child.dep_ == "xcomp" and inner is not None and (
                inner.modality.value == ASSERTED or inner.modality.refusal or inner.modality.intention):
            return True
    subject = candidate.subject
    return (subject is not None and subject.i in candidates
            and candidates[subject.i].trigger.entry.pos == "noun" and candidate.trigger.entry.pos == "verb")


def _trigger_text(trigger: Trigger) -> str:
    parts = [_word(trigger.token)]
    if trigger.entry.particle:
        parts.append(trigger.entry.particle)
    if trigger.obj is not None:
        parts.append(_word(trigger.obj))
    return " ".join(parts)


def _word(token: Token) -> str:
    """A token as written, with the word a hyphen joins to it ("cease-fire")."""
    return token.doc[token.i - 2:token.i + 1].text if hyphen_joined(token) else token.text
