"""Bad input never crashes a page and is answered in Indonesian (PRODUCT.md §5), for every form a demo
persona is shown: each POST form on the pages of the link walk (tests/demo_jelajah.py) is sent three
ways, as a person might: empty, as shown (its defaults), and with junk in every field (3,000
characters with markup and quotes, a word in a number, 30 February, an unknown choice). No answer may
be a server error, and no answer may carry Django's English validation messages. The fixture tests of
each form check its own messages and that nothing is half-saved; this one reaches the forms they did
not think of, on the demo's data."""

import re
from html.parser import HTMLParser

import pytest

from tests.demo_jelajah import halaman, klien, muat_demo

pytestmark = pytest.mark.django_db

# Each role once: the forms differ by role more than by province.
PERSONA = ("staf_kaltim", "operator_paser", "pimpinan_kaltim", "admin_kaltim", "admin_nasional")
TEKS_SAMPAH = "x" * 3000 + "<script>alert('1')</script>\"'"
SAMPAH = {"number": "abc", "date": "2026-02-30", "time": "25:99", "datetime-local": "kemarin", "email": "a@"}
# Django's own English messages, should a form or field be left untranslated.
INGGRIS = re.compile(
    r"Enter a valid|This field is required|Ensure this value|Select a valid choice|is not a valid|"
    r"Upload a valid|The submitted file|No file was submitted|Invalid (date|time|value)"
)


class Formulir(HTMLParser):
    """The POST forms of a page: action and fields (``form=`` attributes included)."""

    def __init__(self):
        super().__init__()
        self.daftar, self._kini, self._pilihan = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._kini = {
                "id": a.get("id"),
                "action": a.get("action") or "",
                "post": (a.get("method") or "").lower() == "post",
                "isian": [],
            }
            self.daftar.append(self._kini)
        elif tag in ("input", "select", "textarea"):
            induk = next((f for f in self.daftar if a.get("form") and f["id"] == a["form"]), self._kini)
            isian = {"tag": tag, **a, "pilihan": []}
            if induk is not None:
                induk["isian"].append(isian)
            self._pilihan = isian if tag == "select" else None
        elif tag == "option" and self._pilihan is not None:
            self._pilihan["pilihan"].append(a)

    def handle_endtag(self, tag):
        if tag == "form":
            self._kini = None


def _data(form, cara: str) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for f in form["isian"]:
        nama, jenis = f.get("name"), f.get("type", "text")
        if not nama or jenis in ("submit", "button", "file", "image", "reset"):
            continue
        if jenis == "hidden":
            nilai = [f.get("value", "")]
        elif cara == "kosong":
            continue
        elif f["tag"] == "select":
            dipilih = [o for o in f["pilihan"] if "selected" in o] or f["pilihan"][:1]
            nilai = ["999999"] if cara == "sampah" else [o.get("value", "") for o in dipilih]
        elif jenis in ("checkbox", "radio"):
            nilai = [f.get("value", "on")] if "checked" in f else []
        elif cara == "sampah":
            nilai = [SAMPAH.get(jenis, TEKS_SAMPAH)]
        else:
            nilai = [f.get("value", "")]
        data.setdefault(nama, []).extend(nilai)
    return data


def test_every_demo_form_survives_empty_default_and_junk_input_in_indonesian():
    muat_demo()
    temuan, jumlah = [], 0
    for username in PERSONA:
        client = klien(username)
        formulir = {}
        for url, body in halaman(client).items():
            pengurai = Formulir()
            pengurai.feed(body)
            for form in pengurai.daftar:
                action = form["action"] or url
                # Deletions would empty the walk's later pages; sign-out ends the session.
                if form["post"] and not re.search(r"hapus|keluar", action + url):
                    formulir.setdefault(action, form)
        for action, form in formulir.items():
            for cara in ("kosong", "bawaan", "sampah"):
                jumlah += 1
                try:
                    response = client.post(action, _data(form, cara), follow=True)
                except Exception as e:  # every failure is listed, not only the first
                    temuan.append(f"{username} {cara} {action}: {e!r}"[:300])
                    continue
                teks = re.sub(r"<[^>]+>", " ", response.content.decode(errors="replace"))
                if response.status_code >= 500 or (inggris := INGGRIS.search(teks)):
                    temuan.append(f"{username} {cara} {action}: {response.status_code} {inggris}")
    assert temuan == []
    assert jumlah > 300  # the walk reached the forms (about 170 in the demo, three ways each)
