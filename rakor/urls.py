from django.urls import path

from rakor import views

app_name = "rakor"

urlpatterns = [
    path("", views.rakor_list, name="list"),
    path("ekspor.xlsx", views.rakor_ekspor, name="ekspor"),
    path("tambah/", views.rakor_tambah, name="tambah"),
    path("kalender/", views.kalender, name="kalender"),
    path("kalender/alamat/", views.kalender_token, name="kalender_token"),
    path("kalender/<str:token>.ics", views.kalender_ics, name="kalender_ics"),
    path("<int:pk>/", views.rakor_detail, name="detail"),
    path("<int:pk>/ubah/", views.rakor_ubah, name="ubah"),
    path("<int:pk>/status/", views.rakor_status, name="status"),
    path("<int:pk>/narasumber/tambah/", views.narasumber_tambah, name="narasumber_tambah"),
    path("narasumber/<int:pk>/ubah/", views.narasumber_ubah, name="narasumber_ubah"),
    path("narasumber/<int:pk>/hapus/", views.narasumber_hapus, name="narasumber_hapus"),
    path("<int:pk>/agenda/tambah/", views.agenda_tambah, name="agenda_tambah"),
    path("agenda/<int:pk>/ubah/", views.agenda_ubah, name="agenda_ubah"),
    path("agenda/<int:pk>/hapus/", views.agenda_hapus, name="agenda_hapus"),
    path("<int:pk>/arahan/tambah/", views.arahan_tambah, name="arahan_tambah"),
    path("arahan/<int:pk>/ubah/", views.arahan_ubah, name="arahan_ubah"),
    path("arahan/<int:pk>/hapus/", views.arahan_hapus, name="arahan_hapus"),
    path("dokumentasi/<int:pk>/hapus/", views.dokumentasi_hapus, name="dokumentasi_hapus"),
    path("peserta/<int:pk>/hapus/", views.peserta_hapus, name="peserta_hapus"),
    path("narasumber/<int:pk>/bahan/", views.narasumber_bahan, name="narasumber_bahan"),
    path("<int:pk>/dokumentasi/unggah/", views.dokumentasi_unggah, name="dokumentasi_unggah"),
    path("dokumentasi/<int:pk>/", views.dokumentasi_unduh, name="dokumentasi_unduh"),
    path("<int:pk>/peserta/", views.peserta_kehadiran, name="peserta_kehadiran"),
    path("<int:pk>/peserta/tambah/", views.peserta_tambah, name="peserta_tambah"),
    path("<int:pk>/peserta/undang/", views.peserta_undang, name="peserta_undang"),
    path("<int:pk>/peserta/impor/", views.peserta_impor, name="peserta_impor"),
    path("<int:pk>/peserta/templat.xlsx", views.peserta_templat, name="peserta_templat"),
    path("<int:pk>/peserta/ekspor.xlsx", views.peserta_ekspor, name="peserta_ekspor"),
    path("<int:pk>/daftar-hadir.pdf", views.daftar_hadir, name="daftar_hadir"),
    path("<int:pk>/laporan-hasil/", views.laporan_hasil, name="laporan_hasil"),
]
