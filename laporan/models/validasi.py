"""Validation rules a province adds to the built-in ones (``laporan.validasi``), in two fixed shapes:
a field that must be filled (optionally only for potensi of one level), and a number above a limit.
Each either refuses the submission or only warns."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from kesbangpol import access
from kesbangpol.models import Wilayah

# The fields a rule may name, per kind of item, with the label the message uses.
KOLOM_UMUM = {
    "kecamatan": "kecamatan",
    "desa": "desa/kelurahan",
    "latitude": "koordinat",
    "pihak": "pihak yang terlibat",
    "aktor_1": "jenis aktor pihak pertama",
    "aktor_2": "jenis aktor pihak kedua",
}
KOLOM_WAJIB = {
    "potensi": KOLOM_UMUM
    | {
        "latar_belakang": "latar belakang",
        "langkah": "langkah yang telah diambil",
        "usulan": "usulan tindakan",
    },
    "kejadian": KOLOM_UMUM
    | {"jenis": "jenis kejadian", "kerugian": "kerugian materiil", "penanganan": "penanganan"},
}
KOLOM_ANGKA = {"meninggal": "korban meninggal", "luka": "korban luka", "mengungsi": "pengungsi"}


class AturanValidasiQuerySet(access.ScopedQuerySet):
    wilayah_field = "provinsi"


class AturanValidasi(models.Model):
    class Bentuk(models.TextChoices):
        WAJIB = "wajib", "Kolom wajib diisi"
        BATAS = "batas", "Angka melebihi batas"

    class Keparahan(models.TextChoices):
        GALAT = "galat", "Menolak pengajuan"
        PERINGATAN = "peringatan", "Peringatan saja"

    class Butir(models.TextChoices):
        POTENSI = "potensi", "Potensi konflik"
        KEJADIAN = "kejadian", "Kejadian konflik"

    provinsi = models.ForeignKey(
        Wilayah,
        on_delete=models.CASCADE,
        related_name="aturan_validasi",
        limit_choices_to={"tingkat": "provinsi"},
    )
    bentuk = models.CharField(max_length=10, choices=Bentuk.choices)
    butir = models.CharField(max_length=10, choices=Butir.choices)
    kolom = models.CharField(
        max_length=20,
        choices=sorted({(k, v) for d in (*KOLOM_WAJIB.values(), KOLOM_ANGKA) for k, v in d.items()}),
        help_text="Kolom wajib: kecamatan, desa, koordinat, pihak, aktor, dst. Batas angka: meninggal, luka, "
        "mengungsi (hanya kejadian).",
    )
    tingkat = models.CharField(
        max_length=10,
        blank=True,
        choices=[("rendah", "Rendah"), ("sedang", "Sedang"), ("tinggi", "Tinggi")],
        help_text="Hanya untuk potensi bertingkat ini; kosongkan untuk semua.",
    )
    batas = models.PositiveIntegerField(null=True, blank=True, help_text="Untuk bentuk batas angka.")
    keparahan = models.CharField(max_length=10, choices=Keparahan.choices, default=Keparahan.GALAT)
    pesan = models.CharField(
        max_length=200,
        blank=True,
        help_text="Pesan sendiri (opsional); bawaannya menyebut kolom dan syaratnya.",
    )
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords()

    objects = AturanValidasiQuerySet.as_manager()

    class Meta:
        verbose_name = "aturan validasi provinsi"
        verbose_name_plural = "aturan validasi provinsi"
        ordering = ["provinsi", "butir", "pk"]

    def __str__(self):
        if self.bentuk == self.Bentuk.BATAS:
            return f"{self.get_butir_display()}: {KOLOM_ANGKA.get(self.kolom, self.kolom)} > {self.batas}"
        syarat = f" (tingkat {self.tingkat})" if self.tingkat else ""
        return (
            f"{self.get_butir_display()}{syarat}: {KOLOM_WAJIB[self.butir].get(self.kolom, self.kolom)} wajib"
        )

    def clean(self):
        if self.bentuk == self.Bentuk.WAJIB and self.kolom not in KOLOM_WAJIB.get(self.butir, {}):
            raise ValidationError({"kolom": "Kolom ini tidak dapat diwajibkan untuk jenis butir tersebut."})
        if self.bentuk == self.Bentuk.BATAS:
            if self.butir != self.Butir.KEJADIAN or self.kolom not in KOLOM_ANGKA:
                raise ValidationError(
                    {"kolom": "Batas angka hanya untuk korban kejadian (meninggal, luka, mengungsi)."}
                )
            if self.batas is None:
                raise ValidationError({"batas": "Isi batasnya."})
        if self.tingkat and self.butir != self.Butir.POTENSI:
            raise ValidationError({"tingkat": "Syarat tingkat hanya berlaku untuk potensi."})

    def berlaku(self, item) -> bool:
        return not self.tingkat or getattr(item, "tingkat", None) == self.tingkat

    def dilanggar(self, item) -> bool:
        nilai = getattr(
            item, f"{self.kolom}_id" if self.kolom in ("jenis", "aktor_1", "aktor_2") else self.kolom
        )
        if self.bentuk == self.Bentuk.BATAS:
            return (nilai or 0) > self.batas
        return nilai in (None, "")

    def teks(self) -> str:
        if self.pesan:
            return self.pesan
        if self.bentuk == self.Bentuk.BATAS:
            kolom = KOLOM_ANGKA[self.kolom].capitalize()
            return f"{kolom} melebihi {self.batas} (aturan provinsi): periksa lagi angkanya."
        syarat = f" untuk potensi bertingkat {self.tingkat}" if self.tingkat else ""
        return f"{KOLOM_WAJIB[self.butir][self.kolom].capitalize()} wajib diisi{syarat} (aturan provinsi)."
