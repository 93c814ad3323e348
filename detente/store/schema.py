"""store.schema: the tables of the detente database and the column lists the queries use.

``documents`` (one row per distinct document), ``runs`` (one per coder configuration: coder
version + lexicon hash), ``coded`` (which run has coded which document), ``events`` (the event
record of DESIGN.md, coded or imported from other event data), ``channel_changes`` (channel
status entered by hand), ``imported_actors`` (names and codes imported from actor and agent
dictionaries such as PETRARCH's) and ``meta`` (the schema version the rows follow).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

DEFAULT_DB = "detente.db"

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("doc_id", String, primary_key=True),
    Column("content_hash", String, nullable=False, index=True),
    Column("title", Text), Column("source", Text), Column("url", Text),
    Column("published", String(10)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", String, nullable=False),
)

runs = Table(
    "runs", metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("coder_key", String, nullable=False, unique=True),
    Column("coder_version", String, nullable=False),
    Column("lexicon_hash", String, nullable=False),
    Column("model", String),
    Column("started_at", String, nullable=False),
    Column("updated_at", String),
)

coded = Table(
    "coded", metadata,
    Column("doc_id", String, ForeignKey("documents.doc_id"), primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.run_id"), primary_key=True),
    Column("n_events", Integer, nullable=False),
)

EVENT_COLUMNS = [
    Column("event_id", String, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.run_id"), nullable=False),
    Column("doc_id", String, ForeignKey("documents.doc_id"), nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("trigger_text", Text), Column("trigger_start", Integer), Column("trigger_end", Integer),
    Column("source", String, nullable=False), Column("source_country", String, nullable=False),
    Column("source_text", Text), Column("source_name", Text),
    Column("source_start", Integer), Column("source_end", Integer),
    Column("target", String, nullable=False), Column("target_country", String, nullable=False),
    Column("target_text", Text), Column("target_name", Text),
    Column("target_start", Integer), Column("target_end", Integer),
    Column("code", String, nullable=False), Column("root", String(2), nullable=False),
    Column("quad_class", Integer), Column("goldstein", Float), Column("plover", String),
    Column("modality", String, nullable=False),
    Column("date", String(10)), Column("date_precision", String), Column("date_text", Text),
    Column("published", String(10)),
    Column("confidence", Float), Column("matched_rule", String),
    Column("evidence", Text),
    # the same act reported in several sentences or documents: same source and target state,
    # code and date share a group, which analysis counts once
    Column("group_id", String),
]
events = Table("events", metadata, *EVENT_COLUMNS)
# covers the dyad queries of analysis (store.ANALYSIS_FIELDS), so a dyad series reads the index
# alone, however large the table
Index("ix_events_dyad_cover", events.c.source_country, events.c.target_country, events.c.date,
      events.c.modality, events.c.run_id, events.c.doc_id, events.c.sentence_index, events.c.event_id,
      events.c.source, events.c.target, events.c.code, events.c.root, events.c.quad_class,
      events.c.goldstein, events.c.plover, events.c.confidence, events.c.group_id)
Index("ix_events_doc", events.c.doc_id, events.c.run_id)
Index("ix_events_code", events.c.code)
Index("ix_events_group", events.c.group_id)

EVENT_FIELDS = [c.name for c in events.columns]
ANALYSIS_FIELDS = ["event_id", "doc_id", "sentence_index", "source", "source_country", "target",
                   "target_country", "code", "root", "quad_class", "goldstein", "plover", "modality",
                   "date", "confidence", "group_id"]
SERIES_FIELDS = ["event_id", "source_country", "target_country", "date", "code", "plover", "quad_class",
                 "goldstein", "confidence", "group_id"]

# Status changes of channels of dialogue entered by hand (see channels.status).
channel_changes = Table(
    "channel_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel_id", String, nullable=False, index=True),
    Column("date", String(10), nullable=False),
    Column("status", String, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("entered_at", String, nullable=False),
)


# Facts about the database itself: the schema version its rows follow (see Store._upgrade).
meta = Table(
    "meta", metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)
SCHEMA_VERSION = 2   # 2: imported events are each their own act (group_id = event_id)

# One row per imported surface name and code. Open dates are '' (not NULL) so that the unique
# constraint makes a second import of the same dictionary add nothing.
imported_actors = Table(
    "imported_actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String, nullable=False),          # actor (country + sector) or agent (sector)
    Column("surface", Text, nullable=False),
    Column("country", String, nullable=False),
    Column("sector", String, nullable=False),
    Column("start", String(10), nullable=False),
    Column("end", String(10), nullable=False),
    Column("entry", Text, nullable=False),           # the dictionary entry's primary name
    Column("line", Integer, nullable=False),         # where the code was given (dated codes keep order)
    Column("source_file", Text, nullable=False),
    Column("imported_at", String, nullable=False),
    UniqueConstraint("kind", "surface", "country", "sector", "start", "end", "entry",
                     name="uq_imported_actor"),
)
IMPORTED_FIELDS = ["kind", "surface", "country", "sector", "start", "end", "entry", "line"]
