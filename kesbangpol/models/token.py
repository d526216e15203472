"""Personal access tokens for the read-only API: a user creates one on their account page, sees it
once, and may revoke it; only its SHA-256 is stored (the token is 32 random bytes, so a slow hash adds
nothing), with a name, an expiry and the parts of the data it may read."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

AWALAN = "kbp_"
# The last-used stamp is written at most this often, not on every call.
LANGKAH_DIPAKAI = datetime.timedelta(minutes=1)


def sidik(rahasia: str) -> str:
    return hashlib.sha256(rahasia.encode()).hexdigest()


class TokenQuerySet(models.QuerySet):
    def for_user(self, user):
        """One's own tokens only: nobody, admins included, sees or revokes another user's here (an
        admin deactivates the user, which stops their tokens too)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(pengguna=user)

    def berlaku(self):
        return self.filter(dicabut_pada__isnull=True, kedaluwarsa__gt=timezone.now())

    def cabut(self) -> list["TokenAkses"]:
        """Revoke those not revoked yet (by their owner or an admin); returns them, for the audit."""
        cabut = list(self.filter(dicabut_pada__isnull=True))
        self.filter(pk__in=[t.pk for t in cabut]).update(dicabut_pada=timezone.now())
        return cabut


class TokenAkses(models.Model):
    class Cakupan(models.TextChoices):
        WILAYAH = "wilayah", "Wilayah dan instansi"
        RAKOR = "rakor", "Rakor, rekomendasi dan penugasan"
        LAPORAN = "laporan", "Periode, laporan triwulan, laporan segera dan sinyal"

    MASA_BERLAKU = [(30, "30 hari"), (90, "90 hari"), (180, "180 hari"), (365, "1 tahun")]
    BATAS_PER_PENGGUNA = 10

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_akses"
    )
    nama = models.CharField(max_length=100, help_text="Untuk apa token ini, misalnya Dasbor Bappeda.")
    awalan = models.CharField(max_length=12, help_text="Awal token, untuk mengenalinya.")
    sidik = models.CharField(max_length=64, unique=True, editable=False)
    cakupan = models.JSONField(default=list, help_text="Bagian data yang boleh dibaca token ini.")
    dibuat = models.DateTimeField(auto_now_add=True)
    kedaluwarsa = models.DateTimeField()
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)

    objects = TokenQuerySet.as_manager()

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-dibuat", "-pk"]

    def __str__(self):
        return f"{self.nama} ({self.awalan}…)"

    @classmethod
    def buat(cls, pengguna, nama: str, hari: int, cakupan: list[str]) -> tuple["TokenAkses", str]:
        """A new token and its secret, which is shown once and never stored."""
        rahasia = AWALAN + secrets.token_urlsafe(32)
        token = cls.objects.create(
            pengguna=pengguna,
            nama=nama,
            awalan=rahasia[:8],
            sidik=sidik(rahasia),
            cakupan=sorted(cakupan),
            kedaluwarsa=timezone.now() + datetime.timedelta(days=hari),
        )
        return token, rahasia

    @property
    def keadaan(self) -> str:
        if self.dicabut_pada:
            return "Dicabut"
        return "Berlaku" if self.kedaluwarsa > timezone.now() else "Kedaluwarsa"

    @property
    def berlaku(self) -> bool:
        return self.keadaan == "Berlaku"

    def label_cakupan(self) -> list[str]:
        return [self.Cakupan(c).label for c in self.cakupan if c in self.Cakupan.values]

    def tandai_dipakai(self) -> None:
        sekarang = timezone.now()
        if self.terakhir_dipakai is None or sekarang - self.terakhir_dipakai >= LANGKAH_DIPAKAI:
            TokenAkses.objects.filter(pk=self.pk).update(terakhir_dipakai=sekarang)
            self.terakhir_dipakai = sekarang
