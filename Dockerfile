# The newsworker image: `docker build -t newsworker .`, then `docker run newsworker` runs
# `worker run` (the Faust worker); `docker run -i newsworker clean < pages.jsonl` cleans files.
# Configuration is by environment variables only (see worker/streaming/config.py / the README).
#
# Two stages: the build stage makes a wheel and a virtualenv; the runtime stage copies only the
# virtualenv, so the image carries no source tree, build tools or pip caches.

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_NO_INPUT=1
WORKDIR /src
# worker/contracts/schemas is a symlink to ../../schemas: both must be in the build context for
# the JSON schemas to land in the wheel as package data.
COPY pyproject.toml README.md ./
COPY schemas/ schemas/
COPY worker/ worker/
RUN python -m venv /opt/newsworker \
    && /opt/newsworker/bin/pip install --upgrade pip \
    && /opt/newsworker/bin/pip wheel --no-deps --wheel-dir /tmp/wheels . \
    && /opt/newsworker/bin/pip install /tmp/wheels/*.whl
# Fail the build, not the first message, if the installed package cannot find its schemas.
RUN /opt/newsworker/bin/python -c "import importlib.resources as r; \
names = [p.name for p in r.files('worker.contracts').joinpath('schemas').iterdir()]; \
assert any(n.endswith('.schema.json') for n in names), names"

FROM python:3.11-slim
ENV PATH=/opt/newsworker/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    WORKER_DATA_DIR=/var/lib/newsworker
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/newsworker --create-home newsworker
COPY --from=build /opt/newsworker /opt/newsworker
USER newsworker
WORKDIR /var/lib/newsworker
EXPOSE 6066
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('WORKER_WEB_PORT', '6066'), timeout=4)"]
ENTRYPOINT ["worker"]
CMD ["run"]
