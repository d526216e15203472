"""Deadline day for Locust (run by ``python -m bench.beban``): kab/kota operators finishing and
submitting their quarter's report while provincial staff review what came in. Each simulated person
is a real user of the national data set with a signed-in session prepared by bench.beban
(``BENCH_RENCANA``: a JSON plan of sessions, reports and items)."""

import itertools
import json
import os
import re

from locust import HttpUser, between, task

RENCANA = json.loads(open(os.environ["BENCH_RENCANA"]).read())  # noqa: SIM115 - read once at start
COOKIE = RENCANA["cookie"]
_operator = itertools.cycle(RENCANA["operator"])
_staf = itertools.cycle(RENCANA["staf"])
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSI = re.compile(r'name="versi" value="(\d+)"')


class Orang(HttpUser):
    abstract = True
    # People read a page or fill a field before the next click: 5 to 20 seconds, on a deadline day.
    wait_time = between(5, 20)

    def on_start(self):
        # Behind the TLS proxy: the request is https, and so must its Referer be for the CSRF check.
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.asal = self.host.replace("http://", "https://")
        self.client.cookies.set(COOKIE, self.rencana["sesi"])

    def kirim(self, url, data, name):
        """A form as a browser posts it: the page first (the CSRF token and the version it shows)."""
        page = self.client.get(url, name=f"{name} (formulir)")
        token = TOKEN.search(page.text)
        versi = VERSI.search(page.text)
        data = {"csrfmiddlewaretoken": token.group(1) if token else "", **data}
        if versi and "versi" not in data:
            data["versi"] = versi.group(1)
        return self.client.post(url, data, name=name, headers={"Referer": self.asal + url})


class Operator(Orang):
    weight = 10

    def on_start(self):
        self.rencana = next(_operator)
        super().on_start()
        self.diajukan = False

    @task(3)
    def beranda(self):
        self.client.get("/", name="/ (operator)")

    @task(2)
    def daftar_laporan(self):
        self.client.get("/laporan/", name="/laporan/")

    @task(3)
    def laporan(self):
        self.client.get(f"/laporan/{self.rencana['laporan']}/", name="/laporan/[id]/")

    @task(2)
    def ubah_potensi(self):
        if self.diajukan:
            return
        url = f"/laporan/potensi/{self.rencana['potensi']}/ubah/"
        self.kirim(url, self.rencana["isian"], "/laporan/potensi/[id]/ubah/")

    @task(1)
    def ajukan(self):
        if self.diajukan:
            return
        self.kirim(f"/laporan/{self.rencana['laporan']}/ajukan/", {}, "/laporan/[id]/ajukan/")
        self.diajukan = True


class Staf(Orang):
    weight = 1

    def on_start(self):
        self.rencana = next(_staf)
        super().on_start()
        self.antrean = list(self.rencana["diperiksa"])

    @task(3)
    def beranda(self):
        self.client.get("/", name="/ (staf)")

    @task(2)
    def matriks(self):
        self.client.get("/laporan/matriks/", name="/laporan/matriks/")

    @task(2)
    def periksa(self):
        if not self.antrean:
            self.client.get(f"/laporan/periode/{self.rencana['periode']}/", name="/laporan/periode/[id]/")
            return
        pk = self.antrean.pop()
        page = self.client.get(f"/laporan/{pk}/", name="/laporan/[id]/ (staf)")
        token = TOKEN.search(page.text)
        self.client.post(
            f"/laporan/{pk}/periksa/",
            {"csrfmiddlewaretoken": token.group(1) if token else "", "keputusan": "terima"},
            name="/laporan/[id]/periksa/",
            headers={"Referer": f"{self.asal}/laporan/{pk}/"},
        )
