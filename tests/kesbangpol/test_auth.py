"""Sign-in, lockout, password reset and session limits, through the HTTP interface."""

import re

import pytest
import time_machine
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


# The timer's script tag (templates/_sesi.html): the least time a page's request leaves (the idle half
# hour less the minute the activity stamp may lag), the same on every page.
TIMER = 'data-sesi-sisa="1740" data-sesi-url="/akun/sesi/" data-masuk-url="/akun/masuk/"'


def masuk(client, username, password=factories.PASSWORD, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_public_and_indonesian(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Masuk ke portal" in body and "Lupa kata sandi?" in body and 'lang="id"' in body


def test_operator_signs_in_and_lands_on_their_page(client, operator_paser):
    response = masuk(client, "operator_paser")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Kabupaten Paser" in client.get("/").content.decode()


def test_wrong_password_shows_an_indonesian_message(client, operator_paser):
    response = masuk(client, "operator_paser", "salah")
    assert response.status_code == 200
    assert "Nama pengguna atau sandi salah." in response.content.decode()


def test_lockout_after_five_failures_is_per_username_and_address(client, operator_paser, operator_ppu):
    for _ in range(5):
        masuk(client, "operator_paser", "salah", ip="10.1.1.1")
    locked = masuk(client, "operator_paser", ip="10.1.1.1")
    assert locked.status_code == 429
    assert "Akun dikunci sementara" in locked.content.decode()
    # A colleague behind the same office NAT address still signs in...
    assert masuk(client, "operator_ppu", ip="10.1.1.1").status_code == 302
    client.logout()
    # ...and the locked user can still sign in from another address.
    assert masuk(client, "operator_paser", ip="10.9.9.9").status_code == 302


def test_lockout_ends_after_the_cool_off(client, operator_paser):
    with time_machine.travel("2026-11-22 08:00 +0700", tick=False) as traveller:
        for _ in range(5):
            masuk(client, "operator_paser", "salah")
        assert masuk(client, "operator_paser").status_code == 429
        traveller.shift(31 * 60)
        assert masuk(client, "operator_paser").status_code == 302


def test_guessing_spread_over_addresses_locks_the_username_for_a_while(client, operator_paser, operator_ppu):
    with time_machine.travel("2026-11-22 08:00 +0700", tick=False) as traveller:
        # Ten wrong passwords from three addresses: each under the per-address limit of 5.
        for ip, kali in (("10.1.1.1", 4), ("10.2.2.2", 3), ("10.3.3.3", 3)):
            for _ in range(kali):
                assert masuk(client, "operator_paser", "salah", ip=ip).status_code == 200
        # The right password from a fourth address is refused and says why and what to do.
        locked = masuk(client, "operator_paser", ip="10.4.4.4")
        assert locked.status_code == 429 and "_auth_user_id" not in client.session
        body = locked.content.decode()
        assert "dari berbagai alamat" in body and "15 menit" in body and "lupa kata sandi" in body
        # A colleague is not affected.
        assert masuk(client, "operator_ppu", ip="10.4.4.4").status_code == 302
        client.logout()
        # The lock lasts as long as the guessing: 15 minutes after the last failure it is gone.
        traveller.shift(14 * 60)
        assert masuk(client, "operator_paser", ip="10.5.5.5").status_code == 429
        traveller.shift(16 * 60)
        assert masuk(client, "operator_paser", ip="10.5.5.5").status_code == 302


def test_failures_before_a_successful_sign_in_do_not_count_towards_the_lock(client, operator_paser):
    with time_machine.travel("2026-11-22 08:00 +0700", tick=False) as traveller:
        for ip in ("10.1.1.1", "10.2.2.2"):
            for _ in range(4):
                masuk(client, "operator_paser", "salah", ip=ip)
        traveller.shift(60)
        assert masuk(client, "operator_paser", ip="10.3.3.3").status_code == 302
        client.logout()
        traveller.shift(60)
        for _ in range(4):
            masuk(client, "operator_paser", "salah", ip="10.6.6.6")
        assert masuk(client, "operator_paser", ip="10.3.3.3").status_code == 302


def test_logout_needs_post_and_ends_the_session(login, operator_paser):
    client = login(operator_paser)
    assert client.get("/akun/keluar/").status_code == 405
    assert client.post("/akun/keluar/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_mails_an_indonesian_link_that_works(
    client, operator_paser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/sandi/reset/", {"email": "operator_paser@uji.localhost"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "kata sandi baru" in message.body and message.to == ["operator_paser@uji.localhost"]
    link = re.search(r"https?://[^/]+(/akun/sandi/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "SandiBaru#2026xx", "new_password2": "SandiBaru#2026xx"}
    )
    assert done.status_code == 302
    operator_paser.refresh_from_db()
    assert operator_paser.check_password("SandiBaru#2026xx")


def test_password_reset_does_not_reveal_whether_an_address_exists(
    client, operator_paser, django_capture_on_commit_callbacks
):
    """Known and unknown addresses take the same path in the request: the same answer, the same
    queries, no mail sent; the lookup and the mail come after, in a task."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    jejak = {}
    for email in ("operator_paser@uji.localhost", "tidak.ada@uji.localhost"):
        with (
            django_capture_on_commit_callbacks() as tugas,
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.post("/akun/sandi/reset/", {"email": email})
        assert response.status_code == 302 and response["Location"] == "/akun/sandi/reset/terkirim/"
        assert mail.outbox == [] and len(tugas) == 1
        jejak[email] = ([q["sql"] for q in queries.captured_queries], tugas)
    (sql_ada, tugas_ada), (sql_tidak, tugas_tidak) = jejak.values()
    assert sql_ada == sql_tidak
    tugas_tidak[0]()
    assert mail.outbox == []
    tugas_ada[0]()
    assert [m.to for m in mail.outbox] == [["operator_paser@uji.localhost"]]


def test_password_change_enforces_validators_in_indonesian(login, operator_paser):
    client = login(operator_paser)
    response = client.post(
        "/akun/sandi/ubah/",
        {"old_password": factories.PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "terlalu pendek" in body and "seluruhnya terdiri dari angka" in body


def test_session_ends_twelve_hours_after_sign_in_however_active(client, operator_paser):
    with time_machine.travel("2026-11-22 07:00 +0700", tick=False) as traveller:
        masuk(client, "operator_paser")
        for _ in range(26):  # a request every 29 minutes keeps the idle timer happy
            traveller.shift(29 * 60)
            if client.get("/").status_code != 200:
                break
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_thirty_idle_minutes_end_the_session_and_the_session_row_is_written_once_a_minute(
    client, operator_paser, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert settings.SESSION_IDLE_SECONDS == 30 * 60 and not settings.SESSION_SAVE_EVERY_REQUEST

    def tulis_sesi():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/akun/").status_code == 200
        return sum("django_session" in q["sql"] and not q["sql"].startswith("SELECT") for q in ctx)

    with time_machine.travel("2026-11-22 07:00 +0700", tick=False) as traveller:
        masuk(client, "operator_paser")
        traveller.shift(5)
        assert tulis_sesi() == 0  # within the minute: no session write
        traveller.shift(61)
        assert tulis_sesi() == 1  # the idle stamp moves on, once
        assert tulis_sesi() == 0
        traveller.shift(29 * 60 + 50)  # 29 min 50 s idle: still signed in
        assert client.get("/").status_code == 200
        traveller.shift(30 * 60 + 1)  # 30 min 1 s idle: signed out
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_page_and_its_timer_know_how_long_the_session_has_left(client, operator_paser):
    """What static/js/sesi.js counts down from: the page's least time left, then the exact answer of
    /akun/sesi/, which as any request counts as activity."""
    assert "data-sesi-sisa" not in client.get(LOGIN).content.decode()
    assert client.get("/akun/sesi/")["Location"].startswith(LOGIN + "?next=/akun/sesi/")
    with time_machine.travel("2026-11-22 07:00 +0700", tick=False) as traveller:
        masuk(client, "operator_paser")
        body = client.get("/akun/").content.decode()
        # At least the idle half hour less the minute the activity stamp may lag: the same on every page.
        assert TIMER in body
        traveller.shift(20 * 60)
        assert client.get("/akun/sesi/").json() == {"sisa_detik": 1800, "dapat_diperpanjang": True}
        traveller.shift(30)  # within the minute the idle stamp is not rewritten
        assert client.get("/akun/sesi/").json() == {"sisa_detik": 1770, "dapat_diperpanjang": True}
        # Near the 12-hour limit (11 h 56.5 min after sign-in), activity no longer extends the session.
        for _ in range(24):
            traveller.shift(29 * 60)
            assert client.get("/akun/sesi/").status_code == 200
        assert client.get("/akun/sesi/").json() == {"sisa_detik": 210, "dapat_diperpanjang": False}
        traveller.shift(4 * 60)
        response = client.get("/akun/sesi/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.post("/akun/sesi/").status_code == 302  # signed out: to the sign-in page first


def test_the_django_admin_has_the_same_session_timer(client, login, admin_kaltim):
    """An admin typing in a long admin form is warned too: the admin's pages carry the timer, in the
    admin's own colours (it has no Bootstrap)."""
    assert "sesi.js" not in client.get("/admin/login/").content.decode()
    admin = login(admin_kaltim)
    for url in ("/admin/", "/admin/kesbangpol/instansi/", "/admin/kesbangpol/instansi/add/"):
        body = admin.get(url).content.decode()
        assert TIMER in body and "/css/admin.css" in body, url


def test_inactive_office_cannot_sign_in(client, operator_paser):
    operator_paser.instansi.aktif = False
    operator_paser.instansi.save()
    assert masuk(client, "operator_paser").status_code == 200


def test_every_page_has_a_csp_without_inline_scripts_and_signed_in_pages_are_not_cached(
    client, login, staf_kaltim
):
    anonymous = client.get("/akun/masuk/")
    csp = anonymous["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src-attr")[0]
    assert "frame-ancestors 'none'" in csp
    page = login(staf_kaltim).get("/rakor/")
    assert "no-store" in page["Cache-Control"] and page["Content-Security-Policy"] == csp
    export = login(staf_kaltim).get("/rakor/ekspor.xlsx")
    assert "no-store" in export["Cache-Control"]


def test_changing_the_password_ends_the_other_sessions(client, staf_kaltim):
    from django.test import Client

    from tests import factories

    other = Client()
    other.force_login(staf_kaltim, backend="kesbangpol.backends.PenggunaBackend")
    client.force_login(staf_kaltim, backend="kesbangpol.backends.PenggunaBackend")
    response = client.post(
        "/akun/sandi/ubah/",
        {
            "old_password": factories.PASSWORD,
            "new_password1": "Sandi-baru-yang-panjang-9",
            "new_password2": "Sandi-baru-yang-panjang-9",
        },
    )
    assert response.status_code == 302
    assert client.get("/rakor/").status_code == 200  # this session continues
    assert other.get("/rakor/").status_code == 302  # the other one is signed out


def test_disabling_an_account_ends_its_session(login, staf_kaltim):
    client = login(staf_kaltim)
    assert client.get("/rakor/").status_code == 200
    staf_kaltim.is_active = False
    staf_kaltim.save()
    assert client.get("/rakor/").status_code == 302


def test_a_form_sent_after_thirty_idle_minutes_is_not_saved_and_leads_back_to_its_form(
    client, operator_paser
):
    with time_machine.travel("2026-11-22 07:00 +0700", tick=False) as traveller:
        masuk(client, "operator_paser")
        traveller.shift(30 * 60 + 1)  # the portal's idle rule (the session row lives a minute longer)
        response = client.post(
            "/notifikasi/pengaturan/",
            {"laporan_diperiksa": "portal"},
            HTTP_REFERER="http://testserver/notifikasi/pengaturan/",
        )
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next=/notifikasi/pengaturan/"
        body = client.get(response["Location"]).content.decode()
    assert "Sesi Anda telah berakhir. Isian yang baru Anda kirim tidak tersimpan." in body
    from kesbangpol.models import PreferensiKabar

    assert not PreferensiKabar.objects.filter(pengguna=operator_paser).exists()
