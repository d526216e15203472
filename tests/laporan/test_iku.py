"""Planning synchronisation: the IKU register's Excel round trip (all or nothing, every bad row and
column named), the province ↔ kab/kota alignment matrix (linked, target gap, missing), turning a
misalignment into a rekomendasi, and who sees and changes which register."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesbangpol.models import Wilayah
from laporan.models import Indikator, LaporanTriwulan, TargetIndikator
from rakor.models import Rakor
from rekomendasi.models import Penugasan, Rekomendasi
from tests import factories
from tests.conftest import perlu_postgresql, serentak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kabar_per_permintaan")]
RENSTRA = "2025-2029"
KOLOM = [
    "kode", "nama", "definisi", "satuan", "arah", "tahun_dasar", "nilai_dasar", "target_2025", "target_2026",
    "target_2027", "target_2028", "target_2029", "sumber_data", "frekuensi", "bidang", "kode_nasional",
    "kode_sipd", "kode_iku_provinsi",
]  # fmt: skip


def _iku(kode_wilayah, kode, target, induk=None, arah="naik", nama=None):
    i = Indikator.objects.create(
        wilayah=Wilayah.objects.get(kode=kode_wilayah), renstra_mulai=2025, renstra_selesai=2029, kode=kode,
        nama=nama or f"Konflik tertangani {kode_wilayah}", satuan="persen", arah=arah, induk=induk,
    )  # fmt: skip
    for n, v in enumerate(target):
        TargetIndikator.objects.create(indikator=i, tahun=2025 + n, nilai=v)
    return i


def _xlsx(rows, kolom=KOLOM, lembar="IKU") -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = lembar
    ws.append(kolom)
    for r in rows:
        ws.append([r.get(k) for k in kolom])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("iku.xlsx", out.getvalue())


def _unggah(client, kode, berkas):
    return client.post(reverse("laporan:iku_impor"), {"wilayah": kode, "renstra": RENSTRA, "berkas": berkas})


BARIS = {
    "kode": "IKU-1", "nama": "Persentase konflik sosial yang tertangani", "satuan": "persen", "arah": "naik",
    "tahun_dasar": 2024, "nilai_dasar": 80, "target_2025": 82, "target_2026": "85,5", "target_2027": 88,
    "target_2028": 90, "target_2029": 92, "frekuensi": "tahunan", "kode_iku_provinsi": "IKU-2",
}  # fmt: skip


# --- The register and its Excel round trip ------------------------------------------------------------


def test_a_kabkota_uploads_its_register_links_it_and_the_template_brings_it_back(login, operator_paser):
    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    client = login(operator_paser)
    kosong = client.get(reverse("laporan:iku") + f"?renstra={RENSTRA}")
    assert kosong.status_code == 200 and "Belum ada IKU untuk Renstra 2025–2029" in kosong.content.decode()
    # Said in a paragraph of its own: as an empty row of the wide table it was cut off on a phone.
    assert 'data-testid="register-iku"' not in kosong.content.decode()
    response = _unggah(client, "64.01", _xlsx([BARIS, {**BARIS, "kode": "IKU-2", "kode_iku_provinsi": ""}]))
    assert response.status_code == 302
    i = Indikator.objects.get(wilayah__kode="64.01", kode="IKU-1")
    assert i.induk == induk and i.tahun_dasar == 2024 and i.frekuensi == "tahun"
    assert dict(i.target.values_list("tahun", "nilai")) == {
        2025: Decimal("82.00"), 2026: Decimal("85.50"), 2027: Decimal("88.00"), 2028: Decimal("90.00"),
        2029: Decimal("92.00"),
    }  # fmt: skip
    halaman = client.get(response["Location"]).content.decode()
    assert "tersimpan: 2 indikator baru, 0 diperbarui" in halaman and "85,50" in halaman
    # On a phone each row stacks, each year's target named by its year.
    assert '<td class="text-end" data-label="2026">85,50</td>' in halaman
    assert "IKU-2 <span" in halaman and "Belum ditautkan" in halaman
    # The template carries the register back; uploaded again with a change, it updates in place.
    templat = client.get(reverse("laporan:iku_templat") + f"?renstra={RENSTRA}")
    ws = openpyxl.load_workbook(io.BytesIO(templat.content))["IKU"]
    kolom = [c.value for c in ws[1]]
    baris = [dict(zip(kolom, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    assert [b["kode"] for b in baris] == ["IKU-1", "IKU-2"] and baris[0]["kode_iku_provinsi"] == "IKU-2"
    baris[0]["target_2029"] = 95
    assert _unggah(client, "64.01", _xlsx(baris, kolom)).status_code == 302
    assert Indikator.objects.filter(wilayah__kode="64.01").count() == 2
    assert i.target.get(tahun=2029).nilai == 95 and i.history.count() >= 2


def test_each_kind_of_bad_row_is_named_and_nothing_is_saved(login, operator_paser):
    _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    client = login(operator_paser)
    salah = [
        {**BARIS, "kode": "", "nama": ""},  # row 2: required
        {**BARIS, "kode": "IKU-3", "arah": "ke atas"},  # 3
        {**BARIS, "kode": "IKU-4", "target_2027": "delapan puluh"},  # 4
        {**BARIS, "kode": "IKU-5", "kode_iku_provinsi": "IKU-99"},  # 5
        {**BARIS, "kode": "IKU-3"},  # 6: duplicate
        {**BARIS, "kode": "IKU-6", "frekuensi": "bulanan", "tahun_dasar": 1990},  # 7
        {**BARIS, "kode": "IKU-7", "nama": '=HYPERLINK("x")'},  # 8: a formula
        BARIS,  # a good row is not saved either
    ]
    response = _unggah(client, "64.01", _xlsx(salah))
    teks = response.content.decode()
    assert response.status_code == 400 and not Indikator.objects.filter(wilayah__kode="64.01").exists()
    for potongan in (
        "<td>2</td><td>kode</td><td>Wajib diisi.</td>",
        "<td>2</td><td>nama</td><td>Wajib diisi.</td>",
        "<td>3</td><td>arah</td><td>“ke atas” bukan arah. Tulis naik atau turun.</td>",
        "<td>4</td><td>target_2027</td><td>“delapan puluh” bukan angka.</td>",
        "<td>5</td><td>kode_iku_provinsi</td><td>IKU provinsi IKU-99 tidak ada di Renstra 2025–2029",
        "<td>6</td><td>kode</td><td>Kode IKU-3 sudah dipakai di baris 3.</td>",
        "<td>7</td><td>frekuensi</td>",
        "<td>7</td><td>tahun_dasar</td><td>Tahun dasar harus antara 2000 dan 2025.</td>",
        "<td>8</td><td>nama</td><td>Sel berisi rumus.",
        "Tidak ada yang disimpan.",
    ):
        assert potongan in teks, potongan
    response = _unggah(client, "64.01", _xlsx([BARIS], kolom=[*KOLOM, "warna"]))
    assert response.status_code == 400 and "Kolom tidak dikenal: warna" in response.content.decode()
    response = _unggah(client, "64.01", SimpleUploadedFile("iku.xlsx", b"bukan excel"))
    assert response.status_code == 400 and not Indikator.objects.filter(wilayah__kode="64.01").exists()
    response = _unggah(client, "64", _xlsx([BARIS]))
    assert response.status_code == 404  # the province's register is not the operator's


def test_who_sees_and_who_changes_a_register(client, login, personas):
    _iku("64.01", "IKU-1", [1, 2, 3, 4, 5], nama="Register PASERIKU")
    url = reverse("laporan:iku") + "?wilayah=64.01"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    for nama in ("operator_ppu", "staf_kalbar", "tanpa_instansi"):
        c = login(personas[nama])
        response = c.get(url)
        assert response.status_code == 404 and "PASERIKU" not in response.content.decode(), nama
        assert c.get(reverse("laporan:iku_templat") + "?wilayah=64.01").status_code == 404, nama
        assert _unggah(c, "64.01", _xlsx([BARIS])).status_code == 404, nama
    for nama in ("operator_paser", "staf_kaltim", "pimpinan_kaltim", "admin_nasional"):
        assert "PASERIKU" in login(personas[nama]).get(url).content.decode(), nama
    pimpinan = login(personas["pimpinan_kaltim"])
    assert "Perbarui register dari Excel" not in pimpinan.get(url).content.decode()
    assert _unggah(pimpinan, "64.01", _xlsx([BARIS])).status_code == 403
    assert Indikator.objects.count() == 1
    daftar = (
        login(personas["admin_kaltim"]).get(reverse("admin:laporan_indikator_changelist")).content.decode()
    )
    assert "PASERIKU" in daftar
    # Provincial staff keep a kab/kota's register during a sinkronisasi.
    staf = login(personas["staf_kaltim"])
    assert _unggah(staf, "64.01", _xlsx([{**BARIS, "kode_iku_provinsi": ""}])).status_code == 302
    assert Indikator.objects.get().nama == BARIS["nama"]
    assert "PASERIKU" not in login(personas["staf_kalbar"]).get(reverse("laporan:iku")).content.decode()


# --- The alignment matrix -------------------------------------------------------------------------


def _provinsi_contoh():
    """Kaltim's IKU-1 (higher is better) and IKU-2 (lower is better): Paser supports IKU-1 in full,
    PPU below the province's 2027 target, Kutai Kartanegara not at all; PPU supports IKU-2 with a
    target above what the province allows in 2029."""
    iku1 = _iku("64", "IKU-1", [80, 82, 84, 86, 88])
    iku2 = _iku("64", "IKU-2", [10, 9, 8, 7, 6], arah="turun", nama="Jumlah konflik terbuka")
    _iku("64.01", "K-1", [80, 82, 84, 86, 90], induk=iku1)
    _iku("64.09", "K-1", [80, 82, 83, 86, 88], induk=iku1)
    _iku("64.09", "K-2", [10, 9, 8, 7, 7], induk=iku2, arah="turun")
    return iku1, iku2


def test_the_matrix_shows_linked_gap_and_missing_with_counts(login, staf_kaltim):
    iku1, _ = _provinsi_contoh()
    response = login(staf_kaltim).get(reverse("laporan:iku_keselarasan"))
    m = response.context["m"]
    baris = {b["indikator"].kode: b for b in m["baris"]}
    sel = {s.kabkota.kode: s for s in baris["IKU-1"]["sel"]}
    assert (
        sel["64.01"].keadaan == "selaras"
        and sel["64.09"].keadaan == "celah"
        and sel["64.09"].tahun_celah == [2027]
    )
    assert sel["64.02"].keadaan == "belum"
    assert (baris["IKU-1"]["selaras"], baris["IKU-1"]["celah"]) == (1, 1)
    sel2 = {s.kabkota.kode: s for s in baris["IKU-2"]["sel"]}
    assert sel2["64.09"].keadaan == "celah" and sel2["64.09"].tahun_celah == [2029]
    teks = response.content.decode()
    assert "Target di bawah kebutuhan" in teks and "tahun 2027" in teks and "1/10" in teks
    assert "?wilayah=64.09&amp;renstra=2025-2029" in teks  # each cell links to the register behind it


def test_the_matrix_is_for_province_users_and_its_queries_do_not_grow(login, personas):
    _provinsi_contoh()
    assert login(personas["operator_paser"]).get(reverse("laporan:iku_keselarasan")).status_code == 404
    assert (
        "Kalimantan Barat"
        in login(personas["staf_kalbar"]).get(reverse("laporan:iku_keselarasan")).content.decode()
    )
    staf = login(personas["staf_kaltim"])

    def kueri():
        with CaptureQueriesContext(connection) as ctx:
            assert staf.get(reverse("laporan:iku_keselarasan")).status_code == 200
        return len(ctx)

    sedikit = kueri()
    induk = _iku("64", "IKU-9", [1, 2, 3, 4, 5])
    for kode in ("64.02", "64.03", "64.07", "64.08", "64.11"):
        _iku(kode, "K-9", [1, 2, 3, 4, 5], induk=induk)
    assert kueri() == sedikit


# --- A misalignment becomes a rekomendasi --------------------------------------------------------------


def test_staff_turn_a_gap_into_a_rekomendasi_assigned_to_the_kabkota(login, personas):
    iku1, _ = _provinsi_contoh()
    rakor = factories.rakor(
        "64", judul="Rakor Sinkronisasi Perencanaan Kaltim", jenis=Rakor.Jenis.SINKRONISASI
    )
    factories.rekomendasi(rakor, 1, "Butir yang sudah ada", kode_kantor=())
    staf = login(personas["staf_kaltim"])
    halaman = staf.get(reverse("laporan:iku_keselarasan")).content.decode()
    assert "Jadikan rekomendasi" in halaman and "Rakor Sinkronisasi Perencanaan Kaltim" in halaman
    data = {"indikator": iku1.pk, "kabkota": "64.09", "rakor": rakor.pk}
    response = staf.post(reverse("laporan:iku_rekomendasi"), data)
    rek = Rekomendasi.objects.get(rakor=rakor, nomor=2)
    assert response["Location"] == rek.get_absolute_url()
    assert "Kabupaten Penajam Paser Utara menyesuaikan target IKU" in rek.isi and "tahun 2027" in rek.isi
    assert list(rek.penugasan.values_list("instansi__wilayah__kode", flat=True)) == ["64.09"]
    staf.post(reverse("laporan:iku_rekomendasi"), {**data, "kabkota": "64.02"})
    assert "menetapkan IKU yang mendukung IKU-1" in Rekomendasi.objects.get(rakor=rakor, nomor=3).isi
    assert login(personas["operator_ppu"]).get(reverse("rekomendasi:saya"), follow=True).status_code == 200
    assert Penugasan.objects.filter(instansi__wilayah__kode="64.09", rekomendasi__rakor=rakor).exists()
    # Read-only roles, operators, other provinces, other kinds of rakor: refused, nothing created.
    jumlah = Rekomendasi.objects.count()
    assert (
        login(personas["pimpinan_kaltim"]).post(reverse("laporan:iku_rekomendasi"), data).status_code == 403
    )
    assert login(personas["operator_ppu"]).post(reverse("laporan:iku_rekomendasi"), data).status_code == 403
    assert login(personas["staf_kalbar"]).post(reverse("laporan:iku_rekomendasi"), data).status_code == 404
    tahunan = factories.rakor("64", judul="Rakor tahunan")
    response = staf.post(reverse("laporan:iku_rekomendasi"), {**data, "rakor": tahunan.pk})
    assert response.status_code == 404 and Rekomendasi.objects.count() == jumlah


# --- Quarterly realisation inside the laporan triwulan -------------------------------------------------


def test_realisation_is_entered_in_the_report_locked_on_acceptance_and_read_by_the_province(login, personas):
    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    triwulanan = _iku("64.01", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    Indikator.objects.filter(pk=triwulanan.pk).update(frekuensi="triwulan")
    turun = _iku("64.01", "IKU-2", [10, 9, 8, 7, 6], arah="turun", nama="Konflik terbuka Paser")
    Indikator.objects.filter(pk=turun.pk).update(frekuensi="semester")
    _iku("64.01", "IKU-3", [1, 2, 3, 4, 5], nama="Tahunan PASERTAHUNAN")  # yearly: TW IV only
    lap = factories.laporan("64.01", 2026, 2)
    operator = login(personas["operator_paser"])
    halaman = operator.get(lap.get_absolute_url()).content.decode()
    assert "Capaian IKU triwulan ini (2)" in halaman and "PASERTAHUNAN" not in halaman
    # On a phone each indicator stacks: its target, the fields and the achievement named and in view.
    assert halaman.count('<td data-label="Realisasi"><input') == 2
    url = reverse("laporan:realisasi", args=[lap.pk])
    response = operator.post(url, {f"nilai-{triwulanan.pk}": "delapan", f"nilai-{turun.pk}": "8"})
    assert response.status_code == 400 and "IKU-1: “delapan” bukan angka." in response.content.decode()
    assert not lap.realisasi.exists()  # nothing half-saved
    response = operator.post(
        url,
        {
            f"nilai-{triwulanan.pk}": "76,5",
            f"catatan-{triwulanan.pk}": "Dua kasus belum selesai",
            f"nilai-{turun.pk}": "8",
        },
    )
    assert response.status_code == 302
    assert dict(lap.realisasi.values_list("indikator__kode", "nilai")) == {
        "IKU-1": Decimal("76.50"),
        "IKU-2": Decimal("8.00"),
    }
    baris = {r["indikator"].kode: r for r in operator.get(lap.get_absolute_url()).context["realisasi"]}
    assert (
        baris["IKU-1"]["persen"] == Decimal("90.0") and baris["IKU-1"]["kata"] == "Mendekati target"
    )  # 76.5 ÷ 85
    assert (
        baris["IKU-2"]["persen"] == Decimal("112.5") and baris["IKU-2"]["kata"] == "Tercapai"
    )  # 9 ÷ 8, lower is better
    # Others: the province reads it, another kab/kota gets 404, read-only and province roles cannot write.
    assert (
        "Dua kasus belum selesai"
        in login(personas["staf_kaltim"]).get(lap.get_absolute_url()).content.decode()
    )
    assert login(personas["operator_ppu"]).post(url, {f"nilai-{turun.pk}": "1"}).status_code == 404
    assert login(personas["pimpinan_kaltim"]).post(url, {f"nilai-{turun.pk}": "1"}).status_code == 403
    assert login(personas["staf_kaltim"]).post(url, {f"nilai-{turun.pk}": "1"}).status_code == 403
    # Accepted: locked on every route.
    from laporan.models import LaporanTriwulan, RealisasiIndikator, Terkunci

    LaporanTriwulan.objects.filter(pk=lap.pk).update(status="diterima")
    assert login(personas["operator_paser"]).post(url, {f"nilai-{turun.pk}": "1"}).status_code == 403
    r = RealisasiIndikator.objects.get(indikator=turun)
    r.nilai = 1
    with pytest.raises(Terkunci):
        r.save()
    assert RealisasiIndikator.objects.get(indikator=turun).nilai == 8
    halaman = login(personas["operator_paser"]).get(lap.get_absolute_url()).content.decode()
    assert "Simpan realisasi" not in halaman, halaman[halaman.find("Simpan realisasi") - 300 :][:400]
    assert 'data-label="Capaian">112,5% · Tercapai' in halaman


def test_a_report_without_due_indicators_has_no_iku_section_and_it_adds_no_query(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1)
    client = login(operator_paser)
    assert "Capaian IKU" not in client.get(lap.get_absolute_url()).content.decode()

    def kueri():
        with CaptureQueriesContext(connection) as ctx:
            client.get(lap.get_absolute_url())
        return len(ctx)

    tanpa = kueri()
    _iku("64.01", "IKU-1", [1, 2, 3, 4, 5])
    Indikator.objects.update(frekuensi="triwulan")
    sedikit = kueri()
    # The section costs no query of its own: a kab/kota with a register and one without read the same.
    assert sedikit == tanpa
    assert "Capaian IKU triwulan ini (1)" in client.get(lap.get_absolute_url()).content.decode()
    for n in range(2, 8):
        Indikator.objects.filter(pk=_iku("64.01", f"IKU-{n}", [1, 2, 3, 4, 5]).pk).update(
            frekuensi="triwulan"
        )
    assert kueri() == sedikit


def test_the_province_sees_achievement_per_indicator_and_kabkota_from_sent_reports_only(login, personas):
    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    paser = _iku("64.01", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    ppu = _iku("64.09", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    Indikator.objects.update(frekuensi="triwulan")
    from laporan.models import RealisasiIndikator

    for kab, i, nilai, status in (("64.01", paser, 90, "diajukan"), ("64.09", ppu, 50, "draf")):
        lap = factories.laporan(kab, 2026, 2)
        RealisasiIndikator.objects.create(laporan=lap, indikator=i, nilai=nilai)
        type(lap).objects.filter(pk=lap.pk).update(status=status)
    staf = login(personas["staf_kaltim"])
    response = staf.get(reverse("laporan:iku_capaian") + "?periode=2026-2")
    baris = response.context["m"]["baris"][0]
    sel = {s["kabkota"].kode: s for s in baris["sel"]}
    assert sel["64.01"]["kelas"] == "sel-diterima" and sel["64.01"]["isi"][0]["persen"] == Decimal("105.9")
    assert sel["64.09"]["isi"] == []  # a draft is not reported yet
    assert (baris["tercapai"], baris["melapor"]) == (1, 1)
    assert "105,9%" in response.content.decode()
    assert login(personas["operator_paser"]).get(reverse("laporan:iku_capaian")).status_code == 404
    kalbar = (
        login(personas["staf_kalbar"])
        .get(reverse("laporan:iku_capaian") + "?periode=2026-2")
        .content.decode()
    )
    assert "105,9" not in kalbar and "Kalimantan Barat" in kalbar


def test_an_empty_cell_says_whether_nothing_supports_the_row_nothing_is_due_or_a_figure_is_missing(
    login, staf_kaltim
):
    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92])
    _iku("64", "IKU-3", [1, 2, 3, 4, 5])  # nothing supports it
    tahunan = _iku("64.01", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    semester = _iku("64.09", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    triwulan = _iku("64.72", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    Indikator.objects.filter(pk=tahunan.pk).update(frekuensi="tahun")
    Indikator.objects.filter(pk=semester.pk).update(frekuensi="semester")
    Indikator.objects.filter(pk=triwulan.pk).update(frekuensi="triwulan")
    factories.laporan("64.01", 2026, 1)
    staf = login(staf_kaltim)

    def sel(periode):
        response = staf.get(reverse("laporan:iku_capaian") + f"?periode={periode}")
        iku2, iku3 = response.context["m"]["baris"]
        isi = {s["kabkota"].kode: (s["kelas"], *s["kosong"]) for s in iku2["sel"]}
        return response.content.decode(), isi, {s["kosong"][0] for s in iku3["sel"]}

    teks, isi, iku3 = sel("2026-1")
    assert isi["64.01"] == ("text-body-secondary", "Belum waktunya", "tahunan: Triwulan IV")
    assert isi["64.09"] == ("text-body-secondary", "Belum waktunya", "semesteran: Triwulan II dan IV")
    assert isi["64.72"] == ("sel-belum", "Belum dilaporkan", "")
    assert isi["64.02"][1] == "Belum ditautkan" and iku3 == {"Belum ditautkan"}
    assert "tahunan: Triwulan IV" in teks and "tidak ada IKU yang mendukungnya" in teks
    assert "yang melapor (dari 1 yang wajib)" in teks and "yang melapor; belum ditautkan" in teks
    factories.laporan("64.01", 2026, 2)
    _teks, isi, _ = sel("2026-2")  # the semester figure is due now
    assert isi["64.09"] == ("sel-belum", "Belum dilaporkan", "")
    assert isi["64.01"][1:] == ("Belum waktunya", "tahunan: Triwulan IV")


def test_the_governors_summary_names_the_iku_achievement_and_the_kabkota_that_lag(
    login, staf_kaltim, django_capture_on_commit_callbacks
):
    from kesbangpol.models import Dokumen
    from laporan.models import RealisasiIndikator
    from tests.kesbangpol.test_dokumen import _diterima, _minta, _teks

    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92], nama="Persentase konflik sosial yang tertangani")
    paser = _iku("64.01", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    ppu = _iku("64.09", "IKU-1", [82, 85, 88, 90, 92], induk=induk)
    _iku("64", "IKU-3", [1, 2, 3, 4, 5], nama="Persentase ormas aktif")  # nothing supports it
    Indikator.objects.update(frekuensi="triwulan")
    for kode, i, nilai in (("64.01", paser, 86), ("64.09", ppu, 51)):
        lap = _diterima(kode, f"Sengketa {kode}")
        RealisasiIndikator.objects.bulk_create([RealisasiIndikator(laporan=lap, indikator=i, nilai=nilai)])
    _minta(login(staf_kaltim), lap.periode, django_capture_on_commit_callbacks)
    job = Dokumen.objects.get(jenis="ringkasan_gubernur")
    teks = _teks(job.berkas.read())
    assert "IX. Capaian indikator kinerja utama" in teks
    assert (
        "IKU-2 Persentase konflik sosial yang tertangani 2 dari 2 1 Kabupaten Penajam Paser Utara (60,0%)"
    ) in teks
    assert "IKU-3 Persentase ormas aktif belum ditautkan 0 —" in teks


# --- A sinkronisasi rakor records the agreed alignment --------------------------------------------------


def test_a_planning_rakor_records_the_agreed_alignment_on_its_page_register_and_report(
    login, personas, django_capture_on_commit_callbacks
):
    from laporan.models import KesepakatanIKU
    from tests.kesbangpol.test_dokumen import _teks

    induk = _iku("64", "IKU-2", [82, 85, 88, 90, 92], nama="Persentase konflik sosial yang tertangani")
    ppu = _iku("64.09", "IKU-1", [80, 85, 88, 90, 92], nama="Konflik tertangani PPU")
    rakor = factories.rakor(
        "64", judul="Rakor Sinkronisasi Perencanaan Kaltim", jenis=Rakor.Jenis.SINKRONISASI
    )
    staf = login(personas["staf_kaltim"])
    halaman = staf.get(rakor.get_absolute_url()).content.decode()
    assert "Keselarasan IKU yang disepakati (0)" in halaman and "Catat kesepakatan" in halaman
    url = reverse("laporan:iku_sepakat", args=[rakor.pk])
    data = {"indikator": ppu.pk, "induk": induk.pk, "catatan": "Target 2025 dinaikkan ke 82%."}
    response = staf.post(url, data, follow=True)
    assert "Kesepakatan dicatat: Kab. Penajam Paser Utara IKU-1 mendukung IKU-2" in response.content.decode()
    ppu.refresh_from_db()
    assert ppu.induk == induk and ppu.history.count() == 2
    halaman = staf.get(rakor.get_absolute_url()).content.decode()
    assert "Keselarasan IKU yang disepakati (1)" in halaman and "Target 2025 dinaikkan ke 82%." in halaman
    # PPU's operator, invited, reads the agreement; the section links to PPU's own register, not to
    # the province's matrix (a 404 for kab/kota users).
    factories.peserta_banyak(rakor, 1, "64.09")
    operator = login(personas["operator_ppu"])
    halaman = operator.get(rakor.get_absolute_url()).content.decode()
    assert "Target 2025 dinaikkan ke 82%." in halaman and "Catat kesepakatan" not in halaman
    assert reverse("laporan:iku_keselarasan") not in halaman and reverse("laporan:iku") in halaman
    staf = login(personas["staf_kaltim"])
    m = staf.get(reverse("laporan:iku_keselarasan")).context["m"]
    assert {s.kabkota.kode: s.keadaan for s in m["baris"][0]["sel"]}["64.09"] == "celah"
    # The rakor's report carries it.
    from kesbangpol.models import Dokumen

    with django_capture_on_commit_callbacks(execute=True):
        staf.post(reverse("rakor:laporan_hasil", args=[rakor.pk]))
    teks = _teks(Dokumen.objects.get(jenis="laporan_rakor").berkas.read())
    assert "Keselarasan IKU yang disepakati" in teks and "Target 2025 dinaikkan ke 82%." in teks
    # Refusals: a read-only role, an outsider, a bad choice, another kind of rakor; nothing recorded.
    jumlah = KesepakatanIKU.objects.count()
    assert login(personas["pimpinan_kaltim"]).post(url, data).status_code == 403
    assert login(personas["staf_kalbar"]).post(url, data).status_code == 404
    lain = _iku("61.01", "IKU-1", [1, 2, 3, 4, 5])
    response = login(personas["staf_kaltim"]).post(url, {**data, "indikator": lain.pk}, follow=True)
    assert "Kesepakatan belum dicatat." in response.content.decode()
    tahunan = factories.rakor("64", judul="Rakor tahunan Kaltim")
    assert staf.post(reverse("laporan:iku_sepakat", args=[tahunan.pk]), data).status_code == 404
    assert "Keselarasan IKU yang disepakati" not in staf.get(tahunan.get_absolute_url()).content.decode()
    assert KesepakatanIKU.objects.count() == jumlah


def test_the_achievement_pages_queries_do_not_grow_with_kabkota_and_indicators(login, staf_kaltim):
    from laporan.models import RealisasiIndikator

    staf = login(staf_kaltim)
    url = reverse("laporan:iku_capaian") + "?periode=2026-2"

    def isi(kode_induk, kabkota):
        induk = _iku("64", kode_induk, [82, 85, 88, 90, 92])
        for kode in kabkota:
            i = _iku(kode, f"K-{kode_induk}", [82, 85, 88, 90, 92], induk=induk)
            lap = LaporanTriwulan.objects.filter(
                kabkota__kode=kode, periode__tahun=2026, periode__triwulan=2
            ).first()
            lap = lap or factories.laporan(kode, 2026, 2)
            RealisasiIndikator.objects.create(laporan=lap, indikator=i, nilai=80)

    def kueri():
        with CaptureQueriesContext(connection) as ctx:
            assert staf.get(url).status_code == 200
        return len(ctx)

    isi("IKU-1", ["64.01"])
    LaporanTriwulan.objects.update(status="diterima")
    sedikit = kueri()
    LaporanTriwulan.objects.update(status="draf")  # realisations are written while a report is open
    isi("IKU-2", ["64.02", "64.03", "64.07", "64.08"])
    isi("IKU-3", ["64.01", "64.09", "64.11"])
    LaporanTriwulan.objects.update(status="diterima")
    assert kueri() == sedikit


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_the_realisation_keep_one_row_per_indicator(operator_paser):
    """Two officers of one office (or a double click without JavaScript) save the same figures."""
    perlu_postgresql("dua permintaan serentak butuh PostgreSQL")
    indikator = _iku("64.01", "IKU-1", [82, 85, 88, 90, 92])
    Indikator.objects.filter(pk=indikator.pk).update(frekuensi="triwulan")
    lap = factories.laporan("64.01", 2026, 2)

    def simpan(client):
        url = reverse("laporan:realisasi", args=[lap.pk])
        return client.post(url, {f"nilai-{indikator.pk}": "80"}).status_code

    hasil = serentak(operator_paser, simpan, simpan)
    assert hasil == [302, 302]
    assert list(lap.realisasi.values_list("nilai", flat=True)) == [Decimal("80.00")]
