"""actors: the actor knowledge base and resolving a mention in context to an actor code.

The knowledge base is data (``actors/data/``): states and IGOs with their names, adjectives,
demonyms, metonyms and institutions; sector role words; office-holders with dated terms.
:class:`KnowledgeBase` loads it; :class:`~detente.actors.resolver.Resolver` finds mentions
in a parsed document and turns a noun phrase into actors (``USA``, ``RUSGOV``, ``UKRMIL``).
"""

from detente.actors.knowledge import Actor, KnowledgeBase, Sense, load_knowledge_base
from detente.actors.resolver import Resolver

__all__ = ["Actor", "KnowledgeBase", "Sense", "Resolver", "load_knowledge_base"]
