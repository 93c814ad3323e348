"""The HTTP API (FastAPI, OpenAPI schema at /openapi.json) and the dashboard it serves.

Read-only by default. With ``allow_ingest`` and a token, ``POST /api/documents`` ingests and
codes documents. Every response carries a Content-Security-Policy that forbids inline and
foreign scripts: documents are untrusted, and the dashboard only ever inserts their text as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Path as PathParam, Query, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from detente import __version__, api
from detente.analysis.scales import SCALES
from detente.analysis.series import DEFAULT_MEASURE, MEASURES, change_points
from detente.events.confidence import meaning as confidence_meaning
from detente.periods import DATE_PREFIX, checked_date, full_day
from detente.store import EVENT_FIELDS, Store

STATIC = Path(__file__).parent / "static"
MAX_PAGE = 1000
MAX_PERIODS = 2000   # a longer series is refused: narrow the period or choose a coarser frequency
FIRST_YEAR = 1800
MAX_BREADTH_ROWS = 600
ACTOR_PATTERN = r"^[A-Za-z0-9 .']{2,40}$"   # a code or a name ("RUS", "Russia", "United States")
CONFIDENCE_HELP = ("Only events at least this likely to be right: an event's confidence is the probability that "
                   "an expert would judge it right, from a model fitted on labelled news.")
CONFIDENCE = Query(None, ge=0, le=1, alias="min_confidence", description=CONFIDENCE_HELP)
COUNT_DEFINITIONS = {
    "events": "every stored event (one mention of an act in one sentence), any modality, latest coding of each document",
    "asserted": "the asserted ones (negated and hypothetical left out)",
    "asserted_known": "asserted, with both sides a known state or organisation",
    "acts": "asserted, both sides known, each act once (mentions of one act counted once)",
}
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; "
                           "style-src 'self' 'unsafe-inline'")

Freq = Literal["day", "week", "month", "year"]
Scale = Literal[SCALES]  # type: ignore[valid-type]
Measure = Literal[tuple(MEASURES)]  # type: ignore[valid-type]
Modality = Literal["asserted", "negated", "hypothetical", "all"]


class NewDocument(BaseModel):
    id: str | None = Field(None, max_length=200)
    text: str = Field(..., min_length=1, max_length=1_000_000)
    published: str | None = Field(None, pattern=DATE_PREFIX.pattern)
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    documents: list[NewDocument] = Field(..., min_length=1, max_length=100)


def create_app(db: str, allow_ingest: bool = False, token: str | None = None, create: bool = True) -> FastAPI:
    """The API and dashboard over the store ``db`` (with ``create=False``, only an existing one)."""
    if allow_ingest and not token:
        raise ValueError("ingesting over HTTP needs a token")
    # no /docs: Swagger UI loads its scripts from a CDN, which offline use and the CSP both rule out
    app = FastAPI(title="detente", version=__version__, docs_url=None, redoc_url=None,
                  description="Coded political events, each traceable to its sentence, and what they "
                              "say about a relationship: dyad series, spirals, reciprocity, channels.")
    app.state.db = db
    Store(db, create=create).close()  # create the schema (and fail early on a bad URL or file)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    _warm_up()
    _add_pages(app)
    _add_reading(app, db)
    _add_relations(app, db)
    if allow_ingest:
        _add_ingest(app, db, token)
    return app


def _warm_up() -> None:
    """Load the analysis modules and data files now, not on the first requests (a burst of
    first requests would each wait for them)."""
    from detente.analysis import reciprocity, spirals  # noqa: F401
    from detente.analysis.scales import load_scale
    from detente.channels import load_registry
    from detente.channels.status import load_rules

    for name in SCALES:
        load_scale(name)
    load_registry()
    load_rules()


# pages ----------------------------------------------------------------------------------------
def _add_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js():
        return FileResponse(_plotly_js(), media_type="application/javascript")


def _plotly_js() -> Path:
    """plotly.js from the installed plotly package, so the dashboard works offline."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.exists():
        raise HTTPException(500, "plotly.min.js is missing from the installed plotly package")
    return path


