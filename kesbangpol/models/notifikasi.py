"""Notifications: what each person is told, how they chose to hear of each kind, and the scheduled
mails already sent (kesbangpol/notifikasi.py holds the reasons and the sending)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class CaraKabar(models.TextChoices):
    """How a person wants to hear of one kind of event (PRODUCT.md §4, "as they choose")."""

    SEGERA = "segera", "Surel segera"
    HARIAN = "harian", "Ringkasan harian lewat surel"
    PORTAL = "portal", "Hanya di portal"


class NotifikasiQuerySet(models.QuerySet):
    def for_user(self, user):
        """A notification is its recipient's alone, whatever their role."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(penerima=user)

    def belum_dibaca(self):
        return self.filter(dibaca__isnull=True)


class Notifikasi(models.Model):
    """One event that concerns one person, shown under the bell and kept 180 days
    (``kesbangpol.notifikasi.bersihkan``). Apps create them through ``kesbangpol.notifikasi.kirim``."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi"
    )
    jenis = models.CharField(max_length=40, help_text="Jenis kejadian, didaftarkan oleh aplikasi.")
    judul = models.CharField(max_length=300)
    isi = models.TextField(blank=True, help_text="Teks lengkap, sama dengan isi surelnya.")
    url = models.CharField("tautan", max_length=300, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    dibaca = models.DateTimeField(null=True, blank=True)
    dikirim_surel = models.DateTimeField(
        null=True, blank=True, help_text="Kapan dikirim lewat surel (segera atau dalam ringkasan harian)."
    )

    objects = NotifikasiQuerySet.as_manager()

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat", "-pk"]
        indexes = [
            # The bell counts a person's unread ones on every page.
            models.Index(fields=["penerima", "dibaca"], name="notifikasi_belum_dibaca_idx"),
            models.Index(fields=["dibuat"], name="notifikasi_dibuat_idx"),
            # notifikasi.tuntas: the unread ones about one object, when its task is done.
            models.Index(
                fields=["jenis", "url"], condition=Q(dibaca__isnull=True), name="notifikasi_menunggu_idx"
            ),
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("kesbangpol:notifikasi_buka", args=[self.pk])

    @property
    def label_jenis(self) -> str:
        from kesbangpol import notifikasi

        return notifikasi.label(self.jenis)


class PreferensiKabar(models.Model):
    """A person's choice for one kind of event; without a row the kind's default applies."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferensi_kabar"
    )
    jenis = models.CharField(max_length=40)
    cara = models.CharField(max_length=10, choices=CaraKabar.choices)

    class Meta:
        verbose_name = "preferensi notifikasi"
        verbose_name_plural = "preferensi notifikasi"
        constraints = [
            models.UniqueConstraint(fields=["pengguna", "jenis"], name="preferensi_kabar_unik"),
        ]

    def __str__(self):
        return f"{self.pengguna}: {self.jenis} → {self.get_cara_display()}"


class KirimanTerjadwal(models.Model):
    """What a scheduled job sent: a unique row per recipient, kind and day, claimed before the mail
    goes, so a job that runs twice on one day (a second beat, a cron retry) sends nothing twice."""

    penerima = models.CharField(max_length=254, help_text="Nama pengguna atau alamat surel kantor.")
    jenis = models.CharField(max_length=60)
    tanggal = models.DateField()
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kiriman terjadwal"
        verbose_name_plural = "kiriman terjadwal"
        ordering = ["-tanggal", "jenis", "penerima"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "jenis", "tanggal"], name="kiriman_sekali_sehari"),
        ]

    def __str__(self):
        return f"{self.tanggal} {self.jenis} → {self.penerima}"
