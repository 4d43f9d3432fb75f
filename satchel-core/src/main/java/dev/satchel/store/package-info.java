/**
 * The server-side session store SPI: storage keys are SHA-256 hashes of the cookie token, attribute values are JSON
 * text, and saves are per-request deltas. Implementations: {@code dev.satchel.store.memory} here, JDBC and Redis in
 * their own modules; every one passes {@code dev.satchel.testkit.SessionStoreContract}.
 */
package dev.satchel.store;
