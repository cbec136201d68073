#!/usr/bin/env bash
# Packs every library into artifacts/packages, checks what each package holds, then builds and runs
# samples/PackageConsumer against those packages (by version, from the local folder feed; never project references)
# and checks its output. Fails on the first problem. Used by .ci/run; runs on its own too:
#   bash .ci/package-consumer.sh
set -euo pipefail
cd "$(dirname "$0")/.."

packages=artifacts/packages
libraries=(ClaimsLedger ClaimsLedger.Sqlite ClaimsLedger.PostgreSql ClaimsLedger.EventStoreDb ClaimsLedger.Mediator)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
rm -rf "$packages" artifacts/consumer-packages

for library in "${libraries[@]}"; do
  # A CI build: deterministic, source paths normalised, so the symbols match the library (see Directory.Build.targets).
  dotnet pack "src/$library" -c Release -o "$packages" -v quiet --nologo -p:ContinuousIntegrationBuild=true
  package="$packages/$library.$version.nupkg"
  [ -f "$package" ] || { echo "no package $package"; exit 1; }
  [ -f "$packages/$library.$version.snupkg" ] || { echo "no symbol package for $library"; exit 1; }
  listing=$(unzip -l "$package")
  for part in README.md "lib/net10.0/$library.dll" "lib/net10.0/$library.xml" "$library.nuspec"; do
    grep -q "$part" <<<"$listing" || { echo "package $package lacks $part"; exit 1; }
  done
  nuspec=$(unzip -p "$package" "$library.nuspec")
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || { echo "$package lacks the licence expression"; exit 1; }
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || { echo "$package lacks its readme"; exit 1; }
  grep -q '<repository type="git" [^>]*commit="[0-9a-f]\{40\}"' <<<"$nuspec" || { echo "$package lacks repository metadata"; exit 1; }
  # Siblings use the core's internals: every dependency on a ClaimsLedger package is pinned to this exact version.
  loose=$(grep -o '<dependency id="ClaimsLedger[^"]*" version="[^"]*"' <<<"$nuspec" | grep -v "version=\"\[$version\]\"" || true)
  [ -z "$loose" ] || { echo "$package depends on a sibling at a loose version: $loose"; exit 1; }
  echo "packed $library $version"
done

output=$(dotnet run --project samples/PackageConsumer -c Release -p:ClaimsLedgerVersion="$version" 2>&1) || {
  echo "$output"; echo "the package consumer failed"; exit 1; }
# Taken as packages (a project reference has the same key in the assets file, with type "project"), and the very
# packages just packed: the copy restored into the consumer's own packages folder is byte-identical.
assets=samples/PackageConsumer/obj/project.assets.json
for library in ClaimsLedger ClaimsLedger.Sqlite ClaimsLedger.Mediator; do
  type=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["libraries"].get(sys.argv[2], {}).get("type", "missing"))' \
    "$assets" "$library/$version")
  [ "$type" = "package" ] || { echo "the consumer took $library $version as '$type', not as a package"; exit 1; }
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$library")
  restored="artifacts/consumer-packages/$lower/$version/$lower.$version.nupkg"
  cmp -s "$restored" "$packages/$library.$version.nupkg" \
    || { echo "the consumer restored $library $version from elsewhere than $packages ($restored differs)"; exit 1; }
done
for expected in \
  "ALERT: 'ukraine-behind-raid' is contested since russian-mod spoke" \
  "■ Ukraine directed the Belgorod raid  [ukraine-behind-raid]  — CONTESTED" \
  "certain   Mykhailo Podolyak — 2023-05-22 “nothing to do with it”"; do
  grep -qF "$expected" <<<"$output" || { echo "$output"; echo "the package consumer did not print: $expected"; exit 1; }
done
echo "the package consumer ran on the packages and printed the board"
