"""The report's Excel round-trip: a template pre-filled with the report's items (rolled forward ones
included), and its upload, which replaces the report's items only when every row is valid.

Potensi rows keep their identity through the ``id`` column: a row whose id is an item of this
kab/kota's reports updates (or brings back) that item; a row without id is a new potensi; an item
left out of the sheet is removed from this report.
"""

import datetime
import uuid
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from kesbangpol import dates, excel
from kesbangpol.excel import BUKAN_XLSX, Galat, Templat, baca_lembar, buka, pilihan, tanggal, teks
from kesbangpol.models import Klasifikasi
from laporan import validasi
from laporan.models import (
    JenisAktor,
    JenisKejadian,
    JenisSumber,
    KejadianKonflik,
    KetelitianLokasi,
    KetelitianTanggal,
    LaporanTriwulan,
    PotensiKonflik,
    RiwayatLaporan,
    Verifikasi,
)

MAKS_BARIS = 1000
# The codebook columns come last, so that a template of an earlier version still reads.
POTENSI = [
    "id", "judul", "kecamatan", "desa", "latitude", "longitude", "sumber", "bidang", "pihak",
    "latar_belakang", "tingkat", "tren", "tahap", "langkah", "usulan",
    "ketelitian_lokasi", "kode_aktor_1", "kode_aktor_2", "jenis_sumber", "verifikasi",
]  # fmt: skip
KEJADIAN = [
    "tanggal", "kecamatan", "desa", "latitude", "longitude", "pihak", "uraian", "meninggal", "luka",
    "mengungsi", "kerugian", "penanganan",
    "ketelitian_tanggal", "kode_jenis_kejadian", "ketelitian_lokasi", "kode_aktor_1", "kode_aktor_2",
    "jenis_sumber", "verifikasi",
]  # fmt: skip
# Columns that may be left empty: the item keeps its value (or the default for a new one).
BOLEH_KOSONG = {"tren", "tahap", "ketelitian_lokasi", "ketelitian_tanggal", "jenis_sumber", "verifikasi"}
# Codebook columns: the code, or the code followed by the name as the Pilihan sheet lists it.
KODE = {"kode_aktor_1": ("aktor_1", JenisAktor), "kode_aktor_2": ("aktor_2", JenisAktor)}
KODE_KEJADIAN = KODE | {"kode_jenis_kejadian": ("jenis", JenisKejadian)}
RAHASIA = Klasifikasi.RAHASIA
PETUNJUK = [
    "Lembar Potensi: satu baris per potensi konflik. Baris dengan kolom id terisi adalah potensi "
    "triwulan lalu yang belum selesai: perbarui tingkat, tren dan langkahnya, jangan ubah id. Bila "
    "tingkatnya naik, trennya Meningkat; bila turun, Menurun atau Selesai.",
    "Potensi baru: biarkan kolom id kosong. Potensi yang dihapus dari lembar ini dikeluarkan dari laporan.",
    "Pilihan (sumber, bidang, tingkat, tren, tahap, ketelitian, jenis sumber, verifikasi) boleh ditulis "
    "dengan huruf besar atau kecil; daftarnya ada di lembar Pilihan.",
    "Kolom kode_… diisi kode kodebuku (misalnya WRG atau UR.DAMAI), boleh dengan namanya seperti di lembar "
    "Pilihan; hanya kode aktif yang diterima. Kolom ketelitian, jenis sumber, verifikasi dan kode boleh "
    "dikosongkan.",
    "Lintang/bujur opsional, derajat desimal (misalnya -1.9183 dan 116.2025), di wilayah Indonesia.",
    "Ketelitian lokasi: Titik koordinat memerlukan lintang dan bujur; Desa/kelurahan tanpa desa dicatat "
    "sebagai Kecamatan, dan Kecamatan tanpa kecamatan sebagai Kabupaten/kota saja.",
    "Butir berklasifikasi Rahasia tidak pernah dimuat di berkas ini dan tidak diubah oleh impor: "
    "isi dan ubah di portal.",
]
PILIHAN = {
    "sumber": PotensiKonflik.Sumber,
    "bidang": PotensiKonflik.Bidang,
    "tingkat": PotensiKonflik.Tingkat,
    "tren": PotensiKonflik.Tren,
    "tahap": PotensiKonflik.Tahap,
    "ketelitian_lokasi": KetelitianLokasi,
    "jenis_sumber": JenisSumber,
    "verifikasi": Verifikasi,
}
PILIHAN_KEJADIAN = {
    "ketelitian_tanggal": KetelitianTanggal,
    "ketelitian_lokasi": KetelitianLokasi,
    "jenis_sumber": JenisSumber,
    "verifikasi": Verifikasi,
}
PETA = {k: pilihan(v.choices) for k, v in (PILIHAN | PILIHAN_KEJADIAN).items()}


