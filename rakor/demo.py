"""The five rakor of shared/seeds with the facts the news reports give, plus one upcoming rakor that
is clearly labelled as sample data (so the calendar has something ahead of today).

Where a report names an office kind for every kab/kota ("Kepala Bappeda Kabupaten/Kota se-Kaltim"),
each kab/kota's office of that kind is invited. Attendance is recorded only where a report says
someone was there; the rest stays "belum dicatat". Safe to run again: nothing is duplicated.
"""

import datetime

from django.utils import timezone

from kesbangpol.models import Instansi, Wilayah
from rakor.actions import undang_instansi
from rakor.models import Agenda, Arahan, Narasumber, Orang, Peserta, Rakor

J = Instansi.Jenis
H = Peserta.Kehadiran


def _kantor(kode, jenis):
    return Instansi.objects.baku(Wilayah.objects.get(kode=kode), jenis)


def _polpum():
    instansi, _ = Instansi.objects.get_or_create(
        wilayah=None,
        nama="Direktorat Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri",
        defaults={"jenis": J.KEMENDAGRI, "singkatan": "Ditjen Polpum Kemendagri"},
    )
    return instansi


def _kpu_kaltim():
    instansi, _ = Instansi.objects.get_or_create(
        wilayah=Wilayah.objects.get(kode="64"),
        nama="Komisi Pemilihan Umum Provinsi Kalimantan Timur",
        defaults={"jenis": J.KPU, "singkatan": "KPU Provinsi Kaltim"},
    )
    return instansi


def _orang(nama, jabatan, instansi):
    orang, _ = Orang.objects.cocokkan(nama=nama, nip="", instansi=instansi, jabatan=jabatan)
    return orang


def _rakor(**fields):
    kunci = {k: fields.pop(k) for k in ("provinsi", "tanggal_mulai")}
    rakor, _ = Rakor.objects.update_or_create(**kunci, defaults=fields)
    return rakor


def _hadir(rakor, orang, jabatan, kehadiran=H.HADIR, moda=Narasumber.Moda.LURING):
    Peserta.objects.update_or_create(
        rakor=rakor,
        orang=orang,
        defaults={"instansi": orang.instansi, "jabatan": jabatan, "kehadiran": kehadiran, "moda": moda},
    )


def _undang_semua(rakor, jenis_list, provinsi=True, kehadiran=None):
    provinsi_w = rakor.provinsi
    wilayah = ([provinsi_w] if provinsi else []) + list(provinsi_w.kabkota.order_by("kode"))
    undang_instansi(rakor, wilayah, jenis_list)
    if kehadiran:
        rakor.peserta.filter(orang=None, instansi__jenis__in=jenis_list).update(kehadiran=kehadiran)


def _narasumber(rakor, orang, urutan, jabatan, materi, moda=Narasumber.Moda.LURING):
    Narasumber.objects.update_or_create(
        rakor=rakor,
        orang=orang,
        defaults={"jabatan": jabatan, "materi": materi, "moda": moda, "urutan": urutan},
    )


def _arahan(rakor, items):
    if rakor.arahan.exists():
        return
    for urutan, (isi, oleh) in enumerate(items, start=1):
        Arahan.objects.create(rakor=rakor, isi=isi, disampaikan_oleh=oleh, urutan=urutan)


