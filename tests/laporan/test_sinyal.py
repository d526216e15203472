"""Early-warning signals: each rule on a constructed history that fires it, one that just misses it,
and its boundaries; recomputed when the data changes; the signals page (scope, dismissal with a
reason, flat query counts) and the home pages."""

import datetime
import math
import uuid

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesbangpol.models import TahapanPemilu, Wilayah
from laporan import sinyal
from laporan.models import KejadianKonflik, LaporanSegera, Sinyal
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kabar_per_permintaan")]
# 2026-05-12 in Kaltim: the window is Q2 2026 and the three quarters before (Q3 2025 .. Q2 2026).
TODAY = datetime.date(2026, 5, 12)
HARI = datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC)
KAB = ["64.01", "64.02", "64.03", "64.07", "64.08", "64.09", "64.11"]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(HARI, tick=False):
        yield


@pytest.fixture
def kaltim():
    return Wilayah.objects.get(kode="64")


def _potensi(tahun, tw, kode="64.01", identitas=None, status="diterima", **extra):
    lap = (
        factories.laporan(kode, tahun, tw, status=status)
        if not _ada(kode, tahun, tw)
        else _ada(kode, tahun, tw)
    )
    return factories.potensi(lap, identitas=identitas or uuid.uuid4(), **extra)


def _ada(kode, tahun, tw):
    from laporan.models import LaporanTriwulan

    return LaporanTriwulan.objects.filter(
        kabkota__kode=kode, periode__tahun=tahun, periode__triwulan=tw
    ).first()


def _kejadian(tahun, tw, jumlah=1, kode="64.01", meninggal=0, luka=0, status="diterima"):
    lap = _ada(kode, tahun, tw) or factories.laporan(kode, tahun, tw, status=status)
    for i in range(jumlah):
        k = KejadianKonflik(
            laporan=lap,
            tanggal=datetime.date(tahun, tw * 3 - 2, 1 + i % 28),
            uraian="Bentrok",
            meninggal=meninggal,
            luka=luka,
        )
        k.save(lewati_kunci=True)


def _jenis(kaltim, today=TODAY):
    return sorted((t.jenis, t.tahun, t.triwulan) for t in sinyal.temuan(kaltim, today))


# --- meningkat two quarters running ---------------------------------------------------------------


def test_meningkat_two_quarters_running_fires_and_one_quarter_does_not(kaltim):
    a, b = uuid.uuid4(), uuid.uuid4()
    _potensi(2025, 4, identitas=a, tren="meningkat", judul="Sengketa lahan Luan")
    _potensi(2026, 1, identitas=a, tren="meningkat", judul="Sengketa lahan Luan", tingkat="sedang")
    _potensi(2025, 4, identitas=b, tren="tetap", judul="Tapal batas")
    _potensi(2026, 1, identitas=b, tren="meningkat", judul="Tapal batas")  # only one quarter: misses
    hasil = sinyal.temuan(kaltim, TODAY)
    assert [(t.jenis, t.tahun, t.triwulan) for t in hasil] == [("meningkat", 2026, 1)]
    assert hasil[0].kalimat == (
        "Potensi “Sengketa lahan Luan” di Kabupaten Paser meningkat dua triwulan berturut-turut "
        "(triwulan IV 2025 dan triwulan I 2026); pada triwulan I 2026 tingkatnya sedang."
    )
    assert hasil[0].url == reverse("laporan:potensi_riwayat", args=[a])


def test_a_draft_does_not_count(kaltim):
    a = uuid.uuid4()
    _potensi(2025, 4, identitas=a, tren="meningkat")
    _potensi(2026, 1, identitas=a, tren="meningkat", status="draf")
    assert _jenis(kaltim) == []


def test_level_rising_to_tinggi_fires_staying_tinggi_does_not(kaltim):
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    _potensi(2025, 4, identitas=a, tingkat="sedang", tren="tetap")
    _potensi(2026, 1, identitas=a, tingkat="tinggi", tren="tetap")
    _potensi(2025, 4, identitas=b, tingkat="tinggi", tren="tetap")
    _potensi(2026, 1, identitas=b, tingkat="tinggi", tren="tetap")
    _potensi(2026, 1, identitas=c, tingkat="tinggi", tren="baru")  # new, not risen
    assert _jenis(kaltim) == [("naik_tinggi", 2026, 1)]


