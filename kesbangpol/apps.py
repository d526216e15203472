from django.apps import AppConfig


class KesbangpolConfig(AppConfig):
    name = "kesbangpol"
    verbose_name = "Wilayah, instansi dan pengguna"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from kesbangpol.middleware import catat_waktu_masuk

        user_logged_in.connect(catat_waktu_masuk, dispatch_uid="kesbangpol_catat_waktu_masuk")
