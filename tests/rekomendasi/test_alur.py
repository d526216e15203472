"""Follow-up rules: who may report, evidence for "sesuai", reasons for "tidak dapat", province
verification, and that no office sees another's follow-up or evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from rekomendasi.models import BuktiDukung, Penugasan, TindakLanjut
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def penugasan_paser(db):
    rakor = factories.rakor("64")
    rek = factories.rekomendasi(
        rakor, isi="Sampaikan Peta Potensi Konflik triwulanan", kode_kantor=("64.01", "64.09")
    )
    return rek.penugasan.get(instansi__wilayah__kode="64.01")


def _lapor(client, p, **data):
    payload = {"tanggal": "2026-03-20", "narasi": "Sudah dikirim", "status": "belum_sesuai", **data}
    return client.post(reverse("rekomendasi:penugasan", args=[p.pk]), payload)


def _pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, factories.PDF_BYTES, content_type="application/pdf")


def test_operator_reports_progress_on_their_own_assignment(login, operator_paser, penugasan_paser):
    client = login(operator_paser)
    response = _lapor(client, penugasan_paser)
    assert response.status_code == 302
    # The page says what was recorded and what comes next, in the users' words.
    body = client.get(response.url).content.decode()
    assert "Tindak lanjut dicatat. Status: “Belum sesuai” (sedang dikerjakan). Bila sudah selesai" in body
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.status == Penugasan.Status.BELUM_SESUAI and not penugasan_paser.usulan
    assert penugasan_paser.tindak_lanjut.get().oleh == operator_paser


def test_sesuai_without_evidence_is_refused_and_nothing_saved(login, operator_paser, penugasan_paser):
    response = _lapor(login(operator_paser), penugasan_paser, status="sesuai")
    assert response.status_code == 200
    assert "wajib disertai paling sedikit satu berkas bukti dukung" in response.content.decode()
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.status == Penugasan.Status.BELUM and not penugasan_paser.usulan
    assert not TindakLanjut.objects.exists()


def test_sesuai_with_evidence_waits_for_the_province_then_is_verified(
    login, operator_paser, staf_kaltim, penugasan_paser
):
    response = _lapor(
        login(operator_paser), penugasan_paser, status="sesuai", berkas=[_pdf(), _pdf("foto.pdf")]
    )
    assert response.status_code == 302
    penugasan_paser.refresh_from_db()
    assert (
        penugasan_paser.usulan == Penugasan.Status.SESUAI
        and penugasan_paser.status == Penugasan.Status.BELUM_SESUAI
    )
    assert BuktiDukung.objects.count() == 2
    # The operator cannot verify their own office's proposal.
    url = reverse("rekomendasi:verifikasi", args=[penugasan_paser.pk])
    assert login(operator_paser).post(url, {"keputusan": "terima"}).status_code == 403
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.status != Penugasan.Status.SESUAI
    # Provincial staff do.
    response = login(staf_kaltim).post(url, {"keputusan": "terima", "catatan": "Lengkap"}, follow=True)
    assert "Diverifikasi: status" in response.content.decode()
    penugasan_paser.refresh_from_db()
    assert (
        penugasan_paser.status == Penugasan.Status.SESUAI and penugasan_paser.diverifikasi_oleh == staf_kaltim
    )
    assert [t.jenis for t in penugasan_paser.tindak_lanjut.all()] == ["laporan", "diterima"]


def test_returning_needs_a_reason_and_sets_belum_sesuai(login, operator_paser, staf_kaltim, penugasan_paser):
    _lapor(login(operator_paser), penugasan_paser, status="sesuai", berkas=[_pdf()])
    url = reverse("rekomendasi:verifikasi", args=[penugasan_paser.pk])
    client = login(staf_kaltim)
    body = client.post(url, {"keputusan": "kembalikan", "catatan": ""}).content.decode()
    assert "Tuliskan alasan pengembalian" in body
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.usulan == Penugasan.Status.SESUAI
    client.post(url, {"keputusan": "kembalikan", "catatan": "SK belum ditandatangani"})
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.status == Penugasan.Status.BELUM_SESUAI and not penugasan_paser.usulan
    assert penugasan_paser.tindak_lanjut.last().narasi == "SK belum ditandatangani"


def test_tidak_dapat_needs_a_reason_from_the_list(login, operator_paser, penugasan_paser):
    client = login(operator_paser)
    assert "Pilih alasan" in _lapor(client, penugasan_paser, status="tidak_dapat").content.decode()
    assert (
        "Tuliskan alasannya"
        in _lapor(client, penugasan_paser, status="tidak_dapat", alasan="lainnya").content.decode()
    )
    assert not TindakLanjut.objects.exists()
    _lapor(client, penugasan_paser, status="tidak_dapat", alasan="regulasi")
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.usulan == Penugasan.Status.TIDAK_DAPAT


def test_staff_cannot_verify_their_own_proposal(login, staf_kaltim, admin_kaltim, penugasan_paser):
    _lapor(login(staf_kaltim), penugasan_paser, status="sesuai", berkas=[_pdf()])
    url = reverse("rekomendasi:verifikasi", args=[penugasan_paser.pk])
    body = login(staf_kaltim).post(url, {"keputusan": "terima"}, follow=True).content.decode()
    assert "verifikasi harus oleh staf lain" in body
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.status != Penugasan.Status.SESUAI
    login(admin_kaltim).post(url, {"keputusan": "terima"})
    penugasan_paser.refresh_from_db()
    assert penugasan_paser.status == Penugasan.Status.SESUAI


def test_staff_record_for_an_office_without_users_never_in_place_of_one_with_them(
    login, staf_kaltim, penugasan_paser, operator_ppu
):
    client = login(staf_kaltim)
    # Paser has nobody in the portal: the province records its follow-up and says so.
    page = client.get(reverse("rekomendasi:penugasan", args=[penugasan_paser.pk])).content.decode()
    assert "Laporkan tindak lanjut" in page and 'data-testid="atas-nama"' in page
    assert _lapor(client, penugasan_paser).status_code == 302
    assert TindakLanjut.objects.filter(penugasan=penugasan_paser, oleh=staf_kaltim).count() == 1
    # PPU's operator reports for PPU: no form for the staff, and a post is refused.
    ppu = Penugasan.objects.get(instansi__wilayah__kode="64.09")
    page = client.get(reverse("rekomendasi:penugasan", args=[ppu.pk])).content.decode()
    assert "Laporkan tindak lanjut" not in page
    assert _lapor(client, ppu).status_code == 403
    assert not TindakLanjut.objects.filter(penugasan=ppu).exists()


def test_another_office_assignment_and_evidence_are_404(login, operator_paser, operator_ppu, penugasan_paser):
    _lapor(login(operator_paser), penugasan_paser, status="sesuai", berkas=[_pdf()])
    bukti = BuktiDukung.objects.get()
    client = login(operator_ppu)
    for url in (
        reverse("rekomendasi:penugasan", args=[penugasan_paser.pk]),
        reverse("rekomendasi:bukti", args=[bukti.pk]),
        reverse("rekomendasi:instansi", args=[penugasan_paser.instansi_id]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
    assert _lapor(client, penugasan_paser).status_code == 404
    assert penugasan_paser.tindak_lanjut.count() == 1
    # Their own assignment of the same recommendation is theirs to see.
    own = Penugasan.objects.get(instansi__wilayah__kode="64.09")
    assert client.get(reverse("rekomendasi:penugasan", args=[own.pk])).status_code == 200
    body = client.get(penugasan_paser.rekomendasi.get_absolute_url()).content.decode()
    assert "Kabupaten Paser" not in body  # the recommendation page lists only their own office


def test_evidence_is_downloaded_by_the_office_and_the_province_only(
    login, operator_paser, staf_kaltim, staf_kalbar, pimpinan_kaltim, penugasan_paser
):
    _lapor(login(operator_paser), penugasan_paser, status="sesuai", berkas=[_pdf()])
    url = reverse("rekomendasi:bukti", args=[BuktiDukung.objects.get().pk])
    for user in (operator_paser, staf_kaltim, pimpinan_kaltim):
        response = login(user).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == factories.PDF_BYTES
        assert response["Cache-Control"] == "private, no-store"
    assert login(staf_kalbar).get(url).status_code == 404


def test_pimpinan_reads_but_cannot_report_or_verify(login, pimpinan_kaltim, penugasan_paser):
    client = login(pimpinan_kaltim)
    assert client.get(penugasan_paser.get_absolute_url()).status_code == 200
    assert _lapor(client, penugasan_paser).status_code == 403
    verif = reverse("rekomendasi:verifikasi", args=[penugasan_paser.pk])
    assert client.post(verif, {"keputusan": "terima"}).status_code == 403


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("bukti.pdf", b"GIF89a nyamar jadi pdf"), "bukan jenis yang diterima"),
        (SimpleUploadedFile("bukti.exe", b"MZ\x90\x00"), "bukan jenis yang diterima"),
    ],
)
def test_evidence_that_is_not_what_its_name_says_is_refused(
    login, operator_paser, penugasan_paser, upload, message
):
    response = _lapor(login(operator_paser), penugasan_paser, status="sesuai", berkas=[upload])
    assert message in response.content.decode()
    assert not TindakLanjut.objects.exists() and not BuktiDukung.objects.exists()


@override_settings(UNGGAH_MAKS_MB=1)
def test_evidence_over_the_limit_is_refused(login, operator_paser, penugasan_paser):
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    response = _lapor(login(operator_paser), penugasan_paser, status="sesuai", berkas=[big])
    assert "Berkas terlalu besar" in response.content.decode()
    assert not TindakLanjut.objects.exists()


def test_verified_assignment_takes_no_more_reports(login, operator_paser, staf_kaltim, penugasan_paser):
    _lapor(login(operator_paser), penugasan_paser, status="sesuai", berkas=[_pdf()])
    login(staf_kaltim).post(
        reverse("rekomendasi:verifikasi", args=[penugasan_paser.pk]), {"keputusan": "terima"}
    )
    assert _lapor(login(operator_paser), penugasan_paser).status_code == 403
