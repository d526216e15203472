"""Completeness and timeliness on a constructed quarter, aggregates, reminders, and query counts."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesbangpol.models import Wilayah
from laporan import ringkasan
from laporan.models import KejadianKonflik, LaporanTriwulan, Periode, PotensiKonflik, triwulan_mundur
from tests import factories

pytestmark = pytest.mark.django_db
S = LaporanTriwulan.Status
HARI = datetime.datetime(2026, 5, 1, 2, tzinfo=datetime.UTC)


def _kirim(lap, tepat: bool, status=S.DITERIMA, nihil=False):
    waktu = datetime.datetime.combine(
        lap.periode.tenggat + datetime.timedelta(days=-2 if tepat else 3), datetime.time(10), datetime.UTC
    )
    LaporanTriwulan.objects.filter(pk=lap.pk).update(
        status=status, nihil=nihil, pertama_diajukan=waktu, diajukan_pada=waktu, tepat_waktu=tepat
    )


def _kuartal_kaltim():
    """10 Kaltim kab/kota in Q1 2026: 6 on time, 2 late, 1 nihil (on time), 1 missing."""
    kodes = [w.kode for w in Wilayah.objects.filter(provinsi__kode="64").order_by("kode")]
    assert len(kodes) == 10
    for i, kode in enumerate(kodes[:9]):
        lap = factories.laporan(kode, 2026, 1)
        if i < 8:
            factories.potensi(
                lap,
                f"Potensi {kode}",
                tingkat=["tinggi", "sedang", "rendah"][i % 3],
                tren="meningkat" if i == 0 else "tetap",
            )
        _kirim(lap, tepat=i < 6 or i == 8, nihil=i == 8, status=S.DIAJUKAN if i % 2 else S.DITERIMA)
    return kodes


def test_completeness_and_timeliness_of_a_constructed_quarter(login, staf_kaltim):
    kodes = _kuartal_kaltim()
    with time_machine.travel(HARI):
        response = login(staf_kaltim).get(reverse("laporan:matriks"), {"tahun": "2026"})
    m = response.context["m"]
    kolom = next(k for k in m["kolom"] if k["periode"].triwulan == 1)
    assert (kolom["lapor"], kolom["tepat"]) == (9, 7)  # nihil on time counts as on time
    assert (kolom["persen_lapor"], kolom["persen_tepat"]) == (90, 70)
    baris = {b["wilayah"].kode: b["sel"][0]["kunci"] for b in m["baris"]}
    assert baris[kodes[9]] == "belum" and baris[kodes[8]] == "nihil"
    assert baris[kodes[6]] == "diterima" and baris[kodes[7]] == "terlambat"
    body = response.content.decode()
    assert "9/10" in body and "7/10" in body


def test_a_returned_report_is_not_counted_as_reported():
    lap = factories.laporan("64.01", 2026, 1)
    _kirim(lap, tepat=True, status=S.DIKEMBALIKAN)
    periode = lap.periode
    kolom = ringkasan.matriks(periode.provinsi, [periode])["kolom"][0]
    assert kolom["lapor"] == 0


def test_reports_still_owed_after_the_due_date_are_marked_for_the_province_and_the_operator(
    login, staf_kaltim, operator_paser
):
    """Missing, draft and returned reports of a quarter past its due date say "lewat tenggat" in the
    matrix and on the operator's list; sent ones, a quarter not yet due, one the province closed and
    one it never opened do not (the rule of the reminders and of the staff's "belum melapor" task)."""
    kodes = [w.kode for w in Wilayah.objects.filter(provinsi__kode="64").order_by("kode")]
    factories.laporan(kodes[0], 2026, 1)  # Paser: a draft, never sent
    _kirim(factories.laporan(kodes[1], 2026, 1), tepat=True, status=S.DIKEMBALIKAN)
    _kirim(factories.laporan(kodes[2], 2026, 1), tepat=False, status=S.DIAJUKAN)
    _kirim(factories.laporan(kodes[3], 2026, 1), tepat=True)
    _kirim(factories.laporan(kodes[4], 2026, 1), tepat=True, nihil=True)
    factories.laporan(kodes[0], 2026, 2)  # a draft of the quarter still running
    ditutup = Periode.objects.untuk(Wilayah.objects.get(kode="64"), 2025, 4)
    Periode.objects.filter(pk=ditutup.pk).update(ditutup=True)
    with time_machine.travel(HARI):  # 1 May 2026: Q1 was due on 10 April, Q2 is due on 10 July
        response = login(staf_kaltim).get(reverse("laporan:matriks"))
        m = response.context["m"]
        label = [k["periode"].label_pendek for k in m["kolom"]]
        lewat = {
            (b["wilayah"].kode, label[i])
            for b in m["baris"]
            for i, c in enumerate(b["sel"])
            if c["lewat_tenggat"]
        }
        assert lewat == {(kode, "TW I 2026") for kode in [kodes[0], kodes[1], *kodes[5:]]}
        assert response.content.decode().count('class="tanda-lewat">lewat tenggat<') == len(lewat) == 7
        operator = login(operator_paser).get(reverse("laporan:beranda"))
    baris = {f"{b['triwulan']}/{b['tahun']}": b["lewat_tenggat"] for b in operator.context["baris"]}
    assert baris["1/2026"] is True and baris["2/2026"] is False and baris["4/2025"] is False
    assert operator.content.decode().count('class="tanda-lewat">lewat tenggat<') == 1
    # The quarter the province closed before Paser opened it says so, and offers nothing to open.
    body = operator.content.decode()
    assert body.count("Ditutup provinsi: tidak menerima laporan baru.") == 1
    assert 'value="2025"><input type="hidden" name="triwulan" value="4">' not in body
    assert 'value="2025"><input type="hidden" name="triwulan" value="3">' in body


def test_aggregates_put_new_and_escalated_first_and_count_by_level(login, staf_kaltim):
    _kuartal_kaltim()
    periode = Periode.objects.get(provinsi__kode="64", tahun=2026, triwulan=1)
    with time_machine.travel(HARI):
        response = login(staf_kaltim).get(reverse("laporan:agregat", args=[periode.pk]))
    a = response.context["a"]
    assert a["jumlah_laporan"] == 9
    assert {label: n for _, label, n in a["per_tingkat"]} == {"Rendah": 2, "Sedang": 3, "Tinggi": 3}
    assert a["daftar"][0].tren == "meningkat"
    only = login(staf_kaltim).get(reverse("laporan:agregat", args=[periode.pk]), {"hanya": "diterima"})
    assert only.context["a"]["jumlah_laporan"] == 5
    assert (
        login(factories.pengguna("staf_x", "staf_provinsi", "61"))
        .get(reverse("laporan:agregat", args=[periode.pk]))
        .status_code
        == 404
    )


def test_each_count_of_the_aggregate_links_to_the_potensi_it_counts(login, staf_kaltim):
    kodes = _kuartal_kaltim()  # 8 potensi: tinggi in kodes 0, 3, 6; only kodes[0]'s is rising
    PotensiKonflik.objects.update(latitude=-1.2, longitude=116.8)
    periode = Periode.objects.get(provinsi__kode="64", tahun=2026, triwulan=1)
    url = reverse("laporan:agregat", args=[periode.pk])
    client = login(staf_kaltim)

    def judul(response):
        return sorted(p.judul.removeprefix("Potensi ") for p in response.context["a"]["daftar"])

    with time_machine.travel(HARI):
        body = client.get(url).content.decode()
        assert 'href="?tingkat=tinggi#potensi">3</a>' in body
        assert f'href="?kabkota={kodes[0]}&amp;tren=baru_naik#potensi">1</a>' in body
        assert f'href="?kabkota={kodes[3]}&amp;tingkat=tinggi#potensi">1</a>' in body
        tinggi = client.get(url, {"tingkat": "tinggi"})
        assert judul(tinggi) == [kodes[0], kodes[3], kodes[6]]
        # The map shows the potensi the list shows (all 8 have coordinates).
        assert sorted(t["judul"].removeprefix("Potensi ") for t in tinggi.context["titik"]) == judul(tinggi)
        assert "3 dari 3 potensi yang ditampilkan memiliki koordinat" in tinggi.content.decode()
        teks = tinggi.content.decode()
        assert "Potensi konflik: Tinggi" in teks and "3 dari 8 potensi periode ini" in teks
        # The counts above stay the period's; only the list is narrowed.
        assert {n for _, label, n in tinggi.context["a"]["per_tingkat"]} == {3, 2}
        assert judul(client.get(url, {"kabkota": kodes[3], "tingkat": "tinggi"})) == [kodes[3]]
        # Two filters that each name a group but no potensi together: an empty list that says so.
        kosong = client.get(url, {"kabkota": kodes[1], "tingkat": "tinggi"})
        assert judul(kosong) == [] and "0 dari 8 potensi periode ini" in kosong.content.decode()
        assert judul(client.get(url, {"kabkota": kodes[0], "tren": "baru_naik"})) == [kodes[0]]
        # Unknown values are ignored: the whole list, no filter named.
        semua = client.get(url, {"tingkat": "bukan", "kabkota": "61.01"})
        assert len(judul(semua)) == 8 and semua.context["a"]["saring"] == []
        # The export of this view carries the same filter.
        csv = client.get(
            reverse("laporan:agregat_ekspor", args=[periode.pk]),
            {"tingkat": "tinggi", "format": "csv", "tabel": "potensi"},
        ).content.decode("utf-8-sig")
        assert sorted(k for k in kodes if f"Potensi {k}" in csv) == [kodes[0], kodes[3], kodes[6]]
        diterima = client.get(url, {"hanya": "diterima"}).content.decode()
        assert 'href="?hanya=diterima&amp;tingkat=' in diterima


def _isi_provinsi(kode_provinsi, periode_list):
    for w in Wilayah.objects.filter(provinsi__kode=kode_provinsi).order_by("kode")[:3]:
        for tahun, tw in periode_list:
            lap = factories.laporan(w.kode, tahun, tw)
            PotensiKonflik.objects.bulk_create(
                PotensiKonflik(laporan=lap, judul=f"P{i}", sumber="sda", bidang="ekonomi", tingkat="sedang")
                for i in range(3)
            )
            _kirim(lap, tepat=True)


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_matrix_and_aggregates_queries_flat_across_periods_and_provinces(login, staf_kaltim):
    client = login(staf_kaltim)
    with time_machine.travel(HARI):
        _isi_provinsi("64", [(2026, 1)])
        periode = Periode.objects.get(provinsi__kode="64", tahun=2026, triwulan=1)
        # The eight quarters the matrix shows exist (a missing one costs the rule's one query).
        Periode.objects.untuk_banyak(periode.provinsi, triwulan_mundur(2026, 2, 8))
        matrix = _queries(client, reverse("laporan:matriks"))
        agg = _queries(client, reverse("laporan:agregat", args=[periode.pk]))
        # 40 periods for Kaltim and 38 provinces' worth of reports elsewhere.
        semua = [(y, t) for y in range(2016, 2026) for t in (1, 2, 3, 4)]
        _isi_provinsi("64", semua)
        for p in Wilayah.objects.provinsi().exclude(kode="64"):
            _isi_provinsi(p.kode, [(2026, 1)])
        assert _queries(client, reverse("laporan:matriks")) == matrix
        assert _queries(client, reverse("laporan:agregat", args=[periode.pk])) == agg
        client.get(reverse("laporan:matriks"), {"tahun": "2018"})
        per_tahun = _queries(client, reverse("laporan:matriks"), {"tahun": "2020"})
        assert per_tahun == _queries(client, reverse("laporan:matriks"), {"tahun": "2018"})


def test_reminders_7_and_1_days_before_then_weekly_with_a_staff_digest(
    operator_paser, operator_ppu, staf_kaltim
):
    lap = factories.laporan("64.01", 2026, 1)
    _kirim(lap, tepat=True, status=S.DIAJUKAN)  # Paser has submitted: no reminder for it
    periode = lap.periode  # due 2026-04-10
    # The job itself creates the earlier quarters too (T IV 2025 is then late): this test is about T I.
    Periode.objects.filter(provinsi__kode="64").exclude(pk=periode.pk).update(ditutup=True)

    def tw1():
        return [m for m in mail.outbox if "Triwulan I 2026" in m.subject]

    call_command("kirim_pengingat_laporan", "--tanggal", "2026-04-03", stdout=io.StringIO())
    Periode.objects.filter(provinsi__kode="64").exclude(pk=periode.pk).update(ditutup=True)
    assert [m.to for m in tw1()] == [["operator_ppu@uji.localhost"]]
    assert "jatuh tempo" in tw1()[0].subject
    mail.outbox.clear()
    call_command("kirim_pengingat_laporan", "--tanggal", "2026-04-05", stdout=io.StringIO())
    assert not tw1()  # not a reminder day
    call_command("kirim_pengingat_laporan", "--tanggal", "2026-04-11", stdout=io.StringIO())
    subjects = sorted(m.subject for m in tw1())
    assert any("terlambat 1 hari" in s for s in subjects)
    digest = next(m for m in tw1() if "belum melapor" in m.subject)
    assert digest.to == ["staf_kaltim@uji.localhost"] and "Penajam Paser Utara" in digest.body
    assert "Kabupaten Paser\n" not in digest.body
    assert periode.tenggat == datetime.date(2026, 4, 10)


def test_reminders_reach_every_province_without_anyone_opening_a_page_and_only_once_a_day(staf_kalbar):
    from kesbangpol.models import Notifikasi

    pontianak = factories.pengguna("operator_pontianak", "operator_kabkota", "61.71")
    assert not Periode.objects.exists()
    call_command("kirim_pengingat_laporan", "--tanggal", "2026-04-03", stdout=io.StringIO())
    # Every province has the current quarter and the two before it.
    assert Periode.objects.filter(tahun=2026, triwulan=1).count() == Wilayah.objects.provinsi().count()
    ke_pontianak = [m for m in mail.outbox if m.to == [pontianak.email]]
    assert [m.subject.split("] ")[-1] for m in ke_pontianak if "Triwulan I 2026" in m.subject] == [
        "Laporan Triwulan I 2026 jatuh tempo 10 April 2026"
    ]
    terkirim, kabar = len(mail.outbox), Notifikasi.objects.count()
    assert Notifikasi.objects.filter(penerima=pontianak, jenis="pengingat_laporan").exists()
    call_command("kirim_pengingat_laporan", "--tanggal", "2026-04-03", stdout=io.StringIO())
    assert len(mail.outbox) == terkirim and Notifikasi.objects.count() == kabar


# --- Excel round-trip ------------------------------------------------------------------------------


def _unggah(client, lap, wb):
    out = io.BytesIO()
    wb.save(out)
    return client.post(
        reverse("laporan:unggah", args=[lap.pk]), {"berkas": SimpleUploadedFile("lap.xlsx", out.getvalue())}
    )


def test_template_round_trip_keeps_identity_and_accepts_choices_in_any_case(login, operator_paser):
    with time_machine.travel(HARI):
        lap = factories.laporan("64.01", 2026, 1)
        lama = factories.potensi(lap, "Sengketa lama")
        client = login(operator_paser)
        wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
        ws = wb["Potensi"]
        assert ws["A2"].value == str(lama.identitas)
        ws["L2"] = "MENINGKAT"
        ws["K2"] = "tinggi"
        ws["N2"], ws["O2"] = "Mediasi oleh camat", "Rapat Forkopimda"  # a tinggi potensi needs both
        ws.append(
            [
                "",
                "Potensi baru",
                "Muara Samu",
                "Luan",
                -1.7,
                116.1,
                "Sengketa sumber daya alam",
                "EKONOMI",
                "",
                "",
                "Sedang",
                "",
                "",
                "",
                "",
            ]
        )
        wb["Kejadian"].append(
            [
                datetime.date(2026, 2, 3),
                "Muara Samu",
                "",
                None,
                None,
                "Warga",
                "Bentrok kecil",
                0,
                2,
                0,
                "",
                "",
            ]
        )
        response = _unggah(client, lap, wb)
    assert response.status_code == 302, response.content.decode()[-3000:]
    items = {p.judul: p for p in lap.potensikonflik.all()}
    assert items["Sengketa lama"].identitas == lama.identitas and items["Sengketa lama"].tren == "meningkat"
    assert items["Sengketa lama"].tingkat == "tinggi" and items["Potensi baru"].sumber == "sda"
    assert lap.kejadiankonflik.get().luka == 2
    # Written in bulk, still with history (who, what) and a new version for the changed item.
    assert items["Sengketa lama"].versi == lama.versi + 1 and items["Potensi baru"].versi == 1
    terakhir = items["Sengketa lama"].history.first()
    assert (terakhir.history_type, terakhir.history_user, terakhir.tren) == ("~", operator_paser, "meningkat")
    assert items["Potensi baru"].history.get().history_user == operator_paser
    assert lap.kejadiankonflik.get().history.get().history_type == "+"


def test_one_bad_row_changes_nothing_and_names_sheet_row_and_column(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1)
    factories.potensi(lap, "Tetap ada")
    client = login(operator_paser)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
    wb["Potensi"].append(["", "Baru", "", "", 48.8, 2.3, "sda", "ekonomi", "", "", "GAWAT", "", "", "", ""])
    wb["Kejadian"].append(["kemarin", "", "", None, None, "", "", "dua", 0, 0, "", ""])
    body = _unggah(client, lap, wb).content.decode()
    assert "Tidak ada yang diubah" in body
    assert "<td>Potensi</td><td>3</td><td>tingkat</td>" in body and "“GAWAT” bukan pilihan yang sah" in body
    # An unknown choice is one message, not also "cannot be empty".
    assert body.count("<td>Potensi</td><td>3</td><td>tingkat</td>") == 1 and "tidak boleh kosong" not in body
    assert "di luar wilayah Indonesia" in body
    assert "<td>Kejadian</td><td>2</td><td>tanggal</td>" in body and "“dua” bukan angka" in body
    assert [p.judul for p in lap.potensikonflik.all()] == ["Tetap ada"]


def test_the_template_s_instructions_speak_of_its_own_quarter(login, operator_paser):
    lap = factories.laporan("64.01", 2025, 3)
    client = login(operator_paser)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
    petunjuk = [r[0] for r in wb["Petunjuk"].iter_rows(values_only=True) if r and r[0]]
    assert petunjuk[0] == "Laporan Triwulan III 2025 — Kabupaten Paser. Tenggat 10 Oktober 2025."
    kejadian = next(p for p in petunjuk if p.startswith("Lembar Kejadian"))
    assert "Triwulan III 2025 (1 Juli – 30 September 2025)" in kejadian and "2025-07-17" in kejadian


def test_a_latitude_that_is_not_a_number_is_one_message_even_for_a_point(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1)
    client = login(operator_paser)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
    ws = wb["Potensi"]
    kolom = [c.value for c in ws[1]]
    isi = {"judul": "Baru", "latitude": "abc", "longitude": 116.2, "sumber": "sda", "bidang": "ekonomi",
           "tingkat": "sedang", "ketelitian_lokasi": "Titik koordinat"}  # fmt: skip
    ws.append([isi.get(k, "") for k in kolom])
    body = _unggah(client, lap, wb).content.decode()
    assert "“abc” bukan angka" in body
    assert body.count("<td>Potensi</td><td>2</td><td>latitude</td>") == 1
    assert "memerlukan lintang dan bujur" not in body
    assert not lap.potensikonflik.exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"judul,tingkat\nA,tinggi\n", "bukan jenis yang diterima"),
        (lambda: _wb_with(lambda wb: wb["Potensi"].delete_cols(2)), "Kolom wajib tidak ada: judul"),
        (
            lambda: _wb_with(
                lambda wb: wb["Potensi"].append(
                    ["", '=HYPERLINK("x")', "", "", None, None, "sda", "ekonomi", "", "", "rendah"]
                )
            ),
            "Sel berisi rumus",
        ),
        (
            lambda: _wb_with(
                lambda wb: [
                    wb["Potensi"].append(
                        ["", f"P{i}", "", "", None, None, "sda", "ekonomi", "", "", "rendah"]
                    )
                    for i in range(1001)
                ]
            ),
            "lebih dari 1000 baris",
        ),
    ],
    ids=["csv", "wrong-columns", "formula", "too-many-rows"],
)
def test_broken_uploads_are_refused_with_a_message(login, operator_paser, make, message):
    lap = factories.laporan("64.01", 2026, 1)
    factories.potensi(lap, "Tetap ada")
    data = make()
    response = login(operator_paser).post(
        reverse("laporan:unggah", args=[lap.pk]), {"berkas": SimpleUploadedFile("lap.xlsx", data)}
    )
    assert message in response.content.decode()
    assert [p.judul for p in lap.potensikonflik.all()] == ["Tetap ada"]


