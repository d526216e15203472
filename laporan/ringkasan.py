"""What the province sees across its kab/kota: the completeness matrix (DHIS2-style) and the
aggregates of a period. A fixed number of queries whatever the number of periods or provinces.

Rules (documented in the README):
- *Reported* = submitted or accepted (a returned report is not reported until submitted again).
- *On time* = reported, and its **first** submission fell on or before the period's due date in the
  kab/kota's local time. A *nihil* report counts as reported and, when on time, as on time.
"""

from collections import Counter, defaultdict

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from kesbangpol import access, saringan
from kesbangpol.grafik import batang_bertumpuk
from laporan.models import KejadianKonflik, LaporanTriwulan, Periode, PotensiKonflik

S = LaporanTriwulan.Status

# One word and one colour per cell state (matrix, legend, and later the PDF).
SEL = {
    "belum": ("Belum mulai", "sel-belum"),
    "draf": ("Draf", "sel-draf"),
    "dikembalikan": ("Dikembalikan", "sel-dikembalikan"),
    "tepat": ("Diajukan tepat waktu", "sel-tepat"),
    "terlambat": ("Diajukan terlambat", "sel-terlambat"),
    "diterima": ("Diterima", "sel-diterima"),
    "nihil": ("Nihil", "sel-nihil"),
}
WARNA_TINGKAT = {
    PotensiKonflik.Tingkat.TINGGI: "#b02a37",
    PotensiKonflik.Tingkat.SEDANG: "#e0a800",
    PotensiKonflik.Tingkat.RENDAH: "#198754",
}


# The states counted as reported (the matrix's "Melapor" row), and those that still owe a submission.
MELAPOR = ("tepat", "terlambat", "diterima", "nihil")
BELUM_MELAPOR = ("belum", "draf", "dikembalikan")


def tanda_telat(kunci: str, tepat_waktu: bool | None) -> bool:
    """A report first sent after its due date whose state does not already say so (accepted or nihil;
    "Diajukan terlambat" does): the one place the pages, the export and the PDF decide the late mark."""
    return tepat_waktu is False and kunci != "terlambat"


def lewat_tenggat(kunci: str, periode: Periode, today) -> bool:
    """Not reported in a period past its due date (``Periode.lewat_tenggat``): the cell the province
    chases and the quarter the operator must do first."""
    return kunci in BELUM_MELAPOR and periode.lewat_tenggat(today)


def keadaan(status: str, nihil: bool, tepat_waktu: bool | None) -> str:
    if status in LaporanTriwulan.TERKIRIM and nihil:
        return "nihil"
    if status == S.DITERIMA:
        return "diterima"
    if status == S.DIAJUKAN:
        return "tepat" if tepat_waktu else "terlambat"
    return status  # draf, dikembalikan


def matriks(provinsi, periode_list: list[Periode], today=None) -> dict:
    today = today or timezone.localdate()
    kabkota = list(provinsi.kabkota.order_by("kode"))
    tersimpan = [p for p in periode_list if p.pk]  # a period not created yet has no reports
    rows = LaporanTriwulan.objects.filter(periode__in=tersimpan, kabkota__provinsi=provinsi).values_list(
        "pk", "periode_id", "kabkota_id", "status", "nihil", "tepat_waktu"
    )
    sel = {(p, k): (pk, keadaan(st, n, t), t) for pk, p, k, st, n, t in rows}
    baris = []
    for w in kabkota:
        cells = []
        for p in periode_list:
            pk, kunci, tepat = sel.get((p.pk, w.pk), (None, "belum", None))
            label, kelas = SEL[kunci]
            cells.append(
                {
                    "pk": pk,
                    "kunci": kunci,
                    "label": label,
                    "kelas": kelas,
                    "terlambat": tepat is False,
                    "tanda_telat": tanda_telat(kunci, tepat),
                    "lewat_tenggat": lewat_tenggat(kunci, p, today),
                }
            )
        baris.append({"wilayah": w, "sel": cells})
    kolom = []
    n = len(kabkota) or 1
    for p in periode_list:
        lapor = sum(1 for (pid, _), (_, k, _) in sel.items() if pid == p.pk and k in MELAPOR)
        tepat = sum(1 for (pid, _), (_, k, t) in sel.items() if pid == p.pk and k in MELAPOR and t)
        kolom.append(
            {
                "periode": p,
                "lapor": lapor,
                "tepat": tepat,
                "persen_lapor": round(100 * lapor / n),
                "persen_tepat": round(100 * tepat / n),
            }
        )
    return {"baris": baris, "kolom": kolom, "jumlah_kabkota": len(kabkota), "legend": list(SEL.values())}


