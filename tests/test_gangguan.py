"""Faults survived against the real services: every PostgreSQL connection killed → the next web
request (gunicorn, persistent connections with health checks) and the next task succeed."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.conftest import reachable, service_missing

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _bunuh_koneksi(db) -> int:
    """pg_terminate_backend on every other connection to the database, as a restart or a network
    cut would."""
    dsn = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True, password=db.get("PASSWORD") or None) as c:
        rows = c.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [db["NAME"]],
        ).fetchall()
    return len(rows)


def _port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_killed_database_connections_do_not_fail_the_next_request_or_task():
    if connection.vendor != "postgresql":
        pytest.skip("uji gangguan PostgreSQL hanya pada run PostgreSQL")
    db = connection.settings_dict
    port = _port()
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "ALLOWED_HOSTS": "127.0.0.1"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kesbangpol.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            if reachable(f"http://127.0.0.1:{port}", port):
                break
            time.sleep(0.1)
        halaman = f"http://127.0.0.1:{port}/verifikasi/TIDAKADA00/"  # a database query, then 404
        assert _status(halaman) == 404
        assert _bunuh_koneksi(db) >= 1  # gunicorn's persistent connection at least
        assert _status(halaman) == 404  # not 500: the dead connection is noticed and replaced
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)

    from celery.contrib.testing.worker import start_worker

    from kesbangpol.celery import app
    from kesbangpol.tasks import ping

    broker = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL")
    if not broker:
        service_missing("CELERY_BROKER_URL/REDIS_URL tidak diatur")
    if not reachable(broker, 6379):
        service_missing(f"Redis tidak dapat dihubungi di {broker}")
    previous = {
        k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager", "task_ignore_result")
    }
    app.conf.update(
        broker_url=broker, result_backend=broker, task_always_eager=False, task_ignore_result=False
    )
    app._local.__dict__.pop("backend", None)
    ignore_before, ping.ignore_result = ping.ignore_result, False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            assert ping.delay().get(timeout=20) == "pong"
            _bunuh_koneksi(db)
            assert ping.delay().get(timeout=20) == "pong"
    finally:
        ping.ignore_result = ignore_before
        app.conf.update(previous)
        app._local.__dict__.pop("backend", None)
        connection.close()  # ours was killed too; the test's teardown opens a fresh one


def _redis_mulai_ulang(port: int = 6379) -> None:
    subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True, timeout=10)
    for _ in range(50):
        if not reachable(f"redis://127.0.0.1:{port}", port):
            break
        time.sleep(0.1)
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
        timeout=10,
    )
    for _ in range(50):
        if reachable(f"redis://127.0.0.1:{port}", port):
            return
        time.sleep(0.1)
    raise AssertionError("Redis tidak kembali")


def test_an_idle_worker_consumes_new_tasks_after_redis_restarts():
    from celery.contrib.testing.worker import start_worker

    from kesbangpol.celery import app
    from kesbangpol.tasks import ping

    broker = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL")
    if not broker:
        service_missing("CELERY_BROKER_URL/REDIS_URL tidak diatur")
    if not reachable(broker, 6379) or not shutil.which("redis-server"):
        service_missing(f"Redis lokal tidak dapat dihubungi/dijalankan di {broker}")
    previous = {
        k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager", "task_ignore_result")
    }
    app.conf.update(
        broker_url=broker, result_backend=broker, task_always_eager=False, task_ignore_result=False
    )
    app._local.__dict__.pop("backend", None)
    ignore_before, ping.ignore_result = ping.ignore_result, False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            assert ping.delay().get(timeout=20) == "pong"
            _redis_mulai_ulang()
            time.sleep(2)  # the worker notices the lost connection and reconnects on its own
            assert ping.delay().get(timeout=30) == "pong"
    finally:
        ping.ignore_result = ignore_before
        app.conf.update(previous)
        app._local.__dict__.pop("backend", None)