def _pilih(obj, nilai, pilihan_lembar, lembar, nomor, galat) -> list[str]:
    """Set the choice columns of one row; returns the columns reported wrong."""
    salah = []
    for kolom in pilihan_lembar:
        mentah = teks(nilai.get(kolom))
        if kolom in BOLEH_KOSONG and not mentah:
            continue  # keep the default or the rolled-forward value
        value = PETA[kolom].get(mentah.casefold().replace("_", " "))
        if value is None:
            daftar = ", ".join(label for _, label in pilihan_lembar[kolom].choices)
            awal = f"“{mentah}” bukan pilihan yang sah." if mentah else "Wajib diisi."
            galat.tambah(lembar, nomor, kolom, f"{awal} Pilih: {daftar}.")
            salah.append(kolom)
        else:
            setattr(obj, kolom, value)
    return salah


def _kode(obj, nilai, kolom_kode, aktif, lembar, nomor, galat) -> list[str]:
    """Set the codebook columns of one row from their code (active codes only)."""
    salah = []
    for kolom, (field, model) in kolom_kode.items():
        if kolom not in nilai:
            continue  # a template of an earlier version: the item keeps its codes
        mentah = teks(nilai.get(kolom))
        kode = mentah.split(" ", 1)[0].upper()
        if not kode:
            setattr(obj, field, None)
        elif kode in aktif[model]:
            setattr(obj, field, aktif[model][kode])
        else:
            pesan = f"Kode “{mentah}” tidak dikenal atau tidak aktif. Lihat lembar Pilihan."
            galat.tambah(lembar, nomor, kolom, pesan)
            salah.append(field)
    return salah


def _angka(value, kolom, lembar, nomor, galat, desimal=False):
    if value in (None, ""):
        return None if desimal else 0
    try:
        hasil = Decimal(str(value).replace(",", ".")) if desimal else int(float(str(value).replace(",", ".")))
    except (InvalidOperation, ValueError):
        galat.tambah(lembar, nomor, kolom, f"“{value}” bukan angka.")
        return None
    if not desimal and hasil < 0:
        galat.tambah(lembar, nomor, kolom, "Tidak boleh negatif.")
    return hasil


def _koordinat(obj, nilai, lembar, nomor, galat) -> list[str]:
    """Latitude and longitude; returns the columns reported as not a number."""
    salah = []
    for kolom in ("latitude", "longitude"):
        sebelum = len(galat)
        setattr(obj, kolom, _angka(nilai.get(kolom), kolom, lembar, nomor, galat, desimal=True))
        if len(galat) > sebelum:
            salah.append(kolom)
    return salah


def _validasi(obj, lembar, nomor, galat, kolom_ada, sudah=()):
    """The model's own checks; columns already reported (an unknown choice, a latitude that is not a
    number) are not checked again, so "Sangat tinggi" is not also reported as empty, nor "abc" also
    as a point without coordinates."""
    try:
        obj.full_clean(exclude=["laporan", "identitas", *sudah])
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            if field in sudah:
                continue
            kolom = field if field in kolom_ada else ""
            for p in pesan:
                galat.tambah(lembar, nomor, kolom, p)


def _aturan(obj, butir, aturan, lembar, nomor, galat, kolom_ada, sudah=(), lalu=None):
    """The submission rules that refuse (built in and the province's), row by row: a file that would
    give a report that cannot be submitted is refused here, naming the column."""
    for t in validasi.periksa_butir(obj, butir, aturan, lalu=lalu):
        if t.galat and t.kolom not in sudah:
            galat.tambah(lembar, nomor, t.kolom if t.kolom in kolom_ada else "", t.pesan)


