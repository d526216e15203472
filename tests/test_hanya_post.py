"""State changes only by POST with a CSRF token: every URL of the URLconf, filled with ids of real
records, is fetched with GET by the people allowed to change them, and posted without a token, and
the stored data stays exactly as it was."""

import pytest
from django.apps import apps
from django.test import Client

from tests.test_kebocoran import PK_A, TANDA_A, UUID_A, _dasar, _rahasia, alamat

pytestmark = pytest.mark.django_db

# What a GET may write: the session, the audit trail (refused attempts are recorded), sign-in
# lockout bookkeeping, a visitor's unconfirmed two-factor device on the set-up page, and the
# periods of a quarter the matrix shows for the first time (with their history).
BOLEH_BERUBAH = {
    "sessions.session",
    "kesbangpol.audit",
    "otp_totp.totpdevice",
    "laporan.periode",
    "laporan.historicalperiode",
    "axes.accessattempt",
    "axes.accesslog",
}


def _keadaan() -> dict:
    """Every row of every model, as stored (values of all concrete fields)."""
    keadaan = {}
    for model in apps.get_models():
        if model._meta.label_lower in BOLEH_BERUBAH:
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        keadaan[model._meta.label_lower] = list(model.objects.order_by("pk").values_list(*fields))
    return keadaan


def test_get_changes_nothing_for_those_who_may_change_it(personas):
    _dasar()
    _rahasia("64", "64.01", PK_A, TANDA_A, UUID_A)
    client = Client()
    for persona in ("operator_paser", "staf_kaltim", "admin_kaltim", "admin_nasional"):
        client.force_login(personas[persona], backend="kesbangpol.backends.PenggunaBackend")
        client.get("/laporan/matriks/")  # the quarter's periods exist before the snapshot
        sebelum = _keadaan()
        for path in alamat(PK_A, "64.01", UUID_A):
            assert client.get(path).status_code < 500, (persona, path)
        sesudah = _keadaan()
        berubah = [label for label in sebelum if sebelum[label] != sesudah[label]]
        assert not berubah, (persona, berubah)


def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(personas):
    _dasar()
    _rahasia("64", "64.01", PK_A, TANDA_A, UUID_A)
    client = Client(enforce_csrf_checks=True)
    for persona in ("operator_paser", "staf_kaltim", "admin_nasional"):
        client.force_login(personas[persona], backend="kesbangpol.backends.PenggunaBackend")
        sebelum = _keadaan()
        for path in alamat(PK_A, "64.01", UUID_A):
            response = client.post(path, {"status": "selesai", "keputusan": "terima", "isi": "x"})
            assert response.status_code == 403, (persona, path, response.status_code)
        assert _keadaan() == sebelum, persona
    client.logout()
    for path in alamat(
        PK_A, "64.01", UUID_A
    ):  # anonymous: the login form and the public verification page too
        response = client.post(path, {"username": "staf_kaltim", "password": "x"})
        # The API answers an anonymous program 401 (no token), before anything else; its documentation
        # page (which only reads) sends a browser to sign in.
        if path == "/api/v1/dokumentasi/":
            assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
        else:
            assert response.status_code == (401 if path.startswith("/api/v1/") else 403), path
