"""Import/export of offices and users (admin), scoped like every other read and write.

Rows are matched on natural keys, never on database ids: an id typed into a spreadsheet must not be
able to reach a row outside the importer's scope, and exports carry no ids (PRODUCT.md §2).
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from kesbangpol import access
from kesbangpol.models import Instansi, TahapanPemilu, User, Wilayah


class PilihanWidget(widgets.Widget):
    """A choice as people type it: the stored value or its label, in any case ("Tinggi", "TINGGI")."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return ""
        key = str(value).strip().casefold()
        for stored, label in self.choices:
            if key in (str(stored).casefold(), str(label).casefold()):
                return stored
        pilihan = ", ".join(str(label) for _, label in self.choices)
        raise ValueError(f"“{value}” bukan pilihan yang sah. Pilih salah satu: {pilihan}.")

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class WilayahKodeWidget(widgets.ForeignKeyWidget):
    """A region by its Kemendagri code, limited to the importer's scope."""

    def __init__(self, **kwargs):
        super().__init__(Wilayah, field="kode", **kwargs)
        self.user = None

    def get_queryset(self, value, row, *args, **kwargs):
        return Wilayah.objects.for_user(self.user)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(str(value).strip() if value is not None else value, row, **kwargs)
        except Wilayah.DoesNotExist:
            raise ValueError(f"Wilayah dengan kode “{value}” tidak ada atau di luar wilayah Anda.") from None


class InstansiWidget(widgets.ForeignKeyWidget):
    """An office by its name within the row's region code (column kode_wilayah)."""

    def __init__(self, **kwargs):
        super().__init__(Instansi, field="nama", **kwargs)
        self.user = None

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        kode = str((row or {}).get("kode_wilayah") or "").strip()
        instansi = (
            Instansi.objects.for_user(self.user)
            .filter(wilayah__kode=kode, nama__iexact=str(value).strip())
            .first()
        )
        if instansi is None:
            raise ValueError(f"Instansi “{value}” di wilayah “{kode}” tidak ada atau di luar wilayah Anda.")
        return instansi


class ScopedResource(resources.ModelResource):
    """Imports see and touch only what the importing user may (an unknown user: nothing)."""

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        for field in self.fields.values():
            if hasattr(field.widget, "user"):
                field.widget.user = user

    def get_queryset(self):
        return self._meta.model.objects.for_user(self.user)


class InstansiResource(ScopedResource):
    wilayah = fields.Field(attribute="wilayah", column_name="kode_wilayah", widget=WilayahKodeWidget())
    nama_wilayah = fields.Field(attribute="wilayah__nama", column_name="nama_wilayah", readonly=True)
    jenis = fields.Field(attribute="jenis", column_name="jenis", widget=PilihanWidget(Instansi.Jenis.choices))
    aktif = fields.Field(attribute="aktif", column_name="aktif", widget=widgets.BooleanWidget(), default=True)

    class Meta:
        model = Instansi
        fields = (
            "wilayah",
            "nama_wilayah",
            "nama",
            "singkatan",
            "jenis",
            "alamat",
            "telepon",
            "email",
            "kepala_nama",
            "kepala_nip",
            "kepala_pangkat",
            "kepala_jabatan",
            "aktif",
        )
        import_id_fields = ("wilayah", "nama")
        clean_model_instances = True
        skip_unchanged = True


class PenggunaResource(ScopedResource):
    kode_wilayah = fields.Field(
        attribute="instansi__wilayah__kode", column_name="kode_wilayah", readonly=True
    )
    instansi = fields.Field(attribute="instansi", column_name="instansi", widget=InstansiWidget())
    peran = fields.Field(attribute="peran", column_name="peran", widget=PilihanWidget(User.Peran.choices))
    is_active = fields.Field(
        attribute="is_active", column_name="aktif", widget=widgets.BooleanWidget(), default=True
    )

    class Meta:
        model = User
        fields = (
            "username",
            "nama_lengkap",
            "email",
            "nip",
            "jabatan",
            "kode_wilayah",
            "instansi",
            "peran",
            "is_active",
        )
        import_id_fields = ("username",)
        clean_model_instances = True
        skip_unchanged = True

    def get_queryset(self):
        qs = super().get_queryset()
        if not access.lingkup(self.user).nasional:
            qs = qs.exclude(peran=User.Peran.ADMIN_NASIONAL)
        return qs

    def import_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            # Imported accounts sign in after setting their own password through "Lupa kata sandi".
            instance.set_unusable_password()
        super().import_instance(instance, row, **kwargs)
        if instance.peran == User.Peran.ADMIN_NASIONAL and not access.lingkup(self.user).nasional:
            raise ValidationError({"peran": "Hanya admin nasional yang dapat membuat admin nasional."})


def kesalahan_impor(result) -> dict[int, list[str]]:
    """Every bad row of an import result, by spreadsheet row number (header = row 1), with its
    messages: lookup errors (a region out of scope) and validation errors (a bad choice) alike."""
    errors: dict[int, list[str]] = {}
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.setdefault(number + 1, []).append(str(getattr(error.error, "message", error.error)))
    for row in result.invalid_rows:
        for field, messages in row.error_dict.items():
            label = "" if field == "__all__" else f"{field}: "
            errors.setdefault(row.number + 1, []).extend(f"{label}{m}" for m in messages)
    return dict(sorted(errors.items()))


class TahapanResource(ScopedResource):
    """The election calendar: one row per stage, region by code (empty: national)."""

    pemilihan = fields.Field(
        attribute="pemilihan", column_name="pemilihan", widget=PilihanWidget(TahapanPemilu.Pemilihan.choices)
    )
    wilayah = fields.Field(attribute="wilayah", column_name="kode_wilayah", widget=WilayahKodeWidget())
    contoh = fields.Field(
        attribute="contoh", column_name="contoh", widget=widgets.BooleanWidget(), default=False
    )

    class Meta:
        model = TahapanPemilu
        fields = ("id", "pemilihan", "tahun", "nama", "mulai", "selesai", "wilayah", "sumber", "contoh")
        clean_model_instances = True
