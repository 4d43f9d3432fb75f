package dev.satchel.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * Writes the session back when an async request times out or fails (before the container answers with an error),
 * and checks for late changes when it completes.
 */
final class SessionAsyncListener implements AsyncListener {

  private final RequestContext context;

  SessionAsyncListener(RequestContext context) {
    this.context = context;
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    context.commitNow();
  }

  @Override
  public void onError(AsyncEvent event) {
    context.commitNow();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    context.finishFromAsync();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Containers drop listeners when a new async cycle starts (startAsync again after a dispatch): stay on.
    event.getAsyncContext().addListener(this);
  }
}
