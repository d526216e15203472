"""Notifications: what happens reaches the people it concerns in the portal (the bell) and by email
as each chose; opening one marks it read; nobody opens another's; a daily job sends once a day."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kesbangpol import notifikasi
from kesbangpol.models import Notifikasi, PreferensiKabar
from laporan.models import LaporanTriwulan
from tests import factories

pytestmark = pytest.mark.django_db

HARI = datetime.datetime(2026, 4, 5, 1, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(HARI, tick=False):
        yield


def _kembalikan(login, staf, laporan, alasan="Lengkapi desa", capture=None):
    url = reverse("laporan:periksa", args=[laporan.pk])
    with capture(execute=True):
        login(staf).post(url, {"keputusan": "kembalikan", "alasan": alasan})


def _pdf():
    return SimpleUploadedFile("bukti.pdf", factories.PDF_BYTES, content_type="application/pdf")


def test_anonymous_is_sent_to_login(client):
    for url in ["/notifikasi/", "/notifikasi/1/", "/notifikasi/pengaturan/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/"), url


def test_a_returned_report_reaches_the_operator_in_the_bell_and_by_email(
    login, operator_paser, staf_kaltim, django_capture_on_commit_callbacks
):
    laporan = factories.laporan("64.01", 2026, 1, status=LaporanTriwulan.Status.DIAJUKAN, nihil=True)
    _kembalikan(login, staf_kaltim, laporan, capture=django_capture_on_commit_callbacks)
    n = Notifikasi.objects.get(penerima=operator_paser)
    assert n.jenis == "laporan_diperiksa" and n.url == laporan.get_absolute_url()
    assert n.dikirim_surel is not None  # "segera" is the default for this kind
    assert [m.to for m in mail.outbox] == [[operator_paser.email]]
    client = login(operator_paser)
    home = client.get("/").content.decode()
    assert 'data-testid="jumlah-baru">1<' in home
    daftar = client.get("/notifikasi/").content.decode()
    assert n.judul in daftar and f'href="/notifikasi/{n.pk}/"' in daftar
    # Opening it marks it read and goes to the report.
    response = client.get(f"/notifikasi/{n.pk}/")
    assert response.status_code == 302 and response["Location"] == laporan.get_absolute_url()
    n.refresh_from_db()
    assert n.dibaca is not None
    assert 'data-testid="jumlah-baru"' not in client.get("/").content.decode()


def test_another_persons_notification_is_404_and_stays_unread(
    login, operator_paser, operator_ppu, staf_kalbar
):
    n = Notifikasi.objects.create(
        penerima=operator_paser, jenis="laporan_diperiksa", judul="Rahasia Paser", url="/laporan/1/"
    )
    for user in (operator_ppu, staf_kalbar):
        client = login(user)
        response = client.get(f"/notifikasi/{n.pk}/")
        assert response.status_code == 404
        assert "Rahasia Paser" not in response.content.decode()
        assert "Rahasia Paser" not in client.get("/notifikasi/").content.decode()
        client.post("/notifikasi/baca-semua/")
    n.refresh_from_db()
    assert n.dibaca is None


def test_mark_all_read_is_post_only_and_touches_only_ones_own(login, operator_paser, operator_ppu):
    for i in range(3):
        Notifikasi.objects.create(penerima=operator_paser, jenis="pengingat_laporan", judul=f"Pengingat {i}")
    lain = Notifikasi.objects.create(penerima=operator_ppu, jenis="pengingat_laporan", judul="PPU")
    client = login(operator_paser)
    assert client.get("/notifikasi/baca-semua/").status_code == 405
    body = client.post("/notifikasi/baca-semua/", follow=True).content.decode()
    assert "3 notifikasi ditandai sudah dibaca." in body
    assert not Notifikasi.objects.filter(penerima=operator_paser, dibaca=None).exists()
    lain.refresh_from_db()
    assert lain.dibaca is None


def test_preferences_portal_only_and_daily_digest_once_a_day(
    login, operator_paser, staf_kaltim, django_capture_on_commit_callbacks
):
    client = login(operator_paser)
    page = client.get("/notifikasi/pengaturan/").content.decode()
    assert "Laporan triwulan diterima, dikembalikan atau dibuka kembali" in page
    data = {j.kode: j.bawaan for j in notifikasi.semua_jenis()}
    data["laporan_diperiksa"] = "harian"
    data["pengingat_laporan"] = "portal"
    body = client.post("/notifikasi/pengaturan/", data, follow=True).content.decode()
    assert "Pilihan notifikasi disimpan." in body
    assert PreferensiKabar.objects.get(pengguna=operator_paser, jenis="laporan_diperiksa").cara == "harian"
    # A bad choice is refused with a message and nothing is saved.
    bad = client.post("/notifikasi/pengaturan/", {**data, "laporan_diperiksa": "sms"})
    assert bad.status_code == 200 and "Masukkan pilihan yang valid" in bad.content.decode()
    assert PreferensiKabar.objects.get(pengguna=operator_paser, jenis="laporan_diperiksa").cara == "harian"

    laporan = factories.laporan("64.01", 2026, 1, status=LaporanTriwulan.Status.DIAJUKAN, nihil=True)
    _kembalikan(login, staf_kaltim, laporan, capture=django_capture_on_commit_callbacks)
    assert mail.outbox == []  # waits for the digest
    assert Notifikasi.objects.filter(penerima=operator_paser, dibaca=None).count() == 1
    assert notifikasi.kirim_ringkasan_harian(datetime.date(2026, 4, 6)) == 1
    assert len(mail.outbox) == 1 and "Ringkasan harian: 1 pemberitahuan" in mail.outbox[0].subject
    assert "Lengkapi desa" in mail.outbox[0].body or "dikembalikan" in mail.outbox[0].body.lower()
    # Running the digest again the same day sends nothing; nothing new the next day, nothing either.
    assert notifikasi.kirim_ringkasan_harian(datetime.date(2026, 4, 6)) == 0
    assert notifikasi.kirim_ringkasan_harian(datetime.date(2026, 4, 7)) == 0
    assert len(mail.outbox) == 1


def test_a_new_assignment_tells_each_office_once(
    login, staf_kaltim, operator_paser, operator_ppu, django_capture_on_commit_callbacks
):
    rakor = factories.rakor("64", judul="Rakor Kaltim 2026")
    rek_a = factories.rekomendasi(rakor, 1, "Butir satu", kode_kantor=())
    paser, ppu = factories.kesbangpol("64.01"), factories.kesbangpol("64.09")
    client = login(staf_kaltim)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rekomendasi:tugaskan", args=[rek_a.pk]), {"instansi": [paser.pk, ppu.pk]})
    assert Notifikasi.objects.filter(jenis="penugasan_baru").count() == 2
    n = Notifikasi.objects.get(penerima=operator_paser)
    assert n.judul == "Rekomendasi 1 Rakor Kaltim 2026 ditugaskan ke instansi Anda"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([operator_paser.email, operator_ppu.email])
    # Assigning the same office again tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rekomendasi:tugaskan", args=[rek_a.pk]), {"instansi": [paser.pk]})
    assert Notifikasi.objects.filter(jenis="penugasan_baru").count() == 2


def test_a_rakor_invitation_reaches_the_invited_office(
    login, staf_kaltim, operator_paser, operator_ppu, django_capture_on_commit_callbacks
):
    rakor = factories.rakor(
        "64",
        judul="Rakor Teknis Mei",
        tanggal_mulai=datetime.date(2026, 5, 4),
        tanggal_selesai=datetime.date(2026, 5, 4),
    )
    paser = factories.kesbangpol("64.01")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staf_kaltim).post(
            reverse("rakor:peserta_tambah", args=[rakor.pk]),
            {
                "instansi": paser.pk,
                "nama": "Nur Aini",
                "jabatan": "Kabid",
                "kehadiran": "diundang",
                "moda": "luring",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    n = Notifikasi.objects.filter(penerima=operator_paser, jenis="undangan_rakor").get()
    assert n.url == rakor.get_absolute_url() and "Rakor Teknis Mei" in n.judul
    assert not Notifikasi.objects.filter(penerima=operator_ppu).exists()


def test_old_notifications_are_removed_after_180_days(operator_paser):
    lama = Notifikasi.objects.create(
        penerima=operator_paser, jenis="x", judul="lama", dibuat=HARI - datetime.timedelta(days=181)
    )
    baru = Notifikasi.objects.create(penerima=operator_paser, jenis="x", judul="baru")
    assert notifikasi.bersihkan() == 1
    assert (
        not Notifikasi.objects.filter(pk=lama.pk).exists() and Notifikasi.objects.filter(pk=baru.pk).exists()
    )


def test_notification_list_has_a_fixed_number_of_queries(
    login, operator_paser, django_assert_max_num_queries
):
    Notifikasi.objects.bulk_create(
        Notifikasi(
            penerima=operator_paser, jenis="pengingat_laporan", judul=f"Pengingat {i}", url="/laporan/"
        )
        for i in range(40)
    )
    client = login(operator_paser)
    # Session, user, page count, unread count, the page, session save, the 40 rows never one by one.
    with django_assert_max_num_queries(8):
        body = client.get("/notifikasi/").content.decode()
    assert body.count('href="/notifikasi/') >= 30


def test_settings_offer_each_person_only_the_kinds_that_can_reach_them(
    login, operator_paser, staf_kaltim, pimpinan_kaltim, admin_nasional
):
    def pilihan(user):
        return login(user).get("/notifikasi/pengaturan/").content.decode()

    operator = pilihan(operator_paser)
    assert "Provinsi meminta pembaruan laporan segera" in operator
    assert "Rekomendasi baru ditugaskan ke instansi Anda" in operator
    for staf_saja in ("Laporan triwulan diajukan kabupaten/kota", "Usulan tindak lanjut menunggu verifikasi"):
        assert staf_saja not in operator
    assert "PDF yang Anda minta selesai dibuat" not in operator
    staf = pilihan(staf_kaltim)
    assert "Laporan triwulan diajukan kabupaten/kota" in staf and "Rekap kabupaten/kota" in staf
    assert "Pengingat tenggat laporan triwulan" not in staf and "meminta pembaruan" not in staf
    pimpinan = pilihan(pimpinan_kaltim)
    assert "Laporan segera (kejadian) baru" in pimpinan and "PDF yang Anda minta" in pimpinan
    assert "Usulan tindak lanjut menunggu verifikasi" not in pimpinan
    nasional = pilihan(admin_nasional)
    assert "Laporan segera (kejadian) baru" in nasional and "Undangan rakor" not in nasional
    # Saving stores a choice for each kind offered, and only those.
    from kesbangpol.models import PreferensiKabar

    data = {j.kode: "portal" for j in notifikasi.semua_jenis()}
    login(operator_paser).post("/notifikasi/pengaturan/", data)
    disimpan = set(PreferensiKabar.objects.filter(pengguna=operator_paser).values_list("jenis", flat=True))
    assert disimpan == {j.kode for j in notifikasi.semua_jenis(operator_paser)}
    assert "laporan_diajukan" not in disimpan


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_settings_at_once_keep_one_choice_per_kind(operator_paser):
    from kesbangpol.models import PreferensiKabar
    from tests.conftest import perlu_postgresql, serentak

    perlu_postgresql("dua permintaan serentak butuh PostgreSQL")
    data = {j.kode: "portal" for j in notifikasi.semua_jenis(operator_paser)}

    def simpan(client):
        return client.post("/notifikasi/pengaturan/", data).status_code

    assert serentak(operator_paser, simpan, simpan) == [302, 302]
    disimpan = PreferensiKabar.objects.filter(pengguna=operator_paser)
    assert disimpan.count() == len(data) and set(disimpan.values_list("cara", flat=True)) == {"portal"}


def test_a_form_address_opened_after_signing_in_again_says_what_happened(client, operator_paser):
    """The session ended while a form was open: the post goes to the sign-in page, which then sends
    the user to the address the form posted to. That answers a page in Indonesian, not a blank 405."""
    from tests import factories

    Notifikasi.objects.create(penerima=operator_paser, jenis="pengingat_laporan", judul="Pengingat")
    response = client.post("/notifikasi/baca-semua/")
    assert response.status_code == 302 and "next=/notifikasi/baca-semua/" in response["Location"]
    response = client.post(
        response["Location"], {"username": "operator_paser", "password": factories.PASSWORD}, follow=True
    )
    assert response.status_code == 405 and response["Allow"] == "POST"
    body = response.content.decode()
    assert "Alamat ini untuk kiriman formulir" in body and "tidak tersimpan" in body
    assert Notifikasi.objects.filter(penerima=operator_paser, dibaca=None).count() == 1


def test_a_form_posted_after_the_session_ended_leads_back_to_its_form(client, operator_paser):
    """The sign-in cannot send the form again: it leads back to the page the form was on, and says
    the submission was not saved."""
    from tests import factories

    Notifikasi.objects.create(penerima=operator_paser, jenis="pengingat_laporan", judul="Pengingat")
    response = client.post("/notifikasi/baca-semua/", HTTP_REFERER="http://testserver/notifikasi/?baru=1")
    assert response.status_code == 302 and "next=/notifikasi/%3Fbaru%3D1" in response["Location"]
    response = client.post(
        response["Location"], {"username": "operator_paser", "password": factories.PASSWORD}, follow=True
    )
    assert response.status_code == 200 and response.request["PATH_INFO"] == "/notifikasi/"
    assert "tidak tersimpan" in response.content.decode()
    # A page of another site is not followed.
    client.logout()
    response = client.post("/notifikasi/baca-semua/", HTTP_REFERER="https://contoh.example/x")
    assert "next=/notifikasi/baca-semua/" in response["Location"]


def test_a_task_someone_has_done_leaves_every_bell(
    login, operator_paser, operator_ppu, staf_kaltim, admin_kaltim, django_capture_on_commit_callbacks
):
    """A notification that asked for a review, a resubmission or a verification is marked read for
    everyone it went to once somebody has done it; the ones about other objects stay unread."""

    def belum(user, jenis):
        return list(
            Notifikasi.objects.filter(penerima=user, jenis=jenis, dibaca__isnull=True).values_list(
                "url", flat=True
            )
        )

    def ajukan(user, laporan):
        with django_capture_on_commit_callbacks(execute=True):
            versi = LaporanTriwulan.objects.get(pk=laporan.pk).versi
            login(user).post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": versi})

    paser, ppu = factories.laporan("64.01", 2026, 1), factories.laporan("64.09", 2026, 1)
    factories.potensi(paser), factories.potensi(ppu)
    ajukan(operator_paser, paser)
    ajukan(operator_ppu, ppu)
    assert sorted(belum(staf_kaltim, "laporan_diajukan")) == sorted(
        [paser.get_absolute_url(), ppu.get_absolute_url()]
    )
    _kembalikan(login, admin_kaltim, paser, capture=django_capture_on_commit_callbacks)
    # staf_kaltim's bell no longer says Paser's report waits; PPU's still does.
    assert belum(staf_kaltim, "laporan_diajukan") == [ppu.get_absolute_url()]
    assert 'data-testid="jumlah-baru">1<' in login(staf_kaltim).get("/").content.decode()
    daftar = login(staf_kaltim).get("/notifikasi/").content.decode()
    assert "ditandai dibaca begitu tugasnya diselesaikan, oleh Anda atau rekan" in daftar
    assert belum(operator_paser, "laporan_diperiksa") == [paser.get_absolute_url()]
    ajukan(operator_paser, paser)  # sent again: the return is dealt with, and the staff are told anew
    assert belum(operator_paser, "laporan_diperiksa") == []
    assert sorted(belum(staf_kaltim, "laporan_diajukan")) == sorted(
        [paser.get_absolute_url(), ppu.get_absolute_url()]
    )

    rakor = factories.rakor("64", judul="Rakor Uji")
    satu, dua = (factories.rekomendasi(rakor, n, f"Butir {n}").penugasan.get() for n in (1, 2))
    for p in (satu, dua):
        with django_capture_on_commit_callbacks(execute=True):
            login(operator_paser).post(
                p.get_absolute_url(),
                {"tanggal": "2026-03-20", "narasi": "Selesai", "status": "sesuai", "berkas": _pdf()},
            )
    assert len(belum(admin_kaltim, "usulan_menunggu")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        login(staf_kaltim).post(
            reverse("rekomendasi:verifikasi", args=[satu.pk]), {"keputusan": "terima", "catatan": ""}
        )
    assert belum(admin_kaltim, "usulan_menunggu") == [dua.get_absolute_url()]


def test_the_morning_digest_lists_only_what_still_waits(
    login, operator_paser, operator_ppu, staf_kaltim, admin_kaltim, django_capture_on_commit_callbacks
):
    """ "Laporan diajukan" goes to staff in the morning digest by default: a report a colleague has
    reviewed since, or one the reader has opened in the portal, is not in it."""
    paser, ppu = factories.laporan("64.01", 2026, 1), factories.laporan("64.09", 2026, 1)
    for user, laporan in ((operator_paser, paser), (operator_ppu, ppu)):
        factories.potensi(laporan)
        with django_capture_on_commit_callbacks(execute=True):
            login(user).post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": 1})
    _kembalikan(login, admin_kaltim, paser, capture=django_capture_on_commit_callbacks)
    dibuka = Notifikasi.objects.get(
        penerima=admin_kaltim, jenis="laporan_diajukan", url=ppu.get_absolute_url()
    )
    login(admin_kaltim).get(dibuka.get_absolute_url())
    mail.outbox.clear()
    assert notifikasi.kirim_ringkasan_harian(datetime.date(2026, 4, 6)) == 1  # admin_kaltim: nothing left
    (surel,) = mail.outbox
    assert surel.to == [staf_kaltim.email] and "Ringkasan harian: 1 pemberitahuan" in surel.subject
    assert f"- {ppu} diajukan dan menunggu pemeriksaan" in surel.body and "Kab. Paser" not in surel.body
