"""A rakor's parts: its speakers, agenda, directions, participants and photos and documents. Each
is seen and changed through its rakor (``BagianRakorQuerySet``, ``BagianRakor``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kesbangpol import access
from kesbangpol import berkas as unggahan
from kesbangpol.models import Instansi
from kesbangpol.models.klasifikasi import field_klasifikasi
from kesbangpol.templatetags.portal import potong
from rakor.models import Orang, Rakor


class BagianRakorQuerySet(access.MelaluiIndukQuerySet):
    """A rakor's speakers, agenda items, directions, photos and participants: seen and changed
    through their rakor."""

    induk = "rakor"


class DokumentasiQuerySet(BagianRakorQuerySet):
    def for_user(self, user):
        return super().for_user(user).terlihat(user)

    def terlihat(self, user):
        """Without the rahasia documents the user is not cleared for (``access.q_rahasia``)."""
        return self.filter(access.q_rahasia(user, "rakor__provinsi"))


class BagianRakor:
    def dapat_diubah_oleh(self, user) -> bool:
        return self.rakor.dapat_diubah_oleh(user)


class Narasumber(BagianRakor, models.Model):
    class Moda(models.TextChoices):
        LURING = "luring", "Luring"
        DARING = "daring", "Daring"

    rakor = models.ForeignKey(Rakor, on_delete=models.CASCADE, related_name="narasumber")
    orang = models.ForeignKey(Orang, on_delete=models.PROTECT, related_name="narasumber")
    jabatan = models.CharField(
        "jabatan saat itu", max_length=200, blank=True, help_text="Jabatan narasumber pada saat rakor."
    )
    materi = models.CharField(max_length=300, blank=True, help_text="Judul materi yang disampaikan.")
    moda = models.CharField(max_length=10, choices=Moda.choices, default=Moda.LURING)
    bahan = models.FileField("bahan paparan", upload_to="rakor/bahan/", blank=True, max_length=200)
    bahan_nama = models.CharField(max_length=200, blank=True, editable=False)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()
    objects = BagianRakorQuerySet.as_manager()

    class Meta:
        verbose_name = "narasumber"
        verbose_name_plural = "narasumber"
        ordering = ["urutan", "pk"]
        constraints = [models.UniqueConstraint(fields=["rakor", "orang"], name="narasumber_unik_per_rakor")]

    def __str__(self):
        return f"{self.orang} — {self.materi}" if self.materi else str(self.orang)


class Agenda(BagianRakor, models.Model):
    rakor = models.ForeignKey(Rakor, on_delete=models.CASCADE, related_name="agenda")
    tanggal = models.DateField()
    jam_mulai = models.TimeField("jam mulai", help_text="Waktu setempat, misalnya 19.30.")
    jam_selesai = models.TimeField("jam selesai", null=True, blank=True)
    acara = models.CharField(max_length=300, help_text="Misalnya Pembukaan, Paparan narasumber, Diskusi.")
    narasumber = models.ForeignKey(
        Narasumber, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda"
    )
    keterangan = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()
    objects = BagianRakorQuerySet.as_manager()

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agenda"
        ordering = ["tanggal", "jam_mulai", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_selesai__isnull=True) | Q(jam_selesai__gt=models.F("jam_mulai")),
                name="agenda_jam_berurutan",
            ),
        ]

    def __str__(self):
        return self.acara

    def clean(self):
        errors = {}
        if self.jam_selesai and self.jam_mulai and self.jam_selesai <= self.jam_mulai:
            errors["jam_selesai"] = "Jam selesai harus setelah jam mulai."
        if (
            self.tanggal
            and self.rakor_id
            and not (self.rakor.tanggal_mulai <= self.tanggal <= self.rakor.tanggal_selesai)
        ):
            errors["tanggal"] = "Tanggal agenda harus di dalam rentang tanggal rakor."
        if self.narasumber_id and self.rakor_id and self.narasumber.rakor_id != self.rakor_id:
            errors["narasumber"] = "Narasumber harus dari rakor yang sama."
        if errors:
            raise ValidationError(errors)


class Arahan(BagianRakor, models.Model):
    """A key message or direction given at the rakor (arahan / pokok bahasan)."""

    rakor = models.ForeignKey(Rakor, on_delete=models.CASCADE, related_name="arahan")
    isi = models.TextField(max_length=5000, help_text="Pokok arahan, sebaiknya satu gagasan per butir.")
    disampaikan_oleh = models.CharField(
        "disampaikan oleh", max_length=200, help_text="Nama dan jabatan, misalnya Sekda Kalbar Harisson."
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()
    objects = BagianRakorQuerySet.as_manager()

    class Meta:
        verbose_name = "arahan"
        verbose_name_plural = "arahan"
        ordering = ["urutan", "pk"]

    def __str__(self):
        return potong(self.isi, 80)


class PesertaQuerySet(BagianRakorQuerySet):
    def baris(self) -> list[dict]:
        """What a participant row and the attendance figures show, as plain dicts in the model's
        order: a provincial rakor has 50 rows and more, and four model instances a row were most of
        the list's cost."""
        kehadiran, moda = dict(Peserta.Kehadiran.choices), dict(Narasumber.Moda.choices)
        kolom = ["jabatan", "kehadiran", "diwakili_oleh", "moda", "orang_id", "orang__nama"]
        kolom += ["instansi__nama", "instansi__jenis", "instansi__wilayah__kode", "instansi__wilayah__nama"]
        rows = list(self.values(*kolom))
        for r in rows:
            r["kehadiran_label"] = kehadiran.get(r["kehadiran"], r["kehadiran"])
            r["moda_label"] = moda.get(r["moda"], r["moda"])
        return rows


