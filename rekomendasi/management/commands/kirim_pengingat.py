import datetime

from django.core.management.base import BaseCommand

from rekomendasi import actions


class Command(BaseCommand):
    help = (
        "Mengirim satu surel pengingat per instansi berisi penugasan rekomendasi yang terlambat atau "
        "jatuh tempo dalam 7 hari. Dijalankan harian oleh Celery beat; perintah ini untuk cron atau uji."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanggal", type=datetime.date.fromisoformat, help="Anggap hari ini tanggal ini (YYYY-MM-DD)."
        )

    def handle(self, *args, tanggal=None, **options):
        jumlah = actions.kirim_pengingat(tanggal)
        self.stdout.write(f"{jumlah} surel pengingat terkirim.")
