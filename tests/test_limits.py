"""The limited sandbox: what a template may compute, repeat, loop over and print."""

from __future__ import annotations

import pytest

from docgen.environment import make_environment
from docgen.limits import LimitError, RenderLimits

SMALL = RenderLimits(max_repeat=50, max_range=20, max_argument=30, max_output=2_000)


@pytest.fixture(scope="module")
def env():
    return make_environment(SMALL)


def render(env, source: str, **values) -> str:
    return env.from_string(source).render(values)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{{ (3 ** (3 ** 15)) % 7 }}", "слишком большая степень"),
        ("{{ 'x' * 51 }}", "повторение даёт больше 50"),
        ("{{ [1] * 51 }}", "повторение"),
        ("{% for i in range(21) %}{% endfor %}", "range: больше 20"),
        ("{{ 'x' | center(31) }}", "аргумент 31 больше допустимого"),
        ("{{ 'abc'.center(31) }}", "аргумент 31 больше допустимого"),
        ("{{ '%99999s' | format('x') }}", "ширина"),
        ("{{ '{:>99999}'.format('x') }}", "ширина"),
        # -- the output grows in small pieces, past the first batch that is counted --
        ("{% for i in range(20) %}{% for j in range(20) %}{{ 'abcdefg' }}{% endfor %}"
         "{% endfor %}", "слишком много текста"),
    ],
)  # fmt: skip
def test_what_exceeds_a_limit_is_refused_in_russian(env, source, words):
    with pytest.raises(LimitError, match=words):
        render(env, source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 2 ** 10 }}", "1024"),
        ("{{ 'x' * 50 }}", "x" * 50),
        ("{% for i in range(20) %}{{ i }}{% endfor %}", "".join(map(str, range(20)))),
        ("{{ 'ab' | center(6) }}", "  ab  "),
        ("{{ '%5s' | format('x') }}", "    x"),
        ("{% for i in range(19) %}{% for j in range(10) %}ab{% endfor %}{% endfor %}",
         "ab" * 190),
    ],
)  # fmt: skip
def test_what_stays_within_the_limits_renders(env, source, expected):
    assert render(env, source) == expected


def test_the_output_limit_counts_every_character():
    env = make_environment(RenderLimits(max_output=1000))
    assert len(render(env, "{% for i in range(1000) %}x{% endfor %}")) == 1000
    with pytest.raises(LimitError):
        render(env, "{% for i in range(1001) %}x{% endfor %}")
