"""The Flask peer for bench/run-all: the benchmark's routes on Flask's own sessions.

BENCH_MODE=cookie (default): Flask's signed cookie sessions, as the Flask docs set them up (a SECRET_KEY).
BENCH_MODE=redis: Flask-Session with SESSION_TYPE = "redis", as the Flask-Session docs set it up.
Run by gunicorn with one worker per server core: gunicorn -w N -b 127.0.0.1:PORT app:app
"""
import os

from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("BENCH_SECRET_KEY", "bench-secret-key-0123456789abcdef0123456789")

if os.environ.get("BENCH_MODE", "cookie") == "redis":
    import redis
    from flask_session import Session

    app.config["SESSION_TYPE"] = "redis"
    app.config["SESSION_REDIS"] = redis.Redis(host="127.0.0.1", port=int(os.environ.get("BENCH_REDIS_PORT", "6379")))
    app.config["SESSION_KEY_PREFIX"] = "bench:flask:"
    Session(app)


@app.route("/none")
def none():
    return "none"


@app.route("/login")
def login():
    session["user"] = "alice"
    session["counter"] = 0
    return "logged in"


@app.route("/read")
def read():
    return "hello " + str(session.get("user"))


@app.route("/write")
def write():
    session["counter"] = session.get("counter", 0) + 1
    return "counter " + str(session["counter"])
