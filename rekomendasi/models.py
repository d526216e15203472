"""Recommendations of a rakor, assigned to offices, followed up with evidence and verified by the
province (PRODUCT.md §3–4). Status words are BPK's: belum ditindaklanjuti, belum sesuai, sesuai,
tidak dapat ditindaklanjuti."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from kesbangpol import access
from kesbangpol import berkas as unggahan
from kesbangpol.models import Instansi
from kesbangpol.templatetags.portal import potong
from rakor.models import Rakor


class Bidang(models.Model):
    """A field of recommendations; the list is kept by admins (seeded by migration 0002)."""

    nama = models.CharField(max_length=100, unique=True)
    urutan = models.PositiveSmallIntegerField(default=0)
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "bidang"
        verbose_name_plural = "bidang"
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama


def hitungan(today: datetime.date | None = None, lewat: str = "", instansi_id: int | None = None) -> dict:
    """The assignment counts every overview shows, spelled once: all, confirmed "sesuai", done
    (sesuai or tidak dapat), open, waiting for verification, and with ``today`` late. ``lewat`` is
    the path to the assignments ("penugasan__" from a recommendation); ``instansi_id`` counts one
    office's assignments only."""

    def q(**kw):
        return Q(**{f"{lewat}{k}": v for k, v in kw.items()})

    semua = Q() if instansi_id is None else q(instansi_id=instansi_id)
    terbuka = ~q(status__in=Penugasan.TUNTAS)
    hasil = {
        "total": Count(f"{lewat}pk", filter=semua),
        "sesuai": Count(f"{lewat}pk", filter=semua & q(status=Penugasan.Status.SESUAI)),
        "selesai": Count(f"{lewat}pk", filter=semua & q(status__in=Penugasan.TUNTAS)),
        "terbuka": Count(f"{lewat}pk", filter=semua & terbuka),
        "menunggu": Count(f"{lewat}pk", filter=semua & ~q(usulan="")),
    }
    if today is not None:
        hasil["terlambat"] = Count(
            f"{lewat}pk", filter=semua & terbuka & q(rekomendasi__batas_waktu__lt=today)
        )
    return hasil


# The ageing buckets of open assignments, in the order the dashboard shows them.
UMUR = ("belum_jatuh_tempo", "terlambat_60", "terlambat_180", "terlambat_lebih")


def saringan(today: datetime.date) -> dict[str, tuple[str, Q]]:
    """The filters an assignment list offers beyond one BPK status, keyed by their ``?status=`` value:
    what the dashboard's counts and the home page's tasks link to."""
    terbuka = ~Q(status__in=Penugasan.TUNTAS)
    batas = "rekomendasi__batas_waktu"
    hari = datetime.timedelta
    return {
        "terbuka": ("Belum selesai", terbuka),
        "terlambat": ("Terlambat", terbuka & Q(**{f"{batas}__lt": today})),
        "menunggu": ("Menunggu verifikasi provinsi", ~Q(usulan="")),
        "belum_jatuh_tempo": (
            "Belum jatuh tempo (atau tanpa batas)",
            terbuka & (Q(**{f"{batas}__gte": today}) | Q(**{f"{batas}__isnull": True})),
        ),
        "terlambat_60": (
            "Terlambat ≤ 60 hari",
            terbuka & Q(**{f"{batas}__lt": today, f"{batas}__gte": today - hari(days=60)}),
        ),
        "terlambat_180": (
            "Terlambat 61–180 hari",
            terbuka & Q(**{f"{batas}__lt": today - hari(days=60), f"{batas}__gte": today - hari(days=180)}),
        ),
        "terlambat_lebih": ("Terlambat > 180 hari", terbuka & Q(**{f"{batas}__lt": today - hari(days=180)})),
    }


