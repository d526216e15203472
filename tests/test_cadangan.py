"""The documented backup and restore (README, "Cadangan dan pemulihan") works: a dump of the
database restores into a scratch database with the same row counts."""

import os
import shutil
import subprocess

import psycopg
import pytest
from django.db import connection

from kesbangpol.models import Audit, Instansi, User, Wilayah
from laporan.models import LaporanTriwulan, PotensiKonflik
from tests import factories
from tests.conftest import perlu_postgresql

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_a_dump_restores_into_a_scratch_database_with_the_same_row_counts(tmp_path, staf_kaltim):
    perlu_postgresql("cadangan pg_dump/pg_restore hanya untuk PostgreSQL (run SQLite memakai salinan berkas)")
    if not shutil.which("pg_dump"):
        pytest.fail("pg_dump tidak terpasang (apt-get install -y postgresql-client)")
    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan, "Sengketa lahan")
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    base = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    dump = tmp_path / "kesbangpol.dump"
    subprocess.run(["pg_dump", *base, "-Fc", "-f", str(dump), db["NAME"]], check=True, env=env, timeout=120)
    scratch = f"pulih_{os.getpid()}"
    admin_dsn = f"host={base[1]} port={base[3]} user={base[5]} dbname=postgres"
    with psycopg.connect(admin_dsn, autocommit=True, password=db.get("PASSWORD") or None) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        c.execute(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(
            ["pg_restore", *base, "--no-owner", "-d", scratch, str(dump)], check=True, env=env, timeout=120
        )
        tables = [Wilayah, Instansi, User, LaporanTriwulan, PotensiKonflik, Audit]
        expected = {m._meta.db_table: m.objects.count() for m in tables}
        with psycopg.connect(
            f"host={base[1]} port={base[3]} user={base[5]} dbname={scratch}",
            password=db.get("PASSWORD") or None,
        ) as c:
            restored = {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in expected}
        assert restored == expected
        assert expected["laporan_potensikonflik"] == 1 and expected["kesbangpol_wilayah"] == 552
    finally:
        with psycopg.connect(admin_dsn, autocommit=True, password=db.get("PASSWORD") or None) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
