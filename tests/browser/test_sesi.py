"""The session timer (static/js/sesi.js) as an operator meets it while typing on a page, with the
browser's clock moved forward (Playwright's clock; the server's session stays fresh): two minutes
before an idle end they are warned, with a button that keeps the session; typing after a quiet
spell tells the server they are still there; at the end they are told the session ended, and what
they typed is still on the page to copy (and the page keeps saying so once a new sign-in elsewhere
made its form's CSRF token stale)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import AXE, masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_warned_before_the_idle_end_kept_while_typing_and_told_when_it_ended(live_server, page, screenshot):
    factories.pengguna("operator_paser", "operator_kabkota", "64.01")
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.install()
    masuk(page, live_server, "operator_paser")
    page.goto(f"{live_server.url}/akun/token/")
    isian = page.locator("main form input[type=text]").first
    isian.fill("Token untuk dasbor Bappeda")
    pemberitahuan = page.get_by_role("alert").filter(has_text="Sesi Anda")

    # The page counts from the idle half hour less the minute in which the server keeps its stamp.
    page.clock.fast_forward("26:00")  # 3 min 59 s left: nothing yet
    page.wait_for_timeout(6000)  # a check (every 5 s) has run
    assert pemberitahuan.count() == 0
    page.clock.fast_forward("01:25")  # under 2 minutes left
    assert pemberitahuan.inner_text().startswith(
        "Sesi Anda akan berakhir dalam 2 menit karena tidak ada aktivitas."
    )
    screenshot("sesi-peringatan-390")
    assert Axe().run(page, options=AXE).response["violations"] == []
    # Scrolled to its end, the page shows everything above the notice (a save button is not under it).
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    kaki = page.evaluate("document.querySelector('footer').getBoundingClientRect().bottom")
    assert kaki <= pemberitahuan.evaluate("e => e.getBoundingClientRect().top")
    with page.expect_response(lambda r: r.url.endswith("/akun/sesi/")) as jawaban:
        pemberitahuan.get_by_role("button", name="Tetap masuk").click()
    assert jawaban.value.json()["dapat_diperpanjang"] is True
    # The page reads the answer's body after Playwright has seen the response: wait for the notice to go.
    expect(pemberitahuan).to_have_count(0)
    assert page.evaluate("document.body.style.paddingBottom") == ""

    page.clock.fast_forward("06:00")  # a quiet spell: the next keystroke asks the server again
    with page.expect_response(lambda r: r.url.endswith("/akun/sesi/")) as jawaban:
        isian.press("End")
        isian.type(" (baca saja)")
    assert jawaban.value.json()["sisa_detik"] > 25 * 60
    page.wait_for_function(
        "Number(localStorage.getItem('kesbangpol-sesi-berakhir')) > Date.now() / 1000 + 25 * 60"
    )
    assert pemberitahuan.count() == 0

    page.clock.fast_forward("31:00")  # no activity for longer than the session lasts
    assert pemberitahuan.inner_text().startswith("Sesi Anda telah berakhir.")
    assert pemberitahuan.get_by_role("link", name="Masuk kembali").get_attribute("href") == (
        "/akun/masuk/?next=%2Fakun%2Ftoken%2F"
    )
    assert isian.input_value() == "Token untuk dasbor Bappeda (baca saja)"
    # Signing in again in another tab gives a new CSRF token: this page's form stays dead, and says so.
    page.evaluate("localStorage.setItem('kesbangpol-sesi-berakhir', String(Date.now() / 1000 + 1700))")
    page.wait_for_timeout(6000)
    assert pemberitahuan.inner_text().startswith("Sesi Anda telah berakhir.")
    screenshot("sesi-berakhir-390")


def test_the_django_admin_warns_too_in_its_own_colours(live_server, page, screenshot):
    """An admin typing in a Django admin form (which has no Bootstrap) gets the same notice, styled
    with the admin's colours and readable (axe on the notice: the admin's own pages stay out of the
    walk, see test_ponsel)."""
    factories.pengguna("admin_kaltim", "admin_provinsi", "64")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.clock.install()
    masuk(page, live_server, "admin_kaltim")
    page.goto(f"{live_server.url}/admin/kesbangpol/instansi/add/")
    isian = page.locator("#id_nama")
    isian.fill("Bakesbangpol Kabupaten Paser")
    pemberitahuan = page.get_by_role("alert").filter(has_text="Sesi Anda")

    page.clock.fast_forward("27:25")  # under 2 minutes left
    assert pemberitahuan.inner_text().startswith("Sesi Anda akan berakhir dalam 2 menit")
    tombol = pemberitahuan.get_by_role("button", name="Tetap masuk")
    # Drawn as a notice over the form, not as unstyled text at the page's foot.
    assert pemberitahuan.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert tombol.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(32, 80, 103)"
    screenshot("sesi-admin-1366")
    hasil = Axe().run(page, context=".sesi-peringatan", options=AXE).response
    assert hasil["violations"] == []
    with page.expect_response(lambda r: r.url.endswith("/akun/sesi/")):
        tombol.click()
    expect(pemberitahuan).to_have_count(0)

    page.clock.fast_forward("31:00")
    assert pemberitahuan.inner_text().startswith("Sesi Anda telah berakhir.")
    assert pemberitahuan.get_by_role("link", name="Masuk kembali").get_attribute("href") == (
        "/akun/masuk/?next=%2Fadmin%2Fkesbangpol%2Finstansi%2Fadd%2F"
    )
    assert isian.input_value() == "Bakesbangpol Kabupaten Paser"
