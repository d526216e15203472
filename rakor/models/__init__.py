"""Rakor: coordination meetings and the people in them (PRODUCT.md §3–4); what a meeting holds and
produced, its parts, is in ``rakor.models.bagian``."""

import calendar
import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kesbangpol import access, saringan
from kesbangpol.models import Instansi, Wilayah
from kesbangpol.nip import normalize_nip, validate_nip


class OrangQuerySet(models.QuerySet):
    def for_user(self, user):
        """People of the offices in the user's scope, plus people of central offices (Kemendagri,
        KPU RI): those speak at rakor of every province."""
        if access.lingkup(user).kosong:
            return self.none()
        return self.filter(access.q_wilayah(user, "instansi__wilayah") | Q(instansi__wilayah__isnull=True))

    def cari(self, *, nama: str, nip: str, instansi: Instansi) -> "Orang | None":
        """The person a typed or imported row means: same NIP first, then the same name in the same
        office. Call it on a scoped queryset so nobody reaches a record outside their scope."""
        nip = normalize_nip(nip)
        if nip:
            found = self.filter(nip=nip).first()
            if found:
                return found
        return self.filter(instansi=instansi, nama__iexact=" ".join(nama.split())).order_by("pk").first()

    def cocokkan(self, *, nama: str, nip: str, instansi: Instansi, jabatan: str = "") -> tuple["Orang", bool]:
        """:meth:`cari`, or a new record when nothing matches; fills a missing NIP and the current
        jabatan on a match. Returns (person, created)."""
        nip = normalize_nip(nip)
        orang = self.cari(nama=nama, nip=nip, instansi=instansi)
        if orang is None:
            return self.create(nama=" ".join(nama.split()), nip=nip, jabatan=jabatan, instansi=instansi), True
        changed = []
        if nip and not orang.nip:
            orang.nip = nip
            changed.append("nip")
        if jabatan and jabatan != orang.jabatan:
            orang.jabatan = jabatan
            changed.append("jabatan")
        if changed:
            orang.save(update_fields=changed)
        return orang, False

    @staticmethod
    def nip_bentrok(orang: "Orang | None", nip: str) -> bool:
        """A NIP that belongs to a record the user cannot see (another province): refuse it
        without saying whose it is."""
        nip = normalize_nip(nip)
        return bool(nip) and orang is None and Orang.objects.filter(nip=nip).exists()


class Orang(models.Model):
    """A person who speaks at or attends rakor: one record however many rakor they appear in."""

    nama = models.CharField(
        max_length=200, help_text="Nama lengkap dengan gelar, misalnya Drs. H. Sufian Agus, M.Si."
    )
    nip = models.CharField(
        "NIP", max_length=18, blank=True, validators=[validate_nip], help_text="Opsional; 18 angka."
    )
    jabatan = models.CharField(max_length=200, blank=True, help_text="Jabatan saat ini.")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="orang")
    telepon = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    history = HistoricalRecords()

    objects = OrangQuerySet.as_manager()

    class Meta:
        verbose_name = "orang"
        verbose_name_plural = "orang"
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="orang_nip_unik",
                violation_error_message="NIP ini sudah dipakai oleh orang lain.",
            ),
        ]
        indexes = [models.Index(fields=["instansi", "nama"], name="orang_instansi_nama_idx")]

    def __str__(self):
        return self.nama

    def clean_fields(self, exclude=None):
        self.nip = normalize_nip(self.nip)
        self.nama = " ".join(self.nama.split())
        super().clean_fields(exclude)


