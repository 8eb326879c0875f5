#!/usr/bin/env bash
# podman with the settings this project's machines need; arguments go to podman unchanged:
#
#   scripts/podman.sh build --network=host --format docker -t newsworker .
#   scripts/podman.sh run --rm --network=host newsworker
#
# The machines have no Docker engine and no systemd; podman works there as root with:
#   --runtime runc                the OCI runtime (Debian package runc)
#   --cgroup-manager=cgroupfs     no systemd to manage cgroups
#   CONTAINERS_CONF               scripts/podman/containers.conf: no default ulimits (without it
#                                 every container fails with "error setting rlimit type 7")
# Pass `--network=host` to build and run yourself: builds then use the host's network set-up, and
# containers reach a broker on the host's 127.0.0.1. podman and runc are installed with apt-get
# when missing and this runs as root.
#
# Environment (optional): CONTAINERS_CONF (default scripts/podman/containers.conf),
# PODMAN_RUNTIME (default runc).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$SCRIPT_DIR/podman/containers.conf}"
RUNTIME="${PODMAN_RUNTIME:-runc}"

say() { echo "podman.sh: $*" >&2; }

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v "$RUNTIME" >/dev/null 2>&1 || missing+=("$RUNTIME")
if ((${#missing[@]})); then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing ${missing[*]} with apt-get"
        {
            apt-get update -qq &&
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
        } >&2 || { say "ERROR: apt-get could not install ${missing[*]}"; exit 1; }
    else
        say "ERROR: ${missing[*]} not found: install them (Debian: apt-get install podman runc)"
        exit 1
    fi
fi

exec podman --runtime "$RUNTIME" --cgroup-manager=cgroupfs "$@"
