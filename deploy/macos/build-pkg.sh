#!/bin/bash
# Builds sf-agent-<version>.pkg for Jamf. macOS only (pkgbuild ships with Xcode command line tools).
#   deploy/macos/build-pkg.sh /path/to/node     # a macOS Node.js 20+ binary (official darwin tarball's bin/node)
# Run `npm run build` first (dist/sf-agent.mjs). Sign with productsign for distribution outside Jamf.
set -euo pipefail
cd "$(dirname "$0")/../.."
node_bin="${1:?usage: build-pkg.sh /path/to/macos/node}"
[ "$(uname -s)" = Darwin ] || { echo "build-pkg.sh: needs macOS (pkgbuild)" >&2; exit 1; }
[ -f dist/sf-agent.mjs ] || { echo "build-pkg.sh: run npm run build first" >&2; exit 1; }
version="$(node -p 'require("./package.json").version')"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
bin="$root/Library/Application Support/SmartFoundations/bin"
mkdir -p "$bin" "$root/Library/LaunchDaemons"
install -m 0755 "$node_bin" "$bin/node"
install -m 0644 dist/sf-agent.mjs "$bin/sf-agent.mjs"
install -m 0644 deploy/macos/uk.nhs.smartfoundations.agent.plist "$root/Library/LaunchDaemons/"
chmod 0755 deploy/macos/scripts/postinstall
pkgbuild --root "$root" --scripts deploy/macos/scripts --identifier uk.nhs.smartfoundations.agent \
  --version "$version" --install-location / "dist/sf-agent-$version.pkg"
echo "build-pkg.sh: dist/sf-agent-$version.pkg"
