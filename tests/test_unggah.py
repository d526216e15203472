"""Uploads are checked by more than their first bytes (issue 17 item 8), on every upload path:
photos are stored re-encoded (what followed the image and the EXIF location are gone), and PDFs
with scripts, launch actions or embedded files are refused with nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from kesbangpol.models import Instansi
from rakor.models import Dokumentasi, Narasumber
from rekomendasi.models import BuktiDukung, TindakLanjut
from tests import factories

pytestmark = pytest.mark.django_db


def _png_dengan_html() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return out.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


def _jpeg_dengan_lokasi() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[0x8825] = {1: "S", 2: (1.0, 15.0, 0.0), 3: "E", 4: (116.0, 50.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _pdf(ubah) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    ubah(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _buka_dengan(tindakan: dict):
    def ubah(writer):
        aksi = DictionaryObject({NameObject(k): v for k, v in tindakan.items()})
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(aksi)

    return ubah


PDF_AKTIF = {
    "skrip": lambda: _pdf(
        _buka_dengan({"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")})
    ),
    "peluncuran": lambda: _pdf(
        _buka_dengan({"/S": NameObject("/Launch"), "/F": TextStringObject("cmd.exe")})
    ),
    "berkas sisipan": lambda: _pdf(lambda w: w.add_attachment("muatan.exe", b"MZ\x90\x00")),
}


def _unggah(client, jalur, rakor, penugasan, nama, isi):
    """Post one file through one upload path; returns the response."""
    f = SimpleUploadedFile(nama, isi)
    if jalur == "dokumentasi":
        return client.post(
            reverse("rakor:dokumentasi_unggah", args=[rakor.pk]), {"berkas": f, "keterangan": "x"}
        )
    if jalur == "bahan":
        data = {"nama": "Dr. Uji", "instansi": factories.kesbangpol("64").pk, "materi": "Materi",
                "moda": "luring", "urutan": "0", "bahan": f}  # fmt: skip
        return client.post(reverse("rakor:narasumber_tambah", args=[rakor.pk]), data)
    data = {"tanggal": "2026-03-01", "status": "belum_sesuai", "narasi": "Sudah dilaksanakan", "berkas": f}
    return client.post(reverse("rekomendasi:penugasan", args=[penugasan.pk]), data)


def _tersimpan(jalur):
    model = {"dokumentasi": Dokumentasi, "bahan": Narasumber, "bukti": BuktiDukung}[jalur]
    obj = model.objects.order_by("-pk").first()
    if obj is None:
        return None
    berkas = obj.bahan if jalur == "bahan" else obj.berkas
    return berkas.read() if berkas else None


@pytest.mark.parametrize("jalur", ["dokumentasi", "bukti"])
def test_photos_are_stored_re_encoded_without_what_was_appended_or_their_location(
    client, staf_kaltim, operator_paser, jalur
):
    rakor = factories.rakor("64")
    penugasan = factories.rekomendasi(rakor, kode_kantor=("64.01",)).penugasan.get()
    user = staf_kaltim if jalur == "dokumentasi" else operator_paser
    client.force_login(user, backend="kesbangpol.backends.PenggunaBackend")
    response = _unggah(client, jalur, rakor, penugasan, "foto.png", _png_dengan_html())
    assert response.status_code == 302, response.content.decode()[-2000:]
    disimpan = _tersimpan(jalur)
    assert disimpan.startswith(b"\x89PNG") and b"<html" not in disimpan and b"script" not in disimpan
    response = _unggah(client, jalur, rakor, penugasan, "lokasi.jpg", _jpeg_dengan_lokasi())
    assert response.status_code == 302
    disimpan = _tersimpan(jalur)
    img = Image.open(io.BytesIO(disimpan))
    assert img.format == "JPEG" and not img.getexif() and b"KameraUji" not in disimpan
    assert img.size == (8, 8)


@pytest.mark.parametrize("jalur", ["dokumentasi", "bahan", "bukti"])
@pytest.mark.parametrize("jenis", sorted(PDF_AKTIF))
def test_pdfs_that_run_something_are_refused_on_every_path(client, staf_kaltim, operator_paser, jalur, jenis):
    rakor = factories.rakor("64")
    penugasan = factories.rekomendasi(rakor, kode_kantor=("64.01",)).penugasan.get()
    client.force_login(
        operator_paser if jalur == "bukti" else staf_kaltim, backend="kesbangpol.backends.PenggunaBackend"
    )
    response = _unggah(client, jalur, rakor, penugasan, "surat.pdf", PDF_AKTIF[jenis]())
    assert response.status_code == 200
    body = response.content.decode()
    assert "berisi skrip, tindakan otomatis atau berkas sisipan" in body and "Print" in body
    assert _tersimpan(jalur) is None and not TindakLanjut.objects.exists()
    # The same file without the active part goes through.
    assert _unggah(client, jalur, rakor, penugasan, "surat.pdf", factories.PDF_BYTES).status_code == 302


def test_a_broken_photo_is_refused(client, staf_kaltim):
    rakor = factories.rakor("64")
    client.force_login(staf_kaltim, backend="kesbangpol.backends.PenggunaBackend")
    response = _unggah(client, "dokumentasi", rakor, None, "foto.png", b"\x89PNG\r\n\x1a\n" + b"rusak" * 50)
    assert "rusak atau tidak dapat dibaca" in response.content.decode()
    assert not Dokumentasi.objects.exists()


def test_the_emblem_uploaded_in_the_admin_is_stored_re_encoded(login, admin_kaltim):
    kantor = factories.kesbangpol("64")
    kantor.lambang = SimpleUploadedFile("lambang.png", _png_dengan_html())
    kantor.full_clean()
    kantor.save()
    disimpan = Instansi.objects.get(pk=kantor.pk).lambang.read()
    assert disimpan.startswith(b"\x89PNG") and b"<html" not in disimpan
