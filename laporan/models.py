"""Quarterly reports (laporan triwulan) of conflict potentials and conflict events from kab/kota to
the province (PRODUCT.md §3–4; Kaltim 2024 recommendation 12).

Workflow: draf → diajukan → diterima, or diajukan → dikembalikan (with a reason) → diajukan again.
An accepted report is locked on every route: its items refuse to be saved or deleted (forms,
import and admin all end in ``save()``), and only provincial staff reopen it, with a reason.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kesbangpol import access
from kesbangpol.models import Wilayah

TRIWULAN_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def akhir_triwulan(tahun: int, triwulan: int) -> datetime.date:
    bulan = triwulan * 3
    awal_berikut = datetime.date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return awal_berikut - datetime.timedelta(days=1)


def awal_triwulan(tahun: int, triwulan: int) -> datetime.date:
    return datetime.date(tahun, triwulan * 3 - 2, 1)


def triwulan_dari(tanggal: datetime.date) -> tuple[int, int]:
    return tanggal.year, (tanggal.month - 1) // 3 + 1


def triwulan_mundur(tahun: int, triwulan: int, jumlah: int) -> list[tuple[int, int]]:
    """The given quarter and the ``jumlah - 1`` before it, newest first."""
    hasil = []
    for _ in range(jumlah):
        hasil.append((tahun, triwulan))
        tahun, triwulan = (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)
    return hasil


class AturanProvinsi(models.Model):
    """A province's reporting rule: reports are due this many days after the quarter ends."""

    provinsi = models.OneToOneField(
        Wilayah,
        on_delete=models.CASCADE,
        related_name="aturan_laporan",
        limit_choices_to={"tingkat": "provinsi"},
    )
    hari_tenggat = models.PositiveSmallIntegerField(
        "hari tenggat",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="Laporan jatuh tempo sekian hari setelah triwulan berakhir (bawaan 10).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aturan laporan provinsi"
        verbose_name_plural = "aturan laporan provinsi"

    def __str__(self):
        return f"Aturan laporan {self.provinsi}"


class PeriodeQuerySet(access.ScopedQuerySet):
    wilayah_field = "provinsi"

    def untuk_banyak(self, provinsi: Wilayah, daftar: list[tuple[int, int]], buat=True) -> list["Periode"]:
        """Several periods in order, in one query. The missing ones are created (``buat``) or, for
        a page that only reads, stand in unsaved with the due date the rule would give them."""
        ada = {
            (p.tahun, p.triwulan): p for p in self.filter(provinsi=provinsi, tahun__in={y for y, _ in daftar})
        }
        if buat:
            return [ada.get(k) or self.untuk(provinsi, *k) for k in daftar]
        hari = self._hari_tenggat(provinsi) if len(ada) < len(daftar) else 0
        return [ada.get(k) or self._baru(provinsi, *k, hari) for k in daftar]

    def untuk(self, provinsi: Wilayah, tahun: int, triwulan: int) -> "Periode":
        """The period, created with the province's due-date rule on first use."""
        periode = self.filter(provinsi=provinsi, tahun=tahun, triwulan=triwulan).first()
        if periode:
            return periode
        baru = self._baru(provinsi, tahun, triwulan, self._hari_tenggat(provinsi))
        periode, _ = self.get_or_create(
            provinsi=provinsi, tahun=tahun, triwulan=triwulan, defaults={"tenggat": baru.tenggat}
        )
        return periode

    def _hari_tenggat(self, provinsi: Wilayah) -> int:
        aturan = AturanProvinsi.objects.filter(provinsi=provinsi).first()
        return aturan.hari_tenggat if aturan else 10

    def _baru(self, provinsi: Wilayah, tahun: int, triwulan: int, hari: int) -> "Periode":
        tenggat = akhir_triwulan(tahun, triwulan) + datetime.timedelta(days=hari)
        return self.model(provinsi=provinsi, tahun=tahun, triwulan=triwulan, tenggat=tenggat)


class Periode(models.Model):
    """A reporting quarter of one province, with its due date (the province's rule, or set for this
    period) and whether it is still open for new reports."""

    provinsi = models.ForeignKey(
        Wilayah,
        on_delete=models.PROTECT,
        related_name="periode_laporan",
        limit_choices_to={"tingkat": "provinsi"},
    )
    tahun = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    triwulan = models.PositiveSmallIntegerField(
        choices=[(k, f"Triwulan {v}") for k, v in TRIWULAN_ROMAWI.items()]
    )
    tenggat = models.DateField(help_text="Batas akhir penyampaian laporan triwulan ini.")
    ditutup = models.BooleanField(default=False, help_text="Periode tertutup tidak menerima laporan baru.")
    history = HistoricalRecords()

    objects = PeriodeQuerySet.as_manager()

    class Meta:
        verbose_name = "periode"
        verbose_name_plural = "periode"
        ordering = ["provinsi", "-tahun", "-triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["provinsi", "tahun", "triwulan"], name="periode_unik_per_provinsi"
            ),
        ]

    def __str__(self):
        return f"Triwulan {TRIWULAN_ROMAWI[self.triwulan]} {self.tahun}"

    @property
    def kode(self) -> str:
        return f"{self.tahun}-{self.triwulan}"

    @property
    def label_pendek(self) -> str:
        return f"TW {TRIWULAN_ROMAWI[self.triwulan]} {self.tahun}"

    @property
    def mulai(self) -> datetime.date:
        return awal_triwulan(self.tahun, self.triwulan)

    @property
    def selesai(self) -> datetime.date:
        return akhir_triwulan(self.tahun, self.triwulan)

    def clean(self):
        if self.tenggat and self.triwulan and self.tahun and self.tenggat < self.selesai:
            raise ValidationError({"tenggat": "Tenggat tidak boleh sebelum triwulan berakhir."})


