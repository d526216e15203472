"""Excel export of reports and their items for the admin, scoped like the pages."""

from import_export import fields, widgets

from kesbangpol.resources import PilihanWidget, ScopedResource
from laporan.models import (
    Indikator,
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
    aktor_1 = fields.Field(attribute="aktor_1__kode", column_name="kode_aktor_1", readonly=True)
    aktor_2 = fields.Field(attribute="aktor_2__kode", column_name="kode_aktor_2", readonly=True)

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
            "ketelitian_lokasi",
            "aktor_1",
            "aktor_2",
            "jenis_sumber",
            "verifikasi",
        )

    def get_queryset(self):
        return PotensiKonflik.objects.for_user(self.user).select_related(
            "laporan__kabkota", "laporan__periode", "aktor_1", "aktor_2"
        )


class KejadianResource(ScopedResource):
    kabkota = fields.Field(attribute="laporan__kabkota__nama", column_name="kabupaten_kota", readonly=True)
    jenis = fields.Field(attribute="jenis__kode", column_name="kode_jenis_kejadian", readonly=True)
    aktor_1 = fields.Field(attribute="aktor_1__kode", column_name="kode_aktor_1", readonly=True)
    aktor_2 = fields.Field(attribute="aktor_2__kode", column_name="kode_aktor_2", readonly=True)

    class Meta:
        model = KejadianKonflik
        fields = (
            "kabkota", "tanggal", "ketelitian_tanggal", "jenis", "kecamatan", "desa", "ketelitian_lokasi",
            "aktor_1", "aktor_2", "uraian", "meninggal", "luka", "mengungsi", "jenis_sumber", "verifikasi",
        )  # fmt: skip

    def get_queryset(self):
        return KejadianKonflik.objects.for_user(self.user).select_related(
            "laporan__kabkota", "jenis", "aktor_1", "aktor_2"
        )


class SegeraResource(ScopedResource):
    kabkota = fields.Field(attribute="kabkota__nama", column_name="kabupaten_kota", readonly=True)
    kode = fields.Field(attribute="kabkota__kode", column_name="kode_wilayah", readonly=True)

    class Meta:
        model = LaporanSegera
        fields = (
            "kode", "kabkota", "tanggal", "ketelitian_tanggal", "judul", "kecamatan", "desa",
            "ketelitian_lokasi", "pihak", "uraian", "meninggal", "luka", "mengungsi", "kerugian",
            "penanganan", "usulan", "jenis_sumber", "verifikasi", "dilaporkan_pada", "diketahui_pada",
            "dieskalasi_pada",
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


class IndikatorResource(ScopedResource):
    """The IKU register for the admin's export (the portal's register page brings data in)."""

    kode_wilayah = fields.Field(attribute="wilayah__kode", column_name="kode_wilayah", readonly=True)
    kantor = fields.Field(attribute="wilayah__nama", column_name="wilayah", readonly=True)
    induk = fields.Field(attribute="induk__kode", column_name="kode_iku_provinsi", readonly=True)

    class Meta:
        model = Indikator
        fields = (
            "kode_wilayah", "kantor", "renstra_mulai", "renstra_selesai", "kode", "nama", "definisi",
            "satuan", "arah", "tahun_dasar", "nilai_dasar", "sumber_data", "frekuensi", "bidang",
            "kode_nasional", "kode_sipd", "induk",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "induk")
