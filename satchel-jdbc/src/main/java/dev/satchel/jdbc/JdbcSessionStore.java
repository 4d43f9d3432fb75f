package dev.satchel.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.satchel.internal.SettingChecks;
import dev.satchel.jdbc.internal.Dialect;
import dev.satchel.jdbc.internal.EvictOnNetworkFailure;
import dev.satchel.jdbc.internal.Failures;
import dev.satchel.jdbc.internal.Limits;
import dev.satchel.jdbc.internal.Micros;
import dev.satchel.jdbc.internal.SchemaScript;
import dev.satchel.jdbc.internal.Sql;
import dev.satchel.jdbc.internal.Tables;
import dev.satchel.store.SessionChanges;
import dev.satchel.store.SessionInfo;
import dev.satchel.store.SessionMetadata;
import dev.satchel.store.SessionStore;
import dev.satchel.store.StoreSweeper;
import dev.satchel.store.SessionStoreException;
import dev.satchel.store.StoredSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in a relational database: H2 (embedded default), PostgreSQL or MariaDB/MySQL.
 *
 * <p>One row per session and one row per attribute, so a request writes only the attributes it changed and parallel
 * requests on different attributes never lose each other's update. Every write first updates the session row under
 * {@code expires_at_us > now}: that both refuses to resurrect a deleted or expired session and row-locks the session,
 * so writes to one session are serialised by the database while other sessions proceed in parallel. Schema,
 * guarantees and tuning are described in {@code docs/stores.md}.
 *
 * <pre>{@code
 * SessionStore store = JdbcSessionStore.builder()
 *     .jdbcUrl("jdbc:postgresql://db:5432/app").username("app").password(secret)
 *     .build();
 * }</pre>
 */
public final class JdbcSessionStore implements SessionStore {

  private static final int TRANSACTION_ATTEMPTS = 3;
  /** Bounds one scheduled sweep, so a huge backlog is worked off over several runs instead of one long one. */
  private static final int MAX_SWEEP_BATCHES_PER_RUN = 100;

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Tables tables;
  private final boolean createSchema;
  private final Dialect urlDialect;
  /** Not final: for a DataSource we learn the URL to put in messages only from its first connection. */
  private volatile Failures failures;
  private final String timeoutsForMessages;
  private final Object initLock = new Object();
  private volatile Ready ready;
  private final StoreSweeper sweeper;

