"""Two years of **sample** quarterly reports for the kab/kota of Kaltim, Kalteng and Kalbar, generated
deterministically: accepted, late, returned, nihil and missing reports; potensi konflik that keep
their identity across quarters. Every report is flagged ``contoh`` and every title starts with
"[Contoh]": none of it comes from the seed articles."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kesbangpol.models import User, Wilayah
from laporan.models import (
    CatatanSegera,
    IndikatorPerdamaian,
    JenisAktor,
    JenisKejadian,
    KejadianKonflik,
    KetelitianLokasi,
    LaporanSegera,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    RiwayatLaporan,
    Sinyal,
    triwulan_dari,
    triwulan_mundur,
)

S = LaporanTriwulan.Status
PROVINSI = ["64", "62", "61"]
# Rough centres for sample points (not real locations of anything).
PUSAT = {"64": (0.2, 116.6), "62": (-1.7, 113.6), "61": (0.0, 110.9)}
TEMA = [
    ("Sengketa lahan perkebunan sawit antara warga dan perusahaan", "sda", "ekonomi"),
    ("Ketegangan antarpendukung calon kepala daerah pasca Pilkada", "poleksosbud", "politik"),
    ("Penolakan pendirian rumah ibadah", "sara", "agama"),
    ("Sengketa batas desa", "batas", "hukum"),
    ("Konflik tambang emas rakyat dengan pemegang izin", "sda", "keamanan"),
    ("Unjuk rasa tuntutan tenaga kerja lokal", "distribusi", "sosbud"),
    ("Bentrok antarkelompok pemuda", "poleksosbud", "keamanan"),
]
TINGKAT = ["rendah", "sedang", "tinggi"]
# A potential's level over its life: up twice, steady, down twice, steady. Its trend follows the
# level's move, as the submission rule asks (laporan.validasi).
ALUR = [0, 1, 2, 2, 1, 0]
# The codebook's actor types of each theme's two sides (same order as TEMA).
AKTOR_TEMA = [("WRG", "PRS"), ("PRP", "PRP"), ("AGM", "WRG"), ("WRG", "WRG"), ("WRG", "PRS"), ("WRG", "PRS"),
              ("WRG", "WRG")]  # fmt: skip


SUMBER_CONTOH = [
    {"jenis_sumber": "lapangan", "verifikasi": "satu"},
    {"jenis_sumber": "aparat", "verifikasi": "resmi"},
    {"jenis_sumber": "lapangan", "verifikasi": "beberapa"},
    {"jenis_sumber": "lapangan", "verifikasi": "satu"},
    {"jenis_sumber": "masyarakat", "verifikasi": "belum"},
    {"jenis_sumber": "media", "verifikasi": "satu"},
]
INDIKATOR_TAHAP = {"pencegahan": [], "penghentian": ["MED", "FKUB"], "pemulihan": ["MED", "SPK"]}


def _triwulan(today, n):
    # the n quarters before the current one, oldest first
    return list(reversed(triwulan_mundur(*triwulan_dari(today), n + 1)[1:]))


def _waktu(tanggal, zona, jam=10):
    return datetime.datetime.combine(tanggal, datetime.time(jam), tzinfo=ZoneInfo(zona))


def _keadaan(angka: int, terakhir: bool) -> str:
    if terakhir:
        return (
            ["hilang"] * 4
            + ["draf"] * 2
            + ["dikembalikan"]
            + ["telat"] * 3
            + ["tepat"] * 4
            + ["nihil"]
            + ["diterima"] * 5
        )
    return ["hilang", "dikembalikan", "telat_diterima", "telat_diterima", "nihil"] + ["diterima"] * 15


@transaction.atomic
def seed(stdout):
    from laporan.actions import siapkan_periode

    siapkan_periode(timezone.localdate())  # the daily task's work: `make run` has no beat
    if LaporanTriwulan.objects.filter(contoh=True).exists():
        stdout.write(
            f"{LaporanTriwulan.objects.filter(contoh=True).count()} laporan triwulan contoh sudah ada."
        )
        seed_segera(stdout)
        seed_rahasia(stdout)
        seed_iku(stdout)
        return
    today = timezone.localdate()
    daftar = _triwulan(today, 8)
    staf = {
        u.instansi.wilayah.kode: u
        for u in User.objects.filter(peran=User.Peran.STAF_PROVINSI).select_related("instansi__wilayah")
    }
    # The kab/kota's demo operator sent its reports (elsewhere the timeline shows no name).
    operator = {
        u.instansi.wilayah.kode: u
        for u in User.objects.filter(peran=User.Peran.OPERATOR_KABKOTA).select_related("instansi__wilayah")
    }
    laporan_baru, potensi_baru, kejadian_baru, riwayat_baru = [], [], [], []
    for kode in PROVINSI:
        provinsi = Wilayah.objects.get(kode=kode)
        periode = {(y, t): Periode.objects.untuk(provinsi, y, t) for y, t in daftar}
        pemeriksa = staf.get(kode)
        for w in provinsi.kabkota.order_by("kode"):
            nomor = int(w.kode.replace(".", ""))
            aktif: list[dict] = []  # potensi that persist, with their identity
            for urut, (tahun, tw) in enumerate(daftar):
                p = periode[(tahun, tw)]
                angka = (nomor * 7 + tahun * 3 + tw * 5) % 20
                keadaan = _keadaan(angka, urut == len(daftar) - 1)[angka]
                # The potentials evolve whether or not a report came in.
                for item in aktif:
                    item["umur"] += 1
                aktif = [i for i in aktif if i["umur"] <= i["akhir"]]
                if len(aktif) < 2 or (nomor + urut) % 4 == 0:
                    tema = TEMA[(nomor + urut * 3) % len(TEMA)]
                    # Reported for three to five quarters, the last time as selesai. The life's
                    # length reads awal // 3, not awal % 3 (where its path starts): tied to the start,
                    # every potensi that began rendah ended before it could rise to tinggi.
                    awal = nomor + urut
                    aktif.append(
                        {
                            "identitas": uuid.uuid4(),
                            "tema": tema,
                            "umur": 0,
                            "seed": awal,
                            "akhir": 2 + awal // 3 % 3,
                        }
                    )
                if keadaan == "hilang":
                    continue
                lap = LaporanTriwulan(
                    periode=p, kabkota=w, contoh=True, catatan="[Contoh] Data contoh untuk demo."
                )
                terkirim = keadaan not in ("draf",)
                if terkirim:
                    telat = keadaan in ("telat", "telat_diterima")
                    kirim = _waktu(p.tenggat + datetime.timedelta(days=6 if telat else -3), w.zona_waktu)
                    lap.pertama_diajukan = lap.diajukan_pada = kirim
                    lap.diajukan_oleh = operator.get(w.kode)
                    lap.tepat_waktu = not telat
                lap.status = {
                    "draf": S.DRAF,
                    "dikembalikan": S.DIKEMBALIKAN,
                    "telat": S.DIAJUKAN,
                    "tepat": S.DIAJUKAN,
                }.get(keadaan, S.DITERIMA)
                if keadaan == "nihil":
                    lap.nihil = True
                    lap.status = S.DIAJUKAN if urut == len(daftar) - 1 else S.DITERIMA
                if lap.status == S.DITERIMA:
                    lap.diterima_pada = lap.diajukan_pada + datetime.timedelta(days=4)
                    lap.diterima_oleh = pemeriksa
                laporan_baru.append(lap)
                lap._aktif = [dict(i) for i in aktif] if not lap.nihil else []
                lap._keadaan = keadaan
    LaporanTriwulan.objects.bulk_create(laporan_baru)
    aktor = {a.kode: a for a in JenisAktor.objects.all()}
    jenis = {j.kode: j for j in JenisKejadian.objects.all()}
    for lap in laporan_baru:
        lat0, lng0 = PUSAT[lap.kabkota.kode[:2]]
        nomor = int(lap.kabkota.kode.replace(".", ""))
        for j, item in enumerate(lap._aktif):
            judul, sumber, bidang = item["tema"]
            a1, a2 = AKTOR_TEMA[TEMA.index(item["tema"])]
            langkah = 2 * item["seed"] + item["umur"]  # each of a report's potensi at its own point
            kini, dulu = ALUR[langkah % len(ALUR)], ALUR[(langkah - 1) % len(ALUR)]
            tingkat = TINGKAT[kini]
            if item["umur"] == 0:
                tren = PotensiKonflik.Tren.BARU
            elif item["umur"] == item["akhir"]:
                tingkat, tren = TINGKAT[0], PotensiKonflik.Tren.SELESAI  # lower or the same: the rule holds
            elif kini == dulu:
                tren = PotensiKonflik.Tren.TETAP
            else:
                tren = PotensiKonflik.Tren.MENINGKAT if kini > dulu else PotensiKonflik.Tren.MENURUN
            # The stage of handling follows the level's move: recovery once it falls, stopping it while
            # tinggi, prevention before (a potensi rising to tinggi is not "in recovery").
            if tren in (PotensiKonflik.Tren.MENURUN, PotensiKonflik.Tren.SELESAI):
                tahap = PotensiKonflik.Tahap.PEMULIHAN
            elif tingkat == PotensiKonflik.Tingkat.TINGGI:
                tahap = PotensiKonflik.Tahap.PENGHENTIAN
            else:
                tahap = PotensiKonflik.Tahap.PENCEGAHAN
            langkah_diambil = "[Contoh] Koordinasi dengan Forkopimda dan dialog para pihak."
            if tren == PotensiKonflik.Tren.SELESAI:
                langkah_diambil += " Selesai: para pihak menandatangani kesepakatan damai."
            potensi_baru.append(
                PotensiKonflik(
                    laporan=lap,
                    identitas=item["identitas"],
                    judul=f"[Contoh] {judul}",
                    kecamatan=f"Contoh {j + 1}",
                    latitude=round(lat0 + ((nomor * 13 + j * 7) % 40 - 20) / 12, 4)
                    if (nomor + j) % 3
                    else None,
                    longitude=round(lng0 + ((nomor * 17 + j * 11) % 40 - 20) / 12, 4)
                    if (nomor + j) % 3
                    else None,
                    # As precise as what is filled (the rule forms and imports apply): no desa.
                    ketelitian_lokasi=KetelitianLokasi.TITIK
                    if (nomor + j) % 3
                    else KetelitianLokasi.KECAMATAN,
                    sumber=sumber,
                    bidang=bidang,
                    pihak="[Contoh] Kelompok warga; pihak perusahaan/kelompok lain",
                    aktor_1=aktor[a1],
                    aktor_2=aktor[a2],
                    tingkat=tingkat,
                    tren=tren,
                    tahap=tahap,
                    langkah=langkah_diambil,
                    usulan="[Contoh] Fasilitasi dialog para pihak oleh Pemerintah Provinsi.",
                    # Mostly one source; some confirmed officially, a few rumours not yet verified.
                    **SUMBER_CONTOH[(item["seed"] + nomor) % len(SUMBER_CONTOH)],
                )
            )
        if lap._aktif and (nomor + lap.periode.triwulan) % 5 == 0:
            kejadian_baru.append(
                KejadianKonflik(
                    laporan=lap,
                    tanggal=lap.periode.mulai + datetime.timedelta(days=20 + nomor % 40),
                    kecamatan="Contoh 1",
                    ketelitian_lokasi=KetelitianLokasi.KECAMATAN,
                    uraian="[Contoh] Bentrokan kecil antarkelompok; situasi kembali kondusif setelah mediasi.",
                    pihak="[Contoh] Dua kelompok warga",
                    jenis=jenis["BTK.WARGA"],
                    aktor_1=aktor["WRG"],
                    aktor_2=aktor["WRG"],
                    luka=nomor % 4,
                    mengungsi=(nomor % 3) * 5,
                    penanganan="[Contoh] Mediasi oleh Forkopimda kecamatan.",
                )
            )
        oleh = lap.diterima_oleh or staf.get(lap.kabkota.kode[:2])  # who accepted, or returned it
        if lap.pertama_diajukan:
            riwayat_baru.append(
                RiwayatLaporan(
                    laporan=lap, aksi="diajukan", oleh=lap.diajukan_oleh, waktu=lap.pertama_diajukan
                )
            )
        if lap._keadaan == "dikembalikan":
            riwayat_baru.append(
                RiwayatLaporan(
                    laporan=lap,
                    aksi="dikembalikan",
                    oleh=oleh,
                    waktu=lap.pertama_diajukan + datetime.timedelta(days=2),
                    alasan="[Contoh] Lengkapi lokasi (kecamatan/desa) dan langkah penanganan tiap potensi.",
                )
            )
        if lap.status == S.DITERIMA:
            riwayat_baru.append(
                RiwayatLaporan(laporan=lap, aksi="diterima", oleh=oleh, waktu=lap.diterima_pada)
            )
    PotensiKonflik.objects.bulk_create(potensi_baru)
    # Peace indicators by stage: mediation once handling began, an agreement in recovery.
    indikator = {i.kode: i for i in IndikatorPerdamaian.objects.all()}
    Indikator = PotensiKonflik.indikator_perdamaian.through
    Indikator.objects.bulk_create(
        Indikator(potensikonflik_id=p.pk, indikatorperdamaian_id=indikator[kode].pk)
        for p in potensi_baru
        for kode in INDIKATOR_TAHAP[p.tahap]
    )
    KejadianKonflik.objects.bulk_create(kejadian_baru)
    RiwayatLaporan.objects.bulk_create(riwayat_baru)
    stdout.write(
        f"{len(laporan_baru)} laporan triwulan contoh ({len(potensi_baru)} potensi, {len(kejadian_baru)} kejadian) siap."
    )
    seed_segera(stdout)
    seed_rahasia(stdout)
    seed_iku(stdout)


# Sample IKU registers for the provinces of the two planning rakor (Kalteng 2024, Kalbar 2026). The
# names follow those provincial Kesbangpol offices publish; every target and value is invented.
IKU_PROVINSI = [
    ("IKU-1", "Indeks Demokrasi Indonesia (IDI) provinsi", "indeks", 78.5, [79, 79.5, 80, 80.5, 81]),
    ("IKU-2", "Persentase konflik sosial yang tertangani", "persen", 80, [82, 85, 88, 90, 92]),
    ("IKU-3", "Persentase ormas terdaftar yang aktif melapor", "persen", 55, [60, 65, 70, 75, 80]),
]
RENSTRA = (2025, 2029)


def seed_iku(stdout):
    from laporan.models import Indikator, TargetIndikator

    if Indikator.objects.filter(contoh=True).exists():
        stdout.write(f"{Indikator.objects.filter(contoh=True).count()} IKU contoh sudah ada.")
        return
    mulai, selesai = RENSTRA
    catatan = "[Contoh] Indikator contoh untuk demo; target dan nilai rekaan."
    target = []

    def buat(wilayah, kode, nama, satuan, dasar, nilai, induk=None):
        i = Indikator.objects.create(
            wilayah=wilayah, renstra_mulai=mulai, renstra_selesai=selesai, kode=kode, nama=nama,
            definisi=catatan, satuan=satuan, tahun_dasar=2024, nilai_dasar=dasar, sumber_data="Bidang terkait",
            bidang="Bidang Politik Dalam Negeri", induk=induk, contoh=True,
        )  # fmt: skip
        target.extend(TargetIndikator(indikator=i, tahun=mulai + n, nilai=v) for n, v in enumerate(nilai))
        return i

    jumlah, triwulanan = 0, []
    with transaction.atomic():
        for kode_prov in ("62", "61"):
            provinsi = Wilayah.objects.get(kode=kode_prov)
            iku = {k: buat(provinsi, k, n, s, d, t) for k, n, s, d, t in IKU_PROVINSI}
            for urut, kab in enumerate(Wilayah.objects.filter(provinsi=provinsi).order_by("kode")):
                # Every fourth kab/kota has not linked yet; every fourth after it sets targets too low.
                if urut % 4 == 0:
                    continue
                kurang = 5 if urut % 4 == 1 else 0
                _, nama, satuan, dasar, nilai = IKU_PROVINSI[1]
                dukung = buat(kab, "IKU-1", nama, satuan, dasar, [v - kurang for v in nilai], iku["IKU-2"])
                triwulanan.append(dukung)
                if urut % 2:
                    _, nama, satuan, dasar, nilai = IKU_PROVINSI[2]
                    buat(kab, "IKU-2", nama, satuan, dasar, nilai, iku["IKU-3"])
                jumlah += 1
        TargetIndikator.objects.bulk_create(target)
        seed_realisasi(triwulanan, {(t.indikator_id, t.tahun): t.nilai for t in target})
        seed_kesepakatan(triwulanan)
    stdout.write(
        f"IKU contoh siap: Kalteng dan Kalbar, Renstra {mulai}–{selesai}, {jumlah} kabupaten/kota tertaut."
    )


def seed_kesepakatan(indikator):
    """The planning rakor of the seed articles (Kalteng 2024: Renstra/IKU; Kalbar 2026: sinkronisasi)
    record as agreed there the links of their province's first three kab/kota."""
    from laporan.models import KesepakatanIKU
    from rakor.models import Rakor

    baris, waktu = [], {}
    for kode_prov, jenis in (("62", Rakor.Jenis.RENSTRA), ("61", Rakor.Jenis.SINKRONISASI)):
        rakor = (
            Rakor.objects.filter(provinsi__kode=kode_prov, jenis=jenis)
            .select_related("provinsi")
            .order_by("tanggal_mulai")
            .first()
        )
        if rakor is None:
            continue
        # Recorded by the province's demo staff at the end of the meeting's last day.
        staf = User.objects.filter(peran=User.Peran.STAF_PROVINSI, instansi__wilayah=rakor.provinsi).first()
        akhir = rakor.tanggal_selesai or rakor.tanggal_mulai
        waktu[rakor.pk] = _waktu(akhir, rakor.provinsi.zona_waktu, jam=16)
        for i in [i for i in indikator if i.wilayah.provinsi_id == rakor.provinsi_id][:3]:
            catatan = "[Contoh] Tautan disepakati dalam rakor; target mengikuti kebutuhan provinsi."
            baris.append(
                KesepakatanIKU(rakor=rakor, indikator=i, induk=i.induk, catatan=catatan, dicatat_oleh=staf)
            )
    KesepakatanIKU.objects.bulk_create(baris)
    for pk, pada in waktu.items():  # dicatat_pada is set on insert
        KesepakatanIKU.objects.filter(rakor_id=pk).update(dicatat_pada=pada)