def test_a_rise_to_tinggi_that_is_also_the_second_rise_is_one_entry_on_the_home_page_both_on_the_list(
    login, pimpinan_kaltim, kaltim
):
    a, b = uuid.uuid4(), uuid.uuid4()
    _potensi(2025, 4, identitas=a, tingkat="sedang", tren="meningkat", judul="Sengketa lahan Luan")
    _potensi(2026, 1, identitas=a, tingkat="tinggi", tren="meningkat", judul="Sengketa lahan Luan")
    _potensi(2025, 4, identitas=b, tingkat="sedang", tren="tetap", judul="Tapal batas")
    _potensi(2026, 1, identitas=b, tingkat="tinggi", tren="meningkat", judul="Tapal batas")  # only risen
    sinyal.hitung_ulang(kaltim, TODAY)
    assert Sinyal.objects.count() == 3
    client = login(pimpinan_kaltim)
    beranda = client.get(reverse("kesbangpol:beranda")).content.decode()
    assert (
        "Potensi “Sengketa lahan Luan” di Kabupaten Paser naik dari tingkat sedang ke tinggi pada "
        "triwulan I 2026, setelah juga meningkat pada triwulan IV 2025."
    ) in beranda
    assert "“Sengketa lahan Luan” di Kabupaten Paser meningkat dua triwulan" not in beranda
    assert (
        "“Tapal batas” di Kabupaten Paser naik dari tingkat sedang ke tinggi pada triwulan I 2026." in beranda
    )
    assert "Semua sinyal terbuka (3)" in beranda  # the link's count is of the list it opens
    daftar = client.get(reverse("laporan:sinyal")).content.decode()
    assert "“Sengketa lahan Luan” di Kabupaten Paser meningkat dua triwulan berturut-turut" in daftar
    assert "setelah juga meningkat" not in daftar


# --- peaks: the HDX rule, quarterly ---------------------------------------------------------------


def test_peak_of_incidents_fires_above_the_last_seven_quarters_and_the_minimum(kaltim, settings):
    settings.SINYAL_MIN_KEJADIAN = 3
    _kejadian(2025, 2, 2)
    _kejadian(2026, 1, 3)
    hasil = [t for t in sinyal.temuan(kaltim, TODAY) if t.jenis == "puncak_kejadian"]
    assert [(t.tahun, t.triwulan) for t in hasil] == [(2026, 1)]
    assert hasil[0].kalimat == (
        "Kabupaten Paser mencatat 3 kejadian konflik pada triwulan I 2026, tertinggi dalam 8 triwulan "
        "terakhir (sebelumnya paling banyak 2)."
    )
    assert hasil[0].url.endswith("#kejadian")


def test_peak_just_misses_below_the_minimum_and_on_a_tie(kaltim, settings):
    settings.SINYAL_MIN_KEJADIAN = 4
    _kejadian(2026, 1, 3)  # a new high, but under the minimum
    assert "puncak_kejadian" not in {j for j, *_ in _jenis(kaltim)}
    settings.SINYAL_MIN_KEJADIAN = 3
    _kejadian(2024, 3, 3, kode="64.01")  # 6 quarters before 2026 Q1: a tie is not a new high
    assert "puncak_kejadian" not in {j for j, *_ in _jenis(kaltim)}


def test_peak_window_is_eight_quarters(kaltim, settings):
    settings.SINYAL_MIN_KEJADIAN = 3
    _kejadian(2026, 1, 3)
    _kejadian(2024, 1, 5)  # 8 quarters before 2026 Q1: outside its window, no longer blocks
    assert ("puncak_kejadian", 2026, 1) in _jenis(kaltim)
    _kejadian(2024, 2, 5)  # 7 quarters before: inside, blocks
    assert ("puncak_kejadian", 2026, 1) not in _jenis(kaltim)


def test_peak_of_casualties_counts_dead_and_injured_and_urgent_incidents_once(
    login, operator_paser, kaltim, settings
):
    settings.SINYAL_MIN_KORBAN = 5
    _kejadian(2025, 3, 1, luka=2)
    client = login(operator_paser)
    client.post(reverse("laporan:segera_baru"), {
        "judul": "Bentrok", "tanggal": "2026-05-10", "ketelitian_tanggal": "hari",
        "ketelitian_lokasi": "kabkota", "uraian": "Bentrok", "meninggal": "1", "luka": "3", "mengungsi": "0",
    })  # fmt: skip
    assert ("puncak_korban", 2026, 2) not in _jenis(kaltim)  # 4 < 5
    segera = LaporanSegera.objects.get()
    segera.luka = 4
    segera.save()
    assert ("puncak_korban", 2026, 2) in _jenis(kaltim)
    # Once its report is submitted, the incident is counted through its kejadian, not twice.
    client.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 2})
    lap = _ada("64.01", 2026, 2)
    lap.status = "diajukan"
    lap.save(transisi=True)
    hasil = [t for t in sinyal.temuan(kaltim, TODAY) if t.jenis == "puncak_korban"]
    assert "mencatat 5 korban" in hasil[0].kalimat