def baca(berkas, laporan: LaporanTriwulan, user):
    """Check the whole workbook as ``user`` uploads it; returns (potensi objects, kejadian objects,
    galat)."""
    galat = Galat()
    wb = buka(berkas)
    if wb is None:
        galat.tambah("", None, "", BUKAN_XLSX)
        return [], [], galat
    try:
        wajib = ["judul", "sumber", "bidang", "tingkat"]
        baris_p = baca_lembar(
            wb, "Potensi", POTENSI, wajib, MAKS_BARIS, galat, excel.batas_model(PotensiKonflik)
        )
        baris_k = baca_lembar(
            wb,
            "Kejadian",
            KEJADIAN,
            ["tanggal", "uraian"],
            MAKS_BARIS,
            galat,
            excel.batas_model(KejadianKonflik),
        )
    finally:
        wb.close()
    if galat:
        return [], [], galat
    if not baris_p and not baris_k:
        galat.tambah(
            "", None, "", "Berkas tidak berisi baris. Untuk laporan nihil, centang Nihil di halaman laporan."
        )
        return [], [], galat
    sekarang = {str(p.identitas): p for p in laporan.potensikonflik.exclude(klasifikasi=RAHASIA)}
    # A rahasia item never travels in a spreadsheet: its id is not offered, and not accepted here.
    rahasia = {
        str(i) for i in laporan.potensikonflik.filter(klasifikasi=RAHASIA).values_list("identitas", flat=True)
    }
    dikenal = {
        str(i)
        for i in PotensiKonflik.objects.filter(laporan__kabkota=laporan.kabkota).values_list(
            "identitas", flat=True
        )
    } - rahasia
    aturan = validasi.aturan_provinsi(laporan.periode.provinsi_id)
    lalu = validasi.triwulan_lalu(laporan, user)
    aktif = {m: {k.kode: k for k in m.objects.aktif()} for m in (JenisAktor, JenisKejadian)}
    potensi, dipakai = [], {}
    for nomor, nilai in baris_p:
        id_ = teks(nilai.get("id"))
        if id_ and id_ not in dikenal:
            galat.tambah(
                "Potensi",
                nomor,
                "id",
                "Id ini bukan potensi konflik kabupaten/kota Anda. Kosongkan untuk potensi baru.",
            )
            continue
        if id_ in dipakai:
            galat.tambah("Potensi", nomor, "id", f"Id yang sama sudah dipakai di baris {dipakai[id_]}.")
            continue
        if id_:
            dipakai[id_] = nomor
        obj = sekarang.get(id_) or PotensiKonflik(
            laporan=laporan, identitas=uuid.UUID(id_) if id_ else uuid.uuid4()
        )
        for kolom in ("judul", "kecamatan", "desa", "pihak", "latar_belakang", "langkah", "usulan"):
            setattr(obj, kolom, teks(nilai.get(kolom)))
        salah = _pilih(obj, nilai, PILIHAN, "Potensi", nomor, galat)
        salah += _kode(obj, nilai, KODE, aktif, "Potensi", nomor, galat)
        salah += _koordinat(obj, nilai, "Potensi", nomor, galat)
        _validasi(obj, "Potensi", nomor, galat, POTENSI, salah)
        _aturan(obj, "potensi", aturan, "Potensi", nomor, galat, POTENSI, salah, lalu)
        potensi.append(obj)
    kejadian = []
    for nomor, nilai in baris_k:
        obj = KejadianKonflik(laporan=laporan)
        obj.tanggal = tanggal(nilai.get("tanggal"), galat, "Kejadian", nomor, "tanggal", wajib=True)
        for kolom in ("kecamatan", "desa", "pihak", "uraian", "kerugian", "penanganan"):
            setattr(obj, kolom, teks(nilai.get(kolom)))
        for kolom in ("meninggal", "luka", "mengungsi"):
            setattr(obj, kolom, _angka(nilai.get(kolom), kolom, "Kejadian", nomor, galat) or 0)
        salah = _pilih(obj, nilai, PILIHAN_KEJADIAN, "Kejadian", nomor, galat)
        salah += _kode(obj, nilai, KODE_KEJADIAN, aktif, "Kejadian", nomor, galat)
        salah += _koordinat(obj, nilai, "Kejadian", nomor, galat)
        if obj.tanggal:
            _validasi(obj, "Kejadian", nomor, galat, KEJADIAN, salah)
        _aturan(obj, "kejadian", aturan, "Kejadian", nomor, galat, KEJADIAN, salah)
        kejadian.append(obj)
    return potensi, kejadian, galat


