"""The Excel machinery every import and export shares: the upload form, reading a user's xlsx
safely, one error shape, one date-cell parser, and the one writer every workbook we send goes
through.

The upload form checks with :mod:`kesbangpol.berkas` that the file is an xlsx (content, size,
zip-bomb cap). Reading: read-only streaming, formulas refused (the value Excel shows is not in the
file), headers matched case-insensitively, a row cap, and every problem collected as (sheet, row,
column, message) in Indonesian.
"""

import datetime
import io
from dataclasses import dataclass, field

import openpyxl
from django import forms
from import_export.formats import base_formats
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill

from kesbangpol import berkas


class ImporForm(forms.Form):
    """One xlsx upload; the label and hint say which template it takes."""

    berkas = forms.FileField(label="Berkas Excel (.xlsx)")

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["berkas"].label = label
        self.fields["berkas"].help_text = help_text

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        berkas.periksa(upload, (berkas.XLSX,))
        return upload

    def sebagai_galat(self) -> "Galat":
        """The form's own refusal (not an xlsx, too large) in the shape of an import's errors."""
        galat = Galat()
        for pesan in self.errors.get("berkas", []):
            galat.tambah("", None, "berkas", pesan)
        return galat


@dataclass
class Galat:
    daftar: list[tuple[str, int | None, str, str]] = field(default_factory=list)

    def tambah(self, lembar: str, baris: int | None, kolom: str, pesan: str) -> None:
        self.daftar.append((lembar, baris, kolom, pesan))

    def __bool__(self):
        return bool(self.daftar)

    def __len__(self):
        return len(self.daftar)

    def __iter__(self):
        return iter(self.daftar)

    @property
    def ada_lembar(self) -> bool:
        """Whether any error names a sheet (a one-sheet import leaves that column out)."""
        return any(lembar for lembar, *_ in self.daftar)


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


def tanggal(value, galat: Galat, lembar: str, nomor: int, kolom: str, wajib=False) -> datetime.date | None:
    """A date cell: a real Excel date, or text like 2026-03-17; anything else is reported, and so is
    an empty cell where a date is ``wajib``."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if teks(value) == "":
        if wajib:
            galat.tambah(lembar, nomor, kolom, "Wajib diisi. Tulis tanggal seperti 2026-03-17.")
        return None
    try:
        return datetime.date.fromisoformat(teks(value))
    except ValueError:
        galat.tambah(lembar, nomor, kolom, f"“{teks(value)}” bukan tanggal. Tulis seperti 2026-03-17.")
        return None


PAKAI_TEMPLAT = "Pakai templat yang diunduh dari portal."
BUKAN_XLSX = "Berkas tidak dapat dibaca sebagai Excel (.xlsx). Simpan ulang dari Excel lalu coba lagi."


def buka(berkas):
    """The workbook, or None when it cannot be read as xlsx."""
    try:
        return openpyxl.load_workbook(berkas, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        return None


# Excel's own limit for a cell; a crafted file may hold more.
BATAS_SEL = 32_767


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def batas_model(model) -> dict[str, int]:
    """The length limits of a model's free-text fields, by field name (for :func:`baca_lembar`; a
    choice is typed as its label, which may be longer than the value stored)."""
    return {f.name: f.max_length for f in model._meta.concrete_fields if f.max_length and not f.choices}


def baca_lembar(
    workbook,
    nama: str | None,
    kolom: list[str],
    wajib: list[str],
    maks_baris: int,
    galat: Galat,
    batas: dict[str, int] | None = None,
):
    """Rows of one sheet (``nama``; None: the first) as dicts (column → raw value), with their
    spreadsheet row numbers. A missing sheet, missing or unknown columns, formulas, text longer
    than ``batas`` allows for its column (or than a cell can hold) and too many rows go into
    ``galat``, before anything is built; a row with such a cell is left out, and structural
    problems return no rows at all."""
    batas = batas or {}
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
        salah = False
        for k, cell in zip(header, cells, strict=False):
            maks = batas.get(k, BATAS_SEL)
            if cell.data_type == "f":
                galat.tambah(nama, nomor, k, "Sel berisi rumus. Salin lalu tempel sebagai nilai saja.")
                salah = True
            elif isinstance(cell.value, str) and len(cell.value) > maks:
                pesan = f"Terlalu panjang: {_angka(len(cell.value))} karakter; paling banyak {_angka(maks)}."
                galat.tambah(nama, nomor, k, pesan)
                salah = True
            else:
                nilai[k] = cell.value
        if salah or all(teks(v) == "" for v in nilai.values()):
            continue  # a refused cell is reported once, not again as missing
        hasil.append((nomor, nilai))
        if len(hasil) > maks_baris:
            galat.daftar = [terlalu_banyak]
            return []
    return hasil


def sel(nilai):
    """A value as a cell may hold it: control characters (which openpyxl refuses) dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", nilai) if isinstance(nilai, str) else nilai