def seed_realisasi(indikator, target):
    """The kab/kota sample indicators are reported every quarter, with a realisation (85–105 % of the
    year's target) in each sent sample report; in bulk, as the sample reports are already locked."""
    from decimal import Decimal

    from laporan.models import Indikator, RealisasiIndikator

    Indikator.objects.filter(pk__in=[i.pk for i in indikator]).update(frekuensi=Indikator.Frekuensi.TRIWULAN)
    realisasi = []
    for i in indikator:
        laporan = LaporanTriwulan.objects.filter(
            kabkota=i.wilayah,
            contoh=True,
            status__in=LaporanTriwulan.TERKIRIM,
            periode__tahun__gte=i.renstra_mulai,
        ).select_related("periode")
        for n, lap in enumerate(laporan):
            t = target.get((i.pk, lap.periode.tahun))
            if t is not None:
                faktor = Decimal(85 + (i.pk * 7 + n * 5) % 21) / 100
                nilai = (Decimal(t) * faktor).quantize(Decimal("0.01"))
                realisasi.append(RealisasiIndikator(laporan=lap, indikator=i, nilai=nilai))
    RealisasiIndikator.objects.bulk_create(realisasi)


def seed_rahasia(stdout):
    """Kaltim clears staf_kaltim by name for its rahasia items, and one Paser potensi of the latest
    report is rahasia: signed in as staf_kaltim it shows, as pimpinan_kaltim it is "[dirahasiakan]"."""
    from kesbangpol.models import IzinRahasia

    staf = User.objects.filter(username="staf_kaltim").first()
    lap = (
        LaporanTriwulan.objects.filter(kabkota__kode="64.01", contoh=True)
        .order_by("-periode__tahun", "-periode__triwulan")
        .first()
    )
    if staf is None or lap is None:
        return
    IzinRahasia.objects.get_or_create(
        provinsi=staf.instansi.wilayah, pengguna=staf, defaults={"keterangan": "[Contoh] izin analis"}
    )
    pertama = lap.potensikonflik.order_by("pk").first()
    if pertama is not None:
        PotensiKonflik.objects.filter(pk=pertama.pk).update(klasifikasi="rahasia")
    stdout.write("Data rahasia contoh siap: 1 potensi Paser, izin baca untuk staf_kaltim.")


