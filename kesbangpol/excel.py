"""Reading a user's xlsx safely, for every import that checks all rows before writing any.

The caller has already checked with :mod:`kesbangpol.berkas` that the upload is an xlsx (content,
size, zip-bomb cap). Here: read-only streaming, formulas refused (the value Excel shows is not in
the file), headers matched case-insensitively, a row cap, and every problem collected as
(row, column, message) in Indonesian.
"""

import datetime
from dataclasses import dataclass, field

import openpyxl


@dataclass
class Galat:
    daftar: list[tuple[str, int | None, str, str]] = field(default_factory=list)

    def tambah(self, lembar: str, baris: int | None, kolom: str, pesan: str) -> None:
        self.daftar.append((lembar, baris, kolom, pesan))

    def __bool__(self):
        return bool(self.daftar)


def teks(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return " ".join(str(value).split())


def pilihan(choices) -> dict[str, str]:
    """A choice as people type it: the stored value or its label, any case ("Tinggi", "TINGGI")."""
    mapping = {}
    for value, label in choices:
        for key in (value, label, label.split(" (")[0]):
            mapping[str(key).casefold().replace("_", " ").strip()] = value
    return mapping


PAKAI_TEMPLAT = "Pakai templat yang diunduh dari portal."
BUKAN_XLSX = "Berkas tidak dapat dibaca sebagai Excel (.xlsx). Simpan ulang dari Excel lalu coba lagi."


def buka(berkas):
    """The workbook, or None when it cannot be read as xlsx."""
    try:
        return openpyxl.load_workbook(berkas, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        return None


def baca_lembar(
    workbook, nama: str | None, kolom: list[str], wajib: list[str], maks_baris: int, galat: Galat
):
    """Rows of one sheet (``nama``; None: the first) as dicts (column → raw value), with their
    spreadsheet row numbers. A missing sheet, missing or unknown columns, formulas and too many
    rows go into ``galat``; structural problems return no rows at all."""
    if nama is None:
        lembar = workbook.worksheets[0]
        nama = lembar.title
    elif nama in workbook.sheetnames:
        lembar = workbook[nama]
    else:
        galat.tambah(nama, None, "", f"Lembar “{nama}” tidak ada. {PAKAI_TEMPLAT}")
        return []
    rows = lembar.iter_rows()
    header = [teks(c.value).casefold().replace(" ", "_") for c in next(rows, [])]
    while header and header[-1] == "":
        header.pop()
    hilang = [k for k in wajib if k not in header]
    asing = [h or "(kosong)" for h in header if h not in kolom]
    if hilang:
        galat.tambah(nama, 1, "", f"Kolom wajib tidak ada: {', '.join(hilang)}. {PAKAI_TEMPLAT}")
    if asing:
        galat.tambah(nama, 1, "", f"Kolom tidak dikenal: {', '.join(asing)}. {PAKAI_TEMPLAT}")
    if hilang or asing:
        return []
    terlalu_banyak = (nama, None, "", f"Lembar “{nama}” berisi lebih dari {maks_baris} baris. Bagi isinya.")
    hasil = []
    for nomor, cells in enumerate(rows, start=2):
        # Empty but formatted rows are skipped, up to a point: a sheet with a million of them must
        # not keep a worker busy.
        if nomor > 10 * maks_baris:
            galat.daftar = [terlalu_banyak]
            return []
        nilai = {}
        rumus = False
        for k, cell in zip(header, cells, strict=False):
            if cell.data_type == "f":
                galat.tambah(nama, nomor, k, "Sel berisi rumus. Salin lalu tempel sebagai nilai saja.")
                rumus = True
            else:
                nilai[k] = cell.value
        if not rumus and all(teks(v) == "" for v in nilai.values()):
            continue
        hasil.append((nomor, nilai))
        if len(hasil) > maks_baris:
            galat.daftar = [terlalu_banyak]
            return []
    return hasil
