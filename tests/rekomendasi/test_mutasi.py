"""Rules of the recommendation workflow a mutation run (mutmut 2.5.1 over rekomendasi/actions.py)
showed no test held: who a pasted item is assigned to, one notification per office for a pasted
batch, what a saved item keeps, the notifications of a proposal and of its verification, and that
each workflow step is all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kesbangpol.models import Instansi, Notifikasi, Wilayah
from rekomendasi import actions
from rekomendasi.models import Bidang, Penugasan, Rekomendasi, TindakLanjut
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kabar_per_permintaan")]
S = actions.Sasaran


@pytest.mark.parametrize(
    ("sasaran", "kode"),
    [  # the values the paste form and the Excel template carry
        ("kabkota", "kabkota"),
        ("kesbangpol", "provinsi dan kabkota"),
        ("provinsi", "provinsi"),
        ("", "tidak ada"),
    ],
)
def test_each_target_names_exactly_its_offices(sasaran, kode):
    kaltim = Wilayah.objects.get(kode="64")
    kab = [w.kode for w in kaltim.kabkota.order_by("kode")]
    harapan = {"kabkota": kab, "provinsi dan kabkota": ["64", *kab], "provinsi": ["64"], "tidak ada": []}[
        kode
    ]
    hasil = actions.instansi_sasaran(kaltim, sasaran)
    assert [i.wilayah.kode for i in hasil] == harapan
    assert all(i.jenis == Instansi.Jenis.KESBANGPOL for i in hasil)
    assert sasaran in dict(S.CHOICES)


def _butir(isi, sub=False, **extra):
    return {"isi": isi, "sub": sub, **extra}


def test_a_pasted_batch_tells_each_office_once_and_lists_every_item(
    staf_kaltim, operator_paser, operator_ppu
):
    from django.test import TestCase

    rakor = factories.rakor("64", judul="Rakor Uji")
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.simpan_butir(
            rakor,
            [
                _butir("Satu", sasaran=S.KABKOTA),
                _butir("Dua", sasaran=S.KABKOTA),
                _butir("Tiga", sasaran=S.KABKOTA),
            ],
            staf_kaltim,
        )
    kabar = Notifikasi.objects.filter(jenis="penugasan_baru", penerima=operator_paser)
    assert kabar.count() == 1
    n = kabar.get()
    assert n.judul == "3 rekomendasi Rakor Uji ditugaskan ke instansi Anda"
    assert "- 1. Satu" in n.isi and "- 2. Dua" in n.isi and "- 3. Tiga" in n.isi
    assert n.url == reverse("rekomendasi:saya")
    assert Notifikasi.objects.filter(jenis="penugasan_baru", penerima=operator_ppu).count() == 1


def test_the_message_cuts_a_long_item_with_an_ellipsis_and_gives_a_sub_point_its_parent(
    staf_kaltim, operator_paser
):
    from django.test import TestCase

    rakor = factories.rakor("64", judul="Rakor Uji")
    panjang = "Mendorong Pemerintah Kabupaten/Kota untuk membentuk forum kewaspadaan dini " * 4
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.simpan_butir(
            rakor,
            [
                _butir(panjang.strip(), sasaran=S.KABKOTA),
                _butir("Memfasilitasi kegiatan FKDM:", sasaran=S.KABKOTA),
                _butir("FKDM Kecamatan.", sub=True, sasaran=S.KABKOTA),
            ],
            staf_kaltim,
        )
    isi = Notifikasi.objects.get(jenis="penugasan_baru", penerima=operator_paser).isi
    baris = [b for b in isi.splitlines() if b.startswith("- ")]
    assert baris[0].endswith("…") and len(baris[0]) == len("- 1. ") + 200, baris[0]
    assert baris[2] == "- 2a. Memfasilitasi kegiatan FKDM: a. FKDM Kecamatan."


def test_one_new_assignment_links_to_itself(staf_kaltim, operator_paser):
    from django.test import TestCase

    rakor = factories.rakor("64", judul="Rakor Uji")
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.simpan_butir(rakor, [_butir("Satu-satunya", sasaran=S.KABKOTA)], staf_kaltim)
    n = Notifikasi.objects.get(jenis="penugasan_baru", penerima=operator_paser)
    p = Penugasan.objects.get(instansi__wilayah__kode="64.01")
    assert n.judul == "Rekomendasi 1 Rakor Uji ditugaskan ke instansi Anda"
    assert n.url == p.get_absolute_url()


def test_a_saved_item_keeps_its_due_date_and_author_and_a_sub_point_its_parents_field(staf_kaltim):
    rakor = factories.rakor("64")
    hukum = Bidang.objects.order_by("pk").first()
    batas = datetime.date(2026, 12, 31)
    dibuat = actions.simpan_butir(
        rakor,
        [_butir("Induk", bidang=hukum, batas_waktu=batas, batas_akhir_tahun=True), _butir("Anak", sub=True)],
        staf_kaltim,
    )
    induk, anak = dibuat
    induk.refresh_from_db()
    anak.refresh_from_db()
    assert (induk.batas_waktu, induk.batas_akhir_tahun, induk.dibuat_oleh) == (batas, True, staf_kaltim)
    assert (anak.label, anak.bidang, anak.dibuat_oleh) == ("1a", hukum, staf_kaltim)


def test_a_paste_with_one_bad_item_saves_none_of_it(staf_kaltim):
    rakor = factories.rakor("64")
    with pytest.raises(ValidationError):
        actions.simpan_butir(rakor, [_butir("Baik", sasaran=S.KABKOTA), _butir("")], staf_kaltim)
    assert not Rekomendasi.objects.filter(rakor=rakor).exists()
    assert not Penugasan.objects.exists()


@pytest.fixture
def penugasan_paser(db):
    rek = factories.rekomendasi(factories.rakor("64", judul="Rakor Uji"), isi="Sampaikan laporan")
    return rek.penugasan.get()


def _pdf():
    return SimpleUploadedFile("bukti.pdf", factories.PDF_BYTES, content_type="application/pdf")


def test_a_proposal_tells_the_province_and_its_verification_tells_the_office(
    login, operator_paser, staf_kaltim, admin_kaltim, penugasan_paser
):
    url = reverse("rekomendasi:penugasan", args=[penugasan_paser.pk])
    login(operator_paser).post(
        url, {"tanggal": "2026-03-20", "narasi": "Selesai", "status": "sesuai", "berkas": _pdf()}
    )
    kabar = Notifikasi.objects.filter(jenis="usulan_menunggu")
    assert set(kabar.values_list("penerima__username", flat=True)) == {"staf_kaltim", "admin_kaltim"}
    assert kabar.first().judul == (
        f"Rekomendasi 1: usulan “Sesuai” {penugasan_paser.instansi} menunggu verifikasi"
    )
    assert "rekomendasi 1 Rakor Uji" in kabar.first().isi
    login(staf_kaltim).post(
        reverse("rekomendasi:verifikasi", args=[penugasan_paser.pk]), {"keputusan": "terima", "catatan": ""}
    )
    n = Notifikasi.objects.get(jenis="tindak_lanjut_diverifikasi", penerima=operator_paser)
    assert n.judul == "Tindak lanjut rekomendasi 1 diterima: status “Sesuai”"
    assert "Usulan “Sesuai” diverifikasi." in n.isi  # the note written for an empty one
    assert TindakLanjut.objects.filter(jenis=TindakLanjut.Jenis.DITERIMA).get().narasi == (
        "Usulan “Sesuai” diverifikasi."
    )


def test_a_proposal_by_staff_is_not_announced_to_its_author(
    login, admin_kaltim, staf_kaltim, penugasan_paser
):
    Penugasan.objects.filter(pk=penugasan_paser.pk).update(instansi=factories.kesbangpol("64"))
    login(staf_kaltim).post(
        reverse("rekomendasi:penugasan", args=[penugasan_paser.pk]),
        {"tanggal": "2026-03-20", "narasi": "Selesai", "status": "sesuai", "berkas": _pdf()},
    )
    assert set(
        Notifikasi.objects.filter(jenis="usulan_menunggu").values_list("penerima__username", flat=True)
    ) == {"admin_kaltim"}


def test_a_reason_is_kept_only_with_tidak_dapat(operator_paser, penugasan_paser):
    entry = actions.laporkan(
        penugasan_paser, operator_paser, tanggal=datetime.date(2026, 3, 20), status="belum_sesuai",
        narasi="Berjalan", alasan="lainnya", alasan_lain="Anggaran belum turun",
    )  # fmt: skip
    assert (entry.alasan, entry.alasan_lain) == ("", "")


def test_a_follow_up_whose_evidence_cannot_be_stored_leaves_nothing(
    operator_paser, penugasan_paser, monkeypatch
):
    from kesbangpol import berkas

    def penuh(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(berkas, "simpan", penuh)
    with pytest.raises(OSError):
        actions.laporkan(
            penugasan_paser, operator_paser, tanggal=datetime.date(2026, 3, 20), status="sesuai",
            narasi="Selesai", berkas_list=[_pdf()],
        )  # fmt: skip
    penugasan_paser.refresh_from_db()
    assert not TindakLanjut.objects.exists() and penugasan_paser.usulan == ""


def test_a_verification_that_fails_midway_leaves_the_proposal_waiting(
    operator_paser, staf_kaltim, penugasan_paser, monkeypatch
):
    actions.laporkan(
        penugasan_paser, operator_paser, tanggal=datetime.date(2026, 3, 20), status="sesuai",
        narasi="Selesai", berkas_list=[_pdf()],
    )  # fmt: skip

    def gagal(*args, **kwargs):
        raise RuntimeError("database hilang")

    monkeypatch.setattr(TindakLanjut.objects, "create", gagal)
    with pytest.raises(RuntimeError):
        actions.verifikasi(penugasan_paser, staf_kaltim, terima=True, catatan="")
    penugasan_paser.refresh_from_db()
    assert (penugasan_paser.status, penugasan_paser.usulan) == ("belum_sesuai", "sesuai")


def test_reminders_reach_seven_days_ahead_not_eight_and_nothing_due_reminds_nobody(operator_paser):
    from django.core import mail

    rakor = factories.rakor("64")
    today = datetime.date(2026, 6, 1)
    factories.rekomendasi(rakor, 1, "Jauh", batas_waktu=today + datetime.timedelta(days=8))
    assert actions.kirim_pengingat(today) == 0 and not mail.outbox
    factories.rekomendasi(rakor, 2, "Tujuh hari lagi", batas_waktu=today + datetime.timedelta(days=7))
    assert actions.kirim_pengingat(today) == 1
    assert "Tujuh hari lagi" in mail.outbox[0].body and "Jauh" not in mail.outbox[0].body


def test_reminders_count_due_today_as_due_mail_each_office_once_and_count_offices(
    operator_paser, operator_ppu
):
    from django.core import mail

    rakor = factories.rakor("64")
    today = datetime.date(2026, 6, 1)
    factories.rekomendasi(rakor, 1, "Hari ini", batas_waktu=today, kode_kantor=("64.01", "64.09"))
    Instansi.objects.filter(wilayah__kode="64.01", jenis=Instansi.Jenis.KESBANGPOL).update(
        email="kesbangpol@paserkab.go.id"
    )
    Instansi.objects.filter(wilayah__kode="64.09", jenis=Instansi.Jenis.KESBANGPOL).update(
        email=operator_ppu.email  # the office's address is its operator's: one mail, not two
    )
    assert actions.kirim_pengingat(today) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kesbangpol@paserkab.go.id",
        "operator_paser@uji.localhost",
        "operator_ppu@uji.localhost",
    ]
    assert all("0 terlambat, 1 jatuh tempo dalam 7 hari" in m.subject for m in mail.outbox)


def test_a_reminded_sub_point_carries_its_parent_sentence(operator_paser):
    from django.core import mail

    rakor = factories.rakor("64")
    today = datetime.date(2026, 6, 1)
    induk = factories.rekomendasi(rakor, 9, "Memfasilitasi kegiatan FKDM:", kode_kantor=())
    factories.rekomendasi(rakor, 1, "FKDM Kecamatan.", induk=induk, batas_waktu=today)
    assert actions.kirim_pengingat(today) == 1
    assert "- 9a. Memfasilitasi kegiatan FKDM: a. FKDM Kecamatan." in mail.outbox[0].body
