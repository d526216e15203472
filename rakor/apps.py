from django.apps import AppConfig


class RakorConfig(AppConfig):
    name = "rakor"
    verbose_name = "Rakor"

    def ready(self):
        from kesbangpol import dokumen
        from rakor.pdf import DaftarHadir, LaporanHasilRakor

        dokumen.daftar(DaftarHadir())
        dokumen.daftar(LaporanHasilRakor())

        from kesbangpol import notifikasi
        from kesbangpol.models import User

        notifikasi.daftar_jenis(
            "undangan_rakor", "Undangan rakor untuk instansi Anda", untuk=User.PERAN_KANTOR
        )

        from kesbangpol import beranda
        from rakor import beranda as rakor_beranda

        beranda.daftar(rakor_beranda.untuk_semua)

        from kesbangpol.api import dasar
        from rakor import api as rakor_api

        dasar.daftar("rakor", rakor_api.RakorViewSet)
