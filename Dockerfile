# PolicyWire: dependencies and the spaCy model are installed at build time; nothing is
# downloaded at run time. Config is mounted at /app/config, the database lives on the /data volume.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    POLICYWIRE_CONFIG=/app/config/policywire.yaml \
    POLICYWIRE_DB=/data/policywire.db

WORKDIR /app
COPY requirements-runtime.lock ./
RUN pip install -r requirements-runtime.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY seeds ./seeds
COPY config ./config
RUN pip install --no-deps . \
    && useradd --system --uid 10001 --home /app policywire \
    && mkdir -p /data && chown policywire /data

USER policywire
VOLUME ["/data"]
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4).status == 200 else 1)"
CMD ["policywire", "run"]
