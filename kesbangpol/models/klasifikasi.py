"""Classification of records (*biasa*, *terbatas*, *rahasia*) and who may see *rahasia* ones: a
province setting, by role and by named user, deny by default. The check itself lives in
``kesbangpol.access`` (:func:`~kesbangpol.access.q_rahasia`), with the rest of the scope rules."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kesbangpol import access


class Klasifikasi(models.TextChoices):
    BIASA = "biasa", "Biasa"
    TERBATAS = "terbatas", "Terbatas"
    RAHASIA = "rahasia", "Rahasia"


URUTAN = {Klasifikasi.BIASA: 0, Klasifikasi.TERBATAS: 1, Klasifikasi.RAHASIA: 2}
# What stands in for a rahasia record's text wherever someone without clearance could read it.
DIRAHASIAKAN = "[dirahasiakan]"


def tertinggi(nilai) -> str:
    """The highest classification among ``nilai`` (Terbatas when there is none: today's default)."""
    return max(nilai, key=lambda k: URUTAN[k], default=Klasifikasi.TERBATAS)


def field_klasifikasi():
    return models.CharField(
        "klasifikasi",
        max_length=10,
        choices=Klasifikasi.choices,
        default=Klasifikasi.TERBATAS,
        help_text="Rahasia: hanya pengguna yang diberi izin oleh provinsi yang dapat membacanya.",
    )


def batasi_pilihan(field, user, provinsi_id) -> None:
    """A form's classification field as ``user`` may fill it: Rahasia only for one cleared for the
    province (a user who chose it and lost sight of the record would have filed it blind)."""
    if user is not None and access.dapat_membaca_rahasia(user, provinsi_id):
        return
    field.choices = [c for c in field.choices if c[0] != Klasifikasi.RAHASIA]
    field.help_text = "Rahasia hanya dapat dipilih pengguna yang diberi izin data rahasia oleh provinsi."


class IzinRahasiaQuerySet(access.ScopedQuerySet):
    wilayah_field = "provinsi"


class IzinRahasia(models.Model):
    """One grant of a province: every user of a role in it, or one named user, may read its *rahasia*
    records. Without a grant nobody may, national admins included."""

    provinsi = models.ForeignKey(
        "kesbangpol.Wilayah",
        on_delete=models.CASCADE,
        related_name="izin_rahasia",
        limit_choices_to={"tingkat": "provinsi"},
    )
    peran = models.CharField(
        max_length=20,
        blank=True,
        choices=[
            ("admin_provinsi", "Admin Provinsi"),
            ("staf_provinsi", "Staf Kesbangpol Provinsi"),
            ("operator_kabkota", "Operator Kesbangpol Kabupaten/Kota (hanya wilayahnya)"),
            ("pimpinan", "Pimpinan"),
        ],
        help_text="Semua pengguna berperan ini di provinsi ini. Kosongkan bila izin untuk satu pengguna.",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="izin_rahasia",
        help_text="Satu pengguna tertentu (juga admin nasional). Kosongkan bila izin untuk satu peran.",
    )
    keterangan = models.CharField(max_length=200, blank=True, help_text="Dasar pemberian izin.")
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = IzinRahasiaQuerySet.as_manager()

    class Meta:
        verbose_name = "izin data rahasia"
        verbose_name_plural = "izin data rahasia"
        ordering = ["provinsi", "peran", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(peran="") & Q(pengguna__isnull=False))
                | (~Q(peran="") & Q(pengguna__isnull=True)),
                name="izin_rahasia_peran_atau_pengguna",
            ),
            models.UniqueConstraint(
                fields=["provinsi", "peran"], condition=~Q(peran=""), name="izin_rahasia_peran_unik"
            ),
            models.UniqueConstraint(
                fields=["provinsi", "pengguna"],
                condition=Q(pengguna__isnull=False),
                name="izin_rahasia_pengguna_unik",
            ),
        ]

    def __str__(self):
        siapa = self.get_peran_display() if self.peran else str(self.pengguna)
        return f"{siapa} · {self.provinsi}"

    def clean(self):
        if bool(self.peran) == bool(self.pengguna_id):
            raise ValidationError("Isi salah satu: peran, atau satu pengguna.")
        if self.pengguna_id and self.provinsi_id:
            scope = access.lingkup(self.pengguna)
            if not scope.nasional and scope.provinsi_id != self.provinsi_id:
                raise ValidationError({"pengguna": "Pengguna ini bukan dari provinsi tersebut."})
