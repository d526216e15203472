"""What a deployment relies on: production settings, compose file, migrations, real services."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection

from tests.conftest import IN_CI, reachable, service_missing

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_collectstatic_with_the_production_manifest_storage(tmp_path):
    """Vendored assets (Bootstrap, Leaflet) must resolve every url() and source map they name, or the
    image build fails."""
    result = manage(
        "collectstatic",
        "--noinput",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.kesbangpol.example.go.id",
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
    assert (tmp_path / "vendor" / "leaflet" / "leaflet.js").exists()


def test_deploy_check_is_clean_with_production_environment():
    env = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portal.kesbangpol.example.go.id",
    }
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", PORTAL_URL="https://portal.contoh.go.id", **env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # Without the public address, reminder links would point at 127.0.0.1: the check says so.
    tanpa = manage("check", "--deploy", "--fail-level", "WARNING", PORTAL_URL="", **env)
    assert tanpa.returncode != 0 and "kesbangpol.W001" in tanpa.stdout + tanpa.stderr


@pytest.mark.parametrize("key", ["", "pendek", "django-insecure-" + "x" * 60])
def test_production_refuses_an_insecure_secret_key(key):
    result = manage("check", DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY tidak aman" in result.stderr


def test_a_value_settings_cannot_read_fails_loudly():
    result = manage("check", DEBUG="mungkin")
    assert result.returncode != 0 and "DEBUG='mungkin' bukan nilai ya/tidak" in result.stderr


def test_seed_demo_is_refused_when_debug_is_off():
    result = manage("seed_demo", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="x")
    assert result.returncode != 0 and "seed_demo ditolak" in result.stderr


def test_compose_file_parses_and_names_every_promised_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "kesbangpol", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "kesbangpol", "beat"]
    assert services["web"]["environment"]["DATABASE_URL"].startswith("postgres://")
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("requirements.lock") >= 2
    assert "DEBUG=false" in dockerfile  # the server image is in production mode by default


def test_readme_names_the_two_commands_and_every_compose_service():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    for service in ("postgres", "redis", "web", "worker", "beat"):
        assert f"`{service}`" in readme


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_suite_runs_on_the_database_the_environment_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    if IN_CI and os.environ.get("KESBANGPOL_EXPECT_POSTGRES") == "1":
        assert connection.vendor == "postgresql"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_on_redis_runs_a_task():
    from celery.contrib.testing.worker import start_worker

    from kesbangpol.celery import app
    from kesbangpol.tasks import ping

    broker = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL")
    if not broker:
        service_missing("CELERY_BROKER_URL/REDIS_URL tidak diatur")
    if not reachable(broker, 6379):
        service_missing(f"Redis tidak dapat dihubungi di {broker}")
    keys = ("broker_url", "result_backend", "task_always_eager", "task_ignore_result")
    previous = {k: app.conf[k] for k in keys}
    app.conf.update(
        broker_url=broker, result_backend=broker, task_always_eager=False, task_ignore_result=False
    )
    # The app caches its result backend per thread on first use (any earlier task call made it the
    # disabled one): drop the cache so the Redis backend configured above is used, and again after.
    app._local.__dict__.pop("backend", None)
    # A task bound earlier in the session (any test calling a task) kept ignore_result from the
    # settings, and get() on an ignored result answers None at once: set it on the task too.
    ignore_before = ping.ignore_result
    ping.ignore_result = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            assert ping.delay().get(timeout=20) == "pong"
    finally:
        ping.ignore_result = ignore_before
        app.conf.update(previous)
        app._local.__dict__.pop("backend", None)


def test_production_cookies_use_the_host_prefix():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE)",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.kesbangpol.example.go.id",
    )
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["__Host-sesi", "__Host-csrftoken", "True"], result.stderr[-1000:]


def test_the_image_installs_the_runtime_set_and_developers_get_both():
    def pins(name):
        lines = (ROOT / name).read_text().splitlines()
        return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))

    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {"Django", "celery", "weasyprint", "gunicorn"} <= set(runtime)
    assert not {"pytest", "ruff", "playwright", "pytest-playwright", "time-machine"} & set(runtime)
    # The development set is the runtime set plus the tools, at the same versions.
    assert all(dev.get(name) == version for name, version in runtime.items())
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements-dev.lock" not in dockerfile
    assert "requirements-dev.lock" in (ROOT / "Makefile").read_text()


def test_gunicorn_as_deployed_sends_no_server_banner(tmp_path):
    import http.client
    import time

    from bench.data import port_bebas

    port = port_bebas()
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    env.update(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="127.0.0.1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kesbangpol.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/akun/masuk/")
                response = conn.getresponse()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn tidak menjawab dalam 30 detik")
        assert response.status in (200, 301, 302)
        assert response.getheader("Server") is None and response.getheader("Date")
    finally:
        proc.terminate()
        proc.wait(10)
