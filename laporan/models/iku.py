"""The IKU register (indikator kinerja utama) of each Kesbangpol office for a Renstra period, its
yearly targets, and the cascade: a kab/kota indicator names the province indicator it supports.

They live in ``laporan`` because the quarterly report is where an office reports their realisation,
and ``laporan`` sits above ``rakor`` and ``rekomendasi`` in the import order: a sinkronisasi rakor's
misalignment becomes a rekomendasi from here without the lower apps knowing of indicators.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kesbangpol import access
from kesbangpol.models import Wilayah

TAHUN = [MinValueValidator(2000), MaxValueValidator(2100)]


class IndikatorQuerySet(models.QuerySet):
    def for_user(self, user):
        """The indicators of the regions the user sees; a kab/kota user also reads their province's
        (the indicators theirs support)."""
        scope = access.lingkup(user)
        q = access.q_wilayah(user, "wilayah")
        if scope.kabkota_id:
            q |= Q(wilayah_id=scope.provinsi_id)
        return self.filter(q)

    def renstra(self, mulai: int, selesai: int):
        return self.filter(renstra_mulai=mulai, renstra_selesai=selesai)


class Indikator(models.Model):
    """One indicator of one office's Renstra (province or kab/kota), with what a published IKU table
    holds: code, name, definition, unit, direction, baseline, data source, frequency, producer."""

    class Arah(models.TextChoices):
        NAIK = "naik", "Makin tinggi makin baik"
        TURUN = "turun", "Makin rendah makin baik"

    class Frekuensi(models.TextChoices):
        TRIWULAN = "triwulan", "Triwulanan"
        SEMESTER = "semester", "Semesteran"
        TAHUN = "tahun", "Tahunan"

    wilayah = models.ForeignKey(
        Wilayah,
        on_delete=models.PROTECT,
        related_name="indikator",
        help_text="Kantor Kesbangpol pemilik IKU.",
    )
    renstra_mulai = models.PositiveSmallIntegerField("Renstra mulai", validators=TAHUN)
    renstra_selesai = models.PositiveSmallIntegerField("Renstra selesai", validators=TAHUN)
    kode = models.CharField(max_length=30, help_text="Kode IKU di dokumen Renstra, mis. IKU-1.")
    nama = models.CharField(max_length=300)
    definisi = models.TextField("definisi/rumus", blank=True, max_length=3000)
    satuan = models.CharField(max_length=40, help_text="Mis. persen, indeks, ormas.")
    arah = models.CharField(max_length=10, choices=Arah.choices, default=Arah.NAIK)
    tahun_dasar = models.PositiveSmallIntegerField("tahun dasar", null=True, blank=True, validators=TAHUN)
    nilai_dasar = models.DecimalField("nilai dasar", max_digits=14, decimal_places=2, null=True, blank=True)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    frekuensi = models.CharField(max_length=10, choices=Frekuensi.choices, default=Frekuensi.TAHUN)
    bidang = models.CharField("bidang penghasil", max_length=150, blank=True)
    kode_nasional = models.CharField(
        "kode indikator nasional", max_length=40, blank=True, help_text="Kode indikator pembangunan Bappenas."
    )
    kode_sipd = models.CharField(
        "kode SIPD", max_length=60, blank=True, help_text="Program/kegiatan/sub-kegiatan yang mendanainya."
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="turunan",
        verbose_name="indikator provinsi yang didukung",
        help_text="Untuk IKU kabupaten/kota: IKU provinsi yang didukungnya.",
    )
    contoh = models.BooleanField(default=False, help_text="Data contoh untuk demo.")
    history = HistoricalRecords()

    objects = IndikatorQuerySet.as_manager()

    class Meta:
        verbose_name = "indikator kinerja utama"
        verbose_name_plural = "indikator kinerja utama"
        ordering = ["wilayah__kode", "renstra_mulai", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["wilayah", "renstra_mulai", "kode"],
                name="iku_kode_unik_per_renstra",
                violation_error_message="Kode IKU ini sudah dipakai di Renstra kantor ini.",
            ),
            models.CheckConstraint(
                condition=Q(renstra_selesai__gte=models.F("renstra_mulai")), name="iku_renstra_berurutan"
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    @property
    def renstra(self) -> str:
        return f"{self.renstra_mulai}–{self.renstra_selesai}"

    def clean(self):
        if self.induk_id:
            induk = self.induk
            if not self.wilayah_id or self.wilayah.provinsi_id != induk.wilayah_id:
                raise ValidationError({"induk": "Pilih IKU provinsi induk kabupaten/kota ini."})
            if (induk.renstra_mulai, induk.renstra_selesai) != (self.renstra_mulai, self.renstra_selesai):
                raise ValidationError(
                    {"induk": "IKU provinsi yang didukung harus dari periode Renstra yang sama."}
                )

    def celah(self, target: dict[int, Decimal], target_induk: dict[int, Decimal]) -> list[int]:
        """The years in which this (kab/kota) indicator's target falls short of what its province
        indicator needs: below it for "higher is better", above it for "lower is better"."""
        if self.induk is None:
            return []
        naik = self.induk.arah == self.Arah.NAIK
        return sorted(
            tahun
            for tahun, perlu in target_induk.items()
            if tahun in target and (target[tahun] < perlu if naik else target[tahun] > perlu)
        )


class TargetIndikator(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    nilai = models.DecimalField(max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target IKU"
        verbose_name_plural = "target IKU"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_iku_satu_per_tahun"),
        ]

    def __str__(self):
        return f"{self.indikator.kode} {self.tahun}: {self.nilai}"


class RealisasiQuerySet(access.MelaluiIndukQuerySet):
    induk = "laporan"


class RealisasiIndikator(models.Model):
    """A kab/kota indicator's realisation for one quarter, reported inside that quarter's report:
    the same workflow, lock and history as the report's items."""

    laporan = models.ForeignKey("LaporanTriwulan", on_delete=models.CASCADE, related_name="realisasi")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="realisasi")
    nilai = models.DecimalField(max_digits=14, decimal_places=2)
    catatan = models.TextField(blank=True, max_length=1000, help_text="Penjelasan singkat, mis. kendala.")
    history = HistoricalRecords()

    objects = RealisasiQuerySet.as_manager()

    class Meta:
        verbose_name = "realisasi IKU"
        verbose_name_plural = "realisasi IKU"
        ordering = ["laporan", "indikator__kode"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "indikator"], name="realisasi_satu_per_laporan"),
        ]

    def __str__(self):
        return f"{self.indikator.kode}: {self.nilai}"

    def save(self, *args, **kwargs):
        self._laporan_terbuka()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._laporan_terbuka()
        return super().delete(*args, **kwargs)

    def _laporan_terbuka(self):
        # The report's own lock (LaporanTriwulan.pastikan_terbuka), without fetching the report.
        laporan = self._meta.get_field("laporan").related_model
        laporan.pastikan_terbuka(self.laporan_id, "realisasi IKU tidak dapat diubah")

    def dapat_diubah_oleh(self, user) -> bool:
        return self.laporan.dapat_diedit_oleh(user)


class KesepakatanQuerySet(access.MelaluiIndukQuerySet):
    induk = "rakor"


class KesepakatanIKU(models.Model):
    """What a sinkronisasi (or Renstra/IKU) rakor agreed for one kab/kota indicator: the province
    indicator it supports from now on, and the changes agreed (targets, definition), in words.
    Recording it sets the link in the register; the rakor's page and report show every agreement."""

    rakor = models.ForeignKey("rakor.Rakor", on_delete=models.CASCADE, related_name="kesepakatan_iku")
    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="kesepakatan", verbose_name="IKU kabupaten/kota"
    )
    induk = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="+", verbose_name="IKU provinsi yang didukung"
    )
    catatan = models.TextField(
        "perubahan yang disepakati",
        blank=True,
        max_length=2000,
        help_text="Mis. target 2027 dinaikkan ke 88%.",
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = KesepakatanQuerySet.as_manager()

    class Meta:
        verbose_name = "kesepakatan IKU"
        verbose_name_plural = "kesepakatan IKU"
        ordering = ["rakor", "indikator__wilayah__kode", "indikator__kode", "pk"]

    def __str__(self):
        return f"{self.indikator} → {self.induk.kode}"
