"""Validation before submit: the built-in rules, the province's own rules (two fixed shapes, refusing
or warning), outliers against the kab/kota's own history, the same refusing rules on Excel import
(sheet, row and column named), and the reviewer's *perlu tindak lanjut* marks that follow a potensi
into later quarters."""

import datetime
import io
import re

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesbangpol.models import IzinRahasia, Wilayah
from laporan.models import AturanValidasi, KejadianKonflik, LaporanTriwulan, PotensiKonflik
from tests import factories
from tests.laporan.test_ringkasan import _unggah

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kabar_per_permintaan")]
HARI = datetime.datetime(2026, 4, 5, 1, tzinfo=datetime.UTC)  # Q1 2026 is open, before its due date


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(HARI, tick=False):
        yield


def _aturan(**kwargs):
    return AturanValidasi.objects.create(provinsi=Wilayah.objects.get(kode="64"), **kwargs)


def _kejadian(lap, **extra):
    k = KejadianKonflik(laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian="Bentrok", **extra)
    k.save(lewati_kunci=True)
    return k


def _ajukan(client, lap):
    lap.refresh_from_db()
    return client.post(reverse("laporan:ajukan", args=[lap.pk]), {"versi": lap.versi})


@pytest.mark.parametrize(
    ("isian", "pesan", "kolom"),
    [
        ({"tingkat": "tinggi", "usulan": "Mediasi"}, "wajib menyebut langkah yang telah diambil", "langkah"),
        ({"tingkat": "tinggi", "langkah": "Dialog"}, "wajib menyebut usulan tindakan", "usulan"),
        ({"tren": "selesai"}, "wajib diberi catatan penyelesaian", "langkah"),
    ],
)
def test_each_built_in_rule_refuses_the_submission_names_the_item_and_passes_once_fixed(
    login, operator_paser, isian, pesan, kolom
):
    lap = factories.laporan("64.01", 2026, 1)
    p = factories.potensi(lap, "Sengketa kebun Desa Luan", **isian)
    client = login(operator_paser)
    halaman = client.get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert "Perbaiki dulu (1)" in halaman and "Potensi “Sengketa kebun Desa Luan”: Potensi" in halaman
    assert pesan in halaman and reverse("laporan:potensi_ubah", args=[p.pk]) in halaman
    assert 'type="submit" disabled' in halaman
    response = _ajukan(client, lap)
    assert response.status_code == 400 and pesan in response.content.decode()
    lap.refresh_from_db()
    assert lap.status == "draf" and lap.pertama_diajukan is None
    PotensiKonflik.objects.filter(pk=p.pk).update(**{kolom: "Diisi"})
    assert _ajukan(client, lap).status_code == 302
    lap.refresh_from_db()
    assert lap.status == "diajukan"


def test_a_province_rule_refuses_or_warns_and_another_provinces_rule_does_not_apply(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1)
    k = _kejadian(lap, meninggal=7)
    _aturan(bentuk="wajib", butir="kejadian", kolom="jenis")
    _aturan(bentuk="batas", butir="kejadian", kolom="meninggal", batas=5, keparahan="peringatan")
    AturanValidasi.objects.create(
        provinsi=Wilayah.objects.get(kode="61"), bentuk="wajib", butir="kejadian", kolom="desa"
    )
    client = login(operator_paser)
    halaman = client.get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert "Kejadian 1 Februari 2026: Jenis kejadian wajib diisi (aturan provinsi)." in halaman
    assert (
        "Korban meninggal melebihi 5 (aturan provinsi)" in halaman and "Periksa peringatan ini (1)" in halaman
    )
    assert "Desa/kelurahan wajib" not in halaman
    assert _ajukan(client, lap).status_code == 400
    from laporan.models import JenisKejadian

    KejadianKonflik.objects.filter(pk=k.pk).update(jenis=JenisKejadian.objects.get(kode="BTK.WARGA"))
    halaman = client.get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert "Perbaiki dulu" not in halaman and "Sudah saya periksa, ajukan dan kunci" in halaman
    assert _ajukan(client, lap).status_code == 302  # a warning never refuses


def test_a_rule_must_have_a_coherent_shape():
    from django.core.exceptions import ValidationError

    kaltim = Wilayah.objects.get(kode="64")
    for salah, kolom in (
        ({"bentuk": "wajib", "butir": "potensi", "kolom": "penanganan"}, "kolom"),
        ({"bentuk": "batas", "butir": "kejadian", "kolom": "meninggal"}, "batas"),
        ({"bentuk": "batas", "butir": "potensi", "kolom": "meninggal", "batas": 3}, "kolom"),
        ({"bentuk": "wajib", "butir": "kejadian", "kolom": "desa", "tingkat": "tinggi"}, "tingkat"),
    ):
        with pytest.raises(ValidationError) as exc:
            AturanValidasi(provinsi=kaltim, **salah).full_clean()
        assert kolom in exc.value.message_dict, salah


