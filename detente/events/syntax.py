"""What the parse says around a trigger: its subject and objects, the verb that governs a noun,
the nouns nested in its phrase, purpose clauses, reported obligations, the dates attached to its
clause, and datelines the parser took for subjects. Pure functions of spaCy tokens."""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.actors.datelines import dateline_tokens
from detente.actors.resolver import RELATIONAL_HEADS, RELATIVE_PRONOUNS

NESTED_DEPS = {"dobj", "prep", "pobj", "xcomp", "acl", "compound", "amod", "poss", "conj", "appos", "dative"}
# a setting ("in Minsk", "at the summit") or a party left out ("meet without Moscow") is no target
SETTING_PREPS = {"in", "at", "near", "during", "inside", "outside", "across", "throughout", "since",
                 "without", "despite", "except", "besides", "instead"}
OBJECT_PREPS = {"to", "with", "against", "on", "from", "by"}
PLACE_PREPS = {"in", "into", "inside", "across", "throughout"}
LOCATION_PREPS = PLACE_PREPS | {"near", "around", "along", "outside", "beside", "off", "at"}


def hyphen_joined(token: Token) -> str:
    """The lemma of a word written with a hyphen before it, without the hyphen ("cease-fire" at its
    "fire": "ceasefire"), or "" when no hyphen joins a word to it."""
    if token.i < 2:
        return ""
    hyphen = token.doc[token.i - 1]
    if hyphen.text != "-" or hyphen.whitespace_:
        return ""
    before = token.doc[token.i - 2]
    return "" if before.whitespace_ else before.lower_ + token.lemma_.lower()


def object_words(obj: Token) -> set[str]:
    """The ways a lexicon entry may name an object: its lemma and text, the word a hyphen joins to
    it ("cease-fire"), and with its compound, hyphenated or run together ("war games": war-game)."""
    lemma = obj.lemma_.lower()
    words = {lemma, obj.lower_, hyphen_joined(obj)}
    for compound in (c for c in obj.children if c.dep_ == "compound"):
        words |= {f"{compound.lower_}-{lemma}", f"{compound.lower_}{lemma}"}
    return words - {""}


