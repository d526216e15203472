from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kesbangpol import views
from kesbangpol.admin import lihat_di_situs
from kesbangpol.api import dasar as api
from kesbangpol.forms import MasukForm, ResetSandiForm

admin.site.site_header = "Admin Portal Koordinasi Kesbangpol"
admin.site.site_title = "Admin Portal Kesbangpol"
admin.site.index_title = "Pengelolaan data"

handler403 = "kesbangpol.views.forbidden"
handler404 = "kesbangpol.views.not_found"
handler500 = "kesbangpol.views.server_error"

core = (
    [
        path("", views.beranda, name="beranda"),
        path("akun/", views.profil, name="profil"),
        path("akun/sesi/", views.sesi, name="sesi"),
        path("akun/token/", views.token, name="token"),
        path("akun/token/<int:pk>/cabut/", views.token_cabut, name="token_cabut"),
        path("wilayah/", views.wilayah_list, name="wilayah_list"),
        path("wilayah/<str:kode>/", views.wilayah_detail, name="wilayah_detail"),
        path("wilayah/<str:kode>/instansi/tambah/", views.instansi_tambah, name="instansi_tambah"),
        path("instansi/<int:pk>/", views.instansi_detail, name="instansi_detail"),
        path("instansi/<int:pk>/ubah/", views.instansi_ubah, name="instansi_ubah"),
        path("akun/dua-faktor/", views.dua_faktor, name="dua_faktor"),
        path("akun/dua-faktor/siapkan/", views.dua_faktor_siapkan, name="dua_faktor_siapkan"),
        path("notifikasi/", views.notifikasi_list, name="notifikasi"),
        path("notifikasi/<int:pk>/", views.notifikasi_buka, name="notifikasi_buka"),
        path("notifikasi/baca-semua/", views.notifikasi_baca_semua, name="notifikasi_baca_semua"),
        path("notifikasi/pengaturan/", views.notifikasi_pengaturan, name="notifikasi_pengaturan"),
        path("dokumen/", views.dokumen_list, name="dokumen_list"),
        path("dokumen/<int:pk>/", views.dokumen_detail, name="dokumen"),
        path("dokumen/<int:pk>/status/", views.dokumen_status, name="dokumen_status"),
        path("dokumen/<int:pk>/unduh/", views.dokumen_unduh, name="dokumen_unduh"),
    ],
    "kesbangpol",
)

akun = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=MasukForm),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/ubah/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("sandi/ubah/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "sandi/reset/", auth_views.PasswordResetView.as_view(form_class=ResetSandiForm), name="password_reset"
    ),
    path("sandi/reset/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sandi/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sandi/reset/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]

urlpatterns = [
    path("", include(core)),
    # Public on purpose: anyone holding a printed PDF can check it (title, issuer, date, SHA-256).
    path("verifikasi/<str:kode>/", views.verifikasi, name="verifikasi"),
    path("rakor/", include("rakor.urls")),
    path("rekomendasi/", include("rekomendasi.urls")),
    path("laporan/", include("laporan.urls")),
    path("akun/", include(akun)),
    path("api/v1/", api.urls()),
    # Before the admin's own "r/" route, which it replaces with a scoped one.
    path(
        f"{settings.ADMIN_URL}r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(lihat_di_situs),
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]
