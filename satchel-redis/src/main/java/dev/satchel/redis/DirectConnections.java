package dev.satchel.redis;

import dev.satchel.store.SessionStoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blocking connections to one standalone Redis for the calls every request makes (load, save, compare-and-set):
 * the request thread writes its command and reads the reply on a pooled socket of its own.
 *
 * <p>Why not Lettuce for these: Lettuce hands every command to its event-loop thread and the reply back, two thread
 * wake-ups per command on top of the socket I/O; on a busy server that thread also competes for CPU with every
 * request thread, so each request waits for it. Measured on the benchmark machine, a blocking round trip cost a third
 * to a half of Lettuce's CPU per command (see {@code docs/stores.md}). Lettuce still serves everything else: Sentinel,
 * Cluster, TLS, and the store's admin operations.
 *
 * <p>Bounds: at most {@link #MAX_CONNECTIONS} sockets (a thread beyond that waits for one until its deadline); a
 * connection idle for {@link #MAX_IDLE} is replaced rather than reused (servers and proxies close idle clients); one
 * watchdog thread closes a socket whose call passed its deadline, which bounds writes as well as reads. After an I/O
 * failure every idle connection is dropped (after a Redis restart they are all dead), and a failed connect is
 * remembered for {@link RedisConnector#RETRY_INTERVAL} so request threads fail at once while Redis is down.
 */
final class DirectConnections implements AutoCloseable {

  /** The most sockets one store opens; threads beyond that wait for a free one. */
  static final int MAX_CONNECTIONS = 64;
  /** A pooled connection unused for this long is closed instead of reused. */
  static final Duration MAX_IDLE = Duration.ofSeconds(30);
  /** How often the watchdog checks deadlines: a timed-out call fails at most this much after its deadline. */
  private static final long WATCH_INTERVAL_MS = 20;

  private final String host;
  private final int port;
  private final RedisURI uri;
  private final Duration connectTimeout;
  private final Calls calls;
  private final String where;
  private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
  private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
  private final Set<Conn> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger generation = new AtomicInteger();
  private volatile long lastFailureNanos;
  private volatile String lastFailure;
  private volatile boolean closed;
  private Thread watchdog;

  private DirectConnections(RedisURI uri, Duration connectTimeout, Calls calls, String where) {
    this.uri = uri;
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.connectTimeout = connectTimeout;
    this.calls = calls;
    this.where = where;
  }

  /**
   * Direct connections for this URI, or null when Lettuce must serve it: Cluster and Sentinel (Lettuce follows their
   * topology), TLS and Unix sockets.
   */
  static DirectConnections forUri(List<RedisURI> uris, boolean cluster, Duration connectTimeout, Calls calls,
      String where) {
    if (cluster || uris.size() != 1) {
      return null;
    }
    RedisURI u = uris.get(0);
    if (!u.getSentinels().isEmpty() || u.isSsl() || u.getSocket() != null || u.getHost() == null) {
      return null;
    }
    return new DirectConnections(u, connectTimeout, calls, where);
  }

  /** Sends one command and returns its reply; {@code idempotent} lets a stale pooled connection be retried once. */
  Object call(String operation, long deadline, boolean idempotent, String... command) {
    Object reply = execute(operation, deadline, idempotent, c -> c.exchange(command));
    return check(reply, operation);
  }

  /** Runs a script by its SHA-1 and, when Redis answers NOSCRIPT (restart, SCRIPT FLUSH), by its source. */
  Object script(LuaScript script, String[] keys, String[] args, String operation, long deadline) {
    String[] bySha = scriptCommand("EVALSHA", script.sha1(), keys, args);
    Object reply = execute(operation, deadline, false, c -> {
      Object r = c.exchange(bySha);
      if (r instanceof Resp.Error e && e.message().startsWith("NOSCRIPT")) {
        bySha[1] = script.source();
        bySha[0] = "EVAL";
        r = c.exchange(bySha);
      }
      return r;
    });
    return check(reply, operation);
  }

  @Override
  public void close() {
    closed = true;
    for (Conn c : open) {
      c.close();
    }
    open.clear();
    idle.clear();
    Thread w;
    synchronized (this) {
      w = watchdog;
    }
    if (w != null) {
      w.interrupt();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private interface Exchange {
    Object run(Conn c) throws IOException;
  }

  private Object execute(String operation, long deadline, boolean idempotent, Exchange exchange) {
    for (int attempt = 0; ; attempt++) {
      Conn c = acquire(operation, deadline);
      boolean reused = c.uses > 0;
      c.arm(deadline);
      try {
        Object reply = exchange.run(c);
        if (c.disarm() && c.reader.drained()) {
          release(c);
        } else {
          discard(c, false);
        }
        return reply;
      } catch (IOException e) {
        boolean timedOut = !c.disarm();
        boolean delivered = c.sent;
        discard(c, true);
        if (timedOut) {
          throw calls.timedOut(operation, e);
        }
        // A pooled socket the server closed while it sat idle (restart, idle timeout): the command never ran if it
        // could not be written, and a read is safe to repeat. Anything else may have run: report it.
        if (reused && attempt == 0 && (idempotent || !delivered) && System.nanoTime() - deadline < 0) {
          continue;
        }
        throw new SessionStoreUnavailableException("Redis at " + where + " is unreachable (" + operation + "): "
            + RedisConnector.rootMessage(e), e);
      } catch (RuntimeException | java.lang.Error e) {
        c.disarm();
        discard(c, false);
        throw e;
      }
    }
  }

  private Object check(Object reply, String operation) {
    if (reply instanceof Resp.Error e) {
      throw calls.translate(new RedisCommandExecutionException(e.message()), operation);
    }
    return reply;
  }

  private static String[] scriptCommand(String verb, String script, String[] keys, String[] args) {
    String[] cmd = new String[3 + keys.length + args.length];
    cmd[0] = verb;
    cmd[1] = script;
    cmd[2] = Integer.toString(keys.length);
    System.arraycopy(keys, 0, cmd, 3, keys.length);
    System.arraycopy(args, 0, cmd, 3 + keys.length, args.length);
    return cmd;
  }

  private Conn acquire(String operation, long deadline) {
    if (closed) {
      throw new IllegalStateException("The Redis session store is closed");
    }
    if (!permits.tryAcquire()) {
      try {
        if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw new SessionStoreUnavailableException("All " + MAX_CONNECTIONS + " connections to Redis at " + where
              + " stayed busy until the deadline (" + operation + ", commandTimeout)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SessionStoreUnavailableException("Interrupted while waiting for Redis at " + where + " ("
            + operation + ")", e);
      }
    }
    try {
      int gen = generation.get();
      long now = System.nanoTime();
      Conn c;
      while ((c = idle.pollFirst()) != null) {
        if (c.generation == gen && now - c.lastUsedNanos < MAX_IDLE.toNanos()) {
          return c;
        }
        c.close();
        open.remove(c);
      }
      return connect(operation, deadline);
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void release(Conn c) {
    c.uses++;
    c.lastUsedNanos = System.nanoTime();
    if (closed) {
      c.close();
      open.remove(c);
    } else {
      idle.offerFirst(c);
    }
    permits.release();
  }

  private void discard(Conn c, boolean ioFailure) {
    if (ioFailure) {
      // The others may be as dead as this one (Redis restarted): drop them rather than fail one request each.
      generation.incrementAndGet();
    }
    c.close();
    open.remove(c);
    permits.release();
  }

  private Conn connect(String operation, long deadline) {
    String failure = lastFailure;
    if (failure != null && System.nanoTime() - lastFailureNanos < RedisConnector.RETRY_INTERVAL.toNanos()) {
      throw new SessionStoreUnavailableException(failure);
    }
    long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    int timeout = (int) Math.min(connectTimeout.toMillis(), remainingMillis);
    Socket socket = new Socket();
    Conn c = null;
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(host, port), timeout);
      c = new Conn(socket, generation.get());
      open.add(c);
      startWatchdog();
      c.arm(Math.min(deadline, System.nanoTime() + connectTimeout.toNanos()));
      handshake(c);
      if (!c.disarm()) {
        throw new IOException("handshake timed out");
      }
      lastFailure = null;
      return c;
    } catch (IOException e) {
      if (c != null) {
        c.close();
        open.remove(c);
      } else {
        closeQuietly(socket);
      }
      String message = e instanceof HandshakeRefused ? "Redis at " + where + " " + e.getMessage()
          : "Redis at " + where + " is unreachable (connect timeout " + connectTimeout.toMillis() + " ms): "
              + RedisConnector.rootMessage(e);
      lastFailure = message;
      lastFailureNanos = System.nanoTime();
      throw new SessionStoreUnavailableException(message, e);
    } catch (RuntimeException e) {
      if (c != null) {
        c.close();
        open.remove(c);
      } else {
        closeQuietly(socket);
      }
      throw e;
    }
  }

  /** AUTH, SELECT and CLIENT SETNAME as the URI asks; RESP2, which every Redis since 2.0 speaks by default. */
  private void handshake(Conn c) throws IOException {
    List<String[]> steps = new ArrayList<>(3);
    char[] password = uri.getPassword();
    if (password != null && password.length > 0) {
      String user = uri.getUsername();
      steps.add(user != null && !user.isEmpty() ? new String[] {"AUTH", user, new String(password)}
          : new String[] {"AUTH", new String(password)});
    }
    if (uri.getDatabase() != 0) {
      steps.add(new String[] {"SELECT", Integer.toString(uri.getDatabase())});
    }
    if (uri.getClientName() != null && !uri.getClientName().isEmpty()) {
      steps.add(new String[] {"CLIENT", "SETNAME", uri.getClientName()});
    }
    for (String[] step : steps) {
      Object reply = c.exchange(step);
      if (reply instanceof Resp.Error e) {
        // Never echo the command: it may hold the password.
        throw new HandshakeRefused("refused the connection's " + step[0] + " (check the URI's user, password and "
            + "database): " + e.message());
      }
    }
  }

  private synchronized void startWatchdog() {
    if (watchdog != null || closed) {
      return;
    }
    Thread t = new Thread(() -> {
      while (!closed) {
        try {
          Thread.sleep(WATCH_INTERVAL_MS);
        } catch (InterruptedException e) {
          return;
        }
        long now = System.nanoTime();
        for (Conn c : open) {
          c.expireIfDue(now);
        }
      }
    }, "satchel-redis-deadlines");
    t.setDaemon(true);
    t.start();
    watchdog = t;
  }

  /** Redis answered the connection's AUTH, SELECT or CLIENT SETNAME with an error. */
  private static final class HandshakeRefused extends IOException {
    HandshakeRefused(String message) {
      super(message);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }

  /** One socket, used by one thread at a time; its deadline state is shared with the watchdog. */
  private static final class Conn {
    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int EXPIRED = 2;

    final Socket socket;
    final OutputStream out;
    final Resp.Reader reader;
    final Resp.Writer writer = new Resp.Writer();
    final int generation;
    final AtomicInteger state = new AtomicInteger(IDLE);
    volatile long deadlineNanos;
    long lastUsedNanos = System.nanoTime();
    long uses;
    boolean sent;

    Conn(Socket socket, int generation) throws IOException {
      this.socket = socket;
      // Unbuffered: Resp.Writer hands over each command as one array, which leaves in one write.
      this.out = socket.getOutputStream();
      this.reader = new Resp.Reader(socket.getInputStream());
      this.generation = generation;
    }

    Object exchange(String[] command) throws IOException {
      sent = false;
      writer.command(command).writeTo(out);
      sent = true;
      return reader.read();
    }

    void arm(long deadline) {
      deadlineNanos = deadline;
      state.set(ARMED);
    }

    /** False when the watchdog expired the call (and closed the socket). */
    boolean disarm() {
      return state.compareAndSet(ARMED, IDLE);
    }

    void expireIfDue(long now) {
      if (state.get() == ARMED && now - deadlineNanos > 0 && state.compareAndSet(ARMED, EXPIRED)) {
        close();
      }
    }

    void close() {
      closeQuietly(socket);
    }
  }
}
