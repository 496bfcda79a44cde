#!/usr/bin/env bash
# Installs the Smart Foundations agent on Linux (run as root by Ansible, Puppet, Salt, an MDM or by hand).
#   sudo SF_COLLECTOR_URL=https://telemetry.trust.nhs.uk:8470 SF_ENROLL_SECRET=sfe_... \
#        SF_LATENCY_TARGETS='gateway=gateway,epr.trust.nhs.uk=epr' ./install.sh [path/to/sf-agent.mjs]
#   Optional: SF_COLLECTOR_CA_FILE=trust-ca.pem (copied to /etc/sf-agent/collector-ca.pem) when the
#   collector's certificate comes from the trust's own CA; SF_COLLECTOR_PROXY=http://proxy:8080.
# Puts the bundle in /opt/sf-agent, writes /etc/sf-agent/agent.yaml from SF_* variables when any is
# given (an existing file is kept otherwise), installs the systemd unit and starts the service.
# Needs Node.js 20+ at /usr/bin/node. Idempotent: re-run to upgrade.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bundle="${1:-$here/sf-agent.mjs}"
unit_src="$here/../systemd/sf-agent.service"
[ -f "$here/sf-agent.service" ] && unit_src="$here/sf-agent.service"

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
[ -f "$bundle" ] || { echo "install.sh: agent bundle not found: $bundle (build it with npm run dist:agent)" >&2; exit 1; }
[ -f "$unit_src" ] || { echo "install.sh: systemd unit not found: $unit_src" >&2; exit 1; }
if ! /usr/bin/node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "install.sh: Node.js 20 or newer is needed at /usr/bin/node" >&2; exit 1
fi

install -d -m 0755 /opt/sf-agent
install -m 0644 "$bundle" /opt/sf-agent/sf-agent.mjs

# YAML-quote a value: single quotes, with embedded single quotes doubled.
q() { printf "'%s'" "${1//\'/\'\'}"; }
if [ -n "${SF_COLLECTOR_CA_FILE:-}" ]; then
  [ -f "$SF_COLLECTOR_CA_FILE" ] || { echo "install.sh: SF_COLLECTOR_CA_FILE: no such file: $SF_COLLECTOR_CA_FILE" >&2; exit 1; }
  grep -q -- '-----BEGIN CERTIFICATE-----' "$SF_COLLECTOR_CA_FILE" || { echo "install.sh: SF_COLLECTOR_CA_FILE: $SF_COLLECTOR_CA_FILE holds no PEM certificate" >&2; exit 1; }
  install -d -m 0755 /etc/sf-agent
  install -m 0644 "$SF_COLLECTOR_CA_FILE" /etc/sf-agent/collector-ca.pem
fi
if [ -n "${SF_COLLECTOR_URL:-}${SF_ENROLL_SECRET:-}${SF_LATENCY_TARGETS:-}${SF_COLLECTOR_CA_FILE:-}${SF_COLLECTOR_PROXY:-}" ]; then
  install -d -m 0755 /etc/sf-agent
  tmp="$(mktemp /etc/sf-agent/.agent.yaml.XXXXXX)"
  chmod 0600 "$tmp"   # holds the enrol secret
  {
    echo "# Written by deploy/linux/install.sh"
    [ -n "${SF_COLLECTOR_URL:-}" ] && echo "collector_url: $(q "$SF_COLLECTOR_URL")"
    [ -n "${SF_ENROLL_SECRET:-}" ] && echo "enroll_secret: $(q "$SF_ENROLL_SECRET")"
    [ -n "${SF_COLLECTOR_CA_FILE:-}" ] && echo "collector_ca_file: /etc/sf-agent/collector-ca.pem"
    [ -n "${SF_COLLECTOR_PROXY:-}" ] && echo "collector_proxy: $(q "$SF_COLLECTOR_PROXY")"
    if [ -n "${SF_LATENCY_TARGETS:-}" ]; then
      echo "latency:"
      echo "  targets:"
      IFS=',' read -ra items <<<"$SF_LATENCY_TARGETS"
      for item in "${items[@]}"; do
        [ -z "$item" ] && continue
        host="${item%%=*}"
        if [ "$host" != "$item" ]; then echo "    - { host: $(q "$host"), label: $(q "${item#*=}") }"; else echo "    - { host: $(q "$host") }"; fi
      done
    fi
  } >"$tmp"
  mv -f "$tmp" /etc/sf-agent/agent.yaml
  echo "install.sh: wrote /etc/sf-agent/agent.yaml"
fi

install -m 0644 "$unit_src" /etc/systemd/system/sf-agent.service
systemctl daemon-reload
systemctl enable sf-agent.service
systemctl restart sf-agent.service
echo "install.sh: sf-agent installed; check with: node /opt/sf-agent/sf-agent.mjs doctor"