class LaporanQuerySet(access.ScopedQuerySet):
    wilayah_field = "kabkota"

    def terkirim(self):
        return self.filter(status__in=LaporanTriwulan.TERKIRIM)


class LaporanTriwulan(models.Model):
    """One kab/kota's report for one period."""

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DITERIMA = "diterima", "Diterima"

    # Counted as reported (DHIS2's "complete"): submitted and not sent back.
    TERKIRIM = (Status.DIAJUKAN, Status.DITERIMA)
    DAPAT_DIEDIT = (Status.DRAF, Status.DIKEMBALIKAN)

    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="laporan")
    kabkota = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="laporan_triwulan")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAF)
    nihil = models.BooleanField(
        default=False, help_text="Tidak ada potensi maupun kejadian konflik untuk dilaporkan triwulan ini."
    )
    catatan = models.TextField(
        blank=True, max_length=5000, help_text="Catatan umum dari kabupaten/kota (opsional)."
    )
    pertama_diajukan = models.DateTimeField(null=True, blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tepat_waktu = models.BooleanField(
        null=True, help_text="Dihitung saat pertama diajukan: tanggal setempat ≤ tenggat periode."
    )
    diterima_pada = models.DateTimeField(null=True, blank=True)
    diterima_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contoh = models.BooleanField(default=False, help_text="Data contoh untuk demo.")
    # Optimistic lock for the report's own fields (items carry their own).
    versi = models.PositiveIntegerField(default=1, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = LaporanQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan triwulan"
        verbose_name_plural = "laporan triwulan"
        ordering = ["-periode__tahun", "-periode__triwulan", "kabkota__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "kabkota"], name="laporan_satu_per_kabkota_per_periode"
            ),
        ]
        indexes = [models.Index(fields=["kabkota", "status"], name="laporan_kabkota_status_idx")]

    def __str__(self):
        return f"Laporan {self.kabkota.nama_singkat} {self.periode}"

    def save(self, *args, transisi=False, **kwargs):
        """Only the workflow (``transisi=True``) writes a report that is not a draft or returned:
        the lock holds for forms, import and admin alike."""
        if self.pk and not transisi and self.status_tersimpan(self.pk) not in self.DAPAT_DIEDIT:
            raise Terkunci("Laporan ini sudah diajukan atau diterima sehingga terkunci.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("laporan:detail", args=[self.pk])

    @staticmethod
    def status_tersimpan(pk) -> str | None:
        """The status in the database, not in a possibly stale object."""
        return LaporanTriwulan.objects.filter(pk=pk).values_list("status", flat=True).first()

    @property
    def dapat_diedit(self) -> bool:
        return self.status in self.DAPAT_DIEDIT

    def dapat_diedit_oleh(self, user) -> bool:
        """Only the kab/kota's own users fill their report, and only while it is a draft or returned."""
        return (
            self.dapat_diedit
            and access.dapat_menulis(user)
            and access.lingkup(user).kabkota_id == self.kabkota_id
        )

    def dapat_diperiksa_oleh(self, user) -> bool:
        """Provincial staff accept or return a submitted report, but never one they submitted."""
        return (
            self.status == self.Status.DIAJUKAN
            and access.dapat_menulis(user)
            and access.adalah_staf_provinsi(user)
            and self.diajukan_oleh_id != user.pk
        )

    def dapat_dibuka_oleh(self, user) -> bool:
        return (
            self.status == self.Status.DITERIMA
            and access.dapat_menulis(user)
            and access.adalah_staf_provinsi(user)
        )

    def hitung_tepat_waktu(self, waktu: datetime.datetime) -> bool:
        zona = ZoneInfo(self.kabkota.zona_waktu)
        return timezone.localtime(waktu, zona).date() <= self.periode.tenggat


# Indonesia's extent, generously: a point outside it is a typing error (lat/long swapped, a sign lost).
LINTANG = (-11.5, 6.5)
BUJUR = (94.5, 141.5)


def periksa_koordinat(lat, lng) -> dict:
    errors = {}
    if (lat is None) != (lng is None):
        errors["longitude" if lng is None else "latitude"] = (
            "Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."
        )
    if lat is not None and not LINTANG[0] <= float(lat) <= LINTANG[1]:
        errors["latitude"] = (
            f"Lintang {lat} di luar wilayah Indonesia (antara {LINTANG[0]} dan {LINTANG[1]})."
        )
    if lng is not None and not BUJUR[0] <= float(lng) <= BUJUR[1]:
        errors["longitude"] = f"Bujur {lng} di luar wilayah Indonesia (antara {BUJUR[0]} dan {BUJUR[1]})."
    return errors


class Terkunci(ValidationError):
    pass


class ItemQuerySet(access.MelaluiIndukQuerySet):
    induk = "laporan"


class KetelitianTanggal(models.TextChoices):
    HARI = "hari", "Tanggal pasti"
    MINGGU = "minggu", "Dalam minggu itu"
    BULAN = "bulan", "Dalam bulan itu"


class KetelitianLokasi(models.TextChoices):
    TITIK = "titik", "Titik koordinat"
    DESA = "desa", "Desa/kelurahan"
    KECAMATAN = "kecamatan", "Kecamatan"
    KABKOTA = "kabkota", "Kabupaten/kota saja"


def _aktor(nama):
    return models.ForeignKey(
        "JenisAktor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=nama,
        limit_choices_to={"aktif": True},
    )


def _jenis_kejadian():
    return models.ForeignKey(
        "JenisKejadian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="jenis kejadian",
        limit_choices_to={"aktif": True},
    )


class ItemLaporan(models.Model):
    """Shared by both kinds of item: the report they belong to is locked unless draft or returned."""

    laporan = models.ForeignKey(LaporanTriwulan, on_delete=models.CASCADE, related_name="%(class)s")
    kecamatan = models.CharField(max_length=100, blank=True)
    desa = models.CharField("desa/kelurahan", max_length=100, blank=True)
    latitude = models.DecimalField("lintang", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("bujur", max_digits=9, decimal_places=6, null=True, blank=True)
    ketelitian_lokasi = models.CharField(
        "ketelitian lokasi", max_length=10, choices=KetelitianLokasi.choices, default=KetelitianLokasi.DESA
    )
    pihak = models.TextField("pihak yang terlibat", blank=True, max_length=2000)
    # Who against whom, coded (the codebook), next to the names in ``pihak``.
    aktor_1 = _aktor("jenis aktor pihak pertama")
    aktor_2 = _aktor("jenis aktor pihak kedua")
    catatan_pemeriksa = models.TextField(
        "catatan provinsi",
        blank=True,
        max_length=2000,
        help_text="Catatan provinsi saat mengembalikan laporan.",
    )
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, lewati_kunci=False, **kwargs):
        # lewati_kunci: only the province's review notes are written on a submitted report.
        if (
            not lewati_kunci
            and LaporanTriwulan.status_tersimpan(self.laporan_id) not in LaporanTriwulan.DAPAT_DIEDIT
        ):
            raise Terkunci(
                "Laporan ini sudah diajukan atau diterima sehingga terkunci; isinya tidak dapat diubah."
            )
        super().save(*args, **kwargs)

    def dapat_diubah_oleh(self, user) -> bool:
        return self.laporan.dapat_diedit_oleh(user)

    def delete(self, *args, **kwargs):
        if LaporanTriwulan.status_tersimpan(self.laporan_id) not in LaporanTriwulan.DAPAT_DIEDIT:
            raise Terkunci(
                "Laporan ini sudah diajukan atau diterima sehingga terkunci; isinya tidak dapat dihapus."
            )
        return super().delete(*args, **kwargs)

    def clean(self):
        errors = periksa_koordinat(self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)


class PotensiKonflik(ItemLaporan):
    """A conflict potential as reported in one quarter. ``identitas`` is shared by the same potential
    across quarters (roll forward copies it), so its history over periods can be shown."""

    class Sumber(models.TextChoices):
        """Sources of conflict, UU 7/2012 Pasal 5."""

        POLEKSOSBUD = "poleksosbud", "Permasalahan politik, ekonomi dan sosial budaya"
        SARA = "sara", "Perseteruan antarumat beragama, antarsuku atau antaretnis"
        BATAS = "batas", "Sengketa batas wilayah"
        SDA = "sda", "Sengketa sumber daya alam"
        DISTRIBUSI = "distribusi", "Distribusi sumber daya alam yang tidak seimbang"

    class Bidang(models.TextChoices):
        IDEOLOGI = "ideologi", "Ideologi"
        POLITIK = "politik", "Politik"
        EKONOMI = "ekonomi", "Ekonomi"
        SOSBUD = "sosbud", "Sosial budaya"
        PERTAHANAN = "pertahanan", "Pertahanan"
        KEAMANAN = "keamanan", "Keamanan"
        AGAMA = "agama", "Agama"
        HUKUM = "hukum", "Hukum"

    class Tingkat(models.TextChoices):
        RENDAH = "rendah", "Rendah"
        SEDANG = "sedang", "Sedang"
        TINGGI = "tinggi", "Tinggi"

    class Tren(models.TextChoices):
        BARU = "baru", "Baru"
        MENINGKAT = "meningkat", "Meningkat"
        TETAP = "tetap", "Tetap"
        MENURUN = "menurun", "Menurun"
        SELESAI = "selesai", "Selesai"

    class Tahap(models.TextChoices):
        PENCEGAHAN = "pencegahan", "Pencegahan"
        PENGHENTIAN = "penghentian", "Penghentian"
        PEMULIHAN = "pemulihan", "Pemulihan"

    identitas = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    judul = models.CharField(max_length=200, help_text="Ringkas, misalnya Sengketa lahan sawit Desa Luan.")
    sumber = models.CharField("sumber konflik", max_length=20, choices=Sumber.choices)
    bidang = models.CharField(max_length=20, choices=Bidang.choices)
    latar_belakang = models.TextField("latar belakang", blank=True, max_length=10_000)
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices)
    tren = models.CharField(
        "tren dibanding triwulan lalu", max_length=10, choices=Tren.choices, default=Tren.BARU
    )
    tahap = models.CharField(
        "tahap penanganan", max_length=20, choices=Tahap.choices, default=Tahap.PENCEGAHAN
    )
    langkah = models.TextField("langkah yang telah diambil", blank=True, max_length=5000)
    usulan = models.TextField("usulan tindakan", blank=True, max_length=5000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "potensi konflik"
        verbose_name_plural = "potensi konflik"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "identitas"], name="potensi_identitas_unik_per_laporan"
            ),
        ]

    def __str__(self):
        return self.judul


