"""The recommendation endpoints of the read-only API (``kesbangpol.api``): recommendations with
their progress, and assignments with status, ageing and last follow-up, filtered as on the pages."""

from django.db.models import Max, Q
from django.utils import timezone
from django_filters import rest_framework as filters
from rest_framework import serializers

from kesbangpol.api.dasar import BacaViewSet, Kode, Tautan
from kesbangpol.models import TokenAkses
from rekomendasi.models import Penugasan, Rekomendasi, saringan


class RekomendasiSerializer(serializers.ModelSerializer):
    bidang = serializers.StringRelatedField()
    jumlah_penugasan = serializers.IntegerField(read_only=True)
    jumlah_selesai = serializers.IntegerField(
        read_only=True, help_text="Sesuai atau tidak dapat ditindaklanjuti."
    )
    jumlah_menunggu = serializers.IntegerField(read_only=True, help_text="Usulan menunggu verifikasi.")
    tautan = Tautan()

    class Meta:
        model = Rekomendasi
        fields = [
            "id", "rakor", "induk", "label", "isi", "bidang", "batas_waktu", "batas_akhir_tahun",
            "jumlah_penugasan", "jumlah_selesai", "jumlah_menunggu", "dibuat", "tautan",
        ]  # fmt: skip


class RekomendasiFilter(filters.FilterSet):
    tahun = filters.NumberFilter(field_name="rakor__tahun_anggaran", help_text="Tahun anggaran rakor.")
    provinsi = filters.CharFilter(field_name="rakor__provinsi__kode", help_text="Kode provinsi, mis. 64.")

    class Meta:
        model = Rekomendasi
        fields = ["rakor", "bidang", "induk"]


class RekomendasiViewSet(BacaViewSet):
    cakupan = TokenAkses.Cakupan.RAKOR
    serializer_class = RekomendasiSerializer
    filterset_class = RekomendasiFilter

    def get_queryset(self):
        user = self.request.user
        return Rekomendasi.objects.for_user(user).select_related("induk", "bidang").with_progres(user)


class PenugasanSerializer(serializers.ModelSerializer):
    rakor = serializers.IntegerField(source="rekomendasi.rakor_id", read_only=True)
    label = serializers.CharField(source="rekomendasi.label", read_only=True)
    isi = serializers.CharField(source="rekomendasi.isi", read_only=True)
    instansi_nama = serializers.CharField(source="instansi.nama", read_only=True)
    wilayah = Kode(source="instansi.wilayah")
    batas_waktu = serializers.DateField(source="rekomendasi.batas_waktu", read_only=True)
    terlambat = serializers.BooleanField(read_only=True)
    hari_lewat_batas = serializers.SerializerMethodField()
    tindak_lanjut_terakhir = serializers.DateField(source="terakhir", read_only=True)
    tautan = Tautan()

    class Meta:
        model = Penugasan
        fields = [
            "id", "rekomendasi", "rakor", "label", "isi", "instansi", "instansi_nama", "wilayah", "status",
            "usulan", "batas_waktu", "terlambat", "hari_lewat_batas", "tindak_lanjut_terakhir",
            "diverifikasi_pada", "diubah", "tautan",
        ]  # fmt: skip

    def get_hari_lewat_batas(self, p) -> int | None:
        return (self.context["hari_ini"] - p.rekomendasi.batas_waktu).days if p.terlambat else None


class PenugasanFilter(filters.FilterSet):
    """The assignment lists' filters: ``status`` takes a BPK status or one of the dashboard's groups
    (terbuka, terlambat, menunggu, belum_jatuh_tempo, terlambat_60, terlambat_180, terlambat_lebih)."""

    status = filters.CharFilter(method="saring_status", help_text="Status BPK atau kelompok dasbor.")
    rakor = filters.NumberFilter(field_name="rekomendasi__rakor")
    provinsi = filters.CharFilter(field_name="provinsi__kode", help_text="Kode provinsi, mis. 64.")
    wilayah = filters.CharFilter(field_name="instansi__wilayah__kode", help_text="Kode wilayah instansi.")

    class Meta:
        model = Penugasan
        fields = ["instansi", "rekomendasi"]

    def saring_status(self, queryset, name, value):
        if value in Penugasan.Status.values:
            return queryset.filter(status=value)
        pilihan = saringan(timezone.localdate())
        return queryset.filter(pilihan[value][1] if value in pilihan else Q(pk__in=[]))


class PenugasanViewSet(BacaViewSet):
    """Assignments the user sees: the province's for its staff and pimpinan, an office's own otherwise."""

    cakupan = TokenAkses.Cakupan.RAKOR
    serializer_class = PenugasanSerializer
    filterset_class = PenugasanFilter

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "hari_ini": timezone.localdate()}

    def get_queryset(self):
        return (
            Penugasan.objects.for_user(self.request.user)
            .select_related("rekomendasi__induk", "instansi__wilayah")
            .with_terlambat(timezone.localdate())
            .annotate(terakhir=Max("tindak_lanjut__tanggal"))
        )
