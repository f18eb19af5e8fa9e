from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM


def pytest_collection_modifyitems(config, items):
    """The account journeys in test_browser.py follow the browser suite's rule: without
    Chromium they are skipped (and CI, which has it, fails on any skip)."""
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)"
    for item in items:
        if "tests/accounts/test_browser.py" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))
