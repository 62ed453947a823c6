"""`load(name)`: the mapping in one data file of the layer (generic_words.yaml, surnames.yaml).

The files sit next to this module. They are read with libyaml's safe loader where PyYAML
has it: about a tenth of the pure-Python loader's time (surnames.yaml 0.5 ms instead of
4.9 ms), paid by `warm_up()` at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).parent
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(name: str) -> dict[str, Any]:
    """Return the mapping in the layer's data file `name` («surnames.yaml»)."""
    with (_HERE / name).open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_LOADER)  # noqa: S506 - a safe loader
