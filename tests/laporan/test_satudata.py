"""The Satu Data package: a de-identified aggregate of an accepted period (accepted reports, verified
items, no rahasia), kab/kota codes × sumber × tingkat × tren and kejadian/casualties, cells below 3
suppressed, with Satu Data metadata; for provincial staff only, audited."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse

from kesbangpol.models import Audit
from laporan.models import KejadianKonflik, LaporanTriwulan
from tests import factories

pytestmark = pytest.mark.django_db


def _kejadian(lap, n, **extra):
    for _ in range(n):
        k = KejadianKonflik(laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian="x", **extra)
        k.save(lewati_kunci=True)


@pytest.fixture
def periode(db):
    paser, ppu, kukar = (factories.laporan(k, 2026, 1) for k in ("64.01", "64.09", "64.02"))
    for i in range(4):  # four alike in Paser: published as 4
        factories.potensi(paser, f"SDA {i}", sumber="sda", tingkat="tinggi", tren="baru")
    factories.potensi(paser, "NAMAUNIK", sumber="sara", tingkat="sedang", tren="baru")  # one alone
    factories.potensi(paser, "Rumor", sumber="batas", tingkat="rendah", tren="baru", verifikasi="belum")
    factories.potensi(paser, "Rahasia", sumber="batas", tingkat="rendah", tren="baru", klasifikasi="rahasia")
    _kejadian(paser, 3, meninggal=1, luka=2)
    _kejadian(ppu, 1, meninggal=5)
    factories.potensi(kukar, "Belum diterima", sumber="sda", tingkat="tinggi", tren="baru")
    LaporanTriwulan.objects.filter(pk__in=[paser.pk, ppu.pk]).update(status="diterima")
    LaporanTriwulan.objects.filter(pk=kukar.pk).update(status="diajukan")
    return paser.periode


def _baca(response):
    z = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(z.namelist()) == ["kejadian.csv", "metadata.json", "potensi.csv"]
    tabel = {
        n: list(csv.reader(io.StringIO(z.read(n).decode("utf-8-sig"))))
        for n in ("potensi.csv", "kejadian.csv")
    }
    return tabel, json.loads(z.read("metadata.json"))


def test_the_package_counts_by_code_and_suppresses_small_cells(login, staf_kaltim, periode):
    client = login(staf_kaltim)
    assert (
        reverse("laporan:satu_data", args=[periode.pk])
        in client.get(reverse("laporan:agregat", args=[periode.pk])).content.decode()
    )
    response = client.get(reverse("laporan:satu_data", args=[periode.pk]))
    assert response["Content-Type"] == "application/zip"
    assert 'filename="satu-data-kesbangpol-64-2026-1.zip"' in response["Content-Disposition"]
    tabel, meta = _baca(response)
    assert tabel["potensi.csv"] == [
        ["kode_wilayah", "kabupaten_kota", "tahun", "triwulan", "sumber", "tingkat", "tren", "jumlah"],
        ["64.01", "Kabupaten Paser", "2026", "1", "sara", "sedang", "baru", "<3"],
        ["64.01", "Kabupaten Paser", "2026", "1", "sda", "tinggi", "baru", "4"],
    ]  # no unverified, no rahasia, nothing from a report not accepted
    assert tabel["kejadian.csv"][1:] == [
        ["64.01", "Kabupaten Paser", "2026", "1", "3", "3", "6", "0"],
        ["64.09", "Kabupaten Penajam Paser Utara", "2026", "1", "<3", "*", "*", "*"],
    ]
    text = response.content
    assert b"NAMAUNIK" not in text and b"Rumor" not in text
    assert meta["klasifikasi"] == "biasa" and meta["sel_ditekan"] == 2 and "<3" in meta["aturan_penekanan"]
    assert meta["periode"] == {"tahun": 2026, "triwulan": 1, "mulai": "2026-01-01", "selesai": "2026-03-31"}
    assert "Kepmendagri" in meta["kode_referensi"]["kode_wilayah"]
    assert Audit.objects.filter(aksi="ekspor_satu_data", objek=f"periode:{periode.pk}").exists()


def test_only_provincial_staff_get_it_and_only_for_an_accepted_period(login, personas, periode):
    url = reverse("laporan:satu_data", args=[periode.pk])
    assert login(personas["pimpinan_kaltim"]).get(url).status_code == 403
    for nama in ("operator_paser", "staf_kalbar"):
        assert login(personas[nama]).get(url).status_code == 404, nama
    assert login(personas["admin_kaltim"]).get(url).status_code == 200
    kosong = factories.laporan("64.01", 2025, 4).periode
    response = login(personas["staf_kaltim"]).get(reverse("laporan:satu_data", args=[kosong.pk]), follow=True)
    assert "belum dapat dibuat" in response.content.decode()
