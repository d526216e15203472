"""The codebook: reference lists national admins keep, with stable codes so that data stays
comparable across years. Rows are deactivated, never deleted or recoded, once data may point at
them. Imported by ``laporan.models``."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from kesbangpol import access
from laporan.models import PotensiKonflik


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
