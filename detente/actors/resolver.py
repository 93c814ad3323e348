"""Finding actor mentions in a parsed document and resolving a noun phrase to actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.knowledge import Actor, KnowledgeBase, Sense

MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "appos", "npadvmod"}
OWNER_PREPS = {"of", "from"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "itself",
            "themselves"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
PERSON_LABELS = {"PERSON"}
MAX_DEPTH = 4
UNIDENTIFIED = "---"
PARTITIVES = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
              "score", "scores", "number", "group", "groups", "member", "members", "some", "many",
              "several", "most", "all", "one", "two", "three", "handful", "crowd", "team", "unit", "units"}
NAMED_ACTOR_LABELS = {"PERSON", "ORG", "NORP"}


@dataclass
class Mention:
    span: Span
    senses: list[Sense]


@dataclass
class DocContext:
    """What the resolver knows about one document while coding it."""
    doc: Doc
    date: str | None
    mentions: dict[int, Mention]
    countries: set[str]
    subjects: list[tuple[int, list[Actor]]] = field(default_factory=list)

    def remember_subject(self, token: Token, actors: list[Actor]) -> None:
        if actors:
            self.subjects.append((token.i, actors))

    def antecedent(self, token: Token) -> list[Actor]:
        for index, actors in reversed(self.subjects):
            if index < token.i:
                return actors
        return []


class Resolver:
    def __init__(self, kb: KnowledgeBase, vocab, make_doc):
        self.kb = kb
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        surfaces = list(kb.surfaces)
        for start in range(0, len(surfaces), 1000):
            chunk = surfaces[start:start + 1000]
            self.matcher.add("ACTOR", [make_doc(s) for s in chunk])

    def context(self, doc: Doc, date: str | None) -> DocContext:
        spans = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        mentions: dict[int, Mention] = {}
        countries: set[str] = set()
        for span in spans:
            senses = self._plausible(span, self.kb.senses(span.text))
            if not senses:
                continue
            mention = Mention(span, senses)
            for token in span:
                mentions[token.i] = mention
            if len({s.country for s in senses}) == 1:
                countries.add(senses[0].country)
        return DocContext(doc, date, mentions, countries)

    def _plausible(self, span: Span, senses: list[Sense]) -> list[Sense]:
        is_person = span.root.ent_type_ in PERSON_LABELS
        return [s for s in senses if not (s.ambiguous and is_person)]

    # noun phrases ------------------------------------------------------------------------
    def actors_of(self, token: Token, ctx: DocContext, depth: int = 0) -> list[Actor]:
        """Every actor a noun phrase headed by ``token`` denotes, its conjuncts included."""
        found: list[Actor] = []
        for head in _with_conjuncts(token):
            for actor in self._actors_of_head(head, ctx, depth):
                if depth == 0:
                    actor = _as_phrase(actor, head)
                if all(a.code != actor.code for a in found):
                    found.append(actor)
        return found

    def _actors_of_head(self, head: Token, ctx: DocContext, depth: int) -> list[Actor]:
        if depth > MAX_DEPTH:
            return []
        mention = ctx.mentions.get(head.i)
        sector = "" if mention is not None else self.sector_of(head)
        if mention is not None:
            actors = [self._from_mention(mention, head, ctx)]
        elif head.lower_ in PRONOUNS:
            actors = [_relabel(a, head, "pronoun, antecedent") for a in ctx.antecedent(head)]
        else:
            actors = self._from_modifiers(head, ctx, depth, sector)
        if sector:
            actors = [_with_sector(a, sector) for a in actors]
        if not actors and depth == 0:
            actors = _unidentified(head, sector)
        return actors

    def _from_modifiers(self, head: Token, ctx: DocContext, depth: int, sector: str) -> list[Actor]:
        if head.lemma_.lower() in PARTITIVES:  # "dozens of protesters" are protesters
            members = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                       for p in prep.children if p.dep_ == "pobj"]
            if members:
                return self.actors_of(members[0], ctx, depth)
        actors: list[Actor] = []
        for child in head.children:
            if child.dep_ in MODIFIER_DEPS:
                actors += self.actors_of(child, ctx, depth + 1)
            elif child.dep_ == "prep" and (child.lower_ in OWNER_PREPS or (sector and child.lower_ == "in")):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        actors += self.actors_of(pobj, ctx, depth + 1)
        return actors

    def _from_mention(self, mention: Mention, head: Token, ctx: DocContext) -> Actor:
        sense = self._choose(mention, head, ctx).at(ctx.date)
        span = mention.span
        return Actor(sense.country, sense.sector, sense.name, span.text, span.start_char,
                     span.end_char, f"{sense.kind} '{span.text}'")

    def _choose(self, mention: Mention, head: Token, ctx: DocContext) -> Sense:
        senses = mention.senses
        if len(senses) == 1:
            return senses[0]
        dated = [s for s in senses if s.terms and any(t.covers(ctx.date) for t in s.terms)]
        if dated:
            return dated[0]
        near = {a.country for child in head.children if child.dep_ in MODIFIER_DEPS
                for a in self.actors_of(child, ctx, MAX_DEPTH)}
        for pool in (near, ctx.countries):
            preferred = [s for s in senses if s.country in pool]
            if preferred:
                return preferred[0]
        return max(senses, key=lambda s: self.kb.prominence.get(s.country, 0))

    def sector_of(self, token: Token) -> str:
        words = self.kb.sector_words
        for child in token.children:
            if child.dep_ in ("compound", "amod"):
                phrase = f"{child.lower_} {token.lower_}"
                if phrase in words:
                    return words[phrase]
        return words.get(token.lower_) or words.get(token.lemma_.lower(), "")

    def is_actor_word(self, token: Token, ctx: DocContext) -> bool:
        return token.i in ctx.mentions or bool(self.sector_of(token))


def _with_conjuncts(token: Token) -> list[Token]:
    heads, stack = [], [token]
    while stack:
        current = stack.pop(0)
        heads.append(current)
        stack.extend(c for c in current.children if c.dep_ == "conj" and c not in heads)
    return heads


def _with_sector(actor: Actor, sector: str) -> Actor:
    if actor.sector == sector:
        return actor
    return Actor(actor.country, sector, actor.name, actor.text, actor.start, actor.end,
                 actor.how + f", sector {sector} from role word")


def _relabel(actor: Actor, token: Token, how: str) -> Actor:
    return Actor(actor.country, actor.sector, actor.name, token.text, token.idx,
                 token.idx + len(token.text), f"{how} {actor.text!r} ({actor.how})")


def _unidentified(head: Token, sector: str) -> list[Actor]:
    """An actor whose state is not known: a role ("protesters", "the police") or a named person
    or organisation the knowledge base lacks. Coded ``---`` plus the sector, as CAMEO coders do."""
    if head.ent_type_ in NAMED_ACTOR_LABELS and head.ent_iob_ in ("B", "I"):
        start = head.i
        while start > 0 and head.doc[start].ent_iob_ == "I":
            start -= 1
        end = head.i + 1
        span = head.doc[start:end]
    elif sector:
        span = head.doc[min([c.i for c in head.lefts if c.dep_ in ("compound", "amod")] + [head.i]):head.i + 1]
    else:
        return []
    return [Actor(UNIDENTIFIED, sector, span.text, span.text, span.start_char, span.end_char,
                  f"unidentified {'role' if sector else head.ent_type_.lower()} '{span.text}'")]


NP_LEFT_DEPS = {"det", "compound", "amod", "poss", "nmod", "nummod", "quantmod"}


def _as_phrase(actor: Actor, head: Token) -> Actor:
    """The actor with its mention widened to the noun phrase it heads ("Iraqi security forces",
    "the leaders of Russia"), so the record shows the words that name the actor."""
    if head.lower_ in PRONOUNS:
        return actor
    left = min([c.left_edge.i for c in head.lefts if c.dep_ in NP_LEFT_DEPS] + [head.i])
    doc = head.doc
    start = min(actor.start, doc[left].idx)
    end = max(actor.end, head.idx + len(head.text))
    if (start, end) == (actor.start, actor.end):
        return actor
    return Actor(actor.country, actor.sector, actor.name, doc.text[start:end], start, end, actor.how)
