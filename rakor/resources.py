"""Excel export of rakor lists and participants (pages and admin), and admin import of persons,
rakor and participants. Scoped like every other read and write (kesbangpol.resources)."""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from kesbangpol.resources import InstansiWidget, PilihanWidget, ScopedResource, WilayahKodeWidget
from rakor.models import Narasumber, Orang, Peserta, Rakor


class ScopedForeignKeyWidget(widgets.ForeignKeyWidget):
    """A row by id, looked up only among the rows the importing user may see."""

    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        self.user = None

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.for_user(self.user)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (self.model.DoesNotExist, ValueError):
            raise ValueError(
                f"{self.model._meta.verbose_name.capitalize()} “{value}” tidak ada atau di luar wilayah Anda."
            ) from None


class OrangResource(ScopedResource):
    kode_wilayah = fields.Field(
        attribute="instansi__wilayah__kode", column_name="kode_wilayah", readonly=True
    )
    instansi = fields.Field(attribute="instansi", column_name="instansi", widget=InstansiWidget())

    class Meta:
        model = Orang
        fields = ("nama", "nip", "jabatan", "kode_wilayah", "instansi", "telepon", "email")
        import_id_fields = ("nama", "instansi")
        clean_model_instances = True
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().select_related("instansi__wilayah")

    def before_import_row(self, row, **kwargs):
        # Match by NIP first, like the page import, so a renamed person is not duplicated.
        nip = str(row.get("nip") or "").strip()
        if nip:
            existing = Orang.objects.for_user(self.user).filter(nip=nip).first()
            if existing:
                row["nama"] = existing.nama


class RakorResource(ScopedResource):
    provinsi = fields.Field(attribute="provinsi", column_name="kode_provinsi", widget=WilayahKodeWidget())
    kabkota = fields.Field(attribute="kabkota", column_name="kode_kabkota", widget=WilayahKodeWidget())
    penyelenggara = fields.Field(
        attribute="penyelenggara", column_name="penyelenggara", widget=InstansiWidget()
    )
    jenis = fields.Field(attribute="jenis", column_name="jenis", widget=PilihanWidget(Rakor.Jenis.choices))
    status = fields.Field(
        attribute="status", column_name="status", widget=PilihanWidget(Rakor.Status.choices)
    )
    tanggal_mulai = fields.Field(
        attribute="tanggal_mulai", column_name="tanggal_mulai", widget=widgets.DateWidget()
    )
    tanggal_selesai = fields.Field(
        attribute="tanggal_selesai", column_name="tanggal_selesai", widget=widgets.DateWidget()
    )
    jumlah_diundang = fields.Field(attribute="jumlah_diundang", column_name="jumlah_diundang", readonly=True)
    jumlah_hadir = fields.Field(attribute="jumlah_hadir", column_name="jumlah_hadir", readonly=True)

    class Meta:
        model = Rakor
        fields = (
            "id",
            "judul",
            "tema",
            "jenis",
            "tahun_anggaran",
            "tanggal_mulai",
            "tanggal_selesai",
            "tempat",
            "provinsi",
            "kabkota",
            "penyelenggara",
            "dibuka_oleh",
            "jabatan_pembuka",
            "mewakili",
            "status",
            "ringkasan",
            "jumlah_diundang",
            "jumlah_hadir",
        )
        clean_model_instances = True
        skip_unchanged = True

    def get_queryset(self):
        return super().get_queryset().select_related("provinsi", "kabkota", "penyelenggara").with_kehadiran()

    def before_import_row(self, row, **kwargs):
        # The organiser is named within the province (column kode_wilayah of InstansiWidget).
        row.setdefault("kode_wilayah", row.get("kode_provinsi"))

    def dehydrate_jumlah_diundang(self, rakor):
        return getattr(rakor, "jumlah_diundang", "")

    def dehydrate_jumlah_hadir(self, rakor):
        return getattr(rakor, "jumlah_hadir", "")


class PesertaResource(ScopedResource):
    rakor = fields.Field(attribute="rakor", column_name="rakor_id", widget=ScopedForeignKeyWidget(Rakor))
    judul_rakor = fields.Field(attribute="rakor__judul", column_name="rakor", readonly=True)
    nama = fields.Field(attribute="orang__nama", column_name="nama", readonly=True)
    nip = fields.Field(attribute="orang__nip", column_name="nip", readonly=True)
    kode_wilayah = fields.Field(
        attribute="instansi__wilayah__kode", column_name="kode_wilayah", readonly=True
    )
    instansi = fields.Field(attribute="instansi", column_name="instansi", widget=InstansiWidget())
    jenis_instansi = fields.Field(column_name="jenis_instansi", readonly=True)
    moda = fields.Field(attribute="moda", column_name="moda", widget=PilihanWidget(Narasumber.Moda.choices))
    kehadiran = fields.Field(
        attribute="kehadiran", column_name="kehadiran", widget=PilihanWidget(Peserta.Kehadiran.choices)
    )

    class Meta:
        model = Peserta
        fields = (
            "rakor",
            "judul_rakor",
            "nama",
            "nip",
            "jabatan",
            "kode_wilayah",
            "instansi",
            "jenis_instansi",
            "moda",
            "kehadiran",
            "diwakili_oleh",
            "keterangan",
        )
        # A participant row is the same invitation when rakor, office and person's name agree.
        import_id_fields = ("rakor", "instansi", "nama")
        clean_model_instances = True

    def get_queryset(self):
        return Peserta.objects.for_user(self.user).select_related("rakor", "orang", "instansi__wilayah")

    def dehydrate_jenis_instansi(self, peserta):
        return peserta.instansi.get_jenis_display() if peserta.instansi_id else ""

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        nama = str(row.get("nama") or "").strip()
        if nama and instance.instansi_id:
            instance.orang, _ = Orang.objects.for_user(self.user).cocokkan(
                nama=nama, nip=str(row.get("nip") or ""), instansi=instance.instansi, jabatan=instance.jabatan
            )
        if instance.rakor_id and instance.instansi_id:
            provinsi = instance.rakor.provinsi_id
            wilayah = instance.instansi.wilayah
            if wilayah is not None and provinsi not in (wilayah.pk, wilayah.provinsi_id):
                raise ValidationError({"instansi": "Instansi harus di provinsi rakor atau instansi pusat."})
