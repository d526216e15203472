from django.contrib import admin
from import_export.admin import ExportMixin, ImportExportModelAdmin

from kesbangpol import access
from kesbangpol.admin import HanyaBaca, ImporEksporAdmin, ProvinsiFilter, ScopedAdmin, _admin_aktif
from kesbangpol.models import Wilayah
from laporan.models import (
    AturanProvinsi,
    AturanValidasi,
    CatatanSegera,
    Indikator,
    IndikatorPerdamaian,
    JenisAktor,
    JenisKejadian,
    KejadianKonflik,
    KesepakatanIKU,
    LaporanSegera,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    RealisasiIndikator,
    RiwayatLaporan,
    Sinyal,
    TargetIndikator,
)
from laporan.resources import (
    IndikatorPerdamaianResource,
    IndikatorResource,
    JenisAktorResource,
    JenisKejadianResource,
    KejadianResource,
    LaporanResource,
    PotensiResource,
    SegeraResource,
)


class PeriodeProvinsiFilter(ProvinsiFilter):
    wilayah_path = "provinsi__"


class LaporanProvinsiFilter(ProvinsiFilter):
    wilayah_path = "kabkota__"


class ItemProvinsiFilter(ProvinsiFilter):
    wilayah_path = "laporan__kabkota__"


@admin.register(AturanProvinsi)
class AturanProvinsiAdmin(ScopedAdmin):
    list_display = ["provinsi", "hari_tenggat"]

    def get_queryset(self, request):
        provinsi = Wilayah.objects.for_user(request.user).provinsi()
        return admin.ModelAdmin.get_queryset(self, request).filter(provinsi__in=provinsi)


@admin.register(AturanValidasi)
class AturanValidasiAdmin(ScopedAdmin):
    """A province's own validation rules, of two fixed shapes (a field that must be filled, a number
    above a limit), each refusing the submission or only warning. Provincial admins keep their
    province's; rules are deactivated, not deleted (national admins may delete)."""

    list_display = ["__str__", "provinsi", "bentuk", "butir", "kolom", "tingkat", "batas", "keparahan"]
    list_filter = ["aktif", "bentuk", "butir", "keparahan", PeriodeProvinsiFilter]
    search_fields = ["pesan", "provinsi__nama"]
    list_select_related = ["provinsi"]


@admin.register(Periode)
class PeriodeAdmin(ScopedAdmin):
    list_display = ["__str__", "provinsi", "tenggat", "ditutup"]
    list_filter = ["tahun", "triwulan", "ditutup", PeriodeProvinsiFilter]
    list_select_related = ["provinsi"]
    readonly_fields = ["provinsi", "tahun", "triwulan"]

    def has_add_permission(self, request):
        return False  # periods are created with their rule when a report is first opened


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # A report's children as the portal shows them, through their own for_user: without the
        # rahasia items the admin is not cleared for (found by the leak walk's rahasia sentinels).
        qs = super().get_queryset(request)
        return qs.for_user(request.user) if hasattr(qs, "for_user") else qs


class PotensiInline(ReadOnlyInline):
    model = PotensiKonflik
    fields = ["judul", "sumber", "bidang", "tingkat", "tren", "tahap"]
    readonly_fields = fields


class KejadianInline(ReadOnlyInline):
    model = KejadianKonflik
    fields = ["tanggal", "uraian", "meninggal", "luka", "mengungsi"]
    readonly_fields = fields


class RealisasiInline(ReadOnlyInline):
    model = RealisasiIndikator
    fields = ["indikator", "nilai", "catatan"]
    readonly_fields = fields
    show_change_link = False


class RiwayatInline(ReadOnlyInline):
    model = RiwayatLaporan
    fields = ["aksi", "oleh", "waktu", "alasan"]
    readonly_fields = fields
    show_change_link = False


@admin.register(LaporanTriwulan)
class LaporanAdmin(HanyaBaca, ImporEksporAdmin, ExportMixin, ScopedAdmin):
    """Read-only: reports change only through the portal's workflow, which keeps the lock and the
    timeline."""

    resource_classes = [LaporanResource]
    list_display = ["kabkota", "periode", "status", "nihil", "tepat_waktu", "pertama_diajukan", "contoh"]
    list_filter = [
        "status",
        "nihil",
        "tepat_waktu",
        "contoh",
        "periode__tahun",
        "periode__triwulan",
        LaporanProvinsiFilter,
    ]
    search_fields = ["kabkota__nama", "kabkota__kode"]
    list_select_related = ["kabkota", "periode"]
    inlines = [PotensiInline, KejadianInline, RealisasiInline, RiwayatInline]


