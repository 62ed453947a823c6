"""Click commands of the web app, registered in the ``docgen`` CLI: ``serve`` and ``user add``."""

from __future__ import annotations

import signal
import sys
from contextlib import closing

import click
from flask.cli import ScriptInfo


def _app():
    """Return the app: the one a Flask test runner provides, else a new one from the env."""
    info = click.get_current_context().find_object(ScriptInfo)
    if info is not None:
        return info.load_app()
    from . import create_app

    return create_app()


@click.command(
    "serve",
    help="Запустить веб-приложение: --workers процессов (gunicorn; на Windows — waitress), "
    "в каждом --threads потоков.",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="адрес для входящих соединений"
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="порт")
@click.option(
    "--threads",
    default=32,
    show_default=True,
    type=click.IntRange(1, 64),
    help="потоков на процесс (запросы сверх RENDER_CONCURRENCY ждут, не занимая процессор)",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="число процессов (больше одного — gunicorn, кроме Windows)",
)
def serve(host: str, port: int, threads: int, workers: int) -> None:
    from . import serving

    try:
        serving.check_port(host, port)
    except serving.PortBusy as exc:
        raise click.ClickException(str(exc)) from None
    if workers > 1 and serving.has_gunicorn():
        info = click.get_current_context().find_object(ScriptInfo)
        factory = info.load_app if info is not None else _factory
        click.echo(
            f"docgen: http://{host}:{port}/ — {workers} процесса(ов) gunicorn по {threads} "
            "потоков; Ctrl+C — остановить"
        )
        serving.run_gunicorn(factory, host, port, workers, threads)
        return
    import waitress

    app = _app()
    app.extensions["docgen_jobs"].start()
    click.echo(f"docgen: http://{host}:{port}/ (данные: {app.instance_path}); Ctrl+C — остановить")
    # -- SIGTERM stops like Ctrl+C: waitress closes, running batch jobs are marked failed --
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="docgen")
    except OSError as exc:
        raise click.ClickException(serving.describe(exc, host, port)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        app.extensions["docgen_jobs"].shutdown()


def _factory():
    """Return a new app whose job consumer starts at once (one per gunicorn process)."""
    from . import create_app

    app = create_app()
    app.extensions["docgen_jobs"].start()
    return app


def _exit_on_signal(signum, frame):
    raise SystemExit(0)


@click.group("user", help="Учётные записи редакторов шаблонов.")
def user() -> None:
    pass


@user.command("add", help="Создать учётную запись редактора шаблонов.")
@click.argument("username")
@click.option(
    "--password-stdin", is_flag=True, help="прочитать пароль из первой строки стандартного ввода"
)
def add(username: str, password_stdin: bool) -> None:
    from . import auth

    _account(auth.create_user, username, _password("Пароль", password_stdin))
    click.echo(f"Создан пользователь «{username}».", file=sys.stdout)


@user.command("passwd", help="Сменить пароль редактора; все его сеансы завершаются.")
@click.argument("username")
@click.option(
    "--password-stdin", is_flag=True, help="прочитать пароль из первой строки стандартного ввода"
)
def passwd(username: str, password_stdin: bool) -> None:
    from . import auth

    _account(auth.set_password, username, _password("Новый пароль", password_stdin))
    click.echo(f"Пароль пользователя «{username}» изменён; его сеансы завершены.")


def _password(prompt: str, from_stdin: bool) -> str:
    """Return the password: the first line of stdin, or typed twice at `prompt`."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt="Ещё раз")


def _account(change, username: str, password: str) -> None:
    """Run ``change(conn, username, password)`` (web.auth) on the app's database; its
    AccountError is the command's error message."""
    from . import auth, db

    with closing(db.connect(_app().config["DATABASE"])) as conn:
        try:
            change(conn, username, password)
        except auth.AccountError as exc:
            raise click.ClickException(str(exc)) from None
