import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kabkota_operator_signs_in_and_sees_their_landing_page(live_server, page, screenshot):
    factories.pengguna("operator_paser", "operator_kabkota", "64.01", nama_lengkap="Nur Aini")
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("operator_paser")
    page.get_by_label("Sandi").fill(factories.PASSWORD)
    screenshot("login")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Selamat datang, Nur Aini").is_visible()
    assert page.get_by_role("heading", name="Yang perlu Anda kerjakan").is_visible()
    screenshot("beranda-operator")
    page.get_by_role("link", name="Badan Kesatuan Bangsa dan Politik Kabupaten Paser").first.click()
    assert page.get_by_role("heading", name="Badan Kesatuan Bangsa dan Politik Kabupaten Paser").is_visible()
    assert page.get_by_text("Penajam").count() == 0


def test_wrong_password_is_explained_in_indonesian(live_server, page):
    factories.pengguna("operator_ppu", "operator_kabkota", "64.09")
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("operator_ppu")
    page.get_by_label("Sandi").fill("salah-sandi")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_text("Nama pengguna atau sandi salah.").is_visible()