@transaction.atomic
def impor(berkas, laporan: LaporanTriwulan, user) -> Galat:
    """All rows valid, or nothing changes. The report must be editable by ``user``."""
    laporan = (
        LaporanTriwulan.objects.select_for_update().select_related("periode", "kabkota").get(pk=laporan.pk)
    )
    if not laporan.dapat_diedit_oleh(user):
        galat = Galat()
        galat.tambah(
            "", None, "", "Laporan ini terkunci (sudah diajukan atau diterima) atau bukan milik Anda."
        )
        return galat
    potensi, kejadian, galat = baca(berkas, laporan, user)
    if galat:
        return galat
    simpan = {p.identitas for p in potensi}
    # Rahasia items are kept as they are: they are kept in the portal only, never in the file.
    for lama in laporan.potensikonflik.exclude(klasifikasi=RAHASIA):
        if lama.identitas not in simpan:
            lama.delete()
    for k in laporan.kejadiankonflik.exclude(klasifikasi=RAHASIA):
        k.delete()
    # The report is locked FOR UPDATE and editable (checked above), so its items are written in
    # bulk, each still with its history row, instead of a save per row (a lock check, an insert and
    # a history insert): 10 × 1 000 rows took 36 s that way on PostgreSQL (make bench).
    for item in (*potensi, *kejadian):
        item.laporan = laporan
    diubah = [p for p in potensi if p.pk is not None]
    for p in diubah:
        p.versi += 1  # an item open in someone's form is now stale: their save gets the 409
    bulk_create_with_history(
        [p for p in potensi if p.pk is None], PotensiKonflik, batch_size=500, default_user=user
    )
    # Rows kept (same id) are rewritten as delete + insert under their own pk, with a "changed"
    # history row: nothing refers to an item by foreign key, and Django's bulk_update builds a CASE
    # per row and column in Python, 7 ms a row here (a 1 000-row re-upload took 8 s; make bench).
    PotensiKonflik.objects.filter(pk__in=[p.pk for p in diubah])._raw_delete(PotensiKonflik.objects.db)
    PotensiKonflik.objects.bulk_create(diubah, batch_size=500)
    PotensiKonflik.history.bulk_history_create(diubah, batch_size=500, update=True, default_user=user)
    bulk_create_with_history(kejadian, KejadianKonflik, batch_size=500, default_user=user)
    if potensi or kejadian:
        laporan.nihil = False
    laporan.versi += 1
    laporan.save()
    RiwayatLaporan.objects.create(
        laporan=laporan,
        aksi=RiwayatLaporan.Aksi.DIIMPOR,
        oleh=user,
        alasan=f"{len(potensi)} potensi, {len(kejadian)} kejadian",
    )
    return galat


