# The newsworker image: `docker build -t newsworker .`, then `docker run newsworker` runs
# `worker run` (the Faust worker); `docker run -i newsworker clean < pages.jsonl` cleans files.
# Configuration is by environment variables only (`docker run newsworker --help` lists them).
#
# Two stages: the build stage makes a virtualenv with the package and its dependencies; the
# runtime stage copies only that virtualenv, so the image carries no source tree, build tools,
# compilers or pip caches.
#
# BASE_IMAGE is any Debian-like image with `python3` (3.11+) and its `venv` module, used by both
# stages (the virtualenv links to the base's interpreter, so they must match). The default is the
# official slim Python image; where no registry can be reached, scripts/container-base.sh builds
# a compatible one from Debian packages and scripts/container-check.sh passes it in here.
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS build
# Debian packages the build needs on top of the base: the Rust toolchain for the compiled part of
# the HTML path (native/, Rust >= 1.85: Debian trixie's cargo); they stay in this stage.
ARG BUILD_APT_PACKAGES="cargo"
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_NO_INPUT=1
RUN if [ -n "$BUILD_APT_PACKAGES" ]; then \
        apt-get update \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $BUILD_APT_PACKAGES \
        && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
# The dependencies first, read from pyproject.toml alone: this (slowest) layer is built again only
# when they change, not on every change to the code.
COPY pyproject.toml ./
RUN python3 -m venv /opt/newsworker \
    && python3 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && /opt/newsworker/bin/pip install -r /tmp/requirements.txt
# worker/contracts/schemas is a symlink to ../../schemas: both must be in the build context for
# the JSON schemas to land in the wheel as package data.
COPY README.md ./
COPY schemas/ schemas/
COPY native/ native/
COPY worker/ worker/
RUN /opt/newsworker/bin/pip install --no-deps . \
    && /opt/newsworker/bin/pip check \
    && /opt/newsworker/bin/pip uninstall --yes pip
# Fail the build, not the first message, if the installed package cannot find its schemas.
RUN /opt/newsworker/bin/python -c "import importlib.resources as r; \
names = [p.name for p in r.files('worker.contracts').joinpath('schemas').iterdir()]; \
assert any(n.endswith('.schema.json') for n in names), names"

FROM ${BASE_IMAGE} AS runtime
ENV PATH=/opt/newsworker/bin:$PATH \
    LANG=C.UTF-8 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    WORKER_DATA_DIR=/var/lib/newsworker
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/newsworker --create-home newsworker
COPY --from=build /opt/newsworker /opt/newsworker
# Numeric, so that a runtime can tell it is not root without reading /etc/passwd (Kubernetes'
# runAsNonRoot).
USER 10001:10001
WORKDIR /var/lib/newsworker
EXPOSE 6066
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('WORKER_WEB_PORT', '6066'), timeout=4)"]
ENTRYPOINT ["worker"]
CMD ["run"]
