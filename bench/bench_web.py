"""Web load benchmark: package generation over HTTP at 8 and 32 concurrent clients.

Usage: python bench/bench_web.py [--seconds 60] [--clients 8 32] [--threads 8]

Starts ``docgen serve`` on 127.0.0.1 (a free port, a temporary instance folder), waits for
/healthz, then for each client count runs that many keep-alive clients posting
``/api/generate`` (lenobl-mms, leningrad/kirovsky) for the given time. Prints requests per
second, p50/p99 latency and the error count. Traffic goes to 127.0.0.1 only; every loop is
bounded in time; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODY = json.dumps(
    {"document": "lenobl-mms", "municipality": "leningrad/kirovsky", "values": {}, "draft": True}
).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("сервер не ответил на /healthz")


def client(port: int, stop_at: float, latencies: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            conn.request(
                "POST", "/api/generate", body=BODY, headers={"Content-Type": "application/json"}
            )
            response = conn.getresponse()
            data = response.read()
            if response.status != 200 or not data.startswith(b"PK"):
                errors.append(f"HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(repr(exc))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    conn.close()


def run(port: int, clients: int, seconds: float) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(port, stop_at, latencies, errors))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    lat = sorted(latencies)
    p99 = lat[int(len(lat) * 0.99) - 1] if lat else float("nan")
    print(
        f"{clients:>3} клиентов: {len(lat) / wall:7.1f} запр/с; p50 "
        f"{statistics.median(lat) * 1000:6.1f} мс; p99 {p99 * 1000:6.1f} мс; "
        f"ошибок: {len(errors)}" + (f" (первая: {errors[0]})" if errors else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--threads", type=int, default=8, help="потоки waitress")
    args = parser.parse_args()
    port = free_port()
    instance = tempfile.mkdtemp(prefix="docgen-web-")
    env = dict(os.environ, DOCGEN_WEB_INSTANCE=instance)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "docgen",
            "serve",
            "--port",
            str(port),
            "--threads",
            str(args.threads),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_ready(port)
        run(port, 2, 3)  # warm-up: templates compiled, dictionaries loaded
        print(f"docgen serve (waitress, {args.threads} потоков), {args.seconds:.0f} с на прогон:")
        for clients in args.clients:
            run(port, clients, args.seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
