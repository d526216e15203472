"""Participant import from Excel: all rows or none, bad rows named, people matched not duplicated,
hostile files refused with a message."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rakor.models import Orang, Peserta
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = ["nama", "nip", "jabatan", "kode_wilayah", "instansi", "moda", "kehadiran", "keterangan"]


def xlsx(rows, header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("peserta.xlsx", out.getvalue())


@pytest.fixture
def rakor(db):
    return factories.rakor("64")


def _post(client, rakor, upload):
    return client.post(reverse("rakor:peserta_impor", args=[rakor.pk]), {"berkas": upload})


def test_a_valid_sheet_imports_every_row_and_matches_existing_people(login, staf_kaltim, rakor):
    paser = factories.kesbangpol("64.01")
    nonding = Orang.objects.create(nama="Nonding, S.Sos., M.M.", instansi=paser, nip="")
    dgn_nip = Orang.objects.create(nama="Nama Lama", instansi=paser, nip="198001012005011001")
    upload = xlsx(
        [
            [
                "Nonding, S.Sos., M.M.",
                None,
                "Kepala Badan",
                "64.01",
                "Badan Kesbangpol",
                "Luring",
                "Hadir",
                None,
            ],
            [
                "Nama Baru Dengan NIP",
                "198001012005011001",
                "Sekretaris",
                "64.01",
                "kesbangpol",
                "DARING",
                "",
                None,
            ],
            [
                "Siti Aminah",
                None,
                "Kabid",
                "64.09",
                paser.nama.replace("Paser", "Penajam Paser Utara"),
                "",
                "",
                "",
            ],
            [None, None, "Kepala Bappeda", "64", "Bappeda", None, None, None],
        ]
    )
    factories.instansi("64", "Bappeda Provinsi Kalimantan Timur")
    response = _post(login(staf_kaltim), rakor, upload)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert rakor.peserta.count() == 4
    assert rakor.peserta.get(orang=nonding).kehadiran == "hadir"
    assert rakor.peserta.get(orang=dgn_nip).moda == "daring"  # matched by NIP, not duplicated by name
    assert Orang.objects.filter(nama="Nama Baru Dengan NIP").count() == 0
    assert rakor.peserta.get(orang=None).jabatan == "Kepala Bappeda"
    # The same sheet again updates instead of duplicating.
    upload.seek(0)
    _post(login(staf_kaltim), rakor, upload)
    assert rakor.peserta.count() == 4
    assert Orang.objects.filter(nama="Siti Aminah").count() == 1


def test_one_bad_row_imports_nothing_and_names_row_and_column(login, staf_kaltim, rakor):
    upload = xlsx(
        [
            ["Peserta Satu", None, "Staf", "64.01", "Badan Kesbangpol", "luring", "hadir", None],
            ["Peserta Dua", "12345", "Staf", "64.01", "Badan Kesbangpol", "luring", "hadir", None],
            ["Peserta Tiga", None, "Staf", "61.71", "Badan Kesbangpol", "naik kuda", "hadir", None],
        ]
    )
    response = _post(login(staf_kaltim), rakor, upload)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada yang diimpor" in body
    assert "<td>Peserta</td><td>3</td><td>NIP</td>" in body
    assert "<td>Peserta</td><td>4</td><td>Instansi</td>" in body
    assert "tidak ditemukan di wilayah 61.71" in body
    assert "<td>Peserta</td><td>4</td><td>Moda</td>" in body and "“naik kuda” bukan pilihan" in body
    assert not Peserta.objects.exists() and not Orang.objects.filter(nama__startswith="Peserta").exists()


def test_duplicate_rows_in_one_sheet_are_named(login, staf_kaltim, rakor):
    row = ["Peserta Ganda", None, "Staf", "64.01", "Badan Kesbangpol", None, None, None]
    body = _post(login(staf_kaltim), rakor, xlsx([row, row])).content.decode()
    assert "Orang yang sama dengan baris 2." in body
    assert not Peserta.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("peserta.xlsx", b"nama,nip\nBudi,1\n"), "bukan jenis yang diterima"),
        (SimpleUploadedFile("peserta.xlsx", b"%PDF-1.4 bukan excel"), "bukan jenis yang diterima"),
        (
            lambda: xlsx([["A", "B"]], header=["nama_lengkap", "kantor"]),
            "Kolom wajib tidak ada: nama, instansi",
        ),
        (
            lambda: xlsx([["=1+1", None, None, "64.01", "Badan Kesbangpol", None, None, None]]),
            "Sel berisi rumus",
        ),
        (
            lambda: xlsx([[f"Orang {i}", None, None, "64.01", "Badan Kesbangpol"] for i in range(2001)]),
            "lebih dari 2000 baris",
        ),
    ],
    ids=["csv", "pdf", "wrong-columns", "formula", "too-many-rows"],
)
def test_hostile_or_broken_files_get_a_message_and_nothing_is_saved(
    login, staf_kaltim, rakor, upload, message
):
    upload = upload() if callable(upload) else upload
    response = _post(login(staf_kaltim), rakor, upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Peserta.objects.exists()


def test_a_zip_that_only_pretends_to_be_xlsx_is_refused(login, staf_kaltim, rakor):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/workbook.xml", "bukan workbook")
    response = _post(login(staf_kaltim), rakor, SimpleUploadedFile("peserta.xlsx", out.getvalue()))
    assert "tidak dapat dibaca sebagai Excel" in response.content.decode()
    assert not Peserta.objects.exists()


def test_the_template_downloads_with_instructions_and_offices(login, staf_kaltim, rakor):
    response = login(staf_kaltim).get(reverse("rakor:peserta_templat", args=[rakor.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["Peserta"][1]] == HEADER
    offices = [row[1] for row in wb["Instansi"].iter_rows(min_row=2, values_only=True)]
    assert "Badan Kesatuan Bangsa dan Politik Kabupaten Paser" in offices
    assert not any("Kalimantan Barat" in o for o in offices)


def test_the_filled_template_imports(login, staf_kaltim, rakor):
    client = login(staf_kaltim)
    wb = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("rakor:peserta_templat", args=[rakor.pk])).content)
    )
    wb["Peserta"].append(["Budi Santoso", "", "Staf", "64.72", "Badan Kesbangpol", "luring", "", ""])
    out = io.BytesIO()
    wb.save(out)
    response = _post(client, rakor, SimpleUploadedFile("isi.xlsx", out.getvalue()))
    assert response.status_code == 302
    assert rakor.peserta.get().instansi.wilayah.kode == "64.72"


def test_a_sheet_of_100000_rows_is_refused_without_reading_it_all(login, staf_kaltim, rakor):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADER)
    for i in range(100_000):
        ws.append([f"Orang {i}", None, "Staf", "64.01", "Badan Kesbangpol"])
    out = io.BytesIO()
    wb.save(out)
    response = _post(login(staf_kaltim), rakor, SimpleUploadedFile("besar.xlsx", out.getvalue()))
    assert "berisi lebih dari 2000 baris" in response.content.decode()
    assert not Peserta.objects.exists() and not Orang.objects.exists()
