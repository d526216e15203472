"""Early-warning signals on the national data: the nightly recompute of every province, and the
recompute of one province that follows a change, in CPU seconds, wall seconds and queries.

``python -m bench.sinyal [--json FILE]``, with the caller's DATABASE_URL (national data)."""

import json
import sys
import time
from pathlib import Path


def main(argv=None):
    from bench import bagian_dalam_proses

    args = bagian_dalam_proses(__doc__, argv, "nasional")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kesbangpol.models import Wilayah
    from laporan import sinyal
    from laporan.models import LaporanTriwulan, PotensiKonflik, Sinyal

    provinsi = list(Wilayah.objects.provinsi())
    Sinyal.objects.all().delete()

    def semua():
        cpu, wall = time.process_time(), time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            per = []
            for p in provinsi:
                t = time.perf_counter()
                sinyal.hitung_ulang(p)
                per.append(time.perf_counter() - t)
        return time.process_time() - cpu, time.perf_counter() - wall, len(ctx), max(per)

    pertama = semua()  # from nothing: every signal inserted
    ulang = min((semua() for _ in range(3)), key=lambda r: r[0])  # nothing changed: reads only
    hasil = {
        "provinsi": len(provinsi),
        "laporan": LaporanTriwulan.objects.count(),
        "potensi": PotensiKonflik.objects.count(),
        "sinyal": Sinyal.objects.count(),
        "pertama": {"cpu": pertama[0], "wall": pertama[1], "query": pertama[2], "maks_provinsi": pertama[3]},
        "ulang": {"cpu": ulang[0], "wall": ulang[1], "query": ulang[2], "maks_provinsi": ulang[3]},
    }
    if args.json:
        Path(args.json).write_text(json.dumps(hasil))
    for nama in ("pertama", "ulang"):
        h = hasil[nama]
        print(
            f"sinyal {hasil['provinsi']} provinsi ({hasil['potensi']} potensi, {hasil['sinyal']} sinyal), "
            f"{nama}: CPU {h['cpu']:.2f} s, wall {h['wall']:.2f} s, {h['query']} query, "
            f"provinsi terlama {h['maks_provinsi']:.2f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
