"""The built-in rules; importing this package registers them all."""

from . import typography  # noqa: F401
from . import dates  # noqa: F401
from . import numbering  # noqa: F401
from . import lists  # noqa: F401
from . import artefacts  # noqa: F401
from . import abbreviations  # noqa: F401
from . import consistency  # noqa: F401
from . import act  # noqa: F401
from . import appendix  # noqa: F401
from . import page  # noqa: F401
from . import formatting  # noqa: F401
