"""The report's Excel round-trip: a template pre-filled with the report's items (rolled forward ones
included), and its upload, which replaces the report's items only when every row is valid.

Potensi rows keep their identity through the ``id`` column: a row whose id is an item of this
kab/kota's reports updates (or brings back) that item; a row without id is a new potensi; an item
left out of the sheet is removed from this report.
"""

import uuid
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from kesbangpol import excel
from kesbangpol.excel import BUKAN_XLSX, Galat, Templat, baca_lembar, buka, pilihan, tanggal, teks
from kesbangpol.models import Klasifikasi
from laporan.models import KejadianKonflik, LaporanTriwulan, PotensiKonflik, RiwayatLaporan

MAKS_BARIS = 1000
POTENSI = [
    "id", "judul", "kecamatan", "desa", "latitude", "longitude", "sumber", "bidang", "pihak",
    "latar_belakang", "tingkat", "tren", "tahap", "langkah", "usulan",
]  # fmt: skip
KEJADIAN = [
    "tanggal", "kecamatan", "desa", "latitude", "longitude", "pihak", "uraian", "meninggal", "luka",
    "mengungsi", "kerugian", "penanganan",
]  # fmt: skip
RAHASIA = Klasifikasi.RAHASIA
PETUNJUK = [
    "Lembar Potensi: satu baris per potensi konflik. Baris dengan kolom id terisi adalah potensi "
    "triwulan lalu yang belum selesai: perbarui tren, tingkat dan langkahnya, jangan ubah id.",
    "Potensi baru: biarkan kolom id kosong. Potensi yang dihapus dari lembar ini dikeluarkan dari laporan.",
    "Pilihan (sumber, bidang, tingkat, tren, tahap) boleh ditulis dengan huruf besar atau kecil; "
    "daftarnya ada di lembar Pilihan.",
    "Lintang/bujur opsional, derajat desimal (misalnya -1.9183 dan 116.2025), di wilayah Indonesia.",
    "Lembar Kejadian: kejadian konflik triwulan ini; tanggal seperti 2026-03-17; korban berupa angka.",
    "Butir berklasifikasi Rahasia tidak pernah dimuat di berkas ini dan tidak diubah oleh impor: "
    "isi dan ubah di portal.",
]
PILIHAN = {
    "sumber": PotensiKonflik.Sumber,
    "bidang": PotensiKonflik.Bidang,
    "tingkat": PotensiKonflik.Tingkat,
    "tren": PotensiKonflik.Tren,
    "tahap": PotensiKonflik.Tahap,
}
PETA = {k: pilihan(v.choices) for k, v in PILIHAN.items()}


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


def _validasi(obj, lembar, nomor, galat, kolom_ada, sudah=()):
    """The model's own checks; columns already reported (an unknown choice) are not checked again,
    so "Sangat tinggi" is not also reported as empty."""
    try:
        obj.full_clean(exclude=["laporan", "identitas", *sudah])
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            kolom = field if field in kolom_ada else ""
            for p in pesan:
                galat.tambah(lembar, nomor, kolom, p)


