#!/usr/bin/env bash
# Times Flask's session serializer and Satchel's codecs in one sitting and prints ns/op, B/op and the ratios.
#   bench/codec-compare.sh            short run (about 1 minute: 1 fork, 2x1s warmup, 3x1s measurement)
#   JMH_ARGS="-f 2 -wi 5 -i 5" bench/codec-compare.sh    a longer, steadier run
# Needs: /usr/bin/python3 with Debian's python3-flask, and satchel-bench/target/benchmarks.jar
# (mvn -B -pl satchel-bench -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=satchel-bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "build $jar first: mvn -B -pl satchel-bench -am package -DskipTests" >&2; exit 1; }
out=$(mktemp -d)

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Flask"
/usr/bin/python3 bench/codec-flask.py 0.5 | tee "$out/flask.txt"
echo "== Satchel (JMH)"
# shellcheck disable=SC2086
java -jar "$jar" CodecBenchmark ${JMH_ARGS:--f 1 -wi 2 -i 3 -w 1s -r 1s} -prof gc -rf json -rff "$out/jmh.json" \
  | grep -E '^(Benchmark|CodecBenchmark)' | grep -vE 'churn|gc.count|gc.time|alloc.rate  '
echo "== Satchel (thread CPU time, steady under load)"
java -cp "$jar" dev.satchel.bench.CpuTimeRunner | tee "$out/cpu.txt"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$out/flask.txt" "$out/jmh.json" "$out/cpu.txt" <<'PY'
import json, sys
flask = {k: float(v) * 1000 for k, v in (line.split()[:2] for line in open(sys.argv[1]) if "_us " in line)}
cpu = {line.split()[0]: (int(line.split()[2]), int(line.split()[4])) for line in open(sys.argv[3])}
print("\n| operation | JMH ns/op | JMH B/op | Flask wall ns/op | wall speed-up | CPU ns/op | Flask CPU ns/op | CPU speed-up |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in json.load(open(sys.argv[2])):
    name = r["benchmark"].rsplit(".", 1)[1]
    ns = r["primaryMetric"]["score"]
    alloc = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    op = "dumps" if name.endswith("Encode") else "loads"
    wall, fcpu = flask[op + "_us"], flask[op + "_cpu_us"]
    c = cpu[name][0]
    print(f"| {name} | {ns:.0f} | {alloc:.0f} | {wall:.0f} | {wall / ns:.1f}x | {c} | {fcpu:.0f} | {fcpu / c:.1f}x |")
PY
