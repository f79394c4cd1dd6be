#!/usr/bin/env bash
# Website widget: npm packages (npm ci), its languages (widget/src/languages.generated.js, from
# knowledge/languages/), the bundle widget/dist/dortmund-chat.js (esbuild) and, for the browser tests, Debian's
# chromium. Idempotent: each step runs only when its output is missing or stale.
#   scripts/setup_widget.sh           # build + browser
#   scripts/setup_widget.sh build     # npm packages and bundle only (needed by `make run`)
#   scripts/setup_widget.sh browser   # chromium only (needed by the browser tests)
set -euo pipefail
cd "$(dirname "$0")/../widget"

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup_widget: need root (or sudo) for: $*" >&2; exit 1; fi
}

apt_install() {
  echo "==> apt-get install $*"
  need_root apt-get update -qq
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# True when $1 is missing or older than any of the following files.
stale() {
  local target=$1; shift
  [ -e "$target" ] || return 0
  [ -n "$(find "$@" -newer "$target" -print -quit 2>/dev/null)" ]
}

# One limit from the Python code, which defines it once.
limit() {
  (cd .. && PYTHONPATH=. .venv/app/bin/python -c "$1; print(v)")
}

build() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 18 ]; then
    echo "setup_widget: Node.js >= 18 is needed (found $(node --version))" >&2; exit 1
  fi
  if stale node_modules/.package-lock.json package.json package-lock.json; then
    echo "==> Widget npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # The languages of the menu and their texts, from knowledge/languages/ (bot.widget_languages).
  if stale src/languages.generated.js ../knowledge/languages ../bot/widget_languages.py ../bot/language.py \
    src/i18n.js; then
    echo "==> Widget languages from knowledge/languages/"
    (cd .. && PYTHONPATH=. .venv/app/bin/python -m bot.widget_languages --out widget/src/languages.generated.js)
  fi
  if stale dist/dortmund-chat.js src build.mjs package-lock.json; then
    echo "==> Widget bundle (esbuild)"
    RETENTION_DAYS=$(limit "from bot.retention import RETENTION_DAYS as v") \
      MAX_MESSAGE_CHARS=$(limit "from bot.nlu.input_check import MAX_MESSAGE_CHARS as v") node build.mjs
  fi
}

browser() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
}

case "${1:-all}" in
  build) build ;;
  browser) browser ;;
  all) build; browser ;;
  *) echo "usage: $0 [build|browser|all]" >&2; exit 2 ;;
esac
