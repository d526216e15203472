"""Laporan segera: filing, who hears it at once, the province's steps, national scope after
escalation, the incident in its quarter's report exactly once, and scope on every page."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesbangpol.models import Notifikasi, PreferensiKabar, Wilayah
from laporan.models import CatatanSegera, KejadianKonflik, LaporanSegera, LaporanTriwulan
from tests import factories
from tests.conftest import daftar_tugas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kabar_per_permintaan")]
# 2026-05-12 10:00 WITA, in Q2 2026.
HARI = datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(HARI, tick=False):
        yield


def _data(**extra):
    return {
        "judul": "Bentrok warga dan keamanan perusahaan di Desa Luan",
        "tanggal": "2026-05-11",
        "ketelitian_tanggal": "hari",
        "kecamatan": "Muara Samu",
        "desa": "Luan",
        "ketelitian_lokasi": "desa",
        "uraian": "Warga menghadang alat berat di lahan sengketa; terjadi saling lempar batu.",
        "pihak": "Warga Desa Luan; keamanan PT Sawit Contoh",
        "meninggal": "1",
        "luka": "4",
        "mengungsi": "30",
        "penanganan": "Polres dan Forkopimcam memisahkan kedua pihak.",
        "usulan": "Fasilitasi mediasi oleh provinsi.",
        **extra,
    }


def _lapor(client, **extra):
    return client.post(reverse("laporan:segera_baru"), _data(**extra))


@pytest.fixture
def segera(login, operator_paser):
    _lapor(login(operator_paser))
    mail.outbox.clear()
    return LaporanSegera.objects.get()


def test_filing_tells_the_province_staff_and_pimpinan_at_once_and_nobody_else(login, personas):
    pimpinan = personas["pimpinan_kaltim"]
    # A digest chosen for this kind before it was urgent is not honoured: urgent is never held.
    PreferensiKabar.objects.create(pengguna=pimpinan, jenis="laporan_segera", cara="harian")
    client = login(personas["operator_paser"])
    response = _lapor(client)
    obj = LaporanSegera.objects.get()
    assert response.status_code == 302 and response["Location"] == obj.get_absolute_url()
    assert obj.kabkota.kode == "64.01" and obj.dilaporkan_oleh == personas["operator_paser"]
    assert (obj.meninggal, obj.luka, obj.mengungsi) == (1, 4, 30)
    penerima = set(
        Notifikasi.objects.filter(jenis="laporan_segera").values_list("penerima__username", flat=True)
    )
    assert penerima == {"staf_kaltim", "admin_kaltim", "pimpinan_kaltim"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin_kaltim@uji.localhost",
        "pimpinan_kaltim@uji.localhost",
        "staf_kaltim@uji.localhost",
    ]
    assert "1 meninggal, 4 luka, 30 mengungsi" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "Laporan segera terkirim" in page and "Belum ditanggapi provinsi" in page


def test_the_province_bell_lights_up(login, operator_paser, staf_kaltim, staf_kalbar):
    _lapor(login(operator_paser))
    page = login(staf_kaltim).get(reverse("kesbangpol:beranda")).content.decode()
    assert 'data-testid="jumlah-baru"' in page and "Tanggapi laporan segera Kab. Paser" in page
    page = login(staf_kalbar).get(reverse("kesbangpol:beranda")).content.decode()
    assert "Bentrok warga" not in page and 'data-testid="jumlah-baru"' not in page


def test_bad_input_is_refused_in_indonesian_and_nothing_is_saved(login, operator_paser, staf_kaltim):
    client = login(operator_paser)
    response = _lapor(client, tanggal="2026-06-30", meninggal="-1", judul="", latitude="50", longitude="116")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tanggal kejadian tidak boleh di masa depan." in page
    assert "Judul wajib diisi." in page
    assert "Lintang 50" in page
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 0." in page
    assert not LaporanSegera.objects.exists() and not Notifikasi.objects.exists()


def test_only_a_kabkota_writer_files(login, personas):
    for nama in ("staf_kaltim", "pimpinan_kaltim", "admin_nasional", "tanpa_instansi"):
        client = login(personas[nama])
        assert client.get(reverse("laporan:segera_baru")).status_code == 403, nama
        assert _lapor(client).status_code == 403, nama
    assert not LaporanSegera.objects.exists()


def test_scope_on_every_page(login, personas, segera):
    detail = segera.get_absolute_url()
    for url in (detail, reverse("laporan:segera"), reverse("laporan:segera_baru")):
        anonim = Client().get(url)
        assert anonim.status_code == 302 and anonim["Location"].startswith(reverse("login")), url
    for nama in ("operator_paser", "staf_kaltim", "pimpinan_kaltim"):
        assert login(personas[nama]).get(detail).status_code == 200, nama
    for nama in ("operator_ppu", "staf_kalbar", "tanpa_instansi", "admin_nasional"):
        c = login(personas[nama])
        response = c.get(detail)
        assert response.status_code == 404, nama
        assert "Bentrok warga" not in response.content.decode()
        lst = c.get(reverse("laporan:segera")).content.decode()
        assert "Bentrok warga" not in lst, nama
        for url in ("laporan:segera_perbarui", "laporan:segera_tanggapi"):
            assert (
                c.post(reverse(url, args=[segera.pk]), {"isi": "x", "aksi": "diketahui"}).status_code == 404
            )
    # Read-only and wrong-side writes: 403, nothing stored.
    pimpinan = login(personas["pimpinan_kaltim"])
    assert (
        pimpinan.post(reverse("laporan:segera_tanggapi", args=[segera.pk]), {"aksi": "diketahui"}).status_code
        == 403
    )
    assert (
        pimpinan.post(reverse("laporan:segera_perbarui", args=[segera.pk]), {"isi": "x"}).status_code == 403
    )
    staf = login(personas["staf_kaltim"])
    assert staf.post(reverse("laporan:segera_perbarui", args=[segera.pk]), {"isi": "x"}).status_code == 403
    operator = login(personas["operator_paser"])
    assert (
        operator.post(reverse("laporan:segera_tanggapi", args=[segera.pk]), {"aksi": "diketahui"}).status_code
        == 403
    )
    assert not CatatanSegera.objects.exists()
    segera.refresh_from_db()
    assert segera.diketahui_pada is None


def test_acknowledge_ask_update_and_escalate_are_recorded_and_told(login, personas, segera):
    staf = login(personas["staf_kaltim"])
    url = reverse("laporan:segera_tanggapi", args=[segera.pk])
    response = staf.post(url, {"aksi": "diketahui", "isi": "Diterima, tim provinsi berangkat besok."})
    assert response.status_code == 302
    segera.refresh_from_db()
    assert segera.diketahui_oleh == personas["staf_kaltim"] and segera.diketahui_pada == HARI
    assert [m.to[0] for m in mail.outbox] == ["operator_paser@uji.localhost"]
    # Asking for an update needs to say what; the message is shown, nothing stored.
    response = staf.post(url, {"aksi": "diminta", "isi": "  "})
    assert response.status_code == 400
    assert "Tuliskan pembaruan apa yang diminta" in response.content.decode()
    staf.post(url, {"aksi": "diminta", "isi": "Berapa pengungsi sekarang, dan di mana mereka ditampung?"})
    segera.refresh_from_db()
    assert segera.pembaruan_diminta_pada == HARI
    operator = login(personas["operator_paser"])
    beranda = operator.get(reverse("kesbangpol:beranda")).content.decode()
    assert "Provinsi meminta pembaruan: Bentrok warga" in beranda and "Tulis perkembangannya" in beranda
    # The kab/kota answers with new figures: the request is closed, the province is told.
    mail.outbox.clear()
    response = operator.post(
        reverse("laporan:segera_perbarui", args=[segera.pk]),
        {"isi": "Pengungsi ditampung di balai desa.", "mengungsi": "45", "meninggal": "", "luka": ""},
    )
    assert response.status_code == 302
    segera.refresh_from_db()
    assert (segera.meninggal, segera.luka, segera.mengungsi) == (1, 4, 45)
    assert segera.pembaruan_diminta_pada is None
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin_kaltim@uji.localhost",
        "pimpinan_kaltim@uji.localhost",
        "staf_kaltim@uji.localhost",
    ]
    assert "Tulis perkembangannya" not in operator.get(reverse("kesbangpol:beranda")).content.decode()
    # ... and the request no longer counts in the operator's bell.
    diminta = Notifikasi.objects.get(penerima=personas["operator_paser"], jenis="segera_diminta")
    assert diminta.dibaca is not None
    # National admins see it only once escalated, and are told.
    nasional = login(personas["admin_nasional"])
    assert nasional.get(segera.get_absolute_url()).status_code == 404
    mail.outbox.clear()
    response = login(personas["staf_kaltim"]).post(
        url, {"aksi": "dieskalasi", "isi": "Korban jiwa dan pengungsian lintas kabupaten."}
    )
    assert response.status_code == 302
    assert {m.to[0] for m in mail.outbox} == {"admin_nasional@uji.localhost", "operator_paser@uji.localhost"}
    nasional = login(personas["admin_nasional"])
    assert nasional.get(segera.get_absolute_url()).status_code == 200
    assert "Bentrok warga" in nasional.get(reverse("laporan:segera")).content.decode()
    assert list(segera.catatan.values_list("jenis", flat=True)) == [
        "diketahui",
        "diminta",
        "pembaruan",
        "dieskalasi",
    ]
    page = login(personas["pimpinan_kaltim"]).get(segera.get_absolute_url()).content.decode()
    assert "Dieskalasi ke nasional" in page and "Pengungsi ditampung di balai desa." in page
    assert "pengungsi 45" in page
    # Escalating twice is refused with a message.
    response = login(personas["staf_kaltim"]).post(url, {"aksi": "dieskalasi", "isi": "lagi"})
    assert response.status_code == 400 and "sudah dieskalasi" in response.content.decode()


def test_the_next_quarterly_report_holds_the_incident_once(login, operator_paser, staf_kaltim, segera):
    operator = login(operator_paser)
    assert operator.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 2}).status_code == 302
    laporan = LaporanTriwulan.objects.get(kabkota__kode="64.01", periode__tahun=2026, periode__triwulan=2)
    kejadian = KejadianKonflik.objects.get(laporan=laporan)
    assert kejadian.segera == segera and kejadian.tanggal == datetime.date(2026, 5, 11)
    assert (kejadian.meninggal, kejadian.mengungsi) == (1, 30)
    operator.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 2})
    assert KejadianKonflik.objects.filter(segera=segera).count() == 1
    # A later update's figures follow into the draft; the kejadian cannot be deleted from it.
    operator.post(
        reverse("laporan:segera_perbarui", args=[segera.pk]),
        {"isi": "Satu korban luka meninggal.", "meninggal": "2"},
    )
    kejadian.refresh_from_db()
    assert kejadian.meninggal == 2
    response = operator.post(reverse("laporan:kejadian_hapus", args=[kejadian.pk]), follow=True)
    assert "berasal dari laporan segera" in response.content.decode()
    assert KejadianKonflik.objects.filter(pk=kejadian.pk).exists()
    page = operator.get(segera.get_absolute_url()).content.decode()
    assert f'href="{laporan.get_absolute_url()}#kejadian"' in page


def test_an_incident_filed_while_the_report_is_a_draft_goes_straight_in(login, operator_paser):
    client = login(operator_paser)
    client.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 2})
    response = _lapor(client)
    assert "sudah tercatat di draf laporan triwulan" in client.get(response["Location"]).content.decode()
    assert KejadianKonflik.objects.filter(segera__isnull=False, laporan__periode__triwulan=2).count() == 1


def test_an_incident_of_a_submitted_quarter_enters_when_the_report_comes_back(
    login, operator_paser, staf_kaltim
):
    laporan = factories.laporan("64.01", 2026, 1, status="diajukan")
    client = login(operator_paser)
    _lapor(client, tanggal="2026-03-28", ketelitian_tanggal="minggu")
    assert not KejadianKonflik.objects.exists()
    login(staf_kaltim).post(
        reverse("laporan:periksa", args=[laporan.pk]),
        {"keputusan": "kembalikan", "alasan": "Masukkan kejadian Luan."},
    )
    assert KejadianKonflik.objects.filter(laporan=laporan, segera__isnull=False).count() == 1


def test_list_and_home_queries_do_not_grow_with_incidents(
    login, operator_paser, staf_kaltim, pimpinan_kaltim
):
    """Counted past the home page's thresholds (6 tasks, 5 panel rows), where a count query joins."""
    counts = {}
    for n in (8, 20):
        while LaporanSegera.objects.count() < n:
            _lapor(login(operator_paser), judul=f"Kejadian {LaporanSegera.objects.count()}")
        for user in (staf_kaltim, pimpinan_kaltim):
            c = login(user)
            for url in (reverse("laporan:segera"), reverse("kesbangpol:beranda")):
                with CaptureQueriesContext(connection) as ctx:
                    assert c.get(url).status_code == 200
                counts.setdefault((user.username, url), []).append(len(ctx))
    for key, (kecil, besar) in counts.items():
        assert besar == kecil, (key, kecil, besar)


