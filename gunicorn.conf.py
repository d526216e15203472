"""gunicorn as deployed (the image and docker compose run ``gunicorn kesbangpol.wsgi`` from this
directory, which reads this file). Threaded workers: a slow client does not hold a whole worker."""

from gunicorn.http import wsgi

bind = "0.0.0.0:8000"
workers = 3
threads = 4
timeout = 60
accesslog = "-"

# No "Server: gunicorn" banner on every response (it tells a prober what to try); gunicorn has no
# setting for it, so its response drops the line it writes.
_default_headers = wsgi.Response.default_headers


def _tanpa_server(self):
    return [h for h in _default_headers(self) if not h.startswith("Server:")]


wsgi.Response.default_headers = _tanpa_server
