"""Sample reports in the demo, and the admin."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from kesbangpol.models import User
from laporan import validasi
from laporan.models import LaporanTriwulan, PotensiKonflik, RiwayatLaporan, Sinyal
from tests import factories

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_has_two_years_of_labelled_sample_reports_in_varied_states_that_pass_the_rules():
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    laporan = LaporanTriwulan.objects.all()
    assert laporan.count() == laporan.filter(contoh=True).count() > 200
    assert set(laporan.values_list("status", flat=True)) == {"draf", "diajukan", "dikembalikan", "diterima"}
    assert laporan.filter(nihil=True).exists() and laporan.filter(tepat_waktu=False).exists()
    assert all(j.startswith("[Contoh]") for j in PotensiKonflik.objects.values_list("judul", flat=True))
    periode = set(laporan.values_list("periode__tahun", "periode__triwulan"))
    assert len(periode) == 8
    # An identity that persists across quarters.
    ulang = PotensiKonflik.objects.values("identitas").order_by().distinct()
    assert ulang.count() < PotensiKonflik.objects.count()
    # Every report the demo shows as sent passes what a submission must pass: a level that rose since
    # last quarter is reported as rising (the home pages and the signals then tell the same story).
    staf = User.objects.get(username="staf_kaltim")
    terkirim = laporan.terkirim().select_related("periode", "kabkota")
    galat = [f"{lap}: {t.kalimat}" for lap in terkirim for t in validasi.periksa_laporan(lap, staf).galat]
    assert galat == []
    terkirim_potensi = PotensiKonflik.objects.filter(laporan__in=terkirim)
    assert set(terkirim_potensi.values_list("tren", flat=True)) == set(PotensiKonflik.Tren.values)
    # The stage of handling agrees with the move: nothing rising is "in recovery".
    assert set(terkirim_potensi.values_list("tahap", flat=True)) == set(PotensiKonflik.Tahap.values)
    assert not terkirim_potensi.filter(tren="meningkat", tahap="pemulihan").exists()
    # ... and the early warning has rises to read: a potensi that rose to tinggi, one rising twice.
    assert {"naik_tinggi", "meningkat"} <= set(Sinyal.objects.values_list("jenis", flat=True))
    # A kab/kota with a demo operator shows that operator as the sender, in the report and its timeline.
    paser = terkirim.filter(kabkota__kode="64.01")
    assert set(paser.values_list("diajukan_oleh__username", flat=True)) == {"operator_paser"}
    assert set(
        RiwayatLaporan.objects.filter(laporan__in=paser, aksi="diajukan").values_list(
            "oleh__username", flat=True
        )
    ) == {"operator_paser"}
    # ... and a returned one names the staff who returned it, as the operator's page quotes them.
    kembali = RiwayatLaporan.objects.filter(aksi="dikembalikan", laporan__kabkota__kode__startswith="64")
    assert kembali.exists() and set(kembali.values_list("oleh__username", flat=True)) == {"staf_kaltim"}
    # IKU links agreed at a planning rakor are recorded by that province's staff on the rakor's day.
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from laporan.models import KesepakatanIKU

    sepakat = KesepakatanIKU.objects.select_related("rakor", "dicatat_oleh")
    assert sepakat.count() == 6
    assert {(k.dicatat_oleh.username, k.rakor.provinsi.kode) for k in sepakat} == {
        ("staf_kalteng", "62"),
        ("staf_kalbar", "61"),
    }
    assert all(
        timezone.localtime(k.dicatat_pada, ZoneInfo(k.rakor.provinsi.zona_waktu)).date()
        == (k.rakor.tanggal_selesai or k.rakor.tanggal_mulai)
        for k in sepakat
    )


def test_admin_is_scoped_and_read_only_for_reports(login, admin_kaltim):
    kaltim = factories.laporan("64.01", 2026, 1)
    factories.potensi(kaltim, "Potensi Kaltim")
    kalbar = factories.laporan("61.71", 2026, 1)
    factories.potensi(kalbar, "Potensi Pontianak")
    client = login(admin_kaltim)
    for model in ("laporantriwulan", "potensikonflik", "kejadiankonflik", "periode", "aturanprovinsi"):
        response = client.get(f"/admin/laporan/{model}/")
        assert response.status_code == 200, model
        assert "Pontianak" not in response.content.decode()
    assert "Potensi Kaltim" in client.get("/admin/laporan/potensikonflik/").content.decode()
    assert client.get(f"/admin/laporan/laporantriwulan/{kalbar.pk}/change/").status_code == 302
    assert client.get("/admin/laporan/laporantriwulan/add/").status_code == 403
