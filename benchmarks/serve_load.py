#!/usr/bin/env python3
"""The HTTP API under concurrent load: a real uvicorn server, many clients at once.

Starts the API (``detente.web.app.create_app``) in a uvicorn subprocess on 127.0.0.1 over --db
(default: the demo database, built with `detente demo` into a temporary folder), then runs
--clients concurrent clients (asyncio, one httpx.AsyncClient) for --seconds seconds, or until
--max-requests requests were sent, each request with a --timeout. The clients rotate through a
mix of the reading and relations endpoints a dashboard calls, for the dyad --a/--b:

  events page  GET /api/events?dyad=A-B&limit=50&offset=k   (k walking through the pages)
  event        GET /api/events/{id}                          (every event of the dyad in turn)
  series       GET /api/dyads/A/B/series?freq=month, ?freq=year
  channels     GET /api/dyads/A/B/channels?at=DATE           (dates across the dyad's record)

Each endpoint is called once before the clock starts (a warm-up: first calls load modules and
data files). It measures what a client sees, end to end: the number of requests completed, the
failures (a status other than 2xx, a timeout or any other exception: there must be none), the
throughput (requests per second over the run) and the latency percentiles p50/p90/p99 and max,
overall and per endpoint. The clients share the machine with the server, so on a small machine
they take some of its CPU. Exit code 1 if any request failed (or none completed).

usage: python benchmarks/serve_load.py [--db PATH] [--clients 50] [--seconds 30]
                                       [--max-requests 20000] [--timeout 10] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

SERVER = ("import sys, uvicorn\n"
          "from detente.web.app import create_app\n"
          "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="The database to serve (default: the demo, built in a temporary folder).")
    parser.add_argument("--clients", type=int, default=50, help="Concurrent clients (default 50).")
    parser.add_argument("--seconds", type=float, default=30, help="How long to run (default 30).")
    parser.add_argument("--max-requests", type=int, default=20_000,
                        help="Stop after this many requests (default 20000).")
    parser.add_argument("--timeout", type=float, default=10, help="Per-request timeout, seconds (default 10).")
    parser.add_argument("--a", default="USA", help="First actor of the dyad (default USA).")
    parser.add_argument("--b", default="RUS", help="Second actor of the dyad (default RUS).")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.max_requests < 1 or args.timeout <= 0:
        parser.error("--clients, --seconds, --max-requests and --timeout must be positive")

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or build_demo(Path(folder) / "demo.db")
        if not Path(db).exists() and "://" not in db:
            parser.error(f"no such database: {db}")
        with serve(db) as url:
            paths = request_mix(url, args.a.upper(), args.b.upper())
            warm_up(url, paths)
            result = asyncio.run(load(url, paths, args.clients, args.seconds, args.max_requests, args.timeout))
    result.update(db=args.db or "demo (temporary)", clients=args.clients, seconds=args.seconds,
                  max_requests=args.max_requests, timeout=args.timeout)
    print(json.dumps(result, indent=1) if args.json else report(result))
    return 1 if result["failures"] or not result["requests"] else 0


def build_demo(path: Path) -> str:
    print(f"building the demo database in {path} ...", file=sys.stderr)
    done = subprocess.run([sys.executable, "-m", "detente", "demo", "--db", str(path)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        sys.exit(f"detente demo failed:\n{done.stderr}")
    return str(path)


class serve:
    """The API in a uvicorn subprocess on a free loopback port, stopped on exit."""

    def __init__(self, db: str):
        self.db = db

    def __enter__(self) -> str:
        port = free_port()
        self.process = subprocess.Popen([sys.executable, "-c", SERVER, self.db, str(port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                sys.exit(f"the server exited: {self.process.stderr.read()}")
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.__exit__()
                sys.exit("the server did not start within 60 s")
            time.sleep(0.1)

    def __exit__(self, *_) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request_mix(url: str, a: str, b: str) -> list[tuple[str, str]]:
    """(endpoint name, path) pairs to rotate through, built from the dyad's own events."""
    first = httpx.get(f"{url}/api/events", params={"dyad": f"{a}-{b}", "limit": 1000}, timeout=60)
    first.raise_for_status()
    listed = first.json()
    events = listed["items"]
    if not events:
        sys.exit(f"no events between {a} and {b}: nothing to load the server with")
    offsets = range(0, max(listed["total"], 1), 50)
    dates = sorted({e["date"][:10] for e in events if e.get("date")})
    ats = [dates[int(i * (len(dates) - 1) / 9)] for i in range(10)] if dates else ["2013-02-01"]
    mix = {
        "events page": [f"/api/events?dyad={a}-{b}&limit=50&offset={k}" for k in offsets],
        "event": [f"/api/events/{e['event_id']}" for e in events],
        "series month": [f"/api/dyads/{a}/{b}/series?freq=month"],
        "series year": [f"/api/dyads/{a}/{b}/series?freq=year"],
        "channels": [f"/api/dyads/{a}/{b}/channels?at={day}" for day in ats],
    }
    longest = max(len(paths) for paths in mix.values())
    return [(name, paths[i % len(paths)]) for i in range(longest) for name, paths in mix.items()]


