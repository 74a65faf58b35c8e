# PolicyWire: dependencies and the spaCy model are installed at build time; nothing is
# downloaded at run time. Config is mounted at /app/config, the database lives on the /data
# volume (SQLite) or on a PostgreSQL server named by POLICYWIRE_DATABASE_URL.
#
# Two stages. The builder makes a virtualenv in /opt/venv, installs the locked runtime
# dependencies and PolicyWire into it, then takes out what never runs: pip and setuptools,
# the packages' own test suites, C/Cython sources and headers, and the debug info of the
# compiled extensions (spaCy's wheels ship theirs unstripped). Libraries that auditwheel
# rewrote with patchelf (an RPATH, or the vendored *.libs folders) are left alone: strip
# can break those. The runtime stage is the same
# base with that venv copied in: no compiler, no binutils, no pip.
#
# BASE must be the same image in both stages (the venv's python links to the base's).
# Default: python:3.11-slim. Without a registry, scripts/build-image.sh builds a Debian
# bookworm base (Python 3.11 from Debian) with debootstrap and passes it here.
ARG BASE=python:3.11-slim

FROM ${BASE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
    && apt-get install -y --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
WORKDIR /src
COPY requirements-runtime.lock ./
# A TLS-inspecting proxy's CA bundle can be lent to pip for the build only, as the build
# secret pip-ca (scripts/build-image.sh passes the host's); it is not kept in any layer.
RUN --mount=type=secret,id=pip-ca \
    if [ -s /run/secrets/pip-ca ]; then export PIP_CERT=/run/secrets/pip-ca; fi; \
    /opt/venv/bin/pip install -r requirements-runtime.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
RUN --mount=type=secret,id=pip-ca \
    if [ -s /run/secrets/pip-ca ]; then export PIP_CERT=/run/secrets/pip-ca; fi; \
    /opt/venv/bin/pip install --no-deps . \
    && du -sm /opt/venv \
    && /opt/venv/bin/python -m pip uninstall -y pip setuptools wheel \
    && find /opt/venv -depth -type d -name tests -exec rm -rf {} + \
    && find /opt/venv -type f \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' \
         -o -name '*.c' -o -name '*.cpp' -o -name '*.h' \) -delete \
    && find /opt/venv -type f \( -name '*.so' -o -name '*.so.*' \) -not -path '*.libs/*' \
       | while read -r so; do \
           readelf -d "$so" | grep -qE 'RPATH|RUNPATH' || strip --strip-debug "$so"; \
         done \
    && du -sm /opt/venv

FROM ${BASE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    POLICYWIRE_CONFIG=/app/config/policywire.yaml \
    POLICYWIRE_DB=/data/policywire.db
RUN useradd --system --uid 10001 --home /app policywire \
    && mkdir -p /data && chown policywire /data
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY seeds ./seeds
COPY config ./config

USER policywire
VOLUME ["/data"]
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4).status == 200 else 1)"
CMD ["policywire", "run"]
