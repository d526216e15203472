from django.apps import AppConfig


class RekomendasiConfig(AppConfig):
    name = "rekomendasi"
    verbose_name = "Rekomendasi dan tindak lanjut"