# Three **sample** urgent incidents of the last days in Kaltim, one in each state staff meet.
SEGERA = [
    # kab/kota, operator, days ago, title, dead, injured, displaced, state, event type, actors
    ("64.01", "operator_paser", 2, "Bentrok warga dan keamanan kebun sawit", 0, 4, 30, "baru", "SDA.LAHAN",
     ("WRG", "PRS")),
    ("64.09", "operator_ppu", 5, "Pemblokiran jalan tambang oleh warga", 0, 1, 0, "diminta", "SDA.TAMBANG",
     ("WRG", "PRS")),
    ("64.72", "operator_samarinda", 9, "Bentrok antarkelompok pemuda", 1, 6, 0, "dieskalasi", "BTK.WARGA",
     ("WRG", "WRG")),
]  # fmt: skip


def seed_segera(stdout):
    if LaporanSegera.objects.filter(contoh=True).exists():
        return
    from laporan import segera

    staf = User.objects.filter(username="staf_kaltim").first()
    sekarang = timezone.now()
    for kode, username, hari, judul, meninggal, luka, mengungsi, keadaan, jenis, (a1, a2) in SEGERA:
        operator = User.objects.filter(username=username).first()
        dilaporkan = sekarang - datetime.timedelta(days=hari)
        obj = LaporanSegera.objects.create(
            kabkota=Wilayah.objects.get(kode=kode),
            judul=f"[Contoh] {judul}",
            uraian="[Contoh] Data contoh untuk demo, bukan kejadian nyata.",
            tanggal=timezone.localdate() - datetime.timedelta(days=hari),
            kecamatan="Contoh 1",
            ketelitian_lokasi=KetelitianLokasi.KECAMATAN,
            pihak="[Contoh] Dua kelompok warga",
            jenis=JenisKejadian.objects.get(kode=jenis),
            aktor_1=JenisAktor.objects.get(kode=a1),
            aktor_2=JenisAktor.objects.get(kode=a2),
            meninggal=meninggal,
            luka=luka,
            mengungsi=mengungsi,
            penanganan="[Contoh] Polres dan Forkopimcam memisahkan kedua pihak.",
            usulan="[Contoh] Fasilitasi mediasi oleh provinsi.",
            dilaporkan_oleh=operator,
            dilaporkan_pada=dilaporkan,
            contoh=True,
        )
        if keadaan != "baru":
            obj.diketahui_oleh, obj.diketahui_pada = staf, dilaporkan + datetime.timedelta(hours=2)
            CatatanSegera.objects.create(
                segera=obj, jenis="diketahui", oleh=staf, waktu=obj.diketahui_pada, isi="[Contoh] Diterima."
            )
        if keadaan == "diminta":
            obj.pembaruan_diminta_pada = dilaporkan + datetime.timedelta(days=1)
            CatatanSegera.objects.create(
                segera=obj,
                jenis="diminta",
                oleh=staf,
                waktu=obj.pembaruan_diminta_pada,
                isi="[Contoh] Apakah jalan sudah dibuka kembali?",
            )
        if keadaan == "dieskalasi":
            obj.dieskalasi_oleh, obj.dieskalasi_pada = staf, dilaporkan + datetime.timedelta(hours=5)
            CatatanSegera.objects.create(
                segera=obj,
                jenis="dieskalasi",
                oleh=staf,
                waktu=obj.dieskalasi_pada,
                isi="[Contoh] Korban jiwa; perlu perhatian tingkat nasional.",
            )
        obj.save()
        segera.masukkan_ke_laporan(obj)
    stdout.write(f"{len(SEGERA)} laporan segera contoh siap.")
    from laporan import sinyal

    for kode in PROVINSI:
        sinyal.hitung_ulang(Wilayah.objects.get(kode=kode))
    stdout.write(f"{Sinyal.objects.terbuka().count()} sinyal peringatan dini dihitung dari data contoh.")
