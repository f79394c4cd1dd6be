#!/usr/bin/env bash
# `make cluster`'s load balancer: nginx from Debian's packages. Idempotent; says what to install when it cannot.
set -euo pipefail

if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "setup_cluster: install nginx (>= 1.18) with your system's package manager" >&2; exit 1
fi
if [ "$(id -u)" -eq 0 ]; then run=(); elif command -v sudo >/dev/null; then run=(sudo); else
  echo "setup_cluster: need root (or sudo) for: apt-get install nginx-light (or nginx)" >&2; exit 1
fi
echo "==> apt-get install nginx"
"${run[@]}" apt-get update -qq
"${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx
