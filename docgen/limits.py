"""Resource limits of the template sandbox: arithmetic, repetition, ranges, output size.

A template is code an editor uploads; it must not be able to hold a server for minutes or
fill its memory. The sandbox of :func:`docgen.environment.make_environment` is a
:class:`LimitedSandbox`: every operation that could make a huge number or string
(``**``, ``*``, ``%`` formatting, ``range``, filters and string methods with a width) is
checked before it runs, and the rendered text of one part may not exceed
``RenderLimits.max_output`` characters. A refusal raises :class:`LimitError`, a Jinja
``SecurityError``, so the renderer reports it like any other forbidden operation, with
the template and the nearby text.

What the sandbox cannot count — time — is bounded outside the rendering thread: the web
app renders editors' templates in a worker process that is killed after its time limit.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment


@dataclass(frozen=True)
class RenderLimits:
    """How big anything a template makes may be."""

    #: the largest integer a template may compute, in bits (2**1024 ≈ 10**308)
    max_int_bits: int = 1024
    #: the longest string or list a repetition («'x' * n») may make
    max_repeat: int = 100_000
    #: the most items a ``range`` may have
    max_range: int = 100_000
    #: the largest width or count an argument of a filter or a string method may give
    max_argument: int = 10_000
    #: the longest rendered text of one template part, in characters
    max_output: int = 5_000_000


#: How many rendered pieces are counted at once against ``max_output``.
_CONCAT_BATCH = 512


class LimitError(SecurityError):
    """A template tried to make something bigger than the limits allow (Russian message)."""


_WIDE_FORMAT_RE = re.compile(r"%[-+ #0]*\d{5,}|%[-+ #0]*\d*\.\d{5,}|\{[^{}]*\d{5,}[^{}]*\}")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the arithmetic, repetition and output limits."""

    intercepted_binops = frozenset({"**", "*", "%"})

    def __init__(self, *args: Any, limits: RenderLimits | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits or RenderLimits()
        self.globals["range"] = self._range
        # -- lipsum(n=10**6) would write megabytes of Latin without a loop --
        self.globals.pop("lipsum", None)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        """Return ``left <operator> right`` after checking the result cannot be too big."""
        if operator == "**":
            self._check_power(left, right)
        elif operator == "*":
            self._check_product(left, right)
        elif operator == "%" and isinstance(left, str):
            self.check_format(left)
        try:
            return super().call_binop(context, operator, left, right)
        except OverflowError:
            raise LimitError(f"слишком большое число в выражении с «{operator}»") from None

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Call `__obj` from a template; widths and counts of string methods are bounded."""
        if not args and not kwargs:
            # -- nothing to bound: no count, and a format string gets no value to widen --
            return super().call(__context, __obj)
        owner = getattr(__obj, "__self__", None)
        wrapped = getattr(__obj, "__wrapped__", None)
        if isinstance(getattr(wrapped, "__self__", None), str):
            __self.check_format(wrapped.__self__)
        if isinstance(owner, (str, bytes, list, tuple)):
            __self.check_arguments(getattr(__obj, "__name__", "метод"), args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def concat(self, pieces: Iterable[str]) -> str:  # type: ignore[override]
        """Return the rendered `pieces` joined; refuse once they exceed ``max_output``."""
        out: list[str] = []
        size = 0
        pieces = iter(pieces)
        # -- counted a batch at a time (a part yields tens of thousands of small pieces) --
        while batch := list(itertools.islice(pieces, _CONCAT_BATCH)):
            size += sum(map(len, batch))
            if size > self.limits.max_output:
                raise LimitError(
                    "шаблон выводит слишком много текста (больше "
                    f"{self.limits.max_output:,} символов)".replace(",", " ")
                )
            out += batch
        return "".join(out)

    def check_arguments(self, name: str, args: Iterable[Any], kwargs: dict[str, Any]) -> None:
        """Raise LimitError when a numeric argument of `name` exceeds ``max_argument``."""
        for value in (*args, *kwargs.values()):
            if _is_int(value) and abs(value) > self.limits.max_argument:
                raise LimitError(
                    f"{name}: аргумент {value} больше допустимого ({self.limits.max_argument})"
                )

    def _range(self, *args: Any) -> range:
        if not all(_is_int(a) for a in args):
            raise LimitError("range: ожидаются целые числа")
        numbers = range(*args)
        if len(numbers) > self.limits.max_range:
            raise LimitError(f"range: больше {self.limits.max_range} элементов ({len(numbers)})")
        return numbers

    def _check_power(self, left: Any, right: Any) -> None:
        if _is_int(left) and _is_int(right) and right > 0:
            bits = max(abs(left).bit_length() - 1, 0) * right
            if bits > self.limits.max_int_bits:
                raise LimitError(f"слишком большая степень: {_short(left)} ** {_short(right)}")

    def _check_product(self, left: Any, right: Any) -> None:
        if _is_int(left) and _is_int(right):
            if abs(left).bit_length() + abs(right).bit_length() > self.limits.max_int_bits:
                raise LimitError("слишком большое произведение")
            return
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and _is_int(count):
                if len(seq) * max(count, 0) > self.limits.max_repeat:
                    raise LimitError(f"повторение даёт больше {self.limits.max_repeat} элементов")

    def check_format(self, text: str) -> None:
        """Raise LimitError when the format string `text` asks for a huge width."""
        if _WIDE_FORMAT_RE.search(text):
            raise LimitError("слишком большая ширина поля в строке формата")


def bounded_filter(env: LimitedSandbox, name: str, func: Callable) -> Callable:
    """Return filter `func` with its numeric arguments (all but the value) bounded."""
    pass_arg = getattr(func, "jinja_pass_arg", None)

    first = 1 if pass_arg is not None else 0

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if len(args) <= first + 1 and not kwargs:
            return func(*args)  # -- the value alone (a format string alone cannot widen) --
        env.check_arguments(f"фильтр {name}", args[first + 1 :], kwargs)
        if name == "format" and len(args) > first and isinstance(args[first], str):
            env.check_format(args[first])
        return func(*args, **kwargs)

    return wrapper


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:17] + "…"
