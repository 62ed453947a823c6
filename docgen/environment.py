"""The one Jinja environment every render and lint uses."""

from __future__ import annotations

import functools
from collections.abc import Callable

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from . import ru
from .citation import Citation
from .errors import InflectionError
from .limits import LimitedSandbox, RenderLimits, bounded_filter
from .placeholders import REVIEW_PREFIX, Missing

#: What evaluating a template expression may raise besides the Jinja errors: a bad value
#: for an operation ("abc" | int, 1 / 0, a wrong argument type, "{}".format() with no
#: value). Callers report these as the template's own error.
VALUE_ERRORS = (ValueError, TypeError, ArithmeticError, LookupError)

#: Names templates may use that are not variables: added per render (see docgen.render).
RENDER_NAMES = frozenset({"num", "part", "appendices", "package", "cover"})


def make_environment(limits: RenderLimits | None = None) -> SandboxedEnvironment:
    """Return a fresh sandboxed, strict, autoescaping environment with the Russian filters.

    Never change it after templates are compiled in it. The sandbox is the immutable one:
    templates cannot alter lists or dicts of the context (which is shared between
    documents of the same variable set). It is also limited (docgen.limits): numbers,
    repetitions, ranges, widths and the output of a part are bounded by `limits`. Every
    filter passes an unknown value («[не заполнено: …]») through unchanged, so a draft
    shows the placeholder where the declined form would stand.
    """
    env = LimitedSandbox(
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        limits=limits,
    )
    env.filters.update(ru.FILTERS)
    env.filters["cite"] = cite
    env.filters["review"] = review
    # -- every filter, Jinja's own too («upper»), must leave a placeholder as it is --
    env.filters = {
        name: bounded_filter(env, name, _guard(name, func)) for name, func in env.filters.items()
    }
    return env


def cite(value, case: str = "nomn", date: str = "long") -> str:
    """Return a citation of the registry act `value` in `case`, dates `long` or `digital`.

    ``{{ b | cite('ablt') }}``: «Федеральным законом от 29 декабря 2012 г. № 273-ФЗ «Об
    образовании в Российской Федерации»».
    """
    if not isinstance(value, Citation):
        raise ValueError(f"cite: ожидается акт из реестра (идентификатор в наборе), а не «{value}»")
    return value.text(case, date)


def review(label: str) -> str:
    """Return a placeholder asking for a substantive review of what `label` describes.

    ``{{ 'мероприятия составлены без источника' | review }}`` shows «[проверить: …]»
    highlighted in a draft; a final is refused while it is there.
    """
    return Missing(str(label), REVIEW_PREFIX)


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