def test_an_outlier_against_the_kabkotas_own_history_warns_but_does_not_refuse(login, operator_paser):
    for tw in (3, 4):
        lama = factories.laporan("64.01", 2025, tw, status="diterima")
        _kejadian_di(lama, 1)
    lap = factories.laporan("64.01", 2026, 1)
    _kejadian_di(lap, 10)
    client = login(operator_paser)
    halaman = client.get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert (
        "Jumlah kejadian konflik triwulan ini (10) sedikitnya 10 kali rata-rata 2 laporan sebelumnya (1.0)"
        in (halaman)
    )
    assert "Perbaiki dulu" not in halaman
    assert _ajukan(client, lap).status_code == 302
    # Nine is not ten times the usual: no warning.
    lain = factories.laporan("64.01", 2026, 2)
    _kejadian_di(lain, 9, tanggal=datetime.date(2026, 4, 2))
    assert "Periksa peringatan" not in client.get(reverse("laporan:ajukan", args=[lain.pk])).content.decode()


def _kejadian_di(lap, n, tanggal=None):
    for _ in range(n):
        k = KejadianKonflik(laporan=lap, tanggal=tanggal or lap.periode.mulai, uraian="x")
        k.save(lewati_kunci=True)


def test_the_submit_page_queries_do_not_grow_with_the_items(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1)
    _aturan(bentuk="wajib", butir="potensi", kolom="desa", keparahan="peringatan")
    client = login(operator_paser)

    def ukur():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("laporan:ajukan", args=[lap.pk])).status_code == 200
        return len(ctx)

    for i in range(3):
        factories.potensi(lap, f"P{i}")
    sedikit = ukur()
    for i in range(30):
        factories.potensi(lap, f"Q{i}")
    assert ukur() == sedikit


def test_a_rahasia_item_is_named_dirahasiakan_to_an_uncleared_operator(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1)
    factories.potensi(lap, "RAHASIAJUDUL", tingkat="tinggi", klasifikasi="rahasia")
    halaman = login(operator_paser).get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert "Potensi [dirahasiakan]: Potensi bertingkat tinggi" in halaman and "RAHASIAJUDUL" not in halaman
    assert reverse("laporan:potensi_ubah", args=[PotensiKonflik.objects.get().pk]) in halaman
    IzinRahasia.objects.create(provinsi=Wilayah.objects.get(kode="64"), pengguna=operator_paser)
    assert (
        "RAHASIAJUDUL" in login(operator_paser).get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    )


def test_an_import_that_breaks_a_refusing_rule_names_sheet_row_and_column_and_changes_nothing(
    login, operator_paser
):
    lap = factories.laporan("64.01", 2026, 1)
    _aturan(bentuk="wajib", butir="kejadian", kolom="desa")
    _aturan(bentuk="wajib", butir="potensi", kolom="pihak", keparahan="peringatan")  # warns: not refused
    client = login(operator_paser)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
    wb["Potensi"].append(
        ["", "Sengketa tambang", "Muara Samu", "Luan", None, None, "Sengketa sumber daya alam", "Ekonomi", "",
         "", "Tinggi", "", "", "", ""]
    )  # fmt: skip
    wb["Kejadian"].append(
        [datetime.date(2026, 2, 3), "Muara Samu", "", None, None, "", "Bentrok", 0, 0, 0, "", ""]
    )
    response = _unggah(client, lap, wb)
    teks = response.content.decode()
    assert response.status_code == 200 and "Tidak ada yang diubah" in teks
    for baris in (
        ("Potensi", "2", "langkah", "Potensi bertingkat tinggi wajib menyebut langkah yang telah diambil."),
        ("Potensi", "2", "usulan", "Potensi bertingkat tinggi wajib menyebut usulan tindakan."),
        ("Kejadian", "2", "desa", "Desa/kelurahan wajib diisi (aturan provinsi)."),
    ):
        assert all(bagian in teks for bagian in baris), baris
    assert "Pihak yang terlibat wajib" not in teks
    assert not PotensiKonflik.objects.exists() and not KejadianKonflik.objects.exists()


