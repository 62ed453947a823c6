"""`warm_up()`: load the dictionaries and rule tables at start-up instead of on first use.

Kept apart from `morph` so that no module of the layer imports one that imports it back.
"""

from __future__ import annotations

from . import dates, layout, morph, numbers, places, surnames


def warm_up() -> None:
    """Load the dictionary, the name rules, the data tables and babel's Russian data now."""
    morph.analyzer()
    layout.detector()
    surnames.maker()
    surnames.tables()
    places.table()
    dates.date_long("2000-01-01")
    dates.month_year("2000-01-01")
    numbers.plural(2, "год")
