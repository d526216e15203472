"""Rakor documents for the core's document machinery: the attendance sheet (small, rendered in the
request) and the rakor report (*Laporan Hasil Rakor*, rendered by Celery)."""

from kesbangpol import access, berkas
from kesbangpol.dokumen import Builder
from kesbangpol.pdf import data_url
from rakor import halaman
from rakor.models import Rakor

MAKS_FOTO = 12


class _RakorBuilder(Builder):
    model = Rakor

    def objek(self, objek_id):
        return Rakor.objects.select_related("provinsi", "kabkota", "penyelenggara", "moderator").get(
            pk=objek_id
        )

    def provinsi(self, rakor):
        return rakor.provinsi


class DaftarHadir(_RakorBuilder):
    jenis = "daftar_hadir"
    label = "Daftar hadir"
    template = "rakor/pdf/daftar_hadir.html"

    def judul(self, rakor, parameter):
        return f"Daftar hadir — {rakor.judul}"

    def konteks(self, rakor, parameter):
        from django.utils import timezone

        peserta = rakor.peserta.baris()
        return {"rakor": rakor, "peserta_list": peserta, "dicetak": timezone.localtime()}


class LaporanHasilRakor(_RakorBuilder):
    jenis = "laporan_rakor"
    label = "Laporan hasil rakor"
    template = "rakor/pdf/laporan_hasil.html"

    def judul(self, rakor, parameter):
        return f"Laporan Hasil Rakor — {rakor.judul}"

    def konteks(self, rakor, parameter):
        foto = [
            {"src": data_url(d.berkas, d.jenis.content_type), "keterangan": d.keterangan}
            # A rahasia photo never goes into the rakor report, which the whole province may read.
            for d in access.tanpa_rahasia(
                rakor.dokumentasi.filter(jenis_berkas__in=[j.kode for j in berkas.GAMBAR])
            )[:MAKS_FOTO]
        ]
        peserta = rakor.peserta.baris()
        narasumber, agenda = rakor.narasumber_dan_agenda()
        return {
            "rakor": rakor,
            "narasumber_list": narasumber,
            "agenda_list": agenda,
            "arahan_list": list(rakor.arahan.all()),
            "peserta_list": peserta,
            "kehadiran": rakor.kehadiran(peserta),
            "foto_list": foto,
        }

    def html_dan_klasifikasi(self, rakor, parameter, extra=None):
        extra = extra or {}
        # What other apps add (the recommendations) is scoped to whoever asked for the document.
        bagian = halaman.untuk_pdf(rakor, extra["dokumen"].diminta_oleh)
        return super().html_dan_klasifikasi(rakor, parameter, {"bagian_lain": bagian, **extra})
