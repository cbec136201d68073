#!/usr/bin/env bash
# Packs the claims tool (src/ClaimsLedger.Cli) as a .NET tool into a temp folder, installs it from there with
# `dotnet tool install --tool-path` (its dependencies come from the machine's configured NuGet source), then runs the
# README's walk-through with the installed `claims`: import the Belgorod notes, ask for the board as of 2023-05-24
# (possibly said, as the README's last step).
# Fails on the first problem. Runs on its own too:
#   bash .ci/cli-tool.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
work=$(mktemp -d /tmp/claims-cli-tool.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet pack src/ClaimsLedger.Cli -c Release -o "$work/packages" -v quiet --nologo
package="$work/packages/ClaimsLedger.Cli.$version.nupkg"
[ -f "$package" ] || { echo "no tool package $package"; exit 1; }
unzip -l "$package" | grep -q "tools/net10.0/any/DotnetToolSettings.xml" || { echo "$package is not a .NET tool package"; exit 1; }
unzip -p "$package" tools/net10.0/any/DotnetToolSettings.xml | grep -q 'Name="claims"' || { echo "the tool's command is not named claims"; exit 1; }

# The version never changes between builds, so a copy cached by an earlier run would be installed instead of the one
# just packed: drop that one package from the machine's global packages folder first.
packages_folder=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
[ -n "$packages_folder" ] && rm -rf "$packages_folder/claimsledger.cli/$version"
dotnet tool install --tool-path "$work/tools" ClaimsLedger.Cli --add-source "$work/packages" --version "$version" >/dev/null
claims="$work/tools/claims"
[ -x "$claims" ] || { echo "dotnet tool install left no $claims"; exit 1; }

import=$("$claims" import samples/data/belgorod.ndjson --db "$work/l.db" 2>&1) || { echo "$import"; echo "claims import failed"; exit 1; }
grep -q '^imported [0-9]* events' <<<"$import" || { echo "$import"; echo "claims import printed no final line"; exit 1; }
board=$("$claims" board --as-of 2023-05-24 --possibly --db "$work/l.db" 2>&1) || { echo "$board"; echo "claims board failed"; exit 1; }
grep -qF "[ukraine-behind-belgorod-raid] CONTESTED" <<<"$board" || { echo "$board"; echo "the board does not show ukraine-behind-belgorod-raid"; exit 1; }
json=$("$claims" board --as-of 2023-05-24 --possibly --json --db "$work/l.db") || { echo "claims board --json failed"; exit 1; }
grep -qF '"id": "ukraine-behind-belgorod-raid"' <<<"$json" || { echo "claims board --json lacks ukraine-behind-belgorod-raid"; exit 1; }
echo "the claims tool $version packed, installed with dotnet tool install, imported the Belgorod notes and showed the board"
