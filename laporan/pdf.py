"""The governor's quarterly summary (*Ringkasan Peta Potensi Konflik untuk Gubernur*): a builder for
the core's document jobs. Compiled from the province's **accepted** reports of one period."""

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from kesbangpol import access
from kesbangpol.dates import tanggal
from kesbangpol.dokumen import Builder
from kesbangpol.grafik import batang_mendatar
from kesbangpol.models import Instansi, Klasifikasi, TahapanPemilu
from kesbangpol.models.klasifikasi import tertinggi
from kesbangpol.pdf import data_url
from laporan import iku, ringkasan
from laporan.models import (
    TRIWULAN_ROMAWI,
    LaporanSegera,
    Periode,
    PotensiKonflik,
    Sinyal,
    Verifikasi,
    akhir_triwulan,
    awal_triwulan,
    triwulan_mundur,
)
from laporan.sinyal import satukan
from rekomendasi.models import Penugasan, Rekomendasi

RAHASIA = Klasifikasi.RAHASIA
TERBILANG = {1: "satu", 2: "dua", 3: "tiga"}


def _delapan_triwulan(periode: Periode) -> list[tuple[int, int]]:
    return list(reversed(triwulan_mundur(periode.tahun, periode.triwulan, 8)))


def nama_pemda(provinsi) -> str:
    """The government's name as letterheads write it: "Pemerintah Provinsi Kalimantan Timur", but
    "Pemerintah Aceh" (UU 11/2006) and "Pemerintah Daerah Daerah Istimewa Yogyakarta"."""
    if provinsi.nama == "Aceh":
        return "Pemerintah Aceh"
    if provinsi.nama.startswith("Daerah Istimewa"):
        return f"Pemerintah Daerah {provinsi.nama}"
    return f"Pemerintah Provinsi {provinsi.nama}"


def lambang_data_uri(kantor) -> str:
    """The office's uploaded emblem for the letterhead, or "" (a missing file leaves it out)."""
    if kantor is None or not kantor.lambang:
        return ""
    jenis = "image/png" if kantor.lambang.name.endswith(".png") else "image/jpeg"
    try:
        return data_url(kantor.lambang, jenis)
    except OSError:
        return ""


def _daftar_nama(nama: list[str]) -> str:
    return nama[0] if len(nama) == 1 else ", ".join(nama[:-1]) + " dan " + nama[-1]


def kalimat_ringkasan(m: dict, a: dict, n_kabkota: int, pantauan: list | None = None) -> list[str]:
    """The executive summary in sentences generated from the figures: the kab/kota that did not
    report are named, "terbanyak di" is written only when one kab/kota really has the most, and the
    strongest open early-warning signal (``pantauan``, strongest first) is quoted."""
    kolom = m["kolom"][-1]
    sel = [b["sel"][-1]["kunci"] for b in m["baris"]]
    terlambat = sum(
        1 for b in m["baris"] if b["sel"][-1]["kunci"] in ringkasan.MELAPOR and b["sel"][-1]["terlambat"]
    )
    belum = [b["wilayah"].nama for b in m["baris"] if b["sel"][-1]["kunci"] in ringkasan.BELUM_MELAPOR]
    nihil = sel.count("nihil")
    tingkat = {label: n for _, label, n in a["per_tingkat"]}
    total = sum(tingkat.values())
    tren = {label: n for _, label, n in a["per_tren"]}
    kalimat = [
        f"Dari {n_kabkota} kabupaten/kota, {kolom['lapor']} telah menyampaikan laporan "
        f"({kolom['tepat']} tepat waktu dan {terlambat} terlambat), termasuk {nihil} laporan nihil"
        + (
            f"; {len(belum)} kabupaten/kota belum melapor: {_daftar_nama(belum)}."
            if belum
            else "; semua kabupaten/kota telah melapor."
        ),
        f"Ringkasan ini disusun dari {a['jumlah_laporan']} laporan yang telah diterima "
        "Badan Kesbangpol Provinsi.",
    ]
    if total:
        kalimat.append(
            f"Tercatat {total} potensi konflik: {tingkat.get('Tinggi', 0)} tingkat tinggi, "
            f"{tingkat.get('Sedang', 0)} sedang, dan {tingkat.get('Rendah', 0)} rendah."
        )
        naik = tren.get("Baru", 0) + tren.get("Meningkat", 0)
        if naik:
            terbanyak = max((r["baru_naik"] for r in a["per_kabkota"]), default=0)
            puncak = [r["laporan__kabkota__nama"] for r in a["per_kabkota"] if r["baru_naik"] == terbanyak]
            if not terbanyak:
                lokasi = ""
            elif len(puncak) == 1:
                lokasi = f", terbanyak di {puncak[0]} ({terbanyak})"
            elif len(puncak) <= 3:
                lokasi = f", terbanyak di {_daftar_nama(puncak)} (masing-masing {terbanyak})"
            else:
                lokasi = f", tersebar di {len(puncak)} kabupaten/kota (masing-masing {terbanyak})"
            kalimat.append(
                f"{tren.get('Baru', 0)} potensi baru muncul dan {tren.get('Meningkat', 0)} meningkat "
                f"dibanding triwulan sebelumnya{lokasi}."
            )
    else:
        kalimat.append("Tidak ada potensi konflik dalam laporan yang diterima.")
    k = a["korban"]
    if k["jumlah"]:
        kalimat.append(
            f"Terjadi {k['jumlah']} kejadian konflik dengan korban {k['meninggal'] or 0} meninggal, "
            f"{k['luka'] or 0} luka, dan {k['mengungsi'] or 0} mengungsi."
        )
    else:
        kalimat.append("Tidak ada kejadian konflik yang dilaporkan.")
    if pantauan:
        lain = len(pantauan) - 1
        kalimat.append(
            f"Sinyal peringatan dini terkuat: {pantauan[0].kalimat}"
            + (f" Terdapat {lain} sinyal terbuka lainnya dalam daftar pantauan." if lain else "")
        )
    return kalimat


