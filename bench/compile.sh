# Sourced by the benchmark scripts: builds target/dossierlink.jar when stale and compiles bench/src into
# bench/out/classes. Sets root (the repository), out (bench/out) and cp (the jar and its libraries), and
# leaves the current folder at the repository.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/bench/out"
mkdir -p "$out"
./dossierlink --version >/dev/null   # builds target/dossierlink.jar when stale
cp="$root/target/dossierlink.jar:$root/target/lib/*"
rm -rf "$out/classes"; mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$cp" $(find "$root/bench/src" -name '*.java')
