# Rasa server (REST, Socket.IO, HTTP API) with the trained model. Build from the repository root after `make train`:
#   docker build -f deploy/docker/rasa.Dockerfile -t dortmund-bot/rasa .
# The entry point is the command `make cluster` runs: python -m bot.serve rasa (configured by the environment).
FROM python:3.10.16-slim-bookworm AS build
WORKDIR /app
COPY requirements/rasa.txt requirements/rasa.txt
RUN python -m venv .venv/rasa \
    && .venv/rasa/bin/pip install --no-cache-dir --disable-pip-version-check --no-deps -r requirements/rasa.txt

FROM python:3.10.16-slim-bookworm
RUN useradd --uid 10001 --create-home --shell /usr/sbin/nologin bot
WORKDIR /app
COPY --from=build /app/.venv/rasa .venv/rasa
COPY bot bot
COPY credentials.yml config.yml ./
COPY var/spacy_de var/spacy_de
COPY models/dortmund.tar.gz models/dortmund.tar.gz
RUN mkdir -p var/logs && chown -R bot:bot var
ENV PYTHONPATH=/app PYTHONUNBUFFERED=1 TF_CPP_MIN_LOG_LEVEL=2 RASA_TELEMETRY_ENABLED=false \
    RASA_INTERFACE=0.0.0.0 RASA_PORT=5005 MODEL_PATH=/app/models/dortmund.tar.gz ENDPOINTS_FILE=/tmp/endpoints.yml \
    SANIC_PROXIES_COUNT=1
USER 10001
EXPOSE 5005
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s CMD ["/app/.venv/rasa/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5005/health', timeout=4)"]
ENTRYPOINT ["/app/.venv/rasa/bin/python", "-m", "bot.serve", "rasa"]
