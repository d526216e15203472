"""The IKU alignment matrix as the province's staff use it at a sinkronisasi rakor: read which
kab/kota lag (1366 px, and on a 390 px phone), open the register behind a cell, and turn a target
gap into a rekomendasi assigned to that kab/kota."""

import pytest

from kesbangpol.models import Wilayah
from laporan.models import Indikator, TargetIndikator
from rakor.models import Rakor
from tests import factories
from tests.browser.conftest import masuk
from tests.browser.test_beranda import _tanpa_geser_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _iku(kode, nomor, target, induk=None):
    i = Indikator.objects.create(
        wilayah=Wilayah.objects.get(kode=kode), renstra_mulai=2025, renstra_selesai=2029, kode=nomor,
        nama="Persentase konflik sosial yang tertangani", satuan="persen", induk=induk,
    )  # fmt: skip
    TargetIndikator.objects.bulk_create(
        TargetIndikator(indikator=i, tahun=2025 + n, nilai=v) for n, v in enumerate(target)
    )
    return i


@pytest.mark.parametrize("lebar", [1366, 390])
def test_staff_read_the_matrix_and_turn_a_gap_into_a_rekomendasi(live_server, page, screenshot, lebar):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    factories.rakor("64", judul="Rakor Sinkronisasi Perencanaan Kaltim 2026", jenis=Rakor.Jenis.SINKRONISASI)
    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    _iku("64.01", "IKU-1", [82, 85, 88, 90, 92], induk)
    _iku("64.09", "IKU-1", [80, 85, 88, 90, 92], induk)
    page.set_viewport_size({"width": lebar, "height": 900})
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/laporan/matriks/")
    page.get_by_role("link", name="Keselarasan IKU").click()
    matriks = page.get_by_test_id("matriks-iku")
    baris = matriks.get_by_role("row").filter(has_text="IKU-2")
    assert baris.get_by_text("1/10").is_visible()
    screenshot(f"iku-matriks-{lebar}")
    _tanpa_geser_samping(page)
    sel = baris.get_by_role("cell").filter(has_text="Target di bawah kebutuhan")
    assert sel.get_by_text("tahun 2025").is_visible()
    sel.get_by_role("button", name="Jadikan rekomendasi").click()
    assert page.get_by_text("ditugaskan ke Kesbangpol Kabupaten Penajam Paser Utara").is_visible()
    assert page.get_by_text("menyesuaikan target IKU yang mendukung IKU-2").first.is_visible()
    screenshot(f"iku-rekomendasi-{lebar}")


@pytest.mark.parametrize("lebar", [1366, 390])
def test_operator_enters_the_quarters_realisation_in_the_report(live_server, page, screenshot, lebar):
    factories.pengguna("operator_paser", "operator_kabkota", "64.01", nama_lengkap="Rudi Hartono")
    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    Indikator.objects.filter(pk=_iku("64.01", "IKU-1", [82, 85, 88, 90, 92], induk).pk).update(
        frekuensi="triwulan"
    )
    lap = factories.laporan("64.01", 2026, 2)
    page.set_viewport_size({"width": lebar, "height": 900})
    masuk(page, live_server, "operator_paser")
    page.goto(f"{live_server.url}{lap.get_absolute_url()}")
    bagian = page.get_by_role("region", name="Capaian IKU triwulan ini (1)")
    bagian.get_by_label("Realisasi IKU-1").fill("sembilan")
    bagian.get_by_role("button", name="Simpan realisasi").click()
    assert page.get_by_text("IKU-1: “sembilan” bukan angka.").is_visible()
    bagian = page.get_by_role("region", name="Capaian IKU triwulan ini (1)")
    bagian.get_by_label("Realisasi IKU-1").fill("76,5")
    bagian.get_by_label("Catatan IKU-1").fill("Dua kasus belum selesai")
    bagian.get_by_role("button", name="Simpan realisasi").click()
    assert page.get_by_text("Realisasi IKU disimpan").is_visible()
    assert page.get_by_test_id("realisasi-iku").get_by_text("90,0% · Mendekati target").is_visible()
    screenshot(f"iku-realisasi-{lebar}")
    _tanpa_geser_samping(page)


@pytest.mark.parametrize("lebar", [1366, 390])
def test_staff_record_the_agreed_alignment_during_the_sinkronisasi_rakor(
    live_server, page, screenshot, lebar
):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    rakor = factories.rakor(
        "64", judul="Rakor Sinkronisasi Perencanaan Kaltim", jenis=Rakor.Jenis.SINKRONISASI
    )
    _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    _iku("64.09", "IKU-1", [80, 85, 88, 90, 92])
    page.set_viewport_size({"width": lebar, "height": 900})
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}{rakor.get_absolute_url()}")
    bagian = page.get_by_role("region", name="Keselarasan IKU yang disepakati (0)")
    bagian.get_by_label("IKU kabupaten/kota").select_option(
        label="Kab. Penajam Paser Utara: IKU-1 Persentase konflik sosial yang tertangani"
    )
    bagian.get_by_label("IKU provinsi yang didukung").select_option(
        label="IKU-2 Persentase konflik sosial yang tertangani (Renstra 2025–2029)"
    )
    bagian.get_by_label("Perubahan yang disepakati").fill("Target 2025 dinaikkan ke 82%.")
    bagian.get_by_role("button", name="Catat kesepakatan").click()
    assert page.get_by_text(
        "Kesepakatan dicatat: Kab. Penajam Paser Utara IKU-1 mendukung IKU-2"
    ).is_visible()
    bagian = page.get_by_role("region", name="Keselarasan IKU yang disepakati (1)")
    assert bagian.get_by_text("Target 2025 dinaikkan ke 82%.").is_visible()
    screenshot(f"iku-kesepakatan-{lebar}")
    _tanpa_geser_samping(page)
