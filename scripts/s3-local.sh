#!/usr/bin/env bash
# Start or stop a local S3-compatible server (S3Proxy, filesystem backend) on loopback, so the s3a://
# path can be tried on one machine. Data lives in out/s3-local/data (a bucket = a sub-folder).
#   scripts/s3-local.sh start [BUCKET ...]   # default bucket: sparkiqa
#   scripts/s3-local.sh stop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/out/s3-local"
PORT="${S3_LOCAL_PORT:-9000}"
KEY="${S3_LOCAL_KEY:-local-key}"
SECRET="${S3_LOCAL_SECRET:-local-secret}"
JAR="$ROOT/jobs/target/tools/s3proxy.jar"
case "${1:-}" in
  start)
    shift
    [[ -f "$JAR" ]] || (cd "$ROOT" && mvn -q -B -DskipTests -pl jobs -am process-resources)
    mkdir -p "$DIR/data"
    for b in "${@:-sparkiqa}"; do mkdir -p "$DIR/data/$b"; done
    cat > "$DIR/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$KEY
s3proxy.credential=$SECRET
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DIR/data
PROPS
    nohup java -Xmx512m -jar "$JAR" --properties "$DIR/s3proxy.properties" > "$DIR/s3proxy.log" 2>&1 &
    echo $! > "$DIR/pid"
    for _ in $(seq 1 100); do
      curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
      sleep 0.2
    done
    cat <<MSG
S3Proxy listening on http://127.0.0.1:$PORT (pid $(cat "$DIR/pid")), buckets: ${*:-sparkiqa}
Use these settings (e.g. appended to a copy of conf/local.properties, then --profile that file):
spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:$PORT
spark.hadoop.fs.s3a.endpoint.region=us-east-1
spark.hadoop.fs.s3a.path.style.access=true
spark.hadoop.fs.s3a.connection.ssl.enabled=false
spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider
spark.hadoop.fs.s3a.access.key=$KEY
spark.hadoop.fs.s3a.secret.key=<the S3_LOCAL_SECRET you chose; default local-secret>
Files copied straight into $DIR/data have no ETag and S3A refuses them: upload through S3A, e.g.
  aws --endpoint-url http://127.0.0.1:$PORT s3 cp --recursive DIR s3://BUCKET/PREFIX (keys as above)
MSG
    ;;
  stop)
    if [[ -f "$DIR/pid" ]]; then kill "$(cat "$DIR/pid")" 2>/dev/null || true; rm -f "$DIR/pid"; echo "stopped"; else echo "not running"; fi
    ;;
  *) echo "usage: $0 start [BUCKET ...] | stop" >&2; exit 2 ;;
esac
