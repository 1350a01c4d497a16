"""Latency of /api/events (and /api/ledger) with filters under concurrent clients, on loopback.

Starts `warledger serve` on a free 127.0.0.1 port in a subprocess, sends a bounded number of
requests from N client threads (each a keep-alive httpx client), prints p50/p99 per route.
Target: p99 under 100 ms for /api/events over the FA-KES ledger with 20 clients.

    warledger run ../shared/seed ../shared/data/fakes/articles.csv --db /tmp/fakes.sqlite
    python benchmarks/api.py --db /tmp/fakes.sqlite --clients 20 --requests 2000
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx

# Filters a user of the map and table sends: dates, governorate, box, type, minimum killed, text, sort.
QUERIES = [
    {},
    {"date_from": "2016-01-01", "date_to": "2016-12-31"},
    {"admin1": "Aleppo"},
    {"governorate": "Idleb", "sort": "-killed"},
    {"bbox": "35.5,32.3,42.4,37.4", "limit": 50},
    {"min_killed": 5, "sort": "-date"},
    {"event_type": "Explosions/Remote violence"},
    {"actor": "government", "date_from": "2015"},
    {"q": "Aleppo", "limit": 20},
    {"outlet": "reuters"},
    {"country": "SY", "limit": 200},
]


def random_query(rnd: random.Random) -> dict:
    """Half the time a common filter, else a fresh one (a month, a threshold): cache misses."""
    if rnd.random() < 0.5:
        return rnd.choice(QUERIES)
    y, m = rnd.randint(2012, 2018), rnd.randint(1, 12)
    q = {"date_from": f"{y}-{m:02d}", "date_to": f"{y}-{m:02d}", "min_killed": rnd.randint(0, 30)}
    if rnd.random() < 0.5:
        q["sort"] = rnd.choice(["-killed", "date", "-date"])
    return q


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def run(base: str, route: str, clients: int, total: int, deadline_s: float) -> dict:
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_client = max(1, total // clients)
    stop_at = time.monotonic() + deadline_s  # bounded in time as well as in count

    def worker(seed: int) -> None:
        nonlocal errors
        rnd = random.Random(seed)
        with httpx.Client(base_url=base, timeout=10) as c:
            for _ in range(per_client):
                if time.monotonic() > stop_at:
                    return
                q = random_query(rnd)
                t0 = time.perf_counter()
                r = c.get(route, params=q)
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    lat.append(dt)
                    errors += r.status_code != 200

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"route": route, "n": len(lat), "errors": errors, "p50": percentile(lat, 50),
            "p99": percentile(lat, 99), "mean": statistics.fmean(lat), "rps": len(lat) / wall}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=os.environ.get("WARLEDGER_DB"), help="store with the FA-KES ledger")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000, help="per route, across all clients")
    ap.add_argument("--max-seconds", type=float, default=120.0, help="per route")
    ap.add_argument("--routes", default="/api/events,/api/ledger")
    ap.add_argument("--cache-ttl", type=float, default=5.0, help="the server's --cache-ttl (0: no cache)")
    args = ap.parse_args()
    if not args.db:
        ap.error("give --db (a store built by `warledger run`)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "warledger.cli", "serve", "--db", args.db, "--port", str(port),
                             "--cache-ttl", str(args.cache_ttl)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/api/stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            print("server did not start:", proc.stderr.read().decode()[-2000:] if proc.poll() is not None else "")
            return 1
        n = httpx.get(base + "/api/stats?view=events").json()["events"]
        m = httpx.get(base + "/api/stats?view=ledger").json()["events"]
        print(f"store {args.db}: {n} events, {m} ledger events; {args.clients} clients, loopback, "
              f"server cache {args.cache_ttl:g} s")
        for route in args.routes.split(","):
            httpx.get(base + route)  # warm-up
            r = run(base, route, args.clients, args.requests, args.max_seconds)
            print(f"{r['route']:<12} n={r['n']:<6} errors={r['errors']:<3} p50={r['p50']:.1f} ms  "
                  f"p99={r['p99']:.1f} ms  mean={r['mean']:.1f} ms  {r['rps']:.0f} req/s")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
