# Editors' console (python -m bot.console, port 8001; built on another branch):
#   docker build -f deploy/docker/console.Dockerfile -t dortmund-bot/console .
FROM python:3.10.16-slim-bookworm AS build
WORKDIR /app
COPY requirements/app.txt requirements/app.txt
RUN python -m venv .venv/app \
    && .venv/app/bin/pip install --no-cache-dir --disable-pip-version-check -r requirements/app.txt

FROM python:3.10.16-slim-bookworm
RUN useradd --uid 10001 --create-home --shell /usr/sbin/nologin bot
WORKDIR /app
COPY --from=build /app/.venv/app .venv/app
COPY bot bot
COPY knowledge knowledge
COPY data data
COPY domain.yml config.yml ./
RUN mkdir -p var && chown -R bot:bot var knowledge
ENV PYTHONPATH=/app PYTHONUNBUFFERED=1 CONSOLE_PORT=8001
USER 10001
EXPOSE 8001
HEALTHCHECK --interval=30s --timeout=5s CMD ["/app/.venv/app/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8001/health', timeout=4)"]
ENTRYPOINT ["/app/.venv/app/bin/python", "-m", "bot.serve", "console"]
