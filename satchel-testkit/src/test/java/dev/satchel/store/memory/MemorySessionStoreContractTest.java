package dev.satchel.store.memory;

import dev.satchel.store.SessionStore;
import dev.satchel.testkit.SessionStoreContract;
import java.util.Collection;

/**
 * The memory store against the conformance kit. It lives in satchel-testkit, not satchel-core, because the kit
 * depends on core: core depending on the kit (even at test scope) would be a reactor cycle. Same package as the
 * store so it can read the package-private raw view.
 */
class MemorySessionStoreContractTest extends SessionStoreContract {

  private MemorySessionStore store;

  @Override
  protected SessionStore createStore() {
    store = MemorySessionStore.builder().maximumSessions(10_000).build();
    return store;
  }

  @Override
  protected boolean backendExpiresByWallClock() {
    return true; // Caffeine drops entries at their expiresAt
  }

  @Override
  protected Collection<String> rawStoredKeysAndValues() {
    return store.rawContents();
  }
}
