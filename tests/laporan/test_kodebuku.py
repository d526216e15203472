"""The codebook (jenis kejadian with sub-jenis mapped to UU 7/2012's sources, jenis aktor, indikator
perdamaian): shipped defaults, stable codes, national admins keep it by xlsx, other admins read it."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from laporan import kodebuku
from laporan.models import IndikatorPerdamaian, JenisAktor, JenisKejadian, PotensiKonflik

pytestmark = pytest.mark.django_db
POLEKSOSBUD = PotensiKonflik.Sumber.POLEKSOSBUD.label  # a choice as people type it: its label


def test_defaults_are_shipped_with_each_type_mapped_to_a_source():
    assert JenisKejadian.objects.count() == len(kodebuku.JENIS_KEJADIAN)
    assert JenisAktor.objects.count() == len(kodebuku.JENIS_AKTOR)
    assert IndikatorPerdamaian.objects.count() == len(kodebuku.INDIKATOR_PERDAMAIAN)
    assert set(JenisKejadian.objects.values_list("sumber", flat=True)) == set(PotensiKonflik.Sumber.values)
    sara = JenisKejadian.objects.get(kode="BTK.SARA")
    assert (sara.induk.kode, sara.sumber) == ("BTK", "sara")
    assert [j.kode for j in JenisKejadian.objects.get(kode="UR").sub.all()] == ["UR.DAMAI", "UR.ANARKIS"]


def test_a_sub_type_carries_its_parents_code_and_only_one_level():
    ur = JenisKejadian.objects.get(kode="UR")
    with pytest.raises(ValidationError, match="diawali kode induknya"):
        JenisKejadian(kode="DEMO.X", nama="x", sumber="poleksosbud", induk=ur).full_clean()
    damai = JenisKejadian.objects.get(kode="UR.DAMAI")
    with pytest.raises(ValidationError, match="hanya satu tingkat"):
        JenisKejadian(kode="UR.DAMAI.X", nama="x", sumber="poleksosbud", induk=damai).full_clean()
    with pytest.raises(ValidationError, match="huruf besar"):
        JenisKejadian(kode="ur-damai", nama="x", sumber="poleksosbud").full_clean()


def _xlsx(baris):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kode", "nama", "kode_induk", "sumber", "keterangan", "urutan", "aktif"])
    for b in baris:
        ws.append(b)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "jenis.xlsx"
    return out


def _impor(client, berkas):
    url = reverse("admin:laporan_jeniskejadian_import")
    form = client.get(url).context["form"]
    xlsx = next(v for v, label in form.fields["format"].choices if label == "xlsx")
    return client.post(url, {"format": xlsx, "import_file": berkas, "resource": "0"})


def test_national_admins_import_by_code_and_others_only_read(login, admin_nasional, admin_kaltim):
    for u in (admin_nasional, admin_kaltim):
        u.is_staff = True
        u.save()
    provinsi = login(admin_kaltim)
    assert provinsi.get(reverse("admin:laporan_jeniskejadian_changelist")).status_code == 200
    assert provinsi.get(reverse("admin:laporan_jeniskejadian_add")).status_code == 403
    assert provinsi.get(reverse("admin:laporan_jeniskejadian_import")).status_code == 403
    nasional = login(admin_nasional)
    sebelum = JenisKejadian.objects.count()
    response = _impor(
        nasional,
        _xlsx([
            ["UR.DAMAI", "Unjuk rasa damai (tertib)", "UR", POLEKSOSBUD, "", 1, "1"],
            ["SDA.HUTAN", "Sengketa kawasan hutan", "SDA", "sda", "", 12, "1"],
        ]),
    )  # fmt: skip
    konfirmasi = response.context["confirm_form"]
    nasional.post(reverse("admin:laporan_jeniskejadian_process_import"), dict(konfirmasi.initial))
    assert JenisKejadian.objects.count() == sebelum + 1  # one updated by its code, one added
    assert JenisKejadian.objects.get(kode="UR.DAMAI").nama == "Unjuk rasa damai (tertib)"
    assert JenisKejadian.objects.get(kode="SDA.HUTAN").induk.kode == "SDA"
    assert JenisKejadian.objects.get(kode="UR.DAMAI").history.filter(history_type="~").count() == 1
    # A wrong source or parent refuses the whole file, naming the row.
    buruk = _impor(nasional, _xlsx([["BTS.X", "x", "BTS", "bukan sumber", "", 1, "1"]]))
    assert (
        "bukan sumber" in buruk.content.decode() and JenisKejadian.objects.filter(kode="BTS.X").count() == 0
    )
    # Codes are never deleted (deactivated instead).
    assert nasional.get(reverse("admin:laporan_jeniskejadian_delete", args=[1])).status_code == 403
