"""How ``docgen serve`` runs the app: gunicorn processes on Linux, waitress elsewhere.

With ``--workers N`` (N > 1) on a system with gunicorn, N processes each make their own
app (their own core object, caches and job consumer threads) and serve ``--threads``
requests at once; the database, the job queue and the instance folder are shared. On
Windows, or with one worker, it is waitress: one process, several threads. A port that
is taken is one Russian line, not a traceback.
"""

from __future__ import annotations

import errno
import importlib.util
import socket


class PortBusy(Exception):
    """The address cannot be listened on; the message is Russian."""


def check_port(host: str, port: int) -> None:
    """Raise PortBusy when nothing could listen on `host`:`port` now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise PortBusy(describe(exc, host, port)) from None


def describe(exc: OSError, host: str, port: int) -> str:
    """Return the Russian line for a failure to listen on `host`:`port`."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"порт {port} на {host} уже занят (запущен другой сервер?): остановите его "
            "или укажите другой порт: --port"
        )
    if exc.errno == errno.EACCES:
        return f"нет прав слушать порт {port} на {host}: выберите порт больше 1024"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"адрес {host} недоступен на этом компьютере: проверьте --host"
    return f"не удалось открыть {host}:{port}: {exc.strerror or exc}"


def has_gunicorn() -> bool:
    """Return True when gunicorn can be used here (installed, and not Windows)."""
    return importlib.util.find_spec("gunicorn") is not None and hasattr(socket, "AF_UNIX")


def run_gunicorn(factory, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the app made by `factory` in each of `workers` gunicorn processes."""
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "timeout": 120,
                "graceful_timeout": 20,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "proc_name": "docgen",
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return factory()

    Application().run()
