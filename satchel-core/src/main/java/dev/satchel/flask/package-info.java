/**
 * Flask interoperability: Flask's session cookie ({@link dev.satchel.flask.FlaskSessionCodec}), its tagged JSON
 * ({@link dev.satchel.flask.TaggedJson}), itsdangerous-compatible signing and serialization
 * ({@link dev.satchel.flask.ItsDangerousSerializer}) and Flask-Login's remember-me cookie.
 */
package dev.satchel.flask;
