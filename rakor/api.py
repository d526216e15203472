"""The rakor endpoints of the read-only API (``kesbangpol.api``): the meetings a user may see, with
their agenda, speakers and directions on the detail."""

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from rest_framework import serializers

from kesbangpol.api.dasar import BacaViewSet, Kode, Tautan
from kesbangpol.models import TokenAkses
from rakor.models import Agenda, Arahan, Narasumber, Rakor


class RakorSerializer(serializers.ModelSerializer):
    provinsi = Kode()
    kabkota = Kode()
    penyelenggara = serializers.PrimaryKeyRelatedField(read_only=True)
    jumlah_diundang = serializers.IntegerField(read_only=True)
    jumlah_hadir = serializers.IntegerField(read_only=True)
    tautan = Tautan()

    class Meta:
        model = Rakor
        fields = [
            "id", "judul", "tema", "jenis", "status", "tahun_anggaran", "tanggal_mulai", "tanggal_selesai",
            "tempat", "provinsi", "kabkota", "penyelenggara", "dibuka_oleh", "jabatan_pembuka", "ringkasan",
            "jumlah_diundang", "jumlah_hadir", "dibuat", "diubah", "tautan",
        ]  # fmt: skip


class NarasumberSerializer(serializers.ModelSerializer):
    nama = serializers.CharField(source="orang.nama")

    class Meta:
        model = Narasumber
        fields = ["nama", "jabatan", "materi", "moda", "urutan"]


class AgendaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agenda
        fields = ["tanggal", "jam_mulai", "jam_selesai", "acara", "keterangan"]


class ArahanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Arahan
        fields = ["isi", "disampaikan_oleh", "urutan"]


class RakorDetailSerializer(RakorSerializer):
    narasumber = NarasumberSerializer(many=True, read_only=True)
    agenda = AgendaSerializer(many=True, read_only=True)
    arahan = ArahanSerializer(many=True, read_only=True)

    class Meta(RakorSerializer.Meta):
        fields = [*RakorSerializer.Meta.fields, "notulen", "narasumber", "agenda", "arahan"]


class RakorFilter(filters.FilterSet):
    """The rakor list page's filters."""

    q = filters.CharFilter(method="cari", help_text="Kata dalam judul, tema atau tempat.")
    tahun = filters.NumberFilter(field_name="tahun_anggaran")
    provinsi = filters.CharFilter(field_name="provinsi__kode", help_text="Kode provinsi, mis. 64.")

    class Meta:
        model = Rakor
        fields = ["jenis", "status"]

    def cari(self, queryset, name, value):
        return queryset.cari(value)


class RakorViewSet(BacaViewSet):
    """The rakor the user sees (the province's; for a kab/kota user, those its office is invited to)."""

    cakupan = TokenAkses.Cakupan.RAKOR
    filterset_class = RakorFilter

    def get_serializer_class(self):
        return RakorDetailSerializer if self.action == "retrieve" else RakorSerializer

    def get_queryset(self):
        qs = Rakor.objects.for_user(self.request.user).select_related("provinsi", "kabkota").with_kehadiran()
        if self.action == "retrieve":
            return qs.prefetch_related(
                Prefetch("narasumber", Narasumber.objects.select_related("orang")), "agenda", "arahan"
            )
        return qs.defer("notulen")
