/** Timestamped HMAC-SHA256 signatures: {@link dev.satchel.sign.TimestampSigner}. */
package dev.satchel.sign;