# reading the record ---------------------------------------------------------------------------
def _add_reading(app: FastAPI, db: str) -> None:
    @app.get("/api/health", tags=["record"])
    def health() -> dict:
        """What the store holds; ``counts`` says what each number counts (``definitions``)."""
        with Store(db) as store:
            counts = store.event_counts()
            return {"status": "ok", "version": __version__, "documents": store.count("documents"),
                    "events": counts["events"], "counts": counts, "definitions": COUNT_DEFINITIONS,
                    "confidence_means": confidence_meaning()}

    @app.get("/api/documents", tags=["record"])
    def documents(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)) -> dict:
        with Store(db) as store:
            total, items = store.documents_page(limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/documents/{doc_id:path}", tags=["record"])
    def document(doc_id: str = PathParam(..., max_length=300)) -> dict:
        with Store(db) as store:
            found = store.document(doc_id)
            if found is None:
                raise HTTPException(404, f"no document {doc_id!r}")
            return {"document": found, "events": _named(store.events(doc_ids=[doc_id]))}

    @app.get("/api/events", tags=["record"])
    def events(filters: dict = Depends(_event_filters), limit: int = Query(100, ge=1, le=MAX_PAGE),
               offset: int = Query(0, ge=0, le=10**9)) -> dict:
        with Store(db) as store:
            filters = _resolved_filters(store, filters)
            total = store.count_events(**filters)
            items = _named(store.events(**filters, limit=limit, offset=offset))
        counted = "acts (each once; 'mentions' counts its reports)" if filters["dedupe"] else "events (every mention)"
        return {"total": total, "limit": limit, "offset": offset, "counts": counted, "items": items}

    @app.get("/api/events.csv", tags=["record"], response_class=Response,
             responses={200: {"content": {"text/csv": {}}, "description": "The filtered events as CSV."}})
    def events_csv(filters: dict = Depends(_event_filters)) -> Response:
        with Store(db) as store:
            items = store.events(**_resolved_filters(store, filters))
        return Response(_csv(items), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/api/events/{event_id}", tags=["record"])
    def event(event_id: str = PathParam(..., max_length=100)) -> dict:
        shown = api.show(event_id, db=db)
        if shown is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return shown

    @app.get("/api/dyads", tags=["record"])
    def dyads(limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict:
        with Store(db) as store:
            return {"items": store.dyad_counts()[:limit]}


def _named(events: list[dict]) -> list[dict]:
    """Events with ``code_name``, the CAMEO name of their code, for badges and tables."""
    from detente.events.codes import code_name

    return [dict(event, code_name=code_name(event.get("code"))) for event in events]


def _resolved_filters(store: Store, filters: dict) -> dict:
    """The filters with the dyad's codes or names resolved (a 422 for an unknown actor)."""
    if not filters["dyad"]:
        return filters
    try:
        return {**filters, "dyad": api.resolve_pair(store, *filters["dyad"])}
    except ValueError as error:
        raise HTTPException(422, str(error)) from None


def _event_filters(dyad: str | None = Query(None, pattern=r"^[A-Za-z0-9 .']{2,40}-[A-Za-z0-9 .']{2,40}$",
                                            description="Both directions between two actors, e.g. USA-RUS."),
                   date_from: str | None = Query(None, alias="from", description="YYYY[-MM[-DD]]"),
                   date_to: str | None = Query(None, alias="to", description="YYYY[-MM[-DD]]"),
                   code: str | None = Query(None, pattern=r"^\d{2,4}$", description="CAMEO code or prefix."),
                   modality: Modality = "asserted", dedupe: bool = False,
                   min_confidence: float | None = Query(None, ge=0, le=1, description=CONFIDENCE_HELP)) -> dict:
    pair = tuple(dyad.split("-")) if dyad else None
    start, end = _ordered(_date(date_from, "from"), _date(date_to, "to"))
    return {"dyad": pair, "date_from": start, "date_to": end, "code": code,
            "modality": None if modality == "all" else modality, "dedupe": dedupe, "min_confidence": min_confidence}


# relations ------------------------------------------------------------------------------------
class AnswerCache:
    """Answers of the analysis endpoints, kept while the database file is unchanged (its and
    its write-ahead log's size and modification time): a dashboard asks the same questions
    often, and the answers cost far more than a file's stat. Only for SQLite files."""

    def __init__(self, db: str, size: int = 256):
        self.paths = [] if "://" in db else [Path(db), Path(db + "-wal")]
        self.size = size
        self.answers: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple, compute):
        if not self.paths:
            return compute()
        key = (key, self._version())
        with self.lock:
            if key in self.answers:
                self.answers.move_to_end(key)
                return self.answers[key]
        answer = compute()
        with self.lock:
            self.answers[key] = answer
            if len(self.answers) > self.size:
                self.answers.popitem(last=False)
        return answer

    def _version(self) -> tuple:
        return tuple((st.st_mtime_ns, st.st_size) if (st := _stat(p)) else None for p in self.paths)


def _stat(path: Path):
    try:
        return path.stat()
    except OSError:
        return None


def _add_relations(app: FastAPI, db: str) -> None:
    cache = AnswerCache(db)

    def pair_of(a: str = PathParam(..., pattern=ACTOR_PATTERN), b: str = PathParam(..., pattern=ACTOR_PATTERN)):
        """Two actors' codes from codes or names ("RUS", "Russia"); a 422 names an unknown one."""
        try:
            with Store(db) as store:
                return api.resolve_pair(store, a, b)
        except ValueError as error:
            raise HTTPException(422, str(error)) from None

    @app.get("/api/dyads/{a}/{b}/series", tags=["relations"])
    def series(pair: tuple[str, str] = Depends(pair_of), freq: Freq = "month", scale: Scale | None = None,
               period: tuple = Depends(_period), all_mentions: bool = False,
               measure: Measure = DEFAULT_MEASURE, confidence: float | None = CONFIDENCE) -> dict:
        return cache.get(("series", pair, freq, scale, period, all_mentions, measure, confidence),
                         lambda: _series(db, pair, freq, scale, period, all_mentions, measure, confidence))

    @app.get("/api/dyads/{a}/{b}/spirals", tags=["relations"])
    def spirals(pair: tuple[str, str] = Depends(pair_of), window: int = Query(60, ge=1, le=3650),
                period: tuple = Depends(_period), confidence: float | None = CONFIDENCE) -> dict:
        def compute():
            found = [s.to_dict() for s in api.spirals(*pair, db=db, window_days=window, date_from=period[0],
                                                      date_to=period[1], min_confidence=confidence)]
            for spiral in found:
                for move in spiral["moves"]:
                    move["events"] = _named(move["events"])
            return {"a": pair[0], "b": pair[1], "window": window, "spirals": found}
        return cache.get(("spirals", pair, window, period, confidence), compute)

    @app.get("/api/dyads/{a}/{b}/reciprocity", tags=["relations"],
             responses={422: {"description": "Too little data for the model; the message says how much is needed."}})
    def reciprocity(pair: tuple[str, str] = Depends(pair_of), scale: Scale | None = None,
                    maxlags: int = Query(8, ge=1, le=52), horizon: int = Query(12, ge=1, le=104),
                    criterion: Literal["aic", "bic", "hqic", "fpe"] = "aic", period: tuple = Depends(_period),
                    confidence: float | None = CONFIDENCE) -> dict:
        from detente.analysis.reciprocity import InsufficientData

        def compute():
            try:
                result = api.reciprocity(*pair, db=db, scale=scale, date_from=period[0], date_to=period[1],
                                         maxlags=maxlags, horizon=horizon, criterion=criterion,
                                         min_confidence=confidence)
            except InsufficientData as error:
                raise HTTPException(422, str(error)) from None
            return result.to_dict()
        return cache.get(("reciprocity", pair, scale, maxlags, horizon, criterion, period, confidence), compute)

    @app.get("/api/dyads/{a}/{b}/channels", tags=["relations"])
    def channels(pair: tuple[str, str] = Depends(pair_of), at: str | None = Query(None, description="YYYY[-MM[-DD]]"),
                 confidence: float | None = CONFIDENCE) -> dict:
        day = _date(at, "at") or dt.date.today().isoformat()
        return cache.get(("channels", pair, day, confidence), lambda: {
            "a": pair[0], "b": pair[1], "at": day,
            "channels": [_channel_status(s) for s in api.channels(*pair, db=db, at=day, min_confidence=confidence)]})

    @app.get("/api/dyads/{a}/{b}/channels/lanes", tags=["relations"])
    def lanes(pair: tuple[str, str] = Depends(pair_of), period: tuple = Depends(_period),
              confidence: float | None = CONFIDENCE) -> dict:
        """Status intervals of each channel, from ``from`` to ``to`` (default: the dyad's events)."""
        from detente.channels.status import lanes as channel_lanes

        def compute():
            _, linked, changes, found = api.channel_changes(*pair, db=db, min_confidence=confidence)
            start, end = _board_range(found, period)
            return {"a": pair[0], "b": pair[1], "start": start, "end": end,
                    "lanes": channel_lanes(linked, changes, start, end) if start and end else []}
        return cache.get(("lanes", pair, period, confidence), compute)

    @app.get("/api/dyads/{a}/{b}/breadth", tags=["relations"])
    def breadth(pair: tuple[str, str] = Depends(pair_of), freq: Literal["month", "year"] = "year",
                period: tuple = Depends(_period), confidence: float | None = CONFIDENCE) -> dict:
        """Open channels per level at each period's end (``assumed``: open only because no change
        is recorded), from ``from`` to ``to`` (default: the dyad's events)."""
        from detente.channels.status import breadth as engagement_breadth, period_ends

        def compute():
            _, linked, changes, found = api.channel_changes(*pair, db=db, min_confidence=confidence)
            start, end = _board_range(found, period)
            rows = (engagement_breadth(linked, changes, period_ends(start, end, freq)[-MAX_BREADTH_ROWS:])
                    if linked and start and end else [])
            return {"a": pair[0], "b": pair[1], "freq": freq, "start": start, "end": end, "rows": rows}
        return cache.get(("breadth", pair, freq, period, confidence), compute)


def _board_range(found: list[dict], period: tuple) -> tuple[str | None, str | None]:
    """The first and last day of the period asked for, else of the dyad's dated events."""
    first, last = api.data_range(found)
    start = full_day(period[0]) if period[0] else first
    end = full_day(period[1], end=True) if period[1] else last
    return start, end


def _series(db: str, pair: tuple[str, str], freq: str, scale: str | None, period: tuple, all_mentions: bool,
            measure: str, confidence: float | None = None) -> dict:
    report = api.dyad(*pair, db=db, freq=freq, scale=scale, date_from=period[0], date_to=period[1],
                      all_mentions=all_mentions, measure=measure, min_confidence=confidence)
    if len(report.series) > 2 * MAX_PERIODS:
        raise HTTPException(422, f"more than {MAX_PERIODS} {freq}s: narrow 'from' and 'to' or choose a coarser frequency")
    report.changes = change_points(report.series, report.measure) if not report.series.empty else []
    points = [{**_plain(row), "period": row["period"].date().isoformat()} for row in report.series.to_dict("records")]
    strongest = _named([{k: e.get(k) for k in ("event_id", "date", "source_country", "target_country", "code",
                                               "goldstein", "sentence")} for e in report.strongest(one_per_period=True)])
    return {"a": pair[0], "b": pair[1], "freq": freq, "scale": report.scale, "measure": report.measure,
            "counts": "asserted events, " + ("every mention" if all_mentions else "each act once"),
            "points": points, "changes": [_change(c) for c in report.changes], "strongest": strongest}


def _change(point) -> dict:
    since = point.steepest_fall_since
    return {"direction": point.direction, "period": point.period.date().isoformat(), "measure": point.measure,
            "before": point.before, "after": point.after, "shift": point.shift, "rank": point.rank,
            "steepest_fall_since": since.date().isoformat() if since is not None else None}


def _period(date_from: str | None = Query(None, alias="from", description="YYYY[-MM[-DD]]"),
            date_to: str | None = Query(None, alias="to", description="YYYY[-MM[-DD]]")) -> tuple[str | None, str | None]:
    return _ordered(_date(date_from, "from"), _date(date_to, "to"))


def _ordered(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    if start and end and full_day(start) > full_day(end, end=True):
        raise HTTPException(422, "'from' is after 'to'")
    return start, end


def _date(value: str | None, name: str) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD date that exists, from 1800 to next year, or a 422."""
    try:
        return checked_date(value, name, FIRST_YEAR, dt.date.today().year + 1)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None


def _channel_status(state) -> dict:
    return {"id": state.channel.id, "name": state.channel.name, "level": state.channel.level,
            "parent": state.channel.parent, "status": state.status, "recorded": state.recorded,
            "label": state.label, "since": state.since, "basis": state.basis, "note": state.note,
            "event_id": state.event_id, "established": state.channel.established, "ended": state.channel.ended}


def _plain(row: dict) -> dict:
    """JSON-safe values: NaN becomes null, numpy numbers plain numbers."""
    out = {}
    for key, value in row.items():
        if hasattr(value, "item"):
            value = value.item()
        if isinstance(value, float) and value != value:
            value = None
        out[key] = value
    return out


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EVENT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _csv_cell(value):
    """Cells a spreadsheet would run as a formula are quoted with a leading apostrophe."""
    import json

    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


# ingest ---------------------------------------------------------------------------------------
def _add_ingest(app: FastAPI, db: str, token: str) -> None:
    @app.post("/api/documents", tags=["ingest"], status_code=201,
              responses={401: {"description": "Missing or wrong token."}})
    def ingest(request: IngestRequest, authorization: str = Header("", description="Bearer TOKEN")) -> dict:
        given = authorization.removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is needed (Authorization: Bearer TOKEN)")
        return _ingest_documents(db, request.documents)


def _ingest_documents(db: str, documents: list[NewDocument]) -> dict:
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "posted.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for number, doc in enumerate(documents):
                record = {k: v for k, v in doc.model_dump().items() if v is not None}
                record.setdefault("id", None)
                if record["id"] is None:
                    record.pop("id")
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        report = api.extract([str(path)], db=db, progress=False)
    return {"documents": len(set(report.doc_ids)), "added": report.added, "coded": report.coded,
            "events": len(report.events), "doc_ids": list(dict.fromkeys(report.doc_ids)),
            "rejections": [str(r) for r in report.rejections]}

