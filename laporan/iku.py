"""The IKU register's work: the province ↔ kab/kota alignment matrix, the register's Excel template
and its all-or-nothing import (every bad row and column named), and turning a misalignment into a
rekomendasi assigned to the kab/kota."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F, FilteredRelation, Q

from kesbangpol.excel import BUKAN_XLSX, Galat, Templat, baca_lembar, batas_model, buka, pilihan, teks
from kesbangpol.models import Instansi, Wilayah
from laporan.models import TRIWULAN_ROMAWI, Indikator, TargetIndikator

LEMBAR = "IKU"
MAKS_BARIS = 300


def renstra_tersedia(qs) -> list[tuple[int, int]]:
    """The Renstra periods that hold indicators among ``qs``, latest first."""
    return sorted(set(qs.values_list("renstra_mulai", "renstra_selesai")), reverse=True)


def target_per_indikator(indikator_ids) -> dict[int, dict[int, Decimal]]:
    target: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for iid, tahun, nilai in TargetIndikator.objects.filter(indikator_id__in=indikator_ids).values_list(
        "indikator_id", "tahun", "nilai"
    ):
        target[iid][tahun] = nilai
    return target


@dataclass
class Sel:
    kabkota: Wilayah
    keadaan: str  # "selaras", "celah" or "belum"
    indikator: list = field(default_factory=list)  # the kab/kota indicators linked to the row
    tahun_celah: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return {"selaras": "Selaras", "celah": "Target di bawah kebutuhan", "belum": "Belum ditautkan"}[
            self.keadaan
        ]


def matriks(provinsi: Wilayah, mulai: int, selesai: int) -> dict:
    """Province indicators × kab/kota of one Renstra period: each cell linked (selaras), linked with
    a target below what the province needs (celah, with the years), or missing (belum); the count of
    aligned kab/kota per indicator. Four queries, whatever the size."""
    kabkota = list(Wilayah.objects.filter(provinsi=provinsi).order_by("kode"))
    baris_iku = list(Indikator.objects.filter(wilayah=provinsi).renstra(mulai, selesai).order_by("kode"))
    turunan = list(
        Indikator.objects.filter(induk__in=baris_iku, wilayah__in=kabkota)
        .renstra(mulai, selesai)
        .order_by("kode")
    )
    target = target_per_indikator([i.pk for i in baris_iku] + [i.pk for i in turunan])
    per_sel = defaultdict(list)
    per_induk = {i.pk: i for i in baris_iku}
    for t in turunan:
        t.induk = per_induk[t.induk_id]
        per_sel[(t.induk_id, t.wilayah_id)].append(t)
    baris = []
    for iku in baris_iku:
        sel = []
        for w in kabkota:
            daftar = per_sel.get((iku.pk, w.pk), [])
            celah = sorted({y for t in daftar for y in t.celah(target[t.pk], target[iku.pk])})
            keadaan = "belum" if not daftar else ("celah" if celah else "selaras")
            sel.append(Sel(w, keadaan, daftar, celah))
        baris.append(
            {
                "indikator": iku,
                "sel": sel,
                "selaras": sum(s.keadaan == "selaras" for s in sel),
                "celah": sum(s.keadaan == "celah" for s in sel),
            }
        )
    return {"kabkota": kabkota, "baris": baris}


# --- The register in Excel --------------------------------------------------------------------------

KOLOM_TETAP = [
    "kode", "nama", "definisi", "satuan", "arah", "tahun_dasar", "nilai_dasar", "sumber_data", "frekuensi",
    "bidang", "kode_nasional", "kode_sipd", "kode_iku_provinsi",
]  # fmt: skip
WAJIB = ("kode", "nama", "satuan")
ARAH = pilihan(Indikator.Arah.choices) | {"naik": "naik", "turun": "turun"}
FREKUENSI = pilihan(Indikator.Frekuensi.choices) | {"tahunan": "tahun", "triwulanan": "triwulan"}


def _kolom(mulai: int, selesai: int) -> list[str]:
    return [*KOLOM_TETAP[:7], *[f"target_{y}" for y in range(mulai, selesai + 1)], *KOLOM_TETAP[7:]]


def templat(wilayah: Wilayah, mulai: int, selesai: int) -> bytes:
    """The register of ``wilayah`` for the period as a workbook to edit and upload again."""
    kolom = _kolom(mulai, selesai)
    daftar = list(
        Indikator.objects.filter(wilayah=wilayah)
        .renstra(mulai, selesai)
        .select_related("induk")
        .order_by("kode")
    )
    target = target_per_indikator([i.pk for i in daftar])
    t = Templat()
    ws = t.lembar(LEMBAR, kolom, [12, 50, 40, 12, 10, 12, 12] + [12] * (selesai - mulai + 1) + [30] * 6, "A")
    for i in daftar:
        nilai = {
            "kode": i.kode, "nama": i.nama, "definisi": i.definisi, "satuan": i.satuan, "arah": i.arah,
            "tahun_dasar": i.tahun_dasar, "nilai_dasar": i.nilai_dasar, "sumber_data": i.sumber_data,
            "frekuensi": i.get_frekuensi_display(), "bidang": i.bidang, "kode_nasional": i.kode_nasional,
            "kode_sipd": i.kode_sipd, "kode_iku_provinsi": i.induk.kode if i.induk_id else "",
        }  # fmt: skip
        for y in range(mulai, selesai + 1):
            nilai[f"target_{y}"] = target[i.pk].get(y)
        t.baris(ws, [float(v) if isinstance(v, Decimal) else v for v in (nilai[k] for k in kolom)])
    petunjuk = [
        "Satu baris untuk satu indikator. Jangan mengubah judul kolom di baris pertama.",
        "kode, nama dan satuan wajib. Baris dengan kode yang sudah ada memperbarui indikator itu; "
        "indikator yang tidak ada di lembar ini tidak dihapus.",
        "arah: naik (makin tinggi makin baik) atau turun (makin rendah makin baik).",
        f"target_{mulai} … target_{selesai}: target tiap tahun, angka (koma atau titik desimal).",
        "frekuensi: triwulanan, semesteran atau tahunan.",
    ]
    if wilayah.provinsi_id:
        petunjuk.append("kode_iku_provinsi: kode IKU provinsi yang didukung indikator ini (boleh kosong).")
    petunjuk.append(f"Paling banyak {MAKS_BARIS} baris. Bila satu baris salah, tidak ada yang diimpor.")
    t.petunjuk(petunjuk, f"IKU {wilayah.nama}, Renstra {mulai}–{selesai}")
    return t.isi()


def desimal(nilai) -> Decimal | None:
    """A number as people type it (a decimal comma too) or as a cell holds it, to two decimals;
    None when it is none or cannot be stored (every IKU figure goes through here)."""
    try:
        hasil = Decimal(str(nilai).strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not hasil.is_finite() or abs(hasil) >= Decimal("1e12"):
        return None
    return hasil.quantize(Decimal("0.01"))


def _angka(nilai, galat, nomor, kolom) -> Decimal | None:
    if teks(nilai) == "":
        return None
    hasil = desimal(nilai)
    if hasil is None:
        galat.tambah(LEMBAR, nomor, kolom, f"“{teks(nilai)}” bukan angka.")
    return hasil


@dataclass
class HasilImpor:
    galat: Galat = field(default_factory=Galat)
    ditambah: int = 0
    diperbarui: int = 0

    @property
    def berhasil(self) -> bool:
        return not self.galat


def impor(berkas, wilayah: Wilayah, mulai: int, selesai: int) -> HasilImpor:
    """Every row valid, or nothing written."""
    hasil = HasilImpor()
    galat = hasil.galat
    wb = buka(berkas)
    if wb is None:
        galat.tambah("", None, "berkas", BUKAN_XLSX)
        return hasil
    kolom = _kolom(mulai, selesai)
    rows = baca_lembar(wb, LEMBAR, kolom, list(WAJIB), MAKS_BARIS, galat, batas_model(Indikator))
    provinsi = {}
    if wilayah.provinsi_id:
        provinsi = {
            i.kode.casefold(): i
            for i in Indikator.objects.filter(wilayah_id=wilayah.provinsi_id).renstra(mulai, selesai)
        }
    ada = {i.kode.casefold(): i for i in Indikator.objects.filter(wilayah=wilayah).renstra(mulai, selesai)}
    siap, kode_dilihat = [], {}
    for nomor, n in rows:
        kode = teks(n.get("kode"))
        for k in WAJIB:
            if teks(n.get(k)) == "":
                galat.tambah(LEMBAR, nomor, k, "Wajib diisi.")
        if kode and kode.casefold() in kode_dilihat:
            galat.tambah(
                LEMBAR, nomor, "kode", f"Kode {kode} sudah dipakai di baris {kode_dilihat[kode.casefold()]}."
            )
        kode_dilihat.setdefault(kode.casefold(), nomor)
        arah = ARAH.get(teks(n.get("arah")).casefold() or "naik")
        if arah is None:
            galat.tambah(LEMBAR, nomor, "arah", f"“{teks(n.get('arah'))}” bukan arah. Tulis naik atau turun.")
        frekuensi = FREKUENSI.get(teks(n.get("frekuensi")).casefold() or "tahunan")
        if frekuensi is None:
            galat.tambah(
                LEMBAR,
                nomor,
                "frekuensi",
                f"“{teks(n.get('frekuensi'))}” bukan frekuensi. Tulis triwulanan, semesteran atau tahunan.",
            )
        tahun_dasar = _angka(n.get("tahun_dasar"), galat, nomor, "tahun_dasar")
        if tahun_dasar is not None and not (2000 <= tahun_dasar <= mulai):
            galat.tambah(LEMBAR, nomor, "tahun_dasar", f"Tahun dasar harus antara 2000 dan {mulai}.")
            tahun_dasar = None
        target = {}
        for y in range(mulai, selesai + 1):
            nilai = _angka(n.get(f"target_{y}"), galat, nomor, f"target_{y}")
            if nilai is not None:
                target[y] = nilai
        induk = None
        kode_induk = teks(n.get("kode_iku_provinsi"))
        if kode_induk:
            if not wilayah.provinsi_id:
                galat.tambah(
                    LEMBAR,
                    nomor,
                    "kode_iku_provinsi",
                    "Hanya IKU kabupaten/kota yang mendukung IKU provinsi.",
                )
            else:
                induk = provinsi.get(kode_induk.casefold())
                if induk is None:
                    galat.tambah(
                        LEMBAR, nomor, "kode_iku_provinsi",
                        f"IKU provinsi {kode_induk} tidak ada di Renstra {mulai}–{selesai} provinsi ini.",
                    )  # fmt: skip
        siap.append(
            (
                ada.get(kode.casefold()),
                {
                    "kode": kode, "nama": teks(n.get("nama")), "definisi": teks(n.get("definisi")),
                    "satuan": teks(n.get("satuan")), "arah": arah, "frekuensi": frekuensi,
                    "tahun_dasar": int(tahun_dasar) if tahun_dasar is not None else None,
                    "nilai_dasar": _angka(n.get("nilai_dasar"), galat, nomor, "nilai_dasar"),
                    "sumber_data": teks(n.get("sumber_data")), "bidang": teks(n.get("bidang")),
                    "kode_nasional": teks(n.get("kode_nasional")), "kode_sipd": teks(n.get("kode_sipd")),
                    "induk": induk,
                },
                target,
            )
        )  # fmt: skip
    if not rows and not galat:
        galat.tambah(LEMBAR, None, "", "Lembar IKU tidak berisi satu indikator pun.")
    if galat:
        return hasil
    with transaction.atomic():
        for obj, nilai, target in siap:
            if obj is None:
                obj = Indikator(wilayah=wilayah, renstra_mulai=mulai, renstra_selesai=selesai)
                hasil.ditambah += 1
            else:
                hasil.diperbarui += 1
            for k, v in nilai.items():
                setattr(obj, k, v)
            obj.save()
            for tahun, v in target.items():
                TargetIndikator.objects.update_or_create(indikator=obj, tahun=tahun, defaults={"nilai": v})
            obj.target.exclude(tahun__in=target).delete()
    return hasil


# --- A misalignment becomes a rekomendasi -----------------------------------------------------------


def jadikan_rekomendasi(iku_provinsi: Indikator, kabkota: Wilayah, rakor, user):
    """A rekomendasi of ``rakor`` (the province's sinkronisasi rakor) assigned to the kab/kota's
    Kesbangpol, saying what to align; the next free number. Returns it."""
    from rekomendasi import actions
    from rekomendasi.models import Rekomendasi

    m = matriks(iku_provinsi.wilayah, iku_provinsi.renstra_mulai, iku_provinsi.renstra_selesai)
    baris = next(b for b in m["baris"] if b["indikator"].pk == iku_provinsi.pk)
    sel = next(s for s in baris["sel"] if s.kabkota.pk == kabkota.pk)
    if sel.keadaan == "celah":
        tahun = ", ".join(str(y) for y in sel.tahun_celah)
        isi = (
            f"{kabkota.nama} menyesuaikan target IKU yang mendukung {iku_provinsi.kode} {iku_provinsi.nama} "
            f"(Renstra {iku_provinsi.renstra}) agar tidak di bawah kebutuhan provinsi pada tahun {tahun}."
        )
    else:
        isi = (
            f"{kabkota.nama} menetapkan IKU yang mendukung {iku_provinsi.kode} {iku_provinsi.nama} "
            f"(Renstra {iku_provinsi.renstra}) dan menautkannya di register IKU portal."
        )
    kantor = Instansi.objects.baku(kabkota, Instansi.Jenis.KESBANGPOL)
    with transaction.atomic():
        nomor = Rekomendasi.objects.nomor_berikutnya(rakor)
        rek = Rekomendasi(rakor=rakor, nomor=nomor, isi=isi, dibuat_oleh=user)
        rek.full_clean()
        rek.save()
        actions.tugaskan(rek, [kantor])  # the kab/kota's users hear of it after the commit
    return rek, sel.keadaan


# --- Quarterly realisation, inside the laporan triwulan -------------------------------------------------

# The quarters in which an indicator of each frequency is reported.
TRIWULAN_LAPOR = {
    Indikator.Frekuensi.TRIWULAN: (1, 2, 3, 4),
    Indikator.Frekuensi.SEMESTER: (2, 4),
    Indikator.Frekuensi.TAHUN: (4,),
}


def capaian(nilai: Decimal | None, target: Decimal | None, arah: str) -> Decimal | None:
    """Achievement against the year's target, in percent: realisation ÷ target for "higher is
    better", target ÷ realisation for "lower is better" (at or below target is 100 % or more)."""
    if nilai is None or target is None:
        return None
    if arah == Indikator.Arah.NAIK:
        return (nilai / target * 100).quantize(Decimal("0.1")) if target else None
    if nilai <= 0:
        return Decimal("100.0") if target >= 0 else None
    return (target / nilai * 100).quantize(Decimal("0.1"))


def kelas_capaian(persen: Decimal | None) -> tuple[str, str]:
    """(CSS class, words) with the colours every page uses: met, near (≥ 80 %), behind, not reported."""
    if persen is None:
        return "sel-belum", "Belum dilaporkan"
    if persen >= 100:
        return "sel-diterima", "Tercapai"
    if persen >= 80:
        return "sel-terlambat", "Mendekati target"
    return "sel-dikembalikan", "Tertinggal"


def nilai_capaian(nilai, target, arah) -> dict:
    """One realisation as every page shows it: the percentage, its colour class and its words."""
    persen = capaian(nilai, target, arah)
    kelas, kata = kelas_capaian(persen)
    return {"persen": persen, "kelas": kelas, "kata": kata}


def indikator_laporan(laporan):
    """The kab/kota's indicators due in this report: its Renstra covers the year, and the quarter is
    one its frequency reports in (yearly ones only in TW IV)."""
    periode = laporan.periode
    frekuensi = [f for f, tw in TRIWULAN_LAPOR.items() if periode.triwulan in tw]
    return (
        Indikator.objects.filter(
            wilayah_id=laporan.kabkota_id,
            renstra_mulai__lte=periode.tahun,
            renstra_selesai__gte=periode.tahun,
            frekuensi__in=frekuensi,
        )
        .select_related("induk")
        .order_by("kode")
    )


def baris_realisasi(laporan) -> list[dict]:
    """Each due indicator with the year's target, the realisation reported and the achievement.
    One query, the same with or without indicators: the year's target and this report's
    realisation are joined in (each is unique per indicator)."""
    daftar = indikator_laporan(laporan).annotate(
        t=FilteredRelation("target", condition=Q(target__tahun=laporan.periode.tahun)),
        r=FilteredRelation("realisasi", condition=Q(realisasi__laporan=laporan)),
        target_tahun=F("t__nilai"),
        realisasi_nilai=F("r__nilai"),
        realisasi_catatan=F("r__catatan"),
    )
    return [
        {
            "indikator": i,
            "target": i.target_tahun,
            "realisasi": None
            if i.realisasi_nilai is None
            else {"nilai": i.realisasi_nilai, "catatan": i.realisasi_catatan},
            **nilai_capaian(i.realisasi_nilai, i.target_tahun, i.arah),
        }
        for i in daftar
    ]


def simpan_realisasi(laporan, data: dict) -> list[str]:
    """The posted values (``nilai-<id>``, ``catatan-<id>``) of the due indicators: errors in
    Indonesian, or all saved at once. An emptied value removes the realisation."""
    from laporan import actions
    from laporan.models import RealisasiIndikator

    galat, simpan, hapus = [], [], []
    for i in indikator_laporan(laporan):
        mentah = (data.get(f"nilai-{i.pk}") or "").strip()
        catatan = (data.get(f"catatan-{i.pk}") or "").strip()[:1000]
        if not mentah:
            hapus.append(i.pk)
            continue
        nilai = desimal(mentah)
        if nilai is None:
            galat.append(f"{i.kode}: “{mentah}” bukan angka.")
            continue
        simpan.append((i, nilai, catatan))
    if galat:
        return galat
    with transaction.atomic():
        # One save of a report's realisation at a time (two officers, a double click): the second
        # reads what the first wrote and updates it instead of inserting it again.
        actions.kunci(laporan)
        ada = {r.indikator_id: r for r in laporan.realisasi.all()}
        laporan.realisasi.filter(indikator_id__in=hapus).delete()
        for i, nilai, catatan in simpan:
            r = ada.get(i.pk) or RealisasiIndikator(laporan=laporan, indikator=i)
            if r.pk is None or (r.nilai, r.catatan) != (nilai, catatan):
                r.nilai, r.catatan = nilai, catatan
                r.save()
    return []


def _sel_kosong(frekuensi: set, triwulan: int) -> tuple[str, str, bool]:
    """(words, hint, due) for a kab/kota with no realisation of a row in this quarter."""
    if not frekuensi:
        return "Belum ditautkan", "tidak ada IKU yang mendukungnya", False
    if not any(triwulan in TRIWULAN_LAPOR[f] for f in frekuensi):
        # The one reported soonest after this quarter (every frequency reports in TW IV).
        f = min(frekuensi, key=lambda f: min(t for t in TRIWULAN_LAPOR[f] if t > triwulan))
        kapan = " dan ".join(TRIWULAN_ROMAWI[t] for t in TRIWULAN_LAPOR[f])
        return "Belum waktunya", f"{Indikator.Frekuensi(f).label.lower()}: Triwulan {kapan}", False
    return "Belum dilaporkan", "", True


def matriks_capaian(provinsi: Wilayah, periode, hanya_diterima: bool = False) -> dict:
    """Province indicators × kab/kota for one quarter: the achievement of each kab/kota indicator
    that supports the row, as reported in its sent report (submitted or accepted; accepted only for
    the governor's summary). Each row also names the kab/kota that lag. Five queries."""
    from laporan.models import LaporanTriwulan, RealisasiIndikator

    tahun = periode.tahun
    kabkota = list(Wilayah.objects.filter(provinsi=provinsi).order_by("kode"))
    baris_iku = list(
        Indikator.objects.filter(
            wilayah=provinsi, renstra_mulai__lte=tahun, renstra_selesai__gte=tahun
        ).order_by("kode")
    )
    realisasi = list(
        RealisasiIndikator.objects.filter(
            laporan__periode=periode,
            laporan__status__in=[LaporanTriwulan.Status.DITERIMA]
            if hanya_diterima
            else LaporanTriwulan.TERKIRIM,
            indikator__induk__in=baris_iku,
        )
        .select_related("indikator", "laporan")
        .order_by("indikator__kode")
    )
    # Which kab/kota indicators support each row, and how often they report: an empty cell says
    # whether nothing supports the row, nothing is due this quarter, or a due figure is missing.
    pendukung = defaultdict(set)
    for induk_id, kab_id, frekuensi in Indikator.objects.filter(
        induk__in=baris_iku, renstra_mulai__lte=tahun, renstra_selesai__gte=tahun
    ).values_list("induk_id", "wilayah_id", "frekuensi"):
        pendukung[(induk_id, kab_id)].add(frekuensi)
    target = target_per_indikator([r.indikator_id for r in realisasi])
    per_sel = defaultdict(list)
    for r in realisasi:
        per_sel[(r.indikator.induk_id, r.laporan.kabkota_id)].append(
            {"realisasi": r, **nilai_capaian(r.nilai, target[r.indikator_id].get(tahun), r.indikator.arah)}
        )
    baris = []
    for iku in baris_iku:
        sel = [{"kabkota": w, "isi": per_sel.get((iku.pk, w.pk), []), "wajib": True} for w in kabkota]
        for s in sel:
            if s["isi"]:
                s["kelas"] = s["isi"][0]["kelas"] if len(s["isi"]) == 1 else ""
            else:
                kata, petunjuk, s["wajib"] = _sel_kosong(
                    pendukung[(iku.pk, s["kabkota"].pk)], periode.triwulan
                )
                s["kosong"] = (kata, petunjuk)
                s["kelas"] = "sel-belum" if s["wajib"] else "text-body-secondary"
        tercapai = sum(1 for s in sel if s["isi"] and all(x["kelas"] == "sel-diterima" for x in s["isi"]))
        tertinggal = [
            (s["kabkota"], x["persen"]) for s in sel for x in s["isi"] if x["kelas"] == "sel-dikembalikan"
        ]
        baris.append(
            {
                "indikator": iku,
                "sel": sel,
                "tercapai": tercapai,
                "melapor": sum(bool(s["isi"]) for s in sel),
                "wajib": sum(s["wajib"] for s in sel),  # kab/kota with a figure due this quarter
                "ditautkan": any(pendukung[(iku.pk, w.pk)] for w in kabkota),
                "tertinggal": tertinggal,
            }
        )
    return {"kabkota": kabkota, "baris": baris}