class RekomendasiQuerySet(models.QuerySet):
    def for_user(self, user):
        """Recommendations of the rakor the user sees, plus those assigned to the user's office
        (a kab/kota operator reads the text of what is theirs to do)."""
        scope = access.lingkup(user)
        if scope.kosong:
            return self.none()
        q = Q(rakor__in=Rakor.objects.for_user(user))
        if user.instansi_id:
            q |= Exists(Penugasan.objects.filter(rekomendasi=OuterRef("pk"), instansi_id=user.instansi_id))
        return self.filter(q)

    def nomor_berikutnya(self, rakor: Rakor, induk=None) -> int:
        """The number after the last of a rakor's items (or of ``induk``'s sub-points). Inside the
        caller's transaction it locks the rakor until that ends: two staff adding items at once get
        two numbers, not the same one and a server error from the named constraint."""
        Rakor.objects.select_for_update().filter(pk=rakor.pk).first()
        return (self.filter(rakor=rakor, induk=induk).aggregate(m=models.Max("nomor"))["m"] or 0) + 1

    def butir_rakor(self, rakor_list, user) -> list:
        """The items of the given rakor in order, each with its sub-points in order (``r.sub``) and
        progress, and for kab/kota users the assignments of their own office (``r.saya``, the only
        assignments their page shows), items and sub-points alike: items and sub-points come in
        one query and are put together here, so the number of queries is fixed however many there are.

        The caller has fetched the rakor through ``Rakor.objects.for_user`` (whoever sees a rakor
        reads all its items), so the items need no scope filter of their own. Province users see
        progress bars only, so their assignments are not loaded; a kab/kota user's own assignments
        come in one plain query with what a badge shows."""
        semua = list(
            self.filter(rakor__in=rakor_list).select_related("bidang").with_progres(user).order_by("nomor")
        )
        per_pk = {r.pk: r for r in semua}
        saya: dict[int, list] = {}
        if access.lingkup(user).kabkota_id and semua:
            penugasan = Penugasan.objects.for_user(user).filter(rekomendasi_id__in=per_pk)
            for p in penugasan.only("rekomendasi_id", "status", "usulan").order_by("pk"):
                p.rekomendasi = per_pk[p.rekomendasi_id]  # the due date its overdue badge reads
                saya.setdefault(p.rekomendasi_id, []).append(p)
        items = []
        for r in semua:
            r.sub = []
            r.saya = saya.get(r.pk, [])
        for r in semua:
            if r.induk_id is None:
                items.append(r)
            elif induk := per_pk.get(r.induk_id):
                r.induk = induk
                induk.sub.append(r)
        return items

    def with_progres(self, user):
        """Assignment counts by confirmed status (one aggregate, no query per row), over the
        assignments ``user`` may see: an office outside the province's Kesbangpol counts its own
        rows only, so nothing it is shown moves when another office finishes its part."""
        # No DISTINCT: the assignments are the only to-many join, so no row is counted twice, and
        # DISTINCT made PostgreSQL sort each group.
        scope = access.lingkup(user)
        sendiri = None if scope.nasional or scope.seluruh_provinsi else getattr(user, "instansi_id", None)
        h = hitungan(lewat="penugasan__", instansi_id=sendiri)
        return self.annotate(
            jumlah_penugasan=h["total"],
            jumlah_sesuai=h["sesuai"],
            jumlah_selesai=h["selesai"],
            jumlah_menunggu=h["menunggu"],
        )


