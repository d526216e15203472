"""Recommendations from an Excel sheet (columns nomor, isi, bidang, batas_waktu, sasaran). The rows
go to the same preview as a pasted list; nothing is saved until the preview is confirmed."""

import re

from kesbangpol import excel
from kesbangpol.excel import BUKAN_XLSX, Galat, Templat, baca_lembar, buka, pilihan, tanggal, teks
from rekomendasi.actions import Sasaran
from rekomendasi.models import Bidang, Rekomendasi

KOLOM = ["nomor", "isi", "bidang", "batas_waktu", "sasaran"]
LEMBAR = "Rekomendasi"
MAKS_BARIS = 500
NOMOR = re.compile(r"^(\d{1,3})([a-z]?)$")
SASARAN = pilihan(Sasaran.CHOICES)
SASARAN.update({"semua kabupaten/kota": Sasaran.KABKOTA, "semua kesbangpol": Sasaran.KESBANGPOL, "": ""})


def baca(berkas, rakor) -> tuple[list[dict], Galat]:
    """Rows as preview items, or the problems; nothing is saved."""
    galat = Galat()
    wb = buka(berkas)
    if wb is None:
        galat.tambah("", None, "", BUKAN_XLSX)
        return [], galat
    try:
        rows = baca_lembar(
            wb, None, KOLOM, ["nomor", "isi"], MAKS_BARIS, galat, excel.batas_model(Rekomendasi)
        )
    finally:
        wb.close()
    bidang = {b.nama.casefold(): b for b in Bidang.objects.filter(aktif=True)}
    butir = [b for b in (_baris(n, nilai, bidang, rakor, galat) for n, nilai in rows) if b]
    if not rows and not galat:
        galat.tambah("", None, "", "Tidak ada baris rekomendasi di berkas ini.")
    return (butir if not galat else []), galat


def _baris(n, nilai, bidang, rakor, galat) -> dict | None:
    awal = len(galat)
    nomor = teks(nilai.get("nomor")).casefold().rstrip(".")
    m = NOMOR.match(nomor)
    if not m:
        pesan = f"“{nomor}” bukan nomor butir. Tulis 9 untuk butir atau 9a untuk sub-butir."
        galat.tambah(LEMBAR, n, "nomor", pesan)
    isi = teks(nilai.get("isi"))
    if not isi:
        galat.tambah(LEMBAR, n, "isi", "Wajib diisi.")
    nama_bidang = teks(nilai.get("bidang"))
    b = bidang.get(nama_bidang.casefold()) if nama_bidang else None
    if nama_bidang and b is None:
        daftar = ", ".join(x.nama for x in bidang.values())
        galat.tambah(LEMBAR, n, "bidang", f"Bidang “{nama_bidang}” tidak ada. Pilih: {daftar}.")
    batas = tanggal(nilai.get("batas_waktu"), galat, LEMBAR, n, "batas_waktu")
    if batas and batas < rakor.tanggal_mulai:
        galat.tambah(LEMBAR, n, "batas_waktu", "Batas waktu tidak boleh sebelum rakor dimulai.")
    sasaran = SASARAN.get(teks(nilai.get("sasaran")).casefold())
    if sasaran is None:
        galat.tambah(
            LEMBAR,
            n,
            "sasaran",
            "Pilih: semua kabupaten/kota, semua kesbangpol, kesbangpol provinsi saja, atau kosong.",
        )
    if len(galat) > awal:
        return None
    return {"isi": isi, "sub": bool(m.group(2)), "bidang": b, "batas_waktu": batas, "sasaran": sasaran}


def templat() -> bytes:
    t = Templat()
    t.lembar(LEMBAR, KOLOM, [8, 90, 34, 14, 40], teks_kolom="A")
    t.petunjuk(
        [
            "nomor: 9 untuk butir, 9a/9b untuk sub-butirnya (baris sub-butir di bawah butirnya).",
            "isi: teks rekomendasi.",
            "bidang: salah satu dari lembar Bidang (boleh kosong).",
            "batas_waktu: tanggal seperti 2025-12-31 (boleh kosong).",
            "sasaran: semua kabupaten/kota, semua kesbangpol, kesbangpol provinsi saja, atau kosong.",
            "Hasil impor masuk ke pratinjau; tidak ada yang disimpan sebelum Anda menekan Simpan.",
        ],
        lebar=110,
    )
    daftar = t.lembar("Bidang", ["bidang"], [40])
    for b in Bidang.objects.filter(aktif=True):
        t.baris(daftar, [b.nama])
    return t.isi()
