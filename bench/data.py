"""The bench's databases and servers: PostgreSQL databases built once from the migrations and the
demo/scale seeders and reused while those are unchanged, and gunicorn with production settings."""

import hashlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg

BASE = Path(__file__).resolve().parent.parent
VAR = BASE / "var" / "bench"
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PREFIX = os.environ.get("BENCH_DB_PREFIX", "kesbangpol_bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


class BenchError(Exception):
    pass


def log(pesan: str) -> None:
    print(pesan, file=sys.stderr, flush=True)


def sidik_jari() -> str:
    """What the bench data is built from: migrations and seeders. Another value rebuilds it."""
    h = hashlib.sha256()
    files = sorted(BASE.glob("*/migrations/*.py")) + sorted(BASE.glob("*/demo.py"))
    files += sorted(BASE.glob("*/management/commands/seed_*.py"))
    for f in files:
        h.update(f.relative_to(BASE).as_posix().encode() + f.read_bytes())
    return h.hexdigest()[:16]


def db_url(nama: str) -> str:
    return f"{PG}/{PREFIX}_{nama}"


def siapkan(nama: str, baru: bool = False) -> str:
    """The URL of data set ``nama`` ("demo": migrate + seed_demo; "nasional": + seed_scale), built
    unless a database built from the same migrations and seeders exists."""
    VAR.mkdir(parents=True, exist_ok=True)
    dbname, sidik = f"{PREFIX}_{nama}", sidik_jari()
    penanda = VAR / f"{dbname}.sidik"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        ada = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if ada and not baru and penanda.exists() and penanda.read_text() == sidik:
            return db_url(nama)
        log(f"[{nama}] membangun {dbname} …")
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    env = {
        **os.environ,
        "DATABASE_URL": db_url(nama),
        "DEBUG": "true",
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
    }
    langkah = [["migrate", "--noinput", "-v0"], ["seed_demo"]] + (
        [["seed_scale"]] if nama == "nasional" else []
    )
    t = time.monotonic()
    for args in langkah:
        hasil = subprocess.run(
            [sys.executable, "manage.py", *args], env=env, cwd=BASE, capture_output=True, text=True
        )
        if hasil.returncode:
            raise BenchError(f"{' '.join(args)} gagal:\n{hasil.stderr[-3000:]}")
    # Freshly written tables: vacuum and analyze now, or autovacuum does it during the measurement.
    with psycopg.connect(db_url(nama), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    penanda.write_text(sidik)
    log(f"[{nama}] siap dalam {time.monotonic() - t:.0f} s")
    return db_url(nama)


def salinan(nama: str, tujuan: str) -> str:
    """A throw-away copy of data set ``nama`` (for runs that write: the load test submits reports)."""
    siapkan(nama)
    dbname = f"{PREFIX}_{tujuan}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}" TEMPLATE "{PREFIX}_{nama}"')
    return db_url(tujuan)


def env_server(url: str, **extra) -> dict:
    """Production settings (DEBUG off, secure cookies behind a proxy that says https), Redis for the
    cache and sessions when it answers."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_URL": "https://127.0.0.1",
        "TRUST_X_FORWARDED_PROTO": "true",
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        "LOG_LEVEL": "WARNING",
        # The bench calls each API list hundreds of times with one session: it measures the endpoint,
        # not the per-token limit (tests/kesbangpol/test_api.py tests that).
        "API_BATAS": "1000000/hour",
        **extra,
    }
    try:
        parts = urllib.parse.urlsplit(REDIS)
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=0.5).close()
        env["REDIS_URL"] = env["CELERY_BROKER_URL"] = REDIS
    except OSError:
        env["REDIS_URL"] = env["CELERY_BROKER_URL"] = ""
    return env


def collectstatic(env: dict) -> None:
    """Production settings use the manifest storage: the server needs collected static files."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=BASE, check=True
    )


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on 127.0.0.1 as deployed (Dockerfile): threaded workers that keep a browser's
    connection open, as the TLS proxy in front of it does (75 s, nginx's default)."""

    def __init__(self, env: dict, nama: str, workers: int = 3, threads: int = 4):
        self.port = port_bebas()
        self.log = (VAR / f"gunicorn-{nama}.log").open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kesbangpol.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + [
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=BASE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise BenchError(f"gunicorn tidak menjawab dalam 30 detik; lihat {self.log.name}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