class Rekomendasi(models.Model):
    """One numbered recommendation (9) or a sub-point of one (9a)."""

    rakor = models.ForeignKey(Rakor, on_delete=models.CASCADE, related_name="rekomendasi")
    induk = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subpoin",
        verbose_name="butir induk",
        help_text="Isi bila ini sub-butir (9a, 9b) dari butir lain.",
    )
    nomor = models.PositiveSmallIntegerField(
        help_text="Nomor butir; untuk sub-butir, urutan hurufnya (1 = a)."
    )
    isi = models.TextField(max_length=5000, help_text="Teks rekomendasi seperti dalam notulen.")
    bidang = models.ForeignKey(
        Bidang, on_delete=models.PROTECT, null=True, blank=True, related_name="rekomendasi"
    )
    batas_waktu = models.DateField(
        "batas waktu", null=True, blank=True, help_text="Kosongkan bila tidak ada tenggat."
    )
    batas_akhir_tahun = models.BooleanField(
        "paling lambat akhir tahun",
        default=False,
        help_text="Centang untuk tenggat seperti “paling lambat Tahun 2025” (batas waktu = 31 Desember).",
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = RekomendasiQuerySet.as_manager()

    class Meta:
        verbose_name = "rekomendasi"
        verbose_name_plural = "rekomendasi"
        ordering = ["rakor", "nomor", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakor", "nomor"],
                condition=Q(induk__isnull=True),
                name="rekomendasi_nomor_unik_per_rakor",
                violation_error_message="Nomor butir ini sudah dipakai di rakor ini.",
            ),
            models.UniqueConstraint(
                fields=["induk", "nomor"],
                condition=Q(induk__isnull=False),
                name="rekomendasi_huruf_unik_per_induk",
                violation_error_message="Huruf sub-butir ini sudah dipakai.",
            ),
        ]

    def __str__(self):
        return f"{self.label}. {potong(self.isi, 80)}"

    def save(self, *args, **kwargs):
        if self.batas_akhir_tahun and self.batas_waktu:
            self.batas_waktu = self.batas_waktu.replace(month=12, day=31)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("rekomendasi:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.batas_waktu and self.rakor_id and self.batas_waktu < self.rakor.tanggal_mulai:
            errors["batas_waktu"] = "Batas waktu tidak boleh sebelum rakor dimulai."
        if self.batas_akhir_tahun and not self.batas_waktu:
            # It used to save silently as "Tanpa batas waktu".
            errors["batas_waktu"] = (
                "“Paling lambat akhir tahun” memerlukan tahunnya: isi batas waktu dengan tanggal berapa "
                "pun di tahun itu (disimpan sebagai 31 Desember), atau hapus centangnya."
            )
        if self.induk_id:
            if self.induk.rakor_id != self.rakor_id:
                errors["induk"] = "Butir induk harus dari rakor yang sama."
            elif self.induk.induk_id:
                errors["induk"] = "Sub-butir tidak dapat mempunyai sub-butir lagi."
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        """ "9" for an item, "9a" for its first sub-point."""
        if self.induk_id:
            return (
                f"{self.induk.nomor}{chr(96 + self.nomor)}"
                if self.nomor <= 26
                else f"{self.induk.nomor}.{self.nomor}"
            )
        return str(self.nomor)

    @property
    def isi_singkat(self) -> str:
        """The item's sentence shortened for a list or a message; a sub-point alone ("FKDM
        Kabupaten/Kota.") means nothing without its parent's sentence, so it comes with it."""
        if self.induk_id:
            # A parent ending in a colon reads as the list it is ("… kegiatan FKDM: a. FKDM
            # Kabupaten/Kota."); one that does not (or is cut short) is set off with a dash.
            induk, jeda = potong(self.induk.isi.strip(), 120), " — "
            if induk.endswith(":"):
                induk, jeda = induk[:-1].rstrip() + ":", " "
            return f"{induk}{jeda}{self.huruf}. {potong(self.isi, 120)}"
        return potong(self.isi, 200)

    @property
    def huruf(self) -> str:
        return chr(96 + self.nomor) if self.induk_id and self.nomor <= 26 else str(self.nomor)

    @property
    def batas_tampil(self) -> str:
        if not self.batas_waktu:
            return ""
        if self.batas_akhir_tahun:
            return f"paling lambat Tahun {self.batas_waktu.year}"
        from kesbangpol.dates import tanggal

        return tanggal(self.batas_waktu, hari=False)

    def dapat_diubah_oleh(self, user) -> bool:
        return (
            self.rakor.dapat_diubah_oleh(user)
            and Rakor.objects.for_user(user).filter(pk=self.rakor_id).exists()
        )


class PenugasanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Provincial users: every assignment of their province's rakor. Everyone else: only their
        own office's assignments (an operator never sees another office's follow-up or evidence)."""
        scope = access.lingkup(user)
        if scope.nasional:
            return self
        if scope.kosong:
            return self.none()
        if scope.seluruh_provinsi:
            return self.filter(provinsi_id=scope.provinsi_id)
        return self.filter(instansi_id=user.instansi_id)

    def terbuka(self):
        return self.exclude(status__in=Penugasan.TUNTAS)

    def terlambat(self, today: datetime.date):
        return self.terbuka().filter(rekomendasi__batas_waktu__lt=today)

    def with_terlambat(self, today: datetime.date):
        """Annotate ``terlambat`` (1/0) so lists can put overdue first in the database."""
        return self.annotate(
            terlambat=models.Case(
                models.When(
                    ~Q(status__in=Penugasan.TUNTAS) & Q(rekomendasi__batas_waktu__lt=today),
                    then=models.Value(1),
                ),
                default=models.Value(0),
            )
        )

    def umur(self, today: datetime.date, jumlah: Q | None = None) -> dict:
        """Ageing buckets of open assignments (``UMUR``), in one query; with ``jumlah`` also the number
        of assignments that filter keeps (a list's row count, so its paginator needs no query of its
        own; an empty ``Q()`` counts them all)."""
        extra = {"jumlah": Count("pk", filter=jumlah or None)} if jumlah is not None else {}
        saring = saringan(today)
        return self.aggregate(**extra, **{k: Count("pk", filter=saring[k][1]) for k in UMUR})


class Penugasan(models.Model):
    """A recommendation assigned to one office: that office's job until the province confirms it."""

    class Status(models.TextChoices):
        """BPK's follow-up vocabulary."""

        BELUM = "belum", "Belum ditindaklanjuti"
        BELUM_SESUAI = "belum_sesuai", "Belum sesuai"
        SESUAI = "sesuai", "Sesuai"
        TIDAK_DAPAT = "tidak_dapat", "Tidak dapat ditindaklanjuti"

    # Settled (tuntas) once the province has confirmed them; everything else is still someone's job.
    TUNTAS = (Status.SESUAI, Status.TIDAK_DAPAT)

    rekomendasi = models.ForeignKey(Rekomendasi, on_delete=models.CASCADE, related_name="penugasan")
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="penugasan_rekomendasi")
    # The rakor's province, copied on creation: scoping and the dashboards filter on it directly
    # instead of joining recommendation and rakor for every row.
    provinsi = models.ForeignKey(
        "kesbangpol.Wilayah", on_delete=models.PROTECT, related_name="+", editable=False, null=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BELUM)
    usulan = models.CharField(
        "usulan status",
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text="Status yang diusulkan instansi dan menunggu verifikasi provinsi.",
    )
    diusulkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"
        ordering = ["rekomendasi", "instansi__wilayah__kode", "instansi__nama"]
        constraints = [
            models.UniqueConstraint(fields=["rekomendasi", "instansi"], name="penugasan_unik_per_instansi"),
            models.CheckConstraint(
                condition=Q(usulan="") | Q(usulan__in=["sesuai", "tidak_dapat"]),
                name="penugasan_usulan_perlu_verifikasi",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "status"], name="penugasan_instansi_status_idx"),
            models.Index(fields=["provinsi", "status"], name="penugasan_provinsi_status_idx"),
        ]

    def __str__(self):
        return f"{self.rekomendasi.label} → {self.instansi}"

    def save(self, *args, **kwargs):
        if self.provinsi_id is None:
            self.provinsi_id = Rakor.objects.filter(pk=self.rekomendasi.rakor_id).values_list(
                "provinsi_id", flat=True
            )[0]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("rekomendasi:penugasan", args=[self.pk])

    @property
    def menunggu_verifikasi(self) -> bool:
        return bool(self.usulan)

    def is_terlambat(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        batas = self.rekomendasi.batas_waktu
        return self.status not in self.TUNTAS and batas is not None and batas < today

    def dapat_dilaporkan_oleh(self, user) -> bool:
        """The assigned office reports on its own work; provincial staff may report for an office
        that has no portal users (a Bappeda, a Disdukcapil), never in place of one that has."""
        if not access.dapat_menulis(user) or self.status in self.TUNTAS:
            return False
        if user.instansi_id == self.instansi_id:
            return True
        return access.adalah_staf_provinsi(user) and self.kantor_tanpa_pengguna

    @cached_property
    def kantor_tanpa_pengguna(self) -> bool:
        from kesbangpol.models import User

        return not User.objects.di_kantor([self.instansi_id]).exists()

    def dapat_diverifikasi_oleh(self, user) -> bool:
        """Only provincial staff confirm, and never their own proposal."""
        return (
            self.menunggu_verifikasi
            and access.dapat_menulis(user)
            and access.adalah_staf_provinsi(user)
            and self.diusulkan_oleh_id != user.pk
        )


class TindakLanjutQuerySet(access.MelaluiIndukQuerySet):
    induk = "penugasan"


class BuktiDukungQuerySet(access.MelaluiIndukQuerySet):
    induk = "tindak_lanjut__penugasan"


class TindakLanjut(models.Model):
    """One dated entry of an assignment's timeline: an office's report, or the province's decision."""

    class Jenis(models.TextChoices):
        LAPORAN = "laporan", "Laporan tindak lanjut"
        DITERIMA = "diterima", "Diverifikasi provinsi"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan provinsi"

    class Alasan(models.TextChoices):
        KAHAR = "kahar", "Keadaan kahar"
        REGULASI = "regulasi", "Perubahan regulasi"
        KEWENANGAN = "kewenangan", "Kewenangan instansi lain"
        LAINNYA = "lainnya", "Lainnya"

    penugasan = models.ForeignKey(Penugasan, on_delete=models.CASCADE, related_name="tindak_lanjut")
    jenis = models.CharField(max_length=20, choices=Jenis.choices, default=Jenis.LAPORAN)
    tanggal = models.DateField(help_text="Tanggal kegiatan tindak lanjut.")
    status = models.CharField(
        max_length=20, choices=Penugasan.Status.choices, help_text="Status yang dilaporkan atau ditetapkan."
    )
    narasi = models.TextField(max_length=10_000, help_text="Apa yang sudah dilakukan, oleh siapa, hasilnya.")
    alasan = models.CharField(max_length=20, choices=Alasan.choices, blank=True)
    alasan_lain = models.CharField("alasan lainnya", max_length=300, blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = TindakLanjutQuerySet.as_manager()

    class Meta:
        verbose_name = "tindak lanjut"
        verbose_name_plural = "tindak lanjut"
        ordering = ["dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="tidak_dapat", jenis="laporan") | ~Q(alasan=""),
                name="tindak_lanjut_tidak_dapat_beralasan",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tanggal}"


class BuktiDukung(models.Model):
    """An evidence file of a follow-up report; downloaded only through an access-checked view."""

    tindak_lanjut = models.ForeignKey(TindakLanjut, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(max_length=200)
    nama_asli = models.CharField("nama berkas", max_length=200)
    jenis_berkas = models.CharField(max_length=10, choices=[(k, j.label) for k, j in unggahan.SEMUA.items()])
    ukuran = models.PositiveIntegerField()
    history = HistoricalRecords()
    objects = BuktiDukungQuerySet.as_manager()

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["pk"]

    def __str__(self):
        return self.nama_asli

    @property
    def jenis(self) -> unggahan.Jenis:
        return unggahan.SEMUA[self.jenis_berkas]
