"""The calendar page and the private iCal feed."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from rakor.models import LanggananKalender
from tests import factories

pytestmark = pytest.mark.django_db


def _token(client):
    response = client.post(reverse("rakor:kalender_token"), {"aksi": "buat"})
    assert response.status_code == 201
    url = re.search(r'value="(http[^"]+\.ics)"', response.content.decode()).group(1)
    return url.split("/rakor/kalender/")[1].removesuffix(".ics")


@time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC))
def test_feed_is_valid_icalendar_scoped_to_its_owner(client, login, staf_kaltim, staf_kalbar):
    factories.rakor("64", judul="Rakor Kaltim, Tanah Grogot; 3 hari")
    factories.rakor("61", judul="Rakor Kalbar")
    token = _token(login(staf_kaltim))
    client.logout()
    response = client.get(reverse("rakor:kalender_ics", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545 line folding
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Rakor Kaltim, Tanah Grogot; 3 hari"]
    event = events[0]
    assert event.decoded("DTSTART") == datetime.date(2026, 3, 10)
    assert event.decoded("DTEND") == datetime.date(2026, 3, 12)  # exclusive: the 11th is the last day
    assert str(event["STATUS"]) == "TENTATIVE"
    assert b"Rakor Kalbar" not in raw


def test_a_new_address_retires_the_old_one_and_a_wrong_token_is_404(client, login, staf_kaltim):
    c = login(staf_kaltim)
    old = _token(c)
    new = _token(c)
    c.logout()
    assert client.get(reverse("rakor:kalender_ics", args=[old])).status_code == 404
    assert client.get(reverse("rakor:kalender_ics", args=[new])).status_code == 200
    assert client.get(reverse("rakor:kalender_ics", args=["x" * 43])).status_code == 404
    assert LanggananKalender.objects.get().token_sha256 != new  # only the hash is stored


def test_a_disabled_account_feed_stops(client, login, staf_kaltim):
    token = _token(login(staf_kaltim))
    staf_kaltim.is_active = False
    staf_kaltim.save()
    client.logout()
    assert client.get(reverse("rakor:kalender_ics", args=[token])).status_code == 404


def test_calendar_page_shows_the_month_and_upcoming(login, staf_kaltim):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)):
        maret = factories.rakor("64", judul="Rakor Maret")
        # From the last days of February into March: in March's list, and once only.
        lintas = factories.rakor(
            "64",
            judul="Rakor Lintas Bulan",
            tanggal_mulai=datetime.date(2026, 2, 27),
            tanggal_selesai=datetime.date(2026, 3, 2),
        )
        factories.rakor(
            "64",
            judul="Rakor April",
            tanggal_mulai=datetime.date(2026, 4, 1),
            tanggal_selesai=datetime.date(2026, 4, 1),
        )
        response = login(staf_kaltim).get(reverse("rakor:kalender"), {"bulan": "2026-03"})
    body = response.content.decode()
    assert "Maret 2026" in body
    assert body.count("Rakor Maret") >= 3  # two days in the grid and the upcoming list
    # A phone shows the month as a list instead of the grid (the grid needs ~525 px).
    assert response.context["rakor_bulan"] == [lintas, maret]
    assert body.count('class="list-unstyled kalender-agenda"') == 1
