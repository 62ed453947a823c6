"""Command line: ``docgen list | generate | batch | verify | validate | check | lint | new |
redline | import``.

A thin shell: parses arguments, calls the library, prints Russian messages (click's own
texts too: docgen.cliru). Exit codes: 0 done (a draft that was written, with its unfilled
values listed), 1 errors (data, templates, files, formatting errors), 2 usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, cliru
from . import findings as findings_mod
from .audit import audit
from .batch import STATUS_LABELS, run_batch
from .bundle import FORMATS, BundleError, check_bundle, format_of, produce
from .bundle import verify as verify_bundle
from .core import Docgen
from .errors import DocgenError
from .files import write_atomic
from .newcmd import new
from .pdf import OfficeConverter
from .settings import Settings
from .variables import parse_value

cliru.install()


class _Group(cliru.RussianGroup):
    """Turn DocgenError into a one-line Russian message (real file paths) and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DocgenError as exc:
            folder = ctx.obj.settings.variables_dir if ctx.obj is not None else "variables"
            raise click.ClickException(cliru.real_paths(str(exc), folder)) from None


@click.group(cls=_Group, help="docgen — проекты муниципальных нормативных актов в DOCX.")
@click.version_option(version=__version__, prog_name="docgen", message="docgen %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
    ctx.obj = Docgen(Settings.from_env())


def _docgen() -> Docgen:
    return click.get_current_context().obj


def _parse_vars(pairs: tuple[str, ...]) -> dict:
    """Return the overrides of ``--var key=value`` options; a list or mapping in YAML flow
    syntax («--var 'mms_set.appendices=[mms, council]'»), «!unknown» for an unknown value."""
    overrides = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--var ожидает «ключ=значение», получено «{pair}»")
        try:
            overrides[key.strip()] = parse_value(value, f"--var {key.strip()}")
        except DocgenError as exc:
            raise click.UsageError(str(exc)) from None
    return overrides


@cli.command("list", help="Показать пакеты, шаблоны и наборы переменных.")
def list_cmd() -> None:
    dg = _docgen()
    click.echo("Пакеты:")
    for pid in dg.package_ids():
        pkg = dg.package(pid)
        click.echo(f"  {pid} — {pkg.title} [{', '.join(pkg.parts)}]")
    click.echo("Шаблоны:")
    for tid in dg.template_ids():
        click.echo(f"  {tid} — {dg.template(tid).title}")
    click.echo("Наборы переменных:")
    for sid in dg.set_ids():
        click.echo(f"  {sid}")


@cli.command(help="Сформировать документ (пакет или шаблон) для муниципального образования.")
@click.argument("document_id")
@click.argument("municipality")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="куда записать документ: .docx, .pdf (PDF/A) или .zip (DOCX + PDF/A + манифест)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="формат вместо того, что следует из расширения файла",
)
@click.option(
    "--var",
    "pairs",
    multiple=True,
    metavar="КЛЮЧ=ЗНАЧЕНИЕ",
    help="переопределить значение, например --var act.number=233",
)
@click.option("--draft", is_flag=True, help="черновик: незаполненные значения выделяются")
def generate(
    document_id: str,
    municipality: str,
    output: Path,
    fmt: str | None,
    pairs: tuple[str, ...],
    draft: bool,
) -> None:
    dg = _docgen()
    overrides = _parse_vars(pairs)
    result = dg.generate(document_id, municipality, overrides, draft=draft)
    fmt = format_of(output.name, fmt)
    if fmt == "docx":
        made = produce(dg, result, fmt)
    else:
        with OfficeConverter() as office:
            made = produce(dg, result, fmt, office=office, overrides=overrides)
    write_atomic(output, made.data)
    click.echo(f"Записан {output}")
    for note in made.notes:
        click.echo(f"  {note}")
    for label in result.missing:
        click.echo(f"  не заполнено: {label}")
    found = (*result.findings, *made.findings)
    _print_findings(found, draft)
    if cliru.draft_errors(found, draft):
        sys.exit(1)


def _print_findings(found, draft: bool = False) -> None:
    for finding in found:
        # -- a draft's placeholders are listed above as «не заполнено» --
        if draft and finding.rule == cliru.PLACEHOLDER_RULE:
            continue
        if finding.severity is not findings_mod.Severity.INFO:
            click.echo(f"  {finding}")


