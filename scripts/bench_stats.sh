#!/usr/bin/env bash
# Statistics benchmark: pure-Java SRCC + KRCC + PLCC + logistic-4 fit on n = 10^6 against SciPy on the
# same data (target ratio java/scipy <= 1.0), the Spark SQL path, and B = 1000 bootstrap CIs for n = 2,015
# (target < 2 s). Needs python3 with numpy and scipy (e.g. .venv from the README).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-1000000}"
PY="${PYTHON:-$( [[ -x .venv/bin/python ]] && echo .venv/bin/python || echo python3 )}"
[[ -d jobs/target/lib && -d jobs/target/test-classes ]] || mvn -q -B -DskipTests package   # benchmarks live in test scope
CP="jobs/target/test-classes:$(ls jobs/target/jobs-*-SNAPSHOT.jar | grep -v shaded):jobs/target/lib/*:jobs/target/spark-lib/*"
OPENS="$(sed -n 's/.*<spark.jvm.opens>\(.*\)<\/spark.jvm.opens>.*/\1/p' pom.xml)"
export SPARK_LOCAL_IP=127.0.0.1
mkdir -p out/bench
# shellcheck disable=SC2086
java $OPENS -Xmx8g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$CP" \
  io.sparkiqa.jobs.bench.StatsBenchmark "$N" out/bench/stats.bin 2>/dev/null | tee out/bench/java.txt
"$PY" scripts/bench_stats_scipy.py out/bench/stats.bin | tee out/bench/scipy.txt
JAVA_S=$(sed -n 's/^java  SRCC.*: \([0-9.]*\) s.*/\1/p' out/bench/java.txt)
SCIPY_S=$(sed -n 's/^scipy SRCC.*: \([0-9.]*\) s.*/\1/p' out/bench/scipy.txt)
python3 -c "print(f'ratio java/scipy = {${JAVA_S}/${SCIPY_S}:.3f} (target <= 1.0)')"
