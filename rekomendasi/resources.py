"""Excel export of assignments with their status, and admin import/export, scoped like the pages."""

from django.utils import timezone
from import_export import fields

from kesbangpol.resources import InstansiWidget, PilihanWidget, ScopedResource
from rekomendasi.models import Bidang, Penugasan, Rekomendasi


class BidangResource(ScopedResource):
    class Meta:
        model = Bidang
        fields = ("nama", "urutan", "aktif")
        import_id_fields = ("nama",)

    def get_queryset(self):
        return Bidang.objects.all()


class RekomendasiResource(ScopedResource):
    rakor = fields.Field(attribute="rakor__judul", column_name="rakor", readonly=True)
    label = fields.Field(column_name="nomor_butir", readonly=True)
    bidang = fields.Field(attribute="bidang__nama", column_name="bidang", readonly=True)

    class Meta:
        model = Rekomendasi
        fields = ("rakor", "label", "isi", "bidang", "batas_waktu", "batas_akhir_tahun")

    def get_queryset(self):
        return super().get_queryset().select_related("rakor", "induk", "bidang")

    def dehydrate_label(self, rek):
        return rek.label


class PenugasanResource(ScopedResource):
    rakor = fields.Field(attribute="rekomendasi__rakor__judul", column_name="rakor", readonly=True)
    nomor = fields.Field(column_name="nomor", readonly=True)
    isi = fields.Field(attribute="rekomendasi__isi", column_name="rekomendasi", readonly=True)
    bidang = fields.Field(attribute="rekomendasi__bidang__nama", column_name="bidang", readonly=True)
    batas = fields.Field(attribute="rekomendasi__batas_waktu", column_name="batas_waktu", readonly=True)
    kode_wilayah = fields.Field(
        attribute="instansi__wilayah__kode", column_name="kode_wilayah", readonly=True
    )
    instansi = fields.Field(attribute="instansi", column_name="instansi", widget=InstansiWidget())
    status = fields.Field(
        attribute="status", column_name="status", widget=PilihanWidget(Penugasan.Status.choices)
    )
    usulan = fields.Field(
        attribute="usulan", column_name="menunggu_verifikasi", widget=PilihanWidget(Penugasan.Status.choices)
    )
    terlambat = fields.Field(column_name="terlambat", readonly=True)

    class Meta:
        model = Penugasan
        fields = (
            "rakor",
            "nomor",
            "isi",
            "bidang",
            "batas",
            "kode_wilayah",
            "instansi",
            "status",
            "usulan",
            "terlambat",
        )

    def __init__(self, user=None, today=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.today = today or timezone.localdate()

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "rekomendasi__rakor", "rekomendasi__induk", "rekomendasi__bidang", "instansi__wilayah"
            )
        )

    def dehydrate_nomor(self, p):
        return p.rekomendasi.label

    def dehydrate_terlambat(self, p):
        return "ya" if p.is_terlambat(self.today) else ""
