"""Attendance PDF, uploads checked on their content, downloads through access checks."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from kesbangpol.pdf import PortalURLFetcher
from rakor.models import Dokumentasi, Orang, Peserta
from tests import factories

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_attendance_pdf_lists_every_invited_participant(login, staf_kaltim):
    rakor = factories.rakor("64", judul="Rakor Kesbangpol se-Kaltim 2024")
    paser = factories.kesbangpol("64.01")
    nonding = Orang.objects.create(nama="Nonding, S.Sos., M.M.", instansi=paser)
    Peserta.objects.create(rakor=rakor, instansi=paser, orang=nonding, jabatan="Kepala Badan")
    Peserta.objects.create(rakor=rakor, instansi=factories.kesbangpol("64.09"), jabatan="Kepala Badan PPU")
    response = login(staf_kaltim).get(reverse("rakor:daftar_hadir", args=[rakor.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "DAFTAR HADIR" in text
    assert "Nonding, S.Sos., M.M." in text and "Kepala Badan PPU" in text
    assert "Selasa–Rabu, 10–11 Maret 2026" in text
    assert "Halaman 1 dari 1" in text


def test_the_pdf_fetcher_refuses_local_files_and_other_hosts():
    fetcher = PortalURLFetcher()
    for url in (
        "file:///etc/passwd",
        "https://example.com/x.css",
        "https://portal.invalid/static/../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    css = fetcher.fetch("https://portal.invalid/static/css/portal.css")
    assert b"status-rencana" in css.read()


def test_a_photo_uploads_and_downloads_only_for_those_who_see_the_rakor(login, staf_kaltim, staf_kalbar):
    rakor = factories.rakor("64")
    client = login(staf_kaltim)
    response = client.post(
        reverse("rakor:dokumentasi_unggah", args=[rakor.pk]),
        {"berkas": SimpleUploadedFile("foto.png", PNG, content_type="image/png"), "keterangan": "Pembukaan"},
    )
    assert response.status_code == 302
    dok = Dokumentasi.objects.get()
    assert dok.jenis_berkas == "png" and dok.berkas.name.endswith(".png") and "foto" not in dok.berkas.name
    download = client.get(reverse("rakor:dokumentasi_unduh", args=[dok.pk]))
    assert download.status_code == 200
    # Stored re-encoded (nothing but the picture): the same pixels.
    from PIL import Image

    def piksel(data):
        return Image.open(io.BytesIO(data)).convert("RGBA").tobytes()

    assert piksel(b"".join(download.streaming_content)) == piksel(PNG)
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")
    assert login(staf_kalbar).get(reverse("rakor:dokumentasi_unduh", args=[dok.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.jpg", b"<script>alert(1)</script>", "bukan jenis yang diterima"),
        ("laporan.pdf", b"MZ\x90\x00 an executable", "bukan jenis yang diterima"),
    ],
)
def test_wrong_content_is_refused_whatever_the_name(login, staf_kaltim, name, content, message):
    rakor = factories.rakor("64")
    response = login(staf_kaltim).post(
        reverse("rakor:dokumentasi_unggah", args=[rakor.pk]),
        {"berkas": SimpleUploadedFile(name, content), "keterangan": "x"},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Dokumentasi.objects.exists()


@override_settings(UNGGAH_MAKS_MB=1)
def test_a_file_over_the_limit_is_refused(login, staf_kaltim):
    rakor = factories.rakor("64")
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)
    response = login(staf_kaltim).post(
        reverse("rakor:dokumentasi_unggah", args=[rakor.pk]),
        {"berkas": SimpleUploadedFile("besar.pdf", big), "keterangan": "x"},
    )
    assert (
        "Berkas terlalu besar" in response.content.decode() and "Batasnya 1 MB" in response.content.decode()
    )
    assert not Dokumentasi.objects.exists()
