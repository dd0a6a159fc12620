#!/usr/bin/env bash
# Dialect benchmark (issue: office dialects).
#   1. conversion throughput (MB/s) of every dialect stylesheet on every corpus file, beside a Saxon
#      identity transform of the same file in the same JVM and run, and the time ratio of the two;
#   2. validation throughput of `dossierlink validate` against `xmllint --noout --schema` on one large
#      generated DOCDB file (so process start-up does not dominate), in the same run.
# Usage: bench/dialects.sh     (env: SECONDS_PER_ROW=1, measured after a warm-up of 1 s per row (JAVA_OPTS=-Ddialects.warmup=S); ONLY= a corpus path part, e.g. uspto/, to convert only those files; COPIES=200 copies of the 5 family members in the large file; ROUNDS=4)
# Output goes to bench/out/. Nothing is fetched from the network.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compile.sh"   # sets root, out, cp; compiles bench/src
corpus="${DOSSIERLINK_CORPUS:-$root/../shared/corpus}"

echo "## conversion, $(date -u +%FT%TZ), $(nproc) cores"
java ${JAVA_OPTS:-} -cp "$out/classes:$cp" org.dossierlink.bench.DialectBench "$corpus" "${SECONDS_PER_ROW:-1}" "${ONLY:-}"

echo
echo "## validation, $(date -u +%FT%TZ)"
java ${JAVA_OPTS:-} -cp "$out/classes:$cp" org.dossierlink.bench.ValidationBench "$corpus" "$out" "${COPIES:-200}" "${ROUNDS:-4}"