def _wb_with(change):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Potensi"
    from laporan.impor import KEJADIAN, POTENSI

    ws.append(POTENSI)
    wb.create_sheet("Kejadian").append(KEJADIAN)
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_period_page_shows_figures_first_and_says_what_the_pdf_leaves_out(
    login, staf_kaltim, pimpinan_kaltim
):
    lap = factories.laporan("64.01", 2026, 1, status=S.DITERIMA)
    factories.laporan("64.02", 2026, 1, status=S.DIAJUKAN)
    factories.laporan("64.03", 2026, 1, status=S.DRAF)
    body = login(staf_kaltim).get(reverse("laporan:agregat", args=[lap.periode_id])).content.decode()
    catatan = body.split('data-testid="catatan-diterima"', 1)[1].split("</p>", 1)[0]
    assert (
        "1 dari 2 laporan yang masuk sudah diterima</strong>; 1 yang belum diterima tidak masuk PDF"
        in catatan
    )
    assert "Periksa dulu laporan yang menunggu" in catatan
    assert body.index("Menurut kabupaten/kota") < body.index("Buat ringkasan PDF")
    # Pimpinan may order it too and read the same note, without a step that is not theirs.
    body = login(pimpinan_kaltim).get(reverse("laporan:agregat", args=[lap.periode_id])).content.decode()
    catatan = body.split('data-testid="catatan-diterima"', 1)[1].split("</p>", 1)[0]
    assert "tidak masuk PDF sampai staf provinsi memeriksa dan menerimanya" in catatan
    assert "Periksa dulu" not in catatan and "Buat ringkasan PDF" in body


