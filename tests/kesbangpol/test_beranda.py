"""The home page is each person's work list: exactly their tasks, most urgent first, each a link or a
one-click form; never another region's; a fixed number of queries however much data there is."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from kesbangpol.models import Instansi
from laporan.models import LaporanTriwulan, Periode
from rekomendasi.models import Penugasan, TindakLanjut
from tests import factories
from tests.conftest import daftar_tugas

pytestmark = pytest.mark.django_db

# 2026-05-20 10:00 WITA: Triwulan I 2026 was due 2026-04-10; Triwulan II is due 2026-07-10.
HARI = datetime.datetime(2026, 5, 20, 2, tzinfo=datetime.UTC)
S = LaporanTriwulan.Status


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(HARI, tick=False):
        yield


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_operator_sees_the_overdue_report_with_a_one_click_open(login, operator_paser):
    client = login(operator_paser)
    body = client.get("/").content.decode()
    tugas = daftar_tugas(body)
    assert len(tugas) == 1
    assert tugas[0].startswith("Terlambat Laporan Triwulan I 2026 terlambat 40 hari Buka laporan")
    assert "Tenggat Jumat, 10 April 2026." in tugas[0]
    # The button opens the report; the task then links to the draft.
    response = client.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 1})
    laporan = LaporanTriwulan.objects.get(kabkota__kode="64.01")
    assert response.status_code == 302 and response["Location"] == laporan.get_absolute_url()
    body = client.get("/").content.decode()
    assert f'href="{laporan.get_absolute_url()}"' in body.split('data-testid="daftar-tugas"', 1)[1]
    assert "Lanjutkan draf lalu ajukan" in body


def test_a_draft_in_a_period_the_province_closed_is_not_chased_but_may_still_be_sent(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1, nihil=True)
    Periode.objects.filter(pk=lap.periode_id).update(ditutup=True)
    client = login(operator_paser)
    tugas = daftar_tugas(client.get("/").content.decode())
    # Not "late 40 days" at the top, as the matrix and the reminders do not chase it either.
    assert tugas == [
        "Belum selesai Draf laporan Triwulan I 2026 belum diajukan Provinsi sudah menutup periode ini "
        "dan tidak mengingatkannya lagi; draf ini masih dapat diajukan dan tercatat terlambat."
    ]
    # The report page says the same, and the draft can be sent.
    body = client.get(lap.get_absolute_url()).content.decode()
    assert 'data-testid="periode-ditutup"' in body and "lewat 40 hari" not in body
    response = client.post(reverse("laporan:ajukan", args=[lap.pk]), {"versi": lap.versi})
    lap.refresh_from_db()
    assert response.status_code == 302 and lap.status == S.DIAJUKAN and lap.tepat_waktu is False
    assert daftar_tugas(client.get("/").content.decode()) == []
    assert 'data-testid="periode-ditutup"' not in client.get(lap.get_absolute_url()).content.decode()


def test_operator_sees_a_returned_report_with_the_reason_before_anything_else(
    login, operator_paser, staf_kaltim
):
    factories.laporan("64.01", 2026, 1, status=S.DIAJUKAN, diajukan_oleh=operator_paser, nihil=True)
    lap = LaporanTriwulan.objects.get()
    login(staf_kaltim).post(
        reverse("laporan:periksa", args=[lap.pk]),
        {"keputusan": "kembalikan", "alasan": "Nihil? Ada demo 3 Mei."},
    )
    tugas = daftar_tugas(login(operator_paser).get("/").content.decode())
    assert tugas == [
        "Dikembalikan Laporan Triwulan I 2026 dikembalikan provinsi "
        "Alasan: Nihil? Ada demo 3 Mei. Perbaiki lalu ajukan kembali."
    ]


def test_a_report_older_than_four_quarters_that_is_still_owed_stays_on_the_list(
    login, operator_paser, staf_kaltim
):
    """Returned in 2025 and never sent again, or opened and never sent: the province still waits."""
    lama = factories.laporan("64.01", 2025, 1, status=S.DIAJUKAN, diajukan_oleh=operator_paser)
    login(staf_kaltim).post(
        reverse("laporan:periksa", args=[lama.pk]), {"keputusan": "kembalikan", "alasan": "Desa belum diisi."}
    )
    factories.laporan("64.01", 2025, 2)  # a draft
    factories.laporan("64.01", 2024, 4, status=S.DITERIMA)  # done: not listed
    for tw in (3, 4):
        factories.laporan("64.01", 2025, tw, status=S.DITERIMA)
    factories.laporan("64.01", 2026, 1, status=S.DITERIMA)
    tugas = daftar_tugas(login(operator_paser).get("/").content.decode())
    assert [t.split(" Tenggat")[0].split(" Alasan")[0] for t in tugas] == [
        "Terlambat Laporan Triwulan II 2025 terlambat 314 hari",
        "Dikembalikan Laporan Triwulan I 2025 dikembalikan provinsi",
    ]
    assert "Alasan: Desa belum diisi." in tugas[1]


def test_a_report_due_soon_is_segera_and_a_submitted_one_is_gone(login, operator_paser):
    with time_machine.travel(datetime.datetime(2026, 7, 3, 2, tzinfo=datetime.UTC), tick=False):
        factories.laporan("64.01", 2026, 1, status=S.DITERIMA)
        tugas = daftar_tugas(login(operator_paser).get("/").content.decode())
    assert [t.split(" Buka laporan")[0] for t in tugas] == [
        "Segera Laporan Triwulan II 2026 jatuh tempo 7 hari lagi"
    ]


def test_operator_with_nothing_due_is_told_so(login, operator_paser):
    factories.laporan("64.01", 2026, 1, status=S.DITERIMA)
    body = login(operator_paser).get("/").content.decode()
    assert daftar_tugas(body) == []
    assert "Tidak ada yang menunggu Anda." in body


def test_another_kabkota_never_sees_paser_tasks(login, operator_paser, operator_ppu, staf_kalbar):
    lap = factories.laporan("64.01", 2026, 1, status=S.DIKEMBALIKAN)
    rakor = factories.rakor("64", judul="Rakor Paser saja")
    factories.rekomendasi(
        rakor, isi="Tugas rahasia Paser", kode_kantor=("64.01",), batas_waktu=datetime.date(2026, 5, 1)
    )
    for user in (operator_ppu, staf_kalbar):
        body = login(user).get("/").content.decode()
        main = body.split("<main", 1)[1]
        assert (
            "Kab. Paser" not in main and "Kabupaten Paser" not in main and lap.get_absolute_url() not in body
        )
        assert "Tugas rahasia" not in body


def test_office_sees_overdue_due_soon_and_returned_assignments_with_the_parent_sentence(
    login, operator_paser, staf_kaltim
):
    rakor = factories.rakor("64", judul="Rakor Kaltim 2024")
    factories.rekomendasi(rakor, 1, "Sampaikan Peta Potensi Konflik", batas_waktu=datetime.date(2026, 4, 30))
    induk = factories.rekomendasi(rakor, 2, "Fasilitasi kegiatan FKDM:", kode_kantor=())
    factories.rekomendasi(
        rakor, 1, "FKDM Kabupaten/Kota.", induk=induk, batas_waktu=datetime.date(2026, 5, 30)
    )
    factories.rekomendasi(rakor, 3, "Nanti saja", batas_waktu=datetime.date(2026, 12, 31))
    kembali = factories.rekomendasi(rakor, 4, "Bentuk tim terpadu", batas_waktu=datetime.date(2026, 12, 31))
    p = kembali.penugasan.get()
    p.usulan = Penugasan.Status.SESUAI
    p.diusulkan_oleh = operator_paser
    p.save()
    login(staf_kaltim).post(
        reverse("rekomendasi:verifikasi", args=[p.pk]), {"keputusan": "kembalikan", "catatan": "SK belum ada"}
    )
    tugas = [t for t in daftar_tugas(login(operator_paser).get("/").content.decode()) if "Rekomendasi" in t]
    judul = [t.split(" Catatan")[0].split(" Sampaikan")[0].split(" Fasilitasi")[0] for t in tugas]
    # Overdue first, then returned, then due soon; the one due in December is not on the list.
    assert judul[0] == "Terlambat Rekomendasi 1 Rakor Kaltim 2024 terlambat 20 hari"
    assert judul[1] == "Dikembalikan Rekomendasi 4 Rakor Kaltim 2024: tindak lanjut dikembalikan"
    assert "Catatan provinsi: SK belum ada" in tugas[1]
    assert judul[2] == "Segera Rekomendasi 2a Rakor Kaltim 2024 jatuh tempo 10 hari lagi"
    assert "Fasilitasi kegiatan FKDM: a. FKDM Kabupaten/Kota." in tugas[2]
    assert len(tugas) == 3
    assert not any("Nanti saja" in t for t in tugas)


def test_a_province_where_nobody_has_reported_is_told_how_to_close_a_paper_quarter(login, staf_kalbar):
    """A province new to the portal collected Triwulan I on paper: "14 kab/kota belum melapor" alone
    would have its staff chase reports that exist; the task names the page that stops the chase."""
    Periode.objects.untuk(factories.kesbangpol("61").wilayah, 2026, 1)
    (tugas,) = [t for t in daftar_tugas(login(staf_kalbar).get("/").content.decode()) if "belum melapor" in t]
    assert tugas.startswith("Terlambat 14 kabupaten/kota belum melapor Triwulan I 2026")
    assert tugas.endswith(
        "Bila triwulan ini sudah dikumpulkan di luar portal, tutup periodenya di “Tenggat dan periode” "
        "(halaman matriks): pengingat dan tanda lewat tenggat berhenti."
    )


def test_staff_queue_has_reports_to_review_and_proposals_to_verify_oldest_first(
    login, staf_kaltim, operator_paser, admin_kaltim
):
    for i, kode in enumerate(["64.01", "64.02", "64.03"]):
        with time_machine.travel(datetime.datetime(2026, 4, 5 + i, 2, tzinfo=datetime.UTC), tick=False):
            factories.laporan(
                kode,
                2026,
                1,
                status=S.DIAJUKAN,
                diajukan_pada=datetime.datetime(2026, 4, 5 + i, 2, tzinfo=datetime.UTC),
                tepat_waktu=True,
            )
    rakor = factories.rakor("64", judul="Rakor Kaltim 2024")
    rek = factories.rekomendasi(rakor, 1, "Sampaikan Peta Potensi Konflik", kode_kantor=("64.01", "64.09"))
    p = rek.penugasan.get(instansi__wilayah__kode="64.01")
    p.usulan, p.diusulkan_oleh = Penugasan.Status.SESUAI, operator_paser
    p.save()
    # Staff's own proposal for their own office is verified by someone else, never by them.
    sendiri = rek.penugasan.get(instansi__wilayah__kode="64.09")
    sendiri.usulan, sendiri.diusulkan_oleh = Penugasan.Status.SESUAI, staf_kaltim
    sendiri.save()
    tugas = daftar_tugas(login(staf_kaltim).get("/").content.decode())
    menunggu = [t for t in tugas if t.startswith("Menunggu Anda")]
    assert [t.split(" Diajukan")[0].split(" Rakor")[0] for t in menunggu] == [
        "Menunggu Anda Periksa laporan Kab. Paser Triwulan I 2026",
        "Menunggu Anda Periksa laporan Kab. Kutai Kartanegara Triwulan I 2026",
        "Menunggu Anda Periksa laporan Kab. Berau Triwulan I 2026",
        "Menunggu Anda Verifikasi usulan “Sesuai” Kesbangpol Paser: rekomendasi 1",
    ]
    # The kab/kota that did not report after the due date, named.
    terlambat = [t for t in tugas if t.startswith("Terlambat")]
    assert terlambat[0].startswith("Terlambat 7 kabupaten/kota belum melapor Triwulan I 2026")
    assert "Kab. Penajam Paser Utara" in terlambat[0] and "di luar portal" not in terlambat[0]
    # A period the province closed is not chased, here as in the reminders and the matrix.
    Periode.objects.filter(provinsi__kode="64", tahun=2026, triwulan=1).update(ditutup=True)
    tugas = daftar_tugas(login(staf_kaltim).get("/").content.decode())
    assert not any("belum melapor" in t for t in tugas)
    # The admin, a different person, has the staff member's proposal to verify.
    admin_tugas = daftar_tugas(login(admin_kaltim).get("/").content.decode())
    assert sum("Verifikasi usulan" in t for t in admin_tugas) == 2


def test_a_long_queue_shows_six_and_links_to_the_rest(login, staf_kaltim, operator_paser):
    rakor = factories.rakor("64")
    for n in range(1, 9):
        p = factories.rekomendasi(rakor, n, f"Butir {n}").penugasan.get()
        p.usulan, p.diusulkan_oleh = Penugasan.Status.SESUAI, operator_paser
        p.save()
    body = login(staf_kaltim).get("/").content.decode()
    tugas = [t for t in daftar_tugas(body) if "usulan" in t]
    assert len(tugas) == 7 and tugas[-1] == "Menunggu Anda … dan 2 usulan lain menunggu verifikasi"
    assert 'href="/rekomendasi/penugasan/?status=menunggu"' in body
    listed = login(staf_kaltim).get("/rekomendasi/penugasan/?status=menunggu").content.decode()
    assert "(8 penugasan)" not in listed  # one page
    assert listed.count("Butir ") == 8


def test_pimpinan_read_the_quarter_at_a_glance_and_have_no_work_list(login, pimpinan_kaltim):
    factories.laporan("64.01", 2026, 1, status=S.DITERIMA, tepat_waktu=True)
    lap = factories.laporan("64.02", 2026, 1, status=S.DIAJUKAN, tepat_waktu=False)
    factories.potensi(lap, tren="meningkat", tingkat="tinggi")
    body = login(pimpinan_kaltim).get("/").content.decode()
    assert 'data-testid="daftar-tugas"' not in body
    ringkasan = body.split("Ringkasan triwulan terakhir", 1)[1]
    assert "Triwulan I 2026" in ringkasan
    # 2 of Kaltim's 10 kab/kota reported, 1 on time; 1 escalated, high.
    assert '20%</span><span class="ket">melapor (2 dari 10 kab/kota)' in ringkasan
    assert '10%</span><span class="ket">tepat waktu (1 kab/kota)' in ringkasan
    assert "1 dari 10 laporan sudah diterima provinsi" in ringkasan
    # Summary figures come before anything else on the page.
    assert body.index("Ringkasan triwulan terakhir") < body.index("Notifikasi terbaru")
    # No summary yet: the panel says where to make one (pimpinan may ask for it too), and the link
    # leads to the period's summary form.
    periode = Periode.objects.get(provinsi__kode="64", tahun=2026, triwulan=1)
    tautan = f"/laporan/periode/{periode.pk}/#ringkasan-pdf"
    assert f'Belum ada ringkasan PDF. <a href="{tautan}" data-testid="buat-ringkasan">' in ringkasan
    form = login(pimpinan_kaltim).get(tautan.split("#")[0]).content.decode()
    assert 'id="ringkasan-pdf"' in form and "Buat ringkasan PDF</button>" in form
    # Open recommendations, each figure a link to what it counts.
    rakor = factories.rakor("64")
    factories.rekomendasi(
        rakor, 1, "Lewat", batas_waktu=datetime.date(2026, 5, 1), kode_kantor=("64.01", "64.09")
    )
    factories.rekomendasi(rakor, 2, "Belum", batas_waktu=datetime.date(2026, 12, 1))
    body = login(pimpinan_kaltim).get("/").content.decode()
    assert '?status=terbuka"><span class="angka">3</span>' in body
    assert '?status=terlambat"><span class="angka">2</span>' in body
    assert (
        body.index("Ringkasan triwulan terakhir")
        < body.index("Tindak lanjut rekomendasi")
        < body.index("Notifikasi terbaru")
    )


def test_provincial_admin_is_told_about_offices_without_users(login, admin_kaltim, operator_paser):
    body = login(admin_kaltim).get("/").content.decode()
    tanpa = Instansi.objects.filter(jenis="kesbangpol", wilayah__provinsi__kode="64").exclude(
        pengguna__is_active=True
    )
    n = tanpa.count()
    assert n > 0
    assert f"{n} kantor Kesbangpol belum punya pengguna aktif" in body
    admin = login(admin_kaltim).get("/admin/kesbangpol/instansi/?tanpa_pengguna=1").content.decode()
    assert "Kabupaten Berau" in admin and "Kabupaten Paser" not in admin


def test_staff_home_page_queries_do_not_grow_with_the_data(
    login, staf_kaltim, operator_paser, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def ukur():
        client = login(staf_kaltim)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx)

    def tambah(kode, nomor):
        lap = factories.laporan(kode, 2026, 1, status=S.DIAJUKAN, tepat_waktu=True)
        factories.potensi(lap, tren="baru")
        p = factories.rekomendasi(
            rakor, nomor, f"Butir {nomor}", kode_kantor=(kode,), batas_waktu=datetime.date(2026, 1, 1)
        ).penugasan.get()
        p.usulan, p.diusulkan_oleh = Penugasan.Status.SESUAI, operator_paser
        p.save()
        TindakLanjut.objects.create(
            penugasan=p, tanggal=datetime.date(2026, 5, 1), narasi="x", oleh=operator_paser
        )

    rakor = factories.rakor("64")
    factories.rakor("64", tanggal_mulai=datetime.date(2026, 6, 1), tanggal_selesai=datetime.date(2026, 6, 1))
    from kesbangpol.models import Wilayah

    # Past every list's cut-off (six tasks a queue, eight potensi), where a per-row query would show.
    kode = list(Wilayah.objects.filter(provinsi__kode="64").values_list("kode", flat=True))
    for i, k in enumerate(kode[:8]):
        tambah(k, i + 1)
    sedikit = ukur()
    for i, k in enumerate(kode[8:]):
        tambah(k, i + 9)
    assert ukur() == sedikit
    assert sedikit <= 27  # 26, and one for the rahasia clearance (access.provinsi_rahasia)


def test_operator_home_page_queries_do_not_grow_with_the_data(login, operator_paser):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def ukur():
        client = login(operator_paser)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx)

    rakor = factories.rakor(
        "64", tanggal_mulai=datetime.date(2026, 6, 1), tanggal_selesai=datetime.date(2026, 6, 1)
    )
    factories.peserta_banyak(rakor, 1)
    factories.rekomendasi(rakor, 1, "Butir", batas_waktu=datetime.date(2026, 5, 1))
    sedikit = ukur()
    for n in range(2, 12):
        factories.rekomendasi(rakor, n, f"Butir {n}", batas_waktu=datetime.date(2026, 5, 1 + n))
    assert ukur() == sedikit
    assert sedikit <= 16


def test_after_a_decision_the_next_waiting_item_is_one_click_away(login, staf_kaltim, operator_paser):
    a = factories.laporan(
        "64.01", 2026, 1, status=S.DIAJUKAN, diajukan_pada=HARI - datetime.timedelta(days=9)
    )
    factories.laporan("64.03", 2026, 1, status=S.DIAJUKAN, diajukan_pada=HARI - datetime.timedelta(days=8))
    client = login(staf_kaltim)
    assert 'data-testid="berikutnya"' not in client.get(a.get_absolute_url()).content.decode()
    body = client.post(reverse("laporan:periksa", args=[a.pk]), {"keputusan": "terima"}, follow=True)
    berikutnya = body.content.decode().split('data-testid="berikutnya"', 1)[1].split("</div>", 1)[0]
    assert "Periksa laporan Kab. Berau Triwulan I 2026" in berikutnya
    # The same for proposals.
    rakor = factories.rakor("64")
    p1, p2 = (factories.rekomendasi(rakor, n, f"Butir {n}").penugasan.get() for n in (1, 2))
    for p in (p1, p2):
        p.usulan, p.diusulkan_oleh = Penugasan.Status.SESUAI, operator_paser
        p.save()
    body = client.post(
        reverse("rekomendasi:verifikasi", args=[p1.pk]),
        {"keputusan": "terima", "catatan": "Lengkap"},
        follow=True,
    ).content.decode()
    assert "Diverifikasi: status" in body
    assert "Verifikasi usulan Kesbangpol Paser, rekomendasi 2" in body.split('data-testid="berikutnya"', 1)[1]
    # Operators never get the box.
    assert 'data-testid="berikutnya"' not in login(operator_paser).get(p1.get_absolute_url()).content.decode()


def test_pages_are_sent_compressed(login, staf_kaltim):
    client = login(staf_kaltim)
    polos = client.get("/")
    gzip = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in polos and gzip["Content-Encoding"] == "gzip"
    assert len(gzip.content) * 2 < len(polos.content)  # a near-empty page; full ones shrink ~5:1


def test_the_never_signed_in_count_is_the_count_of_the_list_it_links_to(login, admin_kaltim):
    from kesbangpol.models import User

    lama = factories.pengguna("op_lama", "operator_kabkota", "64.02")
    factories.pengguna("op_baru", "operator_kabkota", "64.03")
    User.objects.filter(pk=lama.pk).update(date_joined=HARI - datetime.timedelta(days=20), last_login=None)
    User.objects.exclude(pk=lama.pk).update(last_login=HARI)
    client = login(admin_kaltim)
    body = client.get("/").content.decode()
    assert "1 akun belum pernah masuk lebih dari 14 hari setelah dibuat" in body
    daftar = client.get("/admin/kesbangpol/user/?belum_masuk=1").content.decode()
    assert "op_lama" in daftar and "op_baru" not in daftar
