"""store.database: opening a database by path or URL, and refusing what is not one.

A SQLite path gets WAL mode and foreign keys; a path that is a folder, a file that is not
SQLite, or (for a command that only reads) a file that does not exist is refused with a
one-line :class:`StoreError` before any driver sees it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event

SQLITE_MAGIC = b"SQLite format 3\x00"


def engine_for(db: str):
    """An engine for a path (SQLite) or a SQLAlchemy URL (e.g. postgresql://...)."""
    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class StoreWarning(UserWarning):
    """A row the store holds that cannot be used as it is (the message names it); it is left out."""


class StoreError(Exception):
    """The database cannot be used: missing (for a command that only reads), not a database,
    or not detente's. The message is one line naming the file."""


def check_database(db: str, create: bool = True) -> None:
    """Refuse, before any driver sees it, a SQLite path that is not a database, or that does
    not exist when ``create`` is False (a read must not leave an empty file behind)."""
    if "://" in db:
        return
    path = Path(db)
    if path.is_dir():
        raise StoreError(f"{db} is a folder, not a database file")
    if not path.exists():
        if create:
            return
        raise StoreError(f"no database at {db}: create one with `detente extract`, `detente import` "
                         "or `detente demo`, or give --db")
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{db} is not a database (not an SQLite file)")
    if not head and not create:
        raise StoreError(f"{db} is an empty file, not a detente database")