# --- urgent incidents with deaths or displaced ----------------------------------------------------


def test_urgent_incident_with_deaths_or_displaced_fires_without_does_not(kaltim):
    paser = Wilayah.objects.get(kode="64.01")
    for judul, meninggal, mengungsi in (("Tewas", 1, 0), ("Mengungsi", 0, 40), ("Luka saja", 0, 0)):
        LaporanSegera.objects.create(
            kabkota=paser, judul=judul, uraian="x", tanggal=TODAY, meninggal=meninggal, luka=2,
            mengungsi=mengungsi,
        )  # fmt: skip
    hasil = sorted(t.kalimat for t in sinyal.temuan(kaltim, TODAY) if t.jenis == "segera_korban")
    assert hasil == [
        "Laporan segera Kabupaten Paser 12 Mei 2026: “Mengungsi”, 40 mengungsi.",
        "Laporan segera Kabupaten Paser 12 Mei 2026: “Tewas”, 1 meninggal.",
    ]


def test_national_admins_read_an_urgent_reports_signal_only_once_it_was_escalated(personas, kaltim, settings):
    """National admins see the urgent reports the province escalated, no others; a signal that quotes
    one (its title, its dead and displaced, its link) or counts it (a peak of casualties) waits for the
    same step."""
    settings.SINYAL_MIN_KORBAN = 3
    segera = LaporanSegera.objects.create(
        kabkota=Wilayah.objects.get(kode="64.01"), judul="Bentrok kebun sawit", uraian="x", tanggal=TODAY,
        luka=3, mengungsi=30, dilaporkan_oleh=personas["operator_paser"],
    )  # fmt: skip
    sinyal.hitung_ulang(kaltim, TODAY)
    assert sorted(Sinyal.objects.values_list("jenis", "segera_internal")) == [
        ("puncak_korban", True),
        ("segera_korban", True),
    ]
    staf, nasional = Client(), Client()
    staf.force_login(personas["staf_kaltim"])
    nasional.force_login(personas["admin_nasional"])
    halaman = (
        "/",
        reverse("laporan:sinyal"),
        reverse("laporan:sinyal_ekspor") + "?format=csv",
        "/api/v1/sinyal/",
    )
    kalimat = ("Bentrok kebun sawit", "Kabupaten Paser mencatat 3 korban")
    for url in halaman:
        for k in kalimat:
            assert k in staf.get(url).content.decode("utf-8-sig"), (url, k)
            assert k not in nasional.get(url).content.decode("utf-8-sig"), (url, k)
    assert nasional.get(segera.get_absolute_url()).status_code == 404
    staf.post(
        reverse("laporan:segera_tanggapi", args=[segera.pk]),
        {"aksi": "dieskalasi", "isi": "Butuh dukungan Polda dan Kemendagri."},
    )
    for url in halaman:
        for k in kalimat:
            assert k in nasional.get(url).content.decode("utf-8-sig"), (url, k)
    # The links they show open, and the peak's list holds the incident it counts.
    for s in Sinyal.objects.all():
        response = nasional.get(s.url)
        assert response.status_code == 200 and "Bentrok kebun sawit" in response.content.decode(), s.url


# --- SARA: the first in four quarters -------------------------------------------------------------


def test_sara_potensi_fires_when_the_kabkota_had_none_in_four_quarters(kaltim):
    _potensi(2025, 1, sumber="sara")  # 4 quarters before 2026 Q1... is 2025 Q1: inside, blocks
    _potensi(2026, 1, sumber="sara", judul="Penolakan rumah ibadah")
    assert ("sara_baru", 2026, 1) not in _jenis(kaltim)
    _potensi(2024, 4, sumber="sara", kode="64.09")  # 5 quarters before: outside, does not block
    _potensi(2026, 1, sumber="sara", kode="64.09", judul="Ketegangan antaretnis")
    hasil = [t for t in sinyal.temuan(kaltim, TODAY) if t.jenis == "sara_baru"]
    assert [t.kalimat.split(" pada ")[0] for t in hasil] == [
        "Potensi bersumber antarumat beragama/antarsuku/antaretnis “Ketegangan antaretnis” di "
        "Kabupaten Penajam Paser Utara"
    ]


