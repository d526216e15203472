"""The core's endpoints: regions and offices."""

from django_filters import rest_framework as filters
from rest_framework import serializers

from kesbangpol.api.dasar import BacaViewSet, Kode, Tautan
from kesbangpol.models import Instansi, TokenAkses, Wilayah


class WilayahSerializer(serializers.ModelSerializer):
    provinsi = Kode()
    tautan = Tautan()

    class Meta:
        model = Wilayah
        fields = ["kode", "nama", "tingkat", "provinsi", "zona_waktu", "tautan"]


class WilayahFilter(filters.FilterSet):
    provinsi = filters.CharFilter(field_name="provinsi__kode", help_text="Kode provinsi induk, mis. 64.")

    class Meta:
        model = Wilayah
        fields = ["tingkat"]


class WilayahViewSet(BacaViewSet):
    """Provinces and kab/kota in the user's scope, by their Kemendagri code (Kepmendagri
    300.2.2-2138/2025), the identifier every other endpoint uses for a region."""

    cakupan = TokenAkses.Cakupan.WILAYAH
    serializer_class = WilayahSerializer
    filterset_class = WilayahFilter
    lookup_field = "kode"
    lookup_value_regex = r"[0-9.]+"
    urutan = "kode"

    def get_queryset(self):
        return Wilayah.objects.for_user(self.request.user).select_related("provinsi")


class InstansiSerializer(serializers.ModelSerializer):
    wilayah = Kode()
    tautan = Tautan()

    class Meta:
        model = Instansi
        fields = [
            "id", "nama", "singkatan", "jenis", "wilayah", "alamat", "telepon", "email", "aktif", "tautan"
        ]  # fmt: skip


class InstansiFilter(filters.FilterSet):
    wilayah = filters.CharFilter(field_name="wilayah__kode", help_text="Kode wilayah, mis. 64.01.")

    class Meta:
        model = Instansi
        fields = ["jenis", "aktif"]


class InstansiViewSet(BacaViewSet):
    cakupan = TokenAkses.Cakupan.WILAYAH
    serializer_class = InstansiSerializer
    filterset_class = InstansiFilter

    def get_queryset(self):
        return Instansi.objects.for_user(self.request.user).select_related("wilayah")
