# syntax=docker/dockerfile:1
# pactwatch: watches university news pages for signed cooperation agreements.
#
# Build: docker build -t pactwatch .
# Run:   docker run -d --name pactwatch -v pactwatch-data:/data -v ./config:/config:ro \
#          -p 127.0.0.1:8787:8787 pactwatch
# Other verbs: docker run --rm -v pactwatch-data:/data pactwatch sources
# Stop with SIGTERM (docker stop): runs in flight get their grace period to finish.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# -- build: a virtualenv holding pactwatch and its dependencies --------------------------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/pactwatch
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY src ./src
COPY migrations ./migrations
RUN /opt/pactwatch/bin/pip install --no-cache-dir . \
    && /opt/pactwatch/bin/pip uninstall --yes pip setuptools wheel

# -- runtime: the virtualenv, the default config, an unprivileged user -------------------------
FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="pactwatch" \
      org.opencontainers.image.description="Watches university news for signed cooperation agreements and alerts staff" \
      org.opencontainers.image.licenses="MIT"
RUN groupadd --system --gid 10001 pactwatch \
    && useradd --system --uid 10001 --gid pactwatch --home-dir /data --no-create-home \
       --shell /usr/sbin/nologin pactwatch \
    && mkdir -p /data /config \
    && chown pactwatch:pactwatch /data
COPY --from=build /opt/pactwatch /opt/pactwatch
COPY --chown=root:root config /config
# The endpoint listens on every interface inside the container (publish it on loopback or a
# private network only); `pactwatch health` reads the same variable and asks 127.0.0.1.
ENV PATH=/opt/pactwatch/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PACTWATCH_CONFIG=/config/pactwatch.yaml \
    PACTWATCH_DATABASE_URL=sqlite:////data/pactwatch.db \
    PACTWATCH_LOG_FORMAT=json \
    PACTWATCH_RUN_HTTP=0.0.0.0:8787
USER 10001:10001
WORKDIR /data
VOLUME ["/data", "/config"]
EXPOSE 8787
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["pactwatch", "health", "--quiet"]
ENTRYPOINT ["pactwatch"]
CMD ["run"]