def test_the_same_sara_potensi_in_the_next_quarter_is_not_new_again(kaltim):
    a = uuid.uuid4()
    _potensi(2025, 4, sumber="sara", identitas=a)
    _potensi(2026, 1, sumber="sara", identitas=a)
    assert [j for j in _jenis(kaltim) if j[0] == "sara_baru"] == [("sara_baru", 2025, 4)]


# --- politik inside an election stage --------------------------------------------------------------


@pytest.mark.parametrize(
    ("mulai", "selesai", "kena"),
    [
        (datetime.date(2025, 12, 1), datetime.date(2026, 1, 1), True),  # last day = the quarter's first
        (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31), False),  # ends the day before
        (datetime.date(2026, 3, 31), datetime.date(2026, 4, 20), True),  # first day = the quarter's last
        (datetime.date(2026, 4, 1), datetime.date(2026, 4, 20), False),  # starts the day after
    ],
)
def test_politik_potensi_inside_a_stage_both_ends_count(kaltim, mulai, selesai, kena):
    TahapanPemilu.objects.create(
        pemilihan="pilkada", tahun=2026, nama="Kampanye", mulai=mulai, selesai=selesai
    )
    _potensi(2026, 1, bidang="politik", judul="Ketegangan pendukung calon")
    _potensi(2026, 1, bidang="ekonomi", judul="Sengketa upah")
    assert (("politik_tahapan", 2026, 1) in _jenis(kaltim)) is kena


def test_a_stage_of_another_province_does_not_apply(kaltim):
    TahapanPemilu.objects.create(
        pemilihan="pilkada", tahun=2026, nama="Kampanye Kalbar", mulai=datetime.date(2026, 1, 1),
        selesai=datetime.date(2026, 2, 1), wilayah=Wilayah.objects.get(kode="61"),
    )  # fmt: skip
    _potensi(2026, 1, bidang="politik")
    assert _jenis(kaltim) == []
    TahapanPemilu.objects.create(
        pemilihan="pilkada", tahun=2026, nama="Kampanye Paser", mulai=datetime.date(2026, 1, 1),
        selesai=datetime.date(2026, 2, 1), wilayah=Wilayah.objects.get(kode="64.01"),
    )  # fmt: skip
    assert _jenis(kaltim) == [("politik_tahapan", 2026, 1)]


# --- stored, recomputed on change, dismissed -------------------------------------------------------


def test_recomputed_when_a_report_is_accepted_not_on_page_view(login, staf_kaltim, kaltim):
    a = uuid.uuid4()
    _potensi(2025, 4, identitas=a, tren="meningkat")
    lap = factories.laporan("64.01", 2026, 1, status="diajukan", tepat_waktu=True)
    factories.potensi(lap, identitas=a, tren="meningkat", judul="Sengketa lahan Luan")
    client = login(staf_kaltim)
    assert client.get(reverse("laporan:sinyal")).status_code == 200
    assert not Sinyal.objects.exists()  # a page view computes nothing
    client.post(reverse("laporan:periksa", args=[lap.pk]), {"keputusan": "terima"})
    s = Sinyal.objects.get()
    assert s.jenis == "meningkat" and s.aktif and s.provinsi == kaltim
    page = client.get(reverse("laporan:sinyal")).content.decode()
    assert "Sengketa lahan Luan" in page and s.url in page
    # Returning the report takes it out of the count: the signal no longer holds.
    client.post(reverse("laporan:buka_kembali", args=[lap.pk]), {"alasan": "Periksa ulang tren."})
    s.refresh_from_db()
    assert not s.aktif
    assert "Sengketa lahan Luan" not in client.get(reverse("laporan:sinyal")).content.decode()


