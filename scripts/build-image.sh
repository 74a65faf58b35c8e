#!/bin/sh
# Build the PolicyWire image and check that it answers a command (`make image` runs this).
#
# - A Docker daemon answers: `docker build`, then `policywire ask` in `docker run`.
# - Else podman (no registry needed): a Debian bookworm root filesystem made with debootstrap
#   becomes the base image (Python 3.11 from Debian), `podman build --isolation=chroot` builds
#   the Dockerfile on it, and the check runs in `podman run`, or, where podman cannot start a
#   container (no namespaces or cgroups, as on the development machine), with chroot in the
#   image's exported filesystem.
#
# The check ingests the seed article (the spaCy model is loaded) into a throwaway SQLite
# file and asks "/figures El Salvador"; it fails unless the answer names a figure.
#
# Environment: TAG (default policywire), BASE (an existing base image: skips debootstrap),
# PIP_CA (CA bundle for pip during the build), WORK (scratch folder, default
# /var/tmp/policywire-image), MIRROR (Debian mirror).
# Needs root for debootstrap, podman and chroot: apt-get install debootstrap podman.
set -eu

TAG=${TAG:-policywire}
WORK=${WORK:-/var/tmp/policywire-image}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
LOCAL_BASE=localhost/policywire-base:bookworm
# pip's CA bundle for the build (a TLS-inspecting proxy): $PIP_CA, else $PIP_CERT, else the
# system bundle, lent to the build as a secret (not stored in the image).
PIP_CA=${PIP_CA:-${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}}
SECRET=
[ -s "$PIP_CA" ] && SECRET="--secret id=pip-ca,src=$PIP_CA"
CHECK='policywire --db /tmp/check.db ingest /app/seeds/articles && policywire --db /tmp/check.db ask "/figures El Salvador"'

cd "$(dirname "$0")/.."

mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1000000 }'; }

answer_ok() {  # the ask output on stdin; prints it, fails unless it lists figures
    tee "$WORK/check.out" | sed 's/^/    /'
    grep -q '^Figures about El Salvador' "$WORK/check.out"
}

mkdir -p "$WORK"

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    docker build $SECRET -t "$TAG" .
    echo "image $TAG: $(mb "$(docker image inspect --format '{{.Size}}' "$TAG")")"
    docker run --rm --entrypoint sh "$TAG" -c "$CHECK" | answer_ok
    echo "image $TAG answers policywire ask (docker run)"
    exit 0
fi

if ! command -v podman >/dev/null 2>&1; then
    echo "build-image: no Docker daemon answers and podman is not installed" >&2
    echo "  (apt-get install podman debootstrap, or start a Docker daemon)" >&2
    exit 2
fi

if [ -z "${BASE:-}" ]; then
    BASE=$LOCAL_BASE
    if ! podman image exists "$BASE"; then
        command -v debootstrap >/dev/null 2>&1 || {
            echo "build-image: debootstrap is missing (apt-get install debootstrap)" >&2; exit 2; }
        rootfs=$WORK/rootfs
        rm -rf "$rootfs"
        echo "debootstrap: Debian bookworm with python3 into $rootfs"
        debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
            bookworm "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
            tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
            "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
        tar -C "$rootfs" --numeric-owner -cf - . | podman import - "$BASE" >/dev/null
        rm -rf "$rootfs"
    fi
    echo "base $BASE: $(mb "$(podman image inspect --format '{{.Size}}' "$BASE")")"
fi

# Docker format: the OCI format has no HEALTHCHECK, podman would drop it.
# shellcheck disable=SC2086
podman build --isolation=chroot --format docker $SECRET --build-arg BASE="$BASE" -t "$TAG" .
echo "image $TAG: $(mb "$(podman image inspect --format '{{.Size}}' "$TAG")")"

if podman run --rm --entrypoint sh "$TAG" -c "$CHECK" >"$WORK/run.out" 2>&1; then
    answer_ok <"$WORK/run.out"
    echo "image $TAG answers policywire ask (podman run)"
    exit 0
fi
echo "podman run cannot start a container here:"
tail -3 "$WORK/run.out" | sed 's/^/    /'
echo "checking with chroot in the image's exported filesystem instead"

root=$WORK/export
cleanup() {
    for m in "$root/dev" "$root/proc"; do
        mountpoint -q "$m" 2>/dev/null && umount "$m"
    done
    podman rm -f policywire-export >/dev/null 2>&1 || true
}
trap cleanup EXIT
rm -rf "$root" && mkdir -p "$root"
podman rm -f policywire-export >/dev/null 2>&1 || true
podman create --name policywire-export "$TAG" >/dev/null
podman export policywire-export | tar -C "$root" -xf -
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"   # the NLP process pool needs /dev/shm
# The image's user, environment and working folder, as `podman run` would set them.
chroot --userspec=10001:10001 "$root" /usr/bin/env -i \
    HOME=/app PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin \
    PYTHONDONTWRITEBYTECODE=1 POLICYWIRE_CONFIG=/app/config/policywire.yaml \
    sh -c "cd /app && $CHECK" 2>&1 | answer_ok
echo "image $TAG answers policywire ask (chroot in the exported filesystem)"
