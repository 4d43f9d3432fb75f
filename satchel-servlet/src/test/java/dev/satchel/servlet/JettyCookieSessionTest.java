package dev.satchel.servlet;

/** The web-integration scenario on embedded Jetty with cookie sessions, over real HTTP. */
class JettyCookieSessionTest extends ServletScenarioTestBase {

  JettyCookieSessionTest() {
    super(new JettyServer(), false);
  }
}
