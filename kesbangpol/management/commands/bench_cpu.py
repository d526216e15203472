"""CPU milliseconds per page, in process (`make bench-cpu`): every bench page, as its user, many times,
each figure the least of the server's own Server-Timing CPU times (interference only ever adds to
it), beside the same user's bare
signed-in page; with the queries and the gzipped bytes of the answer. Two passes are taken and
compared, so a figure that moved more than 10 % between them is flagged as noise, not a result."""

import gc
import gzip

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings

from kesbangpol.management.commands.bench_halaman import QueryCounter, halaman

STABIL = 0.10


def _cpu(client, url) -> float:
    return float(client.get(url, secure=True)["Server-Timing"].split("dur=")[1])


def _putaran(client, url, ulang: int) -> float:
    """The least CPU ms of ``ulang`` requests, with the garbage collector off during the pass (its
    pauses were most of the spread between two passes) and run once before it."""
    gc.collect()
    gc.disable()
    try:
        return min(_cpu(client, url) for _ in range(ulang))
    finally:
        gc.enable()


class Command(BaseCommand):
    help = "CPU ms per halaman (terkecil dari Server-Timing), dua putaran, beserta query dan byte gzip."

    def add_arguments(self, parser):
        parser.add_argument("--ulang", type=int, default=30, help="Permintaan per halaman per putaran.")

    def handle(self, *args, ulang, **options):
        from django.db import connection

        rows, sessions = halaman()
        hasil = []
        with override_settings(SERVER_TIMING=True):
            for label, url, username, kelas in rows:
                client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
                client.cookies[settings.SESSION_COOKIE_NAME] = sessions[username]
                first = client.get(url, secure=True)  # warm: templates, the session
                if first.status_code != 200:
                    raise CommandError(f"{url} sebagai {username}: {first.status_code}, bukan 200")
                counter = QueryCounter()
                with connection.execute_wrapper(counter):
                    client.get(url, secure=True)
                putaran = [_putaran(client, url, ulang) for _ in (1, 2)]
                hasil.append(
                    {
                        "label": label,
                        "user": username,
                        "kelas": kelas,
                        "cpu": putaran,
                        "query": counter.count,
                        "gzip": len(gzip.compress(first.content)),
                    }
                )
        polos = {h["user"]: min(h["cpu"]) for h in hasil if h["kelas"] == "polos"}
        self.stdout.write(
            f"| halaman | pengguna | CPU ms (2 putaran, terkecil dari {ulang}) | ÷ polos | query | gzip |"
        )
        self.stdout.write("|---|---|---|---|---|---|")
        goyah = 0
        for h in hasil:
            a, b = h["cpu"]
            beda = abs(a - b) / max(min(a, b), 0.01)
            goyah += beda > STABIL
            tanda = " (goyah)" if beda > STABIL else ""
            rasio = min(a, b) / polos[h["user"]]
            self.stdout.write(
                f"| {h['label']} | {h['user']} | {a:.1f} / {b:.1f}{tanda} | {rasio:.1f} | {h['query']} "
                f"| {h['gzip'] / 1024:.1f} KiB |"
            )
        self.stdout.write(
            f"\n{len(hasil)} halaman; {goyah} berbeda lebih dari {STABIL:.0%} antara dua putaran."
        )
