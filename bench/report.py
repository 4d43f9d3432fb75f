#!/usr/bin/env python3
"""Turns bench/run-all's raw output into the HTTP section of docs/benchmarks.md and SVG charts (stdlib only).

Usage: report.py OUT_DIR BENCHMARKS_MD SVG_PATH

Only the text between <!-- http:begin --> and <!-- http:end --> is replaced, so the codec section (and anything
else) in docs/benchmarks.md survives reruns.
"""
import os
import re
import sys
from collections import OrderedDict

BEGIN, END = "<!-- http:begin -->", "<!-- http:end -->"
ROUTES = ["none", "read", "write"]
IGNORED_COMMANDS = {"info", "config", "monitor", "ping", "command", "scan", "zscore", "eval", "flushall"}

SYSTEMS = OrderedDict([
    ("satchel-baseline", "Javalin, no sessions (baseline)"),
    ("satchel-cookie", "Satchel signed cookie"),
    ("satchel-encrypted", "Satchel encrypted cookie"),
    ("satchel-memory", "Satchel memory store"),
    ("satchel-h2", "Satchel H2 store (in-memory)"),
    ("satchel-postgres", "Satchel PostgreSQL store"),
    ("satchel-redis", "Satchel Redis store"),
    ("jetty-baseline", "Jetty servlet, no sessions (baseline)"),
    ("jetty-cookie", "Satchel filter on Jetty, signed cookie"),
    ("jetty-redis", "Satchel filter on Jetty, Redis store"),
    ("flask-cookie", "Flask cookie sessions"),
    ("flask-session-redis", "Flask-Session on Redis"),
    ("spring-session-redis", "Spring Session Data Redis"),
    ("express-none", "Express, no sessions"),
    ("express-session-redis", "express-session + connect-redis"),
])


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(path):
    text = open(path).read()
    out = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
           "requests": int(re.search(r"(\d+) requests in", text).group(1))}
    for pct, key in (("50", "p50"), ("99", "p99")):
        m = re.search(r"^\s+%s%%\s+(\S+)" % pct, text, re.M)
        out[key] = to_ms(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["errors"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    return out


def parse_commandstats(path):
    calls = {}
    for line in open(path):
        m = re.match(r"cmdstat_([^:]+):calls=(\d+)", line.strip())
        if m:
            calls[m.group(1)] = int(m.group(2))
    return calls


def commands_per_request(raw, tag, requests):
    before = parse_commandstats(os.path.join(raw, tag + ".stats-before.txt"))
    after = parse_commandstats(os.path.join(raw, tag + ".stats-after.txt"))
    per = {}
    for cmd, n in after.items():
        if cmd in IGNORED_COMMANDS:
            continue
        delta = n - before.get(cmd, 0)
        if delta > 0:
            per[cmd] = delta / requests
    return per


def cpu_per_request(raw, tag, requests):
    """Microseconds of CPU per request: the server's process tree, and the private Redis."""
    def read(name):
        values = {}
        path = os.path.join(raw, tag + name)
        if os.path.exists(path):
            for line in open(path):
                k, _, v = line.strip().partition("=")
                if v:
                    values[k] = float(v)
        return values
    before, after = read(".cpu-before.txt"), read(".cpu-after.txt")
    out = {}
    if requests == 0:
        # A run that served nothing (the server got no CPU on a crowded machine) has no per-request cost.
        return out
    for key in ("server_cpu", "redis_cpu", "server_jit_cpu"):
        if key in before and key in after:
            out[key + "_us"] = 1e6 * (after[key] - before[key]) / requests
    return out


def parse_monitor(path, requests):
    """Client commands (round trips, as none of the peers pipeline) and commands run inside Lua, per request."""
    client, script, names = 0, 0, {}
    for line in open(path):
        m = re.match(r'^[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"', line)
        if not m:
            continue
        if m.group(1) == "lua":
            script += 1
        elif m.group(2).lower() != "info":  # the probe's own INFO calls
            client += 1
            name = m.group(2).lower()
            names[name] = names.get(name, 0) + 1
    return {"client": client / requests, "script": script / requests,
            "names": {k: v / requests for k, v in sorted(names.items())}}


WARMUPS = {}  # system -> [(passes, seconds, JIT % of the last pass)], filled by load()


def load(out):
    raw = os.path.join(out, "raw")
    env = {}
    for line in open(os.path.join(out, "env.txt")):
        k, _, v = line.rstrip("\n").partition("=")
        env[k] = v
    http, scale, monitor, memory = {}, {}, {}, {}
    for line in open(os.path.join(out, "manifest.tsv")):
        kind, system, route, sessions, tag = line.rstrip("\n").split("\t")
        if kind == "http":
            r = parse_wrk(os.path.join(raw, tag + ".wrk.txt"))
            r["commands"] = commands_per_request(raw, tag, r["requests"])
            r.update(cpu_per_request(raw, tag, r["requests"]))
            if sessions:
                scale.setdefault((system, int(sessions)), []).append(r)
            else:
                http.setdefault((system, route), []).append(r)
        elif kind == "monitor":
            n = int(sessions)
            m = parse_monitor(os.path.join(raw, tag), n)
            base = os.path.join(raw, "%s.%s." % (system, route))
            before = int(open(base + "reads-before.txt").read().strip())
            after = int(open(base + "reads-after.txt").read().strip())
            # The INFO calls that took the two figures add two reads of their own.
            m["reads"] = max(0, after - before - 2) / n
            monitor[(system, route)] = m
        elif kind == "warmup":
            # warmup SYSTEM PASSES SECONDS JIT-SHARE-OF-THE-LAST-PASS (a system may warm up once per round)
            WARMUPS.setdefault(system, []).append((int(route), int(sessions), float(tag)))
        elif kind == "memory":
            m = re.search(r"bytesPerSession=(\d+)", open(os.path.join(raw, tag)).read())
            memory[int(sessions)] = int(m.group(1))
    return env, median_rounds(http), median_rounds(scale), monitor, memory


def median_rounds(results):
    """One result per key: the round with the median req/s (with two rounds, the lower), keeping its latencies."""
    picked = {}
    for key, rounds in results.items():
        ordered = sorted(rounds, key=lambda r: r["rps"])
        chosen = dict(ordered[(len(ordered) - 1) // 2])
        chosen["rounds"] = [r["rps"] for r in rounds]
        picked[key] = chosen
    return picked


def fmt_rps(v):
    return "{:,.0f}".format(v)


def fmt_ms(v):
    return "–" if v is None else ("%.2f" % v if v < 10 else "%.1f" % v)


def ratio(http, a, b, route):
    if (a, route) in http and (b, route) in http:
        return http[(a, route)]["rps"] / http[(b, route)]["rps"]
    return None


def cpu_total(r):
    if "server_cpu_us" not in r:
        return None
    return r["server_cpu_us"] + r.get("redis_cpu_us", 0.0)


def cpu_ratio(http, a, b, route):
    """How many times cheaper a request to a is than one to b, in CPU (server + Redis): b's cost / a's cost."""
    ra, rb = http.get((a, route)), http.get((b, route))
    if not ra or not rb:
        return None
    ca, cb = cpu_total(ra), cpu_total(rb)
    return cb / ca if ca and cb else None


def throughput_svg(http, systems, path):
    colors = {"none": "#9aa5b1", "read": "#2f6fb0", "write": "#d9822b"}
    bar_h, gap, label_w, chart_w = 11, 12, 260, 520
    top = 44
    height = top + len(systems) * (3 * bar_h + gap) + 30
    width = label_w + chart_w + 90
    peak = max(r["rps"] for r in http.values())
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
             'font-family="sans-serif" font-size="11">' % (width, height, width, height),
             '<rect width="100%" height="100%" fill="white"/>',
             '<text x="10" y="18" font-size="14" font-weight="bold">HTTP throughput, requests/second '
             '(higher is better)</text>']
    x = label_w
    for route in ROUTES:
        parts.append('<rect x="%d" y="26" width="10" height="10" fill="%s"/>' % (x, colors[route]))
        parts.append('<text x="%d" y="35">/%s</text>' % (x + 14, route))
        x += 70
    y = top
    for system in systems:
        parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                     % (label_w - 8, y + 1.5 * bar_h + 4, SYSTEMS[system]))
        for route in ROUTES:
            r = http.get((system, route))
            if r:
                w = max(1, chart_w * r["rps"] / peak)
                parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                             % (label_w, y, w, bar_h - 1, colors[route]))
                parts.append('<text x="%.1f" y="%d" font-size="9">%s</text>'
                             % (label_w + w + 4, y + bar_h - 2, fmt_rps(r["rps"])))
            y += bar_h
        y += gap
    parts.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (label_w, top - 4, label_w, y))
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def latency_svg(http, systems, path):
    """p50 and p99 of /read per system, on a log scale (the spread is orders of magnitude)."""
    import math
    label_w, chart_w, bar_h, gap, top = 260, 520, 11, 8, 44
    rows = [s for s in systems if (s, "read") in http]
    height = top + len(rows) * (2 * bar_h + gap) + 40
    width = label_w + chart_w + 90
    values = [http[(s, "read")][k] for s in rows for k in ("p50", "p99") if http[(s, "read")][k]]
    lo = 10 ** math.floor(math.log10(min(values)))
    hi = 10 ** math.ceil(math.log10(max(values)))

    def xpos(v):
        return label_w + chart_w * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
             'font-family="sans-serif" font-size="11">' % (width, height, width, height),
             '<rect width="100%" height="100%" fill="white"/>',
             '<text x="10" y="18" font-size="14" font-weight="bold">/read latency, ms, log scale '
             '(lower is better)</text>',
             '<rect x="%d" y="26" width="10" height="10" fill="#2f6fb0"/><text x="%d" y="35">p50</text>'
             % (label_w, label_w + 14),
             '<rect x="%d" y="26" width="10" height="10" fill="#b03a2e"/><text x="%d" y="35">p99</text>'
             % (label_w + 70, label_w + 84)]
    y = top
    for s in rows:
        r = http[(s, "read")]
        parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (label_w - 8, y + bar_h + 3, SYSTEMS[s]))
        for key, color in (("p50", "#2f6fb0"), ("p99", "#b03a2e")):
            v = r[key]
            if v:
                w = max(1, xpos(v) - label_w)
                parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                             % (label_w, y, w, bar_h - 1, color))
                parts.append('<text x="%.1f" y="%d" font-size="9">%s</text>'
                             % (label_w + w + 4, y + bar_h - 2, fmt_ms(v)))
            y += bar_h
        y += gap
    decade = lo
    while decade <= hi * 1.0001:
        x = xpos(decade)
        parts.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/>' % (x, top - 4, x, y))
        parts.append('<text x="%.1f" y="%d" text-anchor="middle" font-size="9">%g</text>' % (x, y + 12, decade))
        decade *= 10
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def verdict(value, target, higher=True):
    if value is None:
        return "not measured"
    ok = value >= target if higher else value <= target
    return "met" if ok else "**MISSED**"


