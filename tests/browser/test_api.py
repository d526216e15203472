"""The API as its users meet it: an officer at 1366 px (or on a 390 px phone) makes a token on the
account page, copies it once, a program reads with it, and the officer revokes it; the interactive
documentation renders from our own static files under the portal's CSP."""

import pytest

from tests import factories
from tests.browser.conftest import masuk
from tests.browser.test_beranda import _tanpa_geser_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lebar", [1366, 390])
def test_staff_make_use_and_revoke_a_token(live_server, page, screenshot, lebar):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    factories.laporan("64.01", status="diajukan")
    page.set_viewport_size({"width": lebar, "height": 900})
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/akun/")
    page.get_by_role("link", name="Kelola token akses API").click()
    assert page.get_by_text("Belum ada token.").is_visible()
    page.get_by_label("Nama token").fill("Dasbor Bappeda")
    page.get_by_label("Periode, laporan triwulan, laporan segera dan sinyal").uncheck()
    page.get_by_role("button", name="Buat token").click()
    assert page.get_by_text("Salin sekarang: token ini tidak akan ditampilkan lagi.").is_visible()
    token = page.get_by_label("Token", exact=True).input_value()
    assert token.startswith("kbp_")
    screenshot(f"api-token-dibuat-{lebar}")
    _tanpa_geser_samping(page)

    api = page.context.request
    kepala = {"Authorization": f"Bearer {token}"}
    page.context.clear_cookies()  # a program has no session: the token alone
    assert (
        api.get(f"{live_server.url}/api/v1/wilayah/64.01/", headers=kepala).json()["nama"]
        == "Kabupaten Paser"
    )
    tanpa_cakupan = api.get(f"{live_server.url}/api/v1/laporan/", headers=kepala)
    assert tanpa_cakupan.status == 403

    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/akun/token/")
    baris = page.get_by_role("row").filter(has_text="Dasbor Bappeda")
    assert baris.get_by_text("Berlaku").is_visible() and token not in page.content()
    baris.get_by_role("button", name="Cabut").click()
    assert page.get_by_text("Token “Dasbor Bappeda” dicabut").is_visible()
    assert page.get_by_role("row").filter(has_text="Dasbor Bappeda").get_by_text("Dicabut").is_visible()
    screenshot(f"api-token-dicabut-{lebar}")
    page.context.clear_cookies()
    assert api.get(f"{live_server.url}/api/v1/wilayah/64.01/", headers=kepala).status == 401


@pytest.mark.parametrize("lebar", [1366, 390])
def test_the_documentation_renders_from_our_static_under_the_csp(live_server, page, screenshot, lebar):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    page.set_viewport_size({"width": lebar, "height": 900})
    ditolak, luar = [], []
    page.on("console", lambda m: ditolak.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: luar.append(r.url) if not r.url.startswith(live_server.url) else None)
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/akun/token/")
    page.get_by_role("link", name="API baca-saja").click()
    page.get_by_role("heading", name="API Portal Koordinasi Kesbangpol").wait_for()
    assert page.get_by_text("/api/v1/laporan/", exact=True).first.is_visible()
    # "Try it out" with the session: the first list answers in the page.
    page.get_by_role("button", name="GET /api/v1/wilayah/", exact=False).first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.get_by_text('"nama": "Kalimantan Timur"').first.wait_for()
    screenshot(f"api-dokumentasi-{lebar}")
    assert not ditolak, ditolak
    assert not [u for u in luar if not u.startswith(("data:", "blob:"))], luar
