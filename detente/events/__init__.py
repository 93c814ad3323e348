"""events: the lexicon (data), matching clauses to CAMEO codes, modality, dates and derived fields.

:class:`Coder` turns text into event records (DESIGN.md, "The event record"); the lexicon,
the grammar word lists and the CAMEO code table (root, QuadClass, Goldstein, PLOVER) are data
files under ``events/data/``.
"""

from detente.events.codes import code_table, describe
from detente.events.coder import CODER_VERSION, Coder
from detente.events.lexicon import load_lexicon

__all__ = ["Coder", "CODER_VERSION", "code_table", "describe", "load_lexicon"]