@cli.command(help="Сформировать пакет для всех муниципальных образований (региона).")
@click.argument("package_id")
@click.option("--region", help="только этот регион, например leningrad")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="каталог для результатов",
)
@click.option("--draft", is_flag=True, help="черновики: незаполненные значения выделяются")
@click.option(
    "--workers", type=click.IntRange(1, 64), help="число процессов (по умолчанию — по ядрам)"
)
@click.option("--no-resume", is_flag=True, help="сформировать заново даже неизменившиеся документы")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="docx",
    show_default=True,
    help="docx, pdf (PDF/A) или zip (DOCX + PDF/A + манифест) для каждого документа",
)
def batch(
    package_id: str,
    region: str | None,
    output: Path,
    draft: bool,
    workers: int | None,
    no_resume: bool,
    fmt: str,
) -> None:
    dg = _docgen()
    ids = dg.sets_for(package_id, region)
    with click.progressbar(length=len(ids), label="Формирование", file=sys.stderr) as bar:
        report = run_batch(
            package_id,
            output,
            region=region,
            draft=draft,
            docgen=dg,
            municipalities=ids,
            workers=workers,
            resume=not no_resume,
            progress=lambda item: bar.update(1),
            fmt=fmt,
        )
    for item in report.items:
        note = " (без изменений)" if item.skipped else ""
        click.echo(f"{item.municipality}: {STATUS_LABELS[item.status]}{note}")
        for err in item.errors:
            click.echo(f"  {err}")
    click.echo(report.summary())
    click.echo(f"Отчёт: {output / 'report.txt'}, {output / 'report.html'}")
    if report.failed or any(
        f["severity"] == "error" and not (draft and f["rule"] == cliru.PLACEHOLDER_RULE)
        for item in report.items
        for f in item.findings
    ):
        sys.exit(1)


@cli.command(help="Проверить, актуален ли пакет .zip: не изменились ли шаблоны и значения.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify(path: Path) -> None:
    try:
        verdict = verify_bundle(path.read_bytes(), _docgen())
    except BundleError as exc:
        click.echo(f"{path.name}: не читается: {exc.message}", err=True)
        sys.exit(2)
    if verdict.current:
        click.echo(
            f"{path.name}: акт актуален — шаблоны и значения набора «{verdict.set_id}» "
            "не изменились."
        )
        return
    click.echo(f"{path.name}: акт устарел — с момента формирования изменилось:")
    for change in verdict.changes:
        click.echo(f"  {change}")
    sys.exit(1)


@cli.command(
    help="Проверить наборы переменных, шаблоны и пакеты и сформировать черновик каждого "
    "документа для каждого набора (все ошибки сразу)."
)
@click.option("--no-render", is_flag=True, help="только наборы, шаблоны и пакеты, без черновиков")
def validate(no_render: bool) -> None:
    report = audit(_docgen(), render=not no_render)
    folder = _docgen().settings.variables_dir
    for line in report.lines():
        click.echo(cliru.real_paths(line, folder))
    if report.failures:
        raise click.ClickException(f"ошибок: {len(report.failures)}")


@cli.command(
    help="Проверить шаблон .docx: синтаксис тегов, переменные, разметку (все ошибки сразу)."
)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="формат вывода"
)
def lint(paths: tuple[Path, ...], fmt: str) -> None:
    dg = _docgen()
    found = []
    for path in paths:
        for finding in dg.lint(path):
            found.append(finding)
            if fmt == "text":
                click.echo(f"{path.name}: {finding}")
    if fmt == "json":
        click.echo(findings_mod.format_json(found))
    elif not found:
        click.echo("Ошибок не найдено.")
    if findings_mod.has_errors(found):
        sys.exit(1)