class Peserta(BagianRakor, models.Model):
    """An invitation to a rakor and what became of it. The office is required (invitations go to
    offices: "Kepala Bappeda Kabupaten/Kota se-Kaltim"); the person is known once someone is named."""

    class Kehadiran(models.TextChoices):
        DIUNDANG = "diundang", "Diundang (belum dicatat)"
        HADIR = "hadir", "Hadir"
        DIWAKILKAN = "diwakilkan", "Diwakilkan"
        TIDAK_HADIR = "tidak_hadir", "Tidak hadir"

    HADIR = (Kehadiran.HADIR, Kehadiran.DIWAKILKAN)

    rakor = models.ForeignKey(Rakor, on_delete=models.CASCADE, related_name="peserta")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="undangan_rakor")
    orang = models.ForeignKey(
        Orang, on_delete=models.PROTECT, null=True, blank=True, related_name="kepesertaan"
    )
    jabatan = models.CharField(
        "jabatan saat itu",
        max_length=200,
        blank=True,
        help_text="Misalnya Kepala Badan; dipakai di daftar hadir.",
    )
    kehadiran = models.CharField(max_length=20, choices=Kehadiran.choices, default=Kehadiran.DIUNDANG)
    diwakili_oleh = models.CharField(
        "diwakili oleh", max_length=200, blank=True, help_text="Nama dan jabatan wakil, bila diwakilkan."
    )
    moda = models.CharField(max_length=10, choices=Narasumber.Moda.choices, default=Narasumber.Moda.LURING)
    keterangan = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = PesertaQuerySet.as_manager()

    class Meta:
        verbose_name = "peserta"
        verbose_name_plural = "peserta"
        ordering = ["instansi__wilayah__kode", "instansi__jenis", "instansi__nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakor", "orang"],
                condition=Q(orang__isnull=False),
                name="peserta_orang_unik_per_rakor",
                violation_error_message="Orang ini sudah terdaftar sebagai peserta rakor ini.",
            ),
            models.CheckConstraint(
                condition=~Q(kehadiran="diwakilkan") | ~Q(diwakili_oleh=""),
                name="peserta_diwakilkan_bernama",
            ),
        ]
        indexes = [models.Index(fields=["instansi", "rakor"], name="peserta_instansi_rakor_idx")]

    def __str__(self):
        return f"{self.nama_tampil} ({self.instansi})"

    @property
    def nama_tampil(self) -> str:
        return self.orang.nama if self.orang_id else (self.jabatan or "Perwakilan")

    def clean(self):
        if self.kehadiran == self.Kehadiran.DIWAKILKAN and not self.diwakili_oleh.strip():
            raise ValidationError({"diwakili_oleh": "Isi nama wakil bila peserta diwakilkan."})
        if self.kehadiran != self.Kehadiran.DIWAKILKAN:
            self.diwakili_oleh = ""


class Dokumentasi(BagianRakor, models.Model):
    """A photo or document of the rakor, downloaded only through an access-checked view."""

    rakor = models.ForeignKey(Rakor, on_delete=models.CASCADE, related_name="dokumentasi")
    berkas = models.FileField(max_length=200)
    nama_asli = models.CharField("nama berkas", max_length=200)
    jenis_berkas = models.CharField(max_length=10, choices=[(k, j.label) for k, j in unggahan.SEMUA.items()])
    ukuran = models.PositiveIntegerField()
    keterangan = models.CharField(max_length=300, help_text="Keterangan foto atau dokumen.")
    klasifikasi = field_klasifikasi()
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diunggah = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = DokumentasiQuerySet.as_manager()

    class Meta:
        verbose_name = "dokumentasi"
        verbose_name_plural = "dokumentasi"
        ordering = ["diunggah", "pk"]

    def __str__(self):
        return self.keterangan

    @property
    def jenis(self) -> unggahan.Jenis:
        return unggahan.SEMUA[self.jenis_berkas]
