from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan triwulan"

    def ready(self):
        from kesbangpol import dokumen
        from laporan.ekspor import EksporNasional
        from laporan.pdf import RingkasanGubernur

        dokumen.daftar(RingkasanGubernur())
        dokumen.daftar(EksporNasional())

        from kesbangpol import notifikasi
        from kesbangpol.models import User

        P = User.Peran
        # Each kind offered only to the roles its sender addresses: a kab/kota's operators
        # (User.objects.operator_kabkota), the province's staff and admins (staf_provinsi), and for
        # an urgent report the province's readers (pembaca_provinsi) and, once escalated, national admins.
        operator = (P.OPERATOR_KABKOTA,)
        staf = User.PERAN_STAF
        notifikasi.daftar_jenis(
            "laporan_diperiksa", "Laporan triwulan diterima, dikembalikan atau dibuka kembali", untuk=operator
        )
        notifikasi.daftar_jenis("pengingat_laporan", "Pengingat tenggat laporan triwulan", untuk=operator)
        # Staff review a province's worth of reports: one morning mail instead of one per report.
        notifikasi.daftar_jenis(
            "laporan_diajukan", "Laporan triwulan diajukan kabupaten/kota", bawaan="harian", untuk=staf
        )
        notifikasi.daftar_jenis("rekap_terlambat", "Rekap kabupaten/kota yang terlambat melapor", untuk=staf)
        notifikasi.daftar_jenis(
            "laporan_segera",
            "Laporan segera (kejadian) baru, diperbarui atau dieskalasi",
            mendesak=True,
            untuk=(*staf, P.PIMPINAN, P.ADMIN_NASIONAL),
        )
        notifikasi.daftar_jenis(
            "segera_diminta", "Provinsi meminta pembaruan laporan segera", mendesak=True, untuk=operator
        )
        notifikasi.daftar_jenis(
            "segera_ditanggapi", "Laporan segera ditanggapi atau dieskalasi provinsi", untuk=operator
        )

        from kesbangpol import beranda
        from laporan import beranda as laporan_beranda

        beranda.daftar(laporan_beranda.untuk_operator)
        beranda.daftar(laporan_beranda.triwulan_lalu)
        beranda.daftar(laporan_beranda.segera)
        beranda.daftar(laporan_beranda.sinyal_terbuka)

        from django.db.models.signals import post_delete, post_save

        from kesbangpol.models import TahapanPemilu
        from laporan.sinyal import tahapan_berubah

        post_save.connect(tahapan_berubah, sender=TahapanPemilu, dispatch_uid="laporan.tahapan_berubah")
        post_delete.connect(tahapan_berubah, sender=TahapanPemilu, dispatch_uid="laporan.tahapan_dihapus")

        from kesbangpol.api import dasar
        from laporan import api as laporan_api

        dasar.daftar("periode", laporan_api.PeriodeViewSet)
        dasar.daftar("laporan", laporan_api.LaporanViewSet)
        dasar.daftar("potensi", laporan_api.PotensiViewSet)
        dasar.daftar("kejadian", laporan_api.KejadianViewSet)
        dasar.daftar("laporan-segera", laporan_api.SegeraViewSet)
        dasar.daftar("sinyal", laporan_api.SinyalViewSet)

        from laporan import halaman_rakor
        from rakor import halaman

        halaman.daftar(halaman_rakor.halaman, pdf=halaman_rakor.pdf)
