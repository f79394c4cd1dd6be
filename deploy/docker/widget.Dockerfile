# Widget bundle and demo page (python -m bot.serve widget):
#   docker build -f deploy/docker/widget.Dockerfile -t dortmund-bot/widget .
# The languages of the widget's menu and their texts, from knowledge/languages/ (as scripts/setup_widget.sh)
FROM python:3.10.16-slim-bookworm AS languages
WORKDIR /src
RUN pip install --no-cache-dir --disable-pip-version-check PyYAML==6.0.4
COPY bot/__init__.py bot/language.py bot/widget_languages.py bot/
COPY knowledge/languages knowledge/languages
COPY widget/src/i18n.js widget/src/i18n.js
RUN python -m bot.widget_languages --out /src/languages.generated.js

FROM node:20.18.1-bookworm-slim AS bundle
WORKDIR /src/widget
COPY widget/package.json widget/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY widget ./
COPY --from=languages /src/languages.generated.js src/languages.generated.js
# The limits bot/ defines (scripts/setup_widget.sh reads them from the Python code)
RUN RETENTION_DAYS=30 MAX_MESSAGE_CHARS=2000 node build.mjs

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
COPY widget/demo widget/demo
COPY --from=bundle /src/widget/dist widget/dist
RUN mkdir -p var && chown -R bot:bot var
ENV PYTHONPATH=/app PYTHONUNBUFFERED=1 WIDGET_HOST=0.0.0.0 WIDGET_PORT=8000
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["/app/.venv/app/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
ENTRYPOINT ["/app/.venv/app/bin/python", "-m", "bot.serve", "widget"]
