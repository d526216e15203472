"""Query counts stay flat as the data grows (no N+1 on the list, the rakor page or the PDF)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rakor.models import Agenda, Arahan, Narasumber, Orang
from tests import factories

pytestmark = pytest.mark.django_db


def _rakor_with(n_peserta, judul):
    rakor = factories.rakor("64", judul=judul)
    factories.peserta_banyak(rakor, n_peserta)
    factories.peserta_banyak(rakor, n_peserta // 3 or 1, kode="64.09")
    for i in range(3):
        orang = Orang.objects.create(nama=f"Narasumber {judul} {i}", instansi=factories.kesbangpol("64"))
        n = Narasumber.objects.create(rakor=rakor, orang=orang, materi=f"Materi {i}")
        Agenda.objects.create(
            rakor=rakor,
            tanggal=rakor.tanggal_mulai,
            jam_mulai=datetime.time(9 + i),
            acara="Paparan",
            narasumber=n,
        )
        Arahan.objects.create(rakor=rakor, isi=f"Arahan {i}", disampaikan_oleh="Sekda")
    return rakor


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["rakor:detail", "rakor:daftar_hadir", "rakor:peserta_kehadiran"])
def test_rakor_page_queries_do_not_grow_with_participants(login, staf_kaltim, name):
    client = login(staf_kaltim)
    small = _rakor_with(3, "kecil")
    large = _rakor_with(500, "besar")
    assert large.peserta.count() > 600
    assert _count(client, reverse(name, args=[small.pk])) == _count(client, reverse(name, args=[large.pk]))


def test_list_queries_do_not_grow_with_rakor(login, staf_kaltim):
    client = login(staf_kaltim)
    _rakor_with(2, "a")
    few = _count(client, reverse("rakor:list"))
    for i in range(30):
        _rakor_with(2, f"r{i}")
    assert _count(client, reverse("rakor:list")) == few
    assert _count(client, reverse("rakor:kalender") + "?bulan=2026-03") == _count(
        client, reverse("rakor:kalender") + "?bulan=2026-04"
    )


def test_attendance_figures_count_invited_present_by_kind_and_region():
    from kesbangpol.models import Instansi
    from rakor.models import Peserta

    rakor = _rakor_with(7, "hitung")
    pusat = Instansi.objects.create(nama="Ditjen Polpum Kemendagri", jenis=Instansi.Jenis.LAINNYA)
    Peserta.objects.create(
        rakor=rakor, instansi=pusat, jabatan="Direktur", kehadiran="diwakilkan", diwakili_oleh="Kasubdit"
    )
    dihitung = rakor.kehadiran(list(rakor.peserta.select_related("orang", "instansi__wilayah")))
    # 7 of Paser (3 present), 2 of PPU (1 present), one central office represented.
    assert (dihitung["diundang"], dihitung["hadir"]) == (10, 5)
    assert dihitung["per_wilayah"] == [
        (("64.01", "Kabupaten Paser"), [7, 3]),
        (("64.09", "Kabupaten Penajam Paser Utara"), [2, 1]),
        (("", "Instansi pusat"), [1, 1]),  # central offices last
    ]
    assert dihitung["per_jenis"] == [("Badan Kesbangpol", [9, 4]), ("Lainnya", [1, 1])]


def test_export_queries_do_not_grow_with_rakor(login, staf_kaltim):
    """The organiser column used to cost a query per rakor (8 → 18 for 1 → 11 rakor)."""
    client = login(staf_kaltim)
    factories.rakor("64", judul="satu")
    satu = _count(client, reverse("rakor:ekspor"))
    for i in range(10):
        factories.rakor("64", judul=f"rakor {i}")
    assert _count(client, reverse("rakor:ekspor")) == satu
