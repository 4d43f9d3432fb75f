package dev.satchel.testkit;

import dev.satchel.store.SessionStore;

/**
 * The kit run against a {@link FaultyStore}; launched only by {@link ContractCatchesBrokenStoresTest} (its name keeps
 * Surefire from running it on its own).
 */
public class FaultyStoreContract extends SessionStoreContract {

  /** The fault the next launch injects. */
  static volatile FaultyStore.Fault fault;

  @Override
  protected SessionStore createStore() {
    return new FaultyStore(fault);
  }
}
