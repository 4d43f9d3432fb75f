"""Satchel's interop helper: answers JSON-lines requests on stdin using the real Flask/itsdangerous.

One request per line, one answer per line. Values travel in a neutral typed form ("desc") so that neither side's
Flask-JSON code is used to carry them: {"t": "str", "v": [code points]}, {"t": "int", "v": "123"},
{"t": "float", "v": "<IEEE bits hex>"}, {"t": "list"|"tuple", "v": [...]}, {"t": "dict", "v": [[key cps, desc]]},
{"t": "bytes", "v": "hex"}, {"t": "markup", "v": [cps]}, {"t": "uuid", "v": "hex"},
{"t": "datetime", "v": epoch seconds}, true/false as themselves, null as None.
"""
import datetime
import importlib.metadata
import importlib.util
import hashlib
import hmac
import json
import math
import struct
import sys
import traceback
import uuid

from flask import Flask, flash, get_flashed_messages, jsonify, request, session
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from markupsafe import Markup

DIGESTS = {"SHA1": hashlib.sha1, "SHA224": hashlib.sha224, "SHA256": hashlib.sha256,
           "SHA384": hashlib.sha384, "SHA512": hashlib.sha512}
DERIVATIONS = {"CONCAT": "concat", "DJANGO_CONCAT": "django-concat", "HMAC": "hmac", "NONE": "none"}


def s(cps):
    return "".join(map(chr, cps))


def build(d):
    if d is None or isinstance(d, bool):
        return d
    t, v = d["t"], d.get("v")
    if t == "str":
        return s(v)
    if t == "int":
        return int(v)
    if t == "float":
        return struct.unpack(">d", bytes.fromhex(v))[0]
    if t == "list":
        return [build(x) for x in v]
    if t == "tuple":
        return tuple(build(x) for x in v)
    if t == "dict":
        return {s(k): build(x) for k, x in v}
    if t == "bytes":
        return bytes.fromhex(v)
    if t == "markup":
        return Markup(s(v))
    if t == "uuid":
        return uuid.UUID(hex=v)
    if t == "datetime":
        return datetime.datetime.fromtimestamp(v, datetime.timezone.utc)
    raise ValueError("unknown desc type " + t)


def describe(x):
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, Markup):
        return {"t": "markup", "v": [ord(c) for c in x]}
    if isinstance(x, str):
        return {"t": "str", "v": [ord(c) for c in x]}
    if isinstance(x, int):
        return {"t": "int", "v": str(x)}
    if isinstance(x, float):
        return {"t": "float", "v": struct.pack(">d", x).hex()}
    if isinstance(x, tuple):
        return {"t": "tuple", "v": [describe(i) for i in x]}
    if isinstance(x, list):
        return {"t": "list", "v": [describe(i) for i in x]}
    if isinstance(x, dict):
        return {"t": "dict", "v": [[[ord(c) for c in k], describe(v)] for k, v in x.items()]}
    if isinstance(x, bytes):
        return {"t": "bytes", "v": x.hex()}
    if isinstance(x, uuid.UUID):
        return {"t": "uuid", "v": x.hex}
    if isinstance(x, datetime.datetime):
        return {"t": "datetime", "v": int(x.timestamp())}
    raise TypeError("cannot describe %r" % type(x))


def typed_eq(a, b):
    """Equality that also demands the same Python type (Markup is not str, tuple is not list, -0.0 is not 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or struct.pack(">d", a) == struct.pack(">d", b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(typed_eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(typed_eq(a[k], b[k]) for k in a)
    if isinstance(a, datetime.datetime):
        return a == b and a.utcoffset() == b.utcoffset()
    return a == b


def signer_at(ts):
    class Fixed(TimestampSigner):
        def get_timestamp(self):
            return ts if ts is not None else super().get_timestamp()
    return Fixed


def serializer(req, ts):
    """Flask's session serializer (or another itsdangerous stack), with the signing/checking time fixed."""
    keys = list(reversed(req["keys"]))  # Satchel lists newest first; itsdangerous wants the newest last
    si = SecureCookieSessionInterface()
    if req.get("flask", True):
        return URLSafeTimedSerializer(keys, salt=req.get("salt", si.salt), serializer=si.serializer,
                                      signer=signer_at(ts),
                                      signer_kwargs={"key_derivation": DERIVATIONS[req.get("derivation", "HMAC")],
                                                     "digest_method": DIGESTS[req.get("digest", "SHA1")]})
    return URLSafeTimedSerializer(keys, salt=req.get("salt", "itsdangerous"), signer=signer_at(ts),
                                  signer_kwargs={"key_derivation": DERIVATIONS[req.get("derivation", "DJANGO_CONCAT")],
                                                 "digest_method": DIGESTS[req.get("digest", "SHA1")]})


