"""The governor's quarterly summary (*Ringkasan Peta Potensi Konflik untuk Gubernur*): a builder for
the core's document jobs. Compiled from the province's **accepted** reports of one period."""

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from kesbangpol.dates import tanggal
from kesbangpol.dokumen import Builder
from kesbangpol.grafik import batang_mendatar
from kesbangpol.models import Instansi
from laporan import ringkasan
from laporan.models import TRIWULAN_ROMAWI, Periode, Tren, triwulan_mundur
from rekomendasi.models import SELESAI, Penugasan

TERBILANG = {1: "satu", 2: "dua", 3: "tiga"}


def _delapan_triwulan(periode: Periode) -> list[tuple[int, int]]:
    return list(reversed(triwulan_mundur(periode.tahun, periode.triwulan, 8)))


def kalimat_ringkasan(m: dict, a: dict, n_kabkota: int) -> list[str]:
    """The executive summary in sentences generated from the figures."""
    kolom = m["kolom"][-1]
    sel = [b["sel"][-1]["kunci"] for b in m["baris"]]
    terlambat = sum(
        1
        for b in m["baris"]
        if b["sel"][-1]["kunci"] in ("tepat", "terlambat", "diterima", "nihil") and b["sel"][-1]["terlambat"]
    )
    hilang = sum(1 for k in sel if k in ("belum", "draf", "dikembalikan"))
    nihil = sel.count("nihil")
    tingkat = dict(a["per_tingkat"])
    total = sum(tingkat.values())
    tren = dict(a["per_tren"])
    kalimat = [
        f"Dari {n_kabkota} kabupaten/kota, {kolom['lapor']} telah menyampaikan laporan "
        f"({kolom['tepat']} tepat waktu dan {terlambat} terlambat), termasuk {nihil} laporan nihil; "
        f"{hilang} kabupaten/kota belum menyampaikan laporan atau laporannya masih diperbaiki.",
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
            teratas = max(a["per_kabkota"], key=lambda r: (r["baru_naik"], r["tinggi"]), default=None)
            lokasi = (
                f", terbanyak di {teratas['laporan__kabkota__nama']}"
                if teratas and teratas["baru_naik"]
                else ""
            )
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
    return kalimat


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
        a = ringkasan.agregat(provinsi, periode, hanya_diterima=True)
        daftar = list(a["daftar"])
        periode_grafik = Periode.objects.untuk_banyak(provinsi, _delapan_triwulan(periode))
        today = (
            datetime.date.fromisoformat(parameter["tanggal"])
            if parameter.get("tanggal")
            else timezone.localdate()
        )
        rekomendasi = (
            Penugasan.objects.filter(provinsi=provinsi)
            .exclude(status__in=SELESAI)
            .values(
                "rekomendasi_id", "rekomendasi__nomor", "rekomendasi__induk__nomor", "rekomendasi__isi",
                "rekomendasi__batas_waktu", "rekomendasi__rakor__judul",
            )
            .annotate(
                terbuka=Count("pk"),
                terlambat=Count("pk", filter=Q(rekomendasi__batas_waktu__lt=today)),
            )
            .order_by("-terlambat", F("rekomendasi__batas_waktu").asc(nulls_last=True), "rekomendasi_id")[:25]
        )  # fmt: skip
        tempat = (kantor.tempat_surat if kantor else "") or provinsi.nama
        perihal = parameter.get("perihal") or (
            f"Ringkasan Peta Potensi Konflik dan Peta Konflik Triwulan {TRIWULAN_ROMAWI[periode.triwulan]} "
            f"Tahun {periode.tahun}"
        )
        return {
            "periode": periode,
            "provinsi": provinsi,
            "kantor": kantor,
            "nomor": parameter.get("nomor", ""),
            "sifat": parameter.get("sifat") or "Terbatas",
            "lampiran": "1 (satu) berkas",
            "perihal": perihal,
            "tempat_tanggal": f"{tempat}, {tanggal(today, hari=False)}",
            "kalimat": kalimat_ringkasan(m, a, m["jumlah_kabkota"]),
            "m": m,
            "a": a,
            "teratas": [p for p in daftar if p.tren in (Tren.BARU, Tren.MENINGKAT) or p.tingkat == "tinggi"][
                :15
            ],
            "lampiran_daftar": daftar,
            "grafik_tingkat": ringkasan.grafik_tingkat(provinsi, periode_grafik, hanya_diterima=True),
            "grafik_sumber": batang_mendatar(a["per_sumber"], "Potensi konflik menurut sumber"),
            "rekomendasi": rekomendasi,
            "today": today,
        }