def baca(berkas, laporan: LaporanTriwulan):
    """Check the whole workbook; returns (potensi objects, kejadian objects, galat)."""
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
        salah = []
        for kolom, peta in PETA.items():
            mentah = teks(nilai.get(kolom))
            if kolom in ("tren", "tahap") and not mentah:
                continue  # keep the default (baru / pencegahan) or the rolled-forward value
            value = peta.get(mentah.casefold().replace("_", " "))
            if value is None:
                daftar = ", ".join(label for _, label in PILIHAN[kolom].choices)
                awal = f"“{mentah}” bukan pilihan yang sah." if mentah else "Wajib diisi."
                galat.tambah("Potensi", nomor, kolom, f"{awal} Pilih: {daftar}.")
                salah.append(kolom)
            else:
                setattr(obj, kolom, value)
        obj.latitude = _angka(nilai.get("latitude"), "latitude", "Potensi", nomor, galat, desimal=True)
        obj.longitude = _angka(nilai.get("longitude"), "longitude", "Potensi", nomor, galat, desimal=True)
        _validasi(obj, "Potensi", nomor, galat, POTENSI, salah)
        potensi.append(obj)
    kejadian = []
    for nomor, nilai in baris_k:
        obj = KejadianKonflik(laporan=laporan)
        obj.tanggal = tanggal(nilai.get("tanggal"), galat, "Kejadian", nomor, "tanggal", wajib=True)
        for kolom in ("kecamatan", "desa", "pihak", "uraian", "kerugian", "penanganan"):
            setattr(obj, kolom, teks(nilai.get(kolom)))
        for kolom in ("meninggal", "luka", "mengungsi"):
            setattr(obj, kolom, _angka(nilai.get(kolom), kolom, "Kejadian", nomor, galat) or 0)
        obj.latitude = _angka(nilai.get("latitude"), "latitude", "Kejadian", nomor, galat, desimal=True)
        obj.longitude = _angka(nilai.get("longitude"), "longitude", "Kejadian", nomor, galat, desimal=True)
        if obj.tanggal:
            _validasi(obj, "Kejadian", nomor, galat, KEJADIAN)
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
    potensi, kejadian, galat = baca(berkas, laporan)
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
    t.petunjuk(
        [
            f"Laporan {laporan.periode} — {laporan.kabkota.nama}. "
            f"Tenggat {laporan.periode.tenggat:%d-%m-%Y}.",
            *PETUNJUK,
            f"Paling banyak {MAKS_BARIS} baris per lembar. Jangan memakai rumus. Bila satu baris salah, "
            "tidak ada yang diimpor dan setiap kesalahan disebut lembar, baris dan kolomnya.",
        ],
        lebar=130,
    )
    ws = t.lembar("Potensi", POTENSI, [38, 40, 18, 18, 11, 11, 30, 16, 30, 40, 10, 12, 14, 40, 40])
    for p in laporan.potensikonflik.exclude(klasifikasi=RAHASIA).order_by("pk"):
        t.baris(
            ws,
            [
                str(p.identitas), p.judul, p.kecamatan, p.desa,
                float(p.latitude) if p.latitude is not None else None,
                float(p.longitude) if p.longitude is not None else None,
                p.get_sumber_display(), p.get_bidang_display(), p.pihak, p.latar_belakang,
                p.get_tingkat_display(), p.get_tren_display(), p.get_tahap_display(), p.langkah, p.usulan,
            ]
        )  # fmt: skip
    for kolom, enum in PILIHAN.items():
        huruf = openpyxl.utils.get_column_letter(POTENSI.index(kolom) + 1)
        dv = DataValidation(
            type="list", formula1=f"=Pilihan!${huruf}$2:${huruf}${len(enum.choices) + 1}", allow_blank=True
        )
        dv.error, dv.errorTitle = "Pilih dari daftar.", "Pilihan tidak sah"
        ws.add_data_validation(dv)
        dv.add(f"{huruf}2:{huruf}{MAKS_BARIS + 1}")
    kj = t.lembar("Kejadian", KEJADIAN, [12, 18, 18, 11, 11, 30, 50, 10, 8, 10, 30, 40])
    for k in laporan.kejadiankonflik.exclude(klasifikasi=RAHASIA).order_by("tanggal", "pk"):
        t.baris(
            kj,
            [
                k.tanggal, k.kecamatan, k.desa,
                float(k.latitude) if k.latitude is not None else None,
                float(k.longitude) if k.longitude is not None else None,
                k.pihak, k.uraian, k.meninggal, k.luka, k.mengungsi, k.kerugian, k.penanganan,
            ]
        )  # fmt: skip
    pilih = t.lembar("Pilihan", None, [])
    for kolom, enum in PILIHAN.items():
        col = POTENSI.index(kolom) + 1
        pilih.cell(row=1, column=col, value=kolom).font = Templat.TEBAL
        for i, (_, label) in enumerate(enum.choices, start=2):
            pilih.cell(row=i, column=col, value=label)
    return t.isi()
