import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kesbangpol import access, berkas
from kesbangpol.models.klasifikasi import Klasifikasi  # noqa: F401 (the apps import it from here)
from kesbangpol.nip import normalize_nip, validate_nip


class WilayahQuerySet(access.ScopedQuerySet):
    wilayah_field = ""

    def provinsi(self):
        return self.filter(tingkat=Wilayah.Tingkat.PROVINSI)

    def kabkota(self):
        return self.exclude(tingkat=Wilayah.Tingkat.PROVINSI)


class Wilayah(models.Model):
    """A province or kabupaten/kota with its Kemendagri code. All 552 ship with the product
    (migration 0002, from kesbangpol/data/wilayah.csv)."""

    class Tingkat(models.TextChoices):
        PROVINSI = "provinsi", "Provinsi"
        KABUPATEN = "kabupaten", "Kabupaten"
        KOTA = "kota", "Kota"

    class ZonaWaktu(models.TextChoices):
        WIB = "Asia/Jakarta", "WIB (Asia/Jakarta)"
        WIB_PONTIANAK = "Asia/Pontianak", "WIB (Asia/Pontianak)"
        WITA = "Asia/Makassar", "WITA (Asia/Makassar)"
        WIT = "Asia/Jayapura", "WIT (Asia/Jayapura)"

    kode = models.CharField(
        "kode Kemendagri",
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2})?$", "Kode wilayah berbentuk 64 atau 64.01.")],
        help_text="Kode Kemendagri: 2 angka untuk provinsi (64), 2+2 untuk kabupaten/kota (64.01).",
    )
    nama = models.CharField(max_length=100)
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices)
    provinsi = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kabkota",
        limit_choices_to={"tingkat": Tingkat.PROVINSI},
        help_text="Kosong untuk provinsi; provinsi induk untuk kabupaten/kota.",
    )
    zona_waktu = models.CharField("zona waktu", max_length=20, choices=ZonaWaktu.choices)
    history = HistoricalRecords()

    objects = WilayahQuerySet.as_manager()

    class Meta:
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tingkat="provinsi", provinsi__isnull=True)
                | (~Q(tingkat="provinsi") & Q(provinsi__isnull=False)),
                name="wilayah_induk_sesuai_tingkat",
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("kesbangpol:wilayah_detail", args=[self.kode])

    def clean(self):
        if self.tingkat == self.Tingkat.PROVINSI and self.provinsi_id:
            raise ValidationError({"provinsi": "Provinsi tidak mempunyai provinsi induk."})
        if self.tingkat != self.Tingkat.PROVINSI and not self.provinsi_id:
            raise ValidationError({"provinsi": "Kabupaten/kota harus mempunyai provinsi induk."})

    @property
    def is_provinsi(self) -> bool:
        return self.tingkat == self.Tingkat.PROVINSI

    @property
    def nama_singkat(self) -> str:
        """ "Kab. Paser" as people write it in tables."""
        return (
            self.nama.replace("Kabupaten ", "Kab. ", 1)
            if self.tingkat == self.Tingkat.KABUPATEN
            else self.nama
        )

    @property
    def zona_singkat(self) -> str:
        return self.get_zona_waktu_display().split(" ")[0]


class InstansiQuerySet(access.ScopedQuerySet):
    def kesbangpol(self):
        return self.filter(jenis=Instansi.Jenis.KESBANGPOL)

    def tanpa_pengguna(self):
        """Offices nobody can sign in for."""
        return self.exclude(Exists(User.objects.filter(instansi=OuterRef("pk"), is_active=True)))

    def di_provinsi(self, provinsi, *, pusat=False):
        """Active offices of a province and its kab/kota (and the central ones, when asked)."""
        q = Q(wilayah=provinsi) | Q(wilayah__provinsi=provinsi)
        if pusat:
            q |= Q(wilayah__isnull=True)
        return self.filter(q, aktif=True)

    def baku(self, wilayah, jenis):
        """The region's office of a standard kind, created with its standard name when missing
        ("Bappeda Kabupaten Paser"): inviting "Kepala Bappeda se-Kaltim" needs one per region."""
        existing = self.filter(wilayah=wilayah, jenis=jenis).order_by("pk").first()
        if existing:
            return existing
        prefix = Instansi.NAMA_BAKU[jenis]
        return self.create(wilayah=wilayah, jenis=jenis, nama=f"{prefix} {wilayah.nama}")


