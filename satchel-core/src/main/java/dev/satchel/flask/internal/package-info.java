/** Internals of the Flask interop: Python-exact JSON, float formatting, HTTP dates and zlib. Not API. */
package dev.satchel.flask.internal;
