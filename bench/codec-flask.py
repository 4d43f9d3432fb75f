#!/usr/bin/python3
"""Times Flask's own session serializer on the 4-key session CodecBenchmark uses.

Run with Debian's python3-flask:  /usr/bin/python3 bench/codec-flask.py [seconds-per-repeat]
Prints microseconds per dumps() and loads(), best of 5 repeats (timeit's advice: the minimum is the least noisy),
in wall time (dumps_us, loads_us) and in this thread's CPU time (dumps_cpu_us, loads_cpu_us; steady on a busy
machine, compare with satchel-bench's CpuTimeRunner).
"""
import sys
import time
import timeit

import flask
from flask.sessions import SecureCookieSessionInterface

app = flask.Flask(__name__)
app.secret_key = "bench-secret-key-bench-secret-key-0123456789"
serializer = SecureCookieSessionInterface().get_signing_serializer(app)
max_age = int(app.permanent_session_lifetime.total_seconds())

session = {"user_id": 42, "name": "Ada Lovelace", "roles": ["admin", "editor"], "last_visit": 1763892000}
cookie = serializer.dumps(session)
assert serializer.loads(cookie, max_age=max_age) == session

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def per_op(stmt, clock=time.perf_counter):
    timer = timeit.Timer(stmt, timer=clock, globals=globals())
    n, _ = timer.autorange()
    number = max(1, int(n * seconds / 0.2))
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


try:
    from importlib.metadata import version
    flask_version = version("flask")
except Exception:  # pragma: no cover - very old Python
    flask_version = getattr(flask, "__version__", "?")

print(f"flask {flask_version}, python {sys.version.split()[0]}, cookie {len(cookie)} chars: {cookie}")
print(f"dumps_us {per_op('serializer.dumps(session)'):.3f}")
print(f"loads_us {per_op('serializer.loads(cookie, max_age=max_age)'):.3f}")
print(f"dumps_cpu_us {per_op('serializer.dumps(session)', time.thread_time):.3f}")
print(f"loads_cpu_us {per_op('serializer.loads(cookie, max_age=max_age)', time.thread_time):.3f}")
