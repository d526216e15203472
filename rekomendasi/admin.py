from django.contrib import admin
from import_export.admin import ExportMixin, ImportExportModelAdmin

from kesbangpol import access
from kesbangpol.admin import ImporEksporAdmin, ProvinsiFilter, ScopedAdmin, _admin_aktif
from rakor.models import Rakor
from rekomendasi.models import Bidang, BuktiDukung, Penugasan, Rekomendasi, TindakLanjut
from rekomendasi.resources import BidangResource, PenugasanResource, RekomendasiResource


@admin.register(Bidang)
class BidangAdmin(ImporEksporAdmin, ImportExportModelAdmin, admin.ModelAdmin):
    """The list of fields is shared by every province: national admins keep it."""

    resource_classes = [BidangResource]
    list_display = ["nama", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]
    search_fields = ["nama"]

    def has_module_permission(self, request):
        return _admin_aktif(request)

    def has_view_permission(self, request, obj=None):
        return _admin_aktif(request)

    def has_add_permission(self, request):
        return _admin_aktif(request) and access.lingkup(request.user).nasional

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: past recommendations keep their field

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class RakorProvinsiFilter(ProvinsiFilter):
    wilayah_path = "rakor__provinsi__"


class PenugasanProvinsiFilter(ProvinsiFilter):
    wilayah_path = "instansi__wilayah__"


class PenugasanInline(admin.TabularInline):
    model = Penugasan
    extra = 0
    fields = ["instansi", "status", "usulan"]
    readonly_fields = ["status", "usulan"]
    raw_id_fields = ["instansi"]


@admin.register(Rekomendasi)
class RekomendasiAdmin(ImporEksporAdmin, ExportMixin, ScopedAdmin):
    resource_classes = [RekomendasiResource]
    list_display = ["__str__", "rakor", "bidang", "batas_waktu"]
    list_filter = ["bidang", RakorProvinsiFilter]
    search_fields = ["isi", "rakor__judul"]
    list_select_related = ["rakor", "induk", "bidang"]
    raw_id_fields = ["rakor", "induk"]
    inlines = [PenugasanInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rakor":
            kwargs["queryset"] = Rakor.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TindakLanjutInline(admin.StackedInline):
    model = TindakLanjut
    extra = 0
    fields = ["jenis", "tanggal", "status", "narasi", "alasan", "alasan_lain", "oleh"]
    readonly_fields = fields  # the timeline is written by the workflow, never edited here

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Penugasan)
class PenugasanAdmin(ImporEksporAdmin, ExportMixin, ScopedAdmin):
    """Read-mostly: statuses change through the portal's workflow (report, verification)."""

    resource_classes = [PenugasanResource]
    list_display = ["rekomendasi", "instansi", "status", "usulan", "diverifikasi_oleh"]
    list_filter = ["status", "usulan", "instansi__jenis", PenugasanProvinsiFilter]
    search_fields = ["rekomendasi__isi", "instansi__nama", "rekomendasi__rakor__judul"]
    list_select_related = ["rekomendasi__induk", "instansi", "diverifikasi_oleh"]
    readonly_fields = [
        "rekomendasi",
        "instansi",
        "status",
        "usulan",
        "diusulkan_oleh",
        "diverifikasi_oleh",
        "diverifikasi_pada",
    ]
    inlines = [TindakLanjutInline]

    def has_add_permission(self, request):
        return False


@admin.register(BuktiDukung)
class BuktiDukungAdmin(ScopedAdmin):
    list_display = ["nama_asli", "jenis_berkas", "ukuran", "tindak_lanjut"]
    list_filter = ["jenis_berkas"]
    search_fields = ["nama_asli"]
    readonly_fields = ["tindak_lanjut", "berkas", "nama_asli", "jenis_berkas", "ukuran"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request).select_related("tindak_lanjut")
        return qs.filter(tindak_lanjut__penugasan__in=Penugasan.objects.for_user(request.user))

    def has_add_permission(self, request):
        return False