class Instansi(models.Model):
    """An office. Every region has its Badan Kesbangpol out of the box (migration 0002)."""

    class Jenis(models.TextChoices):
        KESBANGPOL = "kesbangpol", "Badan Kesbangpol"
        BAPPEDA = "bappeda", "Bappeda"
        BKAD = "bkad", "BKAD/BPKAD"
        DISDUKCAPIL = "disdukcapil", "Disdukcapil"
        TAPEM = "tapem", "Bagian Tata Pemerintahan"
        KPU = "kpu", "KPU"
        POLRI = "polri", "Polri (Polda/Polres)"
        TNI = "tni", "TNI (Kodam/Korem/Kodim)"
        KEMENDAGRI = "kemendagri", "Kemendagri"
        LAINNYA = "lainnya", "Lainnya"

    # Regional offices every kab/kota has, with the name prefix people use for them.
    NAMA_BAKU = {
        Jenis.KESBANGPOL: "Badan Kesatuan Bangsa dan Politik",
        Jenis.BAPPEDA: "Bappeda",
        Jenis.BKAD: "BKAD",
        Jenis.DISDUKCAPIL: "Dinas Kependudukan dan Pencatatan Sipil",
        Jenis.TAPEM: "Bagian Tata Pemerintahan Setda",
    }

    nama = models.CharField(
        max_length=200, help_text="Nama lengkap, misalnya Badan Kesbangpol Kabupaten Paser."
    )
    singkatan = models.CharField(max_length=80, blank=True, help_text="Opsional, misalnya Kesbangpol Paser.")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    wilayah = models.ForeignKey(
        Wilayah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instansi",
        help_text="Kosongkan hanya untuk instansi tingkat pusat (misalnya Kemendagri).",
    )
    alamat = models.CharField(max_length=300, blank=True)
    telepon = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True, help_text="Alamat surel kantor untuk pengingat dan pemberitahuan.")
    kepala_nama = models.CharField(
        "nama kepala", max_length=150, blank=True, help_text="Dengan gelar, untuk blok tanda tangan dokumen."
    )
    kepala_nip = models.CharField("NIP kepala", max_length=18, blank=True, validators=[validate_nip])
    kepala_pangkat = models.CharField(
        "pangkat/golongan kepala", max_length=100, blank=True, help_text="Misalnya Pembina Utama Muda (IV/c)."
    )
    kepala_jabatan = models.CharField("jabatan kepala", max_length=150, blank=True)
    tempat_surat = models.CharField(
        "tempat surat",
        max_length=80,
        blank=True,
        help_text="Kota untuk tempat dan tanggal dokumen, misalnya Samarinda.",
    )
    aktif = models.BooleanField(
        default=True, help_text="Instansi nonaktif tidak dapat dipakai pengguna untuk masuk."
    )
    lambang = models.FileField(
        "lambang daerah",
        upload_to="lambang/",
        max_length=200,
        blank=True,
        validators=[berkas.validate_lambang],
        help_text="PNG atau JPEG, paling besar 1 MB; tampil di kop surat PDF Kesbangpol ini.",
    )
    history = HistoricalRecords()

    objects = InstansiQuerySet.as_manager()

    class Meta:
        verbose_name = "instansi"
        verbose_name_plural = "instansi"
        ordering = ["wilayah__kode", "jenis", "nama"]
        constraints = [
            # One Badan Kesbangpol per region: reports and assignments name "the" Kesbangpol office.
            models.UniqueConstraint(
                fields=["wilayah"],
                condition=Q(jenis="kesbangpol"),
                name="instansi_satu_kesbangpol_per_wilayah",
            ),
            models.UniqueConstraint(fields=["wilayah", "nama"], name="instansi_nama_unik_per_wilayah"),
        ]
        indexes = [models.Index(fields=["jenis", "wilayah"], name="instansi_jenis_wilayah_idx")]

    def __str__(self):
        return self.nama

    def save(self, *args, **kwargs):
        # A newly uploaded emblem is stored re-encoded, like every photo (berkas.bersih).
        if self.lambang and not self.lambang._committed:
            jenis = berkas.kenali(self.lambang.file)
            if jenis in berkas.GAMBAR:
                self.lambang = berkas.bersih(self.lambang.file, jenis)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("kesbangpol:instansi_detail", args=[self.pk])

    def clean_fields(self, exclude=None):
        self.kepala_nip = normalize_nip(self.kepala_nip)
        super().clean_fields(exclude)

    def clean(self):
        # Mirrors the named constraints, for a friendly message (forms leave wilayah out).
        others = Instansi.objects.exclude(pk=self.pk).filter(wilayah_id=self.wilayah_id)
        if (
            self.wilayah_id
            and self.jenis == self.Jenis.KESBANGPOL
            and others.filter(jenis=self.jenis).exists()
        ):
            raise ValidationError({"jenis": "Wilayah ini sudah mempunyai Badan Kesbangpol."})
        if self.wilayah_id and others.filter(nama__iexact=self.nama).exists():
            raise ValidationError({"nama": "Instansi dengan nama ini sudah ada di wilayah yang sama."})

    def dapat_diubah_oleh(self, user) -> bool:
        """Provincial staff manage every office of their province; an operator keeps their own
        office's contact details current."""
        if not access.dapat_menulis(user):
            return False
        return access.adalah_staf_provinsi(user) or user.instansi_id == self.pk


