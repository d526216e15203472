import datetime

from django.core.management.base import BaseCommand

from laporan import actions


class Command(BaseCommand):
    help = (
        "Mengirim pengingat laporan triwulan: ke operator kab/kota yang belum mengajukan (7 dan 1 hari "
        "sebelum tenggat, lalu mingguan setelahnya) dan rekap keterlambatan ke staf provinsi. Harian oleh "
        "Celery beat; perintah ini untuk cron atau uji."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanggal", type=datetime.date.fromisoformat, help="Anggap hari ini (YYYY-MM-DD)."
        )

    def handle(self, *args, tanggal=None, **options):
        self.stdout.write(f"{actions.kirim_pengingat(tanggal)} surel pengingat laporan terkirim.")
