"""The read-only API (``/api/v1/``): personal access tokens made and revoked on the account page, 401
for a missing, unknown, expired or revoked token, 403 for any write and for a part of the data the
token was not given, the same scope and *rahasia* rule as the pages, filters that match the pages',
cursor pagination with a query count flat in the page size, a per-token rate limit, and every call
in the audit trail."""

import datetime
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kesbangpol.api import dasar
from kesbangpol.models import Audit, IzinRahasia, TokenAkses, Wilayah
from kesbangpol.models.token import sidik
from laporan.models import KejadianKonflik, LaporanSegera
from rekomendasi.models import Penugasan
from tests import factories

pytestmark = pytest.mark.django_db
SEMUA = TokenAkses.Cakupan.values


def _token(user, cakupan=SEMUA, **kwargs) -> str:
    token, rahasia = TokenAkses.buat(user, kwargs.pop("nama", "uji"), kwargs.pop("hari", 30), cakupan)
    if kwargs:
        TokenAkses.objects.filter(pk=token.pk).update(**kwargs)
    return rahasia


def _get(client, url, rahasia, **kwargs):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {rahasia}", **kwargs)


def _json(response):
    return json.loads(response.content)


def _semua(client, url, rahasia) -> list[dict]:
    """Every row of a list endpoint, following the cursor."""
    rows = []
    while url:
        data = _json(_get(client, url, rahasia))
        rows += data["results"]
        url = data["next"]
    return rows


# --- Tokens on the account page --------------------------------------------------------------------


def test_a_token_is_shown_once_stored_hashed_listed_and_audited(login, staf_kaltim):
    client = login(staf_kaltim)
    page = client.get(reverse("kesbangpol:token"))
    assert page.status_code == 200 and "Belum ada token" in page.content.decode()
    response = client.post(
        reverse("kesbangpol:token"), {"nama": "Dasbor Bappeda", "masa_berlaku": "90", "cakupan": ["laporan"]}
    )
    teks = response.content.decode()
    assert response.status_code == 200 and "tidak akan ditampilkan lagi" in teks
    token = TokenAkses.objects.get()
    rahasia = response.context["token_baru"]
    assert rahasia.startswith("kbp_") and rahasia in teks and "curl -H" in teks
    assert token.sidik == sidik(rahasia) and rahasia not in json.dumps(
        list(TokenAkses.objects.values()), default=str
    )
    assert token.cakupan == ["laporan"] and token.pengguna == staf_kaltim
    assert (token.kedaluwarsa - timezone.now()).days in (89, 90)
    again = client.get(reverse("kesbangpol:token")).content.decode()
    assert (
        rahasia not in again
        and "Dasbor Bappeda" in again
        and token.awalan in again
        and "Belum pernah" in again
    )
    # On a phone the row stacks: validity and state stay in view, each named.
    assert '<td class="small sebaris" data-label="Berlaku sampai">' in again
    berlaku = '<span class="badge text-bg-success">Berlaku</span>'
    assert f'<td class="sebaris" data-label="Keadaan">{berlaku}' in again
    assert Audit.objects.filter(
        aksi="token_api_buat", objek=f"tokenakses:{token.pk}", pengguna=staf_kaltim
    ).exists()
    _get(client, "/api/v1/laporan/", rahasia)
    client.force_login(staf_kaltim, backend="kesbangpol.backends.PenggunaBackend")
    assert "Belum pernah" not in client.get(reverse("kesbangpol:token")).content.decode()


def test_bad_token_input_says_why_in_indonesian_and_saves_nothing(login, operator_paser):
    client = login(operator_paser)
    response = client.post(reverse("kesbangpol:token"), {"nama": "", "masa_berlaku": "7"})
    teks = response.content.decode()
    assert response.status_code == 400 and not TokenAkses.objects.exists()
    assert "Data yang boleh dibaca: Pilih sekurang-kurangnya satu bagian data." in teks
    assert "Nama token wajib diisi." in teks and "Masukkan pilihan yang valid" in teks
    for i in range(TokenAkses.BATAS_PER_PENGGUNA):
        _token(operator_paser, nama=f"t{i}")
    response = client.post(
        reverse("kesbangpol:token"), {"nama": "satu lagi", "masa_berlaku": "30", "cakupan": SEMUA}
    )
    assert response.status_code == 400 and "Cabut token yang tidak dipakai lagi" in response.content.decode()
    assert TokenAkses.objects.count() == TokenAkses.BATAS_PER_PENGGUNA


