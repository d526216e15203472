"""The columns report items and urgent reports share: place and date precision, source and
verification, the codebook's event type and actor types, and the coordinate check. Imported by
``laporan.models``, which re-exports them."""

import re

from django.db import models

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


def periksa_lokasi(obj) -> dict:
    """Errors in an item's place (the coordinates, and a titik precision without them), with the
    precision lowered to what is filled: desa/kelurahan needs a desa and kecamatan a kecamatan, else
    the finest level filled (desa/kelurahan is the form's default, which an operator who knows only
    the kecamatan leaves as it is)."""
    errors = periksa_koordinat(obj.latitude, obj.longitude)
    K = KetelitianLokasi
    if obj.ketelitian_lokasi == K.TITIK and (obj.latitude is None or obj.longitude is None):
        errors.setdefault("latitude", "Ketelitian 'titik koordinat' memerlukan lintang dan bujur.")
    if obj.ketelitian_lokasi == K.DESA and not obj.desa:
        obj.ketelitian_lokasi = K.KECAMATAN
    if obj.ketelitian_lokasi == K.KECAMATAN and not obj.kecamatan:
        obj.ketelitian_lokasi = K.KABKOTA
    return errors


class KecamatanField(models.CharField):
    """A kecamatan's name without the "Kec."/"Kecamatan" an operator may type before it: every page
    and the governor's summary write "Kec. {name}" (on full_clean, which forms and imports run)."""

    AWALAN = re.compile(r"^\s*(kecamatan\s+|kec\.\s*|kec\s+)", re.IGNORECASE)

    def to_python(self, value):
        value = super().to_python(value)
        return self.AWALAN.sub("", value) if value else value


def _kecamatan():
    return KecamatanField(max_length=100, blank=True, help_text="Nama kecamatan saja, misalnya Tanah Grogot.")


class KetelitianTanggal(models.TextChoices):
    HARI = "hari", "Tanggal pasti"
    MINGGU = "minggu", "Dalam minggu itu"
    BULAN = "bulan", "Dalam bulan itu"


class KetelitianLokasi(models.TextChoices):
    TITIK = "titik", "Titik koordinat"
    DESA = "desa", "Desa/kelurahan"
    KECAMATAN = "kecamatan", "Kecamatan"
    KABKOTA = "kabkota", "Kabupaten/kota saja"


class JenisSumber(models.TextChoices):
    """Where an item's information comes from (ACLED's source, Ushahidi's and ECOWARN's practice)."""

    LAPANGAN = "lapangan", "Laporan lapangan"
    APARAT = "aparat", "Aparat (TNI/Polri/instansi)"
    MEDIA = "media", "Media"
    MASYARAKAT = "masyarakat", "Masyarakat"
    INTELIJEN = "intelijen", "Intelijen"


class Verifikasi(models.TextChoices):
    """How far an item is confirmed. The governor's summary lists only verified items in its main
    sections; *belum diverifikasi* goes to a labelled annex."""

    BELUM = "belum", "Belum diverifikasi"
    SATU = "satu", "Terkonfirmasi satu sumber"
    BEBERAPA = "beberapa", "Terkonfirmasi beberapa sumber"
    RESMI = "resmi", "Terverifikasi resmi"


def _ketelitian_lokasi():
    return models.CharField(
        "ketelitian lokasi",
        max_length=10,
        choices=KetelitianLokasi.choices,
        default=KetelitianLokasi.DESA,
        help_text="Tanpa desa/kelurahan dicatat sebagai kecamatan; tanpa kecamatan, kabupaten/kota saja.",
    )


def _jenis_sumber():
    return models.CharField(
        "jenis sumber", max_length=12, choices=JenisSumber.choices, default=JenisSumber.LAPANGAN
    )


def _verifikasi():
    # An office's own field report is one source; a rumour must be marked as not yet verified.
    return models.CharField(
        "tingkat verifikasi", max_length=12, choices=Verifikasi.choices, default=Verifikasi.SATU
    )


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
