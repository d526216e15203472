"""Deadline day: 200 kab/kota operators and 20 provincial staff at once (Locust, headless), against
gunicorn as deployed, on a throw-away copy of the national data on PostgreSQL. Operators open their
home page, the report list and their report, change a potensi and submit; staff open their home
page and the matrix and accept submitted reports. Reports p50/p95/p99 and errors per request kind.

``python -m bench.beban [--detik N] [--json FILE]``"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

OPERATOR, STAF = 200, 20


def rencana(path: Path) -> None:
    """Sessions and the rows each simulated person works on, in the copied database: each operator's
    report of the latest quarter opened again as a draft, and for each staff member ten reports of
    the quarter before waiting for review in their province."""
    from django.conf import settings

    from bench.halaman import sesi
    from kesbangpol.models import User
    from laporan.models import LaporanTriwulan, PotensiKonflik

    S = LaporanTriwulan.Status
    terbaru = LaporanTriwulan.objects.order_by("-periode__tahun", "-periode__triwulan").first().periode
    operator = []
    users = User.objects.filter(peran=User.Peran.OPERATOR_KABKOTA, username__endswith="_operator_0")
    for user in users.select_related("instansi").order_by("username")[:OPERATOR]:
        laporan = LaporanTriwulan.objects.filter(
            kabkota_id=user.instansi.wilayah_id,
            periode__tahun=terbaru.tahun,
            periode__triwulan=terbaru.triwulan,
        ).first()
        potensi = PotensiKonflik.objects.filter(laporan=laporan).order_by("pk").first()
        if not laporan or not potensi:
            continue
        LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=S.DRAF)
        # The checks before submitting (laporan.validasi) refuse a high potensi without steps and a
        # proposal: the generated data leaves them empty, a real operator fills them in first.
        PotensiKonflik.objects.filter(laporan=laporan, langkah="").update(langkah="Pemantauan rutin.")
        PotensiKonflik.objects.filter(laporan=laporan, usulan="").update(usulan="Koordinasi lanjutan.")
        isian = {
            "judul": potensi.judul,
            "sumber": potensi.sumber,
            "bidang": potensi.bidang,
            "tingkat": "tinggi",
            "tren": "meningkat",
            "tahap": potensi.tahap,
            "langkah": "Mediasi oleh Forkopimda kecamatan (hari tenggat).",
            "usulan": "Rapat koordinasi lanjutan.",
        }
        operator.append({"sesi": sesi(user), "laporan": laporan.pk, "potensi": potensi.pk, "isian": isian})
    staf = []
    for user in User.objects.filter(peran=User.Peran.STAF_PROVINSI, username__endswith="_staf_provinsi_0")[
        :STAF
    ]:
        provinsi = user.instansi.wilayah
        sebelumnya = (
            LaporanTriwulan.objects.filter(kabkota__provinsi=provinsi)
            .exclude(periode__tahun=terbaru.tahun, periode__triwulan=terbaru.triwulan)
            .order_by("-periode__tahun", "-periode__triwulan", "pk")
        )
        antre = list(sebelumnya.values_list("pk", flat=True)[:10])
        LaporanTriwulan.objects.filter(pk__in=antre).update(status=S.DIAJUKAN)
        periode = sebelumnya.first().periode_id
        staf.append({"sesi": sesi(user), "diperiksa": antre, "periode": periode})
    path.write_text(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "operator": operator, "staf": staf}))
    return len(operator), len(staf)


def hasil_csv(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        {
            "nama": f"{r['Type']} {r['Name']}".strip(),
            "jumlah": int(r["Request Count"]),
            "gagal": int(r["Failure Count"]),
            "p50": float(r["50%"]),
            "p95": float(r["95%"]),
            "p99": float(r["99%"]),
            "rps": float(r["Requests/s"]),
        }
        for r in rows
    ]


def main(argv=None):
    from bench import argumen, data, setup

    parser = argumen(__doc__)
    parser.add_argument("--detik", type=int, default=120, help="Lama beban penuh.")
    args = parser.parse_args(argv)

    # Plain cookie names: Locust talks http to 127.0.0.1 (behind the proxy it would be https).
    env = data.env_server(data.salinan("nasional", "beban"), SECURE_COOKIES="false")
    os.environ.update(env)
    setup()
    plan = data.VAR / "beban-rencana.json"
    n_op, n_staf = rencana(plan)
    data.collectstatic(env)
    prefix = data.VAR / "beban"
    with data.Server(env, "beban") as server:
        # Everyone arrives within 20 s (10 a second), then the whole office works for --detik.
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py"))]
            + ["--headless", "-u", str(n_op + n_staf), "-r", "10", "-t", f"{args.detik + 20}s"]
            + ["--host", server.url, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            env={**env, "BENCH_RENCANA": str(plan)},
            check=False,
        )
    hasil = hasil_csv(prefix)
    if args.json:
        Path(args.json).write_text(json.dumps({"operator": n_op, "staf": n_staf, "hasil": hasil}))
    print(tabel(hasil, n_op, n_staf))


def tabel(hasil, n_op, n_staf) -> str:
    lines = [
        f"{n_op} operator + {n_staf} staf provinsi",
        "",
        "| permintaan | jumlah | gagal | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for h in hasil:
        angka = f"{h['p50']:.0f} | {h['p95']:.0f} | {h['p99']:.0f}"
        lines.append(f"| {h['nama']} | {h['jumlah']} | {h['gagal']} | {angka} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
