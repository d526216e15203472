"""On a 390 px phone, on the demo data a newcomer sees after `make run`: no page a persona reaches
from the home page scrolls sideways (wide tables scroll inside their own box, long badges wrap, the
calendar becomes a list, lists marked ``tabel-susun`` stack each row with every column in view),
no link shown to them leads to a page they may not open, and every page passes axe-core's WCAG 2.1
A/AA and best-practice checks (text contrast, labels, names of links and buttons, table headers,
scrolling boxes a keyboard can reach) with every in-page reference (a "jump to" link, a label's
``for``, ``aria-describedby``) naming an element that is there. The walk follows links
breadth-first, one page per URL pattern; the fixture tests of each screen did not catch what the
demo's longer texts, fuller lists and other provinces pushed out. The provincial staff's pages are
walked at 1366 px too, where the calendar is a month grid and tables do not stack."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from kesbangpol.demo import DEMO_PASSWORD
from tests.browser.conftest import AXE
from tests.demo_jelajah import muat_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEBAR = 390
# Who reads on a phone, in each demo province: Kalteng's operator has an IKU register and nihil
# reports, Kalbar's attends a planning rakor and has the longest e-mail address.
PERSONA = ("pimpinan_kaltim", "operator_paser", "staf_kaltim", "operator_kapuas", "operator_pontianak")
# Downloads, sign-out and the Django admin (its own styles) are not pages to walk.
LEWATI = re.compile(
    r"^/(admin|akun/keluar)|^/api/(?!dokumentasi)|\.(pdf|xlsx|csv|ics|json)$|/(unduh|ekspor|templat|bukti)\b|format="
)
# What sticks out, for the failure message: elements past the right edge that are not inside a box
# that scrolls on its own.
MENONJOL = """(w) => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.right > w + 0.5 && r.width > 0 && !e.parentElement.closest('.table-responsive, pre');
}).slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 60)}`)"""

# In-page references that name no element: a "jump to" link to a section the page left out, a label or
# an aria-describedby whose target was not rendered (a help text the template dropped).
RUJUKAN = """() => {
  const hilang = new Set();
  const cek = (jenis, id) => { if (id && !document.getElementById(id)) hilang.add(`${jenis}=${id}`); };
  document.querySelectorAll('a[href^="#"]')
    .forEach(a => cek('href', decodeURIComponent(a.getAttribute('href').slice(1))));
  document.querySelectorAll('label[for]').forEach(l => cek('for', l.htmlFor));
  for (const atribut of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'form'])
    document.querySelectorAll(`[${atribut}]`)
      .forEach(e => e.getAttribute(atribut).split(/\\s+/).forEach(id => cek(atribut, id)));
  return [...hilang].slice(0, 5);
}"""

TABEL_GESER = """() => [...document.querySelectorAll('table.tabel-susun')]
  .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.scrollWidth)"""


def _pola(path: str) -> str:
    return re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "N", urlsplit(path).path)


def _aksesibilitas(page, axe: Axe, username: str, path: str) -> list[str]:
    """axe-core's violations on the page as shown, one line each, with the first element it names."""
    return [
        f"{username} {path}: axe {v['id']} ({v['impact']}, {len(v['nodes'])}×) {v['nodes'][0]['html'][:120]}"
        for v in axe.run(page, options=AXE).response["violations"]
    ]


def _jelajahi(page, base: str, username: str, lebar: int = LEBAR) -> tuple[int, list[str]]:
    axe = Axe()
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")
    antre, pola, dikunjungi, temuan = ["/"], set(), 0, []
    while antre:
        path = antre.pop(0)
        if _pola(path) in pola:
            continue
        pola.add(_pola(path))
        try:
            response = page.goto(base + path)
        except PlaywrightError as e:  # a link that turns out to be a download
            assert "Download is starting" in str(e), (path, e)
            continue
        if response.status != 200:  # a link shown to this user must lead somewhere they may go
            temuan.append(f"{username} {path}: HTTP {response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        dikunjungi += 1
        if (sw := page.evaluate("document.documentElement.scrollWidth")) > lebar:
            temuan.append(f"{username} {path}: {sw} px {page.evaluate(MENONJOL, lebar)}")
        # Lists stacked for a phone (.tabel-susun) show every column, none scrolled off.
        if geser := page.evaluate(TABEL_GESER):
            temuan.append(f"{username} {path}: tabel-susun scrolls sideways {geser}")
        if hilang := page.evaluate(RUJUKAN):
            temuan.append(f"{username} {path}: references to nothing {hilang}")
        temuan += _aksesibilitas(page, axe, username, path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            url = urljoin(base + path, href).split("#")[0]
            if url.startswith(base) and not LEWATI.search(rel := url[len(base) :] or "/"):
                antre.append(rel)
    return dikunjungi, temuan


@pytest.fixture
def demo(live_server):
    muat_demo()
    return live_server.url


def test_no_demo_page_on_a_phone_scrolls_sideways_leads_nowhere_or_fails_wcag(demo, page):
    page.set_viewport_size({"width": LEBAR, "height": 844})
    hasil = {u: _jelajahi(page, demo, u) for u in PERSONA}
    # The walk reaches the portal's screens (home, rakor, recommendations, reports, signals, documents…).
    assert {u: n >= 20 for u, (n, _) in hasil.items()} == dict.fromkeys(hasil, True), hasil
    assert [baris for _, temuan in hasil.values() for baris in temuan] == []


def test_the_provincial_staffs_demo_pages_at_1366_pass_wcag(demo, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    dikunjungi, temuan = _jelajahi(page, demo, "staf_kaltim", 1366)
    assert dikunjungi >= 50
    assert temuan == []
