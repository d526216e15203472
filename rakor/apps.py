from django.apps import AppConfig


class RakorConfig(AppConfig):
    name = "rakor"
    verbose_name = "Rakor"

    def ready(self):
        from kesbangpol import dokumen
        from rakor.pdf import DaftarHadir, LaporanHasilRakor

        dokumen.daftar(DaftarHadir())
        dokumen.daftar(LaporanHasilRakor())
