"""Logs never carry passwords, one-time codes, session ids or report text."""

import logging

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_sign_in_and_a_report_leave_no_secret_or_content_in_the_logs(client, caplog, operator_paser):
    caplog.set_level(logging.DEBUG)
    client.post("/akun/masuk/", {"username": "operator_paser", "password": "sandi-rahasia-salah-123"})
    client.post("/akun/masuk/", {"username": "operator_paser", "password": factories.PASSWORD})
    sesi = client.cookies.get("sessionid").value
    laporan = factories.laporan("64.01", 2026, 1)
    client.post(
        reverse("laporan:potensi_tambah", args=[laporan.pk]),
        {
            "judul": "RAHASIA-ISI-LAPORAN",
            "sumber": "sda",
            "bidang": "ekonomi",
            "tingkat": "tinggi",
            "versi": 1,
        },
    )
    client.post("/akun/dua-faktor/", {"kode": "123456"})
    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("sandi-rahasia-salah-123", factories.PASSWORD, sesi, "RAHASIA-ISI-LAPORAN", "123456"):
        assert secret not in text, secret