class ItemAdmin(ImporEksporAdmin, ExportMixin, ScopedAdmin):
    # Rows come through the items' own for_user (ScopedAdmin): the report's scope and rahasia.
    list_select_related = ["laporan__kabkota", "laporan__periode"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # An item of a submitted or accepted report is read-only here too (the model refuses anyway).
        return _admin_aktif(request) and (obj is None or obj.laporan.dapat_diedit)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and obj is not None


@admin.register(PotensiKonflik)
class PotensiAdmin(ItemAdmin):
    resource_classes = [PotensiResource]
    list_display = ["judul", "laporan", "tingkat", "tren", "sumber", "verifikasi"]
    list_filter = ["tingkat", "tren", "sumber", "bidang", "verifikasi", "jenis_sumber", ItemProvinsiFilter]
    search_fields = ["judul", "kecamatan", "desa", "pihak"]
    readonly_fields = ["laporan", "identitas", "versi"]


@admin.register(KejadianKonflik)
class KejadianAdmin(ItemAdmin):
    resource_classes = [KejadianResource]
    list_display = ["tanggal", "laporan", "jenis", "meninggal", "luka", "mengungsi", "verifikasi"]
    list_filter = ["verifikasi", "jenis_sumber", ItemProvinsiFilter]
    list_select_related = ["laporan__kabkota", "laporan__periode", "jenis"]
    search_fields = ["uraian", "kecamatan", "desa"]
    readonly_fields = ["laporan", "versi"]


class CatatanSegeraInline(ReadOnlyInline):
    model = CatatanSegera
    fields = ["waktu", "jenis", "oleh", "isi"]
    readonly_fields = fields
    show_change_link = False


@admin.register(LaporanSegera)
class SegeraAdmin(HanyaBaca, ImporEksporAdmin, ExportMixin, ScopedAdmin):
    """Read-only with export: incidents are filed, updated and acknowledged in the portal, which keeps
    the timeline and sends the notifications. National admins see the escalated ones."""

    resource_classes = [SegeraResource]
    list_display = [
        "tanggal", "judul", "kabkota", "meninggal", "luka", "mengungsi", "diketahui_pada", "dieskalasi_pada",
    ]  # fmt: skip
    list_filter = [
        "ketelitian_tanggal",
        "verifikasi",
        ("diketahui_pada", admin.EmptyFieldListFilter),
        ("dieskalasi_pada", admin.EmptyFieldListFilter),
        LaporanProvinsiFilter,
    ]
    search_fields = ["judul", "uraian", "kecamatan", "desa", "pihak", "kabkota__nama"]
    list_select_related = ["kabkota"]
    date_hierarchy = "tanggal"
    inlines = [CatatanSegeraInline]


@admin.register(Sinyal)
class SinyalAdmin(HanyaBaca, ImporEksporAdmin, ExportMixin, ScopedAdmin):
    """Read-only with export: signals are computed (``laporan.sinyal``) and dismissed on their page,
    with a reason, by the province's staff."""

    list_display = ["kalimat", "jenis", "kabkota", "tahun", "triwulan", "skor", "aktif", "ditutup_pada"]
    list_filter = ["jenis", "aktif", ("ditutup_pada", admin.EmptyFieldListFilter), "tahun", "triwulan"]
    search_fields = ["kalimat", "kabkota__nama"]
    list_select_related = ["kabkota"]


class KodeAdmin(ImporEksporAdmin, ImportExportModelAdmin, ScopedAdmin):
    """A codebook list: national admins keep it (xlsx import/export matched on the stable code);
    other admins read it. Rows are deactivated, not deleted."""

    list_display = ["kode", "nama", "urutan", "aktif"]
    list_filter = ["aktif"]
    search_fields = ["kode", "nama", "keterangan"]

    def _nasional(self, request) -> bool:
        return _admin_aktif(request) and access.lingkup(request.user).nasional

    def get_readonly_fields(self, request, obj=None):
        # A code is stable once saved: data in other years points at it.
        return ["kode"] if obj is not None else []

    def has_add_permission(self, request):
        return self._nasional(request)

    def has_change_permission(self, request, obj=None):
        return self._nasional(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request):
        return self._nasional(request)


@admin.register(JenisKejadian)
class JenisKejadianAdmin(KodeAdmin):
    resource_classes = [JenisKejadianResource]
    list_display = ["kode", "nama", "induk", "sumber", "urutan", "aktif"]
    list_filter = ["aktif", "sumber", ("induk", admin.EmptyFieldListFilter)]
    list_select_related = ["induk"]


@admin.register(JenisAktor)
class JenisAktorAdmin(KodeAdmin):
    resource_classes = [JenisAktorResource]


@admin.register(IndikatorPerdamaian)
class IndikatorPerdamaianAdmin(KodeAdmin):
    resource_classes = [IndikatorPerdamaianResource]


class IndikatorProvinsiFilter(ProvinsiFilter):
    wilayah_path = "wilayah__"


class TargetInline(admin.TabularInline):
    model = TargetIndikator
    extra = 0
    fields = ["tahun", "nilai"]


@admin.register(Indikator)
class IndikatorAdmin(ImporEksporAdmin, ExportMixin, ScopedAdmin):
    """The IKU registers of the offices in scope: changed one indicator at a time here, in bulk
    through the register page's Excel round trip."""

    resource_classes = [IndikatorResource]
    list_display = ["kode", "nama", "wilayah", "renstra", "satuan", "arah", "induk", "contoh"]
    list_filter = [IndikatorProvinsiFilter, "renstra_mulai", "arah", "frekuensi", "contoh"]
    search_fields = ["kode", "nama", "wilayah__nama", "wilayah__kode", "kode_nasional", "kode_sipd"]
    list_select_related = ["wilayah", "induk"]
    inlines = [TargetInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "induk":  # a province indicator in scope (ScopedAdmin's rule, narrowed)
            kwargs["queryset"] = Indikator.objects.for_user(request.user).filter(wilayah__tingkat="provinsi")
            return super(ScopedAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(KesepakatanIKU)
class KesepakatanIKUAdmin(ScopedAdmin):
    """Alignments agreed in planning rakor (recorded on the rakor's page, which also sets the link)."""

    list_display = ["rakor", "indikator", "induk", "dicatat_oleh", "dicatat_pada"]
    list_filter = ["rakor__provinsi"]
    search_fields = ["indikator__kode", "indikator__nama", "induk__kode", "rakor__judul", "catatan"]
    list_select_related = ["rakor", "indikator__wilayah", "induk", "dicatat_oleh"]
    readonly_fields = ["dicatat_oleh", "dicatat_pada"]
