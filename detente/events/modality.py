"""Modality of a trigger: asserted, negated or hypothetical, and whether it is a refusal.

Reads the trigger's own auxiliaries, negation and hedges ("alleged abuses"), then climbs its
governing clauses: advice and possibility (should, could), conditionals (if, unless, rather
than), plans, wishes, bids and deadlines (want to, plans to, in a bid to, a deadline to), purpose
(sent troops to fight), failure, refusal and reversal (failed to, refused to, reversed its
decision to), prohibition and permission (warned X against, barred X from, cleared X to),
opinion (argues that) and accusation ("accused X of shelling": the shelling is not coded).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from detente.events.grammar import Grammar
from detente.events.syntax import finite_host, hedged_patient, infinitive

ASSERTED, NEGATED, HYPOTHETICAL, ALLEGED = "asserted", "negated", "hypothetical", "alleged"
CLIMB_DEPS = {"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "prep", "pobj", "csubj",
              "dobj", "relcl", "attr", "oprd", "acomp", "nsubj", "nsubjpass", "appos"}
COMPLEMENT_DEPS = {"xcomp", "ccomp", "advcl", "pcomp", "acl", "csubj", "prep", "pobj", "relcl",
                   "dobj", "attr", "acomp", "oprd"}
MAX_CLIMB = 8


@dataclass(frozen=True)
class Modality:
    value: str
    refusal: bool = False
    reason: str = ""
    intention: bool = False  # announced, not done: coded as an intent (03) or a threat (13)
    purpose: bool = False    # what another act was for ("sent troops to fight"): the coder decides by its kind


PRESENT_TAGS = ("VBZ", "VBP", "VB")


def modality_of(trigger: Token, grammar: Grammar) -> Modality:
    negated = hypothetical = future = refusal = purpose = False
    reasons: list[str] = []

    conditional = False  # an if-clause: with a future, a conditional promise or threat

    def own(token: Token, label: str, negation_reaches: bool = True) -> None:
        nonlocal negated, hypothetical, future, conditional
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and word in grammar.negators):
                if not negation_reaches:   # "will not lift the ban until Uganda frees ...": not Uganda's
                    continue
                negated = True
                reasons.append(f"negation '{child.text}'{label}")
            elif child.dep_ in ("aux", "auxpass"):
                if word in grammar.hypothetical_auxiliaries or child.lemma_ in grammar.hypothetical_auxiliaries:
                    hypothetical = True
                    reasons.append(f"modal '{child.text}'{label}")
                elif word in grammar.future_auxiliaries or (
                        word in grammar.reported_future_auxiliaries and _reported(token, grammar)):
                    future = True
                    reasons.append(f"future '{child.text}'{label}")
                elif word in grammar.reported_future_auxiliaries:
                    hypothetical = True
                    reasons.append(f"modal '{child.text}'{label}")
            elif child.dep_ == "mark" and word in grammar.hypothetical_markers:
                hypothetical = True
                reasons.append(f"conditional '{child.text}'{label}")
            elif child.dep_ == "mark" and word in grammar.pending_markers and token.tag_ in PRESENT_TAGS:
                hypothetical = True
                reasons.append(f"not yet done: '{child.text}'{label}")
            elif child.dep_ in ("amod", "advmod") and word in grammar.uncertain_modifiers and not label:
                hypothetical = True
                reasons.append(f"unconfirmed: '{child.text}'")
            elif child.dep_ == "advcl" and _is_condition(child, grammar) and not (label == "" and _done(token)):
                # "issued an ultimatum if Damascus does not withdraw": a past act with a condition in it
                conditional = True
                reasons.append(f"main clause of a conditional{label}")

    own(trigger, "")
    if trigger.sent.text.rstrip().endswith("?"):
        hypothetical = True
        reasons.append("question")
    current, steps, in_scope = trigger, 0, True
    while current.dep_ in CLIMB_DEPS and current.head.i != current.i and steps < MAX_CLIMB:
        governor, dep = finite_host(current) or current.head, current.dep_
        if dep == "ccomp" and hedged_patient(current):   # "two men, thought to be guards, were seized"
            current, steps = governor, steps + 1
            continue
        in_scope = in_scope and _negatable(current, grammar)
        lemma = governor.lemma_.lower()
        label = f" on '{governor.text}'"
        if dep in COMPLEMENT_DEPS and governor.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            judged = dep in ("pcomp", "prep", "pobj", "advcl", "xcomp", "ccomp") or (
                dep == "dobj" and current.i == trigger.i and trigger.pos_ in ("NOUN", "PROPN"))
            if lemma in grammar.accusation_governors and judged:
                return Modality(ALLEGED, reason=f"what '{governor.text}' alleges or judges")
            if lemma in grammar.refusal_governors and in_scope and not hypothetical:   # not "refused to let X do"
                negated = refusal = True
                reasons.append(f"refusal '{governor.text}'")
            elif lemma in grammar.intention_governors and dep == "xcomp":
                future = True
                reasons.append(f"announced by '{governor.text}'")
            elif (lemma in grammar.negating_governors or _put_off(governor, grammar)) and in_scope:
                negated = True
                reasons.append(f"'{governor.text}'")
            elif (lemma in grammar.prohibition_governors and dep in ("prep", "pcomp", "pobj", "xcomp")
                  or lemma in grammar.permission_governors):
                hypothetical = True
                reasons.append(f"what '{governor.text}' forbids or permits")
            elif lemma in grammar.obligation_governors and dep == "xcomp" and governor.tag_ != "VBD":
                hypothetical = True    # "will have to recognise", not "had to flee"
                reasons.append(f"obligation '{governor.text} to'")
            elif lemma in grammar.hypothetical_governors and not _participle_of_circumstance(current) \
                    and not _called_off(governor):
                hypothetical = True
                reasons.append(f"'{governor.text}'")
            elif lemma in grammar.reported_nouns and governor.pos_ == "NOUN" and _has_own_subject(current):
                hypothetical = True
                reasons.append(f"what a '{governor.text}' says")
        if dep == "prep" and current.lower_ in ("against", "from") and governor.dep_ == "dobj" \
                and governor.head.lemma_.lower() in grammar.prohibition_governors:
            hypothetical = True    # "warned [its nationals against travelling]"
            reasons.append(f"what '{governor.head.text}' forbids")
        if dep == "csubj":
            hypothetical = True
            reasons.append("generic clause as subject")
        if dep == "advcl" and _purpose(current, grammar) and lemma not in grammar.enacting_governors:
            purpose = True  # "launched operations to detain": the operation carries it out
            reasons.append(f"purpose of '{governor.text}'")
        if _rather_than(governor):
            hypothetical = True
            reasons.append("'rather than' / 'instead of'")
        if any(c.dep_ == "det" and c.lower_ in grammar.negating_determiners for c in governor.children) \
                and governor.pos_ == "NOUN":
            negated = True
            refusal = refusal or (lemma in grammar.refusal_nouns and in_scope)   # "sees no reason to join"
            reasons.append(f"'{governor.text}' negated")
        if dep in ("conj", "xcomp", "advcl", "ccomp", "relcl", "acl", "pcomp", "prep", "pobj"):
            aux_before = (negated, hypothetical)
            own(governor, label, negation_reaches=in_scope)
            if dep == "conj" and (negated, hypothetical) != aux_before and _has_own_subject(current):
                negated, hypothetical = aux_before
        current = governor
        steps += 1
    reason = "; ".join(reasons)
    if negated and (future or refusal):
        return Modality(NEGATED, refusal=True, reason=reason)
    if hypothetical or (conditional and not future):
        return Modality(HYPOTHETICAL, reason=reason)
    if negated:
        return Modality(NEGATED, reason=reason)
    if future:  # announced, possibly on a condition ("will impose sanctions if …"): intent or threat
        return Modality(HYPOTHETICAL, reason=reason, intention=True)
    return Modality(ASSERTED, reason=reason if purpose else "", purpose=purpose)


def _negatable(current: Token, grammar: Grammar) -> bool:
    """Whether what a refusing or negating governor refuses or undoes reaches through this link:
    objects and complements do; reasons, settings and clauses about something else do not."""
    if current.dep_ == "acl" or (current.dep_ == "relcl" and infinitive(current)):
        return current.tag_ == "VB"  # "its decision to expel" reaches; "the deal signed in May" does not
    if current.dep_ in ("advcl", "relcl", "csubj"):
        return False
    return current.dep_ != "prep" or current.lower_ in grammar.negated_object_preps


def _purpose(clause: Token, grammar: Grammar) -> bool:
    """An infinitival clause of purpose: "(sent troops) to fight", "(in order) to end the war"."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    words = " ".join(c.lower_ for c in clause.children if c.dep_ in ("aux", "mark") and c.i < clause.i)
    return any(words == marker or words.endswith(" " + marker) for marker in grammar.purpose_markers)