def warm_up(url: str, paths: list[tuple[str, str]]) -> None:
    """One request per endpoint, one at a time, before the clock starts: the first call of each
    loads its modules and data files (the lexicon, the channel registry, spaCy's tokenizer)."""
    for name in dict(paths):
        path = next(p for n, p in paths if n == name)
        httpx.get(f"{url}{path}", timeout=120).raise_for_status()


async def load(url: str, paths: list[tuple[str, str]], clients: int, seconds: float, max_requests: int,
               timeout: float) -> dict:
    """Run ``clients`` concurrent clients over the rotating ``paths``; latencies and failures."""
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: Counter = Counter()
    examples: list[str] = []
    issued = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        started = time.perf_counter()
        deadline = started + seconds

        async def one_client() -> None:
            nonlocal issued
            while time.perf_counter() < deadline and issued < max_requests:
                name, path = paths[issued % len(paths)]
                issued += 1
                sent = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    outcome = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
                except Exception as error:  # a timeout, a reset connection...: a failure, counted
                    outcome = type(error).__name__
                latencies[name].append(time.perf_counter() - sent)
                if outcome:
                    failures[outcome] += 1
                    if len(examples) < 5:
                        examples.append(f"{outcome}: GET {path}")

        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    every = [x for values in latencies.values() for x in values]
    return {
        "requests": len(every), "failures": sum(failures.values()), "failure_kinds": dict(failures),
        "failure_examples": examples, "elapsed": elapsed, "throughput": len(every) / elapsed if elapsed else 0.0,
        "latency": percentiles(every),
        "endpoints": {name: {"requests": len(values), **percentiles(values)} for name, values in latencies.items()},
    }


def percentiles(values: list[float]) -> dict:
    """p50, p90, p99 and max, in milliseconds (nearest rank)."""
    if not values:
        return {"p50_ms": None, "p90_ms": None, "p99_ms": None, "max_ms": None}
    ordered = sorted(values)

    def rank(q: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]

    return {"p50_ms": rank(0.50), "p90_ms": rank(0.90), "p99_ms": rank(0.99), "max_ms": 1000 * ordered[-1]}


def report(result: dict) -> str:
    def ms(value) -> str:
        return "-" if value is None else f"{value:.1f}"

    latency = result["latency"]
    lines = [
        f"server: uvicorn (1 process) over {result['db']}; {result['clients']} clients for up to "
        f"{result['seconds']:g} s (cap {result['max_requests']} requests, timeout {result['timeout']:g} s)",
        f"requests: {result['requests']} in {result['elapsed']:.1f} s  ->  {result['throughput']:.1f} requests/s",
        f"failures: {result['failures']}" + (f"  {result['failure_kinds']}" if result["failures"] else ""),
        f"latency ms: p50 {ms(latency['p50_ms'])}  p90 {ms(latency['p90_ms'])}  p99 {ms(latency['p99_ms'])}  "
        f"max {ms(latency['max_ms'])}",
        f"{'endpoint':<14}{'requests':>9}{'p50':>9}{'p90':>9}{'p99':>9}{'max':>9}",
    ]
    for name, row in sorted(result["endpoints"].items()):
        lines.append(f"{name:<14}{row['requests']:>9}{ms(row['p50_ms']):>9}{ms(row['p90_ms']):>9}"
                     f"{ms(row['p99_ms']):>9}{ms(row['max_ms']):>9}")
    lines += [f"  {example}" for example in result["failure_examples"]]
    return "\n".join(lines)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
