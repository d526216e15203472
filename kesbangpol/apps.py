from django.apps import AppConfig


class KesbangpolConfig(AppConfig):
    name = "kesbangpol"
    verbose_name = "Wilayah, instansi dan pengguna"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from kesbangpol.middleware import catat_waktu_masuk

        user_logged_in.connect(catat_waktu_masuk, dispatch_uid="kesbangpol_catat_waktu_masuk")

        from kesbangpol import notifikasi

        # The one asking usually watches the progress bar: the bell is enough unless they choose mail.
        notifikasi.daftar_jenis("dokumen_selesai", "PDF yang Anda minta selesai dibuat", bawaan="portal")

        from kesbangpol import beranda

        beranda.daftar(beranda.notifikasi_terbaru)
        beranda.daftar(beranda.untuk_admin)
