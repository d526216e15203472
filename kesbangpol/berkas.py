"""Uploaded files: the type is read from the content, never from the name or the header the browser
sent, and the size is capped (PRODUCT.md §5, "uploads are checked for size, type and content").

Stored names are generated (``<uuid>.<ext>``) so a hostile name never reaches the storage; the
original name is kept on the row for the download."""

import io
import logging
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Jenis:
    kode: str
    label: str
    ekstensi: str
    content_type: str
    gambar: bool = False


PDF = Jenis("pdf", "PDF", "pdf", "application/pdf")
JPEG = Jenis("jpeg", "JPEG", "jpg", "image/jpeg", gambar=True)
PNG = Jenis("png", "PNG", "png", "image/png", gambar=True)
DOCX = Jenis(
    "docx", "Word (.docx)", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = Jenis(
    "xlsx", "Excel (.xlsx)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
PPTX = Jenis(
    "pptx",
    "PowerPoint (.pptx)",
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)

DOKUMEN = (PDF, JPEG, PNG, DOCX, XLSX, PPTX)
GAMBAR = (JPEG, PNG)
SEMUA = {j.kode: j for j in DOKUMEN}

# Office Open XML files are zip archives; the part that names the kind sits in a known folder.
_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
# A zip whose parts unpack to more than this is refused before anyone parses it (a "zip bomb").
MAKS_ISI_ZIP = 200 * 1024 * 1024


def maks_bytes() -> int:
    return settings.UNGGAH_MAKS_MB * 1024 * 1024


def kenali(berkas) -> Jenis | None:
    """The kind of an uploaded file from its first bytes (and, for Office files, its zip parts)."""
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        return PDF
    if kepala.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kepala.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(berkas) as arsip:
                infos = arsip.infolist()
                if sum(i.file_size for i in infos) > MAKS_ISI_ZIP:
                    return None
                names = [i.filename for i in infos]
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            berkas.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        for folder, jenis in _OOXML.items():
            if any(n.startswith(folder) for n in names):
                return jenis
    return None


def periksa(berkas, diizinkan=DOKUMEN) -> Jenis:
    """Validate an upload; returns its kind or raises a ValidationError in plain Indonesian."""
    if berkas.size > maks_bytes():
        raise ValidationError(
            f"Berkas terlalu besar ({filesizeformat(berkas.size)}). Batasnya {settings.UNGGAH_MAKS_MB} MB."
        )
    if berkas.size == 0:
        raise ValidationError("Berkas kosong.")
    jenis = kenali(berkas)
    if jenis is None or jenis not in diizinkan:
        daftar = ", ".join(j.label for j in diizinkan)
        raise ValidationError(
            f"Isi berkas “{berkas.name}” bukan jenis yang diterima ({daftar}). "
            "Jenis diperiksa dari isi berkas, bukan dari nama atau ekstensinya."
        )
    if jenis in GAMBAR:
        _periksa_gambar(berkas)
    elif jenis is PDF:
        _periksa_pdf(berkas)
    return jenis


def _periksa_gambar(berkas) -> None:
    """A photo Pillow can decode whole (the first bytes alone prove nothing)."""
    try:
        berkas.seek(0)
        with Image.open(berkas) as img:
            img.load()
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            f"Gambar “{berkas.name}” rusak atau tidak dapat dibaca. Simpan ulang lalu unggah lagi."
        ) from None
    finally:
        berkas.seek(0)


# Names in a PDF that run something or carry other files: refused, whatever the viewer would do.
_PDF_AKTIF = {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/SubmitForm"}


def _periksa_pdf(berkas) -> None:
    """A PDF without scripts, launch actions or embedded files (every object reachable from its
    trailer is looked at; an encrypted file is opened with the empty password or refused)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    tolak = ValidationError(
        f"PDF “{berkas.name}” berisi skrip, tindakan otomatis atau berkas sisipan, atau tidak dapat "
        "diperiksa. Cetak ulang sebagai PDF (Print → Save as PDF) lalu unggah hasilnya."
    )
    try:
        berkas.seek(0)
        reader = PdfReader(berkas)
        if reader.is_encrypted and not reader.decrypt(""):
            raise tolak
        dilihat, antre = set(), [reader.trailer]
        while antre:
            obj = antre.pop()
            if isinstance(obj, IndirectObject):
                kunci = (obj.idnum, obj.generation)
                if kunci in dilihat:
                    continue
                dilihat.add(kunci)
                if len(dilihat) > 200_000:
                    raise tolak
                obj = obj.get_object()
            if isinstance(obj, DictionaryObject):
                if _PDF_AKTIF & set(obj.keys()) or obj.get("/S") in _PDF_AKTIF:
                    raise tolak
                antre.extend(v for k, v in obj.items() if k not in ("/Parent", "/P"))
            elif isinstance(obj, ArrayObject):
                antre.extend(obj)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds for a broken or hostile file
        raise tolak from None
    finally:
        berkas.seek(0)


def bersih(upload, jenis: Jenis):
    """What is stored of an upload: photos re-encoded by Pillow (keeping how they look, dropping
    EXIF, the camera's location among it, and anything appended after the image), other kinds as
    they came (PDFs were checked by :func:`periksa`)."""
    if jenis not in GAMBAR:
        return upload
    upload.seek(0)
    with Image.open(upload) as img:
        img = ImageOps.exif_transpose(img)
        out = io.BytesIO()
        if jenis is JPEG:
            img.convert("RGB").save(out, "JPEG", quality=90)
        else:
            img.save(out, "PNG")
    upload.seek(0)
    return ContentFile(out.getvalue(), name=upload.name)


def simpan(fieldfile, folder: str, jenis: Jenis, upload) -> int:
    """Store a checked upload under a random name in ``folder``; returns the stored size."""
    isi = bersih(upload, jenis)
    fieldfile.save(nama_simpan(folder, jenis), isi, save=False)
    return isi.size


def validate_lambang(berkas) -> None:
    """An emblem for letterheads: a real PNG or JPEG (checked by content), at most 1 MB."""
    if berkas.size > 1024 * 1024:
        raise ValidationError("Lambang paling besar 1 MB.")
    if kenali(berkas) not in GAMBAR:
        raise ValidationError("Lambang harus berkas PNG atau JPEG (diperiksa dari isinya).")
    _periksa_gambar(berkas)


def nama_simpan(folder: str, jenis: Jenis) -> str:
    return f"{folder}/{uuid.uuid4().hex}.{jenis.ekstensi}"


def unduhan(request, fieldfile, nama: str, jenis: Jenis | None, aksi: str, objek, kembali: str = ""):
    """A stored upload, sent after the caller's access check, always as an attachment (an <img> on
    the portal's own pages still shows photos); never cached (nosniff is set site-wide). The
    download goes into the audit trail as ``aksi``; a file missing from storage (a restore without
    the media volume, a disk error) answers a page that says so and what to do, audited as failed."""
    from kesbangpol import audit

    try:
        isi = fieldfile.open("rb")
    except OSError as exc:
        log.error("Berkas %s (%s) tidak dapat dibuka: %s", fieldfile.name, objek, exc)
        audit.catat(request, aksi, objek, hasil="gagal", keterangan=f"berkas tidak ada: {fieldfile.name}")
        return render(request, "berkas_hilang.html", {"kembali": kembali}, status=410)
    audit.catat(request, aksi, objek)
    response = FileResponse(
        isi,
        as_attachment=True,
        filename=nama,
        content_type=jenis.content_type if jenis else "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def dibuat(isi: bytes | str, nama: str, content_type: str = XLSX.content_type, inline=False) -> HttpResponse:
    """A file the portal generated in this request (an export, a template, a PDF, a calendar), with
    one set of download headers: its name, attachment unless shown in the browser, never cached."""
    response = HttpResponse(isi, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{nama}"'
    response["Cache-Control"] = "private, no-store"
    return response
