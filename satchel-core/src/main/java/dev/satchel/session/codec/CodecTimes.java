package dev.satchel.session.codec;

import java.time.Instant;

/** The age check both cookie codecs apply to an issue time, with or without a verification. */
final class CodecTimes {

  private CodecTimes() {}

  /** True when a cookie issued at {@code issuedAt} is neither older than {@code maxAgeSeconds} nor too far ahead. */
  static boolean within(Instant issuedAt, Instant now, long maxAgeSeconds, long skewSeconds) {
    long issued = issuedAt.getEpochSecond();
    long at = now.getEpochSecond();
    return at - issued <= maxAgeSeconds && issued - at <= skewSeconds;
  }
}
