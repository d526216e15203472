"""The laporan endpoints of the read-only API (``kesbangpol.api``): periods, quarterly reports with
their items, the items themselves (a potensi keeps its ``identitas`` across quarters), urgent
reports and early-warning signals. *Rahasia* items and urgent reports reach only users their province
cleared, through the same ``for_user``/``terlihat`` as the pages."""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django_filters import rest_framework as filters
from rest_framework import serializers

from kesbangpol.api.dasar import BacaViewSet, Kode, Tautan
from kesbangpol.models import TokenAkses
from laporan.models import KejadianKonflik, LaporanSegera, LaporanTriwulan, Periode, PotensiKonflik, Sinyal


def _halaman_laporan(item) -> str:
    """An item's page: the report it belongs to."""
    return reverse("laporan:detail", args=[item.laporan_id])


class PeriodeSerializer(serializers.ModelSerializer):
    provinsi = Kode()

    class Meta:
        model = Periode
        fields = ["id", "kode", "provinsi", "tahun", "triwulan", "mulai", "selesai", "tenggat", "ditutup"]


class PeriodeFilter(filters.FilterSet):
    provinsi = filters.CharFilter(field_name="provinsi__kode", help_text="Kode provinsi, mis. 64.")

    class Meta:
        model = Periode
        fields = ["tahun", "triwulan", "ditutup"]


class PeriodeViewSet(BacaViewSet):
    cakupan = TokenAkses.Cakupan.LAPORAN
    serializer_class = PeriodeSerializer
    filterset_class = PeriodeFilter

    def get_queryset(self):
        return Periode.objects.for_user(self.request.user).select_related("provinsi")


_ITEM = [
    "id", "laporan", "kabkota", "periode", "kecamatan", "desa", "latitude", "longitude", "ketelitian_lokasi",
    "pihak", "aktor_1", "aktor_2", "jenis_sumber", "verifikasi", "klasifikasi", "perlu_tindak_lanjut",
    "catatan_tindak_lanjut",
]  # fmt: skip


class ItemSerializer(serializers.ModelSerializer):
    kabkota = Kode(source="laporan.kabkota")
    periode = serializers.CharField(source="laporan.periode.kode", read_only=True)
    aktor_1 = Kode()
    aktor_2 = Kode()
    tautan = Tautan(_halaman_laporan)


class PotensiSerializer(ItemSerializer):
    identitas = serializers.UUIDField(
        read_only=True, help_text="Sama untuk potensi yang sama lintas triwulan."
    )
    indikator_perdamaian = Kode(many=True)

    class Meta:
        model = PotensiKonflik
        fields = [
            *_ITEM, "identitas", "judul", "sumber", "bidang", "tingkat", "tren", "tahap", "latar_belakang",
            "langkah", "usulan", "indikator_perdamaian", "tautan",
        ]  # fmt: skip


class KejadianSerializer(ItemSerializer):
    jenis = Kode()
    segera = serializers.PrimaryKeyRelatedField(read_only=True, help_text="Laporan segera asal kejadian ini.")

    class Meta:
        model = KejadianKonflik
        fields = [
            *_ITEM, "tanggal", "ketelitian_tanggal", "jenis", "uraian", "meninggal", "luka", "mengungsi",
            "kerugian", "penanganan", "segera", "tautan",
        ]  # fmt: skip


class ItemFilter(filters.FilterSet):
    kabkota = filters.CharFilter(field_name="laporan__kabkota__kode", help_text="Kode kabupaten/kota.")
    provinsi = filters.CharFilter(field_name="laporan__kabkota__provinsi__kode", help_text="Kode provinsi.")
    periode = filters.NumberFilter(field_name="laporan__periode")
    tahun = filters.NumberFilter(field_name="laporan__periode__tahun")
    triwulan = filters.NumberFilter(field_name="laporan__periode__triwulan")
    status_laporan = filters.ChoiceFilter(
        field_name="laporan__status", choices=LaporanTriwulan.Status.choices
    )


class PotensiFilter(ItemFilter):
    class Meta:
        model = PotensiKonflik
        fields = ["laporan", "identitas", "tingkat", "sumber", "bidang", "tren", "verifikasi", "klasifikasi"]


