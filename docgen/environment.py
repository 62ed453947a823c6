"""The one Jinja environment every render and lint uses."""

from __future__ import annotations

import functools
from collections.abc import Callable

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from . import ru
from .errors import InflectionError
from .placeholders import Missing

#: Names templates may use that are not variables: added per render (see docgen.render).
RENDER_NAMES = frozenset({"num", "part", "appendices", "package"})


def make_environment() -> SandboxedEnvironment:
    """Return a fresh sandboxed, strict, autoescaping environment with the Russian filters.

    Never change it after templates are compiled in it. The sandbox is the immutable one:
    templates cannot alter lists or dicts of the context (which is shared between
    documents of the same variable set). Every filter passes an unknown value
    («[не заполнено: …]») through unchanged, so a draft shows the placeholder where the
    declined form would stand.
    """
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
    )
    env.filters.update(ru.FILTERS)
    # -- every filter, Jinja's own too («upper»), must leave a placeholder as it is --
    env.filters = {name: _guard(name, func) for name, func in env.filters.items()}
    return env


def _guard(name: str, func: Callable) -> Callable:
    if getattr(func, "jinja_pass_arg", None) is not None:
        return func  # -- context/environment filters take another first argument --

    @functools.wraps(func)
    def wrapper(value, *args, **kwargs):
        if isinstance(value, Missing):
            return value
        try:
            return func(value, *args, **kwargs)
        except ru.InflectionFailed as exc:
            raise InflectionError(str(exc), f"фильтр {name}") from None

    return wrapper
