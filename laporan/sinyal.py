"""Early-warning signals (peringatan dini), computed from the province's data, each with a sentence
that explains itself and a link to the rows behind it (the way OCHA's HDX Signals and ACLED's watch
list read conflict data). Rules, for the current quarter and the three before it:

- **segera_korban**: an urgent incident with deaths or displaced people;
- **meningkat**: a potensi konflik whose trend is *meningkat* in two consecutive quarters;
- **naik_tinggi**: a potensi whose level rose to *tinggi* from the previous quarter;
- **puncak_kejadian / puncak_korban**: a kab/kota whose incidents (or casualties, dead and injured)
  in a quarter are more than in each of its 7 quarters before, and at least ``SINYAL_MIN_KEJADIAN``
  (``SINYAL_MIN_KORBAN``);
- **sara_baru**: a potensi with *sumber* antarumat beragama/antarsuku/antaretnis, or an incident whose
  event type (the codebook) maps to that source, in a kab/kota that had neither in the 4 quarters
  before;
- **politik_tahapan**: a potensi of *bidang politik* in a quarter that an election stage covering its
  kab/kota overlaps (both ends of the stage count).

Potensi and kejadian count once their report is submitted (diajukan or diterima); urgent incidents
count when filed, and once each (an incident already a kejadian of a submitted report is not counted
twice). Incidents carry a source through their event type (the codebook) but no *bidang*, so the
politik rule reads potensi only.

:func:`hitung_ulang` recomputes one province in a fixed number of queries (six reads, then bulk
writes), called after the data changes (``antre_hitung``) and nightly for every province; a page view
never computes.
"""

import copy
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from kesbangpol.dates import tanggal
from kesbangpol.models import TahapanPemilu, Wilayah
from kesbangpol.models.klasifikasi import DIRAHASIAKAN, Klasifikasi
from laporan.models import (
    TRIWULAN_ROMAWI,
    KejadianKonflik,
    LaporanSegera,
    LaporanTriwulan,
    PotensiKonflik,
    Sinyal,
    akhir_triwulan,
    awal_triwulan,
    triwulan_dari,
    triwulan_mundur,
    triwulan_sebelum,
)

J = Sinyal.Jenis
JENDELA = 4  # quarters that carry signals: the current one and the three before
RIWAYAT = 8  # quarters a peak is measured against (the quarter itself and the 7 before)
SARA_SEPI = 4  # quarters without SARA potensi before a new one is a signal
# What a recompute may change on a stored signal; the rest (kind, key, place, quarter) is its identity.
BERUBAH = ("kalimat", "url", "skor", "dieskalasi", "segera_internal")


@dataclass
class Temuan:
    jenis: str
    kunci: str
    kabkota_id: int
    tahun: int
    triwulan: int
    kalimat: str
    url: str
    skor: int
    dieskalasi: bool = False
    # Quotes or counts an urgent report the province has not escalated: not for national admins
    # (LaporanSegera.objects.for_user), until the escalation's recompute.
    segera_internal: bool = False


def _label(tahun, tw) -> str:
    return f"triwulan {TRIWULAN_ROMAWI[tw]} {tahun}"


def satukan(daftar: list[Sinyal]) -> list[Sinyal]:
    """A short list (the home panel, the governor's watch list) tells each potensi's quarter once: a
    rise to tinggi that is also its second rise running is one entry, "…, setelah juga meningkat pada
    triwulan …", in the place of whichever of the two comes first. The signals page keeps both,
    since each is closed on its own."""

    def ekor(s):
        return s.kunci.split(":", 1)[1]  # "<identitas>:<tahun>-<triwulan>"

    naik = {ekor(s): s for s in daftar if s.jenis == J.NAIK_TINGGI}
    meningkat = {ekor(s): s for s in daftar if s.jenis == J.MENINGKAT}
    pasangan = naik.keys() & meningkat.keys()
    hasil, sudah = [], set()
    for s in daftar:
        e = ekor(s) if s.jenis in (J.NAIK_TINGGI, J.MENINGKAT) else None
        if e not in pasangan:
            hasil.append(s)
        elif e not in sudah:
            sudah.add(e)
            gabung = copy.copy(naik[e])
            gabung.dieskalasi = naik[e].dieskalasi or meningkat[e].dieskalasi
            gabung.kalimat = (
                f"{gabung.kalimat.removesuffix('.')}, setelah juga meningkat pada "
                f"{_label(*triwulan_sebelum(s.tahun, s.triwulan))}."
            )
            hasil.append(gabung)
    return hasil


