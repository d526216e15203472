from django.urls import path

from rekomendasi import views

app_name = "rekomendasi"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("saya/", views.saya, name="saya"),
    path("penugasan/", views.penugasan_list, name="penugasan_list"),
    path("penugasan/ekspor/", views.penugasan_ekspor, name="penugasan_ekspor"),
    path("instansi/<int:pk>/", views.instansi_view, name="instansi"),
    path("instansi/<int:pk>/ekspor/", views.instansi_ekspor, name="instansi_ekspor"),
    path("rakor/<int:pk>/", views.rakor_rekomendasi, name="rakor"),
    path("rakor/<int:pk>/tempel/", views.tempel_view, name="tempel"),
    path("rakor/<int:pk>/impor/", views.impor_view, name="impor"),
    path("rakor/<int:pk>/templat.xlsx", views.templat, name="templat"),
    path("rakor/<int:pk>/ekspor.xlsx", views.ekspor, name="ekspor"),
    path("rakor/<int:pk>/tambah/", views.tambah, name="tambah"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/hapus/", views.hapus, name="hapus"),
    path("<int:pk>/tugaskan/", views.tugaskan, name="tugaskan"),
    path("penugasan/<int:pk>/", views.penugasan, name="penugasan"),
    path("penugasan/<int:pk>/verifikasi/", views.verifikasi, name="verifikasi"),
    path("bukti/<int:pk>/", views.bukti, name="bukti"),
]
