package dev.satchel.spring;

import dev.satchel.session.SessionManager;
import dev.satchel.store.SessionId;
import dev.satchel.store.SessionStore;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Up when the session store answers a lookup (of a random id, so nothing real is read); cookie sessions have no
 * store and are always up.
 */
public class SatchelHealthIndicator implements HealthIndicator {

  private final SessionManager manager;

  /** Checks the store of {@code manager}. */
  public SatchelHealthIndicator(SessionManager manager) {
    this.manager = manager;
  }

  @Override
  public Health health() {
    Optional<SessionStore> store = manager.store();
    if (store.isEmpty()) {
      return Health.up().withDetail("sessions", "cookie").build();
    }
    String type = store.get().getClass().getSimpleName();
    try {
      store.get().load(SessionId.generate().storageKey(), manager.now());
      return Health.up().withDetail("sessions", "store").withDetail("store", type).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("store", type).withDetail("error", e.getMessage()).build();
    }
  }
}
