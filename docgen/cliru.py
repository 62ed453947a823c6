"""Click in Russian: its own messages (usage, errors, help), metavars, exit codes.

Click translates its texts with ``gettext``; :func:`install` gives its modules a Russian
catalogue instead (a text not in it stays as it is). :func:`localize` walks a command
tree and gives it Russian metavars («[ПАРАМЕТРЫ]», «КОМАНДА», «ПУТЬ»).

Exit codes of every command (README, «Командная строка»): 0 — done (a draft that was
written, even with unfilled values); 1 — an error in the data, a template, the file system,
or formatting errors in what was made; 2 — wrong arguments (usage).
"""

from __future__ import annotations

import re
from pathlib import Path

import click

#: click's texts → Russian (the {names} must stay as they are).
MESSAGES = {
    "%(prog)s, version %(version)s": "%(prog)s, версия %(version)s",
    "Aborted!": "Прервано.",
    "Argument {name!r} takes {nargs} values.": "Аргумент {name!r} принимает {nargs} значений.",
    "Choose from:\n\t{choices}": "Выберите из:\n\t{choices}",
    "Commands": "Команды",
    "Could not open file {filename!r}: {message}": "Не удалось открыть файл {filename!r}: "
    "{message}",
    "Error: The two entered values do not match.": "Ошибка: введённые значения не совпадают.",
    "Error: invalid input": "Ошибка: неверный ввод",
    "Error: {message}": "Ошибка: {message}",
    "Invalid value for {param_hint}: {message}": "Неверное значение {param_hint}: {message}",
    "Invalid value: {message}": "Неверное значение: {message}",
    "Missing argument": "Не указан аргумент",
    "Missing command.": "Не указана команда.",
    "Missing option": "Не указан параметр",
    "Missing parameter": "Не указан параметр",
    "Missing parameter: {param_name}": "Не указан параметр: {param_name}",
    "No such command {name!r}.": "Нет такой команды: {name!r}.",
    "No such option {name!r}.": "Нет такого параметра: {name!r}.",
    "Option {name!r} does not take a value.": "Параметр {name!r} не принимает значения.",
    "Options": "Параметры",
    "Positional arguments": "Аргументы",
    "Repeat for confirmation": "Повторите для подтверждения",
    "Show the version and exit.": "Показать версию и выйти.",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Try '{command} {option}' for help.": "Справка: «{command} {option}».",
    "Usage:": "Использование:",
    "default: {default}": "по умолчанию: {default}",
    "env var: {var}": "переменная окружения: {var}",
    "required": "обязательный",
    "directory": "каталог",
    "file": "файл",
    "path": "путь",
    "{name} {filename!r} does not exist.": "{name} {filename!r} не существует.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} — каталог.",
    "{name} {filename!r} is a file.": "{name} {filename!r} — файл.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} недоступен для чтения.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} недоступен для записи.",
    "{value!r} is not a valid {number_type}.": "{value!r} — не {number_type}.",
    "{value} is not in the range {range}.": "{value} вне допустимого диапазона {range}.",
    "integer": "целое число",
    "float": "число",
    "Did you mean {possibility}?": "Возможно, имелось в виду {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Возможно, имелось в виду одно из: "
    "{possibilities}?)",
    "Got unexpected extra argument ({args})": "Лишний аргумент ({args})",
    "Got unexpected extra arguments ({args})": "Лишние аргументы ({args})",
    "Option {name!r} requires an argument.": "Параметру {name!r} нужно значение.",
    "Option {name!r} requires {nargs} arguments.": "Параметру {name!r} нужно значений: {nargs}.",
    "{value!r} is not {choice}.": "{value!r} — не {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} — не одно из: {choices}.",
}
#: Metavars by click type name.
TYPE_METAVARS = {
    "text": "ТЕКСТ",
    "integer": "ЧИСЛО",
    "integer range": "ЧИСЛО",
    "float": "ЧИСЛО",
    "path": "ПУТЬ",
    "file": "ФАЙЛ",
    "directory": "КАТАЛОГ",
}
#: Metavars of arguments by parameter name.
ARGUMENT_METAVARS = {
    "document_id": "ДОКУМЕНТ",
    "package_id": "ПАКЕТ",
    "municipality": "НАБОР",
    "paths": "ФАЙЛ…",
    "username": "ИМЯ",
}
_CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "termui",
    "types",
    "utils",
    "shell_completion",
)


def gettext(message: str) -> str:
    """Return the Russian text of click's `message` (itself when there is none)."""
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the Russian text of click's singular or plural `message`."""
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Make click speak Russian in this process."""
    import importlib

    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


def localize(command: click.Command) -> None:
    """Give `command` and every command below it Russian metavars."""
    command.options_metavar = "[ПАРАМЕТРЫ]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "КОМАНДА [АРГУМЕНТЫ]…"
        for sub in command.commands.values():
            localize(sub)
    for param in command.params:
        if param.metavar is not None:
            continue
        if isinstance(param, click.Argument):
            param.metavar = ARGUMENT_METAVARS.get(param.name or "")
            if param.metavar and param.nargs == -1 and not param.metavar.endswith("…"):
                param.metavar += "…"
        elif isinstance(param, click.Option) and not param.is_flag:
            param.metavar = TYPE_METAVARS.get(param.type.name)


class RussianGroup(click.Group):
    """A group that prints its help (exit 0) when called without a command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args:
            click.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)


def draft_errors(findings, draft: bool) -> bool:
    """Return True when `findings` hold an error that makes the exit code 1.

    A draft's own placeholders (rule G-51: «[не заполнено: …]») are what a draft is for:
    they are listed, not counted as errors.
    """
    from .findings import Severity

    return any(
        f.severity is Severity.ERROR and not (draft and f.rule == PLACEHOLDER_RULE)
        for f in findings
    )


#: The checker's rule for placeholders left in a document.
PLACEHOLDER_RULE = "G-51"


_VARIABLES_RE = re.compile(r"(?<![\w/.-])variables/")


def real_paths(text: str, variables_dir: Path) -> str:
    """Return `text` with «variables/…» naming the real folder when it is elsewhere
    (``DOCGEN_VARIABLES_DIR``): the library names files relative to the folder it reads."""
    folder = Path(variables_dir)
    try:
        if folder.resolve() == (Path.cwd() / "variables").resolve():
            return text
    except OSError:
        return text
    return _VARIABLES_RE.sub(lambda _: f"{folder}/", text)
