"""A tiny Flask app that shares its login with a Satchel (Java) app through Flask's own session cookie.

Run both, with the same secret (cookies are per host, not per port, so both see the one `session` cookie):

    SECRET_KEY=change-me python3 examples/flask-app/app.py          # http://127.0.0.1:5000/
    SATCHEL_SECRET_KEY=change-me ./satchel demo --store flask       # http://127.0.0.1:8080/

Log in on either side and the other shows you logged in; flashed messages cross over too. It uses the Satchel
demo's session keys: "user" and "display_name". Needs Flask (apt-get install python3-flask, or pip install flask).
See docs/flask-interop.md.
"""
import os
from datetime import timedelta

from flask import Flask, flash, get_flashed_messages, redirect, request, session, url_for
from markupsafe import escape

app = Flask(__name__)
# The one setting both sides MUST share. Keep it out of the code in real deployments.
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev-only-not-secret")
app.config.update(
    SESSION_COOKIE_NAME="session",          # Satchel's Flask cookie config uses the same name
    SESSION_COOKIE_SAMESITE="Lax",          # set the same SameSite, Path and Domain on the Satchel side
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SECURE=os.environ.get("COOKIE_SECURE") == "1",  # turn on behind HTTPS
    PERMANENT_SESSION_LIFETIME=timedelta(days=31),  # = FlaskSessionCodec.builder(...).maxAge(Duration.ofDays(31))
)

PAGE = """<!doctype html><title>Flask side</title>
<h1>Flask side</h1>{flashes}
<p>{who}</p>
<form method="post" action="/login"><input name="user" placeholder="name" required> <button>Log in</button></form>
<form method="post" action="/logout"><button>Log out</button></form>"""


@app.get("/")
def index():
    flashes = "".join(
        f"<p class='{escape(category)}'>{escape(message)}</p>"
        for category, message in get_flashed_messages(with_categories=True)
    )
    user = session.get("user")
    name = session.get("display_name", user)
    who = f"Logged in as <b>{escape(name)}</b>" if user else "Not logged in"
    return PAGE.format(flashes=flashes, who=who)


@app.post("/login")
def login():
    session.clear()  # a fresh session on login, so nothing from before survives it
    session["user"] = request.form["user"]
    session["display_name"] = request.form["user"].capitalize()
    session.permanent = True  # stored as "_permanent": true, which Satchel keeps as an ordinary key
    flash(f"Logged in as {session['display_name']} (on the Flask side).", "success")  # stored in "_flashes" as a (category, message) tuple
    return redirect(url_for("index"))


@app.post("/logout")
def logout():
    session.clear()
    flash("Logged out (on the Flask side).", "success")
    return redirect(url_for("index"))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
