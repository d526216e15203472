"""The report workflow: opening with roll forward, submitting, review, reopen, the lock on every
route, and no lost update."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from laporan.models import LaporanTriwulan, Periode, PotensiKonflik, RiwayatLaporan, Terkunci
from tests import factories
from tests.conftest import perlu_postgresql, serentak

pytestmark = pytest.mark.django_db
S = LaporanTriwulan.Status
# 2026-04-05 09:00 WITA: Q1 2026 ended, its report is due 2026-04-10.
HARI = datetime.datetime(2026, 4, 5, 1, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(HARI, tick=False):
        yield


def _buka(client, tahun=2026, triwulan=1):
    return client.post(reverse("laporan:buka"), {"tahun": tahun, "triwulan": triwulan})


def _potensi_data(**extra):
    return {
        "judul": "Sengketa lahan sawit Desa Luan",
        "sumber": "sda",
        "bidang": "ekonomi",
        "tingkat": "Tinggi".lower(),
        "tren": "baru",
        "tahap": "pencegahan",
        "langkah": "Dialog dengan warga",  # a tinggi potensi needs the steps taken and a proposal
        "usulan": "Mediasi oleh provinsi",
        **extra,
    }


def test_opening_a_period_rolls_forward_open_items_with_their_identity(login, operator_paser):
    lama = factories.laporan("64.01", 2025, 4, status="diterima")
    tetap = factories.potensi(lama, "Sengketa batas desa", tren="meningkat")
    factories.potensi(lama, "Sudah damai", tren="selesai")
    client = login(operator_paser)
    response = _buka(client)
    laporan = LaporanTriwulan.objects.get(kabkota__kode="64.01", periode__tahun=2026, periode__triwulan=1)
    assert response["Location"] == laporan.get_absolute_url()
    items = list(laporan.potensikonflik.all())
    assert [(p.judul, p.identitas, p.tren) for p in items] == [
        ("Sengketa batas desa", tetap.identitas, "tetap")
    ]
    assert laporan.periode.tenggat == datetime.date(2026, 4, 10)
    _buka(client)  # opening again does not create a second report
    assert LaporanTriwulan.objects.filter(kabkota__kode="64.01").count() == 2
    history = client.get(reverse("laporan:potensi_riwayat", args=[tetap.identitas])).content.decode()
    assert "Triwulan IV 2025" in history and "Triwulan I 2026" in history


def test_a_future_period_and_a_closed_one_are_refused(login, operator_paser):
    client = login(operator_paser)
    body = client.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 3}, follow=True).content.decode()
    assert "Triwulan ini belum dimulai" in body
    periode = Periode.objects.untuk(factories.kesbangpol("64").wilayah, 2025, 4)
    periode.ditutup = True
    periode.save()
    body = _buka(client, 2025, 4)
    assert "sudah ditutup" in client.get(body["Location"]).content.decode()
    assert not LaporanTriwulan.objects.exists()


def test_only_the_kabkota_sees_and_edits_its_report(
    login, operator_paser, operator_ppu, staf_kalbar, pimpinan_kaltim
):
    laporan = factories.laporan("64.01", 2026, 1)
    item = factories.potensi(laporan)
    for user in (operator_ppu, staf_kalbar):
        client = login(user)
        for url in (laporan.get_absolute_url(), reverse("laporan:potensi_ubah", args=[item.pk])):
            assert client.get(url).status_code == 404
    client = login(pimpinan_kaltim)
    assert client.get(laporan.get_absolute_url()).status_code == 200
    assert (
        client.post(reverse("laporan:potensi_tambah", args=[laporan.pk]), _potensi_data()).status_code == 403
    )
    assert client.post(reverse("laporan:ajukan", args=[laporan.pk])).status_code == 403
    assert laporan.potensikonflik.count() == 1


def test_empty_reports_need_items_or_nihil_and_nihil_cannot_have_items(login, operator_paser):
    laporan = factories.laporan("64.01", 2026, 1)
    client = login(operator_paser)
    body = client.post(
        reverse("laporan:ajukan", args=[laporan.pk]), {"versi": 1}, follow=True
    ).content.decode()
    assert "Laporan masih kosong" in body
    client.post(reverse("laporan:ubah", args=[laporan.pk]), {"nihil": "on", "versi": 1})
    laporan.refresh_from_db()
    assert laporan.nihil
    client.post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": laporan.versi})
    laporan.refresh_from_db()
    assert laporan.status == S.DIAJUKAN and laporan.tepat_waktu is True


def test_submit_return_fix_resubmit_accept_with_timeline_and_emails(
    login, operator_paser, staf_kaltim, django_capture_on_commit_callbacks
):
    laporan = factories.laporan("64.01", 2026, 1)
    item = factories.potensi(laporan)
    op = login(operator_paser)
    op.post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": 1})
    # Submitting twice is refused and changes nothing.
    body = op.post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": 2}, follow=True)
    assert body.status_code == 403
    laporan.refresh_from_db()
    assert laporan.status == S.DIAJUKAN
    assert (
        "Laporan sedang diperiksa provinsi dan terkunci. Operator Kab. Paser diberi tahu begitu laporan "
        "diterima atau dikembalikan untuk diperbaiki."
    ) in op.get(laporan.get_absolute_url()).content.decode()
    # The operator cannot accept their own report.
    assert op.post(reverse("laporan:periksa", args=[laporan.pk]), {"keputusan": "terima"}).status_code == 403
    staf = login(staf_kaltim)
    url = reverse("laporan:periksa", args=[laporan.pk])
    assert "Tuliskan alasan pengembalian" in staf.post(url, {"keputusan": "kembalikan"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staf.post(
            url, {"keputusan": "kembalikan", "alasan": "Lengkapi desa", f"catatan-potensi-{item.pk}": "Desa?"}
        )
    laporan.refresh_from_db()
    item.refresh_from_db()
    assert laporan.status == S.DIKEMBALIKAN and item.catatan_pemeriksa == "Desa?"
    assert "dikembalikan" in mail.outbox[-1].subject.lower() and "Lengkapi desa" in mail.outbox[-1].body
    op = login(operator_paser)
    data = _potensi_data(desa="Luan", versi=item.versi)
    assert op.post(reverse("laporan:potensi_ubah", args=[item.pk]), data).status_code == 302
    op.post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": LaporanTriwulan.objects.get().versi})
    staf = login(staf_kaltim)
    with django_capture_on_commit_callbacks(execute=True):
        staf.post(url, {"keputusan": "terima"})
    laporan.refresh_from_db()
    assert laporan.status == S.DITERIMA and laporan.diterima_oleh == staf_kaltim
    assert "diterima" in mail.outbox[-1].subject.lower()
    aksi = list(laporan.riwayat.values_list("aksi", "alasan"))
    assert aksi == [("diajukan", ""), ("dikembalikan", "Lengkapi desa"), ("diajukan", ""), ("diterima", "")]
    page = login(operator_paser).get(laporan.get_absolute_url()).content.decode()
    assert "Lengkapi desa" in page and "diterima provinsi" in page


def test_an_accepted_report_is_locked_on_every_route(login, operator_paser, admin_kaltim):
    laporan = factories.laporan("64.01", 2026, 1)
    item = factories.potensi(laporan)
    laporan.status = S.DITERIMA
    laporan.save(transisi=True)
    client = login(operator_paser)
    for url in (
        reverse("laporan:potensi_ubah", args=[item.pk]),
        reverse("laporan:potensi_tambah", args=[laporan.pk]),
        reverse("laporan:potensi_hapus", args=[item.pk]),
    ):
        assert client.post(url, _potensi_data(versi=1)).status_code == 403, url
    assert (
        client.post(reverse("laporan:ubah", args=[laporan.pk]), {"nihil": "on", "versi": 1}).status_code
        == 403
    )
    assert client.post(reverse("laporan:unggah", args=[laporan.pk]), {}).status_code == 403
    # The model refuses too, whatever the route (admin, shell, import).
    item.judul = "Diubah diam-diam"
    with pytest.raises(Terkunci):
        item.save()
    with pytest.raises(Terkunci):
        item.delete()
    laporan.nihil = True
    with pytest.raises(Terkunci):
        laporan.save()
    admin = login(admin_kaltim)
    response = admin.post(f"/admin/laporan/potensikonflik/{item.pk}/change/", _potensi_data())
    assert response.status_code == 403
    response = admin.post(f"/admin/laporan/laporantriwulan/{laporan.pk}/change/", {"nihil": "on"})
    assert response.status_code == 403
    assert admin.get(f"/admin/laporan/laporantriwulan/{laporan.pk}/change/").status_code == 200  # view only
    assert PotensiKonflik.objects.get().judul == "Sengketa lahan"


def test_reopening_needs_a_reason_and_is_recorded(login, operator_paser, staf_kaltim):
    laporan = factories.laporan("64.01", 2026, 1, status="diterima")
    staf = login(staf_kaltim)
    url = reverse("laporan:buka_kembali", args=[laporan.pk])
    assert "Membuka kembali" in staf.post(url, {}).content.decode()
    laporan.refresh_from_db()
    assert laporan.status == S.DITERIMA
    staf.post(url, {"alasan": "Ada kejadian yang terlewat"})
    laporan.refresh_from_db()
    assert laporan.status == S.DIKEMBALIKAN
    assert laporan.riwayat.get(aksi=RiwayatLaporan.Aksi.DIBUKA).alasan == "Ada kejadian yang terlewat"
    assert (
        login(operator_paser)
        .post(reverse("laporan:potensi_tambah", args=[laporan.pk]), _potensi_data())
        .status_code
        == 302
    )


def test_two_people_saving_the_same_item_the_second_is_refused_and_keeps_input(login, operator_paser):
    kedua = factories.pengguna("operator_paser_2", "operator_kabkota", "64.01")
    laporan = factories.laporan("64.01", 2026, 1)
    item = factories.potensi(laporan)
    url = reverse("laporan:potensi_ubah", args=[item.pk])
    a = login(operator_paser).post(url, _potensi_data(judul="Versi A", versi=1))
    assert a.status_code == 302
    from django.test import Client

    b_client = Client()
    b_client.force_login(kedua, backend="kesbangpol.backends.PenggunaBackend")
    b = b_client.post(url, _potensi_data(judul="Versi B", versi=1))
    assert b.status_code == 409
    body = b.content.decode()
    assert "baru saja diubah orang lain" in body and 'value="Versi B"' in body
    assert PotensiKonflik.objects.get().judul == "Versi A"


def test_coordinates_outside_indonesia_are_refused(login, operator_paser):
    laporan = factories.laporan("64.01", 2026, 1)
    response = login(operator_paser).post(
        reverse("laporan:potensi_tambah", args=[laporan.pk]),
        _potensi_data(latitude="48.85", longitude="2.35"),
    )
    body = response.content.decode()
    assert "di luar wilayah Indonesia" in body
    assert not PotensiKonflik.objects.exists()


def test_late_first_submission_stays_late_after_a_return(login, operator_paser, staf_kaltim):
    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan)
    with time_machine.travel(datetime.datetime(2026, 4, 12, 2, tzinfo=datetime.UTC), tick=False):
        login(operator_paser).post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": 1})
    laporan.refresh_from_db()
    assert laporan.tepat_waktu is False
    login(staf_kaltim).post(
        reverse("laporan:periksa", args=[laporan.pk]), {"keputusan": "kembalikan", "alasan": "x"}
    )
    laporan.refresh_from_db()
    login(operator_paser).post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": laporan.versi})
    laporan.refresh_from_db()
    assert laporan.status == S.DIAJUKAN and laporan.tepat_waktu is False
    # Said once: the state already says late; once accepted, a mark keeps saying it.
    staf = login(staf_kaltim)
    teks = staf.get(laporan.get_absolute_url()).content.decode()
    assert "Diajukan terlambat" in teks and "diajukan lewat tenggat" not in teks
    baris = login(operator_paser).get(reverse("laporan:beranda")).content.decode()
    baris = baris.split("Triwulan I 2026", 1)[1].split("</tr>", 1)[0]
    assert "Diajukan terlambat" in baris and "sel-telat-tanda" not in baris
    staf = login(staf_kaltim)
    staf.post(reverse("laporan:periksa", args=[laporan.pk]), {"keputusan": "terima"})
    teks = staf.get(laporan.get_absolute_url()).content.decode()
    assert '>Diterima</span> <span class="badge sel-telat-tanda">diajukan lewat tenggat</span>' in teks
    baris = login(operator_paser).get(reverse("laporan:beranda")).content.decode()
    assert '>Diterima</span> <span class="badge sel-telat-tanda"' in baris.split("Triwulan I 2026", 1)[1]


def test_the_edit_form_of_a_returned_report_shows_the_reason_and_the_item_note(
    login, operator_paser, staf_kaltim
):
    laporan = factories.laporan("64.01", 2026, 1, status=S.DIAJUKAN)
    item = factories.potensi(laporan)
    login(staf_kaltim).post(
        reverse("laporan:periksa", args=[laporan.pk]),
        {"keputusan": "kembalikan", "alasan": "Lengkapi desa", f"catatan-potensi-{item.pk}": "Desa mana?"},
    )
    body = login(operator_paser).get(reverse("laporan:potensi_ubah", args=[item.pk])).content.decode()
    assert 'Alasan pengembalian provinsi:</strong> <span class="pre-line">Lengkapi desa' in body
    assert "Catatan provinsi untuk butir ini:</strong> Desa mana?" in body


def test_the_reviewer_sees_every_field_the_operator_filled(login, staf_kaltim):
    laporan = factories.laporan("64.01", 2026, 1)
    item = factories.potensi(
        laporan,
        latar_belakang="Tumpang tindih HGU sejak 2019",
        usulan="Mediasi oleh Forkopimda",
        latitude=-1.9,
        longitude=116.2,
        pihak="Warga Desa Luan",
    )
    from laporan.models import KejadianKonflik

    KejadianKonflik.objects.create(
        laporan=laporan, tanggal=datetime.date(2026, 2, 2), uraian="Bentrok", penanganan="Polres turun tangan"
    )
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=S.DIAJUKAN)
    client = login(staf_kaltim)
    body = client.get(laporan.get_absolute_url()).content.decode()
    for teks in [
        "Tumpang tindih HGU sejak 2019",
        "Mediasi oleh Forkopimda",
        "-1.9",
        "116.2",
        "Polres turun tangan",
    ]:
        assert teks in body, teks
    riwayat = client.get(reverse("laporan:potensi_riwayat", args=[item.identitas])).content.decode()
    assert "Tumpang tindih HGU sejak 2019" in riwayat and "Mediasi oleh Forkopimda" in riwayat


def test_submitting_asks_first_listing_what_goes_and_that_it_locks(
    login, operator_paser, operator_ppu, pimpinan_kaltim
):
    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan)
    factories.potensi(laporan, judul="Kedua")
    url = reverse("laporan:ajukan", args=[laporan.pk])
    body = login(operator_paser).get(url).content.decode()
    ringkasan = body.split('data-testid="ringkasan-ajukan"', 1)[1].split("</section>", 1)[0]
    assert "2 potensi konflik" in ringkasan and "0 kejadian konflik" in ringkasan
    assert "laporan <strong>terkunci</strong>" in body and "Ya, ajukan dan kunci" in body
    laporan.refresh_from_db()
    assert laporan.status == S.DRAF  # asking changed nothing
    assert login(operator_ppu).get(url).status_code == 404
    assert login(pimpinan_kaltim).get(url).status_code == 403


def test_item_notes_are_a_form_a_too_long_one_is_refused_and_nothing_is_saved(login, staf_kaltim):
    laporan = factories.laporan("64.01", 2026, 1, status=S.DIAJUKAN)
    item = factories.potensi(laporan)
    url = reverse("laporan:periksa", args=[laporan.pk])
    client = login(staf_kaltim)
    response = client.post(
        url, {"keputusan": "kembalikan", "alasan": "Lengkapi", f"catatan-potensi-{item.pk}": "x" * 2001}
    )
    assert response.status_code == 200 and "paling banyak 2000 karakter" in response.content.decode()
    laporan.refresh_from_db()
    item.refresh_from_db()
    assert laporan.status == S.DIAJUKAN and item.catatan_pemeriksa == ""
    # A note for an item of another report is not a field of this form: ignored.
    lain = factories.potensi(factories.laporan("64.09", 2026, 1, status=S.DIAJUKAN))
    client.post(url, {"keputusan": "kembalikan", "alasan": "Lengkapi", f"catatan-potensi-{lain.pk}": "Bukan"})
    lain.refresh_from_db()
    assert lain.catatan_pemeriksa == ""


def test_staff_set_a_period_due_date_but_never_before_the_quarter_ends(login, staf_kaltim, pimpinan_kaltim):
    periode = factories.laporan("64.01", 2026, 1).periode
    url = reverse("laporan:periode_ubah", args=[periode.pk])
    client = login(staf_kaltim)
    body = client.post(url, {"tenggat": "2026-03-30"}, follow=True).content.decode()
    assert "Tenggat tidak boleh sebelum triwulan berakhir." in body
    periode.refresh_from_db()
    assert periode.tenggat == datetime.date(2026, 4, 10) and not periode.ditutup  # nothing half-saved
    body = client.post(url, {"tenggat": "2026-04-20", "ditutup": "on"}, follow=True).content.decode()
    assert "Triwulan I 2026: tenggat 20 April 2026, ditutup." in body
    # On a phone each period stacks, its date, its box and its button in view.
    assert '<td data-label="Tenggat">' in body and '<td class="sebaris" data-label="Ditutup">' in body
    periode.refresh_from_db()
    assert periode.tenggat == datetime.date(2026, 4, 20) and periode.ditutup
    assert login(pimpinan_kaltim).post(url, {"tenggat": "2026-05-01"}).status_code == 403


def test_a_submission_with_a_stale_version_is_refused_and_changes_nothing(login, operator_paser):
    """The submit page was opened before a colleague changed the report: the submission made from
    it is refused, so what the province receives is what the submitter last saw."""
    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan, "Yang dilihat")
    client = login(operator_paser)
    versi_dilihat = LaporanTriwulan.objects.get(pk=laporan.pk).versi
    rekan = {"versi": versi_dilihat, "catatan": "Catatan rekan yang belum dibaca", "nihil": ""}
    assert client.post(reverse("laporan:ubah", args=[laporan.pk]), rekan).status_code == 302
    assert LaporanTriwulan.objects.get(pk=laporan.pk).versi == versi_dilihat + 1
    response = client.post(
        reverse("laporan:ajukan", args=[laporan.pk]), {"versi": versi_dilihat}, follow=True
    )
    assert "baru saja diubah orang lain" in response.content.decode()
    laporan.refresh_from_db()
    assert laporan.status == S.DRAF and laporan.pertama_diajukan is None
    assert not RiwayatLaporan.objects.filter(laporan=laporan, aksi=RiwayatLaporan.Aksi.DIAJUKAN).exists()
    client.post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": laporan.versi})
    assert LaporanTriwulan.objects.get(pk=laporan.pk).status == S.DIAJUKAN


@pytest.mark.parametrize(
    ("waktu_utc", "tepat"),
    [
        # Due 2026-04-10; Paser keeps WITA (UTC+8). The local date decides, the due date included.
        (datetime.datetime(2026, 4, 9, 23, 0), True),  # 10 April 07:00 WITA (still 9 April in UTC)
        (datetime.datetime(2026, 4, 10, 15, 59), True),  # 10 April 23:59 WITA, the last minute
        (datetime.datetime(2026, 4, 10, 16, 1), False),  # 11 April 00:01 WITA (still 10 April in UTC)
    ],
)
def test_on_time_means_by_the_due_date_in_the_kabkotas_own_time(login, operator_paser, waktu_utc, tepat):
    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan)
    assert laporan.periode.tenggat == datetime.date(2026, 4, 10)
    with time_machine.travel(waktu_utc.replace(tzinfo=datetime.UTC), tick=False):
        versi = LaporanTriwulan.objects.get(pk=laporan.pk).versi
        login(operator_paser).post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": versi})
    laporan.refresh_from_db()
    assert laporan.status == S.DIAJUKAN and laporan.tepat_waktu is tepat


# Rules a mutation run (mutmut, over laporan/actions.py) showed no test held.


def test_the_running_quarter_can_be_opened_and_opening_again_says_it_exists(login, operator_paser):
    """5 April 2026: Q2 has started (incidents are recorded as they happen); Q3 has not."""
    client = login(operator_paser)
    response = _buka(client, 2026, 2)
    laporan = LaporanTriwulan.objects.get(kabkota__kode="64.01", periode__tahun=2026, periode__triwulan=2)
    assert response["Location"] == laporan.get_absolute_url()
    assert "dibuat" in client.get(laporan.get_absolute_url()).content.decode()
    _buka(client, 2026, 2)
    body = client.get(laporan.get_absolute_url()).content.decode()
    assert f"Laporan {laporan.periode} dibuat" not in body
    assert "belum dimulai" in client.get(_buka(client, 2026, 3)["Location"]).content.decode()


def test_only_the_kabkotas_own_writers_open_its_report(
    operator_paser, operator_ppu, staf_kaltim, pimpinan_kaltim
):
    from django.core.exceptions import PermissionDenied

    from kesbangpol.models import Wilayah
    from laporan import actions

    paser = Wilayah.objects.get(kode="64.01")
    for user in (operator_ppu, staf_kaltim, pimpinan_kaltim):
        with pytest.raises(PermissionDenied):
            actions.buka_laporan(paser, 2026, 1, user)
    assert not LaporanTriwulan.objects.exists()
    assert actions.buka_laporan(paser, 2026, 1, operator_paser)[1] is True


def test_a_page_opened_before_submission_cannot_save_after_the_report_comes_back(
    login, operator_paser, staf_kaltim
):
    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan)
    client = login(operator_paser)
    versi_lama = LaporanTriwulan.objects.get(pk=laporan.pk).versi  # the edit page, opened now
    client.post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": versi_lama})
    login(staf_kaltim).post(
        reverse("laporan:periksa", args=[laporan.pk]), {"keputusan": "kembalikan", "alasan": "Lengkapi"}
    )
    client = login(operator_paser)
    basi = {"versi": versi_lama, "catatan": "Dari halaman lama", "nihil": ""}
    assert client.post(reverse("laporan:ubah", args=[laporan.pk]), basi).status_code == 409
    assert LaporanTriwulan.objects.get(pk=laporan.pk).catatan == ""


def test_a_submission_tells_the_provinces_staff(
    login, operator_paser, staf_kaltim, django_capture_on_commit_callbacks
):
    from kesbangpol.models import Notifikasi

    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan)
    with django_capture_on_commit_callbacks(execute=True):
        login(operator_paser).post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": 1})
    kabar = Notifikasi.objects.get(penerima=staf_kaltim)
    assert kabar.jenis == "laporan_diajukan" and "menunggu pemeriksaan" in kabar.judul
    assert kabar.url == laporan.get_absolute_url()


@pytest.mark.parametrize(
    ("waktu_utc", "tertulis"),
    [
        (datetime.datetime(2026, 4, 5, 1), "5 hari lagi"),
        (datetime.datetime(2026, 4, 10, 1), "hari ini"),
        (datetime.datetime(2026, 5, 2, 1), "lewat 22 hari"),
    ],
)
def test_the_report_page_counts_the_days_to_its_due_date_until_it_is_sent(
    login, operator_paser, staf_kaltim, waktu_utc, tertulis
):
    laporan = factories.laporan("64.01", 2026, 1)  # due Friday 10 April 2026
    factories.potensi(laporan)
    with time_machine.travel(waktu_utc.replace(tzinfo=datetime.UTC), tick=False):
        client = login(operator_paser)
        body = client.get(laporan.get_absolute_url()).content.decode()
        assert f'data-testid="tenggat-sisa">{tertulis}</strong>' in body
        assert "Tenggat Jumat, 10 April 2026 — " in body
        # Sent, it is the province's turn: no countdown, whoever reads it.
        client.post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": laporan.versi})
        laporan.refresh_from_db()
        assert laporan.status == S.DIAJUKAN
        for pembaca in (client, login(staf_kaltim)):
            body = pembaca.get(laporan.get_absolute_url()).content.decode()
            assert "Tenggat Jumat" in body and 'data-testid="tenggat-sisa"' not in body


def test_a_returned_report_past_its_due_date_says_how_late_it_is(login, operator_paser, staf_kaltim):
    laporan = factories.laporan("64.01", 2026, 1, status=S.DIKEMBALIKAN)
    with time_machine.travel(datetime.datetime(2026, 4, 20, 1, tzinfo=datetime.UTC), tick=False):
        for pembaca in (operator_paser, staf_kaltim):
            body = login(pembaca).get(laporan.get_absolute_url()).content.decode()
            assert 'data-testid="tenggat-sisa">lewat 10 hari</strong>' in body


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_opens_of_a_period_make_one_report_rolled_forward_once(operator_paser):
    """A double click on "Buka laporan" over a slow link, or two officers of one office at once."""
    perlu_postgresql("dua permintaan serentak butuh PostgreSQL")
    lama = factories.laporan("64.01", 2025, 4, status="diterima")
    factories.potensi(lama, "Sengketa batas desa", tren="tetap")
    Periode.objects.untuk(lama.periode.provinsi, 2026, 1)  # the province's quarter already exists

    def buka(client):
        response = _buka(client)
        return response.status_code, response["Location"]

    hasil = serentak(operator_paser, buka, buka)
    laporan = LaporanTriwulan.objects.get(kabkota__kode="64.01", periode__tahun=2026, periode__triwulan=1)
    assert hasil == [(302, laporan.get_absolute_url())] * 2
    assert laporan.potensikonflik.count() == 1