class RakorQuerySet(models.QuerySet):
    def for_user(self, user):
        """Provincial users see every rakor of their province; a kab/kota user sees the rakor of
        their province to which their own office is invited (PRODUCT.md §2)."""
        scope = access.lingkup(user)
        if scope.nasional:
            return self
        if scope.kosong:
            return self.none()
        qs = self.filter(provinsi_id=scope.provinsi_id)
        if scope.kabkota_id:
            diundang = Peserta.objects.filter(rakor=OuterRef("pk"), instansi_id=user.instansi_id)
            qs = qs.filter(Exists(diundang))
        return qs

    def cari(self, teks: str):
        """The list's search box: a word in the title, theme or venue."""
        return self.filter(Q(judul__icontains=teks) | Q(tema__icontains=teks) | Q(tempat__icontains=teks))

    def akan_datang(self, today: datetime.date):
        return self.filter(tanggal_selesai__gte=today).exclude(status=Rakor.Status.DIBATALKAN)

    def kalender_bulan(self, bulan: datetime.date, today: datetime.date) -> list[list[dict]]:
        """A month's grid, Monday first, in one query: each day with the rakor that run on it."""
        akhir = bulan.replace(day=calendar.monthrange(bulan.year, bulan.month)[1])
        rakor = list(
            self.filter(tanggal_mulai__lte=akhir, tanggal_selesai__gte=bulan)
            .select_related("provinsi", "kabkota")
            .order_by("tanggal_mulai", "pk")
        )
        return [
            [
                {
                    "tanggal": d,
                    "bulan_ini": d.month == bulan.month,
                    "hari_ini": d == today,
                    "rakor": [r for r in rakor if r.tanggal_mulai <= d <= r.tanggal_selesai],
                }
                for d in week
            ]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(bulan.year, bulan.month)
        ]

    def with_kehadiran(self):
        """Invited and present counts as correlated subqueries, not a join + GROUP BY: the database
        computes them only for the page of rows it returns."""

        def hitung(**filter_):
            peserta = Peserta.objects.filter(rakor=OuterRef("pk"), **filter_).order_by().values("rakor")
            return Coalesce(Subquery(peserta.annotate(n=Count("pk")).values("n")[:1]), 0)

        return self.annotate(
            jumlah_diundang=hitung(),
            jumlah_hadir=hitung(kehadiran__in=Peserta.HADIR),
            jumlah_belum_dicatat=hitung(kehadiran=Peserta.Kehadiran.DIUNDANG),
        )


