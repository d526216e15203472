"""Laporan segera as its people use it: an operator files an incident on a 390 px phone from the
home page; the province's bell lights up and staff acknowledge it from their work list."""

import datetime

import pytest
import time_machine

from tests import factories
from tests.browser.conftest import masuk
from tests.browser.test_beranda import _tanpa_geser_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HARI = datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC)


@time_machine.travel(HARI)
@pytest.mark.parametrize("lebar", [390, 1366])
def test_operator_files_on_a_phone_and_the_province_bell_lights_up(live_server, page, screenshot, lebar):
    factories.pengguna("operator_paser", "operator_kabkota", "64.01", nama_lengkap="Nur Aini")
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    factories.pengguna("pimpinan_kaltim", "pimpinan", "64", nama_lengkap="Kepala Badan")
    page.set_viewport_size({"width": lebar, "height": 900})

    masuk(page, live_server, "operator_paser")
    _tanpa_geser_samping(page)
    screenshot(f"segera-beranda-operator-{lebar}")
    page.get_by_test_id("lapor-segera").click()
    page.get_by_label("Judul").fill("Bentrok warga dan keamanan perusahaan di Desa Luan")
    page.get_by_label("Tanggal kejadian").fill("2026-05-11")
    page.get_by_label("Kecamatan").fill("Muara Samu")
    page.get_by_label("Desa/kelurahan").fill("Luan")
    page.get_by_label("Apa yang terjadi").fill("Warga menghadang alat berat; terjadi saling lempar batu.")
    page.get_by_label("Korban luka").fill("4")
    page.get_by_label("Pengungsi").fill("30")
    screenshot(f"segera-form-{lebar}")
    _tanpa_geser_samping(page)
    page.get_by_role("button", name="Kirim laporan segera").click()
    assert page.get_by_text("Laporan segera terkirim. Staf dan pimpinan Kesbangpol provinsi").is_visible()
    assert page.get_by_test_id("keadaan").inner_text() == "Belum ditanggapi provinsi"
    assert page.get_by_test_id("korban").inner_text() == "0 meninggal · 4 luka · 30 mengungsi"
    _tanpa_geser_samping(page)
    screenshot(f"segera-terkirim-{lebar}")

    masuk(page, live_server, "pimpinan_kaltim")
    assert page.get_by_test_id("jumlah-baru").first.inner_text().startswith("1")
    tautan = page.get_by_role("link", name="Bentrok warga dan keamanan perusahaan di Desa Luan")
    assert tautan.first.is_visible()
    screenshot(f"segera-beranda-pimpinan-{lebar}")

    masuk(page, live_server, "staf_kaltim")
    assert page.get_by_test_id("jumlah-baru").first.inner_text().startswith("1")
    tugas = page.get_by_test_id("daftar-tugas")
    tugas.get_by_role("link", name="Tanggapi laporan segera Kab. Paser: Bentrok warga").click()
    page.get_by_label("Catatan tanggapan (opsional)").fill("Tim provinsi berangkat besok pagi.")
    page.get_by_role("button", name="Tanggapi: laporan diterima provinsi").click()
    assert page.get_by_text("Ditanggapi. Kabupaten/kota kini melihat").is_visible()
    assert page.get_by_test_id("keadaan").inner_text() == "Sudah ditanggapi provinsi"
    _tanpa_geser_samping(page)
    screenshot(f"segera-ditanggapi-{lebar}")
    page.goto(f"{live_server.url}/")
    assert not page.get_by_text("Tanggapi laporan segera").count()
