/**
 * Cookie-session codecs: {@link dev.satchel.session.codec.SignedCookieCodec} (the default) and
 * {@link dev.satchel.session.codec.EncryptedCookieCodec}.
 */
package dev.satchel.session.codec;
