"""Walks every URL pattern in the URLconf as anonymous and as every persona: anonymous is sent to a
login page unless the view is public on purpose; nobody ever gets a 500."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Views that answer without a login, on purpose.
PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "admin:login",
    "admin:logout",
    "rakor:kalender_ics",  # the private token in the address is the credential
    "verifikasi",  # anyone holding a printed PDF may check it
}

SAMPLE = {
    "kode": "64.01",
    "app_label": "kesbangpol",
    "uidb64": "MQ",
    "token": "set-password",
    "identitas": "00000000-0000-4000-8000-000000000000",
}


def _fill(pattern: str) -> str:
    pattern = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE.get(m.group(1), "999999"), pattern)
    pattern = re.sub(
        r"\(\?P<(\w+)>([^)]*)\)",
        lambda m: SAMPLE.get(m.group(1), m.group(2).split("|")[0] if "|" in m.group(2) else "999999"),
        pattern,
    )
    pattern = re.sub(r"\([^)]*\)", "999999", pattern)
    return pattern.replace("^", "").replace("$", "").replace("\\", "")


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns and namespace and p.namespace:
                ns = f"{namespace}:{p.namespace}"
            yield from _walk(p.url_patterns, prefix + _fill(str(p.pattern)), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, "/" + prefix + _fill(str(p.pattern))


URLS = sorted(set(_walk(get_resolver().url_patterns)), key=lambda x: x[1])


def test_the_walk_covers_the_portal_and_the_admin():
    paths = [path for _, path in URLS]
    assert "/wilayah/64.01/" in paths and "/instansi/999999/ubah/" in paths
    assert any(p.startswith("/admin/kesbangpol/instansi/") for p in paths)
    assert len(URLS) > 40


@pytest.mark.parametrize(("name", "path"), URLS, ids=[p for _, p in URLS])
def test_anonymous_gets_a_login_page_unless_public(client, name, path):
    response = client.get(path)
    assert response.status_code < 500
    if name in PUBLIC:
        return
    if (name or "").startswith("api:") and name != "api:dokumentasi":
        # The API answers programs: 401 in JSON (a token or a session is missing), not a login page.
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer"), path
        return
    assert response.status_code == 302, path
    assert response["Location"].startswith(("/akun/masuk/?next=", "/admin/login/?next=")), path


def test_no_persona_ever_gets_a_server_error(client, personas):
    for persona, user in personas.items():
        client.force_login(user, backend="kesbangpol.backends.PenggunaBackend")
        for _name, path in URLS:
            if path in ("/akun/keluar/", "/admin/logout/"):
                continue
            response = client.get(path)
            assert response.status_code < 500, (persona, path, response.status_code)
            if response.status_code == 404:
                body = response.content.decode()
                assert "Traceback" not in body, (persona, path)
                assert path not in body, (persona, path)  # the 404 page never echoes what was asked
        client.logout()


def test_each_view_of_ours_is_named_after_its_url():
    """One idiom: a view is found by grepping its URL name (rakor's parts used to be dispatched from
    a string passed as an extra URL argument)."""
    for app in ("rakor", "rekomendasi", "laporan"):
        for p in get_resolver().url_patterns:
            if isinstance(p, URLResolver) and p.namespace == app:
                for q in p.url_patterns:
                    assert not q.default_args, f"{app}:{q.name} dispatches on {q.default_args}"


def _parameter_views():
    """Every query parameter a view of ours reads, from the source (a new one is walked too)."""
    import pathlib

    names = set()
    for app in ("kesbangpol", "rakor", "rekomendasi", "laporan"):
        for line in pathlib.Path(app, "views.py").read_text().splitlines():
            if "request.GET" in line:
                names |= set(re.findall(r'"(\w+)"', line))
    return sorted(names)


CRAFTED = [
    "9999-12", "0001-01", "2026-13", "0", "-1", "99999999999999999999", "abc", "' OR 1=1 --",
    "x" * 3000, "64.01",
]  # fmt: skip


def test_crafted_query_parameters_never_fail_and_a_get_writes_nothing(client, personas):
    """Out-of-range and malformed values for every parameter any view reads, on every page, as every
    persona: never a 500, and not one row written (audit entries and sessions aside)."""
    from django.apps import apps

    from kesbangpol.models import Audit

    params = _parameter_views()
    assert {"bulan", "tahun", "halaman", "status", "provinsi", "q"} <= set(params)
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"kesbangpol", "rakor", "rekomendasi", "laporan"} and m is not Audit
    ]

    def rows():
        return {m._meta.label: m._default_manager.count() for m in models}

    paths = [p for n, p in URLS if not n or not n.startswith("admin:")] + ["/admin/"]
    for persona in ("staf_kaltim", "operator_paser", "admin_nasional"):
        client.force_login(personas[persona], backend="kesbangpol.backends.PenggunaBackend")
        before = rows()  # after the sign-in, which writes the user's history
        for path in paths:
            if path in ("/akun/keluar/",):
                continue
            for i in range(len(CRAFTED)):
                # Each parameter meets every value, in different company.
                query = {p: CRAFTED[(i + j) % len(CRAFTED)] for j, p in enumerate(params)}
                response = client.get(path, query)
                assert response.status_code < 500, (persona, path, query, response.status_code)
        assert rows() == before, persona
        client.logout()