def kaltim_2024():
    """seeds/003: Rakor Kesbangpol se-Kaltim, Tanah Grogot, 23–25 April 2024."""
    kaltim = Wilayah.objects.get(kode="64")
    kesbangpol = _kantor("64", J.KESBANGPOL)
    paser = _kantor("64.01", J.KESBANGPOL)
    rakor = _rakor(
        provinsi=kaltim,
        tanggal_mulai=datetime.date(2024, 4, 23),
        tanggal_selesai=datetime.date(2024, 4, 25),
        judul="Rapat Koordinasi Kesbangpol se-Kalimantan Timur Tahun 2024",
        tema="Peran Kesbangpol pasca Pemilu 2024 dan dalam persiapan Pilkada Serentak November 2024",
        jenis=Rakor.Jenis.TAHUNAN,
        tahun_anggaran=2024,
        tempat="Hotel Kyriad Sadurengas, Tanah Grogot",
        kabkota=Wilayah.objects.get(kode="64.01"),
        penyelenggara=kesbangpol,
        dibuka_oleh="Hj. Syarifah Masitah Assegaf, S.H.",
        jabatan_pembuka="Wakil Bupati Paser",
        mewakili="Pj. Gubernur Kalimantan Timur Akmal Malik",
        status=Rakor.Status.SELESAI,
        ringkasan=(
            "Rakor bertujuan menginventarisir masukan dan permasalahan dari masing-masing kabupaten/kota "
            "guna mencari penyelesaian kendala teknis, serta membahas isu aktual bidang kesatuan bangsa dan "
            "politik, khususnya pasca Pemilu 2024 dan persiapan Pilkada serentak 2024. Rakor menghasilkan "
            "11 rekomendasi."
        ),
    )
    andi = _orang(
        "Andi Baso Indra Baharuddin, S.STP., M.Si.",
        "Sekretaris Direktorat Jenderal Politik dan Pemerintahan Umum",
        _polpum(),
    )
    sufian = _orang(
        "Drs. H. Sufian Agus, M.Si.", "Kepala Badan Kesbangpol Provinsi Kalimantan Timur", kesbangpol
    )
    fahmi = _orang("Fahmi Idris", "Ketua KPU Provinsi Kalimantan Timur", _kpu_kaltim())
    nonding = _orang("Nonding, S.Sos., M.M.", "Kepala Badan Kesbangpol Kabupaten Paser", paser)
    firdaus = _orang(
        "Akhmad Firdaus Kurniawan, S.Sos., M.Si.",
        "Sekretaris Badan Kesbangpol Provinsi Kalimantan Timur",
        kesbangpol,
    )
    _narasumber(
        rakor,
        andi,
        1,
        "Plh. Direktur Kewaspadaan Nasional Ditjen Polpum Kemendagri RI",
        "Isu Strategis Bidang Politik dan Pemerintahan Umum Pasca Pemilu dan Jelang Pilkada 2024",
        Narasumber.Moda.DARING,
    )
    _narasumber(
        rakor,
        sufian,
        2,
        "Kepala Badan Kesbangpol Provinsi Kalimantan Timur",
        "Peran dan Fungsi Kesbangpol dalam rangka mendukung pelaksanaan Pilkada Serentak 2024",
    )
    _narasumber(
        rakor, fahmi, 3, "Ketua KPU Provinsi Kalimantan Timur", "Tahapan dan Jadwal Pilkada Tahun 2024"
    )
    _undang_semua(rakor, [J.KESBANGPOL, J.DISDUKCAPIL, J.BAPPEDA, J.BKAD, J.TAPEM], provinsi=False)
    # Named in the report as present: the moderator for Kesbangpol Paser, the provincial head and secretary.
    rakor.peserta.filter(orang=None, instansi=paser).delete()
    _hadir(rakor, nonding, "Kepala Badan Kesbangpol Kabupaten Paser")
    _hadir(rakor, sufian, "Kepala Badan Kesbangpol Provinsi Kalimantan Timur")
    _hadir(rakor, firdaus, "Sekretaris Badan Kesbangpol Provinsi Kalimantan Timur")
    rakor.moderator = nonding
    rakor.save(update_fields=["moderator"])
    if not rakor.agenda.exists():
        Agenda.objects.create(
            rakor=rakor,
            tanggal=datetime.date(2024, 4, 23),
            jam_mulai=datetime.time(19, 0),
            acara="Pembukaan oleh Wakil Bupati Paser mewakili Pj. Gubernur Kaltim",
            keterangan="Selasa malam; jam tepat tidak disebut dalam berita.",
        )
        Agenda.objects.create(
            rakor=rakor,
            tanggal=datetime.date(2024, 4, 25),
            jam_mulai=datetime.time(8, 0),
            acara="Kunjungan ke obyek wisata Gunung Embun, Desa Luan, Kecamatan Muara Samu",
            keterangan="Hari terakhir; jam tepat tidak disebut dalam berita.",
        )
    _arahan(
        rakor,
        [
            (
                "Jajaran Kesbangpol agar dapat mendeteksi potensi kerawanan baik pasca Pemilu serentak maupun "
                "dalam pelaksanaan Pilkada serentak November 2024, sehingga Pilkada berjalan aman dan lancar.",
                "Pj. Gubernur Kaltim Akmal Malik (sambutan dibacakan Wakil Bupati Paser)",
            ),
            (
                "Pemindahan IKN Nusantara membawa konsekuensi meningkatnya kerawanan sosial; Kesbangpol diharapkan "
                "lebih optimal dalam menyukseskan pemindahan IKN.",
                "Pj. Gubernur Kaltim Akmal Malik (sambutan dibacakan Wakil Bupati Paser)",
            ),
        ],
    )
    return rakor


