"""The rakor calendar feed (RFC 5545). A rakor is an all-day event over its dates: its times are
the venue's local times, and an all-day event shows on the right days in every time zone."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from rakor.models import Rakor

STATUS = {
    Rakor.Status.RENCANA: "TENTATIVE",
    Rakor.Status.BERLANGSUNG: "CONFIRMED",
    Rakor.Status.SELESAI: "CONFIRMED",
    Rakor.Status.DIBATALKAN: "CANCELLED",
}


def kalender(rakor_list, request, nama: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Portal Koordinasi Kesbangpol//Rakor//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nama)
    cal.add("x-wr-timezone", "Asia/Jakarta")
    host = request.get_host().split(":")[0]
    now = timezone.now()
    for r in rakor_list:
        event = Event()
        event.add("uid", f"rakor-{r.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", r.tanggal_mulai)
        event.add("dtend", r.tanggal_selesai + datetime.timedelta(days=1))  # exclusive end
        event.add("summary", r.judul)
        lokasi = ", ".join(
            x for x in (r.tempat, r.kabkota.nama if r.kabkota_id else "", r.provinsi.nama) if x
        )
        event.add("location", lokasi)
        keterangan = [f"Status: {r.get_status_display()}", f"Penyelenggara: {r.penyelenggara}"]
        if r.tema:
            keterangan.append(f"Tema: {r.tema}")
        keterangan.append(request.build_absolute_uri(r.get_absolute_url()))
        event.add("description", "\n".join(keterangan))
        event.add("url", request.build_absolute_uri(r.get_absolute_url()))
        event.add("status", STATUS[r.status])
        event.add("last-modified", r.diubah)
        cal.add_component(event)
    return cal.to_ical()