def berikutnya(tahun: int, triwulan: int) -> tuple[int, int]:
    return (tahun, triwulan + 1) if triwulan < 4 else (tahun + 1, 1)


def daftar_pantauan(provinsi, periode: Periode, rahasia: bool = False) -> dict:
    """The watch list that opens the governor's summary: the period's open signals (escalated first,
    then the strongest; a potensi's two rises told once, see ``sinyal.satukan``), its urgent
    incidents, and the election stages of the next quarter (three queries)."""
    daftar = satukan(
        list(
            Sinyal.objects.filter(provinsi=provinsi, tahun=periode.tahun, triwulan=periode.triwulan)
            .terbuka()
            .select_related("kabkota")
            .order_by("-dieskalasi", "-skor", "kabkota__kode", "pk")
        )
    )
    segera = list(
        access.tanpa_rahasia(
            LaporanSegera.objects.filter(
                kabkota__provinsi=provinsi, tanggal__gte=periode.mulai, tanggal__lte=periode.selesai
            ),
            rahasia,
        )
        .select_related("kabkota")
        .order_by(F("dieskalasi_pada").desc(nulls_last=True), "tanggal", "pk")
    )
    tahun, tw = berikutnya(periode.tahun, periode.triwulan)
    tahapan = list(
        TahapanPemilu.objects.untuk_wilayah(provinsi)
        .tumpang_tindih(awal_triwulan(tahun, tw), akhir_triwulan(tahun, tw))
        .select_related("wilayah")
    )
    return {
        "sinyal": daftar,
        "segera": segera,
        "tahapan": tahapan,
        "triwulan_berikut": f"Triwulan {TRIWULAN_ROMAWI[tw]} {tahun}",
    }


