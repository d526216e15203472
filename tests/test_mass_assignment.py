"""Forms take only their declared fields: posted status, region or verifier fields are ignored."""

import pytest
from django.urls import reverse

from laporan.models import LaporanTriwulan
from rakor.models import Rakor
from rekomendasi.models import Penugasan
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_rakor_ignores_posted_status_province_and_creator(login, staf_kaltim, staf_kalbar):
    login(staf_kaltim).post(
        reverse("rakor:tambah"),
        {
            "judul": "Rakor uji",
            "jenis": "tahunan",
            "tahun_anggaran": "2027",
            "tanggal_mulai": "2027-01-05",
            "tanggal_selesai": "2027-01-05",
            "penyelenggara": str(factories.kesbangpol("64").pk),
            "status": "selesai",
            "provinsi": str(factories.kesbangpol("61").wilayah_id),
            "dibuat_oleh": str(staf_kalbar.pk),
        },
    )
    rakor = Rakor.objects.get(judul="Rakor uji")
    assert (rakor.status, rakor.provinsi.kode, rakor.dibuat_oleh) == ("rencana", "64", staf_kaltim)


def test_a_report_ignores_posted_status_region_and_timeliness(login, operator_paser):
    laporan = factories.laporan("64.01", 2026, 1)
    login(operator_paser).post(
        reverse("laporan:ubah", args=[laporan.pk]),
        {
            "versi": 1,
            "catatan": "ok",
            "status": "diterima",
            "kabkota": "999",
            "tepat_waktu": "True",
            "contoh": "on",
        },
    )
    laporan.refresh_from_db()
    assert (laporan.catatan, laporan.status, laporan.kabkota.kode, laporan.tepat_waktu, laporan.contoh) == (
        "ok",
        "draf",
        "64.01",
        None,
        False,
    )


def test_a_follow_up_report_ignores_posted_verifier_and_confirmed_status(login, operator_paser, staf_kaltim):
    rakor = factories.rakor("64")
    p = factories.rekomendasi(rakor).penugasan.get()
    login(operator_paser).post(
        reverse("rekomendasi:penugasan", args=[p.pk]),
        {
            "tanggal": "2026-03-20",
            "narasi": "Sudah",
            "status": "belum_sesuai",
            "diverifikasi_oleh": str(staf_kaltim.pk),
            "usulan": "sesuai",
            "instansi": str(factories.kesbangpol("64.09").pk),
        },
    )
    p = Penugasan.objects.get()
    assert (p.status, p.usulan, p.diverifikasi_oleh, p.instansi.wilayah.kode) == (
        "belum_sesuai",
        "",
        None,
        "64.01",
    )


def test_an_office_edit_by_its_operator_ignores_a_posted_region(login, operator_paser):
    kantor = factories.kesbangpol("64.01")
    login(operator_paser).post(
        reverse("kesbangpol:instansi_ubah", args=[kantor.pk]),
        {
            "nama": kantor.nama,
            "telepon": "0543-21000",
            "wilayah": str(factories.kesbangpol("61.71").wilayah_id),
            "jenis": "kpu",
        },
    )
    kantor.refresh_from_db()
    assert (kantor.telepon, kantor.wilayah.kode, kantor.jenis) == ("0543-21000", "64.01", "kesbangpol")
    assert LaporanTriwulan.objects.count() == 0