def test_only_the_owner_revokes_a_token_and_then_it_gets_401(client, login, staf_kaltim, staf_kalbar):
    rahasia = _token(staf_kaltim)
    token = TokenAkses.objects.get()
    assert _get(client, "/api/v1/wilayah/", rahasia).status_code == 200
    orang_lain = login(staf_kalbar)
    assert orang_lain.post(reverse("kesbangpol:token_cabut", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.dicabut_pada is None
    pemilik = login(staf_kaltim)
    response = pemilik.post(reverse("kesbangpol:token_cabut", args=[token.pk]), follow=True)
    assert "dicabut" in response.content.decode() and "Dicabut" in response.content.decode()
    assert Audit.objects.filter(aksi="token_api_cabut", pengguna=staf_kaltim).exists()
    pemilik.logout()
    response = _get(client, "/api/v1/wilayah/", rahasia)
    assert response.status_code == 401 and "dicabut" in _json(response)["detail"]


def test_the_account_page_needs_a_login_and_a_user_without_an_office_gets_no_token(
    client, login, tanpa_instansi
):
    response = client.get(reverse("kesbangpol:token"))
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    client = login(tanpa_instansi)
    assert "Buat token baru" not in client.get(reverse("kesbangpol:token")).content.decode()
    response = client.post(reverse("kesbangpol:token"), {"nama": "x", "masa_berlaku": "30", "cakupan": SEMUA})
    assert response.status_code == 403 and not TokenAkses.objects.exists()


# --- Authentication and the read-only rule -----------------------------------------------------------


def test_missing_unknown_expired_revoked_or_deactivated_tokens_get_401_and_are_audited(client, staf_kaltim):
    assert client.get("/api/v1/laporan/").status_code == 401
    lalu = timezone.now() - datetime.timedelta(seconds=1)
    cases = {
        "kbp_tidak-dikenal": None,
        _token(staf_kaltim, kedaluwarsa=lalu): "kedaluwarsa",
        _token(staf_kaltim, dicabut_pada=lalu): "dicabut",
    }
    for rahasia in cases:
        response = _get(client, "/api/v1/laporan/", rahasia)
        assert response.status_code == 401, rahasia
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
        assert _json(response)["detail"] == "Token tidak dikenal, sudah kedaluwarsa atau sudah dicabut."
    rahasia = _token(staf_kaltim)
    assert _get(client, "/api/v1/laporan/", rahasia).status_code == 200
    staf_kaltim.is_active = False
    staf_kaltim.save()
    assert _get(client, "/api/v1/laporan/", rahasia).status_code == 401
    assert client.get("/api/v1/laporan/", HTTP_AUTHORIZATION="Bearer").status_code == 401
    ditolak = Audit.objects.filter(aksi="api_baca", hasil="ditolak", objek="api:/api/v1/laporan/")
    assert ditolak.count() == 6
    assert ditolak.filter(keterangan="401 token kbp_tida… ").exists()


def test_a_token_cannot_write_nor_read_outside_its_parts_nor_sign_in_to_the_portal(client, staf_kaltim):
    rahasia = _token(staf_kaltim, cakupan=["wilayah"])
    jumlah = Wilayah.objects.count()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            "/api/v1/wilayah/64/",
            data="{}",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {rahasia}",
        )
        assert response.status_code == 403 and _json(response)["detail"] == "API ini hanya untuk membaca.", (
            method
        )
    assert Wilayah.objects.count() == jumlah and Wilayah.objects.get(kode="64").nama == "Kalimantan Timur"
    response = _get(client, "/api/v1/laporan/", rahasia)
    assert response.status_code == 403 and "cakupan" in _json(response)["detail"]
    assert _get(client, "/api/v1/wilayah/64/", rahasia).status_code == 200
    # A token is for the API only: the portal's pages still ask for a sign-in.
    response = _get(client, reverse("laporan:beranda"), rahasia)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_a_read_only_role_reads_through_the_api_but_every_write_is_refused(client, pimpinan_kaltim):
    rahasia = _token(pimpinan_kaltim)
    lap = factories.laporan("64.01", status="diajukan")
    assert _get(client, f"/api/v1/laporan/{lap.pk}/", rahasia).status_code == 200
    response = client.delete(f"/api/v1/laporan/{lap.pk}/", HTTP_AUTHORIZATION=f"Bearer {rahasia}")
    assert response.status_code == 403 and type(lap).objects.filter(pk=lap.pk).exists()


# --- Scope and rahasia: the pages' rule, not a new one ----------------------------------------------------


@pytest.fixture
def dua_provinsi(db):
    """Paser (Kaltim) and Kota Pontianak's Kalbar neighbour 61.01, each with a rakor, an assignment,
    a report with a potensi and a kejadian, and an urgent report."""
    data = {}
    for prov, kab, tanda in (("64", "64.01", "PASERAPI"), ("61", "61.01", "KALBARAPI")):
        rakor = factories.rakor(prov, judul=f"Rakor {tanda}", penyelenggara=factories.kesbangpol(prov))
        rek = factories.rekomendasi(rakor, isi=f"Rekomendasi {tanda}", kode_kantor=(kab,))
        lap = factories.laporan(kab, status="diajukan")
        pot = factories.potensi(lap, f"Potensi {tanda}")
        kej = KejadianKonflik(laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian=f"Kejadian {tanda}")
        kej.save(lewati_kunci=True)
        segera = LaporanSegera.objects.create(
            kabkota=lap.kabkota, judul=f"Segera {tanda}", uraian=tanda, tanggal=datetime.date(2026, 2, 2)
        )
        data[prov] = {
            "rakor": rakor,
            "rek": rek,
            "laporan": lap,
            "potensi": pot,
            "kejadian": kej,
            "segera": segera,
        }
    return data


def _detail(prov):
    d = prov
    return [
        f"/api/v1/rakor/{d['rakor'].pk}/",
        f"/api/v1/rekomendasi/{d['rek'].pk}/",
        f"/api/v1/penugasan/{d['rek'].penugasan.get().pk}/",
        f"/api/v1/laporan/{d['laporan'].pk}/",
        f"/api/v1/potensi/{d['potensi'].pk}/",
        f"/api/v1/kejadian/{d['kejadian'].pk}/",
        f"/api/v1/laporan-segera/{d['segera'].pk}/",
        f"/api/v1/periode/{d['laporan'].periode_id}/",
        f"/api/v1/wilayah/{d['laporan'].kabkota.kode}/",
    ]


LISTS = [
    "/api/v1/wilayah/", "/api/v1/instansi/", "/api/v1/rakor/", "/api/v1/rekomendasi/",
    "/api/v1/penugasan/", "/api/v1/periode/", "/api/v1/laporan/", "/api/v1/potensi/",
    "/api/v1/kejadian/", "/api/v1/laporan-segera/", "/api/v1/sinyal/",
]  # fmt: skip


def test_every_list_endpoint_is_registered_and_reads_through_for_user():
    import inspect

    terdaftar = {f"/api/v1/{awalan}/" for awalan in dasar._DAFTAR}
    assert terdaftar == set(LISTS)
    for viewset in dasar._DAFTAR.values():
        assert "for_user(" in inspect.getsource(viewset.get_queryset), viewset


def test_outsiders_get_404_with_nothing_leaked_and_lists_without_the_other_region(
    client, personas, dua_provinsi
):
    kaltim = dua_provinsi["64"]
    for nama in ("staf_kalbar", "operator_ppu"):
        rahasia = _token(personas[nama])
        for url in _detail(kaltim):
            if nama == "operator_ppu" and url.startswith(
                ("/api/v1/rakor/", "/api/v1/periode/", "/api/v1/wilayah/")
            ):
                continue  # same province: PPU is not invited to the rakor but the region list is public
            response = _get(client, url, rahasia)
            assert response.status_code == 404, (nama, url)
            assert _json(response) == {"detail": "Data tidak ditemukan."}, (nama, url)
        for url in LISTS:
            response = _get(client, url, rahasia)
            assert response.status_code == 200 and "PASERAPI" not in response.content.decode(), (nama, url)
    staf = _token(personas["staf_kaltim"])
    for url in _detail(kaltim):
        response = _get(client, url, staf)
        assert response.status_code == 200, url
    teks = "".join(json.dumps(_semua(client, url, staf)) for url in LISTS)
    assert "PASERAPI" in teks and "KALBARAPI" not in teks
    nasional = _token(personas["admin_nasional"])
    teks = "".join(json.dumps(_semua(client, url, nasional)) for url in LISTS if "segera" not in url)
    assert "PASERAPI" in teks and "KALBARAPI" in teks


def test_a_user_without_an_office_gets_403(client, tanpa_instansi):
    response = _get(client, "/api/v1/laporan/", _token(tanpa_instansi))
    assert response.status_code == 403 and "belum ditempatkan" in _json(response)["detail"]


def test_rahasia_items_reach_only_cleared_users(client, personas, dua_provinsi):
    lap = dua_provinsi["64"]["laporan"]
    rahasia_pot = factories.potensi(lap, "Potensi RAHASIAAPI", klasifikasi="rahasia")
    segera = LaporanSegera.objects.create(
        kabkota=lap.kabkota,
        judul="Segera RAHASIAAPI",
        uraian="x",
        tanggal=datetime.date(2026, 2, 3),
        klasifikasi="rahasia",
    )
    staf = _token(personas["staf_kaltim"])
    urls = [f"/api/v1/laporan/{lap.pk}/", "/api/v1/potensi/", "/api/v1/laporan-segera/", "/api/v1/laporan/"]
    for url in urls:
        assert "RAHASIAAPI" not in _get(client, url, staf).content.decode(), url
    assert _get(client, f"/api/v1/potensi/{rahasia_pot.pk}/", staf).status_code == 404
    assert _get(client, f"/api/v1/laporan-segera/{segera.pk}/", staf).status_code == 404
    baris = _json(_get(client, f"/api/v1/laporan/?kabkota={lap.kabkota.kode}", staf))["results"][0]
    assert baris["jumlah_potensi"] == 1
    IzinRahasia.objects.create(provinsi=Wilayah.objects.get(kode="64"), pengguna=personas["staf_kaltim"])
    assert "RAHASIAAPI" in _get(client, f"/api/v1/laporan/{lap.pk}/", staf).content.decode()
    assert _get(client, f"/api/v1/potensi/{rahasia_pot.pk}/", staf).status_code == 200
    assert (
        _json(_get(client, f"/api/v1/laporan/?kabkota={lap.kabkota.kode}", staf))["results"][0][
            "jumlah_potensi"
        ]
        == 2
    )


# --- Filters, identity, pagination, query counts ------------------------------------------------------


def test_filters_match_the_pages_and_a_potensi_is_followed_across_quarters_by_its_identity(
    client, staf_kaltim
):
    q1 = factories.laporan("64.01", triwulan=1, status="diterima")
    q2 = factories.laporan("64.01", triwulan=2, status="diajukan")
    p1 = factories.potensi(q1, "Sengketa lahan Luan", tingkat="sedang")
    factories.potensi(q2, "Sengketa lahan Luan", tingkat="tinggi", identitas=p1.identitas)
    factories.potensi(factories.laporan("64.09", triwulan=2), "Lain", tingkat="tinggi")
    rahasia = _token(staf_kaltim)
    riwayat = _semua(client, f"/api/v1/potensi/?identitas={p1.identitas}", rahasia)
    assert [(r["periode"], r["tingkat"]) for r in riwayat] == [("2026-1", "sedang"), ("2026-2", "tinggi")]
    assert {r["kabkota"] for r in _semua(client, "/api/v1/potensi/?tingkat=tinggi", rahasia)} == {
        "64.01",
        "64.09",
    }
    assert len(_semua(client, "/api/v1/potensi/?kabkota=64.01&triwulan=2", rahasia)) == 1
    assert [r["status"] for r in _semua(client, "/api/v1/laporan/?kabkota=64.01&tahun=2026", rahasia)] == [
        "diterima", "diajukan"
    ]  # fmt: skip
    rakor = factories.rakor("64")
    factories.rekomendasi(rakor, 1, kode_kantor=("64.01",), batas_waktu=datetime.date(2026, 4, 1))
    factories.rekomendasi(rakor, 2, kode_kantor=("64.09",))
    Penugasan.objects.filter(instansi__wilayah__kode="64.09").update(status="sesuai")
    terlambat = _semua(client, "/api/v1/penugasan/?status=terlambat", rahasia)
    assert [(p["wilayah"], p["terlambat"]) for p in terlambat] == [("64.01", True)]
    assert terlambat[0]["hari_lewat_batas"] == (timezone.localdate() - datetime.date(2026, 4, 1)).days
    assert [p["wilayah"] for p in _semua(client, "/api/v1/penugasan/?status=sesuai", rahasia)] == ["64.09"]
    assert _semua(client, "/api/v1/penugasan/?status=bukan-status", rahasia) == []
    assert [r["kode"] for r in _semua(client, "/api/v1/wilayah/?provinsi=64&tingkat=kota", rahasia)] == [
        "64.71", "64.72", "64.74"
    ]  # fmt: skip


def test_cursor_pages_follow_each_other_without_gaps(client, staf_kaltim):
    rahasia = _token(staf_kaltim)
    halaman = _json(_get(client, "/api/v1/wilayah/?jumlah=4", rahasia))
    assert len(halaman["results"]) == 4 and halaman["previous"] is None
    semua = _semua(client, "/api/v1/wilayah/?jumlah=4", rahasia)
    assert [w["kode"] for w in semua] == list(
        Wilayah.objects.for_user(staf_kaltim).values_list("kode", flat=True)
    )


def _data_banyak(n: int, mulai: int = 0):
    """``n`` reports (each with potensi carrying peace indicators and a kejadian), rakor, assignments,
    urgent reports and signals in Kaltim."""
    from laporan.models import IndikatorPerdamaian, JenisAktor, JenisKejadian, Sinyal

    indikator = list(IndikatorPerdamaian.objects.all()[:2])
    aktor, jenis = JenisAktor.objects.first(), JenisKejadian.objects.first()
    kabkota = list(Wilayah.objects.filter(provinsi__kode="64"))
    for i in range(mulai, mulai + n):
        kab = kabkota[i % len(kabkota)]
        lap = factories.laporan(kab.kode, triwulan=1 + i // len(kabkota), status="diajukan")
        pot = factories.potensi(lap, f"P{i}", aktor_1=aktor, aktor_2=aktor)
        pot.indikator_perdamaian.set(indikator)
        KejadianKonflik(laporan=lap, tanggal=lap.periode.mulai, uraian="k", jenis=jenis, aktor_1=aktor).save(
            lewati_kunci=True
        )
        rakor = factories.rakor("64", judul=f"R{i}")
        factories.rekomendasi(rakor, kode_kantor=(kab.kode,))
        LaporanSegera.objects.create(
            kabkota=kab, judul=f"S{i}", uraian="x", tanggal=datetime.date(2026, 2, 2), jenis=jenis
        )
        Sinyal.objects.create(
            provinsi=kab.provinsi, kabkota=kab, jenis="meningkat", kunci=f"k{i}", tahun=2026, triwulan=1,
            kalimat=f"Sinyal {i}", url="/laporan/sinyal/",
        )  # fmt: skip


def _kueri(client, url, rahasia) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = _get(client, url, rahasia)
    assert response.status_code == 200, url
    return len(ctx)


def test_query_counts_are_flat_in_the_page_size(client, staf_kaltim):
    rahasia = _token(staf_kaltim)
    _get(client, "/api/v1/", rahasia)  # the token's last-used stamp, written at most once a minute
    _data_banyak(3)
    sedikit = {url: _kueri(client, url + "?jumlah=2", rahasia) for url in LISTS}
    _data_banyak(12, mulai=3)
    banyak = {url: _kueri(client, url + "?jumlah=12", rahasia) for url in LISTS}
    assert banyak == sedikit
    assert max(banyak.values()) <= 7  # token, the user's clearance, the rows, one prefetch, the audit row
    lap = factories.laporan("64.01", triwulan=4, status="diajukan")
    for i in range(2):
        factories.potensi(lap, f"D{i}").indikator_perdamaian.set([])
    detail = _kueri(client, f"/api/v1/laporan/{lap.pk}/", rahasia)
    for i in range(10):
        factories.potensi(lap, f"E{i}")
    assert _kueri(client, f"/api/v1/laporan/{lap.pk}/", rahasia) == detail


# --- Rate limit, audit, schema and documentation ----------------------------------------------------


def test_each_token_has_its_own_rate_limit(client, staf_kaltim):
    satu, dua = _token(staf_kaltim), _token(staf_kaltim)
    with override_settings(API_BATAS="3/min"):
        assert [_get(client, "/api/v1/wilayah/64/", satu).status_code for _ in range(4)] == [
            200,
            200,
            200,
            429,
        ]
        response = _get(client, "/api/v1/wilayah/64/", satu)
        assert "Retry-After" in response
        assert _json(response)["detail"].startswith(
            "Batas panggilan untuk token ini sudah tercapai. Coba lagi"
        )
        assert _get(client, "/api/v1/wilayah/64/", dua).status_code == 200


def test_every_call_is_audited_with_its_token_and_query(client, staf_kaltim):
    rahasia = _token(staf_kaltim, nama="Skrip rekap")
    awalan = TokenAkses.objects.get().awalan
    _get(client, "/api/v1/potensi/?tingkat=tinggi", rahasia)
    _get(client, "/api/v1/potensi/999999/", rahasia)
    baris = list(Audit.objects.filter(aksi="api_baca").order_by("pk"))
    assert [(a.objek, a.hasil, a.keterangan) for a in baris] == [
        ("api:/api/v1/potensi/", "berhasil", f"200 token {awalan}… ?tingkat=tinggi"),
        ("api:/api/v1/potensi/999999/", "ditolak", f"404 token {awalan}… "),
    ]
    assert all(a.pengguna == staf_kaltim and a.provinsi.kode == "64" for a in baris)


def test_the_schema_names_every_endpoint_and_the_documentation_page_is_served_from_our_static(
    client, login, staf_kaltim
):
    rahasia = _token(staf_kaltim)
    assert client.get("/api/v1/skema/").status_code == 401
    skema = _get(client, "/api/v1/skema/?format=json", rahasia)
    assert skema.status_code == 200
    paths = _json(skema)["paths"]
    assert set(LISTS) <= set(paths)
    assert "tokenAkses" in _json(skema)["components"]["securitySchemes"]
    response = client.get(reverse("api:dokumentasi"))
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    client = login(staf_kaltim)
    page = client.get(reverse("api:dokumentasi")).content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<style" not in page and "cdn" not in page.lower()
    script = client.get(reverse("api:dokumentasi") + "?script=")
    assert script.status_code == 200 and "javascript" in script["Content-Type"]
    # A signed-in session reads the API too (the page's "Try it out").
    assert client.get("/api/v1/wilayah/64/").status_code == 200


def test_admins_see_and_revoke_the_tokens_of_users_they_manage_and_never_the_secret(
    client, login, admin_kaltim, staf_kaltim, staf_kalbar
):
    rahasia = _token(staf_kaltim, nama="Dasbor Bappeda")
    _token(staf_kalbar, nama="Token Kalbar")
    admin = login(admin_kaltim)
    daftar = admin.get(reverse("admin:kesbangpol_tokenakses_changelist")).content.decode()
    assert "Dasbor Bappeda" in daftar and "Token Kalbar" not in daftar
    token = TokenAkses.objects.get(nama="Dasbor Bappeda")
    halaman = admin.get(reverse("admin:kesbangpol_tokenakses_change", args=[token.pk])).content.decode()
    assert token.awalan in halaman and token.sidik not in halaman and rahasia not in halaman
    lain = TokenAkses.objects.get(nama="Token Kalbar")
    assert admin.get(reverse("admin:kesbangpol_tokenakses_change", args=[lain.pk])).status_code == 302
    admin.post(
        reverse("admin:kesbangpol_tokenakses_changelist"),
        {"action": "cabut", "_selected_action": [token.pk, lain.pk]},
    )
    assert (
        TokenAkses.objects.get(pk=token.pk).dicabut_pada
        and not TokenAkses.objects.get(pk=lain.pk).dicabut_pada
    )
    assert Audit.objects.filter(aksi="token_api_cabut", pengguna=admin_kaltim).count() == 1
    admin.logout()
    assert _get(client, "/api/v1/wilayah/", rahasia).status_code == 401