def temuan(provinsi: Wilayah, today: datetime.date) -> list[Temuan]:
    """Every signal the province's data holds today (six queries)."""
    jendela = triwulan_mundur(*triwulan_dari(today), JENDELA)
    semua = triwulan_mundur(*jendela[-1], RIWAYAT)  # the history the oldest quarter is read against
    awal = awal_triwulan(*semua[-1])
    wilayah = {
        pk: (n, kode)
        for pk, n, kode in Wilayah.objects.filter(provinsi=provinsi).values_list("pk", "nama", "kode")
    }
    nama = {pk: n for pk, (n, _) in wilayah.items()}
    terkirim = LaporanTriwulan.objects.filter(
        kabkota__provinsi=provinsi, status__in=LaporanTriwulan.TERKIRIM, periode__tahun__gte=awal.year
    )
    laporan_pk = {
        (kab, t, tw): pk
        for pk, kab, t, tw in terkirim.values_list("pk", "kabkota_id", "periode__tahun", "periode__triwulan")
    }
    potensi = list(
        PotensiKonflik.objects.filter(laporan__in=terkirim).values(
            "identitas", "judul", "tingkat", "tren", "sumber", "bidang", "klasifikasi",
            "laporan__kabkota_id", "laporan__periode__tahun", "laporan__periode__triwulan",
        )
    )  # fmt: skip
    kejadian = (
        KejadianKonflik.objects.filter(laporan__in=terkirim)
        .values(
            "laporan__kabkota_id", "laporan__periode__tahun", "laporan__periode__triwulan", "jenis__sumber"
        )
        .annotate(n=Count("pk"), korban=Sum("meninggal") + Sum("luka"))
    )
    dalam_laporan = Count("kejadian", filter=Q(kejadian__laporan__status__in=LaporanTriwulan.TERKIRIM))
    segera = list(
        LaporanSegera.objects.filter(kabkota__provinsi=provinsi, tanggal__gte=awal).values(
            "pk", "judul", "tanggal", "kabkota_id", "meninggal", "luka", "mengungsi", "dieskalasi_pada",
            "jenis__sumber", "klasifikasi",
        ).annotate(dalam_laporan=dalam_laporan)
    )  # fmt: skip
    # A signal counts a rahasia item but never quotes it: signals are read by the whole province.
    for baris in (*potensi, *segera):
        if baris["klasifikasi"] == Klasifikasi.RAHASIA:
            baris["judul"] = DIRAHASIAKAN
    tahapan = list(
        TahapanPemilu.objects.untuk_wilayah(provinsi)
        .tumpang_tindih(awal_triwulan(*jendela[-1]), akhir_triwulan(*jendela[0]))
        .order_by("mulai", "pk")
    )

    hasil: list[Temuan] = []
    dalam_jendela = set(jendela)
    # --- potensi: by identity and quarter -------------------------------------------------------
    per_id = {}
    sara = defaultdict(set)  # kab/kota -> quarters with a SARA potensi
    for p in potensi:
        kunci_tw = (p["laporan__periode__tahun"], p["laporan__periode__triwulan"])
        per_id[(p["identitas"], kunci_tw)] = p
        if p["sumber"] == PotensiKonflik.Sumber.SARA:
            sara[p["laporan__kabkota_id"]].add(kunci_tw)
    # Incidents whose event type maps to the SARA source count as SARA too (the codebook).
    for k in kejadian:
        if k["jenis__sumber"] == PotensiKonflik.Sumber.SARA:
            sara[k["laporan__kabkota_id"]].add(
                (k["laporan__periode__tahun"], k["laporan__periode__triwulan"])
            )
    for s in segera:
        if s["jenis__sumber"] == PotensiKonflik.Sumber.SARA:
            sara[s["kabkota_id"]].add(triwulan_dari(s["tanggal"]))

    def sara_pertama(kab, t, tw) -> bool:
        return not sara[kab] & set(triwulan_mundur(*triwulan_sebelum(t, tw), SARA_SEPI))

    for (identitas, (t, tw)), p in per_id.items():
        if (t, tw) not in dalam_jendela:
            continue
        kab = p["laporan__kabkota_id"]
        url = reverse("laporan:potensi_riwayat", args=[identitas])
        sebelum = triwulan_sebelum(t, tw)
        lalu = per_id.get((identitas, sebelum))
        judul = f"“{p['judul']}” di {nama[kab]}"
        if (
            p["tren"] == PotensiKonflik.Tren.MENINGKAT
            and lalu
            and lalu["tren"] == PotensiKonflik.Tren.MENINGKAT
        ):
            hasil.append(Temuan(
                J.MENINGKAT, f"meningkat:{identitas}:{t}-{tw}", kab, t, tw,
                f"Potensi {judul} meningkat dua triwulan berturut-turut ({_label(*sebelum)} dan "
                f"{_label(t, tw)}); pada {_label(t, tw)} tingkatnya {p['tingkat']}.",
                url, 4 if p["tingkat"] == PotensiKonflik.Tingkat.TINGGI else 3,
            ))  # fmt: skip
        if (
            p["tingkat"] == PotensiKonflik.Tingkat.TINGGI
            and lalu
            and lalu["tingkat"] != PotensiKonflik.Tingkat.TINGGI
        ):
            hasil.append(Temuan(
                J.NAIK_TINGGI, f"naik_tinggi:{identitas}:{t}-{tw}", kab, t, tw,
                f"Potensi {judul} naik dari tingkat {lalu['tingkat']} ke tinggi pada {_label(t, tw)}.",
                url, 4,
            ))  # fmt: skip
        if p["sumber"] == PotensiKonflik.Sumber.SARA and sara_pertama(kab, t, tw):
            hasil.append(Temuan(
                J.SARA_BARU, f"sara_baru:{identitas}:{t}-{tw}", kab, t, tw,
                f"Potensi bersumber antarumat beragama/antarsuku/antaretnis {judul} pada {_label(t, tw)}: "
                f"yang pertama di {nama[kab]} dalam {SARA_SEPI} triwulan sebelumnya.",
                url, 4,
            ))  # fmt: skip
        if p["bidang"] == PotensiKonflik.Bidang.POLITIK:
            mulai, selesai = awal_triwulan(t, tw), akhir_triwulan(t, tw)
            for s in tahapan:
                if s.mulai <= selesai and s.selesai >= mulai and s.wilayah_id in (None, provinsi.pk, kab):
                    hasil.append(Temuan(
                        J.POLITIK_TAHAPAN, f"politik_tahapan:{identitas}:{t}-{tw}", kab, t, tw,
                        f"Potensi bidang politik {judul} pada {_label(t, tw)}, bertepatan dengan tahapan "
                        f"{s.get_pemilihan_display()} {s.tahun} “{s.nama}” ({tanggal(s.mulai, hari=False)} – "
                        f"{tanggal(s.selesai, hari=False)}).",
                        url, 3,
                    ))  # fmt: skip
                    break
    # --- incidents and casualties per kab/kota and quarter ----------------------------------------
    n = defaultdict(int)
    korban = defaultdict(int)
    internal = set()  # kab/kota quarters that count an urgent report not escalated
    for k in kejadian:
        kab, t, tw = k["laporan__kabkota_id"], k["laporan__periode__tahun"], k["laporan__periode__triwulan"]
        n[(kab, t, tw)] += k["n"]
        korban[(kab, t, tw)] += k["korban"] or 0
        if (
            k["jenis__sumber"] == PotensiKonflik.Sumber.SARA
            and (t, tw) in dalam_jendela
            and sara_pertama(kab, t, tw)
        ):
            pk = laporan_pk.get((kab, t, tw))
            hasil.append(Temuan(
                J.SARA_BARU, f"sara_baru:kejadian:{kab}:{t}-{tw}", kab, t, tw,
                f"{k['n']} kejadian bersumber antarumat beragama/antarsuku/antaretnis di {nama[kab]} pada "
                f"{_label(t, tw)}: yang pertama dalam {SARA_SEPI} triwulan sebelumnya.",
                reverse("laporan:detail", args=[pk]) + "#kejadian", 4,
            ))  # fmt: skip
    for s in segera:
        t, tw = triwulan_dari(s["tanggal"])
        kab = s["kabkota_id"]
        if not s["dalam_laporan"]:
            n[(kab, t, tw)] += 1
            korban[(kab, t, tw)] += s["meninggal"] + s["luka"]
            if not s["dieskalasi_pada"]:
                internal.add((kab, t, tw))
            if (
                s["jenis__sumber"] == PotensiKonflik.Sumber.SARA
                and (t, tw) in dalam_jendela
                and sara_pertama(kab, t, tw)
            ):
                hasil.append(Temuan(
                    J.SARA_BARU, f"sara_baru:segera:{s['pk']}", kab, t, tw,
                    f"Laporan segera bersumber antarumat beragama/antarsuku/antaretnis “{s['judul']}” di "
                    f"{nama[kab]} pada {_label(t, tw)}: yang pertama dalam {SARA_SEPI} triwulan sebelumnya.",
                    reverse("laporan:segera_detail", args=[s["pk"]]), 5,
                    segera_internal=not s["dieskalasi_pada"],
                ))  # fmt: skip
        if (t, tw) in dalam_jendela and (s["meninggal"] or s["mengungsi"]):
            bagian = [
                f"{s['meninggal']} meninggal" if s["meninggal"] else "",
                f"{s['mengungsi']} mengungsi" if s["mengungsi"] else "",
            ]
            hasil.append(Temuan(
                J.SEGERA_KORBAN, f"segera_korban:{s['pk']}", kab, t, tw,
                f"Laporan segera {nama[kab]} {tanggal(s['tanggal'], hari=False)}: “{s['judul']}”, "
                f"{' dan '.join(b for b in bagian if b)}"
                + ("; dieskalasi ke tingkat nasional." if s["dieskalasi_pada"] else "."),
                reverse("laporan:segera_detail", args=[s["pk"]]),
                6 if s["meninggal"] else 5, dieskalasi=bool(s["dieskalasi_pada"]),
                segera_internal=not s["dieskalasi_pada"],
            ))  # fmt: skip
    batas = {J.PUNCAK_KEJADIAN: settings.SINYAL_MIN_KEJADIAN, J.PUNCAK_KORBAN: settings.SINYAL_MIN_KORBAN}
    for jenis, angka, kata in (
        (J.PUNCAK_KEJADIAN, n, "kejadian konflik"),
        (J.PUNCAK_KORBAN, korban, "korban (meninggal dan luka)"),
    ):
        for kab in nama:
            for t, tw in jendela:
                kini = angka.get((kab, t, tw), 0)
                if kini < batas[jenis]:
                    continue
                sebelumnya = max(
                    angka.get((kab, *q), 0) for q in triwulan_mundur(*triwulan_sebelum(t, tw), RIWAYAT - 1)
                )
                if kini <= sebelumnya:
                    continue
                pembanding = f"sebelumnya paling banyak {sebelumnya}" if sebelumnya else "sebelumnya nihil"
                pk = laporan_pk.get((kab, t, tw))
                url = (
                    reverse("laporan:detail", args=[pk]) + "#kejadian"
                    if pk
                    else reverse("laporan:segera") + f"?kabkota={wilayah[kab][1]}"
                )
                hasil.append(Temuan(
                    jenis, f"{jenis}:{kab}:{t}-{tw}", kab, t, tw,
                    f"{nama[kab]} mencatat {kini} {kata} pada {_label(t, tw)}, tertinggi dalam {RIWAYAT} "
                    f"triwulan terakhir ({pembanding}).",
                    url, 5 if jenis == J.PUNCAK_KORBAN else 4, segera_internal=(kab, t, tw) in internal,
                ))  # fmt: skip
    return hasil