def kalbar_2026():
    """seeds/000: Rakor dan Sinkronisasi Perencanaan Kesbangpol se-Kalbar TA 2026, 3 Februari 2026."""
    kalbar = Wilayah.objects.get(kode="61")
    kesbangpol = _kantor("61", J.KESBANGPOL)
    rakor = _rakor(
        provinsi=kalbar,
        tanggal_mulai=datetime.date(2026, 2, 3),
        tanggal_selesai=datetime.date(2026, 2, 3),
        judul=(
            "Rapat Koordinasi dan Sinkronisasi Perencanaan pada Perangkat Daerah Kesatuan Bangsa dan Politik "
            "se-Kalimantan Barat Tahun Anggaran 2026"
        ),
        tema=(
            "Menyelaraskan arah kebijakan, sasaran dan strategi Kesbangpol Provinsi dengan Kesbangpol "
            "Kabupaten/Kota Tahun 2026"
        ),
        jenis=Rakor.Jenis.SINKRONISASI,
        tahun_anggaran=2026,
        tempat="Ruang Tengkawang, Kantor Gubernur Kalimantan Barat",
        kabkota=Wilayah.objects.get(kode="61.71"),
        penyelenggara=kesbangpol,
        dibuka_oleh="Harisson",
        jabatan_pembuka="Sekretaris Daerah Provinsi Kalimantan Barat",
        mewakili="",
        status=Rakor.Status.SELESAI,
        ringkasan=(
            "Wadah strategis untuk menyelaraskan arah kebijakan, prioritas program dan indikator kinerja, serta "
            "memperkuat koordinasi dan komunikasi antarperangkat daerah Kesbangpol dalam merumuskan program dan "
            "kegiatan Tahun 2026 (laporan Kepala Badan Kesbangpol Provinsi Kalbar, M. Bari)."
        ),
    )
    andi = _orang(
        "Andi Baso Indra Baharuddin, S.STP., M.Si.",
        "Sekretaris Direktorat Jenderal Politik dan Pemerintahan Umum",
        _polpum(),
    )
    bari = _orang("M. Bari", "Kepala Badan Kesbangpol Provinsi Kalimantan Barat", kesbangpol)
    _narasumber(
        rakor,
        andi,
        1,
        "Sekretaris Ditjen Politik dan Pemerintahan Umum Kemendagri, mewakili Direktur Jenderal",
        "",
    )
    _hadir(rakor, bari, "Kepala Badan Kesbangpol Provinsi Kalimantan Barat")
    # "Perwakilan Kepala Bappeda/BKAD Provinsi": the heads sent representatives.
    undang_instansi(rakor, [kalbar], [J.BAPPEDA, J.BKAD])
    rakor.peserta.filter(orang=None, instansi__wilayah=kalbar).update(
        kehadiran=H.DIWAKILKAN, diwakili_oleh="Perwakilan (nama tidak disebut dalam berita)"
    )
    _undang_semua(rakor, [J.KESBANGPOL, J.BAPPEDA, J.BKAD], provinsi=False)
    rakor.peserta.filter(orang=None, instansi__wilayah__provinsi=kalbar).update(kehadiran=H.HADIR)
    _arahan(
        rakor,
        [
            (
                "Badan Kesbangpol memiliki fungsi strategis sebagai unsur intelijen daerah yang melengkapi Polri, "
                "Kejaksaan, BIN dan unsur lainnya; diperlukan koordinasi yang kuat bersama Forkopimda.",
                "Sekda Provinsi Kalbar Harisson",
            ),
            (
                "Demonstrasi yang sering muncul akhir-akhir ini perlu diantisipasi melalui pendekatan dialog dan "
                "komunikasi yang baik, sehingga potensi konflik dapat diminimalisir.",
                "Sekda Provinsi Kalbar Harisson",
            ),
            (
                "Kesbangpol diharapkan mampu membaca dan mendeteksi potensi yang dapat mengganggu persatuan dan "
                "kesatuan bangsa, sehingga langkah antisipatif dilakukan sebelum permasalahan berkembang.",
                "Sekda Provinsi Kalbar Harisson",
            ),
        ],
    )
    return rakor


