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
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kesbangpol import access
from kesbangpol.dates import akhir_triwulan, awal_triwulan, rentang_tanggal, triwulan_dari
from kesbangpol.models import Wilayah
from kesbangpol.models.klasifikasi import field_klasifikasi
from laporan.models.kolom import (  # noqa: F401 (re-exported)
    BUJUR,
    LINTANG,
    JenisSumber,
    KetelitianLokasi,
    KetelitianTanggal,
    Verifikasi,
    _aktor,
    _jenis_kejadian,
    _jenis_sumber,
    _kecamatan,
    _ketelitian_lokasi,
    _verifikasi,
    periksa_lokasi,
)

TRIWULAN_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def triwulan_sebelum(tahun: int, triwulan: int) -> tuple[int, int]:
    """The quarter before."""
    return (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)


def triwulan_mundur(tahun: int, triwulan: int, jumlah: int) -> list[tuple[int, int]]:
    """The given quarter and the ``jumlah - 1`` before it, newest first."""
    hasil = []
    for _ in range(jumlah):
        hasil.append((tahun, triwulan))
        tahun, triwulan = triwulan_sebelum(tahun, triwulan)
    return hasil


def triwulan_terakhir(today: datetime.date, jumlah: int) -> list[tuple[int, int]]:
    """Today's quarter and the ``jumlah - 1`` before it, newest first."""
    return triwulan_mundur(*triwulan_dari(today), jumlah)


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

    def lewat_tenggat(self, today: datetime.date) -> bool:
        """Opened by the province (saved), not closed, and past its due date: a report of it not yet
        sent is late and owed (the reminders, the matrix's marks and the staff's task)."""
        return self.pk is not None and not self.ditutup and self.tenggat < today

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
        if self.pk and not transisi:
            self.pastikan_terbuka(self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("laporan:detail", args=[self.pk])

    @staticmethod
    def status_tersimpan(pk) -> str | None:
        """The status in the database, not in a possibly stale object."""
        return LaporanTriwulan.objects.filter(pk=pk).values_list("status", flat=True).first()

    @classmethod
    def pastikan_terbuka(cls, pk, akibat: str = "") -> None:
        """The lock every route and every part of a report goes through: ``Terkunci`` unless the
        stored report is a draft or returned (``akibat`` says what is refused)."""
        if cls.status_tersimpan(pk) not in cls.DAPAT_DIEDIT:
            raise Terkunci(
                "Laporan ini sudah diajukan atau diterima sehingga terkunci"
                + (f"; {akibat}." if akibat else ".")
            )

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


class Terkunci(ValidationError):
    pass


class ItemQuerySet(access.MelaluiIndukQuerySet):
    induk = "laporan"

    def for_user(self, user):
        return super().for_user(user).terlihat(user)

    def terlihat(self, user):
        """Without the *rahasia* items the user is not cleared for (for lists read through a report
        already fetched in scope)."""
        return self.filter(access.q_rahasia(user, "laporan__kabkota__provinsi"))


class ItemLaporan(models.Model):
    """Shared by both kinds of item: the report they belong to is locked unless draft or returned."""

    laporan = models.ForeignKey(LaporanTriwulan, on_delete=models.CASCADE, related_name="%(class)s")
    kecamatan = _kecamatan()
    desa = models.CharField("desa/kelurahan", max_length=100, blank=True)
    latitude = models.DecimalField("lintang", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("bujur", max_digits=9, decimal_places=6, null=True, blank=True)
    ketelitian_lokasi = _ketelitian_lokasi()
    pihak = models.TextField("pihak yang terlibat", blank=True, max_length=2000)
    # Who against whom, coded (the codebook), next to the names in ``pihak``.
    aktor_1 = _aktor("jenis aktor pihak pertama")
    aktor_2 = _aktor("jenis aktor pihak kedua")
    jenis_sumber = _jenis_sumber()
    verifikasi = _verifikasi()
    klasifikasi = field_klasifikasi()
    catatan_pemeriksa = models.TextField(
        "catatan provinsi",
        blank=True,
        max_length=2000,
        help_text="Catatan provinsi saat mengembalikan laporan.",
    )
    # Marked by provincial staff during review; the mark and its comment follow a potensi into later
    # quarters until staff clear it in a later review.
    perlu_tindak_lanjut = models.BooleanField("perlu tindak lanjut", default=False)
    catatan_tindak_lanjut = models.TextField("catatan tindak lanjut", blank=True, max_length=2000)
    versi = models.PositiveIntegerField(default=1, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, lewati_kunci=False, **kwargs):
        # lewati_kunci: only the province's review notes are written on a submitted report.
        if not lewati_kunci:
            LaporanTriwulan.pastikan_terbuka(self.laporan_id, "isinya tidak dapat diubah")
        super().save(*args, **kwargs)

    def dapat_diubah_oleh(self, user) -> bool:
        return self.laporan.dapat_diedit_oleh(user)

    def delete(self, *args, **kwargs):
        LaporanTriwulan.pastikan_terbuka(self.laporan_id, "isinya tidak dapat dihapus")
        return super().delete(*args, **kwargs)

    def clean(self):
        errors = periksa_lokasi(self)
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

    # New or escalated: listed first, counted on the home pages, named in the governor's summary.
    NAIK = (Tren.BARU, Tren.MENINGKAT)

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
    # Capacity next to threat: the peace indicators present for this potential.
    indikator_perdamaian = models.ManyToManyField(
        "IndikatorPerdamaian",
        blank=True,
        related_name="potensi",
        verbose_name="indikator perdamaian",
        limit_choices_to={"aktif": True},
    )
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
                    f"({rentang_tanggal(periode.mulai, periode.selesai, hari=False)})."
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


# Early warning and the codebook live in their own modules; imported here so that Django and
# ``from laporan.models import …`` find them.
from laporan.models.iku import Indikator, KesepakatanIKU, RealisasiIndikator, TargetIndikator  # noqa: E402, F401
from laporan.models.kode import IndikatorPerdamaian, JenisAktor, JenisKejadian, Kode  # noqa: E402, F401
from laporan.models.peringatan import (  # noqa: E402, F401
    CatatanSegera,
    LaporanSegera,
    Sinyal,
)
from laporan.models.validasi import AturanValidasi  # noqa: E402, F401
