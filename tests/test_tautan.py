"""On the demo data a newcomer sees after `make run`, every link a persona is shown opens for that
persona: no 404, no 403, no error, no trip to the sign-in page. Each persona's pages are walked
breadth-first from the home page, one page per view and set of query keys, and every distinct link on
them is opened, not only the first of its pattern (the phone walk in tests/browser/test_ponsel.py
opens one per pattern, in a browser). This found the national admin's signal that linked to an urgent
report the province had not escalated."""

import re
from io import StringIO
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from kesbangpol.models import User

pytestmark = pytest.mark.django_db

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
# Pages not walked (their links are still opened): sign-out, the Django admin and the API have their
# own tests, and their pages link to everything the admin's own scope allows.
JANGAN_JELAJAHI = re.compile(r"^/(akun/keluar|admin/|api/|static/)")
HREF = re.compile(r'href="(/[^"#]*)')


def _halaman(client: Client) -> dict[str, str]:
    """The persona's pages, one per view and set of query keys, from the home page: url -> HTML."""
    antre, dilihat, kunci, halaman = ["/"], set(), set(), {}
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
            halaman[url] = body = response.content.decode()
            antre += [h.replace("&amp;", "&") for h in HREF.findall(body)]
    return halaman


def test_every_link_a_demo_persona_is_shown_opens_for_them():
    with override_settings(DEBUG=True):  # seed_demo refuses to run on a production setting
        call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    temuan, jumlah = [], {}
    for username in PERSONA:
        client = Client()
        client.force_login(User.objects.get(username=username), backend="kesbangpol.backends.PenggunaBackend")
        tautan: dict[str, str] = {}  # link -> a page that shows it
        for url, body in _halaman(client).items():
            for href in HREF.findall(body):
                tautan.setdefault(href.replace("&amp;", "&"), url)
        tautan = {t: asal for t, asal in tautan.items() if not t.startswith(("/akun/keluar/", "/static/"))}
        jumlah[username] = len(tautan)
        for href, asal in sorted(tautan.items()):
            response = client.get(href)
            ke_masuk = response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
            if response.status_code not in (200, 302) or ke_masuk:
                temuan.append(f"{username}: {href} ({response.status_code}), shown on {asal}")
    assert temuan == []
    # The walk reached each persona's work: the provincial staff see far more than an operator.
    assert min(jumlah.values()) > 50 and jumlah["staf_kaltim"] > 2 * jumlah["operator_paser"], jumlah