@transaction.atomic
def hitung_ulang(provinsi: Wilayah, today: datetime.date | None = None) -> int:
    """Bring the province's stored signals of the window in line with its data: new ones are added,
    changed ones updated, ones the data no longer holds set inactive (kept, with any dismissal, in
    history). Returns the number of open signals in the window."""
    today = today or timezone.localdate()
    sekarang = timezone.now()
    baru = {t.kunci: t for t in temuan(provinsi, today)}
    # Only the window's quarters are recomputed; older signals keep the state they ended with.
    jendela = Q()
    for tahun, tw in triwulan_mundur(*triwulan_dari(today), JENDELA):
        jendela |= Q(tahun=tahun, triwulan=tw)
    ada = {s.kunci: s for s in Sinyal.objects.select_for_update().filter(jendela, provinsi=provinsi)}
    tambah, ubah = [], []
    for kunci, t in baru.items():
        nilai = {k: getattr(t, k) for k in BERUBAH}
        s = ada.get(kunci)
        if s is None:
            tambah.append(
                Sinyal(
                    provinsi=provinsi, kabkota_id=t.kabkota_id, jenis=t.jenis, kunci=kunci, tahun=t.tahun,
                    triwulan=t.triwulan, **nilai, dibuat=sekarang, diperbarui=sekarang,
                )
            )  # fmt: skip
            continue
        nilai["aktif"] = True
        if any(getattr(s, k) != v for k, v in nilai.items()):
            for k, v in nilai.items():
                setattr(s, k, v)
            s.diperbarui = sekarang
            ubah.append(s)
    for kunci, s in ada.items():
        if kunci not in baru and s.aktif:
            s.aktif, s.diperbarui = False, sekarang
            ubah.append(s)
    Sinyal.objects.bulk_create(tambah)
    Sinyal.objects.bulk_update(ubah, [*BERUBAH, "aktif", "diperbarui"])
    return sum(1 for s in ada.values() if s.aktif and not s.ditutup_pada) + len(tambah)