class KejadianFilter(ItemFilter):
    class Meta:
        model = KejadianKonflik
        fields = ["laporan", "verifikasi", "klasifikasi"]


def _item(qs):
    return qs.select_related("laporan__kabkota", "laporan__periode", "aktor_1", "aktor_2")


def _potensi(qs):
    """What a potensi row shows, for items already scoped (``for_user``)."""
    return _item(qs).prefetch_related("indikator_perdamaian")


def _kejadian(qs):
    return _item(qs).select_related("jenis")


class PotensiViewSet(BacaViewSet):
    """Conflict potentials of the reports the user sees; ``?identitas=`` follows one across quarters."""

    cakupan = TokenAkses.Cakupan.LAPORAN
    serializer_class = PotensiSerializer
    filterset_class = PotensiFilter

    def get_queryset(self):
        return _potensi(PotensiKonflik.objects.for_user(self.request.user))


class KejadianViewSet(BacaViewSet):
    cakupan = TokenAkses.Cakupan.LAPORAN
    serializer_class = KejadianSerializer
    filterset_class = KejadianFilter

    def get_queryset(self):
        return _kejadian(KejadianKonflik.objects.for_user(self.request.user))


class LaporanSerializer(serializers.ModelSerializer):
    kabkota = Kode()
    periode_kode = serializers.CharField(source="periode.kode", read_only=True)
    jumlah_potensi = serializers.IntegerField(read_only=True, help_text="Yang boleh dibaca pengguna.")
    jumlah_kejadian = serializers.IntegerField(read_only=True, help_text="Yang boleh dibaca pengguna.")
    tautan = Tautan()

    class Meta:
        model = LaporanTriwulan
        fields = [
            "id", "periode", "periode_kode", "kabkota", "status", "nihil", "catatan", "pertama_diajukan",
            "diajukan_pada", "tepat_waktu", "diterima_pada", "jumlah_potensi", "jumlah_kejadian", "diubah",
            "tautan",
        ]  # fmt: skip


class LaporanDetailSerializer(LaporanSerializer):
    potensi = PotensiSerializer(many=True, read_only=True, source="potensikonflik")
    kejadian = KejadianSerializer(many=True, read_only=True, source="kejadiankonflik")

    class Meta(LaporanSerializer.Meta):
        fields = [*LaporanSerializer.Meta.fields, "potensi", "kejadian"]


class LaporanFilter(filters.FilterSet):
    kabkota = filters.CharFilter(field_name="kabkota__kode", help_text="Kode kabupaten/kota, mis. 64.01.")
    provinsi = filters.CharFilter(field_name="kabkota__provinsi__kode", help_text="Kode provinsi.")
    tahun = filters.NumberFilter(field_name="periode__tahun")
    triwulan = filters.NumberFilter(field_name="periode__triwulan")

    class Meta:
        model = LaporanTriwulan
        fields = ["periode", "status", "tepat_waktu"]


class LaporanViewSet(BacaViewSet):
    """Quarterly reports in the user's scope; the detail carries the items the user may read."""

    cakupan = TokenAkses.Cakupan.LAPORAN
    filterset_class = LaporanFilter

    def get_serializer_class(self):
        return LaporanDetailSerializer if self.action == "retrieve" else LaporanSerializer

    def get_queryset(self):
        user = self.request.user

        def jumlah(model):
            # Correlated subqueries, not joins: two to-many joins would multiply each other's rows,
            # and the database counts only for the page of reports it returns.
            butir = model.objects.terlihat(user).filter(laporan=OuterRef("pk")).order_by().values("laporan")
            return Coalesce(Subquery(butir.annotate(n=Count("pk")).values("n")[:1]), 0)

        qs = LaporanTriwulan.objects.for_user(user).select_related("kabkota", "periode")
        if self.action == "retrieve":
            return qs.prefetch_related(
                # The report is in scope already; its items still leave out what the user may not read.
                Prefetch("potensikonflik", _potensi(PotensiKonflik.objects.terlihat(user))),
                Prefetch("kejadiankonflik", _kejadian(KejadianKonflik.objects.terlihat(user))),
            )
        return qs.annotate(
            jumlah_potensi=jumlah(PotensiKonflik),
            jumlah_kejadian=jumlah(KejadianKonflik),
        )


