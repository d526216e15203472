"""The demo's Kaltim 2024 recommendations, and the admin."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from rakor.models import Rakor
from rekomendasi.models import Penugasan, Rekomendasi, TindakLanjut
from tests import factories

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_kaltim_2024_shows_11_recommendations_with_9a_and_9b(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # its notifications, in the order sent
        call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())  # again: nothing doubles
    rakor = Rakor.objects.get(provinsi__kode="64", tanggal_mulai=datetime.date(2024, 4, 23))
    top = Rekomendasi.objects.filter(rakor=rakor, induk=None).order_by("nomor")
    assert top.count() == 11
    assert [s.label for s in top.get(nomor=9).subpoin.order_by("nomor")] == ["9a", "9b"]
    assert top.get(nomor=10).isi.startswith("Menyampaikan laporan Peta Potensi Konflik")
    assert top.get(nomor=5).batas_tampil == "paling lambat Tahun 2025"
    # "Pemerintah Kabupaten/Kota" → every Kaltim kab/kota.
    assert Penugasan.objects.filter(rekomendasi=top.get(nomor=1)).count() == 10
    assert all(t.narasi.startswith("[Contoh]") for t in TindakLanjut.objects.all())
    from kesbangpol.models import User

    client.force_login(
        User.objects.get(username="staf_kaltim"), backend="kesbangpol.backends.PenggunaBackend"
    )
    body = client.get(rakor.get_absolute_url()).content.decode()
    assert "Rekomendasi (11)" in body and "FKDM Kecamatan." in body
    # No bell says a proposal or a report waits when the demo has already verified or reviewed it.
    from kesbangpol.models import Notifikasi
    from laporan.models import LaporanTriwulan

    belum = Notifikasi.objects.filter(dibaca__isnull=True)
    menunggu = {p.get_absolute_url() for p in Penugasan.objects.exclude(usulan="")}
    usulan = set(belum.filter(jenis="usulan_menunggu").values_list("url", flat=True))
    assert usulan and usulan <= menunggu
    diajukan = LaporanTriwulan.objects.filter(status=LaporanTriwulan.Status.DIAJUKAN)
    laporan = set(belum.filter(jenis="laporan_diajukan").values_list("url", flat=True))
    assert laporan <= {lap.get_absolute_url() for lap in diajukan}


def test_provincial_admin_sees_only_their_province_in_admin(login, admin_kaltim):
    kaltim = factories.rakor("64", judul="Rakor Kaltim")
    kalbar = factories.rakor("61", judul="Rakor Kalbar", penyelenggara=factories.kesbangpol("61"))
    factories.rekomendasi(kaltim, isi="Butir Kaltim")
    factories.rekomendasi(kalbar, isi="Butir Kalbar", kode_kantor=("61.71",))
    client = login(admin_kaltim)
    for model in ("rekomendasi", "penugasan", "buktidukung", "bidang"):
        response = client.get(f"/admin/rekomendasi/{model}/")
        assert response.status_code == 200, model
        assert "Kalbar" not in response.content.decode() and "Pontianak" not in response.content.decode()
    assert "Butir Kaltim" in client.get("/admin/rekomendasi/rekomendasi/").content.decode()
    other = Rekomendasi.objects.get(isi="Butir Kalbar")
    assert client.get(f"/admin/rekomendasi/rekomendasi/{other.pk}/history/").status_code == 404
