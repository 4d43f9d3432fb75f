package dev.satchel.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response the application sees. It writes the session back (cookie headers included) just before anything can
 * commit the response: a flush, a redirect, an error, the declared Content-Length being reached, or a write that
 * could spill the container's buffer. Headers added after the commit would be silently dropped by the container.
 *
 * <p>"Could spill" is judged conservatively: a write that brings the body to the buffer size, or a single write
 * larger than a quarter of it (Jetty sends such writes straight through instead of buffering them).
 */
final class SatchelResponseWrapper extends HttpServletResponseWrapper {

  private final RequestContext context;
  private long written;
  private long contentLength = -1;
  private CommitGuardOutputStream out;
  private CommitGuardWriter writer;

  SatchelResponseWrapper(HttpServletResponse response, RequestContext context) {
    super(response);
    this.context = context;
  }

  /** Writes the session back now: the response is about to be committed. */
  void beforeCommit() {
    context.commitSession();
  }

  /** False once the session is written back: body bytes no longer need counting. */
  boolean guarding() {
    return !context.isSessionCommitted();
  }

  /** Called before {@code bytes} more body bytes are handed to the container. */
  void beforeWrite(long bytes) {
    if (!context.isSessionCommitted()) {
      long after = written + bytes;
      int buffer = getBufferSize();
      if (after >= buffer || bytes > buffer / 4 || (contentLength >= 0 && after >= contentLength)) {
        context.commitSession();
      }
    }
    written += bytes;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (out == null) {
      out = new CommitGuardOutputStream(super.getOutputStream(), this);
    }
    return out;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      PrintWriter delegate = super.getWriter();
      writer = new CommitGuardWriter(delegate, this, charset());
    }
    return writer;
  }

  private Charset charset() {
    try {
      return Charset.forName(getCharacterEncoding());
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  @Override
  public void flushBuffer() throws IOException {
    beforeCommit();
    super.flushBuffer();
  }

  /** Before {@code sendError}: the container dispatches its error page with its own bare request. */
  private void beforeError() {
    context.exposeForRedispatch();
    beforeCommit();
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    beforeError();
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    beforeError();
    super.sendError(sc);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    beforeCommit();
    super.sendRedirect(location);
  }

  @Override
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    beforeCommit();
    super.sendRedirect(location, clearBuffer);
  }

  @Override
  public void sendRedirect(String location, int sc) throws IOException {
    beforeCommit();
    super.sendRedirect(location, sc);
  }

  @Override
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    beforeCommit();
    super.sendRedirect(location, sc, clearBuffer);
  }

  @Override
  public void setContentLength(int len) {
    super.setContentLength(len);
    declaredLength(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    super.setContentLengthLong(len);
    declaredLength(len);
  }

  @Override
  public void setHeader(String name, String value) {
    super.setHeader(name, value);
    contentLengthHeader(name, value);
  }

  @Override
  public void addHeader(String name, String value) {
    super.addHeader(name, value);
    contentLengthHeader(name, value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    super.setIntHeader(name, value);
    contentLengthHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    super.addIntHeader(name, value);
    contentLengthHeader(name, Integer.toString(value));
  }

  @Override
  public void reset() {
    super.reset();
    written = 0;
    contentLength = -1;
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    written = 0;
  }

  private void contentLengthHeader(String name, String value) {
    if ("Content-Length".equalsIgnoreCase(name)) {
      try {
        declaredLength(value == null ? -1 : Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        declaredLength(-1);
      }
    }
  }

  private void declaredLength(long length) {
    contentLength = length;
    if (length >= 0 && written >= length) {
      // Everything declared is already written: the container may complete the response at once.
      beforeCommit();
    }
  }
}
