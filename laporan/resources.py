"""Excel export of reports and their items for the admin, scoped like the pages."""

from import_export import fields, widgets

from kesbangpol.resources import PilihanWidget, ScopedResource
from laporan.models import (
    IndikatorPerdamaian,
    JenisAktor,
    JenisKejadian,
    KejadianKonflik,
    LaporanSegera,
    LaporanTriwulan,
    PotensiKonflik,
)


class LaporanResource(ScopedResource):
    kabkota = fields.Field(attribute="kabkota__nama", column_name="kabupaten_kota", readonly=True)
    kode = fields.Field(attribute="kabkota__kode", column_name="kode_wilayah", readonly=True)
    periode = fields.Field(attribute="periode", column_name="periode", readonly=True)
    status = fields.Field(
        attribute="status", column_name="status", widget=PilihanWidget(LaporanTriwulan.Status.choices)
    )

    class Meta:
        model = LaporanTriwulan
        fields = (
            "kode",
            "kabkota",
            "periode",
            "status",
            "nihil",
            "tepat_waktu",
            "pertama_diajukan",
            "diterima_pada",
        )

    def get_queryset(self):
        return super().get_queryset().select_related("kabkota", "periode")


class PotensiResource(ScopedResource):
    kabkota = fields.Field(attribute="laporan__kabkota__nama", column_name="kabupaten_kota", readonly=True)
    periode = fields.Field(attribute="laporan__periode", column_name="periode", readonly=True)
    sumber = fields.Field(
        attribute="sumber", column_name="sumber", widget=PilihanWidget(PotensiKonflik.Sumber.choices)
    )
    tingkat = fields.Field(
        attribute="tingkat", column_name="tingkat", widget=PilihanWidget(PotensiKonflik.Tingkat.choices)
    )
    tren = fields.Field(
        attribute="tren", column_name="tren", widget=PilihanWidget(PotensiKonflik.Tren.choices)
    )

    class Meta:
        model = PotensiKonflik
        fields = (
            "kabkota",
            "periode",
            "identitas",
            "judul",
            "kecamatan",
            "desa",
            "sumber",
            "bidang",
            "tingkat",
            "tren",
            "tahap",
        )

    def get_queryset(self):
        return PotensiKonflik.objects.filter(
            laporan__in=LaporanTriwulan.objects.for_user(self.user)
        ).select_related("laporan__kabkota", "laporan__periode")


class KejadianResource(ScopedResource):
    kabkota = fields.Field(attribute="laporan__kabkota__nama", column_name="kabupaten_kota", readonly=True)

    class Meta:
        model = KejadianKonflik
        fields = ("kabkota", "tanggal", "kecamatan", "desa", "uraian", "meninggal", "luka", "mengungsi")

    def get_queryset(self):
        return KejadianKonflik.objects.filter(
            laporan__in=LaporanTriwulan.objects.for_user(self.user)
        ).select_related("laporan__kabkota")


class SegeraResource(ScopedResource):
    kabkota = fields.Field(attribute="kabkota__nama", column_name="kabupaten_kota", readonly=True)
    kode = fields.Field(attribute="kabkota__kode", column_name="kode_wilayah", readonly=True)

    class Meta:
        model = LaporanSegera
        fields = (
            "kode", "kabkota", "tanggal", "ketelitian_tanggal", "judul", "kecamatan", "desa",
            "ketelitian_lokasi", "pihak", "uraian", "meninggal", "luka", "mengungsi", "kerugian",
            "penanganan", "usulan", "dilaporkan_pada", "diketahui_pada", "dieskalasi_pada",
        )  # fmt: skip

    def get_queryset(self):
        return LaporanSegera.objects.for_user(self.user).select_related("kabkota")


class KodeResource(ScopedResource):
    """A codebook list in and out of Excel, matched on its stable code (a re-import updates rows;
    it never duplicates them)."""

    aktif = fields.Field(attribute="aktif", column_name="aktif", widget=widgets.BooleanWidget(), default=True)
    # An empty cell is an empty note, not NULL.
    keterangan = fields.Field(
        attribute="keterangan", column_name="keterangan", widget=widgets.CharWidget(allow_blank=True)
    )

    class Meta:
        import_id_fields = ("kode",)
        fields = ("kode", "nama", "keterangan", "urutan", "aktif")
        clean_model_instances = True
        skip_unchanged = True


class JenisKejadianResource(KodeResource):
    sumber = fields.Field(
        attribute="sumber", column_name="sumber", widget=PilihanWidget(PotensiKonflik.Sumber.choices)
    )
    induk = fields.Field(
        attribute="induk", column_name="kode_induk", widget=widgets.ForeignKeyWidget(JenisKejadian, "kode")
    )

    class Meta(KodeResource.Meta):
        model = JenisKejadian
        fields = ("kode", "nama", "induk", "sumber", "keterangan", "urutan", "aktif")


class JenisAktorResource(KodeResource):
    class Meta(KodeResource.Meta):
        model = JenisAktor


class IndikatorPerdamaianResource(KodeResource):
    class Meta(KodeResource.Meta):
        model = IndikatorPerdamaian
