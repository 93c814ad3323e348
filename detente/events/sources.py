"""Who does an act: the subject of a verb, the agent of a passive, the subject of the clause that
governs it (or the object of a control verb: "ordered X to withdraw"), and for an event noun its
possessor or modifier, the verb that answers with it or the verb that enacts it. An agentless
passive or an attack as subject names no one (``NO_ATTACKER``): the coder may then take the
state where it happened."""

from __future__ import annotations

from spacy.tokens import Token

from detente.actors import Actor
from detente.actors.resolver import PARTITIVES, PRONOUNS, RELATIVE_PRONOUNS, UNIDENTIFIED, DocContext
from detente.events.places import WHERE_IT_HAPPENED
from detente.events.syntax import finite_host, governing_verb, infinitive, without_datelines

CLIMB_TO_CLAUSE = {"xcomp", "advcl", "conj", "ccomp", "acl", "pcomp", "prep", "pobj", "relcl",
                   "dobj", "appos", "attr", "oprd", "advmod", "npadvmod", "acomp"}
NO_ATTACKER = "no attacker named (an agentless passive, or a weapon or an attack as subject)"
NO_SOURCE = "no source"   # an event noun with no modifier, responder or enacting verb naming who acts
BOMBING = "; a bombing"    # said of NO_ATTACKER when the attack named is an explosion ("a car bomb hit")
ACCIDENT = "an accident or a disaster: no one's act"   # "victims killed by the crash": no source, no event
STATE_PARTICIPLE = "a participle of a state one is in, named by no one doing it"   # "a citizen held in Yemen"