class SegeraSerializer(serializers.ModelSerializer):
    kabkota = Kode()
    jenis = Kode()
    aktor_1 = Kode()
    aktor_2 = Kode()
    keadaan = serializers.CharField(read_only=True)
    tautan = Tautan()

    class Meta:
        model = LaporanSegera
        fields = [
            "id", "kabkota", "judul", "uraian", "tanggal", "ketelitian_tanggal", "kecamatan", "desa",
            "latitude", "longitude", "ketelitian_lokasi", "jenis", "pihak", "aktor_1", "aktor_2",
            "jenis_sumber", "verifikasi", "klasifikasi", "meninggal", "luka", "mengungsi", "kerugian",
            "penanganan", "usulan", "dilaporkan_pada", "diketahui_pada", "pembaruan_diminta_pada",
            "dieskalasi_pada", "keadaan", "tautan",
        ]  # fmt: skip


class SegeraFilter(filters.FilterSet):
    keadaan = filters.ChoiceFilter(
        method="saring_keadaan", choices=[(k, v[0]) for k, v in LaporanSegera.KEADAAN.items()]
    )
    kabkota = filters.CharFilter(field_name="kabkota__kode", help_text="Kode kabupaten/kota.")
    provinsi = filters.CharFilter(field_name="kabkota__provinsi__kode", help_text="Kode provinsi.")
    sejak = filters.DateFilter(
        field_name="tanggal", lookup_expr="gte", help_text="Tanggal kejadian paling awal."
    )
    sampai = filters.DateFilter(
        field_name="tanggal", lookup_expr="lte", help_text="Tanggal kejadian paling akhir."
    )

    class Meta:
        model = LaporanSegera
        fields = ["verifikasi", "klasifikasi"]

    def saring_keadaan(self, queryset, name, value):
        return queryset.dalam_keadaan(value)


class SegeraViewSet(BacaViewSet):
    """Urgent incident reports (laporan segera) the user sees; national admins see escalated ones."""

    cakupan = TokenAkses.Cakupan.LAPORAN
    serializer_class = SegeraSerializer
    filterset_class = SegeraFilter

    def get_queryset(self):
        return LaporanSegera.objects.for_user(self.request.user).select_related(
            "kabkota", "jenis", "aktor_1", "aktor_2"
        )


class SinyalSerializer(serializers.ModelSerializer):
    provinsi = Kode()
    kabkota = Kode()
    tautan = Tautan(lambda sinyal: sinyal.url)

    class Meta:
        model = Sinyal
        fields = [
            "id", "provinsi", "kabkota", "jenis", "tahun", "triwulan", "kalimat", "skor", "dieskalasi",
            "aktif", "dibuat", "diperbarui", "ditutup_pada", "alasan_tutup", "tautan",
        ]  # fmt: skip


class SinyalFilter(filters.FilterSet):
    keadaan = filters.ChoiceFilter(
        method="saring_keadaan",
        choices=[(k, v) for k, v in Sinyal.KEADAAN.items() if k != "semua"],
        help_text="Kosong: semua.",
    )
    kabkota = filters.CharFilter(field_name="kabkota__kode", help_text="Kode kabupaten/kota.")
    provinsi = filters.CharFilter(field_name="provinsi__kode", help_text="Kode provinsi.")

    class Meta:
        model = Sinyal
        fields = ["jenis", "tahun", "triwulan", "dieskalasi"]

    def saring_keadaan(self, queryset, name, value):
        return queryset.dalam_keadaan(value)


class SinyalViewSet(BacaViewSet):
    """Early-warning signals: the province's reading of its data (not for kab/kota users)."""

    cakupan = TokenAkses.Cakupan.LAPORAN
    serializer_class = SinyalSerializer
    filterset_class = SinyalFilter

    def get_queryset(self):
        return Sinyal.objects.for_user(self.request.user).select_related("provinsi", "kabkota")
