"""The benchmarks' synthetic sets stay valid as the library changes (bench/make_synthetic.py).

A benchmark over sets that no longer validate measures error messages: the batch benchmark
once reported 2 500 «errors» in 1.3 s after the act kinds moved into the data.
"""

from __future__ import annotations

import importlib.util

from docgen import Docgen, Settings

from paths import REPO


def _make_synthetic():
    spec = importlib.util.spec_from_file_location(
        "make_synthetic", REPO / "bench" / "make_synthetic.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_sets_validate_and_generate_final(tmp_path):
    out = tmp_path / "variables"
    _make_synthetic().make(12, out)
    dg = Docgen(Settings(variables_dir=out, run_checks=False))
    sets = [s for s in dg.sets_for("lenobl-mms") if s.split("/")[1].startswith("m")]
    assert len(sets) == 12
    for set_id in sets:
        result = dg.generate("lenobl-mms", set_id)  # -- a final: every value is given --
        assert not result.missing
