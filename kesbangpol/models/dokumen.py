"""Rendered documents: a PDF or a large export built by a Celery task (the job: who asked, state,
progress, timings) and its stored file with SHA-256 and a public verification code
(kesbangpol/dokumen.py holds the builders and the task)."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from kesbangpol import access
from kesbangpol.models import Wilayah
from kesbangpol.models.klasifikasi import Klasifikasi


class DokumenQuerySet(models.QuerySet):
    def _provinsi(self, user):
        """Province documents (the governor's summary, rakor reports) go to the province's staff
        and pimpinan only; kab/kota users see none (PRODUCT.md §4)."""
        if not access.tingkat_provinsi(user):
            return self.none()
        return self.filter(access.q_wilayah(user, "provinsi"))

    def for_user(self, user):
        return self._provinsi(user).filter(access.q_rahasia(user, "provinsi"))

    def tersembunyi(self, user) -> int:
        """How many of the province's documents are Rahasia and held back from ``user``: the list
        says so instead of looking empty to a pimpinan whose staff made a Rahasia summary."""
        return self._provinsi(user).exclude(access.q_rahasia(user, "provinsi")).count()


def _kode_verifikasi() -> str:
    # 10 characters of Crockford-like base32 without look-alikes: typed from paper if the QR fails.
    alfabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alfabet) for _ in range(10))


class Dokumen(models.Model):
    """A rendered document: the job (who asked, state, progress, timings) and its stored PDF with
    SHA-256 and a public verification code."""

    class Status(models.TextChoices):
        ANTRE = "antre", "Dalam antrean"
        BERJALAN = "berjalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField(max_length=40)
    objek_id = models.PositiveIntegerField()
    # Empty for a national document (an export of every province), which national admins alone see.
    provinsi = models.ForeignKey(
        Wilayah, on_delete=models.PROTECT, related_name="dokumen", null=True, blank=True
    )
    judul = models.CharField(max_length=300)
    parameter = models.JSONField(default=dict, blank=True)
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="dokumen_diminta"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRE)
    progres = models.PositiveSmallIntegerField(default=0)
    pesan_galat = models.TextField(blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)
    dibuat = models.DateTimeField(auto_now_add=True)
    dikirim_pada = models.DateTimeField(null=True, blank=True, help_text="Terakhir diserahkan ke broker.")
    mulai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    detik_konteks = models.FloatField(null=True, blank=True)
    detik_render = models.FloatField(null=True, blank=True)
    berkas = models.FileField(max_length=200, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    ukuran = models.PositiveIntegerField(null=True, blank=True)
    halaman = models.PositiveIntegerField(null=True, blank=True)
    kode = models.CharField("kode verifikasi", max_length=12, unique=True, default=_kode_verifikasi)
    # The highest classification of what it contains, set when rendered.
    klasifikasi = models.CharField(max_length=10, choices=Klasifikasi.choices, default=Klasifikasi.TERBATAS)
    alamat_portal = models.URLField(
        "alamat portal peminta", blank=True, help_text="Untuk kode QR bila PORTAL_URL tidak diatur."
    )

    objects = DokumenQuerySet.as_manager()

    class Meta:
        verbose_name = "dokumen"
        verbose_name_plural = "dokumen"
        ordering = ["-dibuat"]
        indexes = [
            models.Index(fields=["status", "dikirim_pada"], name="dokumen_antrean_idx"),
            models.Index(fields=["jenis", "objek_id"], name="dokumen_objek_idx"),
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("kesbangpol:dokumen", args=[self.pk])

    # The file's kind, as its builder makes it (PDFs, and the large exports built by a task).
    FORMAT = {"pdf": "PDF", "xlsx": "Excel"}

    @property
    def format(self) -> str:
        from kesbangpol import dokumen

        return dokumen.builder(self.jenis).format

    @property
    def format_label(self) -> str:
        return self.FORMAT.get(self.format, self.format.upper())

    @property
    def url_verifikasi(self) -> str:
        """For the QR code: the configured public address, else the one the requester had open."""
        dasar = (
            settings.PORTAL_URL
            if settings.PORTAL_URL_DIATUR or not self.alamat_portal
            else self.alamat_portal
        )
        return dasar.rstrip("/") + reverse("verifikasi", args=[self.kode])

    # A job still queued this long after it was asked for has no worker taking it.
    TERTAHAN_DETIK = 45

    @property
    def tertahan(self) -> bool:
        return (
            self.status == self.Status.ANTRE
            and (timezone.now() - self.dibuat).total_seconds() > self.TERTAHAN_DETIK
        )

    @property
    def durasi(self) -> float | None:
        if self.mulai and self.selesai:
            return (self.selesai - self.mulai).total_seconds()
        return None
