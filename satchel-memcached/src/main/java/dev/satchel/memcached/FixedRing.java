package dev.satchel.memcached;

import com.spotify.folsom.ConnectionChangeListener;
import com.spotify.folsom.RawMemcacheClient;
import com.spotify.folsom.client.Request;
import com.spotify.folsom.ketama.AddressAndClient;
import com.spotify.folsom.ketama.Continuum;
import com.spotify.folsom.ketama.NodeLocator;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Ketama without failover: a key always goes to the server the ring assigns it, even while that server is down.
 *
 * <p>Folsom's {@link Continuum} walks on to the next <em>connected</em> server. For a cache that is right; for
 * sessions it is not: while a server is unreachable its sessions would be looked up on another one (a silent logout),
 * a "log out everywhere" would read an empty principal index there and revoke nothing, and when the server returned,
 * the sessions it still held would be live again, revocation or not. So the ring is built over nodes that always
 * claim to be connected; a request for a dead server then fails at once with Folsom's "not connected", which the
 * store reports as {@code SessionStoreUnavailableException}.
 */
final class FixedRing {

  private FixedRing() {}

  /** The node locator to give {@code MemcacheClientBuilder.withNodeLocator}. */
  static NodeLocator locator(Collection<AddressAndClient> nodes) {
    List<AddressAndClient> fixed = nodes.stream().map(n -> n.mapClient(AlwaysOnRing::new)).collect(Collectors.toList());
    return new Continuum(fixed);
  }

  /** A node as the ring sees it: always "connected", so the ring never skips it; everything else delegates. */
  private static final class AlwaysOnRing implements RawMemcacheClient {
    private final RawMemcacheClient delegate;

    AlwaysOnRing(RawMemcacheClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> CompletionStage<T> send(Request<T> request) {
      return delegate.send(request);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public int numTotalConnections() {
      return delegate.numTotalConnections();
    }

    @Override
    public int numActiveConnections() {
      return delegate.numActiveConnections();
    }

    @Override
    public int numPendingRequests() {
      return delegate.numPendingRequests();
    }

    @Override
    public void registerForConnectionChanges(ConnectionChangeListener listener) {
      delegate.registerForConnectionChanges(listener);
    }

    @Override
    public void unregisterForConnectionChanges(ConnectionChangeListener listener) {
      delegate.unregisterForConnectionChanges(listener);
    }

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public Throwable getConnectionFailure() {
      return delegate.getConnectionFailure();
    }
  }
}
