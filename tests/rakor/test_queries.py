"""Query counts stay flat as the data grows (no N+1 on the list, the rakor page or the PDF)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rakor.models import Agenda, Arahan, Narasumber, Orang
from tests import factories

pytestmark = pytest.mark.django_db


def _rakor_with(n_peserta, judul):
    rakor = factories.rakor("64", judul=judul)
    factories.peserta_banyak(rakor, n_peserta)
    factories.peserta_banyak(rakor, n_peserta // 3 or 1, kode="64.09")
    for i in range(3):
        orang = Orang.objects.create(nama=f"Narasumber {judul} {i}", instansi=factories.kesbangpol("64"))
        n = Narasumber.objects.create(rakor=rakor, orang=orang, materi=f"Materi {i}")
        Agenda.objects.create(
            rakor=rakor,
            tanggal=rakor.tanggal_mulai,
            jam_mulai=datetime.time(9 + i),
            acara="Paparan",
            narasumber=n,
        )
        Arahan.objects.create(rakor=rakor, isi=f"Arahan {i}", disampaikan_oleh="Sekda")
    return rakor


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["rakor:detail", "rakor:daftar_hadir", "rakor:peserta_kehadiran"])
def test_rakor_page_queries_do_not_grow_with_participants(login, staf_kaltim, name):
    client = login(staf_kaltim)
    small = _rakor_with(3, "kecil")
    large = _rakor_with(500, "besar")
    assert large.peserta.count() > 600
    assert _count(client, reverse(name, args=[small.pk])) == _count(client, reverse(name, args=[large.pk]))


def test_list_queries_do_not_grow_with_rakor(login, staf_kaltim):
    client = login(staf_kaltim)
    _rakor_with(2, "a")
    few = _count(client, reverse("rakor:list"))
    for i in range(30):
        _rakor_with(2, f"r{i}")
    assert _count(client, reverse("rakor:list")) == few
    assert _count(client, reverse("rakor:kalender") + "?bulan=2026-03") == _count(
        client, reverse("rakor:kalender") + "?bulan=2026-04"
    )


def test_attendance_figures_count_invited_present_by_kind_and_region(login, staf_kaltim):
    from kesbangpol.models import Instansi
    from rakor.models import Peserta

    rakor = _rakor_with(7, "hitung")
    pusat = Instansi.objects.create(nama="Ditjen Polpum Kemendagri", jenis=Instansi.Jenis.LAINNYA)
    Peserta.objects.create(
        rakor=rakor, instansi=pusat, jabatan="Direktur", kehadiran="diwakilkan", diwakili_oleh="Kasubdit"
    )
    dihitung = rakor.kehadiran(rakor.peserta.baris())
    # 7 of Paser (3 present), 2 of PPU (1 present), one central office represented.
    assert (dihitung["diundang"], dihitung["hadir"]) == (10, 5)
    assert dihitung["per_wilayah"] == [
        ("64.01", "Kabupaten Paser", [7, 3]),
        ("64.09", "Kabupaten Penajam Paser Utara", [2, 1]),
        ("pusat", "Instansi pusat", [1, 1]),  # central offices last
    ]
    assert dihitung["per_jenis"] == [
        ("kesbangpol", "Badan Kesbangpol", [9, 4]),
        ("lainnya", "Lainnya", [1, 1]),
    ]
    # On the rakor page each figure links to the participants it counts.
    client = login(staf_kaltim)
    page = client.get(rakor.get_absolute_url()).content.decode()
    for link in (
        'href="?hadir=ya#peserta">5</a>', 'href="?jenis=kesbangpol&amp;hadir=ya#peserta">4</a>',
        'href="?jenis=kesbangpol#peserta">9</a>', 'href="?wilayah=64.09#peserta">2</a>',
        'href="?wilayah=pusat&amp;hadir=ya#peserta">1</a>',
    ):  # fmt: skip
        assert link in page, link

    def instansi(params):
        response = client.get(rakor.get_absolute_url(), params)
        return sorted(p["instansi__nama"] for p in response.context["peserta_list"]), response

    nama, response = instansi({"wilayah": "pusat", "hadir": "ya"})
    assert nama == ["Ditjen Polpum Kemendagri"]
    teks = response.content.decode()
    assert "1 dari 10 peserta: Instansi pusat, hadir atau diwakilkan" in teks and "Tampilkan semua" in teks
    assert teks.count('<td data-label="Kehadiran">') == 1  # the row stacks on a phone, its cells named
    assert response.context["kehadiran"]["diundang"] == 10  # the figures stay the rakor's
    assert (
        len(instansi({"wilayah": "64.01"})[0]) == 7
        and len(instansi({"jenis": "kesbangpol", "hadir": "ya"})[0]) == 4
    )
    belum = Peserta.objects.filter(rakor=rakor, kehadiran="diundang").count()
    assert len(instansi({"hadir": "belum"})[0]) == belum
    # Unknown values are ignored: every participant, no filter named.
    nama, response = instansi({"wilayah": "61.01", "jenis": "bukan", "hadir": "x"})
    assert len(nama) == 10 and response.context["saring_peserta"] == []


def test_export_queries_do_not_grow_with_rakor(login, staf_kaltim):
    """The organiser column used to cost a query per rakor (8 → 18 for 1 → 11 rakor)."""
    client = login(staf_kaltim)
    factories.rakor("64", judul="satu")
    satu = _count(client, reverse("rakor:ekspor"))
    for i in range(10):
        factories.rakor("64", judul=f"rakor {i}")
    assert _count(client, reverse("rakor:ekspor")) == satu


def test_agenda_items_show_their_speaker_without_a_query_each(login, staf_kaltim):
    client = login(staf_kaltim)
    rakor = _rakor_with(3, "agenda")
    url = reverse("rakor:detail", args=[rakor.pk])
    sebelum = _count(client, url)
    for i, n in enumerate(rakor.narasumber.all()):
        for jam in (13, 14, 15):
            Agenda.objects.create(
                rakor=rakor,
                tanggal=rakor.tanggal_mulai,
                jam_mulai=datetime.time(jam, i),
                acara="Diskusi",
                narasumber=n,
            )
    assert _count(client, url) == sebelum
    body = client.get(url).content.decode()
    agenda = body[body.index('id="agenda"') : body.index('id="arahan"')]
    for i in range(3):
        # Once for the paper and three times for the discussions.
        assert agenda.count(f"Narasumber agenda {i}") == 4


def test_participant_rows_show_name_office_attendance_and_mode(login, staf_kaltim):
    from rakor.models import Peserta

    rakor = _rakor_with(2, "baris")
    p = rakor.peserta.select_related("instansi").first()
    p.orang = Orang.objects.create(nama="Nonding Pagung", instansi=p.instansi)
    p.jabatan = "Kepala Bidang"
    p.kehadiran, p.diwakili_oleh, p.moda = Peserta.Kehadiran.DIWAKILKAN, "Staf <b>Ahli</b>", "daring"
    p.save()
    body = login(staf_kaltim).get(reverse("rakor:detail", args=[rakor.pk])).content.decode()
    assert (
        f'<tr><td>Nonding Pagung<br><span class="hint">Kepala Bidang</span></td><td data-label="Instansi">'
        f'{p.instansi.nama}</td><td data-label="Kehadiran"><span class="badge hadir-diwakilkan">Diwakilkan'
        '</span><br><span class="hint">oleh Staf &lt;b&gt;Ahli&lt;/b&gt;</span></td><td data-label="Moda">'
        "Daring</td></tr>"
    ) in body


def test_attendance_tables_show_each_region_and_kind_with_present_and_invited(login, staf_kaltim):
    rakor = _rakor_with(7, "tabel")
    body = login(staf_kaltim).get(reverse("rakor:detail", args=[rakor.pk])).content.decode()
    # 7 of Paser (3 present), 2 of PPU (1 present): see the figures test above.
    for label, nilai, hadir, diundang in (
        ("Kabupaten Paser", "wilayah=64.01", 3, 7),
        ("Kabupaten Penajam Paser Utara", "wilayah=64.09", 1, 2),
        ("Badan Kesbangpol", "jenis=kesbangpol", 4, 9),
    ):
        sel = '<td class="text-end"><a href="?{}#peserta">{}</a></td>'
        baris = sel.format(f"{nilai}&amp;hadir=ya", hadir) + sel.format(nilai, diundang)
        assert f"<tr><td>{label}</td>{baris}</tr>" in body
