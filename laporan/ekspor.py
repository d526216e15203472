"""The province's exports of what its pages show (``kesbangpol.ekspor``): a period's items with all
their fields and codes, and the completeness matrix. Rows come from the same functions as the pages,
so scope, the page's filters and rahasia clearance are the page's."""

from collections import defaultdict
from dataclasses import dataclass

from kesbangpol.dokumen import Builder, Hasil
from kesbangpol.ekspor import Tabel, kepala, xlsx
from kesbangpol.models import Klasifikasi
from laporan.models import TRIWULAN_ROMAWI, PotensiKonflik

YA = {True: "Ya", False: "Tidak"}
SUMBER = "Sumber konflik (UU 7/2012)"


def _kode(obj):
    return (obj.kode, obj.nama) if obj is not None else ("", "")


def tabel_agregat(a: dict, periode) -> list[Tabel]:
    """Every potensi and kejadian of a period aggregate (``ringkasan.agregat``), one query more for
    the potensi's peace indicators."""
    indikator = defaultdict(list)
    through = PotensiKonflik.indikator_perdamaian.through
    for pid, kode in (
        through.objects.filter(potensikonflik__in=[p.pk for p in a["daftar"]])
        .order_by("indikatorperdamaian__urutan", "indikatorperdamaian__kode")
        .values_list("potensikonflik_id", "indikatorperdamaian__kode")
    ):
        indikator[pid].append(kode)
    potensi = Tabel(
        "Potensi",
        [
            "Kode wilayah", "Kabupaten/kota", "Periode", "Identitas", "Judul", SUMBER, "Bidang", "Tingkat",
            "Tren", "Tahap penanganan", "Kecamatan", "Desa/kelurahan", "Ketelitian lokasi", "Lintang",
            "Bujur", "Pihak", "Kode aktor 1", "Aktor 1", "Kode aktor 2", "Aktor 2", "Latar belakang",
            "Langkah yang telah diambil", "Usulan tindakan", "Indikator perdamaian", "Jenis sumber",
            "Verifikasi", "Klasifikasi", "Perlu tindak lanjut", "Catatan tindak lanjut",
        ],
    )  # fmt: skip
    for p in a["daftar"]:
        w = p.laporan.kabkota
        potensi.baris.append(
            [
                w.kode, w.nama, str(periode), str(p.identitas), p.judul, p.get_sumber_display(),
                p.get_bidang_display(), p.get_tingkat_display(), p.get_tren_display(), p.get_tahap_display(),
                p.kecamatan, p.desa, p.get_ketelitian_lokasi_display(),
                float(p.latitude) if p.latitude is not None else None,
                float(p.longitude) if p.longitude is not None else None,
                p.pihak, *_kode(p.aktor_1), *_kode(p.aktor_2), p.latar_belakang, p.langkah, p.usulan,
                ", ".join(indikator[p.pk]), p.get_jenis_sumber_display(), p.get_verifikasi_display(),
                p.get_klasifikasi_display(), YA[p.perlu_tindak_lanjut], p.catatan_tindak_lanjut,
            ]
        )  # fmt: skip
    kejadian = Tabel(
        "Kejadian",
        [
            "Kode wilayah", "Kabupaten/kota", "Tanggal", "Ketelitian tanggal", "Kode jenis kejadian",
            "Jenis kejadian", SUMBER, "Kecamatan", "Desa/kelurahan", "Ketelitian lokasi",
            "Lintang", "Bujur", "Pihak", "Kode aktor 1", "Aktor 1", "Kode aktor 2", "Aktor 2", "Uraian",
            "Meninggal", "Luka", "Mengungsi", "Kerugian materiil", "Penanganan", "Jenis sumber", "Verifikasi",
            "Klasifikasi", "Dari laporan segera",
        ],
    )  # fmt: skip
    for k in a["kejadian"]:
        w = k.laporan.kabkota
        kejadian.baris.append(
            [
                w.kode, w.nama, k.tanggal, k.get_ketelitian_tanggal_display(), *_kode(k.jenis),
                k.jenis.get_sumber_display() if k.jenis_id else "", k.kecamatan, k.desa,
                k.get_ketelitian_lokasi_display(),
                float(k.latitude) if k.latitude is not None else None,
                float(k.longitude) if k.longitude is not None else None,
                k.pihak, *_kode(k.aktor_1), *_kode(k.aktor_2), k.uraian, k.meninggal, k.luka, k.mengungsi,
                k.kerugian, k.penanganan, k.get_jenis_sumber_display(), k.get_verifikasi_display(),
                k.get_klasifikasi_display(), YA[k.segera_id is not None],
            ]
        )  # fmt: skip
    return [potensi, kejadian]