def hitung_semua(today: datetime.date | None = None) -> int:
    """Every province (nightly, and when a stage of the national calendar changes)."""
    return sum(hitung_ulang(p, today) for p in Wilayah.objects.provinsi())


def antre_hitung(provinsi_id: int | None) -> None:
    """Recompute after the transaction that changed the data commits (on a worker, or here when the
    broker cannot be reached); ``None`` recomputes every province. Asked many times in one
    transaction (an import of 40 stages), each province is recomputed once."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        _kirim({provinsi_id})
        return
    # A new set once the last one was sent, or when a rollback dropped its callback.
    tertunda = getattr(conn, "sinyal_tertunda", None)
    if tertunda is None or not any(c[1] is _kirim_tertunda for c in conn.run_on_commit):
        tertunda = conn.sinyal_tertunda = set()
        transaction.on_commit(_kirim_tertunda)
    tertunda.add(provinsi_id)


def _kirim_tertunda() -> None:
    conn = transaction.get_connection()
    tertunda, conn.sinyal_tertunda = conn.sinyal_tertunda or set(), None
    _kirim({None} if None in tertunda else tertunda)


def _kirim(provinsi_ids) -> None:
    from kesbangpol import dokumen
    from laporan.tasks import hitung_sinyal

    for provinsi_id in provinsi_ids:
        if not dokumen.serahkan(hitung_sinyal, provinsi_id):
            hitung_sinyal.apply(args=(provinsi_id,))


def tutup(sinyal: Sinyal, user, alasan: str) -> None:
    """Staff dismiss a signal with a reason (kept in its history); it stays closed across recomputes."""
    if not alasan.strip():
        raise ValidationError({"alasan": "Tuliskan alasan menutup sinyal ini."})
    sinyal.ditutup_pada, sinyal.ditutup_oleh, sinyal.alasan_tutup = timezone.now(), user, alasan.strip()
    sinyal.save()


def tahapan_berubah(sender, instance, **kwargs) -> None:
    """A stage of the election calendar was saved or deleted: recompute where it applies."""
    wilayah = instance.wilayah
    antre_hitung(None if wilayah is None else (wilayah.provinsi_id or wilayah.pk))
