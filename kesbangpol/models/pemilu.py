"""The election calendar (tahapan Pemilu / Pilkada): reference data national admins keep, read by the
early-warning signals and shown on region pages and period aggregates."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kesbangpol import access


class TahapanQuerySet(models.QuerySet):
    def for_user(self, user):
        """National stages for everyone with a scope; a province's or kab/kota's stages within it."""
        scope = access.lingkup(user)
        if scope.kosong:
            return self.none()
        return self.filter(Q(wilayah__isnull=True) | access.q_wilayah(user))

    def untuk_wilayah(self, wilayah):
        """Stages that apply in a region: national ones, and for a province its own and its kab/kota's,
        for a kab/kota its own and its province's."""
        if wilayah.provinsi_id is None:
            setempat = Q(wilayah=wilayah) | Q(wilayah__provinsi=wilayah)
        else:
            setempat = Q(wilayah=wilayah) | Q(wilayah_id=wilayah.provinsi_id)
        return self.filter(Q(wilayah__isnull=True) | setempat)

    def tumpang_tindih(self, mulai: datetime.date, selesai: datetime.date):
        """Stages with at least one day in [mulai, selesai] (both ends count)."""
        return self.filter(mulai__lte=selesai, selesai__gte=mulai)


class TahapanPemilu(models.Model):
    class Pemilihan(models.TextChoices):
        PEMILU = "pemilu", "Pemilu"
        PILKADA = "pilkada", "Pilkada serentak"

    pemilihan = models.CharField(max_length=10, choices=Pemilihan.choices)
    tahun = models.PositiveSmallIntegerField(help_text="Tahun pemungutan suara, misalnya 2024.")
    nama = models.CharField("nama tahapan", max_length=200)
    mulai = models.DateField()
    selesai = models.DateField()
    wilayah = models.ForeignKey(
        "kesbangpol.Wilayah",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tahapan_pemilu",
        help_text="Kosongkan untuk tahapan nasional; isi provinsi atau kab/kota untuk tahapan setempat.",
    )
    sumber = models.CharField(
        max_length=200, blank=True, help_text="Dasar jadwal, misalnya PKPU 2/2024. Kosong bila contoh."
    )
    contoh = models.BooleanField(
        default=False, help_text="Contoh untuk demo, bukan dari jadwal KPU yang diterbitkan."
    )
    history = HistoricalRecords()

    objects = TahapanQuerySet.as_manager()

    class Meta:
        verbose_name = "tahapan pemilu/pilkada"
        verbose_name_plural = "tahapan pemilu/pilkada"
        ordering = ["mulai", "selesai", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="tahapan_selesai_setelah_mulai"
            ),
        ]

    def __str__(self):
        return f"{self.get_pemilihan_display()} {self.tahun}: {self.nama}"

    @property
    def cakupan(self) -> str:
        return self.wilayah.nama if self.wilayah_id else "Nasional"

    def clean(self):
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
