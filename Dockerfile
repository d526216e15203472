# Portal Koordinasi Kesbangpol: one image for web, Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango and HarfBuzz; fonts for PDFs in Indonesian.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

# Production mode unless a deployment deliberately says otherwise.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/srv/var DEBUG=false
WORKDIR /srv/app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
# collectstatic needs a key only to load settings; the real one comes from the environment.
RUN SECRET_KEY=collectstatic-only-$(python -c 'import secrets; print(secrets.token_urlsafe(48))') \
    python manage.py collectstatic --noinput \
 && useradd --system --home /srv portal && mkdir -p /srv/var && chown -R portal /srv/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "kesbangpol.wsgi"]
