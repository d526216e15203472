from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kesbangpol import demo


class Command(BaseCommand):
    help = (
        "Mengisi data demo (pengguna untuk setiap peran di Kaltim, Kalteng dan Kalbar, lalu data demo "
        "setiap aplikasi yang mempunyai modul demo.py). Aman dijalankan berulang. Ditolak bila DEBUG mati."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Jangan cetak daftar akun demo.")

    def handle(self, *args, quiet_logins=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo ditolak: DEBUG mati. Data demo tidak boleh masuk ke server produksi."
            )
        with transaction.atomic():
            demo.seed(self.stdout)
            for module in demo.app_demo_modules():
                module.seed(self.stdout)
        if not quiet_logins:
            self.stdout.write("\nAkun demo (kata sandi sama untuk semua): " + demo.DEMO_PASSWORD)
            for username, _nama, peran, kode, _jabatan in demo.DEMO_USERS:
                self.stdout.write(f"  {username:<22} {peran.label:<38} {kode or 'nasional'}")
