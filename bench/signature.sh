#!/usr/bin/env bash
# XML-DSig benchmark (issue: XML-DSig).
#   1. GetDocument on a ~50 KB XML document (EP 1667425 A1, ST.36, from the corpus), signed beside unsigned:
#      one JVM, one H2 store, three servers on free ports of 127.0.0.1 (unsigned, signed RSA-SHA256, signed
#      ECDSA-P256); after a warm-up, wrk (keep-alive, bench/wrk/get-document.lua) runs against each in turn,
#      ROUNDS times, order rotated each round. Prints requests/s, the server JVM's CPU time per answer, p50,
#      p99, and the ratios signed/unsigned; then an in-process breakdown of the signing steps.
#      Target: signed throughput at least 60% of unsigned.
#   2. Signing and verifying a ~10 MB document (corpus publications under one root), dossierlink in the JVM
#      (parse + sign + write, parse + verify) beside xmlsec1 (--sign with an equivalent template, --verify
#      --trusted-pem) on the same file; xmlsec1's time on a tiny file shows its start-up share.
#      Target: dossierlink at most 1.5x xmlsec1's time.
# Results and findings: BENCHMARKS.md, section "XML-DSig".
# Usage: bench/signature.sh
#   env: SECONDS_PER_ROUND=20 ROUNDS=3 CONNECTIONS=8 THREADS=2 WARMUP=15   (part 1)
#        SIZE_MB=10 SIGN_ROUNDS=7 SIGN_WARMUP=3                             (part 2)
#        PARTS="1 2" (run only one part with PARTS=1 or PARTS=2)
# Everything it writes goes to bench/out/ (server log: bench/out/signature-server.log). Only 127.0.0.1 is
# contacted. Needs wrk and xmlsec1 (Debian packages wrk, xmlsec1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
corpus="${DOSSIERLINK_CORPUS:-$root/../shared/corpus}"
out="$root/bench/out"
mkdir -p "$out"
PARTS="${PARTS:-1 2}"

for tool in wrk xmlsec1; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/signature.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done

./dossierlink --version >/dev/null   # builds target/dossierlink.jar when stale
cp="$root/target/dossierlink.jar:$root/target/lib/*"
rm -rf "$out/classes"; mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" $(find "$root/bench/src" -name '*.java')

echo "# XML-DSig benchmark, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1), $(xmlsec1 --version)"
if [[ " $PARTS " == *" 1 "* ]]; then
  echo
  echo "## 1. GetDocument, signed beside unsigned"
  java ${JAVA_OPTS:--Xmx2g} -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$out/signature-server.log" -cp "$out/classes:$cp" org.dossierlink.bench.SignedResponseBench \
    "$corpus/st36/ep-publication/EP1667425A1_DOC00001.xml" "$out" "${SECONDS_PER_ROUND:-20}" "${ROUNDS:-3}" \
    "${CONNECTIONS:-8}" "${THREADS:-2}" "${WARMUP:-15}"
fi
if [[ " $PARTS " == *" 2 "* ]]; then
  echo
  echo "## 2. Signing and verifying ${SIZE_MB:-10} MB, dossierlink beside xmlsec1"
  java ${JAVA_OPTS:--Xmx3g} -cp "$out/classes:$cp" org.dossierlink.bench.LargeSignatureBench \
    "$corpus" "$out" "${SIZE_MB:-10}" "${SIGN_ROUNDS:-7}" "${SIGN_WARMUP:-3}"
fi
