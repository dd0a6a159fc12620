#!/usr/bin/env bash
# Family lookup benchmark (issue: core service).
#   1. generates a synthetic store of APPS applications (default 1,000,000) and times it;
#   2. starts the server on that store on a free local port, signing with a benchmark key made once in
#      bench/out (bench/out/bench-node.properties names it);
#   3. runs wrk at 16 connections: GetServiceInfo and GetFamily, alternated ROUNDS times in one run;
#   4. prints requests/s, p50, p99 and errors of each, the ratio GetFamily/GetServiceInfo, and the server JVM's CPU
#      time per request of each operation (from /proc; it holds when the machine is busy, requests/s does not).
# Usage: bench/family-load.sh            (env: APPS, DURATION=30s, ROUNDS=2, CONNECTIONS=16, THREADS=2)
# Everything it writes goes to bench/out/. Only 127.0.0.1 is contacted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
APPS="${APPS:-1000000}"
DURATION="${DURATION:-30s}"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
out="$root/bench/out"
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

./dossierlink --version >/dev/null   # builds target/dossierlink.jar when stale
cp="$root/target/dossierlink.jar:$root/target/lib/*"
rm -rf "$out/classes"; mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" $(find "$root/bench/src" -name '*.java')

data="$out/data-$APPS"
queries="$out/queries-$APPS.tsv"
if [ ! -f "$data/.complete" ]; then
  rm -rf "$data"; mkdir -p "$data"
  echo "== generating $APPS applications"
  /usr/bin/time -f "generate+load wall %e s, max RSS %M KB" \
    java ${JAVA_OPTS:-} -cp "$out/classes:$cp" org.dossierlink.bench.SyntheticStoreGenerator "$data" "$APPS" "$queries" \
    | tee "$out/generate-$APPS.txt"
  touch "$data/.complete"
fi

# serve signs every answer and needs a signing keystore: the benchmark has its own in bench/out, made once
# by `dossierlink keys generate` (a self-signed key of the default algorithm; keys generate writes a random
# password to the file), and made again when it has no key that signs now (expired, or another algorithm)
config="$out/bench-node.properties"
cat >"$config" <<EOF
# written by bench/family-load.sh
signature.keystore=$out/bench-signing.p12
signature.keystore.password-file=$out/bench-signing.p12.password
# a variable nobody sets, so that the password file is read even where DOSSIERLINK_KEYSTORE_PASSWORD is set
signature.keystore.password-env=DOSSIERLINK_BENCH_KEYSTORE_PASSWORD
EOF
if ! java -jar "$root/target/dossierlink.jar" keys --config "$config" list 2>/dev/null | grep -q '^current '; then
  rm -f "$out/bench-signing.p12" "$out/bench-signing.p12.password"
  java -jar "$root/target/dossierlink.jar" keys --config "$config" generate --alias bench --days 3650 \
    --subject "CN=dossierlink benchmark node"
fi

port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port/services/dossier"
echo "== starting server on $url"
java ${SERVER_JAVA_OPTS:--Xmx4g} -jar "$root/target/dossierlink.jar" serve --demo --config "$config" --data "$data" --port "$port" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
info='<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetServiceInfo xmlns="urn:dossierlink:messages:1"/></soap:Body></soap:Envelope>'
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null -H 'Content-Type: text/xml' -H 'SOAPAction: "urn:dossierlink:service:1:GetServiceInfo"' \
       --data "$info" "$url" 2>/dev/null; then break; fi
  kill -0 $server 2>/dev/null || { echo "server died:"; cat "$out/server.log"; exit 1; }
  sleep 0.2
done

cpu_ticks() { # the server JVM's user + system CPU time so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$server/stat"
}
hz="$(getconf CLK_TCK)"
run() { # duration script [args]; adds the server's CPU time per request (wrk runs in another process, so
        # this holds when other work on the machine takes cores away and moves requests/s)
  local before after line
  before="$(cpu_ticks)"
  line="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -s "$root/bench/wrk/$2" "$url" -- "${@:3}" | grep '^RESULT' || true)"
  after="$(cpu_ticks)"
  [ -n "$line" ] || return 0
  echo "$line" | awk -v t=$((after - before)) -v hz="$hz" '{ for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "requests") n = kv[2] }
    printf "%s server_cpu_ms=%.3f\n", $0, (n > 0 ? t * 1000 / hz / n : 0) }'
}
echo "== warm-up"
run 10s service-info.lua >/dev/null
run 10s family.lua "$queries" >/dev/null
echo "== measuring ($ROUNDS rounds of $DURATION each, $CONNECTIONS connections)"
results="$out/results-$(date -u +%Y%m%dT%H%M%SZ).txt"
for r in $(seq 1 "$ROUNDS"); do
  run "$DURATION" service-info.lua | tee -a "$results"
  run "$DURATION" family.lua "$queries" | tee -a "$results"
done
awk '/^RESULT/ { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$2, kv[1]] += kv[2] } n[$2]++ }
  END {
    for (op in n) printf "%-15s mean of %d: %.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d\n", op, n[op],
      v[op, "rps"] / n[op], v[op, "p50_ms"] / n[op], v[op, "p99_ms"] / n[op], v[op, "errors"]
    for (op in n) printf "%-15s server CPU per request: %.3f ms\n", op, v[op, "server_cpu_ms"] / n[op]
    if (n["GetServiceInfo"] && n["GetFamily"])
      printf "GetFamily/GetServiceInfo throughput ratio: %.2f\n", (v["GetFamily", "rps"] / n["GetFamily"]) / (v["GetServiceInfo", "rps"] / n["GetServiceInfo"])
  }' "$results" | tee -a "$results"
echo "results: $results"
