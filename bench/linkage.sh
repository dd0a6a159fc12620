#!/usr/bin/env bash
# Linkage benchmark (issue: linkage between networks).
# Federated GetFamily (jp-net asking ep-net and cn-net in parallel, each answer verified) against local-only
# GetFamily (jp-net's same store, not linked), and each peer's own GetFamily, in one JVM and one run, rounds
# alternating. Prints p50 and p99 of each, and the p99 overhead of federation against 2x the slowest peer's p99.
# Usage: bench/linkage.sh                (env: SECONDS_PER_RUN=15, ROUNDS=3, CLIENTS=1, FAMILIES=2000)
# ARMS=federated (a comma-separated subset of local,federated,ep-net,cn-net) runs only those, e.g. to profile
# one with JAVA_OPTS='-Xmx2g -XX:StartFlightRecording=filename=bench/out/linkage.jfr'.
# CLIENTS=1 by default: the target is about latency (peers asked in parallel), and three nodes and the
# client share the machine, so more clients measure CPU saturation rather than the fan-out.
# About 4 x ROUNDS x SECONDS_PER_RUN + 30 s (default: about 4 minutes). Only 127.0.0.1 is contacted;
# nothing is written outside bench/out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compile.sh"   # sets root, out, cp; compiles bench/src
rm -rf "$out/linkage"
echo "# linkage benchmark, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
java ${JAVA_OPTS:--Xmx2g} -Dlogback.configurationFile="$root/bench/logback-bench.xml" -cp "$out/classes:$cp" \
  org.dossierlink.bench.LinkageBench "${SECONDS_PER_RUN:-15}" "${ROUNDS:-3}" "${CLIENTS:-1}" "${FAMILIES:-2000}" "${ARMS:-}"
