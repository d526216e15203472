"""Recommendations from an Excel sheet (columns nomor, isi, bidang, batas_waktu, sasaran). The rows
go to the same preview as a pasted list; nothing is saved until the preview is confirmed."""

import datetime
import io
import re

import openpyxl
from openpyxl.styles import Font

from kesbangpol.excel import BUKAN_XLSX, Galat, baca_lembar, buka, pilihan, teks
from rekomendasi.actions import Sasaran
from rekomendasi.models import Bidang

KOLOM = ["nomor", "isi", "bidang", "batas_waktu", "sasaran"]
MAKS_BARIS = 500
NOMOR = re.compile(r"^(\d{1,3})([a-z]?)$")
SASARAN = pilihan(Sasaran.CHOICES)
SASARAN.update({"semua kabupaten/kota": Sasaran.KABKOTA, "semua kesbangpol": Sasaran.KESBANGPOL, "": ""})


def baca(berkas, rakor) -> tuple[list[dict], list[tuple[int | None, str, str]]]:
    """Rows as preview items, or the problems as (row, column, message); nothing is saved."""
    wb = buka(berkas)
    if wb is None:
        return [], [(None, "", BUKAN_XLSX)]
    g = Galat()
    try:
        rows = baca_lembar(wb, None, KOLOM, ["nomor", "isi"], MAKS_BARIS, g)
    finally:
        wb.close()
    galat = [(nomor, kolom, pesan) for _lembar, nomor, kolom, pesan in g.daftar]
    bidang = {b.nama.casefold(): b for b in Bidang.objects.filter(aktif=True)}
    butir = [b for b in (_baris(n, nilai, bidang, rakor, galat) for n, nilai in rows) if b]
    if not rows and not galat:
        galat.append((None, "", "Tidak ada baris rekomendasi di berkas ini."))
    return (butir if not galat else []), galat


def _baris(n, nilai, bidang, rakor, galat) -> dict | None:
    awal = len(galat)
    nomor = teks(nilai.get("nomor")).casefold().rstrip(".")
    m = NOMOR.match(nomor)
    if not m:
        galat.append(
            (n, "nomor", f"“{nomor}” bukan nomor butir. Tulis 9 untuk butir atau 9a untuk sub-butir.")
        )
    isi = teks(nilai.get("isi"))
    if not isi:
        galat.append((n, "isi", "Wajib diisi."))
    nama_bidang = teks(nilai.get("bidang"))
    b = bidang.get(nama_bidang.casefold()) if nama_bidang else None
    if nama_bidang and b is None:
        galat.append(
            (
                n,
                "bidang",
                f"Bidang “{nama_bidang}” tidak ada. Pilih: {', '.join(x.nama for x in bidang.values())}.",
            )
        )
    batas = nilai.get("batas_waktu")
    if isinstance(batas, datetime.datetime):
        batas = batas.date()
    elif batas not in (None, ""):
        try:
            batas = datetime.date.fromisoformat(teks(batas))
        except ValueError:
            galat.append((n, "batas_waktu", f"“{batas}” bukan tanggal. Tulis seperti 2025-12-31."))
            batas = None
    else:
        batas = None
    if batas and batas < rakor.tanggal_mulai:
        galat.append((n, "batas_waktu", "Batas waktu tidak boleh sebelum rakor dimulai."))
    sasaran = SASARAN.get(teks(nilai.get("sasaran")).casefold())
    if sasaran is None:
        galat.append(
            (
                n,
                "sasaran",
                "Pilih: semua kabupaten/kota, semua kesbangpol, kesbangpol provinsi saja, atau kosong.",
            )
        )
    if len(galat) > awal:
        return None
    return {"isi": isi, "sub": bool(m.group(2)), "bidang": b, "batas_waktu": batas, "sasaran": sasaran}


def templat() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekomendasi"
    ws.append(KOLOM)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDE", (8, 90, 34, 14, 40), strict=True):
        ws.column_dimensions[col].width = width
    ws.column_dimensions["A"].number_format = "@"
    petunjuk = wb.create_sheet("Petunjuk")
    for line in [
        "nomor: 9 untuk butir, 9a/9b untuk sub-butirnya (baris sub-butir di bawah butirnya).",
        "isi: teks rekomendasi.",
        "bidang: salah satu dari lembar Bidang (boleh kosong).",
        "batas_waktu: tanggal seperti 2025-12-31 (boleh kosong).",
        "sasaran: semua kabupaten/kota, semua kesbangpol, kesbangpol provinsi saja, atau kosong.",
        "Hasil impor masuk ke pratinjau; tidak ada yang disimpan sebelum Anda menekan Simpan.",
    ]:
        petunjuk.append([line])
    petunjuk.column_dimensions["A"].width = 110
    daftar = wb.create_sheet("Bidang")
    for b in Bidang.objects.filter(aktif=True):
        daftar.append([b.nama])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
