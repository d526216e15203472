"""seed_demo loads the five seed rakor with the facts of the news reports."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from rakor.models import Orang, Rakor

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_seed_demo_loads_the_five_rakor_once(client):
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    seeds = Rakor.objects.exclude(judul__startswith="[Contoh]")
    assert sorted(seeds.values_list("provinsi__kode", "tanggal_mulai")) == [
        ("61", datetime.date(2026, 2, 3)),
        ("62", datetime.date(2023, 3, 1)),
        ("62", datetime.date(2024, 11, 19)),
        ("62", datetime.date(2025, 7, 24)),
        ("64", datetime.date(2024, 4, 23)),
    ]
    kaltim = Rakor.objects.get(provinsi__kode="64", tanggal_mulai=datetime.date(2024, 4, 23))
    assert kaltim.tanggal_selesai == datetime.date(2024, 4, 25)
    assert (
        kaltim.tempat == "Hotel Kyriad Sadurengas, Tanah Grogot" and kaltim.kabkota.nama == "Kabupaten Paser"
    )
    assert kaltim.dibuka_oleh.startswith("Hj. Syarifah Masitah Assegaf")
    assert kaltim.mewakili == "Pj. Gubernur Kalimantan Timur Akmal Malik"
    assert kaltim.moderator.nama.startswith("Nonding")
    materi = dict(kaltim.narasumber.values_list("orang__nama", "materi"))
    assert materi["Andi Baso Indra Baharuddin, S.STP., M.Si."].startswith("Isu Strategis Bidang Politik")
    assert materi["Drs. H. Sufian Agus, M.Si."].startswith("Peran dan Fungsi Kesbangpol")
    assert materi["Fahmi Idris"] == "Tahapan dan Jadwal Pilkada Tahun 2024"
    assert kaltim.narasumber.get(orang__nama__startswith="Andi").moda == "daring"
    # Kepala Disdukcapil, Bappeda, BKAD, Tapem and Kesbangpol of all 10 Kaltim kab/kota.
    for jenis in ("kesbangpol", "disdukcapil", "bappeda", "bkad", "tapem"):
        assert (
            kaltim.peserta.filter(instansi__jenis=jenis, instansi__wilayah__provinsi__kode="64").count() == 10
        )
    # One person across rakor: Andi Baso Indra spoke at Kaltim 2024 and Kalbar 2026.
    andi = Orang.objects.get(nama__startswith="Andi Baso Indra")
    assert andi.narasumber.count() == 2
    kalbar = Rakor.objects.get(provinsi__kode="61")
    assert kalbar.tempat == "Ruang Tengkawang, Kantor Gubernur Kalimantan Barat"
    assert kalbar.peserta.filter(instansi__jenis="bkad", instansi__wilayah__provinsi__kode="61").count() == 14


@override_settings(DEBUG=True)
def test_the_demo_rakor_page_reads_like_the_report(client):
    from kesbangpol.models import User

    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    client.force_login(
        User.objects.get(username="operator_paser"), backend="kesbangpol.backends.PenggunaBackend"
    )
    kaltim = Rakor.objects.get(provinsi__kode="64", tanggal_mulai=datetime.date(2024, 4, 23))
    body = client.get(kaltim.get_absolute_url()).content.decode()
    assert "Selasa–Kamis, 23–25 April 2024" in body
    assert "mewakili Pj. Gubernur Kalimantan Timur Akmal Malik" in body
    assert "Moderator" in body and "Nonding, S.Sos., M.M." in body
