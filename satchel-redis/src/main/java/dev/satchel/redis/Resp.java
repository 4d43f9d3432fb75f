package dev.satchel.redis;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Redis protocol (RESP2) as the direct connections speak it: commands are arrays of UTF-8 bulk strings; replies
 * become {@code String} (simple and bulk strings), {@code Long}, {@code List<Object>}, {@code null} (nil bulk or
 * array) or {@link Error}. Only what the store's commands need; no pub/sub, no RESP3.
 */
final class Resp {

  private Resp() {}

  /** An error reply ({@code -ERR ...}, {@code -NOSCRIPT ...}): Redis' message, as text. */
  record Error(String message) {}

  /** The largest bulk string accepted (Redis' own proto-max-bulk-len default), so a corrupt length fails cleanly. */
  private static final int MAX_BULK = 512 * 1024 * 1024;
  /** The most elements one array reply may have before it is taken for a corrupt stream. */
  private static final int MAX_ARRAY = 64 * 1024 * 1024;

  /** Builds commands in one reusable buffer, so a command leaves in one write. */
  static final class Writer {
    private byte[] buf = new byte[1024];
    private int len;

    /** Encodes one command; {@link #writeTo} sends it. */
    Writer command(String[] args) {
      len = 0;
      header('*', args.length);
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        header('$', b.length);
        ensure(b.length + 2);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        buf[len++] = '\r';
        buf[len++] = '\n';
      }
      return this;
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(buf, 0, len);
      out.flush();
    }

    /** The encoded bytes (for tests). */
    byte[] bytes() {
      return Arrays.copyOf(buf, len);
    }

    private void header(char type, int n) {
      ensure(14);
      buf[len++] = (byte) type;
      if (n == 0) {
        buf[len++] = '0';
      } else {
        int start = len;
        for (int v = n; v > 0; v /= 10) {
          buf[len++] = (byte) ('0' + v % 10);
        }
        for (int i = start, j = len - 1; i < j; i++, j--) {
          byte t = buf[i];
          buf[i] = buf[j];
          buf[j] = t;
        }
      }
      buf[len++] = '\r';
      buf[len++] = '\n';
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }

  /** Reads replies from a stream through its own buffer. */
  static final class Reader {
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;

    Reader(InputStream in) {
      this.in = in;
    }

    /** True when nothing received is left unread (a reply was read whole). */
    boolean drained() {
      return pos == limit;
    }

    Object read() throws IOException {
      byte type = next();
      switch (type) {
        case '+':
          return line();
        case '-':
          return new Error(line());
        case ':':
          return number();
        case '$': {
          long n = number();
          if (n < 0) {
            return null;
          }
          if (n > MAX_BULK) {
            throw new IOException("Redis sent a bulk string of " + n + " bytes: the stream is corrupt");
          }
          String s = text((int) n);
          expectCrlf();
          return s;
        }
        case '*': {
          long n = number();
          if (n < 0) {
            return null;
          }
          if (n > MAX_ARRAY) {
            throw new IOException("Redis sent an array of " + n + " elements: the stream is corrupt");
          }
          List<Object> out = new ArrayList<>((int) Math.min(n, 1024));
          for (long i = 0; i < n; i++) {
            out.add(read());
          }
          return out;
        }
        default:
          throw new IOException("Unexpected byte " + (type & 0xff) + " in a Redis reply: the stream is corrupt");
      }
    }

    private byte next() throws IOException {
      if (pos == limit) {
        fill();
      }
      return buf[pos++];
    }

    private void fill() throws IOException {
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        throw new EOFException("Redis closed the connection");
      }
      pos = 0;
      limit = n;
    }

    private long number() throws IOException {
      long v = 0;
      boolean negative = false;
      byte b = next();
      if (b == '-') {
        negative = true;
        b = next();
      }
      int digits = 0;
      while (b != '\r') {
        if (b < '0' || b > '9' || ++digits > 18) {
          throw new IOException("Malformed number in a Redis reply: the stream is corrupt");
        }
        v = v * 10 + (b - '0');
        b = next();
      }
      if (next() != '\n' || digits == 0) {
        throw new IOException("Malformed number in a Redis reply: the stream is corrupt");
      }
      return negative ? -v : v;
    }

    private String line() throws IOException {
      StringBuilder s = new StringBuilder();
      byte b;
      while ((b = next()) != '\r') {
        s.append((char) (b & 0xff));
      }
      if (next() != '\n') {
        throw new IOException("Malformed line in a Redis reply: the stream is corrupt");
      }
      return s.toString();
    }

    private String text(int n) throws IOException {
      if (limit - pos >= n) {
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
      }
      byte[] b = new byte[n];
      int have = limit - pos;
      System.arraycopy(buf, pos, b, 0, have);
      pos = limit;
      while (have < n) {
        int r = in.read(b, have, n - have);
        if (r <= 0) {
          throw new EOFException("Redis closed the connection");
        }
        have += r;
      }
      return new String(b, StandardCharsets.UTF_8);
    }

    private void expectCrlf() throws IOException {
      if (next() != '\r' || next() != '\n') {
        throw new IOException("Missing CRLF after a bulk string in a Redis reply: the stream is corrupt");
      }
    }
  }
}