class KejadianKonflik(ItemLaporan):
    """An actual conflict event of the period (the Peta Konflik)."""

    tanggal = models.DateField()
    ketelitian_tanggal = models.CharField(
        "ketelitian tanggal", max_length=10, choices=KetelitianTanggal.choices, default=KetelitianTanggal.HARI
    )
    jenis = _jenis_kejadian()
    uraian = models.TextField(max_length=10_000, help_text="Apa yang terjadi.")
    meninggal = models.PositiveIntegerField("korban meninggal", default=0)
    luka = models.PositiveIntegerField("korban luka", default=0)
    mengungsi = models.PositiveIntegerField("pengungsi", default=0)
    kerugian = models.TextField("kerugian materiil", blank=True, max_length=2000)
    penanganan = models.TextField(blank=True, max_length=5000)
    # The urgent report this event was first filed as (same incident, carried into the quarter).
    segera = models.ForeignKey(
        "LaporanSegera",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kejadian",
        verbose_name="laporan segera",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kejadian konflik"
        verbose_name_plural = "kejadian konflik"
        ordering = ["tanggal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "segera"], name="kejadian_segera_sekali_per_laporan"),
        ]

    def __str__(self):
        return f"{self.tanggal}: {self.uraian[:60]}"

    def clean(self):
        super().clean()
        periode = self.laporan.periode
        if self.tanggal and not (periode.mulai <= self.tanggal <= periode.selesai):
            raise ValidationError(
                {
                    "tanggal": f"Tanggal kejadian harus di dalam {periode} "
                    f"({periode.mulai:%d-%m-%Y} s.d. {periode.selesai:%d-%m-%Y})."
                }
            )

    @property
    def korban(self) -> int:
        return self.meninggal + self.luka + self.mengungsi

    def delete(self, *args, **kwargs):
        if self.segera_id:
            raise Terkunci(
                "Kejadian ini berasal dari laporan segera sehingga tidak dapat dihapus dari laporan "
                "triwulan; ubah isinya bila perlu."
            )
        return super().delete(*args, **kwargs)


class RiwayatLaporan(models.Model):
    """The report's timeline: every transition with who, when and why."""

    class Aksi(models.TextChoices):
        DIBUAT = "dibuat", "Dibuat"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DITERIMA = "diterima", "Diterima"
        DIBUKA = "dibuka", "Dibuka kembali"
        DIIMPOR = "diimpor", "Diisi dari Excel"

    laporan = models.ForeignKey(LaporanTriwulan, on_delete=models.CASCADE, related_name="riwayat")
    aksi = models.CharField(max_length=20, choices=Aksi.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)
    alasan = models.TextField(blank=True, max_length=3000)  # the forms that write it allow 3,000

    class Meta:
        verbose_name = "riwayat laporan"
        verbose_name_plural = "riwayat laporan"
        ordering = ["waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aksi__in=["dikembalikan", "dibuka"]) | ~Q(alasan=""), name="riwayat_alasan_wajib"
            ),
        ]

    def __str__(self):
        return f"{self.get_aksi_display()} {self.waktu:%Y-%m-%d}"