def test_staff_mark_items_for_follow_up_during_review_and_the_mark_follows_the_potensi(
    login, operator_paser, staf_kaltim
):
    lap = factories.laporan("64.01", 2026, 1)
    p = factories.potensi(lap, "Sengketa kebun")
    k = _kejadian(lap)
    LaporanTriwulan.objects.filter(pk=lap.pk).update(status="diajukan", diajukan_oleh=operator_paser)
    staf = login(staf_kaltim)
    page = staf.get(lap.get_absolute_url()).content.decode()
    assert f'name="tl-potensi-{p.pk}"' in page and f'name="tl-kejadian-{k.pk}"' in page
    response = staf.post(
        reverse("laporan:periksa", args=[lap.pk]),
        {"keputusan": "terima", f"catatan-potensi-{p.pk}": "Pantau HGU yang akan habis",
         f"tl-potensi-{p.pk}": "on", f"catatan-kejadian-{k.pk}": ""},
    )  # fmt: skip
    assert response.status_code == 302
    p.refresh_from_db()
    k.refresh_from_db()
    assert (p.perlu_tindak_lanjut, p.catatan_tindak_lanjut) == (True, "Pantau HGU yang akan habis")
    assert not k.perlu_tindak_lanjut
    assert (
        "Perlu tindak lanjut</strong> (tanda provinsi): Pantau HGU"
        in login(operator_paser).get(lap.get_absolute_url()).content.decode()
    )
    # The next quarter's report carries the mark; staff clear it in that review.
    with time_machine.travel(datetime.datetime(2026, 5, 2, 3, tzinfo=datetime.UTC), tick=False):
        login(operator_paser).post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 2})
    baru = PotensiKonflik.objects.get(laporan__periode__triwulan=2)
    assert baru.perlu_tindak_lanjut and baru.catatan_tindak_lanjut == "Pantau HGU yang akan habis"
    LaporanTriwulan.objects.filter(pk=baru.laporan_id).update(status="diajukan", diajukan_oleh=operator_paser)
    staf = login(staf_kaltim)
    staf.post(
        reverse("laporan:periksa", args=[baru.laporan_id]),
        {"keputusan": "kembalikan", "alasan": "Perbarui tren", f"catatan-potensi-{baru.pk}": ""},
    )
    baru.refresh_from_db()
    assert not baru.perlu_tindak_lanjut and baru.catatan_tindak_lanjut == ""


def _dua_triwulan(lalu_status="diterima", tingkat_lalu="sedang", klasifikasi="biasa", **kini):
    """Paser's potensi in its Q4 2025 report (``lalu_status``) and again, same identity, in its Q1
    2026 draft with ``kini``."""
    lama = factories.potensi(
        factories.laporan("64.01", 2025, 4, status=lalu_status), "Sengketa kebun Desa Luan",
        tingkat=tingkat_lalu, klasifikasi=klasifikasi,
    )  # fmt: skip
    lap = factories.laporan("64.01", 2026, 1)
    isian = {"tren": "tetap", "langkah": "Dialog", "usulan": "Mediasi", **kini}
    p = factories.potensi(lap, "Sengketa kebun Desa Luan", identitas=lama.identitas, **isian)
    return lap, p


@pytest.mark.parametrize(
    ("tingkat_lalu", "kini", "pesan"),
    [
        (
            "sedang",
            {"tingkat": "tinggi", "tren": "menurun"},
            "Tingkatnya naik dari sedang pada Triwulan IV 2025 ke tinggi, tetapi trennya Menurun. "
            "Pilih tren Meningkat, atau perbaiki tingkatnya.",
        ),
        (
            "rendah",
            {"tingkat": "sedang", "tren": "tetap"},
            "Tingkatnya naik dari rendah pada Triwulan IV 2025 ke sedang, tetapi trennya Tetap. "
            "Pilih tren Meningkat, atau perbaiki tingkatnya.",
        ),
        (
            "tinggi",
            {"tingkat": "rendah", "tren": "meningkat"},
            "Tingkatnya turun dari tinggi pada Triwulan IV 2025 ke rendah, tetapi trennya Meningkat. "
            "Pilih tren Menurun atau Selesai, atau perbaiki tingkatnya.",
        ),
    ],
)
def test_a_trend_against_the_levels_move_since_last_quarter_refuses_the_submission(
    login, operator_paser, tingkat_lalu, kini, pesan
):
    """The home pages, the signals and the governor's summary count *meningkat* potensi: one that
    rose to *tinggi* reported as *menurun* would be a rise nobody counts."""
    lap, p = _dua_triwulan(tingkat_lalu=tingkat_lalu, **kini)
    client = login(operator_paser)
    halaman = client.get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert "Perbaiki dulu (1)" in halaman and f"Potensi “Sengketa kebun Desa Luan”: {pesan}" in halaman
    assert reverse("laporan:potensi_ubah", args=[p.pk]) in halaman
    response = _ajukan(client, lap)
    assert response.status_code == 400 and pesan in response.content.decode()
    lap.refresh_from_db()
    assert lap.status == "draf" and lap.pertama_diajukan is None
    # The item's form says what the level was, where the trend is chosen.
    formulir = client.get(reverse("laporan:potensi_ubah", args=[p.pk])).content.decode()
    assert f"Pada Triwulan IV 2025 tingkatnya {tingkat_lalu}. Bila kini lebih tinggi" in formulir
    tren = "meningkat" if "naik" in pesan else "selesai"
    PotensiKonflik.objects.filter(pk=p.pk).update(tren=tren)
    assert _ajukan(client, lap).status_code == 302
    lap.refresh_from_db()
    assert lap.status == "diajukan"