app = Flask("satchel_interop")
app.secret_key = "unset"


@app.route("/whoami")
def whoami():
    flashes = get_flashed_messages(with_categories=True)
    return jsonify(user=session.get("user_id"),
                   flashes=[[type(f).__name__, list(f)] for f in flashes])


@app.route("/login", methods=["POST"])
def login():
    session["user_id"] = request.args["user"]
    flash("Welcome back", "info")
    flash("Second message")
    return "ok"


def session_cookie(resp):
    for header in resp.headers.getlist("Set-Cookie"):
        if header.startswith("session="):
            return header[len("session="):].split(";", 1)[0]
    return None


def handle(req):
    op = req["op"]
    if op == "version":
        return {"flask": importlib.metadata.version("flask"),
                "itsdangerous": importlib.metadata.version("itsdangerous"),
                "python": sys.version.split()[0]}
    if op == "roundtrip":
        # Flask writes the same value at the same time (byte equality), and reads what Satchel wrote.
        ser = serializer(req, req["ts"])
        value = build(req["value"])
        out = {"cookie": ser.dumps(value)}
        try:
            read = serializer(req, req["ts"]).loads(req["java_cookie"])
            out["read_equal"] = typed_eq(read, value)
            if not out["read_equal"]:
                out["read"] = repr(read)[:2000]
                out["expected"] = repr(value)[:2000]
        except Exception as e:  # noqa: BLE001 - reported to the Java side
            out["read_equal"] = False
            out["error"] = "%s: %s" % (type(e).__name__, e)
        return out
    if op == "dumps":
        return {"cookie": serializer(req, req["ts"]).dumps(build(req["value"]))}
    if op == "loads":
        try:
            value = serializer(req, req["now"]).loads(req["cookie"], max_age=req.get("max_age"))
            return {"ok": True, "value": describe(value)}
        except SignatureExpired as e:
            return {"ok": False, "error": "SignatureExpired", "message": str(e)}
        except BadSignature as e:
            return {"ok": False, "error": type(e).__name__, "message": str(e)}
    if op == "repr":
        return {"reprs": [repr(struct.unpack(">d", bytes.fromhex(b))[0]) for b in req["bits"]]}
    if op == "remember":
        # Flask-Login's encode_cookie: payload|hmac(SECRET_KEY as latin-1, payload, sha512).hexdigest()
        key = s(req["key"]).encode("latin1")
        user = s(req["user"])
        return {"cookie": "%s|%s" % (user, hmac.new(key, user.encode("utf-8"), hashlib.sha512).hexdigest())}
    if op == "app_whoami":
        app.secret_key = req["keys"][0]
        # Flask >= 3.1 reads SECRET_KEY_FALLBACKS (oldest first, like itsdangerous); older Flask ignores it.
        app.config["SECRET_KEY_FALLBACKS"] = list(reversed(req["keys"][1:]))
        client = app.test_client(use_cookies=False)
        resp = client.get("/whoami", headers={"Cookie": "session=" + req["cookie"]})
        return {"status": resp.status_code, "body": resp.get_json()}
    if op == "app_login":
        app.secret_key = req["keys"][0]
        client = app.test_client(use_cookies=False)
        resp = client.post("/login?user=" + req["user"])
        return {"status": resp.status_code, "cookie": session_cookie(resp)}
    if op == "example":
        # The documented example app (examples/flask-app/app.py), driven through its test client.
        spec = importlib.util.spec_from_file_location("satchel_example_app", req["path"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.app.config["SECRET_KEY"] = req["keys"][0]
        client = module.app.test_client(use_cookies=False)
        if "user" in req:
            resp = client.post("/login", data={"user": req["user"]})
            return {"status": resp.status_code, "cookie": session_cookie(resp)}
        resp = client.get("/", headers={"Cookie": "session=" + req["cookie"]})
        return {"status": resp.status_code, "page": resp.get_data(as_text=True)}
    raise ValueError("unknown op " + op)


def main():
    with app.app_context():  # Flask's JSON provider (sort_keys, ensure_ascii) is only used inside one
        for line in sys.stdin:
            try:
                answer = handle(json.loads(line))
            except Exception as e:  # noqa: BLE001 - reported to the Java side
                answer = {"fatal": "%s: %s" % (type(e).__name__, e), "trace": traceback.format_exc()}
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
