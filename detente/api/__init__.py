"""The Python API, mirrored by the CLI (which adds no logic of its own).

* :mod:`detente.api.record`: ingest, extract, events (``frame=True`` for a DataFrame), show,
  documents, evaluate, demo, import_actors / imported_actors, evaluate_petrarch.
* :mod:`detente.api.relations`: dyad, spirals, reciprocity, channels, channel_changes,
  set_channel_status, import_events, export_events.

>>> from detente import api
>>> report = api.extract(["articles/"], db="detente.db")      # doctest: +SKIP
>>> api.dyad("USA", "Russia", db="detente.db", freq="month").series   # doctest: +SKIP
"""

from detente.api.record import (BATCH_DOCUMENTS, DEMO_CORPUS, DEMO_DB, ExtractReport, IngestReport, code_documents,
                                demo, documents, evaluate, events_by_id, evaluate_petrarch, events, extract, import_actors,
                                imported_actors, ingest, mark_sentence, reading, resolve, resolve_pair, show,
                                unscored)
from detente.api.relations import (DyadReport, EventImportReport, ExportReport, channel_changes, channels, data_range,
                                   default_scale, dyad, dyad_events, export_events, import_events, reciprocity,
                                   set_channel_status, spirals, today)

__all__ = ["BATCH_DOCUMENTS", "DEMO_CORPUS", "DEMO_DB", "DyadReport", "EventImportReport", "ExportReport", "ExtractReport",
           "IngestReport", "channel_changes", "channels", "code_documents", "data_range", "default_scale", "demo",
           "documents", "dyad", "dyad_events", "evaluate", "evaluate_petrarch", "events", "events_by_id", "export_events",
           "extract", "import_actors", "import_events", "imported_actors", "ingest", "mark_sentence", "reading",
           "reciprocity", "resolve", "resolve_pair", "set_channel_status", "show", "spirals", "today", "unscored"]
