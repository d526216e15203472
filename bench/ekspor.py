"""The national export (``laporan.ekspor.EksporNasional``) on the national data: the Celery task's
work for the latest quarter of every province, in process, as the worker runs it: wall and CPU
seconds, queries, progress steps, rows and file size.

``python -m bench.ekspor [--json FILE]``, with the caller's DATABASE_URL (national data)."""

import json
import sys
import time
from pathlib import Path


def main(argv=None):
    from bench import bagian_dalam_proses

    args = bagian_dalam_proses(__doc__, argv, "nasional")
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from kesbangpol import dokumen
    from kesbangpol.models import Dokumen, User
    from laporan.ekspor import Triwulan
    from laporan.models import KejadianKonflik, Periode, PotensiKonflik

    # The quarter with the most incidents (potensi are alike across quarters): what a national admin
    # would export after the deadline.
    terbesar = (
        Periode.objects.values("tahun", "triwulan")
        .annotate(n=Count("laporan__kejadiankonflik"))
        .order_by("-n", "-tahun", "-triwulan")
        .first()
    )
    objek = Triwulan(terbesar["tahun"], terbesar["triwulan"])
    admin = User.objects.filter(peran=User.Peran.ADMIN_NASIONAL).first()
    job = Dokumen.objects.create(
        jenis="ekspor_nasional", objek_id=objek.pk, judul="bench", diminta_oleh=admin
    )
    cpu, wall = time.process_time(), time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        dokumen.render(job.pk)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    job.refresh_from_db()
    saring = {"laporan__periode__tahun": objek.tahun, "laporan__periode__triwulan": objek.triwulan}
    hasil = {
        "triwulan": str(objek),
        "status": job.status,
        "provinsi": Periode.objects.filter(tahun=objek.tahun, triwulan=objek.triwulan).count(),
        "potensi": PotensiKonflik.objects.filter(
            laporan__status__in=["diajukan", "diterima"], **saring
        ).count(),
        "kejadian": KejadianKonflik.objects.filter(
            laporan__status__in=["diajukan", "diterima"], **saring
        ).count(),
        "wall": wall,
        "cpu": cpu,
        "query": len(ctx),
        "progres": sum("progres" in q["sql"] and "UPDATE" in q["sql"] for q in ctx.captured_queries),
        "ukuran": job.ukuran,
        "detik_konteks": job.detik_konteks,
    }
    job.berkas.delete(save=False)
    job.delete()
    if args.json:
        Path(args.json).write_text(json.dumps(hasil))
    print(
        f"ekspor nasional {hasil['triwulan']}: {hasil['provinsi']} provinsi, {hasil['potensi']} potensi, "
        f"{hasil['kejadian']} kejadian: {wall:.1f} s (CPU {cpu:.1f} s), {hasil['query']} query, "
        f"{hasil['progres']} langkah kemajuan, {hasil['ukuran'] / 1e6:.1f} MB, status {hasil['status']}"
    )


if __name__ == "__main__":
    sys.exit(main())
