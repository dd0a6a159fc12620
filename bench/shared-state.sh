#!/usr/bin/env bash
# Several nodes on one store (issue 6): what sharing the used nonces and the quota counts through
# PostgreSQL costs GetFamily with a UsernameToken, beside the same node keeping them in memory, and two
# nodes on one schema, in one JVM and one run; then the cost of one nonce check and one quota admission.
# Usage: bench/shared-state.sh   (env: PG_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres,
#                                 SECONDS_PER_RUN=20, ROUNDS=2, CLIENTS=16)
# Only 127.0.0.1 is contacted; the schema it creates in PG_URL's database is dropped at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compile.sh"   # sets root, out, cp; compiles bench/src
echo "# shared-state benchmark, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
java ${JAVA_OPTS:--Xmx2g} -Dlogback.configurationFile="$root/bench/logback-bench.xml" -cp "$out/classes:$cp" \
  org.dossierlink.bench.SharedStateBench "${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}" \
  "${SECONDS_PER_RUN:-20}" "${ROUNDS:-2}" "${CLIENTS:-16}"
