package dev.satchel.servlet.example;

import dev.satchel.keys.KeyRing;
import dev.satchel.servlet.SatchelFilter;
import dev.satchel.session.SessionManager;
import dev.satchel.session.codec.SignedCookieCodec;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/** Installs Satchel in a servlet application (docs/integrations.md). */
@WebListener
public class SatchelSetup implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    SessionManager sessions = SessionManager.builder()
        .codec(SignedCookieCodec.of(KeyRing.fromEnvironment())) // SATCHEL_SECRET_KEY
        .build();
    FilterRegistration.Dynamic satchel = event.getServletContext().addFilter("satchel",
        SatchelFilter.builder(sessions)
            .csrfExempt("/api/*") // bearer-token API: no session cookie, no CSRF token
            .build());
    satchel.setAsyncSupported(true);
    satchel.addMappingForUrlPatterns(
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC, DispatcherType.ERROR),
        false, "/*");
  }
}
