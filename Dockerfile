# LIP Portal image: the web app (gunicorn), the Celery worker and beat all run from it.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# WeasyPrint draws PDFs with Pango. `manage.py backup` needs a pg_dump of the server's major
# version or newer (docker-compose.yml runs postgres:17; Debian 12's own client is 15), so the
# client comes from PostgreSQL's apt repository.
RUN python -c "import urllib.request; urllib.request.urlretrieve('https://www.postgresql.org/media/keys/ACCC4CF8.asc', '/usr/share/keyrings/postgresql.asc')" \
    && echo "deb [signed-by=/usr/share/keyrings/postgresql.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
        > /etc/apt/sources.list.d/pgdg.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core \
        postgresql-client-17 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY pyproject.toml constraints.txt ./
RUN pip install -c constraints.txt -e .

COPY --chown=portal:portal . .

# Static files are collected and hashed at build time; translations are compiled.
RUN STATIC_MANIFEST=true SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && python manage.py compile_translations

RUN mkdir -p /app/media && chown portal:portal /app/media
USER portal
ENV STATIC_MANIFEST=true PORT=8000
EXPOSE 8000

CMD ["gunicorn", "lip_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
