#!/usr/bin/env bash
# The test command (README "Run the tests"; .ci/run calls exactly this). It sets up what the tests need where it
# can, or stops at once naming the missing piece and how to get it, then runs `mvn -B -ntp verify` (extra
# arguments go to Maven, e.g. -Dit.test=ClusterIT).
#   JDK 17+ and Maven               must be installed (Debian: openjdk-17-jdk-headless maven)
#   chromium                        renders the report in ReportChromiumIT; installed with apt-get when run as root
#   .venv (python3 -m venv)         pandas, pyarrow, matplotlib, SciPy, nbconvert for NotebooksIT; torch (CPU), onnx,
#                                   onnxruntime, pillow for ExportModelIT and the inference-server tests
#                                   (scripts/kserve/v2_server.py); from the local wheel indexes when present
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
missing() { echo "scripts/test.sh: $1" >&2; exit 2; }

command -v java >/dev/null 2>&1 || missing "no java on PATH: install a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)"
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
[[ ${JAVA_MAJOR%%.*} -ge 17 ]] || missing "java $JAVA_MAJOR found, the build needs 17 or newer"
command -v mvn >/dev/null 2>&1 || missing "no mvn on PATH: install Maven 3.9 (Debian: apt-get install maven)"
command -v python3 >/dev/null 2>&1 || missing "no python3: the notebook and export tests need Python 3.11 (Debian: apt-get install python3 python3-venv)"

if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/test.sh: installing chromium (Debian's package) for ReportChromiumIT" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    missing "no chromium: headless Chromium renders the report in ReportChromiumIT; install it (sudo apt-get install chromium)"
  fi
fi

PY_MODULES="pandas, pyarrow, matplotlib, scipy, nbconvert, ipykernel, torch, onnx, onnxruntime, PIL"
if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c "import $PY_MODULES" 2>/dev/null; then
  echo "scripts/test.sh: making .venv (notebooks and model export tests)" >&2
  python3 -m venv .venv || missing "python3 -m venv failed: install the venv module (Debian: apt-get install python3-venv)"
  PIP_IDX=()
  [[ -d /opt/pypi/simple ]] && PIP_IDX=(--index-url file:///opt/pypi/simple)
  [[ -d /opt/pypi-more/simple ]] && PIP_IDX+=(--extra-index-url file:///opt/pypi-more/simple)
  .venv/bin/pip install -q "${PIP_IDX[@]}" numpy scipy pandas pyarrow matplotlib nbconvert nbformat ipykernel \
    torch onnx onnxruntime pillow 2>&1 | grep -v "is ignored: it is neither a file nor a directory" || true
  .venv/bin/python -c "import $PY_MODULES" 2>/dev/null \
    || missing "could not install the Python packages into .venv ($PY_MODULES); install them with .venv/bin/pip and rerun"
fi

# the inference-server tests start scripts/kserve/v2_server.py with .venv: here they must run, not skip
export SPARKIQA_REQUIRE_VENV=1
exec mvn -B -ntp verify "$@"
