/** The byte-level signing engine shared by {@code TimestampSigner} and the codecs. Not API. */
package dev.satchel.sign.internal;
