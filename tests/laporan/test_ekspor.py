"""Exports where the province works: a period's items (every field and code) and the completeness
matrix, as xlsx (text cells, a Keterangan sheet with filters, time and who) or CSV (UTF-8 with BOM,
formula-like cells prefixed), honouring the page's filters, scope and rahasia clearance, audited."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesbangpol.models import Audit, IzinRahasia, Wilayah
from laporan.models import IndikatorPerdamaian, JenisAktor, KejadianKonflik, LaporanTriwulan
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def periode(db):
    """Kaltim Q1 2026: Paser accepted (an open potensi with codes, a rahasia one, a kejadian),
    PPU submitted but not accepted."""
    paser = factories.laporan("64.01", 2026, 1)
    p = factories.potensi(
        paser, "=HYPERLINK(\"http://x\")", aktor_1=JenisAktor.objects.get(kode="WRG"),
        aktor_2=JenisAktor.objects.get(kode="PRS"), verifikasi="resmi", kecamatan="Muara Samu",
    )  # fmt: skip
    p.indikator_perdamaian.set(IndikatorPerdamaian.objects.filter(kode__in=["MED", "SPK"]))
    factories.potensi(paser, "Potensi RAHASIAEKSPOR", klasifikasi="rahasia")
    k = KejadianKonflik(laporan=paser, tanggal=datetime.date(2026, 2, 3), uraian="Bentrok kecil", luka=2)
    k.save(lewati_kunci=True)
    ppu = factories.laporan("64.09", 2026, 1)
    factories.potensi(ppu, "Masih diperiksa")
    LaporanTriwulan.objects.filter(pk=paser.pk).update(status="diterima", tepat_waktu=True)
    LaporanTriwulan.objects.filter(pk=ppu.pk).update(status="diajukan", tepat_waktu=False)
    return paser.periode


def _xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_the_period_export_has_every_item_with_codes_states_its_filters_and_is_audited(
    login, staf_kaltim, periode
):
    client = login(staf_kaltim)
    url = reverse("laporan:agregat_ekspor", args=[periode.pk])
    assert url in client.get(reverse("laporan:agregat", args=[periode.pk])).content.decode()
    response = client.get(url)
    assert 'filename="rekap-64-2026-1.xlsx"' in response["Content-Disposition"]
    lembar = _xlsx(response)
    assert list(lembar) == ["Potensi", "Kejadian", "Keterangan"]
    kepala, *baris = lembar["Potensi"]
    assert kepala[:5] == ["Kode wilayah", "Kabupaten/kota", "Periode", "Identitas", "Judul"]
    judul = {r[4]: dict(zip(kepala, r, strict=True)) for r in baris}
    assert set(judul) == {'=HYPERLINK("http://x")', "Masih diperiksa"}  # no rahasia, both reports
    p = judul['=HYPERLINK("http://x")']
    assert (p["Kode aktor 1"], p["Aktor 2"], p["Indikator perdamaian"], p["Verifikasi"]) == (
        "WRG",
        "Perusahaan",
        "MED, SPK",
        "Terverifikasi resmi",
    )
    assert lembar["Kejadian"][1][:3] == ["64.01", "Kabupaten Paser", datetime.datetime(2026, 2, 3)]
    keterangan = dict(r[:2] for r in lembar["Keterangan"][1:])
    assert (
        keterangan["Laporan"] == "diajukan dan diterima" and keterangan["Butir rahasia"] == "tidak termasuk"
    )
    assert keterangan["Diekspor oleh"].startswith("Staf Kaltim")
    # The formula-like title is a text cell: no formula element in any sheet.
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert Audit.objects.filter(aksi="ekspor_rekap", objek=f"periode:{periode.pk}").exists()
    # The page's filter: accepted reports only.
    lembar = _xlsx(client.get(url + "?hanya=diterima"))
    assert [r[4] for r in lembar["Potensi"][1:]] == ['=HYPERLINK("http://x")']
    assert dict(r[:2] for r in lembar["Keterangan"][1:])["Laporan"] == "hanya yang diterima"


def test_csv_is_utf8_with_bom_one_table_and_formula_like_cells_prefixed(login, staf_kaltim, periode):
    client = login(staf_kaltim)
    url = reverse("laporan:agregat_ekspor", args=[periode.pk])
    response = client.get(url + "?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rekap-64-2026-1-potensi.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    teks = response.content.decode("utf-8-sig")
    assert teks.splitlines()[0].startswith("Kode wilayah,Kabupaten/kota,Periode,Identitas,Judul")
    assert "'=HYPERLINK" in teks and "RAHASIAEKSPOR" not in teks
    kejadian = client.get(url + "?format=csv&tabel=kejadian").content.decode("utf-8-sig")
    assert (
        kejadian.splitlines()[0].startswith("Kode wilayah,Kabupaten/kota,Tanggal")
        and "Bentrok kecil" in kejadian
    )


def test_a_cleared_user_exports_the_rahasia_items_and_the_file_says_so(login, staf_kaltim, periode):
    IzinRahasia.objects.create(provinsi=Wilayah.objects.get(kode="64"), pengguna=staf_kaltim)
    lembar = _xlsx(login(staf_kaltim).get(reverse("laporan:agregat_ekspor", args=[periode.pk])))
    assert "Potensi RAHASIAEKSPOR" in [r[4] for r in lembar["Potensi"][1:]]
    assert dict(r[:2] for r in lembar["Keterangan"][1:])["Butir rahasia"] == "termasuk"


def test_exports_are_for_the_province_only(client, login, personas, periode):
    url = reverse("laporan:agregat_ekspor", args=[periode.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    for nama in ("operator_paser", "staf_kalbar", "tanpa_instansi"):
        assert login(personas[nama]).get(url).status_code == 404, nama
    for nama in ("operator_paser", "tanpa_instansi"):
        assert login(personas[nama]).get(reverse("laporan:matriks_ekspor")).status_code == 404, nama
    # Another province's staff export their own province's matrix, never Kaltim's.
    kalbar = login(personas["staf_kalbar"]).get(reverse("laporan:matriks_ekspor") + "?provinsi=64")
    assert 'filename="kelengkapan-61.xlsx"' in kalbar["Content-Disposition"]
    assert login(personas["pimpinan_kaltim"]).get(url).status_code == 200  # reading is not writing


def test_the_matrix_export_has_each_kabkotas_state_and_the_totals(
    login, staf_kaltim, admin_nasional, periode
):
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 5, 2, 3, tzinfo=datetime.UTC), tick=False):
        client = login(staf_kaltim)
        page = client.get(reverse("laporan:matriks") + "?tahun=2026").content.decode()
        assert reverse("laporan:matriks_ekspor") + "?tahun=2026&amp;format=xlsx" in page
        lembar = _xlsx(client.get(reverse("laporan:matriks_ekspor") + "?tahun=2026"))
        kepala, *baris = lembar["Kelengkapan"]
        assert kepala == ["Kode wilayah", "Kabupaten/kota", "TW I 2026", "TW II 2026"]
        keadaan = {r[0]: r[2] for r in baris}
        assert (
            len(baris) == 10 and keadaan["64.01"] == "Diterima" and keadaan["64.09"] == "Diajukan terlambat"
        )
        # Not sent although TW I was due on 10 April: the export says so, as the matrix does.
        assert keadaan["64.72"] == "Belum mulai (lewat tenggat)"
        assert lembar["Jumlah"][1][:5] == ["TW I 2026", datetime.datetime(2026, 4, 10), 2, 1, 10]
        assert Audit.objects.filter(aksi="ekspor_kelengkapan").exists()
        # A national admin names the province.
        nasional = login(admin_nasional)
        assert nasional.get(reverse("laporan:matriks_ekspor")).status_code == 404
        assert nasional.get(reverse("laporan:matriks_ekspor") + "?provinsi=64").status_code == 200


def test_the_period_export_queries_do_not_grow_with_the_items(login, staf_kaltim, periode):
    client = login(staf_kaltim)
    url = reverse("laporan:agregat_ekspor", args=[periode.pk])

    def ukur():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    sedikit = ukur()
    paser = LaporanTriwulan.objects.get(periode=periode, kabkota__kode="64.01")
    for i in range(30):
        p = factories.potensi(paser, f"P{i}", aktor_1=JenisAktor.objects.get(kode="ORM"))
        p.indikator_perdamaian.set(IndikatorPerdamaian.objects.filter(kode="MED"))
        k = KejadianKonflik(laporan=paser, tanggal=datetime.date(2026, 2, 4), uraian=f"K{i}")
        k.save(lewati_kunci=True)
    assert ukur() == sedikit
