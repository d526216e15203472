"""`python manage.py seed_scale`: a deterministic national data set for benchmarks (issue 7).

Every kab/kota of all 38 provinces: 40 quarters of reports with ~20 potensi konflik each; ~5 000 rakor
with participants; ~50 000 recommendations with assignments and follow-ups; ~3 000 users. Written
in bulk (no history rows, no per-row save()), so it takes minutes on 2 cores with PostgreSQL. Every
title starts with "[Skala]". Refused when DEBUG is off, like seed_demo.
"""

import datetime
import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from kesbangpol.models import Instansi, User, Wilayah
from laporan.models import (
    Indikator,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    RealisasiIndikator,
    TargetIndikator,
    akhir_triwulan,
    triwulan_sebelum,
)
from rakor.models import Peserta, Rakor
from rekomendasi.models import Penugasan, Rekomendasi, TindakLanjut

SUMBER = ["poleksosbud", "sara", "batas", "sda", "distribusi"]
BIDANG = ["ideologi", "politik", "ekonomi", "sosbud", "pertahanan", "keamanan", "agama", "hukum"]
TINGKAT = ["rendah", "sedang", "tinggi"]
TREN = ["baru", "meningkat", "tetap", "menurun"]
BATCH = 5000


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--triwulan", type=int, default=40)
        parser.add_argument("--potensi", type=int, default=20, help="Potensi konflik per laporan.")
        parser.add_argument("--rakor", type=int, default=130, help="Rakor per provinsi.")

    def handle(self, *args, triwulan, potensi, rakor, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_scale ditolak: DEBUG mati. Data skala tidak boleh masuk ke server produksi."
            )
        if Rakor.objects.filter(judul__startswith="[Skala]").exists():
            raise CommandError("Data skala sudah ada.")
        rng = random.Random(2026)
        t0 = time.monotonic()
        provinsi = list(Wilayah.objects.provinsi().order_by("kode"))
        kesbangpol = {i.wilayah_id: i for i in Instansi.objects.kesbangpol().select_related("wilayah")}
        kabkota = list(Wilayah.objects.kabkota().order_by("kode"))
        with transaction.atomic():
            self._pengguna(provinsi, kabkota, kesbangpol)
            self.stdout.write(f"pengguna: {User.objects.count()} ({time.monotonic() - t0:.0f} s)")
            self._laporan(provinsi, kabkota, triwulan, potensi, rng)
            self.stdout.write(
                f"laporan: {LaporanTriwulan.objects.count()}, potensi: {PotensiKonflik.objects.count()} "
                f"({time.monotonic() - t0:.0f} s)"
            )
            self._rakor(provinsi, kabkota, kesbangpol, rakor, rng)
            self._iku(provinsi, kabkota, rng)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Fresh statistics: after bulk inserts the planner otherwise guesses badly (measured).
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"rakor: {Rakor.objects.count()}, peserta: {Peserta.objects.count()}, rekomendasi: "
            f"{Rekomendasi.objects.count()}, penugasan: {Penugasan.objects.count()}, tindak lanjut: "
            f"{TindakLanjut.objects.count()}, IKU: {Indikator.objects.count()}, realisasi IKU: "
            f"{RealisasiIndikator.objects.count()} ({time.monotonic() - t0:.0f} s)"
        )

    def _iku(self, provinsi, kabkota, rng):
        """Renstra 2025–2029 registers for every province and kab/kota that has none: three province
        indicators, two per kab/kota supporting two of them (a quarter of them with a target gap),
        reported quarterly, with a realisation in each of their reports of those years."""
        mulai, selesai = 2025, 2029
        ada = set(Indikator.objects.values_list("wilayah_id", flat=True))
        prov = []
        for p in provinsi:
            if p.pk not in ada:
                prov += [
                    Indikator(
                        wilayah=p, renstra_mulai=mulai, renstra_selesai=selesai, kode=f"IKU-{n}",
                        nama=f"[Skala] Indikator provinsi {n}", satuan="persen", contoh=True,
                    )
                    for n in (1, 2, 3)
                ]  # fmt: skip
        prov = Indikator.objects.bulk_create(prov, batch_size=BATCH)
        induk = {(i.wilayah_id, i.kode): i for i in prov}
        kab = []
        for w in kabkota:
            if w.pk in ada or (w.provinsi_id, "IKU-2") not in induk:
                continue
            for n, kode_induk in ((1, "IKU-2"), (2, "IKU-3")):
                kab.append(
                    Indikator(
                        wilayah=w, renstra_mulai=mulai, renstra_selesai=selesai, kode=f"IKU-{n}",
                        nama=f"[Skala] Indikator kabupaten/kota {n}", satuan="persen", contoh=True,
                        frekuensi=Indikator.Frekuensi.TRIWULAN, induk=induk[(w.provinsi_id, kode_induk)],
                    )
                )  # fmt: skip
        kab = Indikator.objects.bulk_create(kab, batch_size=BATCH)
        target = []
        for i in [*prov, *kab]:
            kurang = 5 if i.induk_id and rng.random() < 0.25 else 0
            target += [
                TargetIndikator(indikator=i, tahun=y, nilai=70 + 3 * (y - mulai) - kurang)
                for y in range(mulai, selesai + 1)
            ]
        TargetIndikator.objects.bulk_create(target, batch_size=BATCH)
        per_kab = {}
        for i in kab:
            per_kab.setdefault(i.wilayah_id, []).append(i)
        realisasi = []
        for lap in LaporanTriwulan.objects.filter(
            kabkota_id__in=per_kab, periode__tahun__gte=mulai, periode__tahun__lte=selesai
        ).values("pk", "kabkota_id"):
            for i in per_kab[lap["kabkota_id"]]:
                realisasi.append(
                    RealisasiIndikator(laporan_id=lap["pk"], indikator=i, nilai=rng.randint(55, 85))
                )
        RealisasiIndikator.objects.bulk_create(realisasi, batch_size=BATCH)

    def _pengguna(self, provinsi, kabkota, kesbangpol):
        sandi = make_password("Skala#2026-tidak-untuk-produksi")
        rows = []
        for p in provinsi:
            for peran, n in (
                (User.Peran.STAF_PROVINSI, 10),
                (User.Peran.PIMPINAN, 5),
                (User.Peran.ADMIN_PROVINSI, 2),
            ):
                rows += [
                    User(
                        username=f"skala_{p.kode}_{peran}_{i}",
                        nama_lengkap=f"[Skala] {peran} {p.nama} {i}",
                        peran=peran,
                        instansi=kesbangpol[p.pk],
                        password=sandi,
                        is_staff=peran == User.Peran.ADMIN_PROVINSI,
                    )
                    for i in range(n)
                ]
        for w in kabkota:
            rows += [
                User(
                    username=f"skala_{w.kode}_operator_{i}",
                    nama_lengkap=f"[Skala] Operator {w.nama} {i}",
                    peran=User.Peran.OPERATOR_KABKOTA,
                    instansi=kesbangpol[w.pk],
                    password=sandi,
                )
                for i in range(4)
            ]
        User.objects.bulk_create(rows, batch_size=BATCH)

    def _laporan(self, provinsi, kabkota, n_triwulan, n_potensi, rng):
        today = timezone.localdate()
        tahun, tw = today.year, (today.month - 1) // 3 + 1
        daftar = []
        for _ in range(n_triwulan):
            tahun, tw = triwulan_sebelum(tahun, tw)
            daftar.append((tahun, tw))
        periode = Periode.objects.bulk_create(
            [
                Periode(
                    provinsi=p,
                    tahun=y,
                    triwulan=t,
                    tenggat=akhir_triwulan(y, t) + datetime.timedelta(days=10),
                )
                for p in provinsi
                for y, t in daftar
                if not Periode.objects.filter(provinsi=p, tahun=y, triwulan=t).exists()
            ],
            batch_size=BATCH,
        )
        per_provinsi = {}
        for p in Periode.objects.filter(tahun__gte=daftar[-1][0]):
            per_provinsi.setdefault(p.provinsi_id, []).append(p)
        ada = set(LaporanTriwulan.objects.values_list("periode_id", "kabkota_id"))
        laporan = []
        for w in kabkota:
            for p in per_provinsi.get(w.provinsi_id, []):
                if (p.pk, w.pk) in ada:
                    continue
                tepat = rng.random() < 0.8
                waktu = datetime.datetime.combine(
                    p.tenggat + datetime.timedelta(days=-2 if tepat else 5), datetime.time(3), datetime.UTC
                )
                laporan.append(
                    LaporanTriwulan(
                        periode=p,
                        kabkota=w,
                        status="diterima",
                        contoh=True,
                        tepat_waktu=tepat,
                        pertama_diajukan=waktu,
                        diajukan_pada=waktu,
                    )
                )
        laporan = LaporanTriwulan.objects.bulk_create(laporan, batch_size=BATCH)
        buf = []
        for lap in laporan:
            for j in range(n_potensi):
                buf.append(
                    PotensiKonflik(
                        laporan=lap,
                        judul=f"[Skala] Potensi {j}",
                        sumber=rng.choice(SUMBER),
                        bidang=rng.choice(BIDANG),
                        tingkat=rng.choice(TINGKAT),
                        tren=rng.choice(TREN),
                        kecamatan=f"Kecamatan {j % 7}",
                    )
                )
            if len(buf) >= BATCH:
                PotensiKonflik.objects.bulk_create(buf, batch_size=BATCH)
                buf = []
        PotensiKonflik.objects.bulk_create(buf, batch_size=BATCH)
        return periode

    def _rakor(self, provinsi, kabkota, kesbangpol, n_rakor, rng):
        kab_per_prov = {}
        for w in kabkota:
            kab_per_prov.setdefault(w.provinsi_id, []).append(w)
        rakor = []
        for p in provinsi:
            for i in range(n_rakor):
                mulai = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(0, 3800))
                rakor.append(
                    Rakor(
                        judul=f"[Skala] Rakor {p.nama} {i}",
                        tahun_anggaran=mulai.year,
                        tanggal_mulai=mulai,
                        tanggal_selesai=mulai + datetime.timedelta(days=rng.choice([0, 1, 2])),
                        provinsi=p,
                        penyelenggara=kesbangpol[p.pk],
                        status="selesai",
                        jenis="tahunan",
                    )
                )
        rakor = Rakor.objects.bulk_create(rakor, batch_size=BATCH)
        peserta, rekomendasi = [], []
        for r in rakor:
            kab = kab_per_prov.get(r.provinsi_id, [])
            for w in rng.sample(kab, min(10, len(kab))):
                peserta.append(
                    Peserta(rakor=r, instansi=kesbangpol[w.pk], jabatan="Kepala Badan", kehadiran="hadir")
                )
            for n in range(1, 11):
                batas = r.tanggal_mulai + datetime.timedelta(days=rng.randrange(60, 700))
                rekomendasi.append(
                    Rekomendasi(rakor=r, nomor=n, isi=f"[Skala] Rekomendasi {n}", batas_waktu=batas)
                )
        Peserta.objects.bulk_create(peserta, batch_size=BATCH)
        rekomendasi = Rekomendasi.objects.bulk_create(rekomendasi, batch_size=BATCH)
        rakor_prov = {r.pk: r.provinsi_id for r in rakor}
        penugasan = []
        for rek in rekomendasi:
            kab = kab_per_prov.get(rakor_prov[rek.rakor_id], [])
            for w in rng.sample(kab, min(3, len(kab))):
                penugasan.append(
                    Penugasan(
                        rekomendasi=rek,
                        instansi=kesbangpol[w.pk],
                        status=rng.choice(["belum", "belum_sesuai", "sesuai", "sesuai"]),
                    )
                )
        penugasan = Penugasan.objects.bulk_create(penugasan, batch_size=BATCH)
        tl = [
            TindakLanjut(
                penugasan=p,
                tanggal=datetime.date(2025, 1, 1),
                status=p.status,
                narasi="[Skala] Tindak lanjut",
            )
            for p in penugasan
            if p.status != "belum"
        ]
        TindakLanjut.objects.bulk_create(tl, batch_size=BATCH)
