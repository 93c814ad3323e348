"""actors: the actor knowledge base and resolving a mention in context to an actor code.

The knowledge base is data (``actors/data/``): states and IGOs with their names, adjectives,
demonyms, metonyms and institutions; sector role words; office-holders with dated terms.
:class:`KnowledgeBase` loads it; :class:`~detente.actors.resolver.Resolver` finds mentions
in a parsed document and turns a noun phrase into actors (``USA``, ``RUSGOV``, ``UKRMIL``).
"""

from detente.actors.knowledge import Actor, KnowledgeBase, Sense, load_knowledge_base

__all__ = ["Actor", "KnowledgeBase", "Sense", "Resolver", "load_knowledge_base"]


def __getattr__(name: str):
    """The resolver on first use: it loads spaCy, which checking a typed code must not wait for."""
    if name == "Resolver":
        from detente.actors.resolver import Resolver

        return Resolver
    raise AttributeError(f"module 'detente.actors' has no attribute {name!r}")