def render(env, http, scale, monitor, memory, svg_name, latency_name):
    systems = [s for s in SYSTEMS if any((s, r) in http for r in ROUTES)]
    L = []
    quick = env.get("quick") == "1"
    L.append("## HTTP throughput and latency")
    L.append("")
    L.append("Generated by `bench/run-all%s` on %s from Satchel commit `%s`. Rerun it to replace this section; "
             "raw wrk, `INFO commandstats` and `MONITOR` output lands in `bench/out/`."
             % (" --quick" if quick else "", env["date"], env["satchel_commit"]))
    if quick:
        L.append("")
        L.append("**Quick mode**: fewer systems and %s s per route; use `bench/run-all` for the full comparison."
                 % env["duration"])
    L.append("")
    L.append("Rerun: `bench/run-all` (every system, about 30 minutes) or `bench/run-quick` (under 5 minutes). It "
             "needs the local PostgreSQL (`test` database), installs `wrk`, `gunicorn`, `python3-flask-session` "
             "and `redis-server` with apt when missing, runs `npm ci` in `bench/peers/express` and builds "
             "`bench/peers/spring-session` (a standalone Maven project, outside the reactor). The peers' apps are in "
             "`bench/peers/`, the Satchel app is `satchel-bench-http` (`dev.satchel.bench.http.HttpBenchApp`).")
    L.append("")
    L.append("### Method")
    L.append("")
    L.append("- Each system is the same tiny app with four routes: `/login` (puts `user` and `counter` in the "
             "session; called once to get a cookie), `/none` (session untouched), `/read` (reads `user` from the "
             "existing session) and `/write` (increments `counter` with a plain put). The load generator sends the "
             "logged-in cookie with every request, so `/read` performs a real load and `/write` a load plus a save.")
    if any(s.startswith("jetty-") for s in systems):
        L.append("- Satchel runs twice: on Javalin with the `satchel-javalin` plugin, and as one plain `HttpServlet` "
                 "on embedded Jetty (ee10) behind `SatchelFilter` (`--server jetty`; the servlet calls "
                 "`SatchelServlet.session(request)`). Each is compared with its own baseline: the same app without "
                 "the plugin or the filter.")
    L.append("- `wrk -t%s -c%s -d%ss --latency` per route on 127.0.0.1, after warm-up passes of %s s per route "
             "over all routes (so a JIT-compiled server is equally warm for every route) and 2 s on the route "
             "itself. Warm-up goes on until a pass costs the JIT compiler under 2%% of its time (at least two "
             "passes, at most %s s); the server may use every CPU while it warms up. "
             "It is measured pinned to CPU %s, with wrk plus the private Redis on CPU %s (`taskset`); "
             "PostgreSQL is the machine's shared server. Gunicorn runs one sync worker per server core (%s), "
             "Express one process, the JVMs "
             "`-Xms512m -Xmx512m -XX:+UseParallelGC`."
             % (env["threads"], env["connections"], env["duration"], env["warmup"], env.get("warmup_max", "?"),
                env["server_cpus"], env["load_cpus"], env["server_cores"]))
    if WARMUPS:
        longest = max((w for ws in WARMUPS.values() for w in ws), key=lambda w: w[1])
        still = sorted(s for s, ws in WARMUPS.items() if any(w[2] >= 2 for w in ws))
        L.append("- Warm-up took %s s at most (%s passes)%s." % (
            longest[1], longest[0],
            "; still compiling when measured: " + ", ".join(SYSTEMS.get(s, s) for s in still) if still else
            "; every system had finished compiling"))
    L.append("- Every Redis-backed system talks to a private `redis-server` started by the script, so "
             "`INFO commandstats` deltas count only its commands; a `MONITOR` probe of 50 sequential requests per "
             "route separates commands the client sent (round trips: none of the clients pipeline) from commands a "
             "Lua script ran inside Redis.")
    if env.get("baseline_cookies") == "1":
        L.append("- `BASELINE_COOKIES=1`: the systems without sessions were sent the same wrk Lua script and a Cookie "
                 "header the size of a signed session cookie (which they ignore), so every system got the same "
                 "requests from the same load generator.")
    elif any(s in systems for s in ("satchel-baseline", "jetty-baseline", "express-none")):
        L.append("- The systems without sessions were sent no Cookie header and no wrk Lua script "
                 "(`BASELINE_COOKIES=0`): their load generator runs faster, which on a shared machine lowers their "
                 "CPU per request too.")
    if env.get("cookie_pattern", "rotate") == "connection":
        L.append("- Each wrk connection is one visitor: it sends the same session cookie on every request, as a "
                 "browser does over a keep-alive connection (`COOKIE_PATTERN=connection`, one wrk thread per "
                 "connection, %s sessions)." % env["connections"])
    else:
        L.append("- Every request took the next of the logged-in sessions' cookies, round-robin, so one connection "
                 "carried many sessions (`COOKIE_PATTERN=rotate`). Jetty caches a connection's parsed header fields "
                 "and cookies, and this pattern defeats those caches by an amount that depends on what the cookie "
                 "values look like: random baseline cookies cost Jetty more than real signed ones, which share a "
                 "prefix.")
    if env.get("follow_cookies") == "1":
        L.append("- Each connection sends the cookie it was last given, as a browser does (`FOLLOW_COOKIES=1`): "
                 "`/read` re-issues a cookie once a minute, `/write` loads the cookie the previous response set.")
    elif env.get("cookie_pattern", "rotate") == "connection":
        L.append("- Each connection resends its login cookie, whatever it is given (`FOLLOW_COOKIES=0`): after the "
                 "first minute every `/read` of a cookie session re-issues the cookie (a refresh that slides the "
                 "idle timeout), and `/write` always loads the same long-settled cookie.")
    if int(env.get("rounds", "1")) > 1:
        L.append("- Every system ran %s rounds; each route shows its median round (req/s of every round in "
                 "`bench/out/`)." % env["rounds"])
    L.append("- Ratios below come from this one run. The machine is shared and noisy (load average %s at the start, "
             "%s at the end, on %s cores), so absolute numbers vary between runs by 10-30%%; the ratios vary less."
             % (env["load_at_start"], env["load_at_end"], env["nproc"]))
    L.append("")
    L.append("![HTTP throughput per system and route](images/%s)" % svg_name)
    L.append("")
    L.append("### Throughput and latency")
    L.append("")
    L.append("| system | /none req/s | /read req/s | /write req/s | /read p50 ms | /read p99 ms | /write p50 ms "
             "| /write p99 ms | errors |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in systems:
        cells = [SYSTEMS[s]]
        for route in ROUTES:
            r = http.get((s, route))
            cells.append(fmt_rps(r["rps"]) if r else "–")
        for route in ("read", "write"):
            r = http.get((s, route))
            cells += [fmt_ms(r["p50"]), fmt_ms(r["p99"])] if r else ["–", "–"]
        errors = sum(http[(s, r)]["errors"] + http[(s, r)]["socket_errors"] for r in ROUTES if (s, r) in http)
        cells.append(str(errors))
        L.append("| " + " | ".join(cells) + " |")
    L.append("")
    L.append("### CPU per request")
    L.append("")
    L.append("CPU time the server's whole process tree (JVM, gunicorn master and workers, node) and the private "
             "Redis used during the measured wrk run, divided by the requests served (from `/proc/PID/stat` and "
             "`INFO cpu`). Unlike req/s this hardly depends on what else the shared machine runs, so it is the "
             "steadier comparison here. PostgreSQL's own CPU is not included.")
    L.append("")
    L.append("| system | /none server µs | /read server µs | /read Redis µs | /write server µs | /write Redis µs |")
    L.append("|---|---:|---:|---:|---:|---:|")

    def us(r, key):
        return "%.0f" % r[key] if r and key in r else "–"
    for s in systems:
        n, rd, w = http.get((s, "none")), http.get((s, "read")), http.get((s, "write"))
        redis_used = any(r and r.get("redis_cpu_us", 0) > 1 for r in (n, rd, w))
        L.append("| %s | %s | %s | %s | %s | %s |" % (SYSTEMS[s], us(n, "server_cpu_us"), us(rd, "server_cpu_us"),
                 us(rd, "redis_cpu_us") if redis_used else "–", us(w, "server_cpu_us"),
                 us(w, "redis_cpu_us") if redis_used else "–"))
    # A JVM still compiling during a measured window charges its JIT threads to the requests: flag it.
    warm = []
    for s in systems:
        for route in ROUTES:
            r = http.get((s, route))
            if r and r.get("server_cpu_us") and r.get("server_jit_cpu_us", 0) > 0.05 * r["server_cpu_us"]:
                warm.append("%s /%s %.0f%%" % (SYSTEMS[s], route, 100 * r["server_jit_cpu_us"] / r["server_cpu_us"]))
    if warm:
        L.append("")
        L.append("**Not warmed up**: JIT compiler threads used over 5%% of the server CPU in these windows, which "
                 "inflates their CPU per request (raise `WARMUP`): %s." % ", ".join(warm))
    L.append("")
    L.append("![/read latency per system](images/%s)" % latency_name)
    L.append("")

    # ----- targets
    L.append("### Targets (ratios from this run)")
    L.append("")
    L.append("Two verdicts: on req/s (what the targets name) and on CPU per request (server + Redis; for a "
             "percentage target the baseline's cost divided by Satchel's). On this shared machine the CPU figure is "
             "the fairer one: see *Reading these numbers* below.")
    L.append("")
    L.append("| target | route | req/s ratio | verdict (req/s) | CPU ratio | verdict (CPU) |")
    L.append("|---|---|---:|---|---:|---|")
    rows = []
    pairs = [("Satchel signed cookie ≥ 90% of baseline", "satchel-cookie", "satchel-baseline", 0.9, "pct",
              ("read", "write")),
             ("Satchel encrypted cookie ≥ 90% of baseline", "satchel-encrypted", "satchel-baseline", 0.9, "pct",
              ("read", "write")),
             ("Satchel Redis ≥ 70% of baseline", "satchel-redis", "satchel-baseline", 0.7, "pct", ("read", "write")),
             # The servlet filter against the bare container it runs in, not against Javalin.
             ("Satchel filter, signed cookie ≥ 90% of Jetty baseline", "jetty-cookie", "jetty-baseline", 0.9, "pct",
              ("read", "write")),
             ("Satchel filter, Redis ≥ 70% of Jetty baseline", "jetty-redis", "jetty-baseline", 0.7, "pct",
              ("read", "write")),
             ("Satchel cookie ≥ 5x Flask cookie sessions", "satchel-cookie", "flask-cookie", 5.0, "x", ROUTES),
             ("Satchel Redis ≥ 5x Flask-Session on Redis", "satchel-redis", "flask-session-redis", 5.0, "x", ROUTES),
             ("Satchel Redis ≥ 1.5x Spring Session on Redis", "satchel-redis", "spring-session-redis", 1.5, "x",
              ROUTES)]
    for label, a, b, target, kind, routes in pairs:
        for route in routes:
            rows.append((label, route, ratio(http, a, b, route), target, kind, cpu_ratio(http, a, b, route)))

    def show(value, kind):
        return "–" if value is None else ("%.0f%%" % (100 * value) if kind == "pct" else "%.1fx" % value)
    for label, route, value, target, kind, cpu in rows:
        L.append("| %s | /%s | %s | %s | %s | %s |" % (label, route, show(value, kind), verdict(value, target),
                                                       show(cpu, kind), verdict(cpu, target)))
    load = monitor.get(("satchel-redis", "read"))
    save = monitor.get(("satchel-redis", "write"))
    if load:
        L.append("| ≤ 1 Redis round trip per load | /read | %.2f | %s | | |"
                 % (load["reads"], verdict(load["reads"], 1.05, higher=False)))
    if save:
        L.append("| ≤ 1 Redis round trip per save (load + save = 2) | /write | %.2f | %s | | |"
                 % (save["reads"], verdict(save["reads"], 2.05, higher=False)))
    L.append("")
    missed = [r for r in rows if r[2] is not None and r[2] < r[3]]
    L.append("Missed on req/s: %s." % (", ".join("%s on /%s" % (r[0], r[1]) for r in missed) if missed else "none"))
    L.append("")
    missed_cpu = [r for r in rows if r[5] is not None and r[5] < r[3]]
    L.append("Missed on CPU per request: %s."
             % (", ".join("%s on /%s" % (r[0], r[1]) for r in missed_cpu) if missed_cpu else "none"))
    L.append("")

    # ----- redis commands
    redis_systems = [s for s in systems if any((s, r) in monitor for r in ROUTES)]
    if redis_systems:
        L.append("### Redis commands per request")
        L.append("")
        L.append("From 50 sequential requests per route: *round trips* are the socket reads Redis processed "
                 "(`total_reads_processed` delta: commands a client pipelines arrive in one read), *sent* the "
                 "commands the client sent (MONITOR), *in scripts* the commands Lua scripts ran inside Redis in the "
                 "same round trip; *all* is the `INFO commandstats` delta over the whole wrk run divided by its "
                 "requests (Redis counts commands run by scripts there too).")
        L.append("")
        L.append("| system | route | round trips | sent | in scripts | all (commandstats) | commands sent |")
        L.append("|---|---|---:|---:|---:|---:|---|")
        for s in redis_systems:
            for route in ROUTES:
                m = monitor.get((s, route))
                h = http.get((s, route))
                if not m or not h:
                    continue
                total = sum(h["commands"].values())
                names = ", ".join("%s %.2g" % (k.upper(), v) for k, v in m["names"].items()) or "none"
                L.append("| %s | /%s | %.2f | %.2f | %.2f | %.2f | %s |"
                         % (SYSTEMS[s], route, m["reads"], m["client"], m["script"], total, names))
        L.append("")

    # ----- scale
    if scale:
        L.append("### Scale: /read with many stored sessions")
        L.append("")
        L.append("The store is filled with copies of the logged-in session in bulk inside the database (a Lua "
                 "loop in Redis, `INSERT ... SELECT generate_series` plus `ANALYZE` in PostgreSQL), never through "
                 "HTTP; then `/read` is measured again with the same cookie.")
        L.append("")
        L.append("| store | sessions stored | /read req/s | p50 ms | p99 ms | server CPU µs/request "
                 "| vs smallest (req/s) |")
        L.append("|---|---:|---:|---:|---:|---:|---:|")
        for system in ("satchel-redis", "satchel-postgres"):
            sizes = sorted(n for (s, n) in scale if s == system)
            if not sizes:
                continue
            first = scale[(system, sizes[0])]["rps"]
            for n in sizes:
                r = scale[(system, n)]
                cpu = "%.0f" % r["server_cpu_us"] if "server_cpu_us" in r else "–"
                L.append("| %s | %s | %s | %s | %s | %s | %.0f%% |" % (SYSTEMS[system], "{:,}".format(n),
                         fmt_rps(r["rps"]), fmt_ms(r["p50"]), fmt_ms(r["p99"]), cpu, 100 * r["rps"] / first))
        L.append("")
    if memory:
        L.append("### Memory per session (memory store)")
        L.append("")
        L.append("Heap used after a full GC with N sessions saved (two attributes, like the HTTP app's), minus the "
                 "heap before, divided by N (`dev.satchel.bench.http.MemoryPerSession`).")
        L.append("")
        L.append("| sessions | bytes per session |")
        L.append("|---:|---:|")
        for n in sorted(memory):
            L.append("| {:,} | {:,} |".format(n, memory[n]))
        L.append("")

    # ----- hand-written reading of the figures, kept next to the script
    analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
    if os.path.exists(analysis):
        L.append(open(analysis).read().rstrip("\n"))
        L.append("")

    # ----- machine and versions
    L.append("### Machine and versions")
    L.append("")
    L.append("| | |")
    L.append("|---|---|")
    for key, label in (("cpu", "CPU"), ("nproc", "cores (nproc)"), ("memory", "memory"), ("os", "OS"),
                       ("kernel", "kernel"), ("java", "Java"), ("javalin", "Javalin"), ("jetty", "Jetty"),
                       ("lettuce", "Lettuce (Satchel Redis)"), ("h2", "H2"), ("postgres", "PostgreSQL server"),
                       ("redis_server", "Redis server"), ("python", "Python (Debian)"), ("flask", "Flask (Debian)"),
                       ("flask_session", "Flask-Session (Debian)"), ("redis_py", "redis-py (Debian)"),
                       ("gunicorn", "gunicorn (Debian)"), ("spring_jars", "Spring Session peer jars"),
                       ("node", "Node.js"), ("npm_express", "express"), ("npm_express-session", "express-session"),
                       ("npm_connect-redis", "connect-redis"), ("npm_redis", "node-redis"), ("wrk", "wrk")):
        if env.get(key):
            L.append("| %s | %s |" % (label, env[key].strip()))
    return "\n".join(L)


def main():
    out, md, svg = sys.argv[1:4]
    env, http, scale, monitor, memory = load(out)
    systems = [s for s in SYSTEMS if any((s, r) in http for r in ROUTES)]
    os.makedirs(os.path.dirname(svg), exist_ok=True)
    latency = svg.replace(".svg", "-latency.svg")
    if not http:
        sys.exit("report.py: no HTTP results in %s" % out)
    throughput_svg(http, systems, svg)
    latency_svg(http, systems, latency)
    section = render(env, http, scale, monitor, memory, os.path.basename(svg), os.path.basename(latency))
    block = BEGIN + "\n" + section + "\n" + END
    text = open(md).read() if os.path.exists(md) else "# Benchmarks\n\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(md, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
