"""for_user for every role: the one function every view, export and admin page relies on."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kesbangpol import access
from kesbangpol.models import Instansi, User, Wilayah
from tests import factories

pytestmark = pytest.mark.django_db


def kodes(qs):
    return set(qs.values_list("kode", flat=True))


def test_kabkota_operator_sees_only_their_own_kabupaten(operator_paser):
    assert kodes(Wilayah.objects.for_user(operator_paser)) == {"64.01"}
    assert set(Instansi.objects.for_user(operator_paser).values_list("wilayah__kode", flat=True)) == {"64.01"}


def test_provincial_staff_see_their_province_and_all_its_kabupaten_kota(staf_kaltim):
    visible = kodes(Wilayah.objects.for_user(staf_kaltim))
    assert visible == {"64"} | kodes(Wilayah.objects.filter(provinsi__kode="64"))
    assert len(visible) == 11
    assert not Instansi.objects.for_user(staf_kaltim).exclude(wilayah__kode__startswith="64").exists()


def test_pimpinan_reads_the_province_but_may_not_write(pimpinan_kaltim):
    assert len(kodes(Wilayah.objects.for_user(pimpinan_kaltim))) == 11
    assert not access.dapat_menulis(pimpinan_kaltim)
    assert pimpinan_kaltim.hanya_baca


def test_other_province_staff_see_nothing_of_kaltim(staf_kalbar):
    visible = kodes(Wilayah.objects.for_user(staf_kalbar))
    assert "64" not in visible and "64.01" not in visible
    assert all(k.startswith("61") for k in visible)


def test_national_admin_sees_every_region_and_central_offices(admin_nasional):
    pusat = Instansi.objects.create(nama="Ditjen Polpum Kemendagri", jenis=Instansi.Jenis.KEMENDAGRI)
    assert Wilayah.objects.for_user(admin_nasional).count() == 552
    assert Instansi.objects.for_user(admin_nasional).filter(pk=pusat.pk).exists()


def test_user_without_office_sees_nothing_and_cannot_write(tanpa_instansi):
    assert not Wilayah.objects.for_user(tanpa_instansi).exists()
    assert not Instansi.objects.for_user(tanpa_instansi).exists()
    assert not User.objects.for_user(tanpa_instansi).exists()
    assert not access.dapat_menulis(tanpa_instansi)


def test_inactive_user_and_inactive_office_see_nothing(staf_kaltim, operator_paser):
    staf_kaltim.is_active = False
    staf_kaltim.save()
    assert not Wilayah.objects.for_user(User.objects.get(pk=staf_kaltim.pk)).exists()
    Instansi.objects.filter(pk=operator_paser.instansi_id).update(aktif=False)
    assert not Wilayah.objects.for_user(User.objects.get(pk=operator_paser.pk)).exists()


def test_anonymous_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert not Wilayah.objects.for_user(AnonymousUser()).exists()


def test_users_are_scoped_through_their_office(staf_kaltim, operator_paser, operator_ppu, staf_kalbar):
    assert set(User.objects.for_user(operator_paser).values_list("username", flat=True)) == {"operator_paser"}
    assert {"operator_paser", "operator_ppu", "staf_kaltim"} <= set(
        User.objects.for_user(staf_kaltim).values_list("username", flat=True)
    )
    assert "staf_kalbar" not in set(User.objects.for_user(staf_kaltim).values_list("username", flat=True))


def test_get_object_for_user_answers_404_before_403(pimpinan_kaltim, staf_kalbar):
    paser = Wilayah.objects.get(kode="64.01")
    assert access.get_object_for_user(Wilayah.objects, pimpinan_kaltim, kode="64.01") == paser
    with pytest.raises(PermissionDenied):
        access.get_object_for_user(Wilayah.objects, pimpinan_kaltim, write=True, kode="64.01")
    with pytest.raises(Http404):
        access.get_object_for_user(Wilayah.objects, staf_kalbar, write=True, kode="64.01")
    with pytest.raises(Http404):
        access.get_object_for_user(Wilayah.objects, staf_kalbar, kode="99.99")


@pytest.mark.parametrize(
    ("peran", "kode", "pesan"),
    [
        (User.Peran.OPERATOR_KABKOTA, "64", "Operator kabupaten/kota"),
        (User.Peran.STAF_PROVINSI, "64.01", "staf provinsi"),
        (User.Peran.ADMIN_PROVINSI, None, "staf provinsi"),
        (User.Peran.PIMPINAN, None, "Pimpinan"),
    ],
)
def test_role_must_fit_the_tier_of_the_office(peran, kode, pesan):
    user = User(
        username="x", nama_lengkap="X", peran=peran, instansi=factories.kesbangpol(kode) if kode else None
    )
    user.set_password(factories.PASSWORD)
    with pytest.raises(ValidationError) as excinfo:
        user.full_clean()
    assert pesan in " ".join(excinfo.value.message_dict["instansi"])


def test_role_decides_admin_site_flags(admin_kaltim, staf_kaltim, admin_nasional):
    assert admin_kaltim.is_staff and not admin_kaltim.is_superuser
    assert not staf_kaltim.is_staff
    assert admin_nasional.is_staff and admin_nasional.is_superuser


def test_children_are_scoped_through_their_parent_and_changed_by_its_rule(
    operator_paser, operator_ppu, staf_kaltim, staf_kalbar, pimpinan_kaltim
):
    import pytest as _pytest
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from kesbangpol import access
    from laporan.models import LaporanTriwulan, PotensiKonflik
    from rakor.models import Agenda
    from tests import factories

    lap = factories.laporan("64.01", 2026, 1)
    item = factories.potensi(lap)
    rakor = factories.rakor("64")
    agenda = Agenda.objects.create(
        rakor=rakor, tanggal=rakor.tanggal_mulai, jam_mulai="09:00", acara="Pembukaan"
    )
    assert list(PotensiKonflik.objects.for_user(operator_paser)) == [item]
    assert not PotensiKonflik.objects.for_user(operator_ppu).exists()
    assert not Agenda.objects.for_user(staf_kalbar).exists() and Agenda.objects.for_user(staf_kaltim).exists()
    # A write asks the object's own rule: an item of a submitted report is locked even for its owner.
    assert access.get_object_for_user(PotensiKonflik.objects, operator_paser, write=True, pk=item.pk) == item
    LaporanTriwulan.objects.filter(pk=lap.pk).update(status="diajukan")
    with _pytest.raises(PermissionDenied):
        access.get_object_for_user(PotensiKonflik.objects, operator_paser, write=True, pk=item.pk)
    with _pytest.raises(Http404):
        access.get_object_for_user(PotensiKonflik.objects, operator_ppu, pk=item.pk)
    with _pytest.raises(PermissionDenied):
        access.get_object_for_user(Agenda.objects, pimpinan_kaltim, write=True, pk=agenda.pk)
    assert access.get_object_for_user(Agenda.objects, staf_kaltim, write=True, pk=agenda.pk) == agenda
