from django.urls import path

from laporan import views, views_provinsi, views_segera, views_sinyal

app_name = "laporan"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("buka/", views.buka, name="buka"),
    path("sinyal/", views_sinyal.daftar, name="sinyal"),
    path("sinyal/ekspor/", views_sinyal.ekspor_daftar, name="sinyal_ekspor"),
    path("sinyal/<int:pk>/tutup/", views_sinyal.tutup, name="sinyal_tutup"),
    path("segera/", views_segera.daftar, name="segera"),
    path("segera/baru/", views_segera.baru, name="segera_baru"),
    path("segera/<int:pk>/", views_segera.detail, name="segera_detail"),
    path("segera/<int:pk>/perbarui/", views_segera.perbarui, name="segera_perbarui"),
    path("segera/<int:pk>/tanggapi/", views_segera.tanggapi, name="segera_tanggapi"),
    path("matriks/", views_provinsi.matriks, name="matriks"),
    path("matriks/ekspor/", views_provinsi.matriks_ekspor, name="matriks_ekspor"),
    path("aturan/", views_provinsi.aturan, name="aturan"),
    path("periode/<int:pk>/", views_provinsi.agregat, name="agregat"),
    path("periode/<int:pk>/ekspor/", views_provinsi.agregat_ekspor, name="agregat_ekspor"),
    path("periode/<int:pk>/satu-data.zip", views_provinsi.satu_data, name="satu_data"),
    path("periode/<int:pk>/ubah/", views_provinsi.periode_ubah, name="periode_ubah"),
    path("periode/<int:pk>/ringkasan/", views_provinsi.minta_ringkasan, name="minta_ringkasan"),
    path("ekspor-nasional/", views_provinsi.ekspor_nasional, name="ekspor_nasional"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("<int:pk>/periksa/", views.periksa, name="periksa"),
    path("<int:pk>/buka-kembali/", views.buka_kembali, name="buka_kembali"),
    path("<int:pk>/templat.xlsx", views.templat, name="templat"),
    path("<int:pk>/unggah/", views.unggah, name="unggah"),
    path("<int:laporan_pk>/potensi/tambah/", views.potensi_tambah, name="potensi_tambah"),
    path("potensi/<int:pk>/ubah/", views.potensi_ubah, name="potensi_ubah"),
    path("potensi/<int:pk>/hapus/", views.potensi_hapus, name="potensi_hapus"),
    path("potensi/riwayat/<uuid:identitas>/", views.riwayat_potensi, name="potensi_riwayat"),
    path("<int:laporan_pk>/kejadian/tambah/", views.kejadian_tambah, name="kejadian_tambah"),
    path("kejadian/<int:pk>/ubah/", views.kejadian_ubah, name="kejadian_ubah"),
    path("kejadian/<int:pk>/hapus/", views.kejadian_hapus, name="kejadian_hapus"),
]
