#!/usr/bin/env bash
# Start a private Docker Engine (with its embedded BuildKit) for the solver-client daemon tests.
#
#   eval "$(bash scripts/dockerd-up.sh | grep '^DOCKER_HOST=')"; export DOCKER_HOST
#
# Idempotent: installs docker.io + busybox-static (and openssl, for the TLS tests) if missing (needs root and apt), starts dockerd
# only when it is not already answering on our socket, and (re)builds the base image only when
# it is missing. Everything lives under $LLBX_DOCKERD_DIR (default /tmp/llbx-dockerd): data root,
# exec root, pidfile, socket and log, so it never touches a system-wide Docker. No network access
# is needed after the packages are installed: the base image is made locally from busybox-static.
#
# The last line printed is `DOCKER_HOST=unix://…/docker.sock`.
set -euo pipefail

DIR="${LLBX_DOCKERD_DIR:-/tmp/llbx-dockerd}"
SOCK="$DIR/docker.sock"
LOG="$DIR/dockerd.log"
PIDFILE="$DIR/dockerd.pid"
IMAGE="${LLBX_BASE_IMAGE:-llbx-busybox:latest}"
export DOCKER_HOST="unix://$SOCK"

say() { echo "dockerd-up: $*"; }

if [ "$(id -u)" != "0" ]; then
  say "must run as root (dockerd needs it)" >&2
  exit 1
fi

# 1. Packages.
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
# The tcp:// TLS tests make their certificates with openssl.
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "packages present: $(dockerd --version)"
fi

# The docker CLI: any version works (API negotiation), prefer the distro one that matches dockerd.
DOCKER=docker
[ -x /usr/bin/docker ] && DOCKER=/usr/bin/docker

mkdir -p "$DIR"

alive() { "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# 2. Daemon.
if alive; then
  say "dockerd already running on $SOCK"
else
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "dockerd pid $(cat "$PIDFILE") exists but does not answer; stopping it"
    kill "$(cat "$PIDFILE")" || true
    sleep 2
  fi
  rm -f "$SOCK" "$PIDFILE"
  say "starting dockerd (log: $LOG)"
  # setsid: keep it out of the caller's process group, so the caller's job control cannot stop it.
  setsid dockerd \
    --iptables=false \
    --data-root "$DIR/data" \
    --exec-root "$DIR/exec" \
    --pidfile "$PIDFILE" \
    -H "unix://$SOCK" \
    >>"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    alive && break
    sleep 0.5
  done
  if ! alive; then
    say "dockerd did not come up; last log lines:" >&2
    tail -n 30 "$LOG" >&2 || true
    exit 1
  fi
  say "dockerd is up (pid $(cat "$PIDFILE"))"
fi
say "engine $("$DOCKER" version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

# 3. Base image from busybox-static (no registry involved).
if "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
  say "image $IMAGE present"
else
  say "building $IMAGE from /bin/busybox"
  ROOTFS="$DIR/rootfs"
  rm -rf "$ROOTFS"
  mkdir -p "$ROOTFS"/{bin,tmp,etc,root,proc,sys,dev}
  chmod 1777 "$ROOTFS/tmp"
  cp /bin/busybox "$ROOTFS/bin/busybox"
  for tool in $(/bin/busybox --list); do
    [ "$tool" = busybox ] || ln -sf busybox "$ROOTFS/bin/$tool"
  done
  echo "root:x:0:0:root:/root:/bin/sh" >"$ROOTFS/etc/passwd"
  echo "root:x:0:" >"$ROOTFS/etc/group"
  tar -C "$ROOTFS" -cf "$DIR/rootfs.tar" .
  "$DOCKER" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' \
    "$DIR/rootfs.tar" "$IMAGE" >/dev/null
  rm -rf "$ROOTFS" "$DIR/rootfs.tar"
  say "image $IMAGE imported (LLB source: docker-image://docker.io/library/$IMAGE)"
fi

echo "DOCKER_HOST=$DOCKER_HOST"
