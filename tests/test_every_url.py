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
