"""detente: news and commentary on international relations in, an auditable record of
coded political events out (who did what to whom, when, CAMEO-coded, each event linked
to the sentence it came from).

Stages, one module each: ``ingest`` (documents), ``nlp`` (spaCy), ``actors`` (who),
``events`` (what, when, how sure), ``channels`` (standing channels of dialogue),
``store`` (SQLite/PostgreSQL), ``analysis``, ``evaluation``, ``api`` (the Python API
the CLI mirrors) and ``cli``.
"""

__version__ = "0.2.0"
