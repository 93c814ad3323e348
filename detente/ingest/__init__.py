"""ingest: reads documents from files and folders, normalises their text and gives each an identity.

Formats: ``.txt``, ``.md`` (YAML front matter), ``.html`` (main text only), JSONL and CSV
(one document per line/row: ``id``, ``text``, optional ``published``, ``title``, ``source``,
``url``) and RSS/Atom feeds. A document's identity is its given id, else a hash of its
normalised text. Bad input never raises: it comes back as a :class:`Rejection` naming the
file (and line) and the reason, while the good documents around it are still read.
"""

from __future__ import annotations

from detente.ingest.documents import Document, Rejection, content_hash, normalise_text
from detente.ingest.readers import MAX_DOCUMENT_BYTES, read_inputs

__all__ = ["Document", "Rejection", "content_hash", "normalise_text", "read_inputs",
           "MAX_DOCUMENT_BYTES"]
