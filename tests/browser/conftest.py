"""Playwright in Debian's Chromium (/usr/bin/chromium); no browser is ever downloaded."""

import os
from pathlib import Path

import pytest

from tests import factories
from tests.conftest import service_missing

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# axe-core's rules for WCAG 2.0 and 2.1, levels A and AA, and its best practices (headings, landmarks,
# empty table headers); every violation fails, whatever its impact. Only violations come back: the
# passes too took twice as long.
AXE = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        service_missing(f"{CHROMIUM} tidak ada (apt-get install -y chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Makassar"}


@pytest.fixture
def screenshot(page):
    """``screenshot("name")`` saves var/screenshots/name.png for a person to look at."""

    def _shot(name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return _shot


def masuk(page, live_server, username):
    """Sign in as ``username`` (the demo password) through the login form, from a clean session."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(factories.PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
