"""Early warning (peringatan dini): urgent incident reports with their timeline, and the signals
computed from the data (``laporan.sinyal``). Imported by ``laporan.models``."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kesbangpol import access
from kesbangpol.models import Wilayah
from kesbangpol.models.klasifikasi import field_klasifikasi
from laporan.models import TRIWULAN_ROMAWI
from laporan.models.kolom import (
    KetelitianTanggal,
    _aktor,
    _jenis_kejadian,
    _jenis_sumber,
    _kecamatan,
    _ketelitian_lokasi,
    _verifikasi,
    periksa_lokasi,
)


class SegeraQuerySet(access.ScopedQuerySet):
    wilayah_field = "kabkota"

    def for_user(self, user):
        """The province and the kab/kota see their own; national admins only what was escalated."""
        qs = super().for_user(user).terlihat(user)
        return qs.filter(dieskalasi_pada__isnull=False) if access.lingkup(user).nasional else qs

    def terlihat(self, user):
        return self.filter(access.q_rahasia(user, "kabkota__provinsi"))

    def dalam_keadaan(self, keadaan: str):
        """Those in one of ``LaporanSegera.KEADAAN``; all for anything else."""
        pilihan = self.model.KEADAAN
        return self.filter(pilihan[keadaan][1]) if keadaan in pilihan else self


class LaporanSegera(models.Model):
    """An urgent incident report (laporan segera), filed by a kab/kota any day rather than waiting for
    the quarter. The province acknowledges it, may ask for an update and may escalate it to national
    level; the kab/kota adds dated updates. When the quarter's report is opened (or is already open)
    the incident is in it as a kejadian konflik (``KejadianKonflik.segera``)."""

    Ketelitian = KetelitianTanggal

    # The urgent-report list's states (its page and the API filter them alike): label and condition.
    KEADAAN = {
        "belum": ("Belum ditanggapi", Q(diketahui_pada__isnull=True)),
        "diminta": ("Menunggu pembaruan", Q(pembaruan_diminta_pada__isnull=False)),
        "eskalasi": ("Dieskalasi", Q(dieskalasi_pada__isnull=False)),
        "korban": ("Ada korban meninggal atau pengungsi", Q(meninggal__gt=0) | Q(mengungsi__gt=0)),
    }

    kabkota = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="laporan_segera")
    judul = models.CharField(
        max_length=200, help_text="Ringkas, misalnya Bentrok warga dan perusahaan di Desa Luan."
    )
    uraian = models.TextField("apa yang terjadi", max_length=10_000)
    tanggal = models.DateField("tanggal kejadian")
    ketelitian_tanggal = models.CharField(
        "ketelitian tanggal", max_length=10, choices=Ketelitian.choices, default=Ketelitian.HARI
    )
    kecamatan = _kecamatan()
    desa = models.CharField("desa/kelurahan", max_length=100, blank=True)
    latitude = models.DecimalField("lintang", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("bujur", max_digits=9, decimal_places=6, null=True, blank=True)
    ketelitian_lokasi = _ketelitian_lokasi()
    jenis = _jenis_kejadian()
    pihak = models.TextField("pihak yang terlibat", blank=True, max_length=2000)
    aktor_1 = _aktor("jenis aktor pihak pertama")
    aktor_2 = _aktor("jenis aktor pihak kedua")
    jenis_sumber = _jenis_sumber()
    verifikasi = _verifikasi()
    klasifikasi = field_klasifikasi()
    meninggal = models.PositiveIntegerField("korban meninggal", default=0)
    luka = models.PositiveIntegerField("korban luka", default=0)
    mengungsi = models.PositiveIntegerField("pengungsi", default=0)
    kerugian = models.TextField("kerugian materiil", blank=True, max_length=2000)
    penanganan = models.TextField("penanganan sejauh ini", blank=True, max_length=5000)
    usulan = models.TextField("yang diharapkan dari provinsi", blank=True, max_length=3000)
    dilaporkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dilaporkan_pada = models.DateTimeField(default=timezone.now, db_index=True)
    diketahui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diketahui_pada = models.DateTimeField(null=True, blank=True)
    # Set while the province waits for an update; cleared by the kab/kota's next update.
    pembaruan_diminta_pada = models.DateTimeField(null=True, blank=True)
    dieskalasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dieskalasi_pada = models.DateTimeField(null=True, blank=True)
    contoh = models.BooleanField(default=False, help_text="Data contoh untuk demo.")
    history = HistoricalRecords()

    objects = SegeraQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan segera"
        verbose_name_plural = "laporan segera"
        ordering = ["-dilaporkan_pada", "-pk"]
        indexes = [models.Index(fields=["kabkota", "tanggal"], name="segera_kabkota_tanggal_idx")]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("laporan:segera_detail", args=[self.pk])

    @property
    def korban(self) -> int:
        return self.meninggal + self.luka

    @property
    def keadaan(self) -> str:
        if self.pembaruan_diminta_pada:
            return "Menunggu pembaruan"
        return "Sudah ditanggapi provinsi" if self.diketahui_pada else "Belum ditanggapi provinsi"

    def dapat_diubah_oleh(self, user) -> bool:
        """The kab/kota's own writers add updates."""
        return access.dapat_menulis(user) and access.lingkup(user).kabkota_id == self.kabkota_id

    def dapat_ditanggapi_oleh(self, user) -> bool:
        """The province's staff (not national admins, who read escalated ones) acknowledge, ask for
        an update and escalate."""
        scope = access.lingkup(user)
        return (
            access.adalah_staf_provinsi(user)
            and access.dapat_menulis(user)
            and scope.provinsi_id == self.kabkota.provinsi_id
        )

    def clean(self):
        errors = periksa_lokasi(self)
        if self.tanggal and self.tanggal > timezone.localdate() + datetime.timedelta(days=1):
            errors["tanggal"] = "Tanggal kejadian tidak boleh di masa depan."
        if errors:
            raise ValidationError(errors)