def test_staff_dismiss_with_a_reason_that_is_kept(login, personas, kaltim):
    a = uuid.uuid4()
    _potensi(2025, 4, identitas=a, tren="meningkat")
    _potensi(2026, 1, identitas=a, tren="meningkat")
    sinyal.hitung_ulang(kaltim, TODAY)
    s = Sinyal.objects.get()
    url = reverse("laporan:sinyal_tutup", args=[s.pk])
    for nama, kode in (
        ("pimpinan_kaltim", 403),
        ("operator_paser", 404),
        ("staf_kalbar", 404),
        ("admin_nasional", 403),
    ):
        assert login(personas[nama]).post(url, {"alasan": "x"}).status_code == kode, nama
    staf = login(personas["staf_kaltim"])
    response = staf.post(url, {"alasan": "  "}, follow=True)
    assert "Tuliskan alasan menutup sinyal ini." in response.content.decode()
    staf.post(url, {"alasan": "Sudah dimediasi Forkopimda 2 Mei."})
    s.refresh_from_db()
    assert s.ditutup_oleh == personas["staf_kaltim"] and s.alasan_tutup == "Sudah dimediasi Forkopimda 2 Mei."
    assert s.history.filter(ditutup_pada__isnull=False).exists()
    sinyal.hitung_ulang(kaltim, TODAY)  # a recompute does not reopen it
    s.refresh_from_db()
    assert s.ditutup_pada is not None and not Sinyal.objects.terbuka().exists()
    page = staf.get(reverse("laporan:sinyal") + "?keadaan=ditutup").content.decode()
    assert "Sudah dimediasi Forkopimda 2 Mei." in page


def test_signals_page_scope(client, login, personas, kaltim):
    _potensi(2025, 4, identitas=(a := uuid.uuid4()), tren="meningkat", judul="Rahasia Kaltim")
    _potensi(2026, 1, identitas=a, tren="meningkat", judul="Rahasia Kaltim")
    sinyal.hitung_ulang(kaltim, TODAY)
    url = reverse("laporan:sinyal")
    assert Client().get(url).status_code == 302
    for nama in ("staf_kaltim", "pimpinan_kaltim", "admin_nasional"):
        assert "Rahasia Kaltim" in login(personas[nama]).get(url).content.decode(), nama
    assert "Rahasia Kaltim" not in login(personas["staf_kalbar"]).get(url).content.decode()
    for nama in ("operator_paser", "tanpa_instansi"):
        assert login(personas[nama]).get(url).status_code == 403, nama
        assert login(personas[nama]).get(reverse("laporan:sinyal_ekspor")).status_code == 403, nama


def test_the_signals_export_is_the_filtered_list(login, staf_kaltim, staf_kalbar, kaltim):
    import io

    import openpyxl

    from kesbangpol.models import Audit

    for kode, judul in (("64.01", "Sengketa Luan"), ("64.09", "Sengketa PPU")):
        a = uuid.uuid4()
        _potensi(2025, 4, kode=kode, identitas=a, tren="meningkat", judul=judul)
        _potensi(2026, 1, kode=kode, identitas=a, tren="meningkat", judul=judul)
    sinyal.hitung_ulang(kaltim, TODAY)
    client = login(staf_kaltim)
    page = client.get(reverse("laporan:sinyal") + "?kabkota=64.09").content.decode()
    assert reverse("laporan:sinyal_ekspor") + "?kabkota=64.09&amp;format=xlsx" in page
    wb = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("laporan:sinyal_ekspor") + "?kabkota=64.09").content)
    )
    baris = list(wb["Sinyal"].iter_rows(values_only=True))
    assert baris[0][:5] == ("Provinsi", "Kode wilayah", "Kabupaten/kota", "Triwulan", "Jenis")
    assert len(baris) == 2 and "Sengketa PPU" in baris[1][5] and baris[1][8] == "Terbuka"
    assert (
        dict(r[:2] for r in wb["Keterangan"].iter_rows(min_row=2, values_only=True))["Kabupaten/kota"]
        == "64.09"
    )
    csv = client.get(reverse("laporan:sinyal_ekspor") + "?format=csv").content.decode("utf-8-sig")
    assert "Sengketa Luan" in csv and "Sengketa PPU" in csv
    assert Audit.objects.filter(aksi="ekspor_sinyal").count() == 2
    assert (
        "Sengketa"
        not in login(staf_kalbar).get(reverse("laporan:sinyal_ekspor") + "?format=csv").content.decode()
    )


