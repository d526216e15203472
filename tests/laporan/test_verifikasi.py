"""Source and verification per item (potensi, kejadian, laporan segera) and the peace indicators:
entered on the forms, carried forward with the item, shown on the report, and the governor's summary
keeps unverified items out of its main sections and lists them, labelled, in an annex."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from kesbangpol.models import Dokumen
from laporan.models import (
    IndikatorPerdamaian,
    JenisKejadian,
    KejadianKonflik,
    LaporanTriwulan,
    PotensiKonflik,
)
from laporan.segera import masukkan_ke_laporan
from tests import factories
from tests.kesbangpol.test_dokumen import _diterima, _minta, _teks

pytestmark = pytest.mark.django_db

POTENSI = {
    "judul": "Sengketa tapal batas Desa Rangan", "sumber": "batas", "bidang": "sosbud", "tingkat": "sedang",
    "tren": "baru", "tahap": "pencegahan",
}  # fmt: skip


def test_the_operator_records_source_verification_and_peace_indicators(login, operator_paser, staf_kaltim):
    lap = factories.laporan("64.01", 2026, 1)
    med, fkub = (IndikatorPerdamaian.objects.get(kode=k) for k in ("MED", "FKUB"))
    client = login(operator_paser)
    response = client.post(
        reverse("laporan:potensi_tambah", args=[lap.pk]),
        POTENSI | {"jenis_sumber": "media", "verifikasi": "belum", "indikator_perdamaian": [med.pk, fkub.pk]},
    )
    assert response.status_code == 302
    p = PotensiKonflik.objects.get()
    assert (p.jenis_sumber, p.verifikasi) == ("media", "belum")
    assert set(p.indikator_perdamaian.values_list("kode", flat=True)) == {"MED", "FKUB"}
    # A bad choice is refused with a message and nothing is saved.
    response = client.post(
        reverse("laporan:potensi_tambah", args=[lap.pk]), POTENSI | {"judul": "Lain", "verifikasi": "gosip"}
    )
    assert response.status_code == 200
    assert "bukan salah satu dari pilihan yang tersedia" in response.content.decode()
    assert PotensiKonflik.objects.count() == 1
    # A form posted without the new fields (a page opened before they existed) takes the defaults.
    client.post(reverse("laporan:potensi_tambah", args=[lap.pk]), POTENSI | {"judul": "Tanpa sumber"})
    baru = PotensiKonflik.objects.get(judul="Tanpa sumber")
    assert (baru.jenis_sumber, baru.verifikasi) == ("lapangan", "satu")
    page = login(staf_kaltim).get(lap.get_absolute_url()).content.decode()
    assert "Belum diverifikasi" in page and "sumber: media" in page
    assert "Indikator perdamaian: Mediasi dilaksanakan, Dialog FKUB" in page


def test_an_inactive_indicator_is_not_offered_and_one_lists_are_carried_into_the_next_quarter(
    login, operator_paser
):
    lap = factories.laporan("64.01", 2026, 1)
    p = factories.potensi(lap, "Sengketa kebun", verifikasi="beberapa", jenis_sumber="aparat")
    p.indikator_perdamaian.set(IndikatorPerdamaian.objects.filter(kode="SPK"))
    LaporanTriwulan.objects.filter(pk=lap.pk).update(status="diterima")
    IndikatorPerdamaian.objects.filter(kode="FKDM").update(aktif=False)
    with time_machine.travel(datetime.datetime(2026, 5, 2, 3, tzinfo=datetime.UTC), tick=False):
        client = login(operator_paser)
        client.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 2})
        lanjut = PotensiKonflik.objects.get(laporan__periode__triwulan=2)
        assert (lanjut.verifikasi, lanjut.jenis_sumber) == ("beberapa", "aparat")
        assert list(lanjut.indikator_perdamaian.values_list("kode", flat=True)) == ["SPK"]
        form = client.get(reverse("laporan:potensi_ubah", args=[lanjut.pk])).context["form"]
        assert "FKDM" not in {i.kode for i in form.fields["indikator_perdamaian"].queryset}


def test_an_urgent_report_carries_its_source_and_verification_into_the_quarter(operator_paser):
    from laporan.models import LaporanSegera

    lap = factories.laporan("64.01", 2026, 1)
    s = LaporanSegera.objects.create(
        kabkota=lap.kabkota, judul="Bentrok", uraian="x", tanggal=datetime.date(2026, 2, 3),
        jenis_sumber="masyarakat", verifikasi="belum", dilaporkan_oleh=operator_paser,
    )  # fmt: skip
    k = masukkan_ke_laporan(s, lap)
    assert (k.jenis_sumber, k.verifikasi) == ("masyarakat", "belum")


def test_the_governor_summary_keeps_unverified_items_in_a_labelled_annex(
    login, staf_kaltim, django_capture_on_commit_callbacks
):
    lap = _diterima("64.01", "Sengketa lahan sawit Desa Luan", "tinggi", "baru")
    factories.potensi(
        lap, "Isu penyerangan kampung", tingkat="tinggi", verifikasi="belum", jenis_sumber="masyarakat"
    )
    for uraian, verifikasi in (("Bentrok warga di pasar", "resmi"), ("Kabar pembakaran rumah", "belum")):
        k = KejadianKonflik(laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian=uraian, luka=2)
        k.verifikasi = verifikasi
        k.jenis = JenisKejadian.objects.get(kode="BTK.WARGA")
        k.save(lewati_kunci=True)
    _minta(login(staf_kaltim), lap.periode, django_capture_on_commit_callbacks)
    teks = _teks(Dokumen.objects.get().berkas.read())
    annex = teks.index("Lampiran B: butir yang belum diverifikasi")
    assert "Lampiran : 2 (dua) berkas" in teks
    utama = teks[: teks.index("Lampiran A")]
    # The main sections name the verified items with their verification, never the unverified.
    assert "Sengketa lahan sawit Desa Luan" in utama and "Terkonfirmasi satu sumber" in utama
    assert "Bentrok warga di pasar" in utama and "Terverifikasi resmi" in utama
    assert "Isu penyerangan kampung" not in utama and "Kabar pembakaran rumah" not in utama
    assert "2 butir belum diverifikasi" in utama
    # The annex lists them, labelled, with their source.
    assert teks.index("Isu penyerangan kampung", annex) and teks.index("Kabar pembakaran rumah", annex)
    assert "Masyarakat" in teks[annex:] and "Belum diverifikasi." in teks[annex:]
    # The codebook in the letter: events by main type, with the UU 7/2012 source and casualties.
    assert "Kejadian menurut jenis (kodebuku)" in utama
    assert "BTK Bentrokan antarkelompok Permasalahan politik, ekonomi dan sosial budaya 2 0 4 0" in utama