def agregat(provinsi, periode: Periode, hanya_diterima: bool = False, *, rahasia: bool = False) -> dict:
    """Counts by kab/kota, sumber, bidang, level and trend, the items themselves (new and escalated
    first; the map's points are :func:`titik_peta`) and the events. Three queries: the page lists
    every item anyway, so the counts are taken from that list in Python."""
    status = [S.DITERIMA] if hanya_diterima else list(LaporanTriwulan.TERKIRIM)
    laporan = LaporanTriwulan.objects.filter(periode=periode, kabkota__provinsi=provinsi, status__in=status)
    prioritas = Case(
        When(tren__in=PotensiKonflik.NAIK, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    tingkat_urut = Case(
        When(tingkat=PotensiKonflik.Tingkat.TINGGI, then=Value(0)),
        When(tingkat=PotensiKonflik.Tingkat.SEDANG, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    daftar = list(
        access.tanpa_rahasia(PotensiKonflik.objects.filter(laporan__in=laporan), rahasia)
        .select_related("laporan__kabkota", "aktor_1", "aktor_2")
        .annotate(_p=prioritas, _t=tingkat_urut)
        .order_by("_p", "_t", "laporan__kabkota__kode", "pk")
    )
    kejadian = list(
        access.tanpa_rahasia(KejadianKonflik.objects.filter(laporan__in=laporan), rahasia)
        .select_related("laporan__kabkota", "jenis__induk", "aktor_1", "aktor_2")
        .order_by("-meninggal", "-luka", "-mengungsi", "tanggal")
    )

    def hitung(field, choices):
        counts = Counter(getattr(p, field) for p in daftar)
        return [(value, label, counts.get(value, 0)) for value, label in choices]

    kabkota: dict[str, dict] = {}
    for p in daftar:
        w = p.laporan.kabkota
        r = kabkota.setdefault(
            w.kode,
            {"laporan__kabkota__kode": w.kode, "laporan__kabkota__nama": w.nama, "tinggi": 0, "sedang": 0}
            | {"rendah": 0, "baru_naik": 0, "total": 0},
        )
        r[p.tingkat] += 1
        r["baru_naik"] += p.tren in PotensiKonflik.NAIK
        r["total"] += 1
    per_kabkota = sorted(
        kabkota.values(), key=lambda r: (-r["tinggi"], -r["total"], r["laporan__kabkota__kode"])
    )
    korban = {
        "meninggal": sum(k.meninggal for k in kejadian),
        "luka": sum(k.luka for k in kejadian),
        "mengungsi": sum(k.mengungsi for k in kejadian),
        "jumlah": len(kejadian),
    }
    return {
        "jumlah_laporan": laporan.count(),
        "per_kabkota": per_kabkota,
        "per_jenis": per_jenis(kejadian),
        "per_aktor": per_aktor(daftar, kejadian),
        "per_sumber": hitung("sumber", PotensiKonflik.Sumber.choices),
        "per_bidang": hitung("bidang", PotensiKonflik.Bidang.choices),
        "per_tingkat": hitung("tingkat", PotensiKonflik.Tingkat.choices),
        "per_tren": hitung("tren", PotensiKonflik.Tren.choices),
        "daftar": daftar,
        "kejadian": kejadian,
        "korban": korban,
        "rahasia": rahasia,  # whether it holds the rahasia items (the reader is cleared)
    }


def titik_peta(daftar: list) -> list[dict]:
    """The potensi with coordinates, as the map's points (``json_script``)."""
    return [
        {
            "lat": float(p.latitude),
            "lng": float(p.longitude),
            "judul": p.judul,
            "tingkat": p.tingkat,
            "wilayah": p.laporan.kabkota.nama_singkat,
            # Shown when the point is clicked: the codes as words.
            "sumber": p.get_sumber_display(),
            "pihak": f"{p.aktor_1.nama} – {p.aktor_2.nama}" if p.aktor_1_id and p.aktor_2_id else "",
            "verifikasi": p.get_verifikasi_display(),
        }
        for p in daftar
        if p.latitude is not None
    ]


# What the aggregate page's counts link to: its list of potensi narrowed to one value of each.
SARINGAN_POTENSI = {
    "tingkat": PotensiKonflik.Tingkat,
    "tren": PotensiKonflik.Tren,
    "sumber": PotensiKonflik.Sumber,
    "bidang": PotensiKonflik.Bidang,
}
BARU_NAIK = "baru_naik"  # ?tren= for the kab/kota table's "Baru/meningkat" column


def saring_potensi(daftar: list, params) -> tuple[list, list[str]]:
    """The period's potensi narrowed by ``?tingkat=``, ``?tren=`` (or ``baru_naik``), ``?sumber=``,
    ``?bidang=``, ``?kabkota=`` (the code of one that reported) and ``?pihak=`` (an actor pair of
    "Siapa dengan siapa"), and the filters in words. Unknown values are ignored, as in the other lists."""
    daftar, kata = saringan.saring(daftar, params, kabkota=_kabkota, pihak=pasangan_aktor)
    for nama, pilihan in SARINGAN_POTENSI.items():
        nilai = params.get(nama, "")
        if nilai in pilihan.values:
            daftar = [p for p in daftar if getattr(p, nama) == nilai]
            kata.append(str(pilihan(nilai).label))
        elif nama == "tren" and nilai == BARU_NAIK:
            daftar = [p for p in daftar if p.tren in PotensiKonflik.NAIK]
            kata.append("Baru atau meningkat")
    return daftar, kata


def saring_kejadian(kejadian: list, params) -> tuple[list, list[str]]:
    """The period's events narrowed by ``?jenis=`` (a main event type of "Kejadian menurut jenis", its
    sub-types included; ``belum`` for the uncoded) and ``?pihak=``, and the filters in words."""
    return saringan.saring(kejadian, params, jenis=jenis_kejadian, pihak=pasangan_aktor)


def _kabkota(p) -> tuple[str, str]:
    return p.laporan.kabkota.kode, p.laporan.kabkota.nama


def grafik_tingkat(provinsi, periode_list: list[Periode], hanya_diterima: bool = False, *, rahasia=False):
    """Potensi konflik per level over the given periods (oldest first), as SVG."""
    status = [S.DITERIMA] if hanya_diterima else list(LaporanTriwulan.TERKIRIM)
    rows = (
        access.tanpa_rahasia(
            PotensiKonflik.objects.filter(
                laporan__periode__in=[p for p in periode_list if p.pk],
                laporan__kabkota__provinsi=provinsi,
                laporan__status__in=status,
            ),
            rahasia,
        )
        .values_list("laporan__periode_id", "tingkat")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict = defaultdict(Counter)
    for periode_id, tingkat, n in rows:
        counts[periode_id][tingkat] = n
    urut = sorted(periode_list, key=lambda p: (p.tahun, p.triwulan))
    seri = [
        (label, WARNA_TINGKAT[value], [counts[p.pk][value] for p in urut])
        for value, label in reversed(PotensiKonflik.Tingkat.choices)
    ]
    return batang_bertumpuk(
        [p.label_pendek for p in urut], seri, f"Potensi konflik menurut tingkat, {provinsi.nama}"
    )


BELUM_DIKODEKAN = "Belum dikodekan"
BELUM_KODE = "belum"  # ?jenis= for the uncoded events (codes are upper case)


def _jenis_utama(k):
    """An event's main type (a sub-type's parent); None while uncoded."""
    return (k.jenis.induk or k.jenis) if k.jenis_id else None


def jenis_kejadian(k) -> tuple[str, str]:
    """An event's row of "Kejadian menurut jenis": its main type's code (its ``?jenis=``) and name."""
    utama = _jenis_utama(k)
    return (utama.kode, utama.nama) if utama else (BELUM_KODE, BELUM_DIKODEKAN)


def per_jenis(kejadian) -> list[dict]:
    """Events and their casualties by main event type (a sub-type counts under its parent), most
    events first; uncoded events last. A row's ``param`` is its ``?jenis=``."""
    baris: dict = {}
    for k in kejadian:
        param, nama = jenis_kejadian(k)
        utama = _jenis_utama(k)
        r = baris.setdefault(
            param,
            {
                "kode": utama.kode if utama else "", "param": param, "nama": nama,
                "sumber": utama.get_sumber_display() if utama else "",
                "jumlah": 0, "meninggal": 0, "luka": 0, "mengungsi": 0,
            },
        )  # fmt: skip
        r["jumlah"] += 1
        for f in ("meninggal", "luka", "mengungsi"):
            r[f] += getattr(k, f)
    return sorted(baris.values(), key=lambda r: (r["kode"] == "", -r["jumlah"], r["kode"]))


def pasangan_aktor(item) -> tuple[str, str] | None:
    """An item's actor pair, either order the same, as ``("PRS,WRG", "Perusahaan – Warga")``;
    None unless both actors are coded."""
    if not (item.aktor_1_id and item.aktor_2_id):
        return None
    a, b = sorted((item.aktor_1, item.aktor_2), key=lambda x: x.kode)
    return f"{a.kode},{b.kode}", f"{a.nama} – {b.nama}"


def per_aktor(potensi, kejadian) -> list[dict]:
    """Who against whom: coded actor pairs, with the potensi and the events of each, most events
    first. Items without both actors coded are left out."""
    baris: dict = {}
    for jenis, items in (("potensi", potensi), ("kejadian", kejadian)):
        for item in items:
            if pasangan := pasangan_aktor(item):
                kode, pihak = pasangan
                r = baris.setdefault(kode, {"kode": kode, "pihak": pihak, "potensi": 0, "kejadian": 0})
                r[jenis] += 1
    return sorted(baris.values(), key=lambda r: (-r["kejadian"], -r["potensi"], r["pihak"]))
