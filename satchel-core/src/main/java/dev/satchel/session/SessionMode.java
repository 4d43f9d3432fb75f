package dev.satchel.session;

import dev.satchel.http.SessionRequest;
import dev.satchel.http.SessionResponse;
import java.time.Instant;

/** Where sessions live, as the request lifecycle sees it: the cookie itself, or a store. */
interface SessionMode {

  /** Loads (or starts) the session of a request. Never throws for bad cookies; may throw when a store is down. */
  Loaded load(SessionRequest request, Instant now);

  /** Writes what the request changed and the cookie headers that follow from it. */
  void commit(Loaded loaded, SessionRequest request, SessionResponse response, Instant now);

  /** A loaded session and what its mode remembers about it. */
  interface Loaded {
    Session session();
  }
}
