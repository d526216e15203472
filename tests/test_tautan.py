"""On the demo data a newcomer sees after `make run`, every link a persona is shown opens for that
persona: no 404, no 403, no error, no trip to the sign-in page. Each persona's pages are walked
breadth-first from the home page, one page per view and set of query keys, and every distinct link on
them is opened, not only the first of its pattern (the phone walk in tests/browser/test_ponsel.py
opens one per pattern, in a browser). This found the national admin's signal that linked to an urgent
report the province had not escalated."""

import pytest

from tests.demo_jelajah import PERSONA, halaman, klien, muat_demo, tautan

pytestmark = pytest.mark.django_db


def test_every_link_a_demo_persona_is_shown_opens_for_them():
    muat_demo()
    temuan, jumlah = [], {}
    for username in PERSONA:
        client = klien(username)
        asal: dict[str, str] = {}  # link -> a page that shows it
        for url, body in halaman(client).items():
            for href in tautan(body):
                asal.setdefault(href, url)
        asal = {t: a for t, a in asal.items() if not t.startswith(("/akun/keluar/", "/static/"))}
        jumlah[username] = len(asal)
        for href, dari in sorted(asal.items()):
            response = client.get(href)
            ke_masuk = response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
            if response.status_code not in (200, 302) or ke_masuk:
                temuan.append(f"{username}: {href} ({response.status_code}), shown on {dari}")
    assert temuan == []
    # The walk reached each persona's work: the provincial staff see far more than an operator.
    assert min(jumlah.values()) > 50 and jumlah["staf_kaltim"] > 2 * jumlah["operator_paser"], jumlah