class PenggunaQuerySet(access.ScopedQuerySet):
    wilayah_field = "instansi__wilayah"

    def di_kantor(self, instansi_ids):
        """The active users of these offices (a national admin placed there is not its staff)."""
        return self.filter(instansi_id__in=instansi_ids, is_active=True, peran__in=User.PERAN_KANTOR)

    def staf_provinsi(self, provinsi_id):
        """Who reviews reports and verifies follow-ups for a province."""
        return self.filter(instansi__wilayah_id=provinsi_id, is_active=True, peran__in=User.PERAN_STAF)

    def admin_bagi(self, user) -> list:
        """Who can reset ``user``'s account (a lost phone, a locked-out sign-in): the admins of their
        province, or the national admins for a national admin or a province without one. Not through
        ``for_user``: an operator's scope stops at their kab/kota, below the admins they need; only
        the names are shown."""
        lain = self.filter(is_active=True).exclude(pk=user.pk).order_by("nama_lengkap", "username")
        provinsi_id = access.lingkup(user).provinsi_id
        admin = []
        if provinsi_id:
            admin = list(lain.filter(instansi__wilayah_id=provinsi_id, peran=User.Peran.ADMIN_PROVINSI))
        return admin or list(lain.filter(peran=User.Peran.ADMIN_NASIONAL))

    def pembaca_provinsi(self, provinsi_id):
        """The province's staff and admins and its pimpinan: who must hear of an urgent incident."""
        peran = (*User.PERAN_STAF, User.Peran.PIMPINAN)
        return self.filter(instansi__wilayah_id=provinsi_id, is_active=True, peran__in=peran)

    def operator_kabkota(self, kabkota_ids):
        """The operators of the given kab/kota's offices."""
        return self.filter(
            instansi__wilayah_id__in=kabkota_ids, is_active=True, peran=User.Peran.OPERATOR_KABKOTA
        )

    def tanpa_dua_faktor(self):
        """Users who must sign in with a second factor and have not confirmed one."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        return self.filter(peran__in=User.PERAN_DUA_FAKTOR).exclude(
            Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )

    def belum_pernah_masuk(self, hari: int = 14):
        """Accounts never signed in ``hari`` days after they were made."""
        return self.filter(last_login=None, date_joined__lt=timezone.now() - datetime.timedelta(days=hari))


class PenggunaManager(UserManager.from_queryset(PenggunaQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("peran", User.Peran.ADMIN_NASIONAL)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. Their office's region sets what they see; their role what they may do."""

    class Peran(models.TextChoices):
        ADMIN_NASIONAL = "admin_nasional", "Admin Nasional"
        ADMIN_PROVINSI = "admin_provinsi", "Admin Provinsi"
        STAF_PROVINSI = "staf_provinsi", "Staf Kesbangpol Provinsi"
        OPERATOR_KABKOTA = "operator_kabkota", "Operator Kesbangpol Kabupaten/Kota"
        PIMPINAN = "pimpinan", "Pimpinan (hanya baca)"

    # Admins, and staff who accept reports or verify follow-ups, sign in with a second factor.
    PERAN_DUA_FAKTOR = (Peran.ADMIN_NASIONAL, Peran.ADMIN_PROVINSI, Peran.STAF_PROVINSI)
    # Who acts for the whole province: review reports, verify follow-ups (``staf_provinsi``).
    PERAN_STAF = (Peran.STAF_PROVINSI, Peran.ADMIN_PROVINSI)
    # Who hears as a member of an office (``di_kantor``): everyone but national admins.
    PERAN_KANTOR = (Peran.ADMIN_PROVINSI, Peran.STAF_PROVINSI, Peran.OPERATOR_KABKOTA, Peran.PIMPINAN)

    first_name = None
    last_name = None
    # Names are unique across the country, so a taken one must be refused; the refusal does not say
    # it belongs to an account (which may be in another province), only that it cannot be used.
    username = models.CharField(
        "nama pengguna",
        max_length=150,
        unique=True,
        validators=[AbstractUser.username_validator],
        help_text="Huruf, angka dan @ . + - _ saja; misalnya budi.6401.",
        error_messages={
            "unique": "Nama pengguna ini tidak dapat dipakai. Pilih nama lain, misalnya budi.6401."
        },
    )
    nama_lengkap = models.CharField("nama lengkap", max_length=150, help_text="Dengan gelar akademik.")
    nip = models.CharField(
        "NIP",
        max_length=18,
        blank=True,
        validators=[validate_nip],
        help_text="Opsional; 18 angka tanpa spasi.",
    )
    jabatan = models.CharField(max_length=150, blank=True)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, null=True, blank=True, related_name="pengguna"
    )
    # Least privilege when nobody chose: read-only.
    peran = models.CharField(max_length=20, choices=Peran.choices, default=Peran.PIMPINAN)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = PenggunaManager()

    REQUIRED_FIELDS = ["nama_lengkap", "email"]

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="pengguna_nip_unik",
                violation_error_message="NIP ini sudah dipakai oleh pengguna lain.",
            ),
        ]

    def __str__(self):
        return self.nama_lengkap or self.username

    def save(self, *args, **kwargs):
        # The admin site is for admins; the role decides, so nobody toggles the flags by hand.
        self.is_staff = self.peran in (self.Peran.ADMIN_NASIONAL, self.Peran.ADMIN_PROVINSI)
        self.is_superuser = self.peran == self.Peran.ADMIN_NASIONAL
        self.__dict__.pop("_lingkup", None)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.nip = normalize_nip(self.nip)
        super().clean_fields(exclude)

    def clean(self):
        super().clean()
        wilayah = self.instansi.wilayah if self.instansi_id else None
        if self.peran == self.Peran.OPERATOR_KABKOTA and (wilayah is None or wilayah.is_provinsi):
            raise ValidationError(
                {"instansi": "Operator kabupaten/kota harus berada di instansi kabupaten/kota."}
            )
        if self.peran in (self.Peran.ADMIN_PROVINSI, self.Peran.STAF_PROVINSI) and (
            wilayah is None or not wilayah.is_provinsi
        ):
            raise ValidationError(
                {"instansi": "Admin dan staf provinsi harus berada di instansi tingkat provinsi."}
            )
        if self.peran == self.Peran.PIMPINAN and wilayah is None:
            raise ValidationError(
                {"instansi": "Pimpinan harus berada di instansi provinsi atau kabupaten/kota."}
            )

    def get_full_name(self):
        return self.nama_lengkap

    def get_short_name(self):
        return self.nama_lengkap.split(" ")[0] if self.nama_lengkap else self.username

    @property
    def lingkup(self):
        return access.lingkup(self)

    @property
    def perlu_dua_faktor(self) -> bool:
        return self.peran in self.PERAN_DUA_FAKTOR

    @property
    def hanya_baca(self) -> bool:
        return not access.dapat_menulis(self)


