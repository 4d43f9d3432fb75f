package dev.satchel.servlet;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response body writer: tells the response wrapper how many bytes are about to go out (exactly for UTF-8, an
 * upper bound otherwise), so the session is written before the container commits.
 *
 * <p>A {@code PrintWriter} over the container's writer, so {@link #checkError()} still reports the container's
 * errors; every path that writes ({@code print}, {@code println}, {@code format}, {@code append}) ends in one of the
 * overridden methods.
 */
final class CommitGuardWriter extends PrintWriter {

  private final PrintWriter delegate;
  private final SatchelResponseWrapper response;
  private final boolean utf8;
  private final int maxBytesPerChar;

  CommitGuardWriter(PrintWriter delegate, SatchelResponseWrapper response, Charset charset) {
    super(delegate, false);
    this.delegate = delegate;
    this.response = response;
    this.utf8 = charset.equals(StandardCharsets.UTF_8);
    // Only other charsets need the bound; an encoder is an allocation per response otherwise.
    this.maxBytesPerChar = utf8 ? 3 : (int) Math.ceil(charset.newEncoder().maxBytesPerChar());
  }

  @Override
  public void write(int c) {
    response.beforeWrite(utf8 ? utf8Length((char) c) : maxBytesPerChar);
    delegate.write(c);
  }

  @Override
  public void write(char[] buf, int off, int len) {
    // Once the session is written back nothing needs counting: skip the scan over every character.
    if (response.guarding()) {
      response.beforeWrite(bytes(buf, off, len));
    }
    delegate.write(buf, off, len);
  }

  @Override
  public void write(char[] buf) {
    write(buf, 0, buf.length);
  }

  @Override
  public void write(String s, int off, int len) {
    if (response.guarding()) {
      response.beforeWrite(bytes(s, off, len));
    }
    delegate.write(s, off, len);
  }

  @Override
  public void write(String s) {
    write(s, 0, s.length());
  }

  @Override
  public void println() {
    // PrintWriter's own println() writes the separator straight to the delegate, past the counting above.
    write(System.lineSeparator());
  }

  @Override
  public void flush() {
    response.beforeCommit();
    delegate.flush();
  }

  @Override
  public void close() {
    response.beforeCommit();
    delegate.close();
  }

  private long bytes(char[] buf, int off, int len) {
    if (!utf8) {
      return (long) len * maxBytesPerChar;
    }
    long n = 0;
    for (int i = off; i < off + len; i++) {
      n += utf8Length(buf[i]);
    }
    return n;
  }

  private long bytes(String s, int off, int len) {
    if (!utf8) {
      return (long) len * maxBytesPerChar;
    }
    long n = 0;
    for (int i = off; i < off + len; i++) {
      n += utf8Length(s.charAt(i));
    }
    return n;
  }

  /** A surrogate counts 2, so a pair counts the 4 bytes it encodes to. */
  private static int utf8Length(char c) {
    if (c < 0x80) {
      return 1;
    }
    return c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
  }
}