@pytest.mark.parametrize(
    ("lalu_status", "tingkat_lalu", "klasifikasi", "kini"),
    [
        ("diterima", "tinggi", "biasa", {"tingkat": "tinggi", "tren": "menurun"}),  # same level: any trend
        ("diterima", "sedang", "biasa", {"tingkat": "rendah", "tren": "menurun"}),
        ("diajukan", "rendah", "biasa", {"tingkat": "tinggi", "tren": "meningkat"}),
        ("draf", "sedang", "biasa", {"tingkat": "tinggi", "tren": "menurun"}),  # never sent: no "before"
        ("dikembalikan", "sedang", "biasa", {"tingkat": "tinggi", "tren": "menurun"}),
        ("diterima", "sedang", "rahasia", {"tingkat": "tinggi", "tren": "menurun"}),  # not the reader's
    ],
)
def test_a_trend_that_agrees_with_the_level_or_has_no_sent_quarter_before_passes(
    login, operator_paser, lalu_status, tingkat_lalu, klasifikasi, kini
):
    lap, _ = _dua_triwulan(lalu_status, tingkat_lalu, klasifikasi, **kini)
    client = login(operator_paser)
    halaman = client.get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert "Perbaiki dulu" not in halaman and "Tingkatnya" not in halaman
    assert _ajukan(client, lap).status_code == 302


def test_a_potensi_reported_last_quarter_marked_baru_warns_but_does_not_refuse(login, operator_paser):
    lap, _ = _dua_triwulan(tren="baru")
    client = login(operator_paser)
    halaman = client.get(reverse("laporan:ajukan", args=[lap.pk])).content.decode()
    assert "Periksa peringatan ini (1)" in halaman and "Perbaiki dulu" not in halaman
    assert (
        "Potensi ini sudah dilaporkan pada Triwulan IV 2025; tren Baru hanya untuk potensi yang pertama "
        "kali dilaporkan." in halaman
    )
    assert _ajukan(client, lap).status_code == 302


def test_an_import_row_whose_trend_contradicts_its_level_names_row_and_column_and_changes_nothing(
    login, operator_paser
):
    lama = factories.potensi(
        factories.laporan("64.01", 2025, 4, status="diterima"), "Sengketa kebun Desa Luan", tingkat="sedang"
    )
    lap = factories.laporan("64.01", 2026, 1)
    client = login(operator_paser)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
    wb["Potensi"].append(
        [str(lama.identitas), "Sengketa kebun Desa Luan", "Muara Samu", "Luan", None, None,
         "Sengketa sumber daya alam", "Ekonomi", "", "", "Tinggi", "Menurun", "", "Dialog", "Mediasi"]
    )  # fmt: skip
    teks = _unggah(client, lap, wb).content.decode()
    assert "Tidak ada yang diubah" in teks
    assert "Tingkatnya naik dari sedang pada Triwulan IV 2025 ke tinggi, tetapi trennya Menurun." in teks
    baris = re.search(r"<tr>(?:(?!</tr>).)*trennya Menurun(?:(?!</tr>).)*</tr>", teks, re.S).group(0)
    assert ">Potensi<" in baris and ">2<" in baris and ">tren<" in baris
    assert not lap.potensikonflik.exists()
    wb["Potensi"]["L2"] = "Meningkat"
    assert _unggah(client, lap, wb).status_code == 302
    assert lap.potensikonflik.get().tren == "meningkat"