  /** The dialect and statements, known once the first connection told us which server this is. */
  private record Ready(Dialect dialect, Sql sql) {}

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c, Ready r) throws SQLException;
  }

  private JdbcSessionStore(Builder b) {
    this.tables = Tables.withPrefix(b.tablePrefix);
    this.createSchema = b.createSchema;
    if (b.dataSource != null) {
      this.dataSource = b.dataSource;
      this.ownedPool = null;
      this.urlDialect = null;
      String where = b.dataSource instanceof HikariDataSource h && h.getJdbcUrl() != null
          ? Failures.redact(h.getJdbcUrl()) : "(DataSource " + b.dataSource.getClass().getName() + ")";
      this.timeoutsForMessages = b.dataSource instanceof HikariDataSource h
          ? "connectionTimeout " + h.getConnectionTimeout() + " ms" : "the DataSource's own timeouts";
      this.failures = new Failures(where, timeoutsForMessages);
    } else {
      this.urlDialect = Dialect.forUrl(b.jdbcUrl).orElse(null);
      this.ownedPool = new HikariDataSource(poolConfig(b, urlDialect));
      this.dataSource = ownedPool;
      this.timeoutsForMessages = "connectionTimeout " + b.connectionTimeout.toMillis() + " ms, socketTimeout "
          + b.socketTimeout.toMillis() + " ms";
      this.failures = new Failures(Failures.redact(b.jdbcUrl), timeoutsForMessages);
    }
    this.sweeper = b.sweepInterval.isZero() ? null
        : new StoreSweeper(this, b.clock, b.sweepInterval, b.sweepBatchSize, MAX_SWEEP_BATCHES_PER_RUN, "jdbc");
  }

  /** Starts configuring a store. */
  public static Builder builder() {
    return new Builder();
  }

  private static HikariConfig poolConfig(Builder b, Dialect dialect) {
    HikariConfig config = new HikariConfig();
    String url = b.jdbcUrl;
    boolean h2Memory = url.regionMatches(true, 0, "jdbc:h2:mem:", 0, 12);
    if (h2Memory && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")) {
      // An in-memory H2 database disappears with its last connection; pools recycle connections.
      url = url + ";DB_CLOSE_DELAY=-1";
    }
    config.setJdbcUrl(url);
    config.setUsername(b.username);
    config.setPassword(b.password);
    config.setPoolName(b.poolName);
    config.setMaximumPoolSize(b.maximumPoolSize);
    config.setMinimumIdle(Math.min(2, b.maximumPoolSize));
    config.setConnectionTimeout(b.connectionTimeout.toMillis());
    config.setValidationTimeout(Math.max(250, Math.min(1000, b.connectionTimeout.toMillis() / 2)));
    // Start even when the database is down: the first calls fail fast with SessionStoreUnavailableException and
    // the pool connects by itself once the database is back.
    config.setInitializationFailTimeout(-1);
    // READ COMMITTED everywhere (MariaDB defaults to REPEATABLE READ, whose gap locks deadlock parallel writers).
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    // Drop a connection as soon as it fails at the network level, whatever SQLState the driver chose (H2 reports
    // a broken connection as 90067), so the pool heals when the database returns instead of handing out corpses.
    config.setExceptionOverride(new EvictOnNetworkFailure());
    if (dialect != null) {
      dialect.timeoutProperties(b.connectionTimeout, b.socketTimeout).forEach(config::addDataSourceProperty);
    }
    return config;
  }

  @Override
  public Optional<StoredSession> load(String storageKey, Instant now) {
    Limits.storageKey(storageKey);
    long nowUs = Micros.of(now);
    return withConnection("load", (c, r) -> {
      try (PreparedStatement ps = c.prepareStatement(r.sql().load)) {
        ps.setString(1, storageKey);
        ps.setLong(2, nowUs);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          SessionMetadata metadata = metadata(rs, 1);
          Map<String, String> attributes = new HashMap<>();
          do {
            String name = rs.getString(6);
            if (name != null) {
              attributes.put(name, rs.getString(7));
            }
          } while (rs.next());
          return Optional.of(new StoredSession(attributes, metadata));
        }
      }
    });
  }

  @Override
  public SaveResult save(String storageKey, SessionChanges changes, Instant now) {
    Limits.storageKey(storageKey);
    Objects.requireNonNull(changes, "changes");
    changes.upserts().forEach((name, json) -> Limits.value(Limits.attributeName(name), json));
    changes.removals().forEach(Limits::attributeName);
    SessionMetadata metadata = changes.metadata();
    Limits.principal(metadata.principal());
    long nowUs = Micros.of(now);
    if (changes.kind() == SessionChanges.Kind.CREATE) {
      return inTransaction("save", (c, r) -> {
        try (PreparedStatement ps = c.prepareStatement(r.sql().upsertSession)) {
          ps.setString(1, storageKey);
          ps.setString(2, metadata.principal());
          ps.setString(3, Limits.device(metadata.device()));
          ps.setLong(4, Micros.of(metadata.createdAt()));
          ps.setLong(5, Micros.of(metadata.lastAccessedAt()));
          ps.setLong(6, Micros.of(metadata.expiresAt()));
          ps.executeUpdate();
        }
        writeAttributes(c, r, storageKey, changes);
        return SaveResult.SAVED;
      });
    }
    if (changes.isTouchOnly()) {
      // One statement, no transaction: the cheapest write, and the one most requests make.
      return withConnection("save", (c, r) ->
          updateLiveSession(c, r, storageKey, metadata, nowUs) ? SaveResult.SAVED : SaveResult.NOT_FOUND);
    }
    return inTransaction("save", (c, r) -> {
      if (!updateLiveSession(c, r, storageKey, metadata, nowUs)) {
        return SaveResult.NOT_FOUND;
      }
      writeAttributes(c, r, storageKey, changes);
      return SaveResult.SAVED;
    });
  }

  @Override
  public CasResult compareAndSet(String storageKey, String attribute, String expectedJson, String newJson,
      SessionMetadata metadata, Instant now) {
    Limits.storageKey(storageKey);
    Limits.attributeName(attribute);
    if (newJson != null) {
      Limits.value(attribute, newJson);
    }
    Objects.requireNonNull(metadata, "metadata");
    Limits.principal(metadata.principal());
    long nowUs = Micros.of(now);
    return inTransaction("compareAndSet", (c, r) -> {
      // Locks the session row first, like every other write: CAS and deltas on one session queue up here.
      if (!updateLiveSession(c, r, storageKey, metadata, nowUs)) {
        return CasResult.NOT_FOUND;
      }
      boolean swapped;
      if (expectedJson == null && newJson == null) {
        swapped = readAttribute(c, r, storageKey, attribute) == null;
      } else if (expectedJson == null) {
        swapped = insertIfAbsent(c, r, storageKey, attribute, newJson);
      } else if (expectedJson.equals(newJson)) {
        // An UPDATE to the same value may report 0 changed rows on MySQL with useAffectedRows: compare by reading.
        swapped = expectedJson.equals(readAttribute(c, r, storageKey, attribute));
      } else if (newJson == null) {
        swapped = execute(c, r.sql().deleteAttributeIfValue, storageKey, attribute, expectedJson) == 1;
      } else {
        swapped = execute(c, r.sql().updateAttributeIfValue, newJson, storageKey, attribute, expectedJson) == 1;
      }
      if (!swapped) {
        c.rollback(); // the metadata refresh goes too: a conflict changes nothing
        return CasResult.CONFLICT;
      }
      return CasResult.UPDATED;
    });
  }

  @Override
  public boolean delete(String storageKey) {
    Limits.storageKey(storageKey);
    return withConnection("delete", (c, r) -> execute(c, r.sql().deleteSession, storageKey) > 0);
  }

  @Override
  public List<SessionInfo> findByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    long nowUs = Micros.of(now);
    return withConnection("findByPrincipal", (c, r) -> {
      try (PreparedStatement ps = c.prepareStatement(r.sql().findByPrincipal)) {
        ps.setString(1, principal);
        ps.setLong(2, nowUs);
        return infos(ps);
      }
    });
  }

  @Override
  public int deleteByPrincipal(String principal, Instant now) {
    Objects.requireNonNull(principal, "principal");
    long nowUs = Micros.of(now);
    return withConnection("deleteByPrincipal", (c, r) -> {
      try (PreparedStatement ps = c.prepareStatement(r.sql().deleteByPrincipal)) {
        ps.setString(1, principal);
        ps.setLong(2, nowUs);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<SessionInfo> list(String afterStorageKey, int limit, Instant now) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    long nowUs = Micros.of(now);
    return withConnection("list", (c, r) -> {
      String sql = afterStorageKey == null ? r.sql().listFirst : r.sql().listAfter;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (afterStorageKey != null) {
          ps.setString(i++, afterStorageKey);
        }
        ps.setLong(i++, nowUs);
        ps.setInt(i, limit);
        return infos(ps);
      }
    });
  }

  @Override
  public long count(Instant now) {
    long nowUs = Micros.of(now);
    return withConnection("count", (c, r) -> {
      try (PreparedStatement ps = c.prepareStatement(r.sql().count)) {
        ps.setLong(1, nowUs);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  public int sweep(Instant now, int maxSessions) {
    if (maxSessions <= 0) {
      throw new IllegalArgumentException("maxSessions must be > 0, was " + maxSessions);
    }
    long nowUs = Micros.of(now);
    return withConnection("sweep", (c, r) -> {
      try (PreparedStatement ps = c.prepareStatement(r.sql().sweep)) {
        ps.setLong(1, nowUs);
        ps.setInt(2, maxSessions);
        return ps.executeUpdate();
      }
    });
  }

  /** Stops the sweeper and closes the pool this store created; a {@code DataSource} passed in stays open. */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.close();
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  /** The database dialect in use ("h2", "postgresql", "mariadb"); connects if the store has not yet. */
  public String dialect() {
    return ready().dialect().name();
  }

  private boolean updateLiveSession(Connection c, Ready r, String key, SessionMetadata m, long nowUs)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(r.sql().updateLiveSession)) {
      ps.setString(1, m.principal());
      ps.setString(2, Limits.device(m.device()));
      ps.setLong(3, Micros.of(m.lastAccessedAt()));
      ps.setLong(4, Micros.of(m.expiresAt()));
      ps.setString(5, key);
      ps.setLong(6, nowUs);
      return ps.executeUpdate() > 0;
    }
  }

  private static void writeAttributes(Connection c, Ready r, String key, SessionChanges changes)
      throws SQLException {
    if (changes.replaceAll()) {
      execute(c, r.sql().deleteAllAttributes, key);
    } else if (!changes.removals().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(r.sql().deleteAttribute)) {
        for (String name : changes.removals()) {
          ps.setString(1, key);
          ps.setString(2, name);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!changes.upserts().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(r.sql().upsertAttribute)) {
        for (Map.Entry<String, String> e : changes.upserts().entrySet()) {
          ps.setString(1, key);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private boolean insertIfAbsent(Connection c, Ready r, String key, String name, String json) throws SQLException {
    try {
      return r.dialect().insertAttributeIfAbsent(c, tables, key, name, json);
    } catch (SQLException e) {
      if (r.dialect().isUniqueViolation(e)) {
        return false; // someone inserted it between our check and our insert: that is a lost race, not an error
      }
      throw e;
    }
  }

  private static String readAttribute(Connection c, Ready r, String key, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(r.sql().selectAttribute)) {
      ps.setString(1, key);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static int execute(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static List<SessionInfo> infos(PreparedStatement ps) throws SQLException {
    List<SessionInfo> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new SessionInfo(rs.getString(1), metadata(rs, 2)));
      }
    }
    return out;
  }

  /** Reads created, last access, expires, principal, device from {@code first} on. */
  private static SessionMetadata metadata(ResultSet rs, int first) throws SQLException {
    return new SessionMetadata(Micros.toInstant(rs.getLong(first)), Micros.toInstant(rs.getLong(first + 1)),
        Micros.toInstant(rs.getLong(first + 2)), rs.getString(first + 3), rs.getString(first + 4));
  }

  /** Runs one statement (or a read) in autocommit mode. */
  private <T> T withConnection(String operation, Work<T> work) {
    return run(operation, false, work);
  }

  /** Runs several statements as one transaction. */
  private <T> T inTransaction(String operation, Work<T> work) {
    return run(operation, true, work);
  }

  private <T> T run(String operation, boolean transaction, Work<T> work) {
    Ready r = ready();
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        if (!transaction) {
          return work.run(c, r);
        }
        c.setAutoCommit(false);
        try {
          T result = work.run(c, r);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c, e);
          throw e;
        } finally {
          restoreAutoCommit(c);
        }
      } catch (SQLException e) {
        // A deadlock or serialization failure rolled the whole unit back: the database asks us to run it again.
        // (Sweeps and deleteByPrincipal lock rows in different index orders, so even single statements can meet.)
        if (attempt < TRANSACTION_ATTEMPTS && Failures.isRetryable(e)) {
          continue;
        }
        throw failures.translate(operation, e);
      }
    }
  }

  private Ready ready() {
    Ready r = ready;
    if (r != null) {
      return r;
    }
    synchronized (initLock) {
      if (ready == null) {
        ready = connectFirstTime();
      }
      return ready;
    }
  }

  private Ready connectFirstTime() {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      if (ownedPool == null && c.getMetaData().getURL() != null) {
        failures = new Failures(Failures.redact(c.getMetaData().getURL()), timeoutsForMessages);
      }
      Dialect dialect = urlDialect != null ? urlDialect : Dialect.forProduct(product).orElseThrow(() ->
          new SessionStoreException("The JDBC session store supports H2, PostgreSQL and MariaDB/MySQL, not '"
              + product + "'"));
      if (createSchema) {
        createSchema(c, dialect, product);
      }
      return new Ready(dialect, new Sql(dialect, tables));
    } catch (SQLException e) {
      throw failures.translate("connecting and preparing the schema", e);
    }
  }

  private void createSchema(Connection c, Dialect dialect, String product) throws SQLException {
    List<String> statements = SchemaScript.statements(tables.adapt(
        dialect.adaptScript(SchemaScript.load(dialect.name()), product)));
    try {
      runSchema(c, dialect, statements);
    } catch (SQLException e) {
      if (Failures.isUnavailable(e)) {
        throw e;
      }
      // Another process may have been creating the same tables at the same moment: once it is done, every
      // IF NOT EXISTS statement succeeds.
      runSchema(c, dialect, statements);
    }
  }

  private void runSchema(Connection c, Dialect dialect, List<String> statements) throws SQLException {
    boolean transactional = dialect.transactionalDdl();
    if (transactional) {
      c.setAutoCommit(false);
    }
    try {
      dialect.lockSchema(c, tables.prefix());
      try (Statement st = c.createStatement()) {
        for (String sql : statements) {
          st.execute(sql);
        }
      }
      if (transactional) {
        c.commit();
      }
    } catch (SQLException e) {
      if (transactional) {
        rollbackQuietly(c, e);
      }
      throw e;
    } finally {
      try {
        dialect.unlockSchema(c, tables.prefix());
      } catch (SQLException e) {
        // The lock is session-scoped and dies with the connection at worst; the schema is what matters here.
      }
      restoreAutoCommit(c);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // The connection is broken; the pool discards it, and the original failure is already on its way.
    }
  }

  /** Configures a {@link JdbcSessionStore}; every setting has a default except where to connect. */
  public static final class Builder {

    private String jdbcUrl;
    private String username;
    private String password;
    private DataSource dataSource;
    private String tablePrefix = Tables.DEFAULT_PREFIX;
    private boolean createSchema = true;
    /** Null until set: then 1 s for a database server, 5 s for an embedded H2 (see {@link #connectionTimeout}). */
    private Duration connectionTimeout;
    private Duration socketTimeout = Duration.ofSeconds(10);
    private int maximumPoolSize = 10;
    private String poolName = "satchel-jdbc";
    private Duration sweepInterval = Duration.ofMinutes(5);
    private int sweepBatchSize = 500;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Connects through a new HikariCP pool: {@code jdbc:h2:file:./data/sessions}, {@code jdbc:postgresql://db/app}. */
    public Builder jdbcUrl(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new IllegalArgumentException("JDBC URL '" + Failures.redact(jdbcUrl) + "' must start with 'jdbc:'");
      }
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /** The database user for {@link #jdbcUrl}. */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** The database password for {@link #jdbcUrl}; never appears in messages. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Uses an existing pool instead of creating one; the store never closes it. Its timeouts apply. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Prefix of the two table names (default {@code satchel_}: {@code satchel_sessions}, {@code _attributes}). */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = Tables.withPrefix(tablePrefix).prefix();
      return this;
    }

    /** Whether the store creates its tables on first use (default true); turn off when you run the scripts yourself. */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * How long a request waits for a pooled connection, and for a new TCP connection (min 250 ms). Default 1 s for a
     * database server, so an outage turns into quick 503s instead of piled-up requests; 5 s for an embedded H2
     * database, which has no network to fail and whose first connection also creates the database, slow on a busy
     * machine.
     */
    public Builder connectionTimeout(Duration connectionTimeout) {
      if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
        throw new IllegalArgumentException("connectionTimeout must be at least 250 ms (HikariCP's minimum), got "
            + connectionTimeout);
      }
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /** How long a statement may wait on the network before the connection is declared dead (default 10 s). */
    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = SettingChecks.atLeast("socketTimeout", socketTimeout, Duration.ofMillis(1));
      return this;
    }

    /** Most connections the pool opens (default 10). */
    public Builder maximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = SettingChecks.atLeast("maximumPoolSize", maximumPoolSize, 1);
      return this;
    }

    /** The pool's name in logs and JMX (default {@code satchel-jdbc}). */
    public Builder poolName(String poolName) {
      this.poolName = Objects.requireNonNull(poolName, "poolName");
      return this;
    }

    /**
     * How often a background thread deletes expired sessions (default 5 minutes; {@link Duration#ZERO} turns it off
     * when you call {@link JdbcSessionStore#sweep} from your own scheduler).
     */
    public Builder sweepInterval(Duration sweepInterval) {
      this.sweepInterval = SettingChecks.offOrPositive("sweepInterval", sweepInterval);
      return this;
    }

    /** How many expired sessions one sweep statement deletes (default 500): bounds each transaction's locks. */
    public Builder sweepBatchSize(int sweepBatchSize) {
      this.sweepBatchSize = SettingChecks.atLeast("sweepBatchSize", sweepBatchSize, 1);
      return this;
    }

    /** The clock the background sweeper reads (default UTC system clock); other calls take {@code now} explicitly. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Creates the store; it connects lazily, so a database that is down now does not stop the application. */
    public JdbcSessionStore build() {
      if ((jdbcUrl == null) == (dataSource == null)) {
        throw new IllegalStateException("Set exactly one of jdbcUrl(...) or dataSource(...)");
      }
      if (connectionTimeout == null) {
        boolean embedded = jdbcUrl != null && jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)
            && !jdbcUrl.regionMatches(true, 8, "tcp:", 0, 4) && !jdbcUrl.regionMatches(true, 8, "ssl:", 0, 4);
        connectionTimeout = embedded ? Duration.ofSeconds(5) : Duration.ofMillis(1000);
      }
      return new JdbcSessionStore(this);
    }
  }
}
