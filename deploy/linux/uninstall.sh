#!/usr/bin/env bash
# Removes the agent. Keeps /etc/sf-agent and /var/lib/sf-agent (identity, spool) unless --purge.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "uninstall.sh: run as root" >&2; exit 1; }
systemctl disable --now sf-agent.service 2>/dev/null || true
rm -f /etc/systemd/system/sf-agent.service
systemctl daemon-reload
rm -rf /opt/sf-agent
if [ "${1:-}" = "--purge" ]; then rm -rf /etc/sf-agent /var/lib/sf-agent; fi
echo "uninstall.sh: sf-agent removed"
