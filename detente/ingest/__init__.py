"""ingest: reads documents from files and folders, normalises their text and gives each an identity.

Formats: ``.txt``, ``.md`` (YAML front matter), ``.html`` (main text only), JSONL and CSV
(one document per line/row: ``id``, ``text``, optional ``published``, ``title``, ``source``,
``url``) and RSS/Atom feeds. A document's identity is its given id, else a hash of its
normalised text. Bad input never raises: it comes back as a :class:`Rejection` naming the
file (and line) and the reason, while the good documents around it are still read.

Modules: ``readers`` (files, folders, JSONL/CSV/text/Markdown, the checks on each record; its
:func:`read_inputs` is the entry point), ``html`` (a page's main text by trafilatura, its date
by htmldate, title, publisher, URL), ``feeds`` (RSS/Atom by feedparser), ``encodings`` (UTF-8,
else the declared charset, else charset-normalizer), ``documents`` (the record, normalisation,
identity, dates).
"""

from __future__ import annotations

from detente.ingest.documents import Document, Rejection, content_hash, normalise_text
from detente.ingest.readers import MAX_DOCUMENT_BYTES, read_inputs

__all__ = ["Document", "Rejection", "content_hash", "normalise_text", "read_inputs",
           "MAX_DOCUMENT_BYTES"]
