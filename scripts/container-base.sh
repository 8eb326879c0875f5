#!/usr/bin/env bash
# Make a container base image from Debian's packages, for machines that cannot pull from an image
# registry, and print its reference on stdout:
#
#   scripts/podman.sh build --network=host --format docker \
#       --build-arg BASE_IMAGE="$(scripts/container-base.sh)" -t newsworker .
#
# The Dockerfile's default base is the official python:3.11-slim; this one is compatible with it
# for the Dockerfile's purposes: Debian with `python3` (3.11+) and its `venv` module. It is
# `debootstrap --variant=minbase` of Debian's current stable release plus python3 and python3-venv,
# without documentation, locales or apt indexes (about 120 MB), imported into podman with
# `podman import`. It also trusts what this machine trusts: the host's CA bundle
# (/etc/ssl/certs/ca-certificates.crt) replaces the image's, so that builds behind a
# TLS-inspecting proxy can reach PyPI.
#
# Made once and cached, keyed by everything that went into it (this script, the release, the
# mirror, the packages, the architecture and the host's CA bundle):
#   1. the podman image localhost/newsworker-base:<release>-<key>, when podman still has it;
#   2. else the root file system saved as <cache>/container-base/<release>-<key>.tar.gz, imported;
#   3. else debootstrap (about 40 s and 45 MB of downloads), saved to 2 and imported.
#
# Environment (all optional):
#   NEWSWORKER_BASE_RELEASE   Debian release to bootstrap (default trixie, the current stable)
#   NEWSWORKER_BASE_PACKAGES  packages on top of minbase (default python3,python3-venv)
#   NEWSWORKER_DEBIAN_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#   NEWSWORKER_CACHE          machine-level cache (default ~/.cache/newsworker, as scripts/kafka.sh)
#   NEWSWORKER_BASE_REBUILD   1: bootstrap again even when cached (e.g. for Debian's latest fixes)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PODMAN="$SCRIPT_DIR/podman.sh"
RELEASE="${NEWSWORKER_BASE_RELEASE:-trixie}"
PACKAGES="${NEWSWORKER_BASE_PACKAGES:-python3,python3-venv}"
MIRROR="${NEWSWORKER_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE_DIR="${NEWSWORKER_CACHE:-${HOME:-/tmp}/.cache/newsworker}/container-base"
HOST_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

say() { echo "container-base.sh: $*" >&2; }

die() {
    say "ERROR: $*"
    exit 1
}

architecture() {
    if command -v dpkg >/dev/null 2>&1; then dpkg --print-architecture; else uname -m; fi
}

cache_key() {
    {
        cat "${BASH_SOURCE[0]}"
        printf '%s\n' "$RELEASE" "$PACKAGES" "$MIRROR" "$(architecture)"
        cat "$HOST_CA_BUNDLE" 2>/dev/null || true
    } | sha256sum | cut -c1-12
}

ensure_debootstrap() {
    command -v debootstrap >/dev/null 2>&1 && return
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 ||
        die "debootstrap not found: install it (Debian: apt-get install debootstrap)"
    say "installing debootstrap with apt-get"
    {
        apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
    } >&2 || die "apt-get could not install debootstrap"
}

# The root file system, bootstrapped and trimmed, as a gzipped tar at $1.
bootstrap_rootfs() {
    local archive="$1" rootfs log started=$SECONDS
    [[ "$(id -u)" == 0 ]] || die "debootstrap needs root"
    ensure_debootstrap
    rootfs="$(mktemp -d "$CACHE_DIR/.rootfs.XXXXXX")"
    log="$rootfs.log"
    # shellcheck disable=SC2064  # expand now: the trap must remove this run's directory
    trap "rm -rf '$rootfs' '$log' '$archive.partial'" EXIT
    say "bootstrapping Debian $RELEASE with $PACKAGES from $MIRROR (once; cached in $CACHE_DIR)"
    if ! debootstrap --variant=minbase --include="$PACKAGES" "$RELEASE" "$rootfs" "$MIRROR" >"$log" 2>&1; then
        tail -n 30 "$log" | sed 's/^/    /' >&2
        die "debootstrap of $RELEASE failed (see above)"
    fi
    # Later package installs (a build stage's compiler) leave out documentation and locales too,
    # as in the official slim images.
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/newsworker-slim" <<'EXCLUDES'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
EXCLUDES
    # Release, updates and security suites for a build stage's `apt-get update`.
    rm -f "$rootfs/etc/apt/sources.list"
    cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $MIRROR
Suites: $RELEASE $RELEASE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: $RELEASE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    if [[ -s "$HOST_CA_BUNDLE" ]]; then
        cp "$HOST_CA_BUNDLE" "$rootfs/etc/ssl/certs/ca-certificates.crt"
    fi
    find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    rm -rf "$rootfs"/usr/share/{man,info,locale}/* "$rootfs"/var/cache/apt/archives/*.deb \
        "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
        "$rootfs"/tmp/* "$rootfs"/root/.cache
    chroot "$rootfs" python3 -c "import venv, ensurepip" || die "the bootstrapped python3 has no working venv module"
    tar --numeric-owner -C "$rootfs" -c . | gzip -1 >"$archive.partial"
    mv "$archive.partial" "$archive"
    rm -rf "$rootfs" "$log"
    trap - EXIT
    say "bootstrapped in $((SECONDS - started)) s: $(du -h "$archive" | cut -f1) compressed"
}

main() {
    local key tag archive
    mkdir -p "$CACHE_DIR"
    key="$(cache_key)"
    tag="localhost/newsworker-base:$RELEASE-$key"
    archive="$CACHE_DIR/$RELEASE-$key.tar.gz"

    # One builder at a time per machine: a second caller waits, then finds the image made.
    exec 9>"$CACHE_DIR/.lock"
    flock -w 600 9 || die "another container-base.sh holds $CACHE_DIR/.lock"

    if [[ "${NEWSWORKER_BASE_REBUILD:-0}" == 1 ]]; then
        rm -f "$archive"
        "$PODMAN" rmi --force "$tag" >/dev/null 2>&1 || true
    elif "$PODMAN" image exists "$tag"; then
        echo "$tag"
        return
    fi
    if [[ ! -s "$archive" ]]; then
        bootstrap_rootfs "$archive"
        # Older keys of this release are dead weight now (an image still in use stays).
        find "$CACHE_DIR" -maxdepth 1 -name "$RELEASE-*.tar.gz" ! -name "$RELEASE-$key.tar.gz" -delete
        "$PODMAN" images --format '{{.Repository}}:{{.Tag}}' --filter reference="localhost/newsworker-base:$RELEASE-*" |
            grep -vxF "$tag" | xargs -r "$PODMAN" rmi >/dev/null 2>&1 || true
    fi
    say "importing $archive as $tag"
    gzip -dc "$archive" | "$PODMAN" import --quiet \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["python3"]' \
        - "$tag" >/dev/null || die "podman import of $archive failed"
    echo "$tag"
}

main "$@"
