package dev.satchel.internal;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib (RFC 1950) streams as Python's {@code zlib} makes and reads them, for every cookie format that compresses: the
 * signed codec, the Flask codec and the CLI. Native streams are pooled (creating one costs microseconds, and
 * {@code reset()} restores the same state, so the bytes are the same), and inflating is always bounded: a cookie is
 * at most ~4 KB and zlib can expand ~1000-fold, so an unbounded inflate would let a tiny cookie allocate megabytes.
 */
public final class Zlib {

  private static final Pool<Deflater> DEFLATERS = new Pool<>(() -> new Deflater(Deflater.DEFAULT_COMPRESSION));
  private static final Pool<Inflater> INFLATERS = new Pool<>(Inflater::new);

  private Zlib() {}

  /** {@code zlib.compress(data)}: the same level, window and header, so the same libz gives the same bytes. */
  public static byte[] compress(byte[] data) {
    byte[] out = deflate(data, Integer.MAX_VALUE);
    if (out == null) {
      throw new IllegalStateException("unbounded deflate did not finish");
    }
    return out;
  }

  /**
   * The zlib form of {@code data}, or null when it would not be at least 2 bytes shorter (Flask's rule); stops
   * deflating as soon as it cannot win.
   */
  public static byte[] compressIfShorter(byte[] data) {
    return data.length < 3 ? null : deflate(data, data.length - 2);
  }

  /**
   * {@code zlib.decompress(data)}, bytes after the end of the stream ignored as Python does, producing at most
   * {@code maxBytes}. Null for a broken, truncated or oversized stream.
   */
  public static byte[] decompress(byte[] data, int maxBytes) {
    return inflate(data, maxBytes, true);
  }

  /** As {@link #decompress}, but bytes after the end of the stream make it null: nothing unsigned rides along. */
  public static byte[] decompressExactly(byte[] data, int maxBytes) {
    return inflate(data, maxBytes, false);
  }

  private static byte[] deflate(byte[] data, int limit) {
    Deflater d = DEFLATERS.acquire();
    try {
      d.reset();
      d.setInput(data);
      d.finish();
      byte[] out = new byte[(int) Math.min(limit, data.length / 2L + 64)];
      int n = 0;
      while (!d.finished()) {
        if (n == out.length) {
          if (out.length >= limit) {
            return null;
          }
          out = Arrays.copyOf(out, (int) Math.min(limit, out.length * 2L));
        }
        n += d.deflate(out, n, out.length - n);
      }
      return Arrays.copyOf(out, n);
    } finally {
      DEFLATERS.release(d);
    }
  }

  private static byte[] inflate(byte[] data, int maxBytes, boolean trailingAllowed) {
    Inflater inf = INFLATERS.acquire();
    try {
      inf.reset();
      inf.setInput(data);
      byte[] out = new byte[(int) Math.min(maxBytes, Math.max(64, data.length * 4L))];
      int n = 0;
      while (!inf.finished()) {
        if (n == out.length) {
          if (out.length >= maxBytes) {
            return null;
          }
          out = Arrays.copyOf(out, (int) Math.min(maxBytes, out.length * 2L));
        }
        int got = inf.inflate(out, n, out.length - n);
        if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
          return null;
        }
        n += got;
      }
      return trailingAllowed || inf.getRemaining() == 0 ? Arrays.copyOf(out, n) : null;
    } catch (DataFormatException e) {
      return null;
    } finally {
      INFLATERS.release(inf);
    }
  }
}
