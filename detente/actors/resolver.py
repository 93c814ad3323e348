"""Finding actor mentions in a parsed document and resolving a noun phrase to actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.datelines import dateline_tokens, glued_hyphen, opens_dateline
from detente.actors.knowledge import DATA_DIR, Actor, KnowledgeBase, Sense
from detente.datafile import load_yaml

MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "appos", "npadvmod"}
OWNER_PREPS = {"of", "from"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "itself",
            "themselves"}
PERSONAL_PRONOUNS = {"he", "his", "him", "she", "her"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
PERSON_LABELS = {"PERSON"}
MAX_DEPTH = 4
UNIDENTIFIED = "---"
DATED_BODIES = ("institution", "metonym")   # senses whose terms date a sector, not an office
CIVILIANS = "CVL"   # the sector of a state's people counted ("thousands of Chileans")
PARTITIVES = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
              "score", "scores", "number", "group", "groups", "member", "members", "some", "many",
              "several", "most", "all", "one", "two", "three", "handful", "crowd", "team", "unit", "units"}
NAMED_ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
TITLES = load_yaml((DATA_DIR / "titles.yaml").read_text(encoding="utf-8"))
US_STATE_CUES = {"atlanta", "savannah", "governor", "county", "ga."}


@dataclass
class Mention:
    span: Span
    senses: list[Sense]


@dataclass
class Memory:
    """What a document has said so far, across its pieces: subjects, persons and the states and
    organisations it named, in order. Resolves pronouns, titles and "both sides"."""
    entries: list[tuple[tuple[int, int], Actor, str, frozenset]] = field(default_factory=list)
    piece: int = 0
    dateline: Actor | None = None   # the state of the place the story was filed from, if it says
    implied_date: str | None = None  # for an undated text, when the office-holders it names all held office

    def add(self, token_i: int, actor: Actor, role: str, offices: frozenset = frozenset()) -> None:
        self.entries.append(((self.piece, token_i), actor, role, offices))

    def before(self, token: Token):
        here = (self.piece, token.i)
        return [entry for entry in reversed(self.entries) if entry[0] < here]


@dataclass
class DocContext:
    """What the resolver knows about one parsed piece of a document while coding it."""
    doc: Doc
    date: str | None
    mentions: dict[int, Mention]
    countries: set[str]
    memory: Memory = field(default_factory=Memory)
    resolved: dict[tuple[int, bool], list[Actor]] = field(default_factory=dict)  # phrases resolved
    names_members: bool = True   # does the piece have a word that lists members ("including")?
    words: frozenset = frozenset()   # the piece's words, lower case: what a rule needs is looked for once

    def __post_init__(self) -> None:
        self.words = frozenset(t.lower_ for t in self.doc)
        self.names_members = not self.words.isdisjoint(MEMBER_PREPS)

    def remember_subject(self, token: Token, actors: list[Actor]) -> None:
        for actor in actors:
            self.memory.add(token.i, actor, "subject")

    def antecedent(self, token: Token) -> list[Actor]:
        """The actors a pronoun stands for: the latest subject (a person for he/she)."""
        wants_person = token.lower_ in PERSONAL_PRONOUNS
        found: list[Actor] = []
        position = None
        for where, actor, role, _ in self.memory.before(token):
            if role != "subject" or (wants_person and not actor.how.startswith("person")):
                continue
            if position is None:
                position = where
            if where != position:
                break
            if where[0] == self.memory.piece and actor.start >= token.sent.start_char:
                # the antecedent stands in the same sentence: point at it, not at the pronoun
                actor = Actor(actor.country, actor.sector, actor.name, actor.text, actor.start, actor.end,
                              f"{actor.how}, through the pronoun '{token.text}'")
            else:
                actor = _relabel(actor, token, "pronoun, antecedent")
            found.append(actor)
        return found[::-1]

    def office_holder(self, token: Token, offices: set[str]) -> Actor | None:
        """The latest person named before ``token`` who held one of ``offices``, preferring one
        who was the subject of a clause (the document's protagonist) over one merely named."""
        earlier = self.memory.before(token)
        subjects = {(where[0], actor.start) for where, actor, role, _ in earlier if role == "subject"}
        holders = [(where, actor) for where, actor, role, held in earlier if role == "person" and held & offices]
        for where, actor in holders:
            if (where[0], actor.start) in subjects:
                return actor
        return holders[0][1] if holders else None

    def last_two_parties(self, token: Token) -> list[Actor]:
        parties: dict[str, Actor] = {}
        for _, actor, _, _ in self.memory.before(token):
            if actor.country != UNIDENTIFIED and actor.country not in parties:
                parties[actor.country] = actor
            if len(parties) == 2:
                return list(parties.values())[::-1]
        return []


class Resolver:
    def __init__(self, kb: KnowledgeBase, vocab, make_doc):
        self.kb = kb
        self._surnames: dict[str, list[Sense]] | None = None
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        surfaces = list(kb.surfaces)
        for start in range(0, len(surfaces), 1000):
            chunk = surfaces[start:start + 1000]
            self.matcher.add("ACTOR", [make_doc(s) for s in chunk])

    def context(self, doc: Doc, date: str | None, memory: Memory | None = None) -> DocContext:
        """Mentions in a parsed piece; ``memory`` carries what earlier pieces of the document said."""
        memory = memory if memory is not None else Memory()
        datelines = {i for sent in doc.sents for i in dateline_tokens(sent)}
        if datelines and memory.dateline is None:
            memory.dateline = self._dateline_state(doc, sorted(datelines), date)
        spans = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        mentions: dict[int, Mention] = {}
        countries: set[str] = set()
        for span in spans:
            if any(t.i in datelines for t in span):
                continue    # where the story was filed: a place, never an actor
            senses = self._plausible(span, self.kb.senses(span.text))
            if not senses:
                continue
            mention = Mention(span, senses)
            for token in span:
                mentions[token.i] = mention
            if len({s.country for s in senses}) == 1:
                countries.add(senses[0].country)
        if not date:
            memory.implied_date = memory.implied_date or _implied_date(mentions.values())
            date = memory.implied_date
        ctx = DocContext(doc, date, mentions, countries, memory)
        for mention in unique_mentions(mentions.values()):
            self._remember_mention(mention, ctx)
        return ctx

    def _dateline_state(self, doc: Doc, tokens: list[int], date: str | None) -> Actor | None:
        """The state of a dateline's place ("KABUL, Afghanistan (AP) -", "BAGHDAD (Reuters) -")."""
        words = [doc[i] for i in tokens if doc[i].is_alpha]
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                run = words[start:start + size]
                text = " ".join(t.text for t in run)
                written = doc.text[run[0].idx:run[-1].idx + len(run[-1].text)]   # hyphens kept: "PORT-AU-PRINCE"
                for senses in (self.kb.senses(text), self.kb.senses(text.title()), self.kb.senses_any_case(written)):
                    states = {s.country for s in senses if s.kind not in ("person", "adjective")}
                    if len(states) == 1:
                        country = states.pop()
                        return Actor(country, "", self.kb.names.get(country, country), text, run[0].idx,
                                     run[-1].idx + len(run[-1].text), f"dateline '{text}'")
        return None

    def _remember_mention(self, mention: Mention, ctx: DocContext) -> None:
        sense = self._choose(mention, mention.span.root, ctx)
        actor = self._from_mention(mention, mention.span.root, ctx)
        offices = frozenset(t.role for t in sense.terms if t.covers(ctx.date))
        if offices and any(o.startswith("ambassador") for o in offices):
            offices |= {"ambassador"}
        held = sense.terms and sense.kind not in DATED_BODIES   # a person's offices, not a body's dated sectors
        ctx.memory.add(mention.span.start, actor, "person" if held else "party", offices if held else frozenset())

    def _plausible(self, span: Span, senses: list[Sense]) -> list[Sense]:
        """Drop senses the context rules out: a state's name used as a person's ("Chad",
        "Jordan"), a US state ("Atlanta, Georgia"), "pro-Russian" (not Russia itself) and a
        language ("speaks Russian")."""
        doc, root = span.doc, span.root
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if opens_dateline(span, after):
            return []
        if span.start > 0 and span.end < len(doc) and glued_hyphen(doc[span.start - 1]) and glued_hyphen(doc[span.end]):
            return []   # "AU" in "Port-au-Prince": a piece of a longer name
        if before == "-" and span.start > 1 and doc[span.start - 2].lower_ in ("pro", "anti"):
            return []
        if root.lower_ in ("pro", "anti") or (span.text.lower().startswith(("pro-", "anti-"))
                                              and not any(s.kind == "institution" for s in senses)):
            return []  # "pro-Russian" is not Russia; "anti-balaka" is a group's own name
        if after in ("language", "languages", "-", "speakers", "speaking") and span.end + 1 < len(doc) and \
                (after != "-" or doc[span.end + 1].lower_ in ("speaking", "language")):
            return []
        if all(s.kind == "adjective" for s in senses) and root.dep_ == "pobj" and root.head.lower_ == "in":
            return []  # "said in Russian": a language
        kept = []
        for sense in senses:
            if sense.ambiguous and (root.ent_type_ in PERSON_LABELS or _us_state_context(span)):
                continue
            if sense.kind == "person" and before == "the" and root.dep_ != "compound":
                continue  # "The Hague" is a city, not William Hague ("the Obama administration" stays)
            if sense.kind == "person" and _someone_else(span, sense):
                continue
            kept.append(sense)
        return kept

    # noun phrases ------------------------------------------------------------------------
    def actors_of(self, token: Token, ctx: DocContext, depth: int = 0, things: bool = False) -> list[Actor]:
        """Every actor a noun phrase headed by ``token`` denotes, its conjuncts included.

        With ``things``, a phrase that names no actor at all stands for itself as an object
        of unknown owner ("shelled three towns", "condemned the attack")."""
        if depth == 0 and (token.i, things) in ctx.resolved:
            return ctx.resolved[(token.i, things)]
        found: list[Actor] = []
        for head in _with_conjuncts(token):
            for actor in self._actors_of_head(head, ctx, depth):
                if depth == 0:
                    actor = _as_phrase(actor, head)
                if len({a.country for a in found}) == 1 and actor.country == UNIDENTIFIED and actor.sector \
                        and _bare_conjunct(head):
                    actor = _shared_state(actor, found[0])   # "nine US officials and lawmakers"
                if all(_identity(a) != _identity(actor) for a in found):
                    found.append(actor)
        if depth == 0 and things and not found:
            found = [a for head in _with_conjuncts(token) for a in _thing(head)]
        if depth == 0:
            ctx.resolved[(token.i, things)] = found
        return found

    def members(self, token: Token, ctx: DocContext, found: list[Actor]) -> list[Actor]:
        """The other states' actors a phrase names among its members ("injuring nine people,
        including three Danish engineers"), beside ``found``, the phrase's own actors; members of unknown
        state add nothing to the phrase itself. Read for those acted on only: the parser hangs
        "including" on a subject it does not belong to."""
        if not ctx.names_members:   # the common case, looked for once per piece
            return []
        countries = {a.country for a in found}
        holders = _with_conjuncts(token)
        if token.dep_ in ("dobj", "nsubjpass"):   # "wounding 12 people, including ...", hung on the verb
            holders.append(token.head)
            # or on a subject that is a thing ("two bombs killed 11 people, including a soldier")
            verb = token.head
            doers = [s for s in verb.children if s.dep_ == "nsubj"] + ([verb.head] if verb.dep_ == "acl" else [])
            holders += [s for s in doers if s.pos_ == "NOUN" and not self.actors_of(s, ctx)]
        members = [p for head in holders for prep in head.children
                   if prep.dep_ == "prep" and prep.lower_ in MEMBER_PREPS
                   for p in prep.children if p.dep_ == "pobj"]
        named = [a for member in members for a in self.actors_of(member, ctx)
                 if a.country != UNIDENTIFIED and a.country not in countries]
        return [a for i, a in enumerate(named) if all(_identity(b) != _identity(a) for b in named[:i])]

    def _actors_of_head(self, head: Token, ctx: DocContext, depth: int) -> list[Actor]:
        if depth > MAX_DEPTH or circumstance(head):
            return []
        mention = ctx.mentions.get(head.i)
        sector = "" if mention is not None else self.sector_of(head)
        if mention is not None:
            actors = [self._from_mention(mention, head, ctx)]
            actors += self._shared_head(head, mention, actors[0], ctx, depth)
            if _people_word(head) and any(c.dep_ == "nummod" for c in head.children):   # "200 Chileans"
                actors = [a if a.sector else _with_sector(a, CIVILIANS) for a in actors]
        elif head.lower_ in PRONOUNS:
            actors = ctx.antecedent(head)
        else:
            actors = self._from_modifiers(head, ctx, depth, sector)
        if sector:
            # the leader of a party or a rebel group is of it, the leader of a state of its government
            actors = [a if a.sector and a.sector not in self.kb.state_sectors else _with_sector(a, sector)
                      for a in actors]
        if not actors and mention is None and head.lower_ not in PRONOUNS:
            actors = self._titled_person(head, ctx) or self._from_context(head, ctx)
        if not actors and depth == 0:
            actors = _unidentified(head, sector)
        return actors

    def _shared_head(self, head: Token, mention: Mention, named: Actor, ctx: DocContext, depth: int) -> list[Actor]:
        """The other states of "US and Iraqi security forces", whose last conjunct the knowledge base
        named with the head ("Iraqi security forces"): each with the head's sector."""
        start = mention.span.start
        shared = [c for c in head.children if c.dep_ in ("nmod", "amod", "compound") and c.i < start
                  and any(k.dep_ == "conj" and k.i >= start for k in c.children)]
        return [_with_sector(a, named.sector) for c in shared for a in self.actors_of(c, ctx, depth + 1)
                if a.country != named.country]

    def _titled_person(self, head: Token, ctx: DocContext) -> list[Actor]:
        """A surname after the title of an office ("Prime Minister Brown", "British Foreign
        Secretary Straw"): the one person of that surname who held the office on the date (of
        the state the phrase names, if it names one)."""
        if head.ent_type_ not in PERSON_LABELS or head.pos_ != "PROPN":
            return []
        words = [t.lower_ for t in head.doc[head.left_edge.i:head.i] if t.is_alpha]
        offices = next((TITLES["titles"][" ".join(words[i:])] for i in range(len(words))
                        if " ".join(words[i:]) in TITLES["titles"]), None)
        if not offices:
            return []
        named = {a.country for c in head.doc[head.left_edge.i:head.i] if c.i in ctx.mentions
                 for a in [self._from_mention(ctx.mentions[c.i], c, ctx)] if a.country != UNIDENTIFIED}
        found = [sense for sense in self._persons_by_surname().get(head.text, [])
                 if any(t.role in offices and t.covers(ctx.date) and (not named or t.country in named)
                        for t in sense.terms)]
        if len(found) != 1:
            return []
        sense = found[0].at(ctx.date)
        return [Actor(sense.country, sense.sector, sense.name, head.text, head.idx, head.idx + len(head.text),
                      f"person '{head.text}', by the title before the name")]

    def _persons_by_surname(self) -> dict[str, list[Sense]]:
        if self._surnames is None:
            index: dict[str, list[Sense]] = {}
            for senses in self.kb.surfaces.values():
                for sense in senses:
                    if sense.kind == "person" and sense not in index.setdefault(sense.name.split()[-1], []):
                        index[sense.name.split()[-1]].append(sense)
            self._surnames = index
        return self._surnames

    def _from_context(self, head: Token, ctx: DocContext) -> list[Actor]:
        """An office without its holder ("the president"), a pair ("both sides", "the two
        leaders") or an organisation's epithet ("the bloc", "the alliance")."""
        modifiers = [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod")]
        phrase = " ".join([*modifiers, head.lower_])
        bare = self.kb.sector_words.get(head.lower_) or self.kb.sector_words.get(head.lemma_.lower(), "")
        candidates = (phrase, head.lower_, head.lemma_.lower())
        if modifiers and self.sector_of(head) != bare:
            candidates = (phrase,)   # "rebel leaders" are no holders of the country's leadership
        for words in candidates:
            offices = TITLES["titles"].get(words)
            if offices:
                holder = ctx.office_holder(head, set(offices))
                return [_relabel(holder, head, f"title '{words}' held by")] if holder else []
        if head.lower_ in TITLES["pairs"]["heads"] and any(
                c.lower_ in TITLES["pairs"]["quantifiers"] for c in head.children):
            return [_relabel(a, head, "one of the two parties") for a in ctx.last_two_parties(head)]
        igo = self.kb.context_aliases.get(head.lower_)
        if igo and any(c.lower_ == "the" for c in head.children):
            for _, actor, _, _ in ctx.memory.before(head):
                if actor.country == igo:
                    return [_relabel(actor, head, f"epithet '{head.text}' for")]
        return []

    def _from_modifiers(self, head: Token, ctx: DocContext, depth: int, sector: str) -> list[Actor]:
        if head.lemma_.lower() in PARTITIVES:  # "dozens of protesters" are protesters
            members = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                       for p in prep.children if p.dep_ == "pobj"]
            if members:
                actors = self.actors_of(members[0], ctx, depth)
                if _people_word(members[0]):   # "thousands of Chileans" are Chilean people, not Chile
                    actors = [a if a.sector else _with_sector(a, CIVILIANS) for a in actors]
                return actors
        actors: list[Actor] = []
        word = head.lower_
        relational, of_victims = word in RELATIONAL_HEADS, word in VICTIM_AGENT_HEADS
        owners = [a for c in head.children if c.dep_ == "poss" and not relational for a in self.actors_of(c, ctx, depth + 1)]
        if owners:
            return owners  # "Russia's annexation of Crimea" is Russia's; "USAID's Moscow mission" USAID's
        for child in head.children:
            allegiance = child.dep_ == "acl" and child.lower_ in ALLEGIANCE_WORDS   # "rebels opposed to"
            if (child.dep_ in MODIFIER_DEPS or allegiance) and child.dep_ != "appos" and child.dep_ != "poss" \
                    and child.lower_ not in RELATIONAL_PARTICIPLES:   # "US-backed forces": not American
                actors += self.actors_of(child, ctx, depth + 1)
        if not actors:  # an apposition describes; it names the actor only when nothing else does
            for child in head.children:
                if child.dep_ == "appos":
                    actors += self.actors_of(child, ctx, depth + 1)
        is_place = head.lower_ in TITLES["places"]["heads"]
        # "officials in Moscow", but "the US commander in Iraq" is American and "separatist leaders in Minsk"
        # are there to meet
        stationed = sector and not actors and not (head.lower_ in TRAVELLING_HEADS and sector not in self.kb.state_sectors)
        for child in head.children:
            owner = (child.lower_ in OWNER_PREPS and not (relational or (of_victims and child.lower_ == "of"))) \
                or word in AGENTS_FOR.get(child.lower_, ()) \
                or (word in ALLEGIANCE_WORDS and child.lower_ == "to")   # "a spokesman for", "troops loyal to"
            placed = is_place and child.lower_ in TITLES["places"]["preps"]
            if child.dep_ == "prep" and (owner or (stationed and child.lower_ == "in") or placed):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.actors_of(pobj, ctx, depth + 1)
                        # "a checkpoint in Kabul", "southwest of Baghdad": the state's ground, not its government
                        actors += [_the_state(a) if placed and a.how.startswith("metonym") else a for a in found]
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
        named = token.text[:1].isupper() and not token.is_sent_start
        if named and (token.ent_type_ in PLACE_LABELS or (token.tag_ == "NNP" and words.get(token.lower_) == "CVL")):
            return ""   # a place named like a role word ("arrived in Man, in western Ivory Coast")
        for child in token.children:
            if child.dep_ in ("compound", "amod"):
                phrase = f"{child.lower_} {token.lower_}"
                if phrase in words:
                    return words[phrase]
        own = words.get(token.lower_) or words.get(token.lemma_.lower(), "")
        if not own and token.lemma_.lower() in GROUP_HEADS:   # "a police unit", "a government delegation"
            return next((words[c.lower_] for c in token.children
                         if c.dep_ in ("compound", "amod") and c.lower_ in words), "")
        return own



def _implied_date(mentions) -> str | None:
    """When an undated text was written, as the office-holders it names tell: the first day of a
    term that the most of them held office on (an "Afghan President Ashraf Ghani" dates it to
    2014-2021, when the Taliban were rebels, not the government); None if it names none."""
    terms = {m.senses[0].name: m.senses[0].terms for m in unique_mentions(mentions)
             if len(m.senses) == 1 and m.senses[0].kind == "person" and m.senses[0].terms}
    candidates = {t.start for held in terms.values() for t in held if t.start}
    scored = [(sum(any(t.covers(day) for t in held) for held in terms.values()), day) for day in candidates]
    return max(scored)[1] if scored else None


def _the_state(actor: Actor) -> Actor:
    """A capital named as a place: its state, not the government it stands for elsewhere."""
    return Actor(actor.country, "", actor.name, actor.text, actor.start, actor.end, actor.how + ", as a place")


def _people_word(token: Token) -> bool:
    """A nationality's plural ("Chileans", "Iraqis"): people of the state, not the state."""
    return token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS")


def _with_conjuncts(token: Token) -> list[Token]:
    heads = [token]
    for current in heads:   # a conjunct follows its head: its own conjuncts are to its right
        heads.extend(c for c in current.rights if c.dep_ == "conj")
    return heads


def _bare_conjunct(head: Token) -> bool:
    """A conjunct role word with no modifier of its own ("lawmakers" in "US officials and lawmakers")."""
    return head.dep_ == "conj" and not any(c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod")
                                           for c in head.children)


def _shared_state(actor: Actor, first: Actor) -> Actor:
    """The state the first conjunct's modifier names, shared by a bare conjunct role word."""
    if first.country == UNIDENTIFIED or not first.how.startswith(("state ", "adjective ")):
        return actor
    return Actor(first.country, actor.sector, first.name, actor.text, actor.start, actor.end,
                 f"{actor.how}; state of the conjunct before it ({first.text})")


def circumstance(head: Token) -> bool:
    """ "in the wake of", "in the face of": a phrase of circumstance, naming no actor."""
    return head.lower_ in CIRCUMSTANCE_HEADS and head.dep_ == "pobj" and head.head.lower_ in ("in", "on")


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
        if opens_dateline(span, head.doc[end].lower_ if end < len(head.doc) else ""):
            return []
    elif sector:
        span = head.doc[min([c.i for c in head.lefts if c.dep_ in ("compound", "amod")] + [head.i]):head.i + 1]
    else:
        return []
    return [Actor(UNIDENTIFIED, sector, span.text, span.text, span.start_char, span.end_char,
                  f"unidentified {'role' if sector else head.ent_type_.lower()} '{span.text}'")]


MEMBER_PREPS = ("including",)
PLACE_LABELS = ("GPE", "LOC", "FAC")
NP_LEFT_DEPS = {"det", "compound", "amod", "poss", "nmod", "nummod", "quantmod"}


def _as_phrase(actor: Actor, head: Token) -> Actor:
    """The actor with its mention widened to the noun phrase it heads ("Iraqi security forces",
    "the leaders of Russia"), so the record shows the words that name the actor."""
    if head.lower_ in PRONOUNS:
        return actor
    left = min([c.left_edge.i for c in head.lefts if c.dep_ in NP_LEFT_DEPS] + [head.i])
    doc = head.doc
    start, end = doc[left].idx, head.idx + len(head.text)
    subtree_end = head.right_edge.idx + len(head.right_edge.text)
    if head.left_edge.idx <= actor.start and actor.end <= subtree_end:  # not named elsewhere ("its troops")
        start, end = min(actor.start, start), max(actor.end, end)
    if (start, end) == (actor.start, actor.end):
        return actor
    span = doc.char_span(start, end)
    text = span.text if span is not None else actor.text
    return Actor(actor.country, actor.sector, actor.name, text, start, end, actor.how)


def unique_mentions(mentions) -> list[Mention]:
    """Each mention once (a multi-token mention is mapped from every one of its tokens)."""
    return list({id(m): m for m in mentions}.values())


OTHER_TITLES = frozenset(TITLES.get("other_titles") or ())
RELATIONAL_HEADS = frozenset(TITLES.get("relational_heads") or ())
RELATIONAL_PARTICIPLES = frozenset(TITLES.get("relational_participles") or ())
CIRCUMSTANCE_HEADS = frozenset(TITLES.get("circumstance_heads") or ())
ALLEGIANCE_WORDS = frozenset(TITLES.get("allegiance_words") or ())
TRAVELLING_HEADS = frozenset(TITLES.get("travelling_heads") or ())
GROUP_HEADS = frozenset(TITLES.get("group_heads") or ())
AGENTS_FOR = {prep: frozenset(words) for prep, words in (TITLES.get("agents_for") or {}).items()}
VICTIM_AGENT_HEADS = frozenset(TITLES.get("victim_agent_heads") or ())
HONORIFICS = frozenset(TITLES.get("honorifics") or ()) | {w for title in TITLES["titles"] for w in title.split()}


def _someone_else(span: Span, sense: Sense) -> bool:
    """A surname the knowledge base knows, written with another first name ("John Brown") or
    after a title none of the office-holder's offices carries ("Senator Clinton")."""
    doc = span.doc
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in OTHER_TITLES:
        return True
    named = {w.lower() for w in sense.name.replace("-", " ").split()}
    return (len(span) == 1 and before.pos_ == "PROPN" and before.is_title and before.is_alpha
            and before.ent_type_ == "PERSON" and before.lower_ not in named | HONORIFICS)


def _us_state_context(span: Span) -> bool:
    """'Atlanta, Georgia', 'the state of Georgia', 'Georgia's governor'."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(span.start - 3, 0):span.start]]
    window = before + [t.lower_ for t in doc[span.end:span.end + 3]]
    return bool(US_STATE_CUES.intersection(window)) or before[-2:] == ["state", "of"]


NOT_THINGS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


def _thing(head: Token) -> list[Actor]:
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in PRONOUNS or head.ent_type_ in NOT_THINGS \
            or head.lower_ in RELATIONAL_HEADS:   # "the allies" are someone, not something
        return []
    left = min([c.i for c in head.lefts if c.dep_ in ("compound", "amod", "det", "nummod")] + [head.i])
    span = head.doc[left:head.i + 1]
    return [Actor(UNIDENTIFIED, "", span.text, span.text, span.start_char, span.end_char,
                  f"unidentified object '{span.text}'")]


def _identity(actor: Actor) -> tuple[str, str]:
    """Actors of unknown state are told apart by name; the others by code."""
    return actor.code, actor.name if actor.country == UNIDENTIFIED else ""
