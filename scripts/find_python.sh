#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 runs on Python 3.8-3.10), or explains what to install.
set -euo pipefail
candidates=("${PYTHON310:-}" "$(command -v python3.10 || true)")
if command -v pyenv >/dev/null 2>&1; then
  candidates+=("$(pyenv root)"/versions/3.10.*/bin/python3.10)
fi
candidates+=("$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /root/.pyenv/versions/3.10.*/bin/python3.10
  /usr/local/bin/python3.10 /usr/bin/python3.10)
for python in "${candidates[@]}"; do
  if [ -n "$python" ] && [ -x "$python" ] && "$python" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo "$python"
    exit 0
  fi
done
cat >&2 <<'MSG'
Python 3.10 was not found. Rasa Open Source 3.6 needs Python 3.8-3.10 (this project pins 3.10).
Install it with one of:
  pyenv install 3.10.13                        # then run make again
  sudo apt-get install python3.10 python3.10-venv   # Debian/Ubuntu with 3.10 packages
  uv python install 3.10                       # then: PYTHON310=$(uv python find 3.10) make run
or point PYTHON310 at an existing python3.10 binary.
MSG
exit 1