def test_aggregates_count_each_kabkota_events_points_and_order_exactly():
    """Pinned after a mutation run (mutmut 2.5.1 over laporan/ringkasan.py) changed each of these
    and the suite still passed: per-kab/kota counts and their order, casualty sums, map points, the
    order of the list, zero rows for absent choices, and that submitted reports count by default."""
    paser, ppu = factories.laporan("64.01", 2026, 1), factories.laporan("64.09", 2026, 1)
    factories.potensi(paser, "P tinggi baru", tingkat="tinggi", tren="baru", latitude=-1.9, longitude=116.2)
    factories.potensi(paser, "P rendah tetap", tingkat="rendah", tren="tetap")
    factories.potensi(paser, "P sedang meningkat", tingkat="sedang", tren="meningkat")
    factories.potensi(paser, "P sedang tetap", tingkat="sedang", tren="tetap")
    factories.potensi(ppu, "Q tinggi tetap", tingkat="tinggi", tren="tetap")
    factories.potensi(ppu, "Q tinggi dua", tingkat="tinggi", tren="tetap")
    factories.potensi(ppu, "Q sedang tetap", tingkat="sedang", tren="tetap")
    for lap, meninggal, luka, mengungsi in ((paser, 1, 2, 3), (ppu, 0, 4, 10)):
        k = KejadianKonflik(
            laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian="x", meninggal=meninggal, luka=luka,
            mengungsi=mengungsi,
        )  # fmt: skip
        k.save(lewati_kunci=True)
    _kirim(paser, tepat=True, status=S.DIAJUKAN)
    _kirim(ppu, tepat=False, status=S.DITERIMA)
    kukar = factories.laporan("64.02", 2026, 1)
    factories.potensi(kukar, "R tinggi tetap", tingkat="tinggi", tren="tetap")
    _kirim(kukar, tepat=True, status=S.DITERIMA)
    periode = paser.periode
    a = ringkasan.agregat(periode.provinsi, periode)  # submitted and accepted both count by default
    assert a["jumlah_laporan"] == 3
    assert [
        (r["laporan__kabkota__kode"], r["tinggi"], r["sedang"], r["rendah"], r["baru_naik"], r["total"])
        for r in a["per_kabkota"]
    ] == [  # most tinggi first; on a tie, more items first
        ("64.09", 2, 1, 0, 0, 3),
        ("64.01", 1, 2, 1, 2, 4),
        ("64.02", 1, 0, 0, 0, 1),
    ]
    assert a["korban"] == {"meninggal": 1, "luka": 6, "mengungsi": 13, "jumlah": 2}
    assert ringkasan.titik_peta(a["daftar"]) == [
        {
            "lat": -1.9,
            "lng": 116.2,
            "judul": "P tinggi baru",
            "tingkat": "tinggi",
            "wilayah": "Kab. Paser",
            "sumber": "Sengketa sumber daya alam",
            "pihak": "",
            "verifikasi": "Terkonfirmasi satu sumber",
        }
    ]
    # New and rising first, then by level (tinggi, sedang, rendah), then kab/kota.
    assert [p.judul for p in a["daftar"]] == [
        "P tinggi baru", "P sedang meningkat", "R tinggi tetap", "Q tinggi tetap", "Q tinggi dua",
        "P sedang tetap", "Q sedang tetap", "P rendah tetap",
    ]  # fmt: skip
    tren = {nilai: n for nilai, _, n in a["per_tren"]}
    assert tren["selesai"] == 0 and tren["tetap"] == 6
    assert ringkasan.agregat(periode.provinsi, periode, hanya_diterima=True)["jumlah_laporan"] == 2
    # The matrix marks the late submission, and only it.
    m = ringkasan.matriks(periode.provinsi, [periode])
    telat = {b["wilayah"].kode: b["sel"][0]["terlambat"] for b in m["baris"]}
    assert telat["64.09"] is True and telat["64.01"] is False and telat["64.02"] is False
    # The level chart counts submitted reports by default too.
    svg = str(ringkasan.grafik_tingkat(periode.provinsi, [periode]))
    assert str(ringkasan.grafik_tingkat(periode.provinsi, [periode], hanya_diterima=True)) != svg
