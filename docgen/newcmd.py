"""``docgen new region | municipality | package | template`` — the click commands.

The work is in :mod:`docgen.scaffold` and :mod:`docgen.scaffold_library`; here are only
the arguments and the printing. docgen.cli adds the group to the main command.
"""

from __future__ import annotations

import click

from . import scaffold, scaffold_library
from .core import Docgen


def _docgen() -> Docgen:
    return click.get_current_context().find_root().obj


@click.group(
    help="Создать заготовку: регион, муниципальное образование, пакет или шаблон "
    "(YAML с комментариями; неизвестное — !unknown)."
)
def new() -> None:
    pass


@new.command("region", help="Новый регион: variables/РЕГИОН/ (значения, реестр актов, виды).")
@click.argument("region_id", metavar="РЕГИОН")
@click.option("--name", required=True, help="наименование, например «Московская область»")
def new_region(region_id: str, name: str) -> None:
    click.echo(scaffold.new_region(_docgen(), region_id, name).report())


@new.command("municipality", help="Новое муниципальное образование: variables/РЕГИОН/SLUG.yaml.")
@click.argument("set_id", metavar="РЕГИОН/SLUG")
@click.option("--name", required=True, help="официальное наименование в именительном падеже")
def new_municipality(set_id: str, name: str) -> None:
    click.echo(scaffold.new_municipality(_docgen(), set_id, name).report())


@new.command("package", help="Новый пакет для региона из существующего пакета.")
@click.argument("package_id", metavar="ПАКЕТ")
@click.option("--from", "source", required=True, help="пакет-образец, например lenobl-mms")
@click.option("--region", required=True, help="регион нового пакета")
@click.option(
    "--appendix",
    "appendices",
    multiple=True,
    help="приложение вместо приложений образца (шаблон; можно несколько)",
)
def new_package(package_id: str, source: str, region: str, appendices: tuple[str, ...]) -> None:
    result = scaffold_library.new_package(_docgen(), package_id, source, region, appendices)
    click.echo(result.report())


@new.command("template", help="Новый шаблон — копия существующего (.docx и метаданные).")
@click.argument("template_id", metavar="ШАБЛОН")
@click.option("--from", "source", required=True, help="шаблон-образец")
@click.option("--region", "regions", multiple=True, help="регион копии (можно несколько)")
def new_template(template_id: str, source: str, regions: tuple[str, ...]) -> None:
    click.echo(scaffold_library.new_template(_docgen(), template_id, source, regions).report())
