# syntax=docker/dockerfile:1
# Build: docker build -t pactwatch .
# Run:   docker run -v pactwatch-data:/data -v ./config:/config:ro pactwatch
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
COPY migrations ./migrations
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /data --create-home pactwatch
COPY --from=build /install /usr/local
COPY config /config
ENV PACTWATCH_CONFIG=/config/pactwatch.yaml \
    PACTWATCH_DATABASE_URL=sqlite:////data/pactwatch.db \
    PYTHONUNBUFFERED=1
USER pactwatch
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8787
ENTRYPOINT ["pactwatch"]
CMD ["crawl"]