def test_signals_page_and_home_queries_stay_flat_as_signals_grow(login, staf_kaltim, pimpinan_kaltim, kaltim):
    def tambah(n):
        for i in range(n):
            a = uuid.uuid4()
            kode = KAB[i % 5]
            _potensi(2025, 4, kode=kode, identitas=a, tren="meningkat", judul=f"P{i}")
            _potensi(2026, 1, kode=kode, identitas=a, tren="meningkat", judul=f"P{i}")
        sinyal.hitung_ulang(kaltim, TODAY)

    hitungan = {}
    ekspor = reverse("laporan:sinyal_ekspor")
    for n in (10, 30):  # past every panel's threshold (5 signals, 8 potensi) at both sizes
        tambah(n - Sinyal.objects.count())
        assert Sinyal.objects.terbuka().count() == n
        for user in (staf_kaltim, pimpinan_kaltim):
            c = login(user)
            for url in (reverse("laporan:sinyal"), reverse("kesbangpol:beranda"), ekspor):
                with CaptureQueriesContext(connection) as ctx:
                    r = c.get(url)
                assert r.status_code == 200
                hitungan.setdefault((user.username, url), []).append(len(ctx))
            # The home panel shows five and counts them all (the count rides on the same query).
            beranda = c.get(reverse("kesbangpol:beranda")).content.decode()
            assert f"Semua sinyal terbuka ({n})" in beranda
    for kunci, (kecil, besar) in hitungan.items():
        assert besar == kecil, (kunci, kecil, besar)


def test_recompute_runs_a_fixed_number_of_queries(kaltim):
    for i in range(20):
        a = uuid.uuid4()
        _potensi(2025, 4, kode=KAB[i % 7], identitas=a, tren="meningkat", sumber="sara")
        _potensi(2026, 1, kode=KAB[i % 7], identitas=a, tren="meningkat", tingkat="tinggi")
    with CaptureQueriesContext(connection) as ctx:
        sinyal.hitung_ulang(kaltim, TODAY)
    sql = [q["sql"] for q in ctx.captured_queries]
    # Seven reads, then one INSERT per batch the database takes (SQLite: 999 parameters per query).
    assert sum(q.startswith("SELECT") for q in sql) == 7, sql
    kolom = [f for f in Sinyal._meta.concrete_fields if not f.primary_key]
    n = Sinyal.objects.count()
    assert n == 60
    assert sum(q.startswith("INSERT") for q in sql) == math.ceil(
        n / connection.ops.bulk_batch_size(kolom, [0] * n)
    )
    assert not [q for q in sql if q.startswith(("UPDATE", "DELETE"))]


def _teks_pdf(job) -> str:
    import io

    import pypdf

    with job.berkas.open("rb") as f:
        isi = f.read()
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(isi)).pages).split())


def test_the_governor_pdf_opens_with_the_watch_list_in_order(staf_kaltim, kaltim, settings):
    from kesbangpol import dokumen
    from kesbangpol.models import Dokumen

    settings.SINYAL_MIN_KEJADIAN = 3
    paser, ppu = Wilayah.objects.get(kode="64.01"), Wilayah.objects.get(kode="64.09")
    a = uuid.uuid4()
    _potensi(2025, 4, identitas=a, tren="meningkat", judul="Sengketa lahan Luan")
    _potensi(2026, 1, identitas=a, tren="meningkat", judul="Sengketa lahan Luan", tingkat="tinggi")
    LaporanSegera.objects.create(
        kabkota=ppu, judul="Bentrok pemuda", uraian="x", tanggal=datetime.date(2026, 2, 3), mengungsi=12,
    )  # fmt: skip
    LaporanSegera.objects.create(
        kabkota=paser, judul="Penyerangan pos", uraian="x", tanggal=datetime.date(2026, 3, 9), meninggal=1,
        dieskalasi_pada=HARI,
    )  # fmt: skip
    TahapanPemilu.objects.create(
        pemilihan="pilkada", tahun=2026, nama="Kampanye (contoh)", mulai=datetime.date(2026, 5, 1),
        selesai=datetime.date(2026, 6, 1), contoh=True,
    )  # fmt: skip
    TahapanPemilu.objects.create(
        pemilihan="pilkada",
        tahun=2026,
        nama="Pemungutan suara",
        mulai=datetime.date(2026, 7, 1),
        selesai=datetime.date(2026, 7, 1),
    )  # fmt: skip (in the quarter after next: not listed)
    sinyal.hitung_ulang(kaltim, TODAY)
    periode = _ada("64.01", 2026, 1).periode
    job = Dokumen.objects.create(
        jenis="ringkasan_gubernur", objek_id=periode.pk, provinsi=kaltim, judul="x", diminta_oleh=staf_kaltim
    )
    assert dokumen.render(job.pk) == Dokumen.Status.SELESAI
    job.refresh_from_db()
    teks = _teks_pdf(job)
    urutan = [
        "I. Daftar pantauan",
        "[Dieskalasi] Laporan segera Kabupaten Paser 9 Maret 2026: “Penyerangan pos”, 1 meninggal;",
        "Laporan segera Kabupaten Penajam Paser Utara 3 Februari 2026: “Bentrok pemuda”, 12 mengungsi.",
        # Its rise to tinggi and its second rise running, told once.
        "Potensi “Sengketa lahan Luan” di Kabupaten Paser naik dari tingkat sedang ke tinggi pada "
        "triwulan I 2026, setelah juga meningkat pada triwulan IV 2025.",
        "Laporan segera Triwulan I 2026",
        "Penyerangan pos",
        "Bentrok pemuda",
        "Tahapan pemilu/pilkada triwulan berikutnya (Triwulan II 2026)",
        "Pilkada serentak 2026: Kampanye (contoh), 1 Mei 2026 – 1 Juni 2026 (Nasional)",
        "contoh, bukan jadwal KPU",
        "II. Ringkasan",
        "Sinyal peringatan dini terkuat: Laporan segera Kabupaten Paser 9 Maret 2026: “Penyerangan pos”",
        "Terdapat 2 sinyal terbuka lainnya dalam daftar pantauan.",
        "III. Kelengkapan",
    ]
    mulai = 0
    for u in urutan:  # each after the one before
        i = teks.find(u, mulai)
        assert i >= 0, (u, teks[mulai : mulai + 600])
        mulai = i + len(u)
    assert "Pemungutan suara" not in teks
    assert "meningkat dua triwulan berturut-turut" not in teks


