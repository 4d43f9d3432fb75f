package dev.satchel.servlet;

/** The web-integration scenario on embedded Tomcat with a server-side store, over real HTTP. */
class TomcatStoreSessionTest extends ServletScenarioTestBase {

  TomcatStoreSessionTest() {
    super(new TomcatServer(), true);
  }
}