class AuditQuerySet(models.QuerySet):
    def for_user(self, user):
        """National admins see every record; a provincial admin those of their province."""
        scope = access.lingkup(user)
        if scope.nasional:
            return self
        if scope.kosong or scope.kabkota_id:
            return self.none()
        return self.filter(Q(provinsi_id=scope.provinsi_id) | Q(provinsi_sasaran_id=scope.provinsi_id))


class Audit(models.Model):
    """Append-only record of sensitive actions and refused attempts (ASVS V7): who, in which role
    and region, did what to which object, when, from where, and whether it was allowed."""

    class Hasil(models.TextChoices):
        BERHASIL = "berhasil", "Berhasil"
        DITOLAK = "ditolak", "Ditolak"
        GAGAL = "gagal", "Gagal"

    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    peran = models.CharField(max_length=20, blank=True)
    provinsi = models.ForeignKey(Wilayah, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # A refused attempt on another province's record is filed under that province too.
    provinsi_sasaran = models.ForeignKey(
        Wilayah,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="provinsi sasaran",
        help_text="Provinsi pemilik data yang dicoba dibuka, bila bukan provinsi pengguna.",
    )
    wilayah_kode = models.CharField("kode wilayah", max_length=5, blank=True)
    aksi = models.CharField(max_length=40, db_index=True)
    objek = models.CharField(max_length=120, blank=True)
    keterangan = models.CharField(max_length=300, blank=True)
    alamat = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    hasil = models.CharField(max_length=10, choices=Hasil.choices, default=Hasil.BERHASIL)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "jejak audit"
        verbose_name_plural = "jejak audit"
        ordering = ["-waktu", "-pk"]

    def __str__(self):
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.username} {self.aksi} {self.hasil}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Jejak audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Jejak audit tidak dapat dihapus.")


# Rendered documents, notifications, clearances, the election calendar and API tokens live in modules
# of their own, along the domain's seams (this one had passed 600 lines); imported here so that
# kesbangpol.models names every model of the app (migration 0003 names _kode_verifikasi here).
from kesbangpol.models.dokumen import Dokumen, DokumenQuerySet, _kode_verifikasi  # noqa: E402, F401
from kesbangpol.models.klasifikasi import IzinRahasia  # noqa: E402, F401
from kesbangpol.models.notifikasi import (  # noqa: E402, F401
    CaraKabar,
    KirimanTerjadwal,
    Notifikasi,
    PreferensiKabar,
)
from kesbangpol.models.pemilu import TahapanPemilu  # noqa: E402, F401
from kesbangpol.models.token import TokenAkses  # noqa: E402, F401
