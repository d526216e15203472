"""Signals as their readers use them: pimpinan on a 390 px phone reads the strongest signal on the
home page and opens the rows behind it; staff at 1366 px filter the list and dismiss one with a reason."""

import datetime
import uuid

import pytest
import time_machine

from kesbangpol.models import Wilayah
from laporan import sinyal
from tests import factories
from tests.browser.conftest import masuk
from tests.browser.test_beranda import _tanpa_geser_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HARI = datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC)


def _data():
    for kode, judul in (("64.01", "Sengketa lahan Luan"), ("64.09", "Tapal batas PPU")):
        a = uuid.uuid4()
        for tahun, tw, tingkat in ((2025, 4, "sedang"), (2026, 1, "tinggi")):
            lap = factories.laporan(kode, tahun, tw, status="diterima")
            factories.potensi(lap, judul, identitas=a, tren="meningkat", tingkat=tingkat)
    sinyal.hitung_ulang(Wilayah.objects.get(kode="64"), HARI.date())


@time_machine.travel(HARI)
@pytest.mark.parametrize("lebar", [390, 1366])
def test_pimpinan_reads_the_strongest_signal_and_opens_its_rows(live_server, page, screenshot, lebar):
    factories.pengguna("pimpinan_kaltim", "pimpinan", "64", nama_lengkap="Kepala Badan")
    _data()
    page.set_viewport_size({"width": lebar, "height": 900})
    masuk(page, live_server, "pimpinan_kaltim")
    panel = page.get_by_role("region", name="Sinyal peringatan dini")
    assert panel.get_by_text("Semua sinyal terbuka (4)").is_visible()
    _tanpa_geser_samping(page)
    screenshot(f"sinyal-beranda-pimpinan-{lebar}")
    # Each potensi's two rises (to tinggi, and the second running) are one entry; the link counts all four.
    assert panel.get_by_role("listitem").count() == 2
    panel.get_by_role(
        "link", name="Potensi “Sengketa lahan Luan” di Kabupaten Paser naik dari tingkat sedang ke tinggi"
    ).click()
    assert page.get_by_role("heading", name="Sengketa lahan Luan").first.is_visible()


@time_machine.travel(HARI)
@pytest.mark.parametrize("lebar", [1366, 390])
def test_staff_filter_and_dismiss_a_signal_with_a_reason(live_server, page, screenshot, lebar):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    _data()
    page.set_viewport_size({"width": lebar, "height": 900})
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/laporan/sinyal/")
    page.get_by_label("Kabupaten/kota").select_option(label="Kab. Paser")
    page.get_by_role("button", name="Saring").click()
    daftar = page.get_by_test_id("daftar-sinyal")
    assert daftar.get_by_role("listitem").count() == 2
    _tanpa_geser_samping(page)
    screenshot(f"sinyal-daftar-staf-{lebar}")
    pertama = daftar.get_by_role("listitem").first
    pertama.get_by_text("Tutup sinyal ini…").click()
    pertama.get_by_label("Alasan (wajib; tercatat di riwayat)").fill("Sudah dimediasi Forkopimda.")
    pertama.get_by_role("button", name="Tutup sinyal").click()
    assert page.get_by_text("Sinyal ditutup dengan alasan Anda").is_visible()
    assert page.get_by_test_id("daftar-sinyal").get_by_role("listitem").count() == 1
    assert "kabkota=64.01" in page.url  # back to the same filtered list
    page.get_by_label("Keadaan").select_option(label="Ditutup staf")
    page.get_by_role("button", name="Saring").click()
    assert page.get_by_text("Alasan ditutup: Sudah dimediasi Forkopimda.").is_visible()
