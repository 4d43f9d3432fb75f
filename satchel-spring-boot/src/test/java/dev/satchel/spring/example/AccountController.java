package dev.satchel.spring.example;

import dev.satchel.csrf.CsrfProtection;
import dev.satchel.session.Session;
import dev.satchel.session.SessionManager;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/** Satchel in a Spring MVC controller (docs/integrations.md). */
@RestController
public class AccountController {

  private final SessionManager sessions;
  private final CsrfProtection csrf;

  public AccountController(SessionManager sessions, CsrfProtection csrf) {
    this.sessions = sessions;
    this.csrf = csrf;
  }

  @GetMapping("/whoami")
  public String whoami(Session session) {
    String user = session.get("user", String.class);
    // a template would put the token in a hidden csrf_token field or a <meta> tag for JavaScript
    return (user == null ? "stranger" : user) + "; token " + csrf.token(session);
  }

  @PostMapping("/login")
  public ResponseEntity<Void> login(Session session, @RequestParam String user) {
    // check the password here; the starter's filter already checked the CSRF token
    session.regenerate();
    session.setPrincipal(user);
    session.put("user", user);
    return ResponseEntity.status(303).header("Location", "/whoami").build();
  }

  @PostMapping("/profile")
  public RedirectView saveProfile(RedirectAttributes redirect) {
    redirect.addFlashAttribute("notice", "Profile saved"); // kept in the Satchel session until the next page
    return new RedirectView("/profile");
  }

  @GetMapping("/profile")
  public String profile(Model model) {
    Object notice = model.getAttribute("notice");
    return notice == null ? "profile" : "profile: " + notice;
  }

  @PostMapping("/logout-everywhere")
  public String logoutEverywhere(Session session) {
    String user = session.principal().orElseThrow();
    return "ended " + sessions.invalidateAll(user) + " sessions"; // needs a server-side store
  }
}
