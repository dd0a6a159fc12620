#!/usr/bin/env bash
# Access control benchmark (issue: office access control, authentication, audit).
# GetFamily over HTTPS with a WS-Security UsernameToken (PasswordDigest + Timestamp, a fresh nonce per
# request) beside the same call with the demo flag (plain HTTP, no token), in one JVM and one run, then the
# cost of the authorisation check alone. Target: secured >= 60 % of the demo-flag throughput.
# Usage: bench/access.sh                 (env: SECONDS_PER_RUN=20, ROUNDS=2, CLIENTS=16)
# Only 127.0.0.1 is contacted; nothing is written outside bench/out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compile.sh"   # sets root, out, cp; compiles bench/src
echo "# access benchmark, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
java ${JAVA_OPTS:--Xmx2g} -Dlogback.configurationFile="$root/bench/logback-bench.xml" -cp "$out/classes:$cp" \
  org.dossierlink.bench.AccessBench "${SECONDS_PER_RUN:-20}" "${ROUNDS:-2}" "${CLIENTS:-16}"
