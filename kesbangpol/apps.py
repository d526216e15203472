from django.apps import AppConfig
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def periksa_portal_url(app_configs, **kwargs):
    from django.conf import settings

    if settings.PORTAL_URL_DIATUR:
        return []
    return [
        checks.Warning(
            "PORTAL_URL belum diatur: tautan di surel pengingat akan menunjuk ke 127.0.0.1, dan kode QR "
            "di PDF memakai alamat yang dibuka peminta.",
            hint="Isikan alamat publik portal, mis. PORTAL_URL=https://portal.kesbangpol.example.go.id",
            id="kesbangpol.W001",
        )
    ]


class KesbangpolConfig(AppConfig):
    name = "kesbangpol"
    verbose_name = "Wilayah, instansi dan pengguna"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from kesbangpol.middleware import catat_waktu_masuk

        user_logged_in.connect(catat_waktu_masuk, dispatch_uid="kesbangpol_catat_waktu_masuk")

        from kesbangpol import notifikasi
        from kesbangpol.models import User

        P = User.Peran
        # The one asking usually watches the progress bar: the bell is enough unless they choose mail.
        # Offered to those who may order a PDF (access.tingkat_provinsi): not kab/kota operators.
        notifikasi.daftar_jenis(
            "dokumen_selesai",
            "PDF yang Anda minta selesai dibuat",
            bawaan="portal",
            untuk=(*User.PERAN_STAF, P.PIMPINAN, P.ADMIN_NASIONAL),
        )

        # django-otp names its app and model in English only; the admin shows both.
        from django.apps import apps
        from django_otp.plugins.otp_totp.models import TOTPDevice

        apps.get_app_config("otp_totp").verbose_name = "Kode dua langkah"
        TOTPDevice._meta.verbose_name = "perangkat kode dua langkah"
        TOTPDevice._meta.verbose_name_plural = "perangkat kode dua langkah"
        for field, label in [
            ("user", "pengguna"),
            ("name", "nama perangkat"),
            ("confirmed", "sudah dikonfirmasi"),
            ("last_used_at", "terakhir dipakai"),
        ]:
            TOTPDevice._meta.get_field(field).verbose_name = label

        from kesbangpol import beranda

        beranda.daftar(beranda.notifikasi_terbaru)
        beranda.daftar(beranda.untuk_admin)

        from kesbangpol.api import dasar, wilayah

        dasar.daftar("wilayah", wilayah.WilayahViewSet)
        dasar.daftar("instansi", wilayah.InstansiViewSet)
