"""The home page as its people use it, at 1366 px and on a 390 px phone: the operator opens an
overdue report in one click, staff work down their queue, pimpinan read figures first."""

import datetime

import pytest
import time_machine

from laporan.models import LaporanTriwulan
from tests import factories
from tests.browser.conftest import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 2026-05-20 10:00 WITA: Triwulan I 2026 was due 2026-04-10.
HARI = datetime.datetime(2026, 5, 20, 2, tzinfo=datetime.UTC)
S = LaporanTriwulan.Status


def _tanpa_geser_samping(page):
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= page.viewport_size["width"], lebar


@time_machine.travel(HARI)
@pytest.mark.parametrize("lebar", [1366, 390])
def test_operator_opens_the_overdue_report_from_home(live_server, page, screenshot, lebar):
    page.set_viewport_size({"width": lebar, "height": 900})
    factories.pengguna("operator_paser", "operator_kabkota", "64.01", nama_lengkap="Nur Aini")
    masuk(page, live_server, "operator_paser")
    tugas = page.get_by_test_id("daftar-tugas")
    assert tugas.get_by_text("Laporan Triwulan I 2026 terlambat 40 hari").is_visible()
    _tanpa_geser_samping(page)
    screenshot(f"beranda-operator-{lebar}")
    tugas.get_by_role("button", name="Buka laporan").click()
    assert page.get_by_role("heading", name="Laporan Triwulan I 2026 — Kabupaten Paser").is_visible()
    page.goto(f"{live_server.url}/")
    assert (
        page.get_by_test_id("daftar-tugas")
        .get_by_role("link", name="Laporan Triwulan I 2026 terlambat 40 hari")
        .is_visible()
    )


@time_machine.travel(HARI)
@pytest.mark.parametrize("lebar", [1366, 390])
def test_staff_work_down_the_queue_and_are_shown_the_next(live_server, page, screenshot, lebar):
    page.set_viewport_size({"width": lebar, "height": 900})
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    for i, kode in enumerate(["64.01", "64.03"]):
        factories.laporan(
            kode,
            2026,
            1,
            status=S.DIAJUKAN,
            tepat_waktu=True,
            diajukan_pada=HARI - datetime.timedelta(days=40 - i),
        )
    masuk(page, live_server, "staf_kaltim")
    _tanpa_geser_samping(page)
    screenshot(f"beranda-staf-{lebar}")
    page.get_by_role("link", name="Periksa laporan Kab. Paser Triwulan I 2026").click()
    page.get_by_label("Terima laporan").check()
    page.get_by_role("button", name="Simpan keputusan").click()
    berikutnya = page.get_by_test_id("berikutnya")
    assert berikutnya.is_visible()
    berikutnya.get_by_role("link", name="Periksa laporan Kab. Berau Triwulan I 2026").click()
    assert page.get_by_role("heading", name="Laporan Triwulan I 2026 — Kabupaten Berau").is_visible()
    page.goto(f"{live_server.url}/")
    assert page.get_by_text("Periksa laporan Kab. Paser").count() == 0


@time_machine.travel(HARI)
def test_pimpinan_on_a_phone_read_the_figures_first_and_each_is_a_link(live_server, page, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    factories.pengguna("pimpinan_kaltim", "pimpinan", "64", nama_lengkap="Kepala Badan")
    factories.laporan("64.01", 2026, 1, status=S.DITERIMA, tepat_waktu=True)
    masuk(page, live_server, "pimpinan_kaltim")
    _tanpa_geser_samping(page)
    kartu = page.locator(".kartu-angka")
    assert kartu.count() == 6  # four for the quarter, two for the open recommendations
    # The figures sit in the first screen of the phone.
    assert kartu.first.bounding_box()["y"] < 844
    assert kartu.first.inner_text().startswith("10%")
    screenshot("beranda-pimpinan-390")
    kartu.first.click()
    assert page.url.startswith(f"{live_server.url}/laporan/matriks/")


@time_machine.travel(HARI)
def test_matrix_cells_show_their_state_colour(live_server, page):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    factories.laporan("64.01", 2026, 1, status=S.DITERIMA, tepat_waktu=True)
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/laporan/matriks/?tahun=2026")
    sel = page.locator("td.sel-diterima").first
    # Bootstrap's table background used to paint over it (the cell looked white).
    warna = sel.evaluate("e => getComputedStyle(e).backgroundColor")
    assert warna == "rgb(209, 231, 221)", warna
    # Q1 was due on 10 April: the nine kab/kota that sent nothing say so in red, Paser does not.
    lewat = page.locator("td .tanda-lewat")
    assert lewat.count() == 9
    assert lewat.first.evaluate("e => getComputedStyle(e).color") == "rgb(176, 42, 55)"
    paser = page.get_by_role("row", name="Kab. Paser")
    assert paser.locator(".tanda-lewat").count() == 0
    # The current quarter is not due yet: no 0 % for it.
    assert page.get_by_text("belum jatuh tempo").first.is_visible()


@time_machine.travel(HARI)
def test_matrix_on_a_phone_starts_at_the_newest_quarter(live_server, page, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    from laporan.actions import siapkan_periode

    factories.pengguna("pimpinan_kaltim", "pimpinan", "64", nama_lengkap="Kepala Badan")
    siapkan_periode(HARI.date())  # the daily task opens the recent quarters; a page view does not
    masuk(page, live_server, "pimpinan_kaltim")
    page.goto(f"{live_server.url}/laporan/matriks/")
    _tanpa_geser_samping(page)  # the table scrolls inside its box, not the page
    terbaru = page.get_by_role("link", name="TW II 2026")
    box = terbaru.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    # The kab/kota names stay in view while the table scrolls.
    nama = page.get_by_role("rowheader", name="Kab. Paser").bounding_box()
    assert 0 <= nama["x"] < 40, nama
    # ... covering the box's left edge: no sliver of the scrolled cells beside it.
    kotak = page.get_by_test_id("matriks").bounding_box()
    assert nama["x"] < kotak["x"], (nama, kotak)
    screenshot("matriks-390")


def test_the_phone_menu_opens_and_closes_without_bootstrap_js(live_server, page, screenshot):
    """The menu button is the one Bootstrap component that needs a script; static/js/portal.js does
    it (the 80 KB bundle is no longer shipped)."""
    factories.pengguna("operator_paser", "operator_kabkota", "64.01")
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, live_server, "operator_paser")
    tombol = page.get_by_role("button", name="Buka menu")
    laporan = page.locator("#nav-utama").get_by_role("link", name="Laporan")
    assert not laporan.is_visible() and tombol.get_attribute("aria-expanded") == "false"
    tombol.click()
    laporan.wait_for(state="visible")
    assert tombol.get_attribute("aria-expanded") == "true"
    screenshot("menu-ponsel-terbuka")
    laporan.click()
    page.wait_for_url(f"{live_server.url}/laporan/")
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("button", name="Buka menu").click()
    assert not page.locator("#nav-utama").get_by_role("link", name="Laporan").is_visible()
