"""Two-factor sign-in (TOTP) for admins and provincial staff: set-up, codes used once, and no way
around it through a password reset."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kesbangpol import dates

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_wajib")]


@pytest.fixture
def _wajib():
    with override_settings(DUA_FAKTOR_WAJIB=True):
        yield


def _kode(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def test_staff_set_up_the_second_factor_then_reach_their_pages(login, staf_kaltim):
    client = login(staf_kaltim)
    response = client.get("/rakor/")
    assert response.status_code == 302 and response["Location"] == "/akun/dua-faktor/?next=%2Frakor%2F"
    setup = client.get(response["Location"], follow=True)
    assert "Siapkan verifikasi dua langkah" in setup.content.decode() and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=staf_kaltim)
    assert not device.confirmed
    assert client.post("/akun/dua-faktor/siapkan/", {"kode": "000000", "next": "/rakor/"}).status_code == 200
    # A wrong code throttles the device for a second (django-otp); the user would simply retry.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    response = client.post("/akun/dua-faktor/siapkan/", {"kode": _kode(device), "next": "/rakor/"})
    assert response["Location"] == "/rakor/"
    assert client.get("/rakor/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_code_cannot_be_used_twice(login, staf_kaltim, client):
    device = TOTPDevice.objects.create(user=staf_kaltim, name="hp", confirmed=True)
    kode = _kode(device)
    first = login(staf_kaltim)
    assert first.post("/akun/dua-faktor/", {"kode": kode})["Location"] == "/"
    first.logout()
    second = login(staf_kaltim)
    body = second.post("/akun/dua-faktor/", {"kode": kode}).content.decode()
    assert "sudah pernah dipakai" in body
    assert second.get("/rakor/").status_code == 302


def test_operators_and_pimpinan_are_not_asked(login, operator_paser, pimpinan_kaltim):
    assert login(operator_paser).get("/rakor/").status_code == 200
    assert login(pimpinan_kaltim).get("/rakor/").status_code == 200


def test_the_admin_is_behind_the_second_factor_too(login, admin_kaltim):
    response = login(admin_kaltim).get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/dua-faktor/")


def test_a_password_reset_does_not_skip_the_second_factor(
    client, staf_kaltim, django_capture_on_commit_callbacks
):
    TOTPDevice.objects.create(user=staf_kaltim, name="hp", confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/akun/sandi/reset/", {"email": staf_kaltim.email})
    link = re.search(r"/akun/sandi/reset/\S+/\S+/", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    baru = "Sandi-baru-yang-panjang-9"
    done = client.post(form.request["PATH_INFO"], {"new_password1": baru, "new_password2": baru}, follow=True)
    assert "sandi" in done.content.decode().lower()
    assert client.get("/rakor/").status_code == 302  # the reset signed nobody in
    client.post("/akun/masuk/", {"username": "staf_kaltim", "password": baru})
    response = client.get("/rakor/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/dua-faktor/")


def test_admins_see_and_reset_only_their_province_devices(login, admin_kaltim, staf_kaltim, staf_kalbar):
    TOTPDevice.objects.create(user=staf_kaltim, name="hp kaltim", confirmed=True)
    TOTPDevice.objects.create(user=staf_kalbar, name="hp kalbar", confirmed=True)
    own = TOTPDevice.objects.create(user=admin_kaltim, name="hp admin", confirmed=True)
    client = login(admin_kaltim)
    client.post("/akun/dua-faktor/", {"kode": _kode(own)})
    body = client.get("/admin/otp_totp/totpdevice/").content.decode()
    assert "hp kaltim" in body and "hp kalbar" not in body
    assert "key" not in body.lower().split("<table")[-1]  # the secret is never shown


def test_a_lost_phone_names_who_can_reset_it(login, staf_kaltim, admin_kaltim, staf_kalbar, admin_nasional):
    from kesbangpol.models import User
    from tests import factories

    factories.pengguna("admin_kalbar_lama", User.Peran.ADMIN_PROVINSI, "61", is_active=False)
    device = TOTPDevice.objects.create(user=staf_kaltim, name="Aplikasi autentikator", confirmed=True)
    client = login(staf_kaltim)
    # Signed in but not past the code: the province's admins by name, without their addresses.
    kode = client.get("/akun/dua-faktor/").content.decode()
    assert "Hubungi admin Kesbangpol provinsi (Admin Kaltim) untuk menghapus perangkat lama" in kode
    assert "admin_kaltim@" not in kode and "Admin Nasional" not in kode
    client.post("/akun/dua-faktor/", {"kode": _kode(device)})
    profil = client.get("/akun/").content.decode()
    assert f"Aktif: Aplikasi autentikator, disiapkan {dates.tanggal(device.created_at)}." in profil
    assert "Ponsel hilang atau diganti? Minta admin Kesbangpol provinsi menghapus perangkat ini" in profil
    # Kalbar's only admin has left: its staff are sent to the national admins; an admin never to
    # themselves.
    TOTPDevice.objects.create(user=staf_kalbar, name="hp", confirmed=True)
    kode = login(staf_kalbar).get("/akun/dua-faktor/").content.decode()
    assert "Hubungi admin nasional (Admin Nasional)" in kode and "Admin Kalbar Lama" not in kode
    TOTPDevice.objects.create(user=admin_kaltim, name="hp", confirmed=True)
    kode = login(admin_kaltim).get("/akun/dua-faktor/").content.decode()
    assert "Hubungi admin nasional (Admin Nasional)" in kode


def test_who_needs_no_second_factor_sees_no_device_on_their_profile(login, operator_paser, pimpinan_kaltim):
    for user in (operator_paser, pimpinan_kaltim):
        profil = login(user).get("/akun/").content.decode()
        assert "Ubah kata sandi" in profil and "Verifikasi dua langkah" not in profil