def kalteng_2023():
    """seeds/002: Rakor Kesbangpol se-Kalteng Tahun 2023, Aula Eka Hapakat, 1 Maret 2023."""
    kalteng = Wilayah.objects.get(kode="62")
    kesbangpol = _kantor("62", J.KESBANGPOL)
    rakor = _rakor(
        provinsi=kalteng,
        tanggal_mulai=datetime.date(2023, 3, 1),
        tanggal_selesai=datetime.date(2023, 3, 1),
        judul="Rapat Koordinasi Jajaran Badan Kesatuan Bangsa dan Politik se-Kalimantan Tengah Tahun 2023",
        tema=(
            "Membangun sinergitas dan peran Badan Kesatuan Bangsa dan Politik se-Kalteng dalam menciptakan SDM "
            "berkualitas menyongsong Persiapan Pemilu Tahun 2024"
        ),
        jenis=Rakor.Jenis.TAHUNAN,
        tahun_anggaran=2023,
        tempat="Aula Eka Hapakat, Kantor Gubernur Kalimantan Tengah",
        kabkota=Wilayah.objects.get(kode="62.71"),
        penyelenggara=kesbangpol,
        dibuka_oleh="Katma F. Dirun",
        jabatan_pembuka="Asisten Bidang Pemerintahan dan Kesejahteraan Rakyat Setda Provinsi Kalimantan Tengah",
        mewakili="Gubernur Kalimantan Tengah",
        status=Rakor.Status.SELESAI,
        ringkasan=(
            "Menyamakan persepsi tentang sasaran program kerja Badan Kesbangpol menghadapi persiapan Pemilu "
            "Presiden dan Pemilu Serentak 2024, serta penanganan isu strategis daerah yang berpotensi memicu "
            "konflik (Plt. Kepala Badan Kesbangpol Provinsi Kalteng, Akhmad Husain)."
        ),
    )
    husain = _orang("Akhmad Husain", "Kepala Badan Kesbangpol Provinsi Kalimantan Tengah", kesbangpol)
    _hadir(rakor, husain, "Plt. Kepala Badan Kesbangpol Provinsi Kalimantan Tengah")
    _undang_semua(rakor, [J.KESBANGPOL], provinsi=False)
    _arahan(
        rakor,
        [
            (
                "Koordinasi dan sinkronisasi yang baik dari semua pihak dijabarkan dalam program dan kegiatan untuk "
                "merajut kesejukan, kerukunan, persatuan dan kesatuan, demi Kalteng yang aman dan nyaman.",
                "Asisten Pemerintahan dan Kesra Katma F. Dirun",
            ),
            (
                "Jangan mudah terpancing berbagai berita maupun isu yang tidak jelas; saring dengan bijaksana "
                "informasi yang masuk menjelang Pemilu dan Pilkada Serentak 2024.",
                "Asisten Pemerintahan dan Kesra Katma F. Dirun",
            ),
        ],
    )
    return rakor


def kalteng_2024():
    """seeds/001: Rakor penyusunan Renstra dan IKU Kesbangpol Kalteng, 19 November 2024."""
    kalteng = Wilayah.objects.get(kode="62")
    rakor = _rakor(
        provinsi=kalteng,
        tanggal_mulai=datetime.date(2024, 11, 19),
        tanggal_selesai=datetime.date(2024, 11, 19),
        judul="Rapat Koordinasi Penyusunan Renstra Badan Kesbangpol Provinsi dan Kabupaten/Kota se-Kalimantan Tengah",
        tema=(
            "Sinkronisasi Penyelarasan Indikator Kinerja Utama Urusan Kesatuan Bangsa dan Politik dalam Persiapan "
            "Penyusunan Renstra Hasil Pemilihan Kepala Daerah Tahun 2024"
        ),
        jenis=Rakor.Jenis.RENSTRA,
        tahun_anggaran=2024,
        tempat="",
        kabkota=Wilayah.objects.get(kode="62.71"),
        penyelenggara=_kantor("62", J.KESBANGPOL),
        dibuka_oleh="Akhmad Husain",
        jabatan_pembuka="Plh. Staf Ahli Gubernur Bidang Pemerintahan, Hukum dan Politik",
        mewakili="",
        status=Rakor.Status.SELESAI,
        ringkasan=(
            "Menyamakan persepsi tugas dan fungsi Kesbangpol dalam penyusunan Indikator Kinerja Utama (IKU) "
            "sebagai dasar Renstra 2025–2029. Program yang dibahas: deteksi dini dan pencegahan konflik, "
            "pengawasan orang asing, penguatan komunikasi Forkopimda, P4GN, dan pembinaan kerukunan umat beragama."
        ),
    )
    _undang_semua(rakor, [J.KESBANGPOL], provinsi=True)
    _arahan(
        rakor,
        [
            (
                "Sering terjadi ketidaksesuaian antara indikator yang ditetapkan pusat dan daerah; perlu langkah "
                "konkret untuk menyamakan indikator yang relevan dengan isu lokal (ideologi, politik, ekonomi, "
                "sosial dan budaya).",
                "Plh. Staf Ahli Gubernur Bidang Pemkumpol Akhmad Husain",
            ),
        ],
    )
    return rakor


