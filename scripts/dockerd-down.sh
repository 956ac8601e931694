#!/usr/bin/env bash
# Stop the private Docker Engine started by scripts/dockerd-up.sh.
#   bash scripts/dockerd-down.sh          # stop dockerd, keep its data (images, build cache)
#   bash scripts/dockerd-down.sh --purge  # also delete $LLBX_DOCKERD_DIR
set -euo pipefail

DIR="${LLBX_DOCKERD_DIR:-/tmp/llbx-dockerd}"
PIDFILE="$DIR/dockerd.pid"

say() { echo "dockerd-down: $*"; }

if [ -f "$PIDFILE" ] && pid="$(cat "$PIDFILE")" && kill -0 "$pid" 2>/dev/null; then
  say "stopping dockerd pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "dockerd did not stop in 30s; sending SIGKILL"
    kill -KILL "$pid" || true
  fi
else
  say "dockerd not running"
fi
rm -f "$PIDFILE" "$DIR/docker.sock"

if [ "${1:-}" = "--purge" ]; then
  # dockerd may leave mounts under the data root (overlay/shm); unmount before deleting.
  if [ -d "$DIR" ]; then
    grep -o " $DIR[^ ]*" /proc/self/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$DIR"
    say "removed $DIR"
  fi
fi
