"""Exports where the data is shown (a period's items, the completeness matrix, …): the page's own
rows, filters, scope and clearance, as a workbook or as CSV, and every export audited.

- xlsx (``?format=xlsx``, the default): one sheet per table with an Indonesian header row, written by
  :class:`kesbangpol.excel.Templat` (text cells: nothing is ever a formula), and a *Keterangan* sheet
  that states the filters, the time and who exported it;
- CSV (``?format=csv``, one table, ``?tabel=`` chooses it): UTF-8 with a BOM so that Excel opens it
  with the right characters; a cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR is prefixed with
  an apostrophe (CSV has no text cells; OWASP's advice against formula injection).
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.text import slugify

from kesbangpol import audit, berkas
from kesbangpol.excel import Templat, lebar_kolom

FORMAT = ("xlsx", "csv")
BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Tabel:
    judul: str  # the sheet's name, and the CSV file's suffix
    kolom: list[str]  # the header row, in Indonesian
    baris: list[list] = field(default_factory=list)

    @property
    def kunci(self) -> str:
        return slugify(self.judul)


def _csv_sel(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, datetime.datetime):
        nilai = timezone.localtime(nilai).strftime("%Y-%m-%d %H:%M")
    teks = str(nilai)
    return "'" + teks if teks.startswith(BERBAHAYA) else teks


def _xlsx_sel(nilai):
    if isinstance(nilai, datetime.datetime):
        return timezone.localtime(nilai).replace(tzinfo=None)
    return nilai


def jawab(request, nama: str, tabel: list[Tabel], saringan: list[tuple[str, str]], aksi: str, objek=None):
    """The download of ``tabel`` in the format asked for, named ``nama`` (without extension)."""
    fmt = request.GET.get("format") or "xlsx"
    if fmt not in FORMAT:
        fmt = "xlsx"
    keterangan = [*kepala(request.user), *saringan]
    if fmt == "csv":
        pilih = next((t for t in tabel if t.kunci == request.GET.get("tabel")), tabel[0])
        audit.catat(request, aksi, objek, keterangan=_ringkas("csv", pilih, saringan))
        out = io.StringIO()
        tulis = csv.writer(out)
        tulis.writerow(pilih.kolom)
        for baris in pilih.baris:
            tulis.writerow([_csv_sel(v) for v in baris])
        nama_berkas = f"{nama}-{pilih.kunci}.csv" if len(tabel) > 1 else f"{nama}.csv"
        return berkas.dibuat("\ufeff" + out.getvalue(), nama_berkas, "text/csv; charset=utf-8")
    audit.catat(request, aksi, objek, keterangan=_ringkas("xlsx", None, saringan, tabel))
    return berkas.dibuat(xlsx(tabel, keterangan), f"{nama}.xlsx")


def kepala(user) -> list[tuple[str, str]]:
    """The Keterangan sheet's first rows: who exported, and when."""
    return [
        ("Diekspor oleh", f"{user.get_full_name() or user.get_username()} ({user.get_peran_display()})"),
        ("Waktu", timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")),
    ]


def xlsx(tabel: list[Tabel], keterangan: list[tuple[str, str]]) -> bytes:
    """The workbook: one sheet per table, then the Keterangan sheet (also for exports built by a task)."""
    t = Templat()
    for tab in tabel:
        ws = t.lembar(tab.judul, tab.kolom, lebar_kolom(tab.kolom, tab.baris))
        for baris in tab.baris:
            t.baris(ws, [_xlsx_sel(v) for v in baris])
    ws = t.lembar("Keterangan", ["Keterangan", "Nilai"], [24, 90])
    for baris in keterangan:
        t.baris(ws, list(baris))
    return t.isi()


def saringan_halaman(request) -> str:
    """The page's filters as a query string for its export links (and its pagination): every
    non-empty GET parameter but the page number and the format."""
    return urlencode({k: v for k, v in request.GET.items() if k not in ("halaman", "format") and v})


def _ringkas(fmt, pilih, saringan, tabel=()) -> str:
    jumlah = f"{len(pilih.baris)} baris" if pilih else ", ".join(f"{t.judul} {len(t.baris)}" for t in tabel)
    return f"{fmt}; {jumlah}; " + "; ".join(f"{k}: {v}" for k, v in saringan)