class Sources:
    """The source finder, with the resolver that names actors and the grammar's word lists."""

    def __init__(self, resolver, grammar):
        self.resolver = resolver
        self.grammar = grammar

    def of_verb(self, verb: Token, ctx: DocContext) -> tuple[list[Actor], str]:
        """The actors doing the act of a verb, and how they were found (or why there are none)."""
        # a participle on a noun is a passive too ("a rally held to protest the war", "men seized in Basra")
        # ... but not the only verb of a sentence the parser hung on its subject ("Hundreds of
        # students protested in Nairobi": the noun parsed as the root)
        misread = verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.lemma_.lower() in PARTITIVES \
            and verb.lemma_.lower() in self.grammar.crowd_verbs
        # "a citizen held hostage": the parser may take the predicate noun for an object, and the form for a past
        predicate = any(c.dep_ in ("dobj", "oprd") and c.lemma_.lower() in self.grammar.predicate_objects
                        for c in verb.children)
        reduced = verb.dep_ == "acl" and (verb.tag_ == "VBN" or predicate) \
            and not any(c.dep_ == "dobj" and c.lemma_.lower() not in self.grammar.predicate_objects
                        for c in verb.children) \
            and not self._in_instrument(verb) and not misread
        if reduced and verb.lemma_.lower() in self.grammar.accusation_governors:
            return [], "a participle of accusation names no accuser"  # "Americans accused of abuses"
        if reduced and verb.lemma_.lower() in self.grammar.state_participles:
            return [], STATE_PARTICIPLE   # "a citizen held in Yemen for four months": a state, not an act
        if reduced or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            for child in verb.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            if pobj.lemma_.lower() in self.grammar.accident_nouns:
                                return [], ACCIDENT
                            actors = self.resolver.actors_of(pobj, ctx)
                            if not actors and pobj.lemma_.lower() in self.grammar.attack_instruments:
                                return [], NO_ATTACKER + self._bombing(pobj)   # "killed by a mortar attack"
                            return actors, "agent of the passive"
            authors = self._attack_authors(verb, ctx)
            if authors:
                return authors, "author of the attack it happened in"   # "killed in Israeli shelling"
            # "N were killed when a bomb went off, police said": whoever reports or governs an
            # agentless passive did not do it
            return [], NO_ATTACKER
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "acl" and (verb.tag_ in ("VBD", "VBG", "VBZ", "VBP") or misread
                                                    or any(c.dep_ == "dobj" for c in verb.children)):
            # "the flooding killed 172 people" parsed as a clause on "flooding" (a participle
            # with a direct object is no passive)
            subjects = [verb.head]
        if not subjects or (subjects == [verb.head] and _ownerless_purpose(verb)
                            and not self.resolver.actors_of(verb.head, ctx)):
            return self.inherited(verb, ctx)   # "sees no need to hold talks": the one who sees none
        if subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subjects = [verb.head]
        subjects = without_datelines(subjects)
        if any(s.lemma_.lower() in self.grammar.accident_nouns for s in subjects):
            return [], ACCIDENT
        for subject in subjects:
            actors = self.resolver.actors_of(subject, ctx)
            if actors:
                return actors, "subject"
        if not subjects:
            return [], "subject is a dateline"
        subject = subjects[0]
        if subject.lemma_.lower() in self.grammar.instrument_nouns:
            actors, _ = self.inherited(subject, ctx)
            return actors, f"source of the clause that introduced '{subject.text}'"
        if subject.lemma_.lower() in self.grammar.attack_instruments:
            if subject.dep_ in ("dobj", "pobj") and governing_verb(subject) is not None \
                    and governing_verb(subject).lemma_.lower() in self.grammar.enacting_governors:
                actors, how = self.of_verb(governing_verb(subject), ctx)   # "launched an offensive that killed 30"
                if actors:
                    return actors, f"source of '{governing_verb(subject).text}' ({how}), whose attack it is"
            return [], NO_ATTACKER + self._bombing(subject)   # "a car bomb killed 12 people": attacker unnamed
        return [], "subject is not an actor"     # "the flooding killed 172 people": no one did it

    def _attack_authors(self, verb: Token, ctx: DocContext) -> list[Actor]:
        """Whose attack an agentless passive happened in, as the attack's modifiers name them ("killed
        in Israeli tank shelling", "wounded in a NATO air strike"); not its "of" ("a bombing of the
        US embassy" is no American attack)."""
        attacks = [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("in", "during")
                   for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in self.grammar.attack_instruments]
        return [a for attack in attacks for m in attack.subtree
                if m.dep_ in ("amod", "compound", "poss", "nmod") and m.head.i >= m.i and m.i < attack.i + 1
                for a in self.resolver.actors_of(m, ctx) if a.country != UNIDENTIFIED]

    def reporter(self, verb: Token, ctx: DocContext) -> tuple[list[Actor], str]:
        """The state's police, army or government that reports an agentless act ("three guards
        were charged, the Chilean army said"): for a coercive act, its author."""
        if verb.dep_ not in ("ccomp", "parataxis") or verb.head.lemma_.lower() not in self.grammar.speech_verbs:
            return [], NO_ATTACKER
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        actors = [a for s in subjects for a in self.resolver.actors_of(s, ctx)
                  if a.country != UNIDENTIFIED and a.sector in self.grammar.reporting_doer_sectors]
        return actors, f"who reports it ('{verb.head.text}'), its author"

    def home_of_those_held(self, verb: Token, ctx: DocContext) -> tuple[list[Actor], str]:
        """An arrest, a charge or a questioning no one is named doing and no place is given for: the
        act of the state of those it falls on, at home ("two Kenyan activists were arrested": Kenya's),
        quoted by the word that gives their state."""
        if any(p.dep_ == "prep" and p.lower_ in ("in", "at", "near") and any(
                o.dep_ == "pobj" and o.pos_ == "PROPN" for o in p.children) for p in verb.children):
            return [], NO_ATTACKER   # "were arrested in <a town the knowledge base lacks>": perhaps abroad
        for subject in (c for c in verb.children if c.dep_ == "nsubjpass"):
            states = {a.country for a in self.resolver.actors_of(subject, ctx) if a.country in self.resolver.kb.states}
            if len(states) != 1:
                continue
            country = states.pop()
            # their state said by a nationality or a state's name, not by the office of a name
            word = next((ctx.mentions[t.i].span for t in subject.subtree if t.i in ctx.mentions
                         and any(s.country == country and s.kind != "person" for s in ctx.mentions[t.i].senses)), None)
            if word is None:
                continue
            how = f"{WHERE_IT_HAPPENED}: at home, of those it falls on"
            return [Actor(country, "", self.resolver.kb.names.get(country, country), word.text,
                          word.start_char, word.end_char, how)], how
        return [], NO_ATTACKER

    def _bombing(self, instrument: Token) -> str:
        return BOMBING if instrument.lemma_.lower() in self.grammar.bombing_instruments else ""

    def _in_instrument(self, participle: Token) -> bool:
        """Is the participle's noun inside a measure's phrase ("a list of 18 Russians barred from
        entering", "a decree of officials dismissed"), whose author does what it says?"""
        noun = participle.head
        for _ in range(4):
            if noun.lemma_.lower() in self.grammar.instrument_nouns:
                return True
            if noun.dep_ not in ("pobj", "prep") or noun.head.i == noun.i:
                return False
            noun = noun.head
        return False

    def inherited(self, token: Token, ctx: DocContext) -> tuple[list[Actor], str]:
        """The subject of the nearest governing clause (object control: its object, as in "ordered
        X to withdraw" or "warned X against visiting")."""
        current = token
        for _ in range(8):
            if current.dep_ not in CLIMB_TO_CLAUSE or current.head.i == current.i:
                return [], "no subject"
            governor = finite_host(current) or current.head
            if current.dep_ == "conj" and {current.tag_, governor.tag_} == {"VBZ", "VBP"}:
                current = governor   # "suspends NGOs that accept money and bars X": one subject cannot agree with both
                continue
            if current.dep_ == "conj" and current.tag_ == "VB" and governor.tag_ in ("VBD", "VBN") \
                    and not any(c.dep_ in ("aux", "auxpass") for c in current.children):
                # "jailed a student for helping militants join a group": a bare verb is no conjunct of
                # a past one; the parser lost the clause it belongs to
                return [], "no subject"
            controller = self._object_controller(current, governor)
            if controller is not None:
                return self.resolver.actors_of(controller, ctx), f"object of '{controller.head.text}'"
            if governor.pos_ in ("VERB", "AUX"):
                raised = next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
                if current.dep_ == "xcomp" and raised is not None:  # "Obama was expected to visit"
                    return self.resolver.actors_of(raised, ctx), f"subject of passive '{governor.text}'"
                actors, how = self.of_verb(governor, ctx)
                return actors, f"inherited from '{governor.text}' ({how})"
            current = governor
        return [], "no subject"

    def _object_controller(self, clause: Token, governor: Token) -> Token | None:
        """The object that does what a control verb's complement says: "ordered X to withdraw"
        (xcomp), "warned X against visiting", "barred X from investing" (a gerund after a
        preposition of the verb)."""
        if clause.dep_ == "pcomp" and governor.dep_ == "prep" and governor.lower_ in ("against", "from", "into"):
            governor = governor.head
            if governor.dep_ == "dobj":     # "warned [its nationals against travelling]"
                return governor if _controls(governor.head, self.grammar) else None
        elif clause.dep_ not in ("xcomp", "ccomp"):
            return None
        if not _controls(governor, self.grammar):
            return None
        return next((c for c in governor.children if c.dep_ in ("dobj", "dative")), None)

    def of_noun(self, noun: Token, ctx: DocContext, root: str) -> tuple[list[Actor], str]:
        """The actors doing the act of an event noun of CAMEO root ``root``, and how they were found."""
        actors: list[Actor] = []
        roles_act = root in self.grammar.role_agent_roots
        modifiers = list(noun.children)
        if noun.dep_ == "conj" and not any(c.dep_ == "poss" for c in modifiers):
            modifiers += [c for c in noun.head.children if c.dep_ == "poss"]   # "Yangon's record and detention of X"
        for child in modifiers:
            if child.dep_ == "poss" and child.lower_ in PRONOUNS and self._answered(noun):
                continue   # "imposed sanctions in response to its invasion": whose, the sentence does not say
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                # "military cooperation", "security talks": a role word as modifier is a kind of act;
                # of force, only an armed one acts ("rebel attacks"; not "a school siege")
                actors += [a for a in self.resolver.actors_of(child, ctx)
                           if child.dep_ == "poss" or not a.how.startswith("unidentified role")
                           or (roles_act and a.sector in self.grammar.armed_sectors)]
            elif child.dep_ == "prep" and child.lower_ == "by":
                actors += [a for p in child.children if p.dep_ == "pobj" for a in self.resolver.actors_of(p, ctx)]
        if actors:
            return actors, "modifier of the event noun"
        responder = self._responding_verb(noun)
        if responder is not None:
            actors, how = self.of_verb(responder, ctx)
            return actors, f"subject of '{responder.text}', answering with it ({how})"
        governor = governing_verb(noun)
        if governor is not None and governor.lemma_.lower() in self.grammar.enacting_governors:
            actors, how = self.of_verb(governor, ctx)
            return actors, f"subject of '{governor.text}' ({how})"
        return [], NO_SOURCE

    def _answered(self, noun: Token) -> bool:
        """Is ``noun`` what another act answers ("in response to", "in retaliation for" it)?"""
        head = noun.head
        return noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in self.grammar.answer_nouns

    def _responding_verb(self, noun: Token) -> Token | None:
        """The verb of "answered (X) with <noun>" / "responded by <noun>", if any."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("with", "by"):
            return None
        host = prep.head
        if host.dep_ == "dobj":  # the parser often hangs "with" on the object answered
            host = host.head
        responds = host.pos_ == "VERB" and host.lemma_.lower() in self.grammar.response_governors
        return host if responds else None


def _controls(verb: Token, grammar) -> bool:
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in grammar.object_control_verbs


def _ownerless_purpose(verb: Token) -> bool:
    """An infinitive on a noun that names no one else as the doer, the object of its clause's verb
    ("saw no need to hold talks", "in a bid to oust him"); not "the ability of farmers to export"."""
    noun = verb.head
    return infinitive(verb) and (noun.dep_ == "dobj" or (noun.dep_ == "pobj" and noun.head.lower_ == "in")) \
        and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "for", "by")) for c in noun.children)
