"""CPU milliseconds per page, in process: every bench page as its user, many times, each figure the
least of the server's own Server-Timing CPU times (interference only ever adds to it), beside the
same user's bare signed-in page (and each bare page beside the anonymous sign-in page of the same
stack); with the queries and the gzipped bytes of the answer. Each page is measured in two passes,
spread over sweeps through all the pages, its comparison page right before it in each sweep; the
ratio divides by the least the comparison page took in the whole run.

``python -m bench.cpu [--ulang N] [--halaman TEKS] [--urls FILE] [--json FILE]``, with the
caller's DATABASE_URL and production settings (``make bench`` and ``make bench-cpu`` set them)."""

import argparse
import gc
import gzip
import json
import sys
from pathlib import Path

from bench import argumen

STABIL = 0.10
SAPUAN = 40  # sweeps through every page (odd ones the first pass, even ones the second)
ANONIM = "/akun/masuk/"  # the sign-in page: what an anonymous visitor gets from the same stack


def _cpu(client, url) -> float:
    return float(client.get(url, secure=True)["Server-Timing"].split("dur=")[1])


def _putaran(client, url, ulang: int) -> float:
    """The least CPU ms of ``ulang`` requests."""
    return min(_cpu(client, url) for _ in range(ulang))


def _bagian(n: int, ke: int, dari: int) -> int:
    """How many of a pass's ``n`` requests its sweep number ``ke`` (of ``dari``) makes: together n."""
    return n // dari + (ke < n % dari)


def ukur(ulang: int = 30, saring: str = "", urls: list | None = None, sapuan: int = SAPUAN) -> list[dict]:
    """Each page's two passes of ``ulang`` requests, spread over ``sapuan`` sweeps through all the
    pages (odd sweeps make the first pass, even ones the second): a neighbour's burst on this shared
    machine then lands in both passes alike instead of lifting one block of requests."""
    from django.test import override_settings

    from bench.halaman import BARE, halaman, jumlah_query, klien

    rows, sessions = halaman(saring, urls)
    hasil, diukur = [], []
    with override_settings(SERVER_TIMING=True):
        anonim = klien(sessions, None)
        if anonim.get(ANONIM, secure=True).status_code != 200:
            raise RuntimeError(f"{ANONIM} anonim: bukan 200")
        for label, url, username, kelas in rows:
            client = klien(sessions, username)
            first = client.get(url, secure=True)  # warm: templates, the session
            if first.status_code != 200:
                raise RuntimeError(f"{url} sebagai {username}: {first.status_code}, bukan 200")
            n = ulang if kelas != "lain" else max(ulang // 5, 3)  # PDFs and big forms: fewer
            # The bare page (or, for a bare page, the anonymous one), measured right before it.
            dasar = (anonim, ANONIM) if kelas == "polos" else (klien(sessions, username), BARE)
            diukur.append((client, url, dasar, (username, kelas == "polos"), n))
            hasil.append(
                {
                    "label": label,
                    "url": url,
                    "user": username,
                    "kelas": kelas,
                    "cpu": [float("inf"), float("inf")],
                    "query": jumlah_query(client, url),
                    "gzip": len(gzip.compress(first.content)),
                }
            )
        polos = {}  # the least CPU each user's comparison page took in the whole run
        for sapu in range(sapuan):
            # The garbage collector off during a sweep (its pauses were most of the spread between two
            # passes), collected between sweeps: a full collection per page took longer than the page.
            gc.collect()
            gc.disable()
            try:
                for h, (client, url, (dasar, dasar_url), kunci, n) in zip(hasil, diukur, strict=True):
                    if k := _bagian(n, sapu // 2, sapuan // 2):
                        polos[kunci] = min(polos.get(kunci, float("inf")), _putaran(dasar, dasar_url, k))
                        h["cpu"][sapu % 2] = min(h["cpu"][sapu % 2], _putaran(client, url, k))
            finally:
                gc.enable()
    # Each page against the least its comparison page ever took in this run: a single pass's
    # bare figure moved up to 15 % with the machine, the least of all of them does not.
    for h, (*_, kunci, _n) in zip(hasil, diukur, strict=True):
        h["dasar"] = polos[kunci]
        h["rasio"] = [c / h["dasar"] for c in h["cpu"]]
    return hasil


def tabel(hasil: list[dict], ulang: int) -> str:
    lines = [
        f"| halaman | pengguna | CPU ms (2 putaran, terkecil dari {ulang}) | ÷ halaman polos "
        "| query | gzip |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for h in hasil:
        a, b = h["cpu"]
        goyah = " (goyah)" if beda_relatif(h["cpu"]) > STABIL else ""
        pembanding = "÷ anonim " if h["kelas"] == "polos" else ""
        lines.append(
            f"| {h['label']} | {h['user']} | {a:.1f} / {b:.1f} | {pembanding}{min(h['rasio']):.2f}{goyah} "
            f"| {h['query']} | {h['gzip'] / 1024:.1f} KiB |"
        )
    return "\n".join(lines)


def beda_relatif(pasangan) -> float:
    """How far apart two figures of the same thing are, relative to the smaller."""
    a, b = pasangan
    return abs(a - b) / max(min(a, b), 1e-9)


def argumen_halaman(doc: str) -> argparse.ArgumentParser:
    """The options of a part that measures the bench pages (bench.cpu, bench.instruksi)."""
    parser = argumen(doc)
    parser.add_argument("--halaman", default="", help="Hanya halaman yang labelnya memuat teks ini.")
    parser.add_argument("--urls", help="Daftar halaman (JSON) dari data set lain: URL yang sama.")
    return parser


def main(argv=None):
    parser = argumen_halaman(__doc__)
    parser.add_argument("--ulang", type=int, default=30, help="Permintaan per halaman per putaran.")
    args = parser.parse_args(argv)
    from bench import setup

    setup()
    urls = json.loads(Path(args.urls).read_text()) if args.urls else None
    hasil = ukur(args.ulang, args.halaman, urls)
    if args.json:
        Path(args.json).write_text(json.dumps(hasil))
    print(tabel(hasil, args.ulang))
    goyah = sum(beda_relatif(h["cpu"]) > STABIL for h in hasil)
    print(f"\n{len(hasil)} halaman; {goyah} berbeda lebih dari {STABIL:.0%} antara dua putaran.")


if __name__ == "__main__":
    sys.exit(main())