@cli.command(
    help="Проверить документы (.docx, .txt, .pdf, пакет .zip) по ГОСТ Р 7.0.97 и правилам "
    "оформления актов; у .pdf — страницы."
)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--profile",
    type=click.Choice(["gost2025", "gost2016"]),
    default=None,
    help="профиль ГОСТ Р 7.0.97 (по умолчанию gost2025)",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="формат вывода"
)
def check(paths: tuple[Path, ...], profile: str | None, fmt: str) -> None:
    from .checks import check_file

    dg = _docgen()
    profile = profile or dg.settings.gost_profile
    # -- the registry of cited acts: G-55 names acts that lost force; a file's region is not
    # -- known, so it is read with every act kind of the library (a region's own too) --
    registry = dg.registry() if dg.settings.variables_dir.is_dir() else None
    kinds = dg.known_kinds() if dg.settings.variables_dir.is_dir() else None
    found = []
    for path in paths:
        if path.suffix.lower() == ".zip":
            try:
                results = check_bundle(path.read_bytes(), dg, profile)
            except BundleError as exc:
                raise click.ClickException(f"{path.name}: {exc.message}") from None
        else:
            results = check_file(path, profile, registry=registry, kinds=kinds)
        for finding in results:
            found.append({"file": str(path), **finding.to_dict()})
            if fmt == "text":
                click.echo(f"{path.name}: {finding}")
    if fmt == "json":
        import json

        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif not found:
        click.echo("Замечаний нет.")
    if any(f["severity"] == "error" for f in found):
        sys.exit(1)


@cli.command(help="Показать акт правкой (исправлениями Word) относительно образца региона.")
@click.argument("package_id")
@click.argument("municipality")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="куда записать .docx (или .html при --format html)",
)
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="сравнить не с образцом, а с этим актом (.docx)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "html"]),
    default="docx",
    help="docx — исправления Word; html — страница «было / стало»",
)
@click.option("--var", "pairs", multiple=True, metavar="КЛЮЧ=ЗНАЧЕНИЕ", help="как в generate")
def redline(
    package_id: str,
    municipality: str,
    output: Path,
    against: Path | None,
    fmt: str,
    pairs: tuple[str, ...],
) -> None:
    from .redline import redline as make_redline

    other = against.read_bytes() if against else None
    result = make_redline(_docgen(), package_id, municipality, _parse_vars(pairs), against=other)
    data = result.html().encode("utf-8") if fmt == "html" else result.docx
    write_atomic(output, data)
    click.echo(f"Записан {output}: {result.summary()}")


@cli.command(
    "import", help="Прочитать действующий акт (.docx, .txt) и записать набор переменных для него."
)
@click.argument("act", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--package", "package_id", required=True, help="документ, по которому сверять акт")
@click.option("--region", help="регион, например leningrad (можно не указывать с --municipality)")
@click.option(
    "--municipality",
    "set_id",
    help="набор муниципального образования, например leningrad/kirovsky: акты, на которые "
    "ссылается документ, ищутся в его реестре (без него — в реестрах всех муниципальных "
    "образований региона)",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="куда записать набор переменных (.yaml)",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="куда записать отчет об отклонениях (по умолчанию — рядом: <набор>.report.txt)",
)
def import_cmd(
    act: Path,
    package_id: str,
    region: str | None,
    set_id: str | None,
    output: Path,
    report: Path | None,
) -> None:
    from .act_import import import_act

    if not region and not set_id:
        raise click.UsageError("укажите --region или --municipality")
    region = region or set_id.partition("/")[0]
    result = import_act(
        _docgen(), act.read_bytes(), act.name, package_id=package_id, region=region, set_id=set_id
    )
    report = report or output.with_suffix(".report.txt")
    write_atomic(output, result.yaml().encode("utf-8"))
    write_atomic(report, result.report().encode("utf-8"))
    click.echo(f"Записан {output}: {result.summary()}")
    click.echo(f"Отчет об отклонениях: {report}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    try:
        cli.main(args=argv, prog_name="docgen", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


cli.add_command(new)


def _register_web_commands() -> None:
    """Add ``serve`` and ``user`` from the web app when its extra is installed."""
    try:
        from .web.commands import serve, user
    except ImportError as exc:
        missing = exc.name or "flask"

        @cli.command(help="Запустить веб-приложение (нужен пакет docgen[web]).")
        def serve() -> None:
            raise click.ClickException(
                f"веб-приложение недоступно: не установлен модуль {missing}; "
                "установите: pip install 'docgen[web]'"
            )

        return
    cli.add_command(serve)
    cli.add_command(user)


_register_web_commands()
cliru.localize(cli)
