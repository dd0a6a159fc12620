#!/usr/bin/env bash
# Bulk package benchmark (issue 5).
#   1. Generates packages of 20,000 and ITEMS (default 200,000) dossiers from the real corpus documents
#      (every dossier record of the corpus, converted to canonical once, repeated with varied numbers;
#      bench/src/.../BulkPackageGenerator.java), with a progress line.
#   2. For each package, side by side in this run: a plain StAX pass over it (every entry parsed, nothing
#      else: BulkRawParse.java, with the JVM options the launcher gives batch commands, conf/batch-jvm.options), then
#      `./dossierlink import` of it (the launcher, running the copy of the build) with JAVA_OPTS=-Xmx256m into an empty
#      H2 store and into an empty PostgreSQL schema, each under /usr/bin/time -v (peak RSS = its
#      "Maximum resident set size", the process's VmHWM).
#   Prints dossiers/s and MB/s (package bytes per second) and the import's CPU seconds (steadier than rates
#   on a shared machine) for each, the import's share of the raw rate
#   (target: at least 25%), and the time per 1,000 items at 20k and at ITEMS (linear growth: about equal).
# Results and findings: BENCHMARKS.md, section "Bulk packages".
# Usage: bench/bulk.sh
#   env: ITEMS=200000  SMALL=20000  PG_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres  (PG_URL= skips PostgreSQL)
#        APP=DIR: import with the dossierlink.jar and lib/ in DIR instead of this tree's build (a before/after
#        comparison with another branch's build, in the same run conditions)
# Everything it writes goes to bench/out/bulk/ (packages, stores, logs); the PostgreSQL schemas it creates
# (bench_bulk_*) are dropped at the end. Needs /usr/bin/time and psql (for the schemas).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compile.sh"   # sets root, out, cp; compiles bench/src
corpus="${DOSSIERLINK_CORPUS:-$root/../shared/corpus}"
classes="$out/classes"
out="$out/bulk"
ITEMS="${ITEMS:-200000}"
SMALL="${SMALL:-20000}"
PG_URL="${PG_URL-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
mkdir -p "$out"
# a copy of the build: a later mvn run in this tree cannot swap the jar under a running benchmark
app_src="${APP:-$root/target}"
rm -rf "$out/app"; mkdir -p "$out/app"; cp -r "$app_src/dossierlink.jar" "$app_src/lib" "$out/app/"
jar="$out/app/dossierlink.jar"
cp="$jar:$out/app/lib/*"

echo "# Bulk package benchmark, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg), importer $app_src"

for n in "$SMALL" "$ITEMS"; do
  if [ ! -f "$out/p$n.zip" ]; then
    java -Xmx1g -cp "$classes:$cp" org.dossierlink.bench.BulkPackageGenerator "$corpus" "$out/p$n.zip" "$n" "$out/trust" 2>&1 \
      | grep -v '^  (skipped' | tail -3
  fi
done
printf 'signature.trust=%s\n' "$out/trust" > "$out/h2.properties"

schemas=()
cleanup() {
  for s in "${schemas[@]}"; do psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

# import FILE STORE-LABEL CONFIG DATA: prints "label items seconds rss_kb"
run_import() {
  local pkg="$1" label="$2" config="$3" data="$4" log="$out/import-$2-$(basename "$1" .zip).log"
  rm -rf "$data"
  # through the launcher, as a user runs it (JAVA_OPTS as the issue gives it); exec: time measures the JVM
  /usr/bin/time -v env JAVA_OPTS=-Xmx256m DOSSIERLINK_JAR="$jar" "$root/dossierlink" import --config "$config" \
    --data "$data" "$pkg" >"$log" 2>&1 || { echo "import failed, see $log" >&2; tail -5 "$log" >&2; exit 1; }
  local wall rss line cpu
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/{t+=$2} END{printf "%.1f", t}' "$log")
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  line=$(grep 'done in' "$log" | tail -1)
  echo "$label|$line|$wall|$rss|$cpu"
}

for n in "$SMALL" "$ITEMS"; do
  pkg="$out/p$n.zip"
  mb=$(awk -v b="$(stat -c %s "$pkg")" 'BEGIN{printf "%.1f", b/1e6}')
  echo
  echo "## $n items, package $mb MB, $(date -u +%TZ), load $(cut -d" " -f1-3 /proc/loadavg)"
  # the same JVM options as the import: those the launcher gives a batch command, then -Xmx256m
  # shellcheck disable=SC2046
  raw=$(java $(grep -v -e '^#' -e '^$' "$root/conf/batch-jvm.options") -Xmx256m -cp "$classes:$cp" \
    org.dossierlink.bench.BulkRawParse "$pkg")
  echo "$raw"
  raw_rate=$(echo "$raw" | sed -E 's/.* ([0-9]+) items\/s.*/\1/')
  results=("$(run_import "$pkg" h2 "$out/h2.properties" "$out/h2-$n")")
  if [ -n "$PG_URL" ]; then
    schema="bench_bulk_$(date +%s)_$n"
    psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
    schemas+=("$schema")
    printf 'signature.trust=%s\nstore.url=%s&currentSchema=%s\n' "$out/trust" "$PG_URL" "$schema" > "$out/pg.properties"
    results+=("$(run_import "$pkg" postgresql "$out/pg.properties" "$out/pg-data")")
  fi
  for r in "${results[@]}"; do
    IFS='|' read -r label line wall rss cpu <<<"$r"
    # "import pN.zip: 200,000/200,000 items, 1234.5/s, done in 2m42s"
    rate=$(echo "$line" | sed -E 's/.* ([0-9.]+)\/s.*/\1/')
    awk -v l="$label" -v r="$rate" -v raw="$raw_rate" -v mb="$mb" -v n="$n" -v w="$wall" -v rss="$rss" -v cpu="$cpu" 'BEGIN{
      s=n/r; printf "import into %-10s %8.0f dossiers/s  %6.2f MB/s  %5.1f%% of the raw StAX rate  %.1f s for %d items (%.2f s per 1,000; wall %s with JVM start)  CPU %s s (user + system, this JVM)  peak RSS %.0f MB\n",
      l, r, mb/s, 100*r/raw, s, n, 1000*s/n, w, cpu, rss/1024}'
  done
done