class CatatanSegeraQuerySet(access.MelaluiIndukQuerySet):
    induk = "segera"


class CatatanSegera(models.Model):
    """The incident's timeline: the kab/kota's dated updates and every step the province took."""

    class Jenis(models.TextChoices):
        PEMBARUAN = "pembaruan", "Pembaruan dari kabupaten/kota"
        DIKETAHUI = "diketahui", "Ditanggapi provinsi"
        DIMINTA = "diminta", "Provinsi meminta pembaruan"
        DIESKALASI = "dieskalasi", "Dieskalasi ke tingkat nasional"

    segera = models.ForeignKey(LaporanSegera, on_delete=models.CASCADE, related_name="catatan")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    isi = models.TextField(blank=True, max_length=5000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)

    objects = CatatanSegeraQuerySet.as_manager()

    class Meta:
        verbose_name = "catatan laporan segera"
        verbose_name_plural = "catatan laporan segera"
        ordering = ["waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(jenis__in=["pembaruan", "diminta", "dieskalasi"]) | ~Q(isi=""),
                name="catatan_segera_isi_wajib",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.waktu:%Y-%m-%d}"


class SinyalQuerySet(models.QuerySet):
    def for_user(self, user):
        """Signals are the province's reading of its data: its staff, admins and pimpinan (and
        national admins) see them; kab/kota users do not. A signal that quotes an urgent report
        (or counts one) reaches national admins only once the province escalated it, as the report
        itself does."""
        scope = access.lingkup(user)
        if scope.nasional:
            return self.filter(segera_internal=False)
        if scope.seluruh_provinsi:
            return self.filter(provinsi_id=scope.provinsi_id)
        return self.none()

    def terbuka(self):
        return self.filter(aktif=True, ditutup_pada__isnull=True)

    def dalam_keadaan(self, keadaan: str):
        """The signals list's states: terbuka, ditutup (by staff), lewat (no longer true); else all."""
        if keadaan == "terbuka":
            return self.terbuka()
        if keadaan == "ditutup":
            return self.filter(ditutup_pada__isnull=False)
        if keadaan == "lewat":
            return self.filter(aktif=False, ditutup_pada__isnull=True)
        return self


class Sinyal(models.Model):
    """An early-warning signal computed from the data (``laporan.sinyal``): a sentence that explains
    itself and a link to the rows behind it. Recomputed when its data changes; ``kunci`` names what it
    is about, so a recompute updates it instead of adding another. Staff may dismiss one with a reason."""

    class Jenis(models.TextChoices):
        SEGERA_KORBAN = "segera_korban", "Laporan segera dengan korban jiwa atau pengungsi"
        NAIK_TINGGI = "naik_tinggi", "Potensi naik ke tingkat tinggi"
        MENINGKAT = "meningkat", "Potensi meningkat dua triwulan berturut-turut"
        PUNCAK_KORBAN = "puncak_korban", "Korban tertinggi dalam 8 triwulan"
        PUNCAK_KEJADIAN = "puncak_kejadian", "Kejadian terbanyak dalam 8 triwulan"
        SARA_BARU = "sara_baru", "Potensi SARA pertama dalam 4 triwulan"
        POLITIK_TAHAPAN = "politik_tahapan", "Potensi politik di masa tahapan pemilu/pilkada"

    # The signals list's states (its page, its export and the API filter them alike).
    KEADAAN = {
        "terbuka": "Terbuka",
        "ditutup": "Ditutup staf",
        "lewat": "Tidak berlaku lagi",
        "semua": "Semua",
    }

    provinsi = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="+")
    kabkota = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="sinyal")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    kunci = models.CharField(max_length=200, unique=True)
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    kalimat = models.TextField()
    url = models.CharField("tautan", max_length=300)
    skor = models.PositiveSmallIntegerField(default=1, help_text="Makin besar makin kuat.")
    dieskalasi = models.BooleanField(default=False)
    segera_internal = models.BooleanField(
        default=False,
        help_text="Mengutip atau menghitung laporan segera yang belum dieskalasi: tidak tampil bagi admin "
        "nasional.",
    )
    aktif = models.BooleanField(default=True, help_text="Masih berlaku menurut data terakhir.")
    dibuat = models.DateTimeField(default=timezone.now)
    diperbarui = models.DateTimeField(default=timezone.now)
    ditutup_pada = models.DateTimeField(null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    alasan_tutup = models.TextField("alasan ditutup", blank=True, max_length=2000)
    history = HistoricalRecords(excluded_fields=["diperbarui"])

    objects = SinyalQuerySet.as_manager()

    class Meta:
        verbose_name = "sinyal peringatan dini"
        verbose_name_plural = "sinyal peringatan dini"
        ordering = ["-dieskalasi", "-skor", "-tahun", "-triwulan", "kabkota__kode", "pk"]
        indexes = [models.Index(fields=["provinsi", "aktif", "ditutup_pada"], name="sinyal_terbuka_idx")]

    def __str__(self):
        return self.kalimat[:80]

    @property
    def periode_label(self) -> str:
        return f"TW {TRIWULAN_ROMAWI[self.triwulan]} {self.tahun}"
