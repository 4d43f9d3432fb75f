package dev.satchel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import dev.satchel.testkit.FaultyStore.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit's own test: a store with one known bug must fail the kit test written for that rule (and a kit test that
 * passes a broken store would be a test that cannot fail).
 */
class ContractCatchesBrokenStoresTest {

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Fault.RESURRECTING_UPDATE, SessionStoreContract.Deltas.class,
            List.of("updateNeverResurrectsADeletedSession", "updateOfAnUnknownKeyReturnsNotFoundAndCreatesNothing")),
        Arguments.of(Fault.UPDATE_IGNORES_EXPIRY, SessionStoreContract.Deltas.class,
            List.of("updateNeverResurrectsAnExpiredSessionAndWritesNothing")),
        Arguments.of(Fault.LOAD_IGNORES_EXPIRY, SessionStoreContract.Expiry.class,
            List.of("aSessionIsLiveUntilTheMillisecondBeforeExpiresAtAndGoneAtIt")),
        Arguments.of(Fault.LISTING_IGNORES_EXPIRY, SessionStoreContract.Expiry.class,
            List.of("expiredSessionsAreNeitherListedNorCountedNorFoundByPrincipal")),
        Arguments.of(Fault.NORMALIZED_JSON, SessionStoreContract.CreateAndLoad.class,
            List.of("valuesComeBackAsTheExactJsonTextSaved")),
        Arguments.of(Fault.CASE_INSENSITIVE_KEYS, SessionStoreContract.CreateAndLoad.class,
            List.of("storageKeysAreCaseSensitive")),
        Arguments.of(Fault.TOUCH_DROPS_DATA, SessionStoreContract.Deltas.class,
            List.of("touchOnlyKeepsTheDataAndMovesTheExpiry")),
        Arguments.of(Fault.TOUCH_KEEPS_LATER_EXPIRY, SessionStoreContract.Expiry.class,
            List.of("anEarlierExpiresAtIsHonouredSoTheAbsoluteDeadlineCapsTheSession")),
        Arguments.of(Fault.NON_ATOMIC_DELTA, SessionStoreContract.Concurrency.class,
            List.of("parallelDeltasOnDistinctAttributesLoseNothing")),
        Arguments.of(Fault.NON_ATOMIC_DELTA, SessionStoreContract.Concurrency.class,
            List.of("aDeleteRacingWithUpdatesIsNeverUndone", "logOutEverywhereRacingWithUpdatesIsNeverUndone")),
        Arguments.of(Fault.NON_ATOMIC_CAS, SessionStoreContract.Concurrency.class,
            List.of("parallelComputeIncrementsAreNeverLostEvenWithDeltasInterleaved")),
        Arguments.of(Fault.CAS_IGNORES_EXPECTED, SessionStoreContract.CompareAndSet.class,
            List.of("conflictWhenTheValueChangedAndNothingIsWritten", "expectedNullMeansAbsent")),
        Arguments.of(Fault.CAS_TREATS_JSON_NULL_AS_ABSENT, SessionStoreContract.CompareAndSet.class,
            List.of("aJsonNullValueIsPresentNotAbsent")),
        Arguments.of(Fault.LIST_IN_COLLATION_ORDER, SessionStoreContract.Listing.class,
            List.of("pagesWalkEveryLiveSessionOnceInStorageKeyOrder")),
        Arguments.of(Fault.LIST_FILTERS_EXPIRED_AFTER_LIMIT, SessionStoreContract.Listing.class,
            List.of("expiredSessionsDoNotShortenAPage")),
        Arguments.of(Fault.SWEEP_UNBOUNDED, SessionStoreContract.Sweep.class,
            List.of("sweepRemovesExpiredSessionsInBoundedBatches")),
        Arguments.of(Fault.PRINCIPAL_OLDEST_FIRST, SessionStoreContract.PrincipalIndex.class,
            List.of("findsEverySessionOfAPrincipalMostRecentlyUsedFirst", "aTouchReordersTheSessions")),
        Arguments.of(Fault.PRINCIPAL_CHANGE_KEEPS_OLD_ENTRY, SessionStoreContract.PrincipalIndex.class,
            List.of("changingThePrincipalMovesTheIndexEntry", "loggingOutRemovesTheIndexEntry")));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @org.junit.jupiter.params.provider.MethodSource("faults")
  void theKitFailsAStoreWithThisBug(Fault fault, Class<?> nested, List<String> tests) {
    FaultyStoreContract.fault = fault;
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (String test : tests) {
      selectors.add(selectNestedMethod(List.of(FaultyStoreContract.class), nested, test));
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    Set<String> ran = ConcurrentHashMap.newKeySet();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).ifPresent(source -> {
          ran.add(source.getMethodName());
          if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            failed.add(source.getMethodName());
          }
        });
      }
    });
    assertThat(ran).as("kit tests that ran against %s", fault).containsExactlyInAnyOrderElementsOf(tests);
    assertThat(failed).as("kit tests that caught %s", fault).containsExactlyInAnyOrderElementsOf(tests);
  }
}
