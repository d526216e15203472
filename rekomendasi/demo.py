"""The Kaltim 2024 recommendations exactly as the seed article gives them (13 numbered lines, of
which lines 10 and 11 are sub-points of line 9: 11 recommendations), assigned as their text says,
with varied follow-ups that are labelled as sample data ("[Contoh]")."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kesbangpol.models import Instansi, User
from kesbangpol.pdf import render_pdf
from rakor.models import Rakor
from rekomendasi import actions, tempel
from rekomendasi.actions import Sasaran
from rekomendasi.models import Bidang, Penugasan

# The article's list, as printed (shared/seeds/003).
DAFTAR_KALTIM_2024 = """\
1. Mendorong Pemerintah Kabupaten/Kota untuk membuat Struktur Organisasi Tata Kerja (SOTK) Badan Kesatuan Bangsa dan Politik Kabupaten/Kota sama seperti Badan Kesatuan Bangsa dan Politik tingkat Provinsi untuk mempermudah dalam sinkronisasi dan koordinasi program dan kegiatan antara Badan Kesbangpol Provinsi dan Badan Kesbangpol Kabupaten/Kota.
2. Mengoptimalkan Tim Pemantau Perkembangan Politik di Daerah (TP3D) dengan melaporkan potensi ATHG (Ancaman, Tantangan, Hambatan dan Gangguan) pada Pilkada Serentak 2024.
3. Memaksimalkan pelaksanaan kegiatan peningkatan partisipasi pada Pilkada Serentak 2024.
4. Pembentukan Pasukan Pengibar Bendera Pusaka (Paskibraka) di tingkat Provinsi dan kabupaten/kota, sepenuhnya menjadi kewenangan dan tanggung jawab daerah melalui Badan Kesbangpol masing-masing, sesuai dengan peraturan dan perundang-undangan.
5. Pemerintah Kabupaten/Kota memberikan anggaran maksimal untuk Pembentukan Paskibraka dan pembinaan bagi Duta Pancasila Purna Paskibraka Indonesia (DPPI) di daerah masing-masing, untuk itu pembentukan kepengurusan DPPI pada tingkat provinsi dan Kabupaten/Kota paling lambat pada Tahun 2025.
6. Terkait dengan Pendidikan Wawasan Kebangsaan dan Karakter Bangsa untuk tingkat Provinsi dan Kabupaten/Kota pada Tahun 2025, diarahkan kepada kaum muda dan melenial serta lingkungan pesantren.
7. Mengoptimalkan pembentukan Tim Terpadu Pengawasan Organisasi Kemasyarakatan se Kalimantan Timur.
8. Mengoptimalisasikan Peran Forum Kerukunan Umat Beragama (FKUB) untuk menciptakan kondusifitas daerah.
9. Masing-masing Pemerintah Daerah agar dapat memfasilitasi kegiatan FKDM :
10. FKDM Kabupaten/Kota.
11. FKDM Kecamatan.
12. Menyampaikan laporan Peta Potensi Konflik dan Peta Konflik secara berkala (Triwulan) dari Badan Kesbangpol Kabupaten/Kota kepada Badan Kesbangpol Provinsi yang akan menjadi laporan kepada Gubernur untuk pertimbangan dalam pengambilan kebijakan maupun keputusan.
13. Kegiatan Rapat Koordinasi Kesbangpol se Kaltim untuk Tahun 2025 direncanakan akan diselenggarakan pada bulan Februari 2025 di Kabupaten Panajam Paser Utara dan kunjungan Studi Tiru ke Provinsi Sulawesi Selatan.
"""

PILKADA_2024 = datetime.date(2024, 11, 27)  # Pilkada serentak: the text's "Pilkada Serentak 2024"
AKHIR_2025 = datetime.date(2025, 12, 31)
K, S, P = Sasaran.KABKOTA, Sasaran.KESBANGPOL, Sasaran.PROVINSI
# Per article line: field, due date (only where the text gives one), end-of-year?, assigned to.
TUGAS = [
    ("Kelembagaan/SOTK", None, False, K),  # "Mendorong Pemerintah Kabupaten/Kota …"
    ("Politik dan Pemilu", PILKADA_2024, False, S),
    ("Politik dan Pemilu", PILKADA_2024, False, S),
    ("Paskibraka/DPPI", None, False, S),  # "… melalui Badan Kesbangpol masing-masing"
    ("Paskibraka/DPPI", AKHIR_2025, True, K),  # "Pemerintah Kabupaten/Kota … paling lambat pada Tahun 2025"
    ("Ideologi dan Wawasan Kebangsaan", AKHIR_2025, True, S),  # "Provinsi dan Kabupaten/Kota … Tahun 2025"
    ("Ormas", None, False, S),
    ("Kerukunan Umat Beragama/FKUB", None, False, S),
    (
        "Kewaspadaan Dini dan Konflik",
        None,
        False,
        "",
    ),  # "Masing-masing Pemerintah Daerah …:" (its sub-points carry the work)
    ("Kewaspadaan Dini dan Konflik", None, False, K),  # a. FKDM Kabupaten/Kota
    ("Kewaspadaan Dini dan Konflik", None, False, K),  # b. FKDM Kecamatan
    (
        "Kewaspadaan Dini dan Konflik",
        None,
        False,
        K,
    ),  # "dari Badan Kesbangpol Kabupaten/Kota kepada … Provinsi"
    ("Lainnya", datetime.date(2025, 2, 28), False, P),  # Rakor 2025 in February, hosted by PPU (see below)
]


def _bukti_pdf() -> bytes:
    return render_pdf("rekomendasi/pdf/contoh_bukti.html", {"dibuat": timezone.localtime()})


def seed(stdout):
    rakor = Rakor.objects.get(provinsi__kode="64", tanggal_mulai=datetime.date(2024, 4, 23))
    if rakor.rekomendasi.exists():
        stdout.write(
            f"{rakor.rekomendasi.filter(induk=None).count()} rekomendasi demo Kaltim 2024 sudah ada."
        )
        return
    staf = User.objects.get(username="staf_kaltim")
    bidang = {b.nama: b for b in Bidang.objects.all()}
    butir = tempel.urai(DAFTAR_KALTIM_2024)
    assert len(butir) == 13 and [b.sub for b in butir].count(True) == 2  # lines 10–11 under 9
    data = [
        {
            "isi": b.isi,
            "sub": b.sub,
            "bidang": bidang[t[0]],
            "batas_waktu": t[1],
            "batas_akhir_tahun": t[2],
            "sasaran": t[3],
        }
        for b, t in zip(butir, TUGAS, strict=True)
    ]
    dibuat = actions.simpan_butir(rakor, data, staf)
    # Item 11 names the host of the next rakor: Kesbangpol Penajam Paser Utara works on it too.
    ppu = Instansi.objects.kesbangpol().get(wilayah__kode="64.09")
    actions.tugaskan(dibuat[-1], [ppu])
    _contoh_tindak_lanjut(rakor, staf)
    stdout.write(
        f"{sum(1 for r in dibuat if not r.induk_id)} rekomendasi demo Kaltim 2024 siap (tindak lanjut: contoh)."
    )


def _contoh_tindak_lanjut(rakor, staf):
    """Varied sample follow-ups, deterministic, each narrative marked [Contoh]."""
    verifikator = User.objects.get(username="admin_kaltim")
    # Offices with a demo operator report for themselves; the province reports for the others.
    operator = {
        u.instansi_id: u
        for u in User.objects.filter(
            peran=User.Peran.OPERATOR_KABKOTA, instansi__wilayah__provinsi=rakor.provinsi
        )
    }
    pdf = _bukti_pdf()
    hari = datetime.date(2025, 3, 1)
    penugasan = list(
        Penugasan.objects.filter(rekomendasi__rakor=rakor)
        .select_related("rekomendasi", "instansi__wilayah")
        .order_by("rekomendasi__induk__nomor", "rekomendasi__nomor", "instansi__wilayah__kode")
    )
    for i, p in enumerate(penugasan):
        pola = (i * 7 + p.instansi.wilayah_id) % 6
        pelapor = operator.get(p.instansi_id, staf)
        if pola == 0:
            continue  # belum ditindaklanjuti
        actions.laporkan(
            p,
            pelapor,
            tanggal=hari,
            status=Penugasan.Status.BELUM_SESUAI,
            narasi=f"[Contoh] {p.instansi.nama} telah mengoordinasikan rekomendasi {p.rekomendasi.label} dengan perangkat daerah terkait.",
        )
        if pola in (2, 3, 4):
            actions.laporkan(
                p,
                pelapor,
                tanggal=hari + datetime.timedelta(days=30),
                status=Penugasan.Status.SESUAI,
                narasi=f"[Contoh] Rekomendasi {p.rekomendasi.label} telah dilaksanakan; bukti dukung terlampir.",
                berkas_list=[
                    SimpleUploadedFile("contoh-bukti-dukung.pdf", pdf, content_type="application/pdf")
                ],
            )
            if pola in (2, 3):
                actions.verifikasi(p, verifikator, terima=True, catatan="[Contoh] Bukti dukung lengkap.")
        elif pola == 5:
            actions.laporkan(
                p,
                pelapor,
                tanggal=hari + datetime.timedelta(days=45),
                status=Penugasan.Status.TIDAK_DAPAT,
                narasi="[Contoh] Pelaksanaan di luar kewenangan Badan Kesbangpol kabupaten/kota.",
                alasan="kewenangan",
            )
            actions.verifikasi(
                p,
                verifikator,
                terima=False,
                catatan="[Contoh] Koordinasikan dengan Bagian Organisasi Setda; kewenangan tetap pada pemerintah daerah.",
            )
