package dev.satchel.servlet;

/** The web-integration scenario on embedded Tomcat with cookie sessions, over real HTTP. */
class TomcatCookieSessionTest extends ServletScenarioTestBase {

  TomcatCookieSessionTest() {
    super(new TomcatServer(), false);
  }
}
