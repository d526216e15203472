"""The election calendar: national admins keep it (xlsx import), everyone with a scope reads the stages
that apply to them, region pages and period aggregates show the overlapping ones, and a change
recomputes the signals."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.test import Client, TestCase
from django.urls import reverse

from kesbangpol.models import TahapanPemilu, Wilayah
from tests import factories

pytestmark = pytest.mark.django_db
HARI = datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(HARI, tick=False):
        yield


def _tahapan(nama, mulai, selesai, kode=None, **extra):
    wilayah = Wilayah.objects.get(kode=kode) if kode else None
    return TahapanPemilu.objects.create(
        pemilihan="pilkada", tahun=2026, nama=nama, mulai=mulai, selesai=selesai, wilayah=wilayah, **extra
    )


def test_region_pages_show_the_stages_that_apply_there(login, operator_paser, staf_kaltim, staf_kalbar):
    _tahapan("Kampanye nasional", datetime.date(2026, 5, 1), datetime.date(2026, 6, 1), contoh=True)
    _tahapan("Kampanye Paser", datetime.date(2026, 6, 1), datetime.date(2026, 7, 1), "64.01")
    _tahapan("Kampanye Kalbar", datetime.date(2026, 6, 1), datetime.date(2026, 7, 1), "61")
    _tahapan("Sudah lewat", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    paser = login(operator_paser).get(reverse("kesbangpol:wilayah_detail", args=["64.01"])).content.decode()
    assert "Kampanye nasional" in paser and "Contoh, bukan jadwal KPU" in paser
    assert "Kampanye Paser" in paser and "Kampanye Kalbar" not in paser and "Sudah lewat" not in paser
    kaltim = login(staf_kaltim).get(reverse("kesbangpol:wilayah_detail", args=["64"])).content.decode()
    assert "Kampanye Paser" in kaltim and "Kampanye Kalbar" not in kaltim
    kalbar = login(staf_kalbar).get(reverse("kesbangpol:wilayah_detail", args=["61"])).content.decode()
    assert "Kampanye Kalbar" in kalbar and "Kampanye Paser" not in kalbar


def test_the_period_aggregate_shows_the_stages_overlapping_the_period(login, staf_kaltim):
    lap = factories.laporan("64.01", 2026, 1, status="diterima")
    _tahapan("Berakhir di hari pertama", datetime.date(2025, 12, 1), datetime.date(2026, 1, 1))
    _tahapan("Mulai di hari terakhir", datetime.date(2026, 3, 31), datetime.date(2026, 4, 30))
    _tahapan("Sehari sesudahnya", datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
    page = login(staf_kaltim).get(reverse("laporan:agregat", args=[lap.periode.pk])).content.decode()
    assert "Berakhir di hari pertama" in page and "Mulai di hari terakhir" in page
    assert "Sehari sesudahnya" not in page


def _xlsx(baris):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "pemilihan", "tahun", "nama", "mulai", "selesai", "kode_wilayah", "sumber", "contoh"])
    for b in baris:
        ws.append(b)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "tahapan.xlsx"
    return out


def test_national_admins_import_the_calendar_and_provincial_admins_only_read(
    login, admin_nasional, admin_kaltim, monkeypatch
):
    from laporan import sinyal

    dihitung = []
    monkeypatch.setattr(sinyal, "_kirim", lambda ids: dihitung.append(set(ids)))
    for u in (admin_nasional, admin_kaltim):
        u.is_staff = True
        u.save()
    import_url = reverse("admin:kesbangpol_tahapanpemilu_import")
    provinsi = login(admin_kaltim)
    assert provinsi.get(reverse("admin:kesbangpol_tahapanpemilu_changelist")).status_code == 200
    assert provinsi.get(reverse("admin:kesbangpol_tahapanpemilu_add")).status_code == 403
    assert provinsi.get(import_url).status_code == 403
    nasional = login(admin_nasional)
    berkas = _xlsx([
        ["", "Pilkada serentak", 2029, "Masa kampanye", "2029-09-01", "2029-11-01", "", "PKPU x/2029", "0"],
        ["", "pemilu", 2029, "Pemungutan suara", "2029-02-14", "2029-02-14", "64", "", "1"],
    ])  # fmt: skip
    form = nasional.get(import_url).context["form"]
    xlsx = next(v for v, label in form.fields["format"].choices if label == "xlsx")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = nasional.post(import_url, {"format": xlsx, "import_file": berkas, "resource": "0"})
        konfirmasi = response.context["confirm_form"]
        nasional.post(
            reverse("admin:kesbangpol_tahapanpemilu_process_import"),
            dict(konfirmasi.initial),
        )
    rows = list(TahapanPemilu.objects.values_list("pemilihan", "nama", "wilayah__kode", "contoh"))
    assert sorted(rows) == [
        ("pemilu", "Pemungutan suara", "64", True),
        ("pilkada", "Masa kampanye", None, False),
    ]
    assert dihitung == [{None}]  # one recompute of every province for the whole import, not one per row


def test_a_stage_that_ends_before_it_starts_is_refused(login, admin_nasional):
    admin_nasional.is_staff = True
    admin_nasional.save()
    response = login(admin_nasional).post(
        reverse("admin:kesbangpol_tahapanpemilu_add"),
        {
            "pemilihan": "pilkada",
            "tahun": 2029,
            "nama": "Salah",
            "mulai": "2029-02-14",
            "selesai": "2029-02-01",
        },
    )
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.content.decode()
    assert not TahapanPemilu.objects.exists()


def test_anonymous_and_unscoped_users_see_no_stage(login, tanpa_instansi):
    _tahapan("Kampanye", datetime.date(2026, 5, 1), datetime.date(2026, 6, 1))
    assert TahapanPemilu.objects.for_user(tanpa_instansi).count() == 0
    assert Client().get(reverse("kesbangpol:wilayah_detail", args=["64"])).status_code == 302


def test_urgent_kinds_offer_no_daily_digest(login, staf_kaltim):
    page = login(staf_kaltim).get(reverse("kesbangpol:notifikasi_pengaturan"))
    form = page.context["form"]
    assert [c for c, _ in form.fields["laporan_segera"].choices] == ["segera", "portal"]
    assert "harian" in [c for c, _ in form.fields["laporan_diajukan"].choices]
    response = login(staf_kaltim).post(
        reverse("kesbangpol:notifikasi_pengaturan"),
        dict.fromkeys(form.fields, "harian"),
    )
    assert response.status_code == 200 and "laporan_segera" in response.context["form"].errors
