"""Instructions per page, counted by valgrind's callgrind: the same pages as ``bench.cpu``, each
beside its comparison page, but counted in machine instructions instead of CPU milliseconds. An
instruction count does not move with the neighbours' load or the hour's clock speed, so two
processes agree where two CPU runs on this shared machine did not (within 10 % on 25 of 40 pages).
It counts work, not stalls: a page that waits on memory costs more milliseconds than its
instructions say.

Each request runs inside ``operator.call`` (a C function nothing else in a request calls), and
callgrind collects only inside it and writes a count after each call; the process reads that count
and removes the file. The request goes through Django's WSGI handler, as under gunicorn. Every page
is asked once before callgrind starts instrumenting (``bench/callgrind.c``), then counted. Two
processes run side by side (one per core).

``python -m bench.instruksi [--ulang N] [--halaman TEKS] [--json FILE]``, with the caller's
DATABASE_URL and production settings (``make bench`` sets them). Needs ``valgrind``, ``gcc`` and a
Python with its symbols (pyenv's and Debian's have them)."""

import argparse
import gc
import hashlib
import io
import json
import operator
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.cpu import ANONIM, STABIL, argumen_halaman, beda_relatif

PENANDA = "_operator_call"  # the C function behind operator.call: callgrind counts only inside it
PROSES = 2


def _environ(url: str, cookie: str) -> dict:
    """A GET as gunicorn hands it to Django behind the TLS proxy."""
    path, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": cookie,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _minta(handler, environ: dict) -> str:
    """One request, its body read and closed as a server would; returns the status line. Each
    request gets its own copy of ``environ`` (Django keeps it as request.META, and middleware writes
    to it) and an empty body."""
    status = []
    body = handler({**environ, "wsgi.input": io.BytesIO()}, lambda s, h, exc_info=None: status.append(s))
    try:
        b"".join(body)
    finally:
        body.close()
    return status[0]


class Penghitung:
    """Requests counted by callgrind in this process: ``hitung`` returns one request's instructions."""

    def __init__(self, keluaran: str):
        self.keluaran, self.ke = keluaran, 0

    def hitung(self, handler, environ) -> tuple[int, str]:
        """One request's instructions and its status line."""
        gc.collect()
        gc.disable()  # a collection belongs to no single request (as in bench.cpu)
        try:
            status = operator.call(_minta, handler, environ)
        finally:
            gc.enable()
        self.ke += 1
        dump = Path(f"{self.keluaran}.{self.ke}")
        if not dump.exists():
            raise RuntimeError(f"callgrind tidak menulis {dump}: jalankan lewat python -m bench.instruksi")
        with dump.open() as f:
            ringkas = next(line for line in f if line.startswith("summary:"))
        dump.unlink()
        return int(ringkas.split()[1]), status


def _instrumentasi_mulai() -> None:
    """Callgrind instruments from here on (``bench/callgrind.c``, built with gcc on first use):
    under full instrumentation Django's start alone took 70 s of a 320 s run."""
    import ctypes

    from bench.data import VAR

    sumber = Path(__file__).with_name("callgrind.c")
    pustaka = VAR / f"callgrind-{hashlib.sha256(sumber.read_bytes()).hexdigest()[:12]}.so"
    if not pustaka.exists():
        VAR.mkdir(parents=True, exist_ok=True)
        sementara = pustaka.with_suffix(f".{os.getpid()}.so")  # two processes build it at once
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", sementara, sumber], check=True)
        sementara.replace(pustaka)
    ctypes.CDLL(str(pustaka)).instrumentasi_mulai()


