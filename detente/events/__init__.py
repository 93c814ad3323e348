"""events: the lexicon (data), matching clauses to CAMEO codes, modality, dates and derived fields.

:class:`Coder` turns text into event records (DESIGN.md, "The event record"); the lexicon,
the grammar word lists and the CAMEO code table (root, QuadClass, Goldstein, PLOVER) are data
files under ``events/data/``.
"""

from detente.events.codes import code_name, code_table, describe
from detente.events.lexicon import load_lexicon

__all__ = ["Coder", "CODER_VERSION", "code_name", "code_table", "describe", "load_lexicon"]


def __getattr__(name: str):
    """The coder on first use: it loads spaCy, which reading a code table must not wait for."""
    if name in ("Coder", "CODER_VERSION"):
        from detente.events import coder

        return getattr(coder, name)
    raise AttributeError(f"module 'detente.events' has no attribute {name!r}")
