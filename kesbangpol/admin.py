from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db.models import Q
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice
from import_export.admin import ExportMixin, ImportExportModelAdmin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from kesbangpol import access, audit, excel
from kesbangpol.models import (
    Audit,
    Dokumen,
    Instansi,
    IzinRahasia,
    KirimanTerjadwal,
    Notifikasi,
    PreferensiKabar,
    TahapanPemilu,
    User,
    Wilayah,
)
from kesbangpol.resources import InstansiResource, PenggunaResource, TahapanResource

admin.site.unregister(Group)  # roles are User.peran; groups would be a second, unscoped system


def _admin_aktif(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and not access.lingkup(user).kosong


class ImporEksporAdmin:
    """Import and export in the admin as in the portal: resources get the user (they scope their
    lookups with it) and every export and import goes into the audit trail. Listed first among an
    admin's bases: import-export's own mixins define these methods too, and an earlier base wins
    (ScopedAdmin, listed after them, used to define get_resource_kwargs and was never called, so
    admin imports ran without a user and refused every row; found by the audit test)."""

    # Exports are written as text cells by kesbangpol.excel (no formula survives, no CSV to open in a
    # spreadsheet); offices bring data in as Excel or CSV.
    export_formats = [excel.XLSX]
    import_formats = [base_formats.XLSX, base_formats.CSV]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        audit.catat(request, "ekspor_admin", keterangan=f"{self.model._meta.label}, {queryset.count()} baris")
        return data

    def process_result(self, result, request):
        response = super().process_result(result, request)
        jumlah = ", ".join(f"{k} {v}" for k, v in result.totals.items() if v)
        audit.catat(request, "impor_admin", keterangan=f"{self.model._meta.label}: {jumlah}"[:300])
        return response


class ScopedAdmin(SimpleHistoryAdmin):
    """The admin shows each admin exactly what the portal shows them: rows come through
    ``for_user`` and related-object choices are limited the same way."""

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def _in_scope_or_404(self, request, object_id):
        # simple-history falls back to the history rows of a row it cannot find in the queryset,
        # which would show another province's record: check the scope first.
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if hasattr(related.objects, "for_user"):
            kwargs["queryset"] = related.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return _admin_aktif(request)

    def has_view_permission(self, request, obj=None):
        return _admin_aktif(request)

    def has_add_permission(self, request):
        return _admin_aktif(request)

    def has_change_permission(self, request, obj=None):
        return _admin_aktif(request)

    def has_delete_permission(self, request, obj=None):
        # Records are deactivated, not deleted, except by national admins.
        return _admin_aktif(request) and access.lingkup(request.user).nasional

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


class ProvinsiFilter(admin.SimpleListFilter):
    """Narrow a national admin's list to one province (a provincial admin sees only their own)."""

    title = "provinsi"
    parameter_name = "provinsi"
    wilayah_path = "wilayah__"

    def lookups(self, request, model_admin):
        scope = access.lingkup(request.user)
        provinsi = Wilayah.objects.provinsi()
        if not scope.nasional:
            provinsi = provinsi.filter(pk=scope.provinsi_id)
        return [(p.kode, p.nama) for p in provinsi]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        p = self.wilayah_path
        return queryset.filter(Q(**{f"{p}kode": self.value()}) | Q(**{f"{p}provinsi__kode": self.value()}))


class WilayahProvinsiFilter(ProvinsiFilter):
    wilayah_path = ""


class PenggunaProvinsiFilter(ProvinsiFilter):
    wilayah_path = "instansi__wilayah__"


class _YaFilter(admin.SimpleListFilter):
    """A yes-only filter the admin's home page links to (``?<parameter_name>=1``)."""

    def lookups(self, request, model_admin):
        return [("1", "Ya")]

    def queryset(self, request, queryset):
        return self.saring(queryset) if self.value() == "1" else queryset


class BelumMasukFilter(_YaFilter):
    title = "belum pernah masuk (14 hari setelah dibuat)"
    parameter_name = "belum_masuk"

    def saring(self, queryset):
        return queryset.belum_pernah_masuk()


class TanpaDuaFaktorFilter(_YaFilter):
    title = "wajib kode dua langkah, belum dipasang"
    parameter_name = "tanpa_dua_faktor"

    def saring(self, queryset):
        return queryset.tanpa_dua_faktor()


class TanpaPenggunaFilter(_YaFilter):
    title = "tanpa pengguna aktif"
    parameter_name = "tanpa_pengguna"

    def saring(self, queryset):
        return queryset.tanpa_pengguna()


@admin.register(Wilayah)
class WilayahAdmin(ImporEksporAdmin, ExportMixin, ScopedAdmin):
    list_display = ["kode", "nama", "tingkat", "provinsi", "zona_waktu"]
    list_filter = ["tingkat", "zona_waktu", WilayahProvinsiFilter]
    search_fields = ["kode", "nama"]
    list_select_related = ["provinsi"]
    list_per_page = 100

    def has_add_permission(self, request):
        return False  # the 552 regions ship with the product; changes come as migrations

    def has_change_permission(self, request, obj=None):
        return _admin_aktif(request) and access.lingkup(request.user).nasional

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Instansi)
class InstansiAdmin(ImporEksporAdmin, ImportExportModelAdmin, ScopedAdmin):
    resource_classes = [InstansiResource]
    list_display = ["nama", "jenis", "wilayah", "kepala_nama", "aktif"]
    list_filter = ["jenis", "aktif", "wilayah__tingkat", ProvinsiFilter, TanpaPenggunaFilter]
    search_fields = ["nama", "singkatan", "wilayah__nama", "wilayah__kode", "kepala_nama"]
    list_select_related = ["wilayah"]
    fieldsets = [
        (None, {"fields": ["nama", "singkatan", "jenis", "wilayah", "aktif", "lambang"]}),
        ("Kontak", {"fields": ["alamat", "telepon", "email"]}),
        (
            "Kepala instansi (untuk blok tanda tangan)",
            {"fields": ["kepala_nama", "kepala_nip", "kepala_pangkat", "kepala_jabatan"]},
        ),
    ]


class PenggunaCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "nama_lengkap", "email", "instansi", "peran")


class PenggunaChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class PenggunaAdmin(ImporEksporAdmin, ImportExportModelAdmin, ScopedAdmin, UserAdmin):
    resource_classes = [PenggunaResource]
    form = PenggunaChangeForm
    add_form = PenggunaCreationForm
    list_display = ["username", "nama_lengkap", "peran", "instansi", "is_active", "last_login"]
    list_filter = [
        "peran",
        "is_active",
        "instansi__jenis",
        PenggunaProvinsiFilter,
        BelumMasukFilter,
        TanpaDuaFaktorFilter,
    ]
    search_fields = ["username", "nama_lengkap", "email", "nip", "instansi__nama"]
    list_select_related = ["instansi"]
    ordering = ["username"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Data pribadi", {"fields": ["nama_lengkap", "nip", "jabatan", "email"]}),
        ("Penempatan dan peran", {"fields": ["instansi", "peran", "is_active"]}),
        ("Waktu", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "nama_lengkap",
                    "email",
                    "instansi",
                    "peran",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not access.lingkup(request.user).nasional:
            qs = qs.exclude(peran=User.Peran.ADMIN_NASIONAL)
        return qs

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "peran" and not access.lingkup(request.user).nasional:
            kwargs["choices"] = [c for c in User.Peran.choices if c[0] != User.Peran.ADMIN_NASIONAL]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class DokumenProvinsiFilter(ProvinsiFilter):
    wilayah_path = "provinsi__"


class SemuaBidangTerbaca:
    """An admin whose change page shows every field read-only, also the ones no form edits (such as
    timestamps, which a view-only page would leave out)."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


class HanyaBaca(SemuaBidangTerbaca):
    """Records the portal writes and nobody edits here: listed and opened, every field shown, never
    added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dokumen)
class DokumenAdmin(SemuaBidangTerbaca, ScopedAdmin):
    """Jobs and their stored PDFs are written by the workers only."""

    list_display = ["judul", "jenis", "provinsi", "status", "progres", "percobaan", "dibuat", "diminta_oleh"]
    list_filter = ["status", "jenis", DokumenProvinsiFilter]
    search_fields = ["judul", "kode", "sha256"]
    list_select_related = ["provinsi", "diminta_oleh"]

    def has_add_permission(self, request):
        return False

    def history_view(self, request, object_id, extra_context=None):
        raise Http404  # no change history: a job's own fields are its record

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        raise Http404  # found by the sentinel walk: this answered 500 (there is no history model)


class AuditProvinsiFilter(ProvinsiFilter):
    wilayah_path = "provinsi__"


@admin.register(Audit)
class AuditAdmin(HanyaBaca, admin.ModelAdmin):
    """The audit trail: browse and filter, never change (the model refuses updates and deletes)."""

    list_display = [
        "waktu",
        "username",
        "peran",
        "wilayah_kode",
        "aksi",
        "objek",
        "hasil",
        "alamat",
        "provinsi_sasaran",
    ]
    list_filter = ["hasil", "aksi", "peran", AuditProvinsiFilter]
    search_fields = ["username", "objek", "keterangan", "alamat"]
    date_hierarchy = "waktu"
    list_per_page = 100
    list_select_related = ["provinsi_sasaran"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def has_module_permission(self, request):
        return _admin_aktif(request)

    def has_view_permission(self, request, obj=None):
        return _admin_aktif(request)


# django-otp's own admin shows every device and its secret to any staff user: replace it with one
# scoped like the users, where an admin can only remove a device (a lost phone) so its owner sets up
# a new one at the next sign-in.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class PerangkatDuaFaktorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__nama_lengkap"]
    list_select_related = ["user"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        users = User.objects.for_user(request.user)
        if not access.lingkup(request.user).nasional:
            users = users.exclude(peran=User.Peran.ADMIN_NASIONAL)
        return super().get_queryset(request).filter(user__in=users)

    def has_module_permission(self, request):
        return _admin_aktif(request)

    def has_view_permission(self, request, obj=None):
        return _admin_aktif(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return _admin_aktif(request)


class _PenerimaDalamLingkup:
    """Notifications and choices of the users the admin manages (the same scope as the user list)."""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(**{f"{self.pengguna_field}__in": User.objects.for_user(request.user)})
        )

    def has_module_permission(self, request):
        return _admin_aktif(request)

    def has_view_permission(self, request, obj=None):
        return _admin_aktif(request)


@admin.register(Notifikasi)
class NotifikasiAdmin(SemuaBidangTerbaca, _PenerimaDalamLingkup, admin.ModelAdmin):
    """What reached whom and when: to answer "I never got told". Written by the portal only."""

    pengguna_field = "penerima"
    list_display = ["dibuat", "penerima", "jenis", "judul", "dibaca", "dikirim_surel"]
    list_filter = [
        "jenis",
        ("dibaca", admin.EmptyFieldListFilter),
        ("dikirim_surel", admin.EmptyFieldListFilter),
    ]
    search_fields = ["judul", "penerima__username", "penerima__nama_lengkap"]
    list_select_related = ["penerima"]
    date_hierarchy = "dibuat"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PreferensiKabar)
class PreferensiKabarAdmin(_PenerimaDalamLingkup, admin.ModelAdmin):
    pengguna_field = "pengguna"
    list_display = ["pengguna", "jenis", "cara"]
    list_filter = ["cara", "jenis"]
    search_fields = ["pengguna__username", "pengguna__nama_lengkap"]
    list_select_related = ["pengguna"]
    readonly_fields = ["pengguna", "jenis"]

    def has_add_permission(self, request):
        return False  # each person chooses on their own notification settings page

    def has_change_permission(self, request, obj=None):
        return _admin_aktif(request)

    def has_delete_permission(self, request, obj=None):
        return _admin_aktif(request)  # deleting a choice restores the kind's default


@admin.register(KirimanTerjadwal)
class KirimanTerjadwalAdmin(HanyaBaca, admin.ModelAdmin):
    """The record that keeps scheduled mail to once a day; national admins only (it names addresses
    across provinces)."""

    list_display = ["tanggal", "jenis", "penerima", "dibuat"]
    list_filter = ["jenis", "tanggal"]
    search_fields = ["penerima"]

    def _nasional(self, request):
        return _admin_aktif(request) and access.lingkup(request.user).nasional

    def has_module_permission(self, request):
        return self._nasional(request)

    def has_view_permission(self, request, obj=None):
        return self._nasional(request)


def lihat_di_situs(request, content_type_id, object_id):
    """The admin's "view on site" (``<admin>/r/<type>/<id>/``), scoped. Django's own shortcut
    redirects to any object that exists, so another province's ids answered 302 and missing ones
    404; here only an object the admin's own change list holds is followed, and anything else
    answers exactly as a missing one does."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.contenttypes.views import shortcut

    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or model_admin.get_object(request, unquote(object_id)) is None:
        raise Http404
    return shortcut(request, content_type_id, object_id)


@admin.register(TahapanPemilu)
class TahapanPemiluAdmin(ImporEksporAdmin, ImportExportModelAdmin, ScopedAdmin):
    """The election calendar: national admins keep it (xlsx import of a KPU schedule); provincial
    admins read the stages that apply to their province."""

    resource_classes = [TahapanResource]
    list_display = ["nama", "pemilihan", "tahun", "mulai", "selesai", "cakupan", "sumber", "contoh"]
    list_filter = ["pemilihan", "tahun", "contoh", ("wilayah", admin.EmptyFieldListFilter)]
    search_fields = ["nama", "sumber", "wilayah__nama"]
    list_select_related = ["wilayah"]
    date_hierarchy = "mulai"

    @admin.display(description="cakupan")
    def cakupan(self, obj):
        return obj.cakupan

    def _nasional(self, request) -> bool:
        return _admin_aktif(request) and access.lingkup(request.user).nasional

    def has_add_permission(self, request):
        return self._nasional(request)

    def has_change_permission(self, request, obj=None):
        return self._nasional(request)

    def has_delete_permission(self, request, obj=None):
        return self._nasional(request)

    def has_import_permission(self, request):
        return self._nasional(request)


class IzinProvinsiFilter(ProvinsiFilter):
    wilayah_path = "provinsi__"


@admin.register(IzinRahasia)
class IzinRahasiaAdmin(ScopedAdmin):
    """Who may read a province's *rahasia* records (deny by default): its admins grant a role or a
    named user, and revoke by deleting the grant. Every grant and revocation is audited."""

    list_display = ["__str__", "provinsi", "peran", "pengguna", "keterangan", "dibuat"]
    list_filter = ["peran", IzinProvinsiFilter]
    search_fields = ["pengguna__username", "pengguna__nama_lengkap", "keterangan", "provinsi__nama"]
    list_select_related = ["provinsi", "pengguna"]

    def has_delete_permission(self, request, obj=None):
        return _admin_aktif(request)  # revoking is deleting the grant (its history stays)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.catat(request, "izin_rahasia_ubah" if change else "izin_rahasia_beri", obj, keterangan=str(obj))

    def delete_model(self, request, obj):
        audit.catat(request, "izin_rahasia_cabut", obj, keterangan=str(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.catat(request, "izin_rahasia_cabut", obj, keterangan=str(obj))
        super().delete_queryset(request, queryset)


# The API's tokens have their admin beside the API (kesbangpol/api/admin.py); registered from here,
# where Django looks, once the helpers above exist.
from kesbangpol.api import admin as _api_admin  # noqa: E402, F401
