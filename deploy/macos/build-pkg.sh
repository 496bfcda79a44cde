#!/bin/bash
# Builds the agent's macOS installer for Jamf on a Mac builder, from a clean checkout, unchanged:
#   deploy/macos/build-pkg.sh
# → dist/packages/sf-agent-<version>-macos-<arch>.pkg (+ .sha256) and dist/packages/sf-agent.mobileconfig.
# Needs Xcode command line tools (pkgbuild, productbuild, codesign, lipo; notarytool and stapler to notarise)
# and Node.js 20+ (the official nodejs.org installer's node is Developer ID signed by the OpenJS Foundation
# with the hardened runtime, which notarisation requires).
#
# The pkg carries that node (SF_MAC_NODE=/path/to/node to choose another) and dist/sf-agent.mjs; its
# architecture is the node's: build once with an arm64 node and once with an x86_64 node (the darwin-x64
# tarball's bin/node) for a fleet with Intel Macs, and scope each in Jamf by architecture.
#
# Signing, each from the builder's keychain (without them the pkg is unsigned: fine for Jamf, which
# installs as root, but not for double-click installs; the script says so):
#   SF_MAC_APP_IDENTITY        "Developer ID Application: <Organisation> (<TEAMID>)": signs node when it
#                              does not already carry a Developer ID signature (e.g. Homebrew's node)
#   SF_MAC_INSTALLER_IDENTITY  "Developer ID Installer: <Organisation> (<TEAMID>)": signs the pkg
#   SF_NOTARY_PROFILE          a `xcrun notarytool store-credentials` profile: notarises and staples the pkg
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build-pkg.sh: needs macOS (pkgbuild, productbuild, codesign)" >&2; exit 1; }
node_bin="${SF_MAC_NODE:-$(command -v node)}"
"$node_bin" -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || { echo "build-pkg.sh: $node_bin is not Node.js 20+" >&2; exit 1; }
arch="$(lipo -archs "$node_bin")"
case "$arch" in arm64 | x86_64) ;; *) echo "build-pkg.sh: $node_bin holds '$arch'; give a single-architecture node with SF_MAC_NODE" >&2; exit 1 ;; esac

# The agent bundle, from the lock file (as scripts/setup.sh does).
[ -d node_modules ] || npm install --no-audit --no-fund --loglevel=error
node scripts/build.mjs
version="$(node -p 'require("./package.json").version')"
out=dist/packages
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

root="$work/root"
bin="$root/Library/Application Support/SmartFoundations/bin"
mkdir -p "$bin" "$root/Library/LaunchDaemons"
install -m 0755 "$node_bin" "$bin/node"
install -m 0644 dist/sf-agent.mjs "$bin/sf-agent.mjs"
install -m 0644 deploy/macos/uk.nhs.smartfoundations.agent.plist "$root/Library/LaunchDaemons/"

if ! codesign -dv --verbose=2 "$bin/node" 2>&1 | grep -q '^Authority=Developer ID Application'; then
  if [ -n "${SF_MAC_APP_IDENTITY:-}" ]; then
    codesign --force --options runtime --timestamp --entitlements deploy/macos/node.entitlements \
      --sign "$SF_MAC_APP_IDENTITY" "$bin/node"
  else
    echo "build-pkg.sh: WARNING: $node_bin has no Developer ID signature and SF_MAC_APP_IDENTITY is not set: the pkg cannot be notarised" >&2
  fi
fi
requirement="$(codesign -d -r- "$bin/node" 2>&1 | sed -n 's/^designated => //p')"

pkgbuild --root "$root" --scripts deploy/macos/scripts --identifier uk.nhs.smartfoundations.agent \
  --version "$version" --install-location / --ownership recommended "$work/sf-agent-component.pkg"
cat >"$work/distribution.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<installer-gui-script minSpecVersion="2">
  <title>Smart Foundations telemetry agent $version</title>
  <options customize="never" require-scripts="true" hostArchitectures="$arch"/>
  <domains enable_anywhere="false" enable_currentUserHome="false" enable_localSystem="true"/>
  <volume-check><allowed-os-versions><os-version min="12.0"/></allowed-os-versions></volume-check>
  <choices-outline><line choice="agent"/></choices-outline>
  <choice id="agent" visible="false"><pkg-ref id="uk.nhs.smartfoundations.agent"/></choice>
  <pkg-ref id="uk.nhs.smartfoundations.agent" version="$version" onConclusion="none">sf-agent-component.pkg</pkg-ref>
</installer-gui-script>
XML
pkg="$out/sf-agent-$version-macos-$arch.pkg"
sign_args=()
if [ -n "${SF_MAC_INSTALLER_IDENTITY:-}" ]; then sign_args=(--sign "$SF_MAC_INSTALLER_IDENTITY" --timestamp); else
  echo "build-pkg.sh: WARNING: SF_MAC_INSTALLER_IDENTITY is not set: the pkg is unsigned (Jamf installs it; users cannot)" >&2
fi
productbuild --distribution "$work/distribution.xml" --package-path "$work" "${sign_args[@]+"${sign_args[@]}"}" "$pkg"
if [ -n "${SF_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$pkg" --keychain-profile "$SF_NOTARY_PROFILE" --wait
  xcrun stapler staple "$pkg"
fi
shasum -a 256 "$pkg" | sed "s|  $out/|  |" >"$pkg.sha256"

# The Jamf profile, with this node's designated requirement filled in (for an admin who adds a PPPC grant).
REQUIREMENT="$requirement" node -e '
  const fs = require("fs");
  const xml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const text = fs.readFileSync("deploy/macos/sf-agent.mobileconfig", "utf8").replace("__NODE_CODE_REQUIREMENT__", xml(process.env.REQUIREMENT || "unknown"));
  fs.writeFileSync(process.argv[1], text);' "$out/sf-agent.mobileconfig"
echo "build-pkg.sh: $pkg ($(du -h "$pkg" | cut -f1)), $out/sf-agent.mobileconfig; node requirement: $requirement"