def templat(laporan: LaporanTriwulan) -> bytes:
    t = Templat()
    periode_rentang = dates.rentang_tanggal(laporan.periode.mulai, laporan.periode.selesai, hari=False)
    t.petunjuk(
        [
            f"Laporan {laporan.periode} — {laporan.kabkota.nama}. "
            f"Tenggat {dates.tanggal(laporan.periode.tenggat, hari=False)}.",
            *PETUNJUK,
            # An example date inside the report's own quarter (a date outside it is refused).
            f"Lembar Kejadian: kejadian konflik {laporan.periode} ({periode_rentang}); tanggal seperti "
            f"{laporan.periode.mulai + datetime.timedelta(days=16):%Y-%m-%d}; korban berupa angka.",
            f"Paling banyak {MAKS_BARIS} baris per lembar. Jangan memakai rumus. Bila satu baris salah, "
            "tidak ada yang diimpor dan setiap kesalahan disebut lembar, baris dan kolomnya.",
        ],
        lebar=130,
    )
    # The Pilihan sheet: one column per list (choices by label, codes as "KODE Nama", active only).
    daftar = {k: [label for _, label in v.choices] for k, v in (PILIHAN | PILIHAN_KEJADIAN).items()}
    daftar["kode_aktor"] = [str(a) for a in JenisAktor.objects.aktif()]
    daftar["kode_jenis_kejadian"] = [str(j) for j in JenisKejadian.objects.aktif()]
    huruf_daftar = {nama: openpyxl.utils.get_column_letter(i) for i, nama in enumerate(daftar, start=1)}

    def pilihan_di(ws, kolom_lembar, kolom, nama_daftar):
        huruf, sumber = (
            openpyxl.utils.get_column_letter(kolom_lembar.index(kolom) + 1),
            huruf_daftar[nama_daftar],
        )
        dv = DataValidation(
            type="list",
            formula1=f"=Pilihan!${sumber}$2:${sumber}${len(daftar[nama_daftar]) + 1}",
            allow_blank=True,
        )
        dv.error, dv.errorTitle = "Pilih dari daftar.", "Pilihan tidak sah"
        ws.add_data_validation(dv)
        dv.add(f"{huruf}2:{huruf}{MAKS_BARIS + 1}")

    def kode(obj):
        return str(obj) if obj is not None else ""

    lebar = [38, 40, 18, 18, 11, 11, 30, 16, 30, 40, 10, 12, 14, 40, 40, 18, 26, 26, 20, 26]
    ws = t.lembar("Potensi", POTENSI, lebar)
    for p in (
        laporan.potensikonflik.exclude(klasifikasi=RAHASIA)
        .select_related("aktor_1", "aktor_2")
        .order_by("pk")
    ):
        t.baris(
            ws,
            [
                str(p.identitas), p.judul, p.kecamatan, p.desa,
                float(p.latitude) if p.latitude is not None else None,
                float(p.longitude) if p.longitude is not None else None,
                p.get_sumber_display(), p.get_bidang_display(), p.pihak, p.latar_belakang,
                p.get_tingkat_display(), p.get_tren_display(), p.get_tahap_display(), p.langkah, p.usulan,
                p.get_ketelitian_lokasi_display(), kode(p.aktor_1), kode(p.aktor_2),
                p.get_jenis_sumber_display(), p.get_verifikasi_display(),
            ]
        )  # fmt: skip
    for kolom in PILIHAN:
        pilihan_di(ws, POTENSI, kolom, kolom)
    for kolom in KODE:
        pilihan_di(ws, POTENSI, kolom, "kode_aktor")
    lebar = [12, 18, 18, 11, 11, 30, 50, 10, 8, 10, 30, 40, 18, 30, 18, 26, 26, 20, 26]
    kj = t.lembar("Kejadian", KEJADIAN, lebar)
    kejadian = laporan.kejadiankonflik.exclude(klasifikasi=RAHASIA).select_related(
        "jenis", "aktor_1", "aktor_2"
    )
    for k in kejadian.order_by("tanggal", "pk"):
        t.baris(
            kj,
            [
                k.tanggal, k.kecamatan, k.desa,
                float(k.latitude) if k.latitude is not None else None,
                float(k.longitude) if k.longitude is not None else None,
                k.pihak, k.uraian, k.meninggal, k.luka, k.mengungsi, k.kerugian, k.penanganan,
                k.get_ketelitian_tanggal_display(), kode(k.jenis), k.get_ketelitian_lokasi_display(),
                kode(k.aktor_1), kode(k.aktor_2), k.get_jenis_sumber_display(), k.get_verifikasi_display(),
            ]
        )  # fmt: skip
    for kolom in PILIHAN_KEJADIAN:
        pilihan_di(kj, KEJADIAN, kolom, kolom)
    pilihan_di(kj, KEJADIAN, "kode_jenis_kejadian", "kode_jenis_kejadian")
    for kolom in KODE:
        pilihan_di(kj, KEJADIAN, kolom, "kode_aktor")
    pilih = t.lembar("Pilihan", None, [])
    for col, (nama, nilai) in enumerate(daftar.items(), start=1):
        pilih.cell(row=1, column=col, value=nama).font = Templat.TEBAL
        for i, label in enumerate(nilai, start=2):
            pilih.cell(row=i, column=col, value=label)
    return t.isi()
