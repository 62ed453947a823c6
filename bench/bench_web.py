"""Web load benchmark: the API, the form preview and the home page under preview load.

Usage: python bench/bench_web.py [--seconds 30] [--threads 8] [--workers 1]
                                 [--scenarios api form home] [--tree PATH]

Starts ``docgen serve`` on 127.0.0.1 (a free port, a temporary instance folder) from the
checkout `--tree` (default: this one), waits for /healthz, then runs each scenario:

- ``api``: 8 keep-alive clients post ``/api/generate`` (lenobl-mms, Кировский, draft);
- ``form``: 8 clients post the form's «Предпросмотр» with every value the page shows;
- ``home``: 32 clients load previews (in 4 load processes) while one more client gets
  ``GET /`` — its latency is the row.

Prints one row per figure («name  value»: bench/compare.py reads them). Traffic goes to
127.0.0.1 only; every loop is bounded in time; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from webform import form_values

FORM = "/generate/lenobl-mms/leningrad/kirovsky"
BODY = json.dumps(
    {"document": "lenobl-mms", "municipality": "leningrad/kirovsky", "values": {}, "draft": True}
).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, timeout: float = 90) -> None:
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


class Client:
    """A keep-alive HTTP client with a cookie jar of one session cookie."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, url: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        try:
            self.conn.request(method, url, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, data

    def form_body(self) -> bytes:
        status, page = self.request("GET", FORM)
        values = form_values(page.decode("utf-8"))
        return urlencode({**values, "action": "preview"}).encode()


def _loop(port: int, kind: str, stop_at: float, latencies: list, errors: list) -> None:
    client = Client(port)
    body = client.form_body() if kind == "form" else BODY
    if kind == "form":
        method, url, headers = "POST", FORM, {"Content-Type": "application/x-www-form-urlencoded"}
    elif kind == "home":
        method, url, headers, body = "GET", "/", {}, None
    else:
        method, url, headers = "POST", "/api/generate", {"Content-Type": "application/json"}
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            status, data = client.request(method, url, body, headers)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(repr(exc))
            continue
        if status != 200 or (kind == "form" and b'class="paper"' not in data):
            errors.append(f"HTTP {status}")
        latencies.append(time.perf_counter() - started)


def _threads(port: int, kind: str, clients: int, seconds: float) -> tuple[list, list, float]:
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_loop, args=(port, kind, stop_at, latencies, errors))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def _load_process(port: int, kind: str, clients: int, seconds: float, out) -> None:
    latencies, errors, _ = _threads(port, kind, clients, seconds)
    out.put((len(latencies), len(errors)))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * q) - 1))] * 1000


def _row(name: str, value: float) -> None:
    print(f"{name:52}  {value:8.1f}")


def run_clients(port: int, kind: str, clients: int, seconds: float, label: str) -> None:
    latencies, errors, wall = _threads(port, kind, clients, seconds)
    _row(f"{label}: {clients} клиентов, p50 мс", statistics.median(latencies) * 1000)
    _row(f"{label}: {clients} клиентов, p99 мс", _pct(latencies, 0.99))
    _row(f"{label}: {clients} клиентов, запр/с", len(latencies) / wall)
    _row(f"{label}: {clients} клиентов, ошибок", len(errors))


def run_home_under_load(port: int, clients: int, seconds: float) -> None:
    """GET / latency while `clients` preview clients (4 load processes) keep the server busy."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    per = [clients // 4 + (1 if i < clients % 4 else 0) for i in range(4)]
    loaders = [
        context.Process(target=_load_process, args=(port, "form", n, seconds + 2, out))
        for n in per
        if n
    ]
    for p in loaders:
        p.start()
    time.sleep(2)  # -- the loaders have fetched their forms and are posting --
    latencies: list[float] = []
    errors: list[str] = []
    _loop(port, "home", time.monotonic() + seconds, latencies, errors)
    done = [out.get(timeout=seconds + 120) for _ in loaders]
    for p in loaders:
        p.join(30)
    _row(f"главная при {clients} предпросмотрах, p50 мс", statistics.median(latencies) * 1000)
    _row(f"главная при {clients} предпросмотрах, p99 мс", _pct(latencies, 0.99))
    _row(f"главная при {clients} предпросмотрах, ошибок", len(errors) + sum(e for _, e in done))
    _row(f"предпросмотров за прогон при {clients} клиентах", sum(n for n, _ in done))


def start_server(tree: Path, port: int, threads: int, workers: int) -> subprocess.Popen:
    """Start ``docgen serve`` from the checkout `tree` (its own docgen and web app)."""
    if tree != ROOT and not (tree / "docgen" / "web").exists():
        # -- an exported revision: make its web/ importable as docgen.web from the tree --
        (tree / "docgen" / "web").symlink_to("../web")
    instance = tempfile.mkdtemp(prefix="docgen-web-")
    env = dict(
        os.environ,
        DOCGEN_WEB_INSTANCE=instance,
        PYTHONPATH=str(tree),
        DOCGEN_TEMPLATES_DIR=str(tree / "templates_docx"),
        DOCGEN_VARIABLES_DIR=str(tree / "variables"),
    )
    command = [sys.executable, "-m", "docgen", "serve", "--port", str(port)]
    command += ["--threads", str(threads)]
    if workers > 1:
        command += ["--workers", str(workers)]
    return subprocess.Popen(
        command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=8, help="потоки на процесс сервера")
    parser.add_argument("--workers", type=int, default=1, help="процессы сервера")
    parser.add_argument("--scenarios", nargs="+", default=["api", "form", "home"])
    parser.add_argument("--tree", type=Path, default=ROOT, help="какую копию docgen запускать")
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.tree.resolve(), port, args.threads, args.workers)
    try:
        wait_ready(port)
        _threads(port, "api", 2, 3)  # -- warm-up: templates compiled, dictionaries loaded --
        _threads(port, "form", 2, 3)
        print(
            f"docgen serve ({args.workers} проц. × {args.threads} потоков), "
            f"{args.seconds:.0f} с на прогон:"
        )
        if "api" in args.scenarios:
            run_clients(port, "api", 8, args.seconds, "api/generate")
        if "form" in args.scenarios:
            run_clients(port, "form", 8, args.seconds, "форма, предпросмотр")
        if "home" in args.scenarios:
            run_home_under_load(port, 32, args.seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
