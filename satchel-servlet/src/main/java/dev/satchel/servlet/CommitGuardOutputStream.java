package dev.satchel.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** The response body stream: tells the response wrapper before bytes go out, so the session is written first. */
final class CommitGuardOutputStream extends ServletOutputStream {

  private final ServletOutputStream delegate;
  private final SatchelResponseWrapper response;

  CommitGuardOutputStream(ServletOutputStream delegate, SatchelResponseWrapper response) {
    this.delegate = delegate;
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    response.beforeWrite(1);
    delegate.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    response.beforeWrite(len);
    delegate.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    response.beforeCommit();
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    response.beforeCommit();
    delegate.close();
  }

  @Override
  public boolean isReady() {
    return delegate.isReady();
  }

  @Override
  public void setWriteListener(WriteListener writeListener) {
    delegate.setWriteListener(writeListener);
  }
}