def _sel_matriks(sel: dict) -> str:
    """A cell's state as the matrix words it; an accepted or nihil report first sent late says so
    (the "terlambat" state's own label already does), and so does one still owed after the due date."""
    return (
        sel["label"]
        + (" (terlambat)" if sel["tanda_telat"] else "")
        + (" (lewat tenggat)" if sel["lewat_tenggat"] else "")
    )


def tabel_matriks(m: dict) -> list[Tabel]:
    """The completeness matrix: each kab/kota's state per period, and the totals per period."""
    periode = [k["periode"] for k in m["kolom"]]
    keadaan = Tabel("Kelengkapan", ["Kode wilayah", "Kabupaten/kota", *[p.label_pendek for p in periode]])
    for b in m["baris"]:
        keadaan.baris.append([b["wilayah"].kode, b["wilayah"].nama] + [_sel_matriks(s) for s in b["sel"]])
    n = m["jumlah_kabkota"]
    jumlah = Tabel(
        "Jumlah",
        ["Periode", "Tenggat", "Melapor", "Tepat waktu", "Jumlah kab/kota", "% melapor", "% tepat waktu"],
    )
    for k in m["kolom"]:
        p = k["periode"]
        jumlah.baris.append(
            [p.label_pendek, p.tenggat, k["lapor"], k["tepat"], n, k["persen_lapor"], k["persen_tepat"]]
        )
    return [keadaan, jumlah]


@dataclass(frozen=True)
class Triwulan:
    """A quarter across every province: the object of a national export job (``pk`` 20261 = 2026 TW I)."""

    tahun: int
    triwulan: int

    @property
    def pk(self) -> int:
        return self.tahun * 10 + self.triwulan

    def __str__(self):
        return f"Triwulan {TRIWULAN_ROMAWI[self.triwulan]} {self.tahun}"


class EksporNasional(Builder):
    """Every province's potensi and kejadian of one quarter, as the period export (``tabel_agregat``)
    writes them, in one workbook: too large to build in a request, so a Celery task builds it with
    progress and stores it like a PDF. National admins ask for it; *rahasia* items never go in (no
    one province's grant covers a file holding every province)."""

    jenis = "ekspor_nasional"
    label = "Ekspor nasional"
    format = "xlsx"

    def objek(self, objek_id):
        return Triwulan(objek_id // 10, objek_id % 10)

    def provinsi(self, obj):
        return None

    def judul(self, obj, parameter):
        diterima = " (laporan diterima)" if parameter.get("hanya_diterima") else ""
        return f"Rekap nasional potensi dan kejadian konflik {obj}{diterima}"

    def buat(self, job, obj, kemajuan) -> Hasil:
        from kesbangpol.models import Wilayah
        from laporan import ringkasan
        from laporan.models import Periode

        hanya_diterima = bool(job.parameter.get("hanya_diterima"))
        periode = {
            p.provinsi_id: p
            for p in Periode.objects.filter(tahun=obj.tahun, triwulan=obj.triwulan).select_related("provinsi")
        }
        tabel = tabel_agregat({"daftar": [], "kejadian": []}, obj)
        jumlah = len(periode)
        for i, provinsi in enumerate(Wilayah.objects.provinsi().filter(pk__in=periode)):
            p = periode[provinsi.pk]
            a = ringkasan.agregat(provinsi, p, hanya_diterima, rahasia=False)
            for gabung, tambahan in zip(tabel, tabel_agregat(a, p), strict=True):
                gabung.baris += tambahan.baris
            kemajuan(5 + 80 * (i + 1) // jumlah)
        keterangan = [
            *kepala(job.diminta_oleh),
            ("Cakupan", f"Semua provinsi yang mempunyai periode {obj} ({jumlah} provinsi)"),
            ("Laporan", "hanya yang diterima" if hanya_diterima else "diajukan dan diterima"),
            ("Butir rahasia", "tidak termasuk (ekspor nasional)"),
        ]
        return Hasil(xlsx(tabel, keterangan), Klasifikasi.TERBATAS)