def test_an_incident_of_a_sara_event_type_counts_for_the_sara_rule(kaltim):
    from laporan.models import JenisKejadian

    sara = JenisKejadian.objects.get(kode="BTK.SARA")
    paser, ppu = Wilayah.objects.get(kode="64.01"), Wilayah.objects.get(kode="64.09")
    # Paser: a SARA event in a submitted report, none before: a signal.
    lap = factories.laporan("64.01", 2026, 1, status="diterima")
    KejadianKonflik(laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian="x", jenis=sara).save(
        lewati_kunci=True
    )
    # PPU: an urgent SARA report, but a SARA potensi two quarters before: no signal.
    _potensi(2025, 3, kode="64.09", sumber="sara")
    LaporanSegera.objects.create(
        kabkota=ppu, judul="Ketegangan antaretnis", uraian="x", tanggal=TODAY, jenis=sara
    )
    hasil = [t for t in sinyal.temuan(kaltim, TODAY) if t.jenis == "sara_baru"]
    # PPU's potensi of 2025 Q3 is itself a first (inside the window); its urgent report is not.
    assert sorted((t.kabkota_id, t.tahun, t.triwulan) for t in hasil) == sorted(
        [(paser.pk, 2026, 1), (ppu.pk, 2025, 3)]
    )
    kejadian = next(t for t in hasil if t.kabkota_id == paser.pk)
    assert kejadian.kalimat == (
        "1 kejadian bersumber antarumat beragama/antarsuku/antaretnis di Kabupaten Paser pada "
        "triwulan I 2026: yang pertama dalam 4 triwulan sebelumnya."
    )
    assert not any(t.kunci.startswith("sara_baru:segera:") for t in hasil)
    # A later SARA potensi in Paser is not the first any more.
    _potensi(2026, 2, sumber="sara", status="diajukan")
    assert not [
        t
        for t in sinyal.temuan(kaltim, TODAY)
        if t.jenis == "sara_baru" and t.tahun == 2026 and t.triwulan == 2
    ]
    # An urgent SARA report where there was none: a signal that links to it.
    segera = LaporanSegera.objects.create(
        kabkota=Wilayah.objects.get(kode="64.72"),
        judul="Bentrok antarsuku",
        uraian="x",
        tanggal=TODAY,
        jenis=sara,
    )
    t = next(t for t in sinyal.temuan(kaltim, TODAY) if t.kunci == f"sara_baru:segera:{segera.pk}")
    assert t.url == reverse("laporan:segera_detail", args=[segera.pk]) and "Kota Samarinda" in t.kalimat
