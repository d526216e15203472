from django.apps import AppConfig


class RekomendasiConfig(AppConfig):
    name = "rekomendasi"
    verbose_name = "Rekomendasi dan tindak lanjut"

    def ready(self):
        from kesbangpol import notifikasi
        from kesbangpol.models import User

        # An office's users hear of its assignments (User.objects.di_kantor: never a national admin);
        # the province's staff and admins verify proposals (User.objects.staf_provinsi).
        kantor = User.PERAN_KANTOR
        notifikasi.daftar_jenis(
            "penugasan_baru", "Rekomendasi baru ditugaskan ke instansi Anda", untuk=kantor
        )
        notifikasi.daftar_jenis(
            "tindak_lanjut_diverifikasi", "Tindak lanjut diverifikasi atau dikembalikan", untuk=kantor
        )
        notifikasi.daftar_jenis(
            "usulan_menunggu",
            "Usulan tindak lanjut menunggu verifikasi",
            bawaan="harian",
            untuk=User.PERAN_STAF,
        )
        notifikasi.daftar_jenis(
            "pengingat_rekomendasi", "Pengingat tindak lanjut terlambat atau jatuh tempo", untuk=kantor
        )

        from kesbangpol import beranda
        from rekomendasi import beranda as rekomendasi_beranda

        beranda.daftar(rekomendasi_beranda.untuk_kantor)
        beranda.daftar(rekomendasi_beranda.untuk_staf)
        beranda.daftar(rekomendasi_beranda.ringkasan_pimpinan)

        from rakor import halaman
        from rekomendasi import halaman_rakor

        halaman.daftar(halaman_rakor.halaman, pdf=halaman_rakor.pdf)

        from kesbangpol.api import dasar
        from rekomendasi import api as rekomendasi_api

        dasar.daftar("rekomendasi", rekomendasi_api.RekomendasiViewSet)
        dasar.daftar("penugasan", rekomendasi_api.PenugasanViewSet)