class SegeraQuerySet(access.ScopedQuerySet):
    wilayah_field = "kabkota"

    def for_user(self, user):
        """The province and the kab/kota see their own; national admins only what was escalated."""
        qs = super().for_user(user)
        return qs.filter(dieskalasi_pada__isnull=False) if access.lingkup(user).nasional else qs


class LaporanSegera(models.Model):
    """An urgent incident report (laporan segera), filed by a kab/kota any day rather than waiting for
    the quarter. The province acknowledges it, may ask for an update and may escalate it to national
    level; the kab/kota adds dated updates. When the quarter's report is opened (or is already open)
    the incident is in it as a kejadian konflik (``KejadianKonflik.segera``)."""

    Ketelitian = KetelitianTanggal
    KetelitianLokasi = KetelitianLokasi

    kabkota = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="laporan_segera")
    judul = models.CharField(
        max_length=200, help_text="Ringkas, misalnya Bentrok warga dan perusahaan di Desa Luan."
    )
    uraian = models.TextField("apa yang terjadi", max_length=10_000)
    tanggal = models.DateField("tanggal kejadian")
    ketelitian_tanggal = models.CharField(
        "ketelitian tanggal", max_length=10, choices=Ketelitian.choices, default=Ketelitian.HARI
    )
    kecamatan = models.CharField(max_length=100, blank=True)
    desa = models.CharField("desa/kelurahan", max_length=100, blank=True)
    latitude = models.DecimalField("lintang", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("bujur", max_digits=9, decimal_places=6, null=True, blank=True)
    ketelitian_lokasi = models.CharField(
        "ketelitian lokasi", max_length=10, choices=KetelitianLokasi.choices, default=KetelitianLokasi.DESA
    )
    jenis = _jenis_kejadian()
    pihak = models.TextField("pihak yang terlibat", blank=True, max_length=2000)
    aktor_1 = _aktor("jenis aktor pihak pertama")
    aktor_2 = _aktor("jenis aktor pihak kedua")
    meninggal = models.PositiveIntegerField("korban meninggal", default=0)
    luka = models.PositiveIntegerField("korban luka", default=0)
    mengungsi = models.PositiveIntegerField("pengungsi", default=0)
    kerugian = models.TextField("kerugian materiil", blank=True, max_length=2000)
    penanganan = models.TextField("penanganan sejauh ini", blank=True, max_length=5000)
    usulan = models.TextField("yang diharapkan dari provinsi", blank=True, max_length=3000)
    dilaporkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dilaporkan_pada = models.DateTimeField(default=timezone.now, db_index=True)
    diketahui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diketahui_pada = models.DateTimeField(null=True, blank=True)
    # Set while the province waits for an update; cleared by the kab/kota's next update.
    pembaruan_diminta_pada = models.DateTimeField(null=True, blank=True)
    dieskalasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dieskalasi_pada = models.DateTimeField(null=True, blank=True)
    contoh = models.BooleanField(default=False, help_text="Data contoh untuk demo.")
    history = HistoricalRecords()

    objects = SegeraQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan segera"
        verbose_name_plural = "laporan segera"
        ordering = ["-dilaporkan_pada", "-pk"]
        indexes = [models.Index(fields=["kabkota", "tanggal"], name="segera_kabkota_tanggal_idx")]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("laporan:segera_detail", args=[self.pk])

    @property
    def korban(self) -> int:
        return self.meninggal + self.luka

    @property
    def keadaan(self) -> str:
        if self.pembaruan_diminta_pada:
            return "Menunggu pembaruan"
        return "Sudah ditanggapi provinsi" if self.diketahui_pada else "Belum ditanggapi provinsi"

    def dapat_diubah_oleh(self, user) -> bool:
        """The kab/kota's own writers add updates."""
        return access.dapat_menulis(user) and access.lingkup(user).kabkota_id == self.kabkota_id

    def dapat_ditanggapi_oleh(self, user) -> bool:
        """The province's staff (not national admins, who read escalated ones) acknowledge, ask for
        an update and escalate."""
        scope = access.lingkup(user)
        return (
            access.adalah_staf_provinsi(user)
            and access.dapat_menulis(user)
            and scope.provinsi_id == self.kabkota.provinsi_id
        )

    def clean(self):
        errors = periksa_koordinat(self.latitude, self.longitude)
        if self.tanggal and self.tanggal > timezone.localdate() + datetime.timedelta(days=1):
            errors["tanggal"] = "Tanggal kejadian tidak boleh di masa depan."
        if self.ketelitian_lokasi == self.KetelitianLokasi.TITIK and self.latitude is None:
            errors.setdefault("latitude", "Ketelitian 'titik koordinat' memerlukan lintang dan bujur.")
        if errors:
            raise ValidationError(errors)


class CatatanSegeraQuerySet(access.MelaluiIndukQuerySet):
    induk = "segera"


class CatatanSegera(models.Model):
    """The incident's timeline: the kab/kota's dated updates and every step the province took."""

    class Jenis(models.TextChoices):
        PEMBARUAN = "pembaruan", "Pembaruan dari kabupaten/kota"
        DIKETAHUI = "diketahui", "Ditanggapi provinsi"
        DIMINTA = "diminta", "Provinsi meminta pembaruan"
        DIESKALASI = "dieskalasi", "Dieskalasi ke tingkat nasional"

    segera = models.ForeignKey(LaporanSegera, on_delete=models.CASCADE, related_name="catatan")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    isi = models.TextField(blank=True, max_length=5000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)

    objects = CatatanSegeraQuerySet.as_manager()

    class Meta:
        verbose_name = "catatan laporan segera"
        verbose_name_plural = "catatan laporan segera"
        ordering = ["waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(jenis__in=["pembaruan", "diminta", "dieskalasi"]) | ~Q(isi=""),
                name="catatan_segera_isi_wajib",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.waktu:%Y-%m-%d}"


class SinyalQuerySet(models.QuerySet):
    def for_user(self, user):
        """Signals are the province's reading of its data: its staff, admins and pimpinan (and
        national admins) see them; kab/kota users do not."""
        scope = access.lingkup(user)
        if scope.nasional:
            return self.all()
        if scope.seluruh_provinsi:
            return self.filter(provinsi_id=scope.provinsi_id)
        return self.none()

    def terbuka(self):
        return self.filter(aktif=True, ditutup_pada__isnull=True)


class Sinyal(models.Model):
    """An early-warning signal computed from the data (``laporan.sinyal``): a sentence that explains
    itself and a link to the rows behind it. Recomputed when its data changes; ``kunci`` names what it
    is about, so a recompute updates it instead of adding another. Staff may dismiss one with a reason."""

    class Jenis(models.TextChoices):
        SEGERA_KORBAN = "segera_korban", "Laporan segera dengan korban jiwa atau pengungsi"
        NAIK_TINGGI = "naik_tinggi", "Potensi naik ke tingkat tinggi"
        MENINGKAT = "meningkat", "Potensi meningkat dua triwulan berturut-turut"
        PUNCAK_KORBAN = "puncak_korban", "Korban tertinggi dalam 8 triwulan"
        PUNCAK_KEJADIAN = "puncak_kejadian", "Kejadian terbanyak dalam 8 triwulan"
        SARA_BARU = "sara_baru", "Potensi SARA pertama dalam 4 triwulan"
        POLITIK_TAHAPAN = "politik_tahapan", "Potensi politik di masa tahapan pemilu/pilkada"

    provinsi = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="+")
    kabkota = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="sinyal")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    kunci = models.CharField(max_length=200, unique=True)
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    kalimat = models.TextField()
    url = models.CharField("tautan", max_length=300)
    skor = models.PositiveSmallIntegerField(default=1, help_text="Makin besar makin kuat.")
    dieskalasi = models.BooleanField(default=False)
    aktif = models.BooleanField(default=True, help_text="Masih berlaku menurut data terakhir.")
    dibuat = models.DateTimeField(default=timezone.now)
    diperbarui = models.DateTimeField(default=timezone.now)
    ditutup_pada = models.DateTimeField(null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    alasan_tutup = models.TextField("alasan ditutup", blank=True, max_length=2000)
    history = HistoricalRecords(excluded_fields=["diperbarui"])

    objects = SinyalQuerySet.as_manager()

    class Meta:
        verbose_name = "sinyal peringatan dini"
        verbose_name_plural = "sinyal peringatan dini"
        ordering = ["-dieskalasi", "-skor", "-tahun", "-triwulan", "kabkota__kode", "pk"]
        indexes = [models.Index(fields=["provinsi", "aktif", "ditutup_pada"], name="sinyal_terbuka_idx")]

    def __str__(self):
        return self.kalimat[:80]

    @property
    def periode_label(self) -> str:
        return f"TW {TRIWULAN_ROMAWI[self.triwulan]} {self.tahun}"


# --- Codebook (issue "Data the province can add up and trust"): reference lists national admins
# keep, with stable codes so that data stays comparable across years. Rows are deactivated, never
# deleted or recoded, once data may point at them.


class KodeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Reference lists: anyone with a scope reads them; national admins keep them (admin)."""
        return self.none() if access.lingkup(user).kosong else self.all()

    def aktif(self):
        return self.filter(aktif=True)


class Kode(models.Model):
    kode = models.CharField(
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z0-9]+(\.[A-Z0-9]+)*$", "Kode: huruf besar/angka, bagian dipisah titik.")
        ],
        help_text="Kode tetap, misalnya UR.DAMAI. Jangan diubah setelah dipakai data.",
    )
    nama = models.CharField(max_length=120)
    keterangan = models.TextField(blank=True, max_length=1000)
    urutan = models.PositiveSmallIntegerField(default=0)
    aktif = models.BooleanField(default=True, help_text="Nonaktifkan, jangan hapus, bila tidak dipakai lagi.")

    objects = KodeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["urutan", "kode"]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class JenisKejadian(Kode):
    """An event type (ACLED-style) and its sub-types, each mapped to one *sumber konflik* of UU 7/2012
    Pasal 5 so that counts by source stay possible."""

    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub",
        verbose_name="jenis induk",
    )
    sumber = models.CharField(
        "sumber konflik (UU 7/2012 Pasal 5)", max_length=20, choices=PotensiKonflik.Sumber.choices
    )
    history = HistoricalRecords()

    class Meta(Kode.Meta):
        verbose_name = "jenis kejadian"
        verbose_name_plural = "jenis kejadian"

    def clean(self):
        if self.induk_id and self.induk.induk_id:
            raise ValidationError({"induk": "Sub-jenis hanya satu tingkat: pilih jenis utama sebagai induk."})
        if self.induk_id and self.kode and not self.kode.startswith(f"{self.induk.kode}."):
            raise ValidationError({"kode": f"Kode sub-jenis diawali kode induknya ({self.induk.kode}.)."})


class JenisAktor(Kode):
    """Who a party is (aparat negara, ormas, warga …), so that "who against whom" can be counted."""

    history = HistoricalRecords()

    class Meta(Kode.Meta):
        verbose_name = "jenis aktor"
        verbose_name_plural = "jenis aktor"


class IndikatorPerdamaian(Kode):
    """Capacity next to threat: mediation held, FKUB/FKDM dialogue, agreement signed …"""

    history = HistoricalRecords()

    class Meta(Kode.Meta):
        verbose_name = "indikator perdamaian"
        verbose_name_plural = "indikator perdamaian"
