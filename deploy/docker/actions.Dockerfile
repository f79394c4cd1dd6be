# Action server and the knowledge base loader (one image, two commands):
#   docker build -f deploy/docker/actions.Dockerfile -t dortmund-bot/actions .
#   default command: python -m bot.serve actions; the loader (a Kubernetes Job): python -m bot.serve knowledge;
#   the 30-day deletion (CronJob): python -m bot.serve retention.
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
COPY domain.yml ./
RUN mkdir -p var/logs && chown -R bot:bot var
ENV PYTHONPATH=/app PYTHONUNBUFFERED=1 ACTION_SERVER_HOST=0.0.0.0 ACTION_SERVER_PORT=5055
USER 10001
EXPOSE 5055
HEALTHCHECK --interval=30s --timeout=5s CMD ["/app/.venv/app/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5055/health', timeout=4)"]
ENTRYPOINT ["/app/.venv/app/bin/python", "-m", "bot.serve"]
CMD ["actions"]
