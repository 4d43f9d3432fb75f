package dev.satchel.servlet;

/** The web-integration scenario on embedded Jetty with a server-side store, over real HTTP. */
class JettyStoreSessionTest extends ServletScenarioTestBase {

  JettyStoreSessionTest() {
    super(new JettyServer(), true);
  }
}