class Templat:
    """Every workbook we send: sheets with a bold, shaded header row frozen at the top, column
    widths, and columns kept as text where Excel would mangle the value (an 18-digit NIP, 64.01).

    Nothing written here is ever a formula: a value someone typed as ``=HYPERLINK(…)`` (or ``+``,
    ``-``, ``@`` …) is saved as a text cell, shown and re-imported exactly as typed, never run."""

    TEBAL = Font(bold=True)
    ISI = PatternFill("solid", fgColor="DDE7F0")

    def __init__(self):
        self.wb = openpyxl.Workbook()
        self._kosong = True

    def lembar(self, judul: str, kolom: list[str] | None, lebar: list[int], teks_kolom: str = ""):
        """A new sheet (the workbook's first one is reused). ``teks_kolom``: column letters formatted
        as text."""
        if self._kosong:
            ws, self._kosong = self.wb.active, False
            ws.title = judul[:31]
        else:
            ws = self.wb.create_sheet(judul[:31])
        if kolom:
            self.baris(ws, kolom)
            for cell in ws[1]:
                cell.font, cell.fill = self.TEBAL, self.ISI
            ws.freeze_panes = "A2"
        for i, w in enumerate(lebar, start=1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = w
        for huruf in teks_kolom:
            ws.column_dimensions[huruf].number_format = "@"
        return ws

    def baris(self, ws, nilai) -> None:
        ws.append([sel(v) for v in nilai])

    def petunjuk(self, baris: list[str], judul: str = "", lebar: int = 120):
        """The instructions sheet: an optional bold title, then one line per row."""
        ws = self.lembar("Petunjuk", None, [lebar])
        if judul:
            self.baris(ws, [judul])
            ws["A1"].font = self.TEBAL
        for line in baris:
            self.baris(ws, [line])
        return ws

    def isi(self) -> bytes:
        for ws in self.wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # openpyxl takes any text starting with "=" for one
                        cell.data_type = "s"
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def lebar_kolom(kepala, baris) -> list[int]:
    """Column widths that fit the header and the first 200 rows, at most 60 characters."""
    contoh = list(baris[:200])
    return [
        min(60, max([len(str(h))] + [len(str(r[i] if r[i] is not None else "")) for r in contoh]) + 2)
        for i, h in enumerate(kepala)
    ]


def dari_dataset(dataset) -> bytes:
    """An import-export dataset (a portal or admin export) as a workbook written by :class:`Templat`."""
    t = Templat()
    kepala = list(dataset.headers or [])
    ws = t.lembar(dataset.title or "Data", kepala, lebar_kolom(kepala, dataset))
    for row in dataset:
        t.baris(ws, row)
    return t.isi()


class XLSX(base_formats.XLSX):
    """The admin's Excel export, written the same way (``IMPORT_EXPORT_EXPORT_FORMATS``)."""

    def export_data(self, dataset, **kwargs):
        return dari_dataset(dataset)
