"""What the browser tests share: Debian's chromium, how it is started, where screenshots go.

No browser is ever downloaded: Playwright drives ``/usr/bin/chromium`` (scripts/test installs
it). Without it a browser test is skipped — except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import os

import pytest

from paths import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=ru-RU",
]
#: Screenshots of the pages at the widths the layout tests check (not in git).
ARTIFACTS = REPO / "test-artifacts"


def unavailable(reason: str):
    """Skip the test for `reason` — or fail it in CI (``CI=true``), where every tool the
    tests need is installed by scripts/test."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"браузерные тесты обязательны в CI: {reason}", pytrace=False)
    pytest.skip(reason)