def test_the_list_filters_and_its_next_page_keeps_the_filter(login, staf_kaltim):
    paser, ppu = (Wilayah.objects.get(kode=k) for k in ("64.01", "64.09"))
    for i in range(27):
        LaporanSegera.objects.create(
            kabkota=paser if i % 9 else ppu, judul=f"Kejadian {i:02}", uraian="x",
            tanggal=datetime.date(2026, 5, 1), mengungsi=i % 2,
        )  # fmt: skip
    client = login(staf_kaltim)
    page = client.get(reverse("laporan:segera") + "?keadaan=korban&kabkota=64.01").content.decode()
    assert page.count('href="/laporan/segera/') == 12  # odd i, not a multiple of 9: 13 with one on PPU
    semua = client.get(reverse("laporan:segera") + "?keadaan=belum").content.decode()
    assert "Halaman 1 dari 2 (27 baris)" in semua
    assert 'href="?keadaan=belum&amp;halaman=2"' in semua


def test_an_incident_heads_both_work_lists_above_what_is_late(login, personas, segera):
    """An incident happening now comes before a late quarterly report: the staff's acknowledgement
    and, once the province asks, the kab/kota's update."""
    factories.laporan("64.02", 2026, 1)  # opens the period: Paser and the rest are late with Q1
    staf = login(personas["staf_kaltim"])
    tugas = daftar_tugas(staf.get("/").content.decode())
    assert tugas[0].startswith("Mendesak Tanggapi laporan segera Kab. Paser: Bentrok warga")
    assert any(t.startswith("Terlambat ") for t in tugas[1:]), tugas
    staf.post(
        reverse("laporan:segera_tanggapi", args=[segera.pk]), {"aksi": "diminta", "isi": "Berapa pengungsi?"}
    )
    tugas = daftar_tugas(login(personas["operator_paser"]).get("/").content.decode())
    assert tugas[0].startswith("Mendesak Provinsi meminta pembaruan: Bentrok warga")
    assert tugas[1].startswith("Terlambat Laporan Triwulan I 2026"), tugas


def test_the_form_starts_at_today_in_the_province_s_time(login, operator_paser):
    """Filed the day it happens: at 01:30 WITA on 12 May it is still 11 May in UTC."""
    with time_machine.travel(datetime.datetime(2026, 5, 11, 17, 30, tzinfo=datetime.UTC), tick=False):
        body = login(operator_paser).get(reverse("laporan:segera_baru")).content.decode()
    assert 'name="tanggal" value="2026-05-12"' in body