class RingkasanGubernur(Builder):
    jenis = "ringkasan_gubernur"
    label = "Ringkasan untuk Gubernur"
    template = "laporan/pdf/ringkasan.html"
    model = Periode

    def objek(self, objek_id):
        return Periode.objects.select_related("provinsi").get(pk=objek_id)

    def provinsi(self, periode):
        return periode.provinsi

    def judul(self, periode, parameter):
        return f"Ringkasan Peta Potensi Konflik {periode} — {periode.provinsi.nama}"

    def konteks(self, periode, parameter):
        provinsi = periode.provinsi
        kantor = Instansi.objects.kesbangpol().filter(wilayah=provinsi).first()
        m = ringkasan.matriks(provinsi, [periode])
        rahasia = bool(parameter.get("rahasia"))
        pantauan = daftar_pantauan(provinsi, periode, rahasia)
        a = ringkasan.agregat(provinsi, periode, hanya_diterima=True, rahasia=rahasia)
        klasifikasi = tertinggi([x.klasifikasi for x in [*a["daftar"], *a["kejadian"], *pantauan["segera"]]])
        daftar = list(a["daftar"])
        # Unverified items stay out of the main sections; an annex lists them, labelled.
        belum = {
            "potensi": [p for p in daftar if p.verifikasi == Verifikasi.BELUM],
            "kejadian": [k for k in a["kejadian"] if k.verifikasi == Verifikasi.BELUM],
            "segera": [s for s in pantauan["segera"] if s.verifikasi == Verifikasi.BELUM],
        }
        pantauan["segera"] = [s for s in pantauan["segera"] if s.verifikasi != Verifikasi.BELUM]
        kalimat = kalimat_ringkasan(m, a, m["jumlah_kabkota"], pantauan["sinyal"])
        n_belum = sum(len(v) for v in belum.values())
        if n_belum:
            kalimat.append(
                f"{n_belum} butir belum diverifikasi (potensi, kejadian atau laporan segera) tidak dimuat "
                "dalam bagian utama dan dicantumkan tersendiri pada Lampiran B."
            )
        periode_grafik = Periode.objects.untuk_banyak(provinsi, _delapan_triwulan(periode))
        today = (
            datetime.date.fromisoformat(parameter["tanggal"])
            if parameter.get("tanggal")
            else timezone.localdate()
        )
        rekomendasi = list(
            Penugasan.objects.filter(provinsi=provinsi)
            .exclude(status__in=Penugasan.TUNTAS)
            .values("rekomendasi_id", "rekomendasi__batas_waktu", "rekomendasi__rakor__judul")
            .annotate(
                terbuka=Count("pk"),
                terlambat=Count("pk", filter=Q(rekomendasi__batas_waktu__lt=today)),
            )
            .order_by("-terlambat", F("rekomendasi__batas_waktu").asc(nulls_last=True), "rekomendasi_id")[:25]
        )  # fmt: skip
        # Each item as the portal writes it ("9a", a sub-point with its parent's sentence).
        butir = Rekomendasi.objects.select_related("induk").in_bulk(
            [r["rekomendasi_id"] for r in rekomendasi]
        )
        for r in rekomendasi:
            r["butir"] = butir[r["rekomendasi_id"]]
        tempat = (kantor.tempat_surat if kantor else "") or provinsi.nama
        perihal = parameter.get("perihal") or (
            f"Ringkasan Peta Potensi Konflik dan Peta Konflik Triwulan {TRIWULAN_ROMAWI[periode.triwulan]} "
            f"Tahun {periode.tahun}"
        )
        return {
            "periode": periode,
            "provinsi": provinsi,
            "pemda": nama_pemda(provinsi),
            "lambang": lambang_data_uri(kantor),
            "belum_melapor": ringkasan.BELUM_MELAPOR,
            "kantor": kantor,
            "nomor": parameter.get("nomor", ""),
            "klasifikasi": klasifikasi,
            # The letter's sifat is at least its content's classification.
            "sifat": "Rahasia"
            if klasifikasi == Klasifikasi.RAHASIA
            else parameter.get("sifat") or "Terbatas",
            # Annex B only when something is left unverified: no page of three empty tables.
            "lampiran": "2 (dua) berkas" if n_belum else "1 (satu) berkas",
            "perihal": perihal,
            "tempat_tanggal": f"{tempat}, {tanggal(today, hari=False)}",
            "kalimat": kalimat,
            "belum_diverifikasi": belum,
            "n_belum": n_belum,
            "kejadian_utama": [k for k in a["kejadian"] if k.verifikasi != Verifikasi.BELUM],
            "pantauan": pantauan,
            "m": m,
            "a": a,
            "teratas": [
                p
                for p in daftar
                if p.verifikasi != Verifikasi.BELUM
                and (p.tren in PotensiKonflik.NAIK or p.tingkat == PotensiKonflik.Tingkat.TINGGI)
            ][:15],
            "lampiran_daftar": daftar,
            "iku": iku.matriks_capaian(provinsi, periode, hanya_diterima=True)["baris"],
            "grafik_tingkat": ringkasan.grafik_tingkat(
                provinsi, periode_grafik, hanya_diterima=True, rahasia=rahasia
            ),
            "grafik_sumber": batang_mendatar(
                [(label, n) for _, label, n in a["per_sumber"]], "Potensi konflik menurut sumber"
            ),
            "rekomendasi": rekomendasi,
            "today": today,
        }