class Rakor(models.Model):
    """A coordination meeting of a province's Kesbangpol and the offices it invites."""

    class Jenis(models.TextChoices):
        TAHUNAN = "tahunan", "Rakor tahunan"
        SINKRONISASI = "sinkronisasi", "Sinkronisasi perencanaan"
        RENSTRA = "renstra", "Penyusunan Renstra/IKU"
        TEKNIS = "teknis", "Rakor teknis"
        LAINNYA = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        RENCANA = "rencana", "Rencana"
        BERLANGSUNG = "berlangsung", "Berlangsung"
        SELESAI = "selesai", "Selesai"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    # The planning kinds: their page records the IKU alignment agreed (laporan.halaman_rakor).
    PERENCANAAN = (Jenis.SINKRONISASI, Jenis.RENSTRA)

    # Where each status may go next; "selesai" and "dibatalkan" can be reopened to correct a mistake.
    LANGKAH = {
        Status.RENCANA: [Status.BERLANGSUNG, Status.SELESAI, Status.DIBATALKAN],
        Status.BERLANGSUNG: [Status.SELESAI, Status.DIBATALKAN],
        Status.SELESAI: [Status.BERLANGSUNG],
        Status.DIBATALKAN: [Status.RENCANA],
    }

    judul = models.CharField(
        max_length=300, help_text="Misalnya Rapat Koordinasi Kesbangpol se-Kaltim Tahun 2024."
    )
    tema = models.TextField(blank=True, max_length=1000, help_text="Tema resmi rakor, bila ada.")
    jenis = models.CharField(max_length=20, choices=Jenis.choices, default=Jenis.TAHUNAN)
    tahun_anggaran = models.PositiveSmallIntegerField(
        "tahun anggaran", help_text="Tahun anggaran kegiatan, misalnya 2026."
    )
    tanggal_mulai = models.DateField("tanggal mulai")
    tanggal_selesai = models.DateField(
        "tanggal selesai", help_text="Sama dengan tanggal mulai bila hanya sehari."
    )
    tempat = models.CharField(
        max_length=200,
        blank=True,
        help_text="Gedung dan ruang, misalnya Hotel Kyriad Sadurengas, Tanah Grogot.",
    )
    provinsi = models.ForeignKey(
        Wilayah,
        on_delete=models.PROTECT,
        related_name="rakor",
        limit_choices_to={"tingkat": Wilayah.Tingkat.PROVINSI},
        verbose_name="provinsi penyelenggara",
    )
    kabkota = models.ForeignKey(
        Wilayah,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rakor_di_sini",
        verbose_name="kabupaten/kota tempat",
        help_text="Kabupaten/kota lokasi rakor, di provinsi penyelenggara.",
    )
    penyelenggara = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        related_name="rakor_diselenggarakan",
        help_text="Instansi penyelenggara.",
    )
    dibuka_oleh = models.CharField(
        "dibuka oleh",
        max_length=200,
        blank=True,
        help_text="Nama dengan gelar, misalnya Hj. Syarifah Masitah Assegaf, S.H.",
    )
    jabatan_pembuka = models.CharField(
        "jabatan pembuka", max_length=200, blank=True, help_text="Misalnya Wakil Bupati Paser."
    )
    mewakili = models.CharField(
        max_length=200,
        blank=True,
        help_text="Bila pembuka mewakili pejabat lain, misalnya Pj. Gubernur Kaltim Akmal Malik.",
    )
    moderator = models.ForeignKey(
        Orang, on_delete=models.SET_NULL, null=True, blank=True, related_name="rakor_dimoderatori"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RENCANA)
    ringkasan = models.TextField(
        blank=True, max_length=5000, help_text="Tujuan dan hasil rakor dalam beberapa kalimat."
    )
    notulen = models.TextField(blank=True, max_length=100_000, help_text="Catatan jalannya rapat.")
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = RakorQuerySet.as_manager()

    class Meta:
        verbose_name = "rakor"
        verbose_name_plural = "rakor"
        ordering = ["-tanggal_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")), name="rakor_tanggal_berurutan"
            ),
        ]
        indexes = [
            models.Index(fields=["provinsi", "-tanggal_mulai"], name="rakor_provinsi_tanggal_idx"),
            models.Index(fields=["tanggal_selesai"], name="rakor_tanggal_selesai_idx"),
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("rakor:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.tanggal_mulai and self.tanggal_selesai and self.tanggal_selesai < self.tanggal_mulai:
            errors["tanggal_selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
        if self.kabkota_id and self.provinsi_id and self.kabkota.provinsi_id != self.provinsi_id:
            errors["kabkota"] = "Kabupaten/kota tempat rakor harus berada di provinsi penyelenggara."
        if (
            self.penyelenggara_id
            and self.provinsi_id
            and self.penyelenggara.wilayah_id is not None
            and self.provinsi_id
            not in (self.penyelenggara.wilayah_id, self.penyelenggara.wilayah.provinsi_id)
        ):
            errors["penyelenggara"] = "Instansi penyelenggara harus berada di provinsi penyelenggara."
        if errors:
            raise ValidationError(errors)

    def dapat_diubah_oleh(self, user) -> bool:
        """Provincial staff (and admins) of the host province plan and record a rakor; everyone
        else who sees it reads."""
        return access.dapat_menulis(user) and access.adalah_staf_provinsi(user)

    def langkah_berikut(self) -> list["Rakor.Status"]:
        return [Rakor.Status(s) for s in self.LANGKAH[self.status]]

    def ubah_status(self, baru: str) -> None:
        if baru not in self.LANGKAH[self.status]:
            if baru not in Rakor.Status.values:
                raise ValidationError("Status tidak dikenal.")
            dari, ke = self.get_status_display(), Rakor.Status(baru).label
            raise ValidationError(f"Status tidak dapat diubah dari “{dari}” ke “{ke}”.")
        self.status = baru
        self.save(update_fields=["status", "diubah"])

    def narasumber_dan_agenda(self) -> tuple[list, list]:
        """The speakers (with person and office) and the agenda, each item holding its speaker
        from that list: an agenda item names one of this rakor's speakers, so it needs no join."""
        narasumber = list(self.narasumber.select_related("orang__instansi"))
        per_pk = {n.pk: n for n in narasumber}
        agenda = list(self.agenda.all())
        for a in agenda:
            if a.narasumber_id in per_pk:
                a.narasumber = per_pk[a.narasumber_id]
        return narasumber, agenda

    def kehadiran(self, peserta: list[dict]) -> dict:
        """Attendance figures, invited vs present, by office kind and by region, counted from the
        rakor's participant rows (:meth:`PesertaQuerySet.baris`), which every caller shows anyway.
        Each group is ``(value, label, [invited, present])``, the value its ``?jenis=``/``?wilayah=``
        of :func:`saring_peserta`."""
        per_jenis: dict[tuple, list[int]] = {}
        per_wilayah: dict[tuple, list[int]] = {}
        total = [0, 0]
        belum = 0
        for p in peserta:
            belum += p["kehadiran"] == Peserta.Kehadiran.DIUNDANG
            hadir = int(p["kehadiran"] in Peserta.HADIR)
            for key, bucket in ((_jenis(p), per_jenis), (_wilayah(p), per_wilayah)):
                counts = bucket.setdefault(key, [0, 0])
                counts[0] += 1
                counts[1] += hadir
            total[0] += 1
            total[1] += hadir
        return {
            "diundang": total[0],
            "hadir": total[1],
            # Invitations whose attendance nobody recorded: not absences.
            "belum_dicatat": belum,
            "per_jenis": sorted(((*k, c) for k, c in per_jenis.items()), key=lambda r: (-r[2][0], r[1])),
            # By region code, central offices last.
            "per_wilayah": [(*k, c) for k, c in sorted(per_wilayah.items())],
        }


PUSAT = "pusat"  # ?wilayah= of the offices without a region (sorts after the region codes)
HADIR, BELUM = "ya", "belum"  # ?hadir=: present (in person or represented) / not yet recorded
_LABEL_JENIS = dict(Instansi.Jenis.choices)


def _jenis(p: dict) -> tuple[str, str]:
    return p["instansi__jenis"], _LABEL_JENIS.get(p["instansi__jenis"], "Lainnya")


def _wilayah(p: dict) -> tuple[str, str]:
    if p["instansi__wilayah__kode"]:
        return p["instansi__wilayah__kode"], p["instansi__wilayah__nama"]
    return PUSAT, "Instansi pusat"


def saring_peserta(peserta: list[dict], params) -> tuple[list[dict], list[str]]:
    """The participant rows narrowed to what an attendance count counts (``?jenis=``, ``?wilayah=``,
    ``?hadir=ya`` or ``belum``), and the filters in words. Unknown values are ignored."""
    peserta, kata = saringan.saring(peserta, params, jenis=_jenis, wilayah=_wilayah)
    if (nilai := params.get("hadir", "")) == HADIR:
        peserta = [p for p in peserta if p["kehadiran"] in Peserta.HADIR]
        kata.append("hadir atau diwakilkan")
    elif nilai == BELUM:
        peserta = [p for p in peserta if p["kehadiran"] == Peserta.Kehadiran.DIUNDANG]
        kata.append("kehadiran belum dicatat")
    return peserta, kata


class LanggananKalender(models.Model):
    """A private calendar-feed address. Only the token's SHA-256 is stored: the address is shown
    once when made, and a leaked database does not reveal anyone's feed."""

    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalender"
    )
    token_sha256 = models.CharField(max_length=64, unique=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    terakhir_diambil = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["terakhir_diambil"])

    class Meta:
        verbose_name = "langganan kalender"
        verbose_name_plural = "langganan kalender"

    def __str__(self):
        return f"Kalender {self.pengguna}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def buat_baru(cls, user) -> str:
        """A fresh token for the user (the old address stops working); returns the token."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(pengguna=user, defaults={"token_sha256": cls.hash(token)})
        return token


# The rakor's parts live in their own module; imported last, as they refer to Orang and Rakor.
from rakor.models.bagian import (  # noqa: E402, F401 (re-exported)
    Agenda,
    Arahan,
    BagianRakor,
    BagianRakorQuerySet,
    Dokumentasi,
    DokumentasiQuerySet,
    Narasumber,
    Peserta,
    PesertaQuerySet,
)
