from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from kesbangpol.admin import ImporEksporAdmin, ProvinsiFilter, ScopedAdmin
from kesbangpol.models import User, Wilayah
from rakor.models import Agenda, Arahan, Dokumentasi, LanggananKalender, Narasumber, Orang, Peserta, Rakor
from rakor.resources import OrangResource, PesertaResource, RakorResource


class RakorProvinsiFilter(ProvinsiFilter):
    wilayah_path = "provinsi__"


class BagianProvinsiFilter(ProvinsiFilter):
    wilayah_path = "rakor__provinsi__"


class OrangProvinsiFilter(ProvinsiFilter):
    wilayah_path = "instansi__wilayah__"


class BagianAdmin(ScopedAdmin):
    """Parts of a rakor, scoped through their rakor (their own for_user, as in the portal)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rakor":
            kwargs["queryset"] = Rakor.objects.for_user(request.user)
        elif db_field.name == "orang":
            kwargs["queryset"] = Orang.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Orang)
class OrangAdmin(ImporEksporAdmin, ImportExportModelAdmin, ScopedAdmin):
    resource_classes = [OrangResource]
    list_display = ["nama", "jabatan", "instansi", "nip"]
    list_filter = ["instansi__jenis", OrangProvinsiFilter]
    search_fields = ["nama", "nip", "jabatan", "instansi__nama"]
    list_select_related = ["instansi"]


class NarasumberInline(admin.TabularInline):
    model = Narasumber
    extra = 0
    fields = ["orang", "jabatan", "materi", "moda", "urutan"]
    raw_id_fields = ["orang"]


class ArahanInline(admin.TabularInline):
    model = Arahan
    extra = 0
    fields = ["isi", "disampaikan_oleh", "urutan"]


class AgendaInline(admin.TabularInline):
    model = Agenda
    extra = 0
    fields = ["tanggal", "jam_mulai", "jam_selesai", "acara", "narasumber"]


@admin.register(Rakor)
class RakorAdmin(ImporEksporAdmin, ImportExportModelAdmin, ScopedAdmin):
    resource_classes = [RakorResource]
    list_display = ["judul", "tanggal_mulai", "tanggal_selesai", "provinsi", "jenis", "status"]
    list_filter = ["status", "jenis", "tahun_anggaran", RakorProvinsiFilter]
    search_fields = ["judul", "tema", "tempat", "dibuka_oleh"]
    list_select_related = ["provinsi"]
    date_hierarchy = "tanggal_mulai"
    raw_id_fields = ["moderator", "penyelenggara"]
    readonly_fields = ["dibuat_oleh", "dibuat", "diubah"]
    inlines = [NarasumberInline, AgendaInline, ArahanInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("provinsi", "kabkota"):
            qs = Wilayah.objects.for_user(request.user)
            kwargs["queryset"] = qs.provinsi() if db_field.name == "provinsi" else qs.kabkota()
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.dibuat_oleh = request.user
        super().save_model(request, obj, form, change)


@admin.register(Peserta)
class PesertaAdmin(ImporEksporAdmin, ImportExportModelAdmin, BagianAdmin):
    resource_classes = [PesertaResource]
    list_display = ["nama_tampil", "jabatan", "instansi", "rakor", "kehadiran", "moda"]
    list_filter = ["kehadiran", "moda", "instansi__jenis", BagianProvinsiFilter]
    search_fields = ["orang__nama", "orang__nip", "jabatan", "instansi__nama", "rakor__judul"]
    list_select_related = ["orang", "instansi", "rakor"]
    raw_id_fields = ["orang", "instansi", "rakor"]

    @admin.display(description="nama")
    def nama_tampil(self, obj):
        return obj.nama_tampil


@admin.register(Narasumber)
class NarasumberAdmin(BagianAdmin):
    list_display = ["orang", "materi", "moda", "rakor"]
    list_filter = ["moda", BagianProvinsiFilter]
    search_fields = ["orang__nama", "materi", "rakor__judul"]
    list_select_related = ["orang", "rakor"]
    raw_id_fields = ["orang", "rakor"]


@admin.register(Dokumentasi)
class DokumentasiAdmin(BagianAdmin):
    list_display = ["keterangan", "nama_asli", "jenis_berkas", "klasifikasi", "ukuran", "rakor", "diunggah"]
    list_filter = ["jenis_berkas", "klasifikasi", BagianProvinsiFilter]
    search_fields = ["keterangan", "nama_asli", "rakor__judul"]
    list_select_related = ["rakor"]
    # Files are added through the rakor page, which checks their content; here they are read-only.
    readonly_fields = ["rakor", "berkas", "nama_asli", "jenis_berkas", "ukuran", "diunggah_oleh", "diunggah"]

    def has_add_permission(self, request):
        return False


@admin.register(LanggananKalender)
class LanggananKalenderAdmin(ScopedAdmin):
    list_display = ["pengguna", "dibuat", "terakhir_diambil"]
    search_fields = ["pengguna__username", "pengguna__nama_lengkap"]
    readonly_fields = ["pengguna", "token_sha256", "dibuat", "terakhir_diambil"]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request).select_related("pengguna")
        return qs.filter(pengguna__in=User.objects.for_user(request.user))

    def has_add_permission(self, request):
        return False
