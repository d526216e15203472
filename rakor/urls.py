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
    *[
        p
        for jenis in views.BAGIAN
        for p in (
            path(f"<int:pk>/{jenis}/tambah/", views.bagian_tambah, {"jenis": jenis}, name=f"{jenis}_tambah"),
            path(f"{jenis}/<int:pk>/ubah/", views.bagian_ubah, {"jenis": jenis}, name=f"{jenis}_ubah"),
        )
    ],
    *[
        path(f"{jenis}/<int:pk>/hapus/", views.bagian_hapus, {"jenis": jenis}, name=f"{jenis}_hapus")
        for jenis in views.HAPUS
    ],
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
