"""The demo a newcomer sees after `make run`, and the pages a persona reaches from their home page
(tests/test_tautan.py, tests/test_formulir.py; tests/browser/test_ponsel.py loads the same demo)."""

import re
from io import StringIO
from urllib.parse import parse_qsl, urlsplit

from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from kesbangpol.models import User

# One of each role, in the three demo provinces, and the national admin.
PERSONA = (
    "staf_kaltim",
    "operator_paser",
    "pimpinan_kaltim",
    "admin_kaltim",
    "admin_nasional",
    "operator_kapuas",
    "staf_kalbar",
)
# Pages not walked (links to them are still opened): sign-out, the Django admin and the API have their
# own tests, and their pages link to everything the admin's own scope allows.
JANGAN_JELAJAHI = re.compile(r"^/(akun/keluar|admin/|api/|static/)")
HREF = re.compile(r'href="(/[^"#]*)')


def muat_demo() -> None:
    with override_settings(DEBUG=True):  # seed_demo refuses to run on a production setting
        call_command("seed_demo", "--quiet-logins", stdout=StringIO())


def klien(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username), backend="kesbangpol.backends.PenggunaBackend")
    return client


def halaman(client: Client) -> dict[str, str]:
    """The persona's pages, one per view and set of query keys, breadth-first from the home page:
    url -> HTML."""
    antre, dilihat, kunci, hasil = ["/"], set(), set(), {}
    while antre:
        url = antre.pop(0)
        if url in dilihat or JANGAN_JELAJAHI.search(url):
            continue
        dilihat.add(url)
        bagian = urlsplit(url)
        try:
            view = resolve(bagian.path).view_name
        except Resolver404:
            continue  # reported when its link is opened
        k = (view, tuple(sorted(nama for nama, _ in parse_qsl(bagian.query))))
        if k in kunci:
            continue
        kunci.add(k)
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            hasil[url] = body = response.content.decode()
            antre += tautan(body)
    return hasil


def tautan(body: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in HREF.findall(body)]