def dalam(keluaran: str, ulang: int, saring: str, urls: list | None) -> list[dict]:
    """Inside valgrind: every page and comparison page asked once before instrumentation starts
    (templates compiled, a 200 or no figure), then counted ``ulang`` times, the least of each. A
    count does not drift: one is enough (two processes' counts of every page agree within 0.2 %)."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    from bench.halaman import BARE, halaman
    from kesbangpol import middleware

    # Each count a request without the once-a-minute write of the session's idle stamp: counting
    # takes minutes here, and one page would carry the write in one process and not the other.
    middleware.LANGKAH_AKTIF = 10**9
    rows, sessions = halaman(saring, urls)
    # Not the PDFs and the big forms ("lain"): no target is set for them, and the attendance PDF
    # alone (2.2 billion instructions) took 40 % of a run; bench.proses times the documents.
    rows = [r for r in rows if r[3] != "lain"]
    handler, penghitung = WSGIHandler(), Penghitung(keluaran)
    environ = {}
    for _, url, username, kelas in rows:
        for kunci in ((ANONIM, None) if kelas == "polos" else (BARE, username), (url, username)):
            if kunci not in environ:
                cookie = f"{settings.SESSION_COOKIE_NAME}={sessions[kunci[1]]}" if kunci[1] else ""
                environ[kunci] = _environ(kunci[0], cookie)
                if not (status := _minta(handler, environ[kunci])).startswith("200"):
                    raise RuntimeError(f"{kunci[0]} sebagai {kunci[1]}: {status}, bukan 200")
    _instrumentasi_mulai()
    jumlah = {
        kunci: min(penghitung.hitung(handler, e)[0] for _ in range(ulang)) for kunci, e in environ.items()
    }
    hasil = []
    for label, url, username, kelas in rows:
        dasar = jumlah[ANONIM, None] if kelas == "polos" else jumlah[BARE, username]
        hasil.append(
            {
                "label": label,
                "url": url,
                "user": username,
                "kelas": kelas,
                "instruksi": jumlah[url, username],
                "dasar": dasar,
                "rasio": jumlah[url, username] / dasar,
            }
        )
    return hasil


def ukur(ulang: int = 1, saring: str = "", urls_path: str | None = None) -> list[list[dict]]:
    """Two processes under callgrind side by side; each one's figures."""
    if not shutil.which("valgrind"):
        raise RuntimeError("valgrind tidak ada: apt-get install -y valgrind")
    with tempfile.TemporaryDirectory(prefix="bench-instruksi-") as tmp:
        proses = []
        for k in range(PROSES):
            keluaran = os.path.join(tmp, f"p{k}")
            perintah = [
                "valgrind",
                "--tool=callgrind",
                "--quiet",
                "--instr-atstart=no",
                "--collect-atstart=no",
                f"--toggle-collect={PENANDA}",
                f"--dump-after={PENANDA}",
                "--dump-instr=no",
                f"--callgrind-out-file={keluaran}",
                sys.executable,
                "-m",
                "bench.instruksi",
                "--dalam",
                keluaran,
                "--ulang",
                str(ulang),
                "--halaman",
                saring,
                "--json",
                f"{keluaran}.json",
            ]
            if urls_path:
                perintah += ["--urls", urls_path]
            # The same hash seed in both: dict and set order, and so the work, the same.
            env = {**os.environ, "PYTHONHASHSEED": "0"}
            proses.append((subprocess.Popen(perintah, env=env), f"{keluaran}.json"))
        if gagal := [p.returncode for p, _ in proses if p.wait() != 0]:
            raise RuntimeError(f"proses callgrind gagal ({gagal})")
        return [json.loads(Path(json_path).read_text()) for _, json_path in proses]


def beda(pertama: list[dict], kedua: list[dict]) -> list[float]:
    """How far apart the two processes' counts of each page are (relative)."""
    return [beda_relatif((a["instruksi"], b["instruksi"])) for a, b in zip(pertama, kedua, strict=True)]


def tabel(pertama: list[dict], kedua: list[dict]) -> str:
    lines = [
        "| halaman | pengguna | juta instruksi (2 proses) | ÷ halaman polos |",
        "|---|---|---:|---:|",
    ]
    for a, b, d in zip(pertama, kedua, beda(pertama, kedua), strict=True):
        pembanding = "÷ anonim " if a["kelas"] == "polos" else ""
        goyah = " (goyah)" if d > STABIL else ""
        lines.append(
            f"| {a['label']} | {a['user']} | {a['instruksi'] / 1e6:.1f} / {b['instruksi'] / 1e6:.1f}{goyah} "
            f"| {pembanding}{a['rasio']:.2f} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argumen_halaman(__doc__)
    parser.add_argument("--ulang", type=int, default=1, help="Hitungan per halaman (yang terkecil dipakai).")
    parser.add_argument("--dalam", help=argparse.SUPPRESS)  # the process inside valgrind
    args = parser.parse_args(argv)
    if args.dalam:
        from bench import setup

        setup()
        urls = json.loads(Path(args.urls).read_text()) if args.urls else None
        Path(args.json).write_text(json.dumps(dalam(args.dalam, args.ulang, args.halaman, urls)))
        return 0
    pertama, kedua = ukur(args.ulang, args.halaman, args.urls)
    if args.json:
        Path(args.json).write_text(json.dumps([pertama, kedua]))
    print(tabel(pertama, kedua))
    goyah = sum(d > STABIL for d in beda(pertama, kedua))
    print(f"\n{len(pertama)} halaman; {goyah} berbeda lebih dari {STABIL:.0%} antara dua proses.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