def kalteng_2025():
    """seeds/004: Rapat Koordinasi Tahunan Kesbangpol se-Kalteng, 24 Juli 2025."""
    kalteng = Wilayah.objects.get(kode="62")
    rakor = _rakor(
        provinsi=kalteng,
        tanggal_mulai=datetime.date(2025, 7, 24),
        tanggal_selesai=datetime.date(2025, 7, 24),
        judul="Rapat Koordinasi Tahunan Badan Kesbangpol Provinsi Kalimantan Tengah bersama Kesbangpol Kabupaten/Kota",
        tema="Sinergitas lintas daerah menjaga keutuhan dan kedamaian Bumi Tambun Bungai dalam semangat Belom Bahadat",
        jenis=Rakor.Jenis.TAHUNAN,
        tahun_anggaran=2025,
        tempat="Aula Eka Hapakat Lantai III, Kantor Gubernur Kalimantan Tengah",
        kabkota=Wilayah.objects.get(kode="62.71"),
        penyelenggara=_kantor("62", J.KESBANGPOL),
        dibuka_oleh="Darliansjah",
        jabatan_pembuka="Staf Ahli Gubernur Kalimantan Tengah Bidang Pemerintahan, Hukum dan Politik",
        mewakili="Gubernur Kalimantan Tengah",
        status=Rakor.Status.SELESAI,
        ringkasan=(
            "Program strategis tahunan Badan Kesbangpol Provinsi Kalteng untuk menciptakan sinergi pemerintah "
            "provinsi dengan seluruh pemerintah kabupaten/kota dalam menangani isu kebangsaan dan politik."
        ),
    )
    _undang_semua(rakor, [J.KESBANGPOL], provinsi=False)
    _arahan(
        rakor,
        [
            (
                "Kalteng adalah provinsi multikultural; kegiatan ini menyatukan pendapat, mewujudkan satu "
                "koordinasi dan satu kesatuan yang aman dan nyaman, membangun Belom Bahadat.",
                "Staf Ahli Gubernur Darliansjah",
            ),
            (
                "Membangun daerah tidak boleh ego sektoral; harus dengan sinergitas dan kerja sama semua pihak.",
                "Staf Ahli Gubernur Darliansjah",
            ),
        ],
    )
    return rakor


def contoh_akan_datang():
    """Sample data, labelled as such: the seeds all lie in the past."""
    kaltim = Wilayah.objects.get(kode="64")
    mulai = timezone.localdate() + datetime.timedelta(days=21)
    mulai += datetime.timedelta(days=(1 - mulai.weekday()) % 7)  # a Tuesday, as rakor usually open
    rakor, _ = Rakor.objects.update_or_create(
        provinsi=kaltim,
        judul="[Contoh] Rakor Teknis Kewaspadaan Dini se-Kalimantan Timur",
        defaults={
            "tema": "Data contoh untuk demo kalender; bukan dari berita.",
            "jenis": Rakor.Jenis.TEKNIS,
            "tahun_anggaran": mulai.year,
            "tanggal_mulai": mulai,
            "tanggal_selesai": mulai + datetime.timedelta(days=1),
            "tempat": "Kantor Badan Kesbangpol Provinsi Kalimantan Timur",
            "kabkota": Wilayah.objects.get(kode="64.72"),
            "penyelenggara": _kantor("64", J.KESBANGPOL),
            "status": Rakor.Status.RENCANA,
            "ringkasan": "Contoh rakor yang direncanakan (data contoh).",
        },
    )
    _undang_semua(rakor, [J.KESBANGPOL], provinsi=False)
    return rakor


def seed(stdout):
    rakor = [
        kalbar_2026(),
        kalteng_2024(),
        kalteng_2023(),
        kaltim_2024(),
        kalteng_2025(),
        contoh_akan_datang(),
    ]
    peserta = sum(r.peserta.count() for r in rakor)
    stdout.write(f"{len(rakor)} rakor demo siap ({peserta} undangan peserta).")
