"""Validators of values against each other, named in the schema by ``validate: <name>``.

Type checks live in docgen.schema; these see the whole validated set, e.g. «every
deadline of the roadmap lies inside its period». Each is a small registered function
returning Russian problem messages (empty when all is well). The generic ones are here;
those of particular template families live in the modules beside this one and register
themselves on import.
"""

from . import generic, indicators, roadmap
from .registry import VALIDATORS, Validator, validator

__all__ = ["VALIDATORS", "Validator", "generic", "indicators", "roadmap", "validator"]
