import datetime

import pytest
import time_machine

from tests import factories
from tests.browser.conftest import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@time_machine.travel(datetime.datetime(2026, 4, 3, 2, tzinfo=datetime.UTC))
def test_operator_fills_submits_staff_returns_operator_fixes_staff_accepts(live_server, page, screenshot):
    factories.pengguna("operator_paser", "operator_kabkota", "64.01", nama_lengkap="Nur Aini")
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")

    masuk(page, live_server, "operator_paser")
    page.get_by_role("link", name="Laporan", exact=True).click()
    page.get_by_role("row", name="Triwulan I 2026").get_by_role("button", name="Buka laporan").click()
    assert page.get_by_role("heading", name="Laporan Triwulan I 2026 — Kabupaten Paser").is_visible()
    page.get_by_role("link", name="Tambah potensi").click()
    page.locator("#id_judul").fill("Sengketa lahan sawit Desa Luan")
    page.locator("#id_kecamatan").fill("Muara Samu")
    page.locator("#id_sumber").select_option("sda")
    page.locator("#id_bidang").select_option("ekonomi")
    page.locator("#id_tingkat").select_option("tinggi")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Ajukan ke provinsi…").click()
    assert page.get_by_test_id("ringkasan-ajukan").get_by_text("1 potensi konflik").is_visible()
    # A tinggi potensi without steps taken and a proposed action cannot be submitted yet: the page
    # says what to fix, on which item, with a link to it, and the button is disabled.
    galat = page.get_by_test_id("galat-validasi")
    assert galat.get_by_text("Perbaiki dulu (2)").is_visible()
    assert galat.get_by_text("wajib menyebut usulan tindakan").is_visible()
    assert page.get_by_role("button", name="Ya, ajukan dan kunci").is_disabled()
    for lebar in (390, 1366):
        page.set_viewport_size({"width": lebar, "height": 900})
        screenshot(f"laporan-ajukan-galat-{lebar}")
    galat.get_by_role("link", name="Ubah").first.click()
    page.locator("#id_langkah").fill("Dialog warga dan perusahaan oleh camat.")
    page.locator("#id_usulan").fill("Mediasi oleh Pemprov.")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Ajukan ke provinsi…").click()
    assert page.get_by_test_id("lolos-validasi").is_visible()
    page.get_by_role("button", name="Ya, ajukan dan kunci").click()
    assert page.get_by_text("Laporan diajukan (tepat waktu)").is_visible()
    screenshot("laporan-diajukan")

    masuk(page, live_server, "staf_kaltim")
    page.get_by_role("link", name="Laporan", exact=True).click()
    page.get_by_role("link", name="Diajukan tepat waktu").click()
    page.get_by_label("Catatan untuk butir ini (opsional)").fill("Sebutkan desa dan pihak yang terlibat.")
    page.get_by_label("Kembalikan ke kabupaten/kota").check()
    page.locator("#id_alasan").fill("Lengkapi lokasi dan pihak.")
    screenshot("laporan-periksa")
    page.get_by_role("button", name="Simpan keputusan").click()
    assert page.get_by_text("dikembalikan dengan alasan").is_visible()

    masuk(page, live_server, "operator_paser")
    page.get_by_role("link", name="Laporan", exact=True).click()
    page.get_by_role("link", name="Lanjutkan").click()
    assert page.get_by_text("Lengkapi lokasi dan pihak.").first.is_visible()
    assert page.get_by_text("Catatan provinsi: Sebutkan desa dan pihak yang terlibat.").is_visible()
    page.get_by_role("link", name="Ubah").first.click()
    page.locator("#id_desa").fill("Luan")
    page.locator("#id_pihak").fill("Warga Desa Luan; PT contoh")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Ajukan ke provinsi…").click()
    assert page.get_by_test_id("ringkasan-ajukan").get_by_text("1 potensi konflik").is_visible()
    page.get_by_role("button", name="Ya, ajukan dan kunci").click()

    masuk(page, live_server, "staf_kaltim")
    page.get_by_role("link", name="Laporan", exact=True).click()
    page.get_by_role("link", name="Diajukan tepat waktu").click()
    page.get_by_label("Catatan untuk butir ini (opsional)").fill("Pantau izin HGU yang akan habis.")
    page.get_by_label("Tandai perlu tindak lanjut").check()
    page.get_by_label("Terima laporan").check()
    screenshot("laporan-periksa-tandai")
    page.get_by_role("button", name="Simpan keputusan").click()
    assert page.get_by_text("diterima dan terkunci").first.is_visible()
    assert page.get_by_test_id("tindak-lanjut").get_by_text("Pantau izin HGU yang akan habis.").is_visible()
    page.get_by_role("link", name="Kelengkapan").click() if page.get_by_role(
        "link", name="Kelengkapan"
    ).count() else None
    page.goto(f"{live_server.url}/laporan/matriks/")
    assert page.get_by_role("link", name="Diterima").first.is_visible()
    assert page.get_by_text("1/10").first.is_visible()
    screenshot("laporan-matriks")
