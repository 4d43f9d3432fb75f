#!/usr/bin/env bash
# How the peer systems (and Satchel's bench app in redis mode) are built and started: one place for bench/run-all,
# which sources this file, and the reliability suite's peer concurrency scenario, which runs it.
#
#   source bench/peers/start.sh                  defines the functions below (bench/run-all, bench/run-pair)
#   bench/peers/start.sh build NAME              builds what NAME needs (its output: the build's)
#   bench/peers/start.sh check NAME              prints why NAME cannot run here (nothing when it can)
#   bench/peers/start.sh run NAME PORT REDIS_PORT   execs NAME on 127.0.0.1:PORT against Redis on 127.0.0.1:REDIS_PORT
#
# NAME: flask-cookie, flask-session-redis, spring-session-redis, express-none, express-session-redis, satchel-redis.
# Environment: GUNICORN_WORKERS (sync workers of the Flask peer, default 1; bench/run-all gives one per server core),
#              BENCH_JAVA_OPTS is the array of JVM flags used for the Java systems (set below when unset).

PEERS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PEERS_ROOT=$(cd "$PEERS_DIR/../.." && pwd)
SATCHEL_JAR=$PEERS_ROOT/satchel-bench-http/target/satchel-bench-http.jar
SPRING_JAR=$PEERS_DIR/spring-session/target/spring-session-peer.jar
[[ -v BENCH_JAVA_OPTS ]] || BENCH_JAVA_OPTS=(-Xms512m -Xmx512m -XX:+UseParallelGC)

build_satchel_bench() { (cd "$PEERS_ROOT" && mvn -B -q -pl satchel-bench-http -am package -DskipTests); }
build_spring_peer() { (cd "$PEERS_DIR/spring-session" && mvn -B -q package -DskipTests); }
build_express_peer() { (cd "$PEERS_DIR/express" && npm ci --silent --no-audit --no-fund); }

# wait_answering PORT PID: waits up to 60 s until 127.0.0.1:PORT answers /none; fails at once if PID exits.
wait_answering() {
  local _
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/none" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# login_cookies PORT COUNT FILE: COUNT requests to /login on 127.0.0.1:PORT, each a new session; writes their
# "name=value" cookies to FILE, one a line (FILE stays empty for an app without sessions). Fails when /login does.
login_cookies() {
  local jar=$3.jar _ try
  : > "$3"
  for _ in $(seq "$2"); do
    rm -f "$jar"
    # A few tries: a store client may still be connecting right after start-up.
    for try in 1 2 3 4 5 6 7 8 9 10; do
      curl -sf -c "$jar" -o /dev/null "http://127.0.0.1:$1/login" && break
      (( try == 10 )) && return 1
      sleep 1
    done
    awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) c = $6 "=" $7 } END { if (c != "") print c }' "$jar" >> "$3"
  done
  rm -f "$jar"
}

# peer_build NAME: builds what NAME runs from (the Flask peer runs from source: nothing to build).
peer_build() {
  case $1 in
    flask-*) ;;
    spring-*) build_spring_peer ;;
    express-*) build_express_peer ;;
    satchel-redis) build_satchel_bench ;;
    *) echo "unknown system '$1'" >&2; return 2 ;;
  esac
}

# peer_missing NAME: prints what NAME lacks to run here (a tool, a module, a build output); nothing when ready.
peer_missing() {
  local m
  case $1 in
    flask-*)
      [[ -x /usr/bin/gunicorn ]] || { echo "no /usr/bin/gunicorn (Debian package gunicorn)"; return; }
      for m in flask flask_session redis; do
        /usr/bin/python3 -c "import $m" 2>/dev/null || { echo "python3 cannot import $m"; return; }
      done ;;
    spring-*) [[ -f $SPRING_JAR ]] || echo "no ${SPRING_JAR#"$PEERS_ROOT"/} (not built)" ;;
    express-*)
      command -v node >/dev/null || { echo "no node"; return; }
      # npm writes node_modules/.package-lock.json only when an install completed.
      [[ -f $PEERS_DIR/express/node_modules/.package-lock.json ]] \
        || echo "bench/peers/express/node_modules incomplete (npm ci did not run or failed)" ;;
    satchel-redis) [[ -f $SATCHEL_JAR ]] || echo "no ${SATCHEL_JAR#"$PEERS_ROOT"/} (not built)" ;;
    *) echo "unknown system '$1'" ;;
  esac
}

# peer_command NAME PORT REDIS_PORT: sets the array PEER_COMMAND to the command line that starts NAME.
peer_command() {
  local name=$1 port=$2 redis_port=$3
  local gunicorn=(/usr/bin/gunicorn -w "${GUNICORN_WORKERS:-1}" -b "127.0.0.1:$port" --chdir "$PEERS_DIR/flask"
    --log-level warning app:app)
  case $name in
    flask-cookie) PEER_COMMAND=(env BENCH_MODE=cookie "${gunicorn[@]}") ;;
    flask-session-redis) PEER_COMMAND=(env BENCH_MODE=redis BENCH_REDIS_PORT="$redis_port" "${gunicorn[@]}") ;;
    spring-session-redis) PEER_COMMAND=(java "${BENCH_JAVA_OPTS[@]}" -jar "$SPRING_JAR" --server.port="$port"
        --spring.data.redis.port="$redis_port") ;;
    express-none) PEER_COMMAND=(env BENCH_MODE=none PORT="$port" node "$PEERS_DIR/express/app.js") ;;
    express-session-redis) PEER_COMMAND=(env BENCH_MODE=redis PORT="$port" BENCH_REDIS_PORT="$redis_port"
        node "$PEERS_DIR/express/app.js") ;;
    satchel-redis) PEER_COMMAND=(java "${BENCH_JAVA_OPTS[@]}" -jar "$SATCHEL_JAR" --port "$port" --mode redis
        --redis-uri "redis://127.0.0.1:$redis_port") ;;
    *) echo "unknown system '$name'" >&2; return 2 ;;
  esac
}

# Run as a command (not sourced): one of the actions above.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
    build) peer_build "$2" ;;
    check) peer_missing "$2" ;;
    # exec: the caller's process is the server itself (gunicorn's master, the JVM, node), so stopping it stops it.
    run) peer_command "$2" "$3" "$4"; exec "${PEER_COMMAND[@]}" ;;
    *) echo "usage: bench/peers/start.sh build|check NAME | run NAME PORT REDIS_PORT" >&2; exit 2 ;;
  esac
fi