def _reported(token: Token, grammar: Grammar) -> bool:
    """Is ``token`` the verb of what a speech verb reports ("said it would ...")?"""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in grammar.speech_verbs


def _rather_than(token: Token) -> bool:
    if token.lower_ == "than" and token.i > 0 and token.doc[token.i - 1].lower_ == "rather":
        return True
    return token.lower_ == "of" and token.i > 0 and token.doc[token.i - 1].lower_ == "instead"


def _put_off(verb: Token, grammar: Grammar) -> bool:
    """"put the strike on hold", "put talks on ice": a verb whose "on" names a suspension."""
    return verb.pos_ in ("VERB", "AUX") and any(
        prep.dep_ == "prep" and prep.lower_ == "on" and any(p.lemma_.lower() in grammar.suspension_objects
                                                           for p in prep.children if p.dep_ == "pobj")
        for prep in verb.children)


def _participle_of_circumstance(clause: Token) -> bool:
    """"pushed into Ramadi, fighting street battles": an -ing clause beside the verb says what
    else happened, not what was sought."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and not any(c.dep_ in ("mark", "aux") for c in clause.children)


def _called_off(verb: Token) -> bool:
    """"called off the strike after reaching a deal": with "off" a governor cancels, it asks for nothing."""
    return any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)


def _done(verb: Token) -> bool:
    """A verb in the past or the perfect ("issued", "has issued"): an act done, not one on a condition."""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have"
                                                             for c in verb.children))


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _is_condition(clause: Token, grammar: Grammar) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in grammar.condition_markers for c in clause.children)
