from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan triwulan"

    def ready(self):
        from kesbangpol import dokumen
        from laporan.pdf import RingkasanGubernur

        dokumen.daftar(RingkasanGubernur())