def subject_token(token: Token) -> Token | None:
    """The subject of a verb (active or passive), if it has one."""
    return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def direct_objects(verb: Token) -> list[Token]:
    """The verb's direct objects: dobj, passive subject, or the noun a participle/relative clause modifies."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or hedged_patient(verb)
    if not objects and verb.dep_ == "acl" and verb.tag_ == "VBN":
        objects = [verb.head]
    if not objects and verb.dep_ == "relcl" and not any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS
                                                           for c in verb.children):
        objects = [verb.head]
    return [o for obj in objects for o in (obj, *[c for c in obj.children if c.dep_ == "conj"])]


def hedged_patient(verb: Token) -> list[Token]:
    """The subject of a passive the parser gave to a hedge inside it ("three men, believed to be
    engineers, were seized": "men" parsed as the subject of "believed")."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    hedges = [h for h in verb.lefts if h.dep_ == "advcl"] + ([verb.head] if verb.dep_ == "ccomp" else [])
    return [s for hedge in hedges if hedge.i < verb.i and hedge.tag_ in ("VBN", "VBD") and hedge.i > 0
            and hedge.doc[hedge.i - 1].text == "," and any(c.dep_ == "xcomp" for c in hedge.children)
            for s in hedge.children if s.dep_ == "nsubj" and s.i < hedge.i]


def infinitive(verb: Token) -> bool:
    """A to-infinitive ("a decision to expel", "no need to hold talks")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


FINITE_TAGS = ("VBD", "VBZ", "VBP")


def finite_host(conj: Token) -> Token | None:
    """The finite verb a finite conjunct really coordinates with, when the parser hung it on an
    infinitive below ("urged Egypt to curb smuggling and pressed Cairo to accept": "pressed" goes
    with "urged", not "curb"); None otherwise."""
    if conj.dep_ != "conj" or conj.tag_ not in FINITE_TAGS or conj.head.tag_ != "VB":
        return None
    current = conj.head
    for _ in range(6):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX") and current.tag_ in FINITE_TAGS:
            return current
    return None


def without_datelines(subjects: list[Token]) -> list[Token]:
    """The parser takes a dateline for a subject ("BERLIN -- A court has ...", "SEOUL (Reuters) -
    North Korea ..."): the real subject is the other one, or the dateline's apposition outside
    the dateline itself (not its agency)."""
    if not subjects:
        return subjects
    filed = set(dateline_tokens(subjects[0].sent))
    datelines = [s for s in subjects if s.i in filed]
    return [s for s in subjects if s not in datelines] + \
        [c for d in datelines for c in d.children if c.dep_ == "appos" and c.i not in filed]


def nested_nouns(token: Token, max_depth: int = 4) -> list[Token]:
    """Nouns inside the trigger's own phrase (not its subject's, nor a reported clause's), nearest
    first: where a party named two or three prepositions down is the one acted upon."""
    found, level = [], nested_children(token)
    for _ in range(max_depth):
        found += [t for t in level if t.pos_ in ("NOUN", "PROPN")]
        level = [c for t in level for c in nested_children(t)]
    return found


def nested_children(token: Token) -> list[Token]:
    """Children that continue the act's phrase, settings and exclusions aside."""
    return [c for c in token.children if (c.dep_ in NESTED_DEPS or purpose_clause(c))
            and not (c.dep_ == "prep" and c.lower_ in SETTING_PREPS)
            and not (c.dep_ == "poss" and token.lower_ in RELATIONAL_HEADS)]   # "America's allies" are not America


def purpose_clause(token: Token) -> bool:
    """'gave 300 million euros to promote development for Ethiopia'"""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def obliged_subjects(verb: Token, grammar) -> list[Token]:
    """Subjects of the clauses a speech verb reports with "must" or "should" ("said Kyiv must …"),
    or that a wanting or permitting verb wants or lets act ("wants Kyiv to withdraw")."""
    lemma = verb.lemma_.lower()
    permitting = lemma in grammar.permission_governors
    markers = grammar.obligation_modals | ({"to"} if permitting or lemma in grammar.wanting_verbs else set())
    return [subject for clause in verb.children if clause.dep_ == "ccomp"
            if permitting or any(c.dep_ == "aux" and c.lower_ in markers for c in clause.children)   # "let the ship dock"
            for subject in clause.children if subject.dep_ in ("nsubj", "nsubjpass")]


def governing_verb(noun: Token) -> Token | None:
    if noun.dep_ == "compound":  # "launched a mediation effort": the effort's verb
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if noun.dep_ in ("dobj", "pobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    return None


def dates_nearest_first(token: Token, sent: Span) -> list[Span]:
    """DATE entities of the sentence attached to the trigger's clause or the clauses above it."""
    chain = [token]
    current = token
    while current.head.i != current.i:
        current = current.head
        chain.append(current)
    order = {t.i: rank for rank, t in enumerate(chain)}
    ranked = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        anchor = ent.root
        while anchor.i not in order and anchor.head.i != anchor.i:
            if anchor.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children):
                break  # the date belongs to another clause with its own subject
            anchor = anchor.head
        if anchor.i in order:
            ranked.append((order[anchor.i], ent))
    return [ent for _, ent in sorted(ranked, key=lambda pair: pair[0])]


def slot_tokens(trigger, slot: str, grammar) -> list[Token]:
    """The tokens filling a lexicon slot of a trigger (its token, entry and matched object): "dobj",
    "dative", "place", "nested", "obliged-subject", "object", "object-owner", "object-prep", or a
    preposition."""
    token = trigger.token
    if slot == "dobj":
        # an entry's object is its dobj ("imposed sanctions"), unless it is a predicate ("held X hostage")
        complement = trigger.obj is not None and trigger.obj.dep_ == "oprd"
        objects = direct_objects(token)
        if trigger.entry.pos == "noun" or (trigger.entry.objects and not complement and trigger.obj in objects):
            return []
        if trigger.entry.objects:   # the matched object is a particle's ("met the patrol with gunfire")
            return objects
        # the tagger sometimes misreads an acronym object ("booting USAID from") as a modifier
        return objects or [c for c in token.children
                                         if c.dep_ in ("advmod", "npadvmod", "dep", "oprd")
                                         and c.pos_ in ("PROPN", "ADJ", "NOUN") and c.i > token.i]
    if slot in ("dative", "iobj"):
        return [c for c in token.children if c.dep_ in ("dative", "iobj")]
    if slot == "place":  # "deployed troops in Mali": the state where a material act is done
        hosts = [token, *direct_objects(token), *(c for c in token.children if c.dep_ in ("prt", "advmod"))]
        return [p for host in hosts for prep in host.children
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS
                for p in prep.children if p.dep_ == "pobj"]
    if slot == "nested":  # "ordered an investigation into the killing of a Mexican reporter"
        return nested_nouns(token)
    if slot == "obliged-subject":
        return obliged_subjects(token, grammar)
    if slot == "object":  # "dispersed a rally": the matched object itself, a crowd of any state
        return [trigger.obj] if trigger.obj is not None else []
    if slot == "object-owner":  # "expelled U.S. diplomats": the object's owner is the target
        return [trigger.obj] if trigger.obj is not None and trigger.entry.pos == "verb" else []
    if slot == "object-prep":  # "withdrew from the treaty with Russia"
        objects = [trigger.obj] if trigger.obj is not None else direct_objects(token)
        hosts = [token, *(c for c in token.children if c.dep_ in ("prt", "advmod", "prep"))]
        # not where it happened: "raided a camp near the border with Sudan" is no act on Sudan
        objects += [p for host in hosts for prep in host.children
                    if prep.dep_ == "prep" and prep.lower_ not in LOCATION_PREPS
                    for p in prep.children if p.dep_ == "pobj"]
        return [p for obj in objects
                for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in OBJECT_PREPS
                for p in prep.children if p.dep_ == "pobj"]
    hosts = [token] + [c for c in token.children if c.dep_ in ("prt", "advmod", "prep") and c.lower_ != slot]
    if trigger.obj is not None:
        hosts.append(trigger.obj)
        if trigger.obj.dep_ == "compound":   # "ended mediation efforts between X and Y"
            hosts.append(trigger.obj.head)
    if trigger.entry.pos == "verb" and not trigger.entry.objects:
        hosts += direct_objects(token)
    if trigger.entry.pos == "noun" and token.dep_ == "compound":   # "a mediation effort between X and Y"
        hosts.append(token.head)
    found = []
    for host in hosts:
        for prep in host.children:
            if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ == slot:
                found += [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
            elif prep.dep_ in ("advcl", "acl") and any(m.dep_ == "mark" and m.lower_ == slot for m in prep.children):
                # "a plea for Egypt to reopen it": the subject of a "for ... to" clause
                found += [p for p in prep.children if p.dep_ == "nsubj"]
    return found
