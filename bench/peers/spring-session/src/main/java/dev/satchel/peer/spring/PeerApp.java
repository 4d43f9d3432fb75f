package dev.satchel.peer.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Spring Session peer: Spring Boot MVC with Spring Session Data Redis configured the way the Spring Session
 * reference guide's Boot sample does it (starter + properties, HttpSession API), with the benchmark's routes.
 */
@SpringBootApplication
@RestController
public class PeerApp {

  /** Starts the app; port and Redis come from application.properties or --server.port / --spring.data.redis.port. */
  public static void main(String[] args) {
    SpringApplication.run(PeerApp.class, args);
  }

  @GetMapping("/none")
  String none() {
    return "none";
  }

  @GetMapping("/login")
  String login(HttpSession session) {
    session.setAttribute("user", "alice");
    session.setAttribute("counter", 0);
    return "logged in";
  }

  @GetMapping("/read")
  String read(HttpServletRequest request) {
    // getSession(false): reading must not create a session, as in the other systems.
    HttpSession session = request.getSession(false);
    return "hello " + (session == null ? null : session.getAttribute("user"));
  }

  @GetMapping("/write")
  String write(HttpSession session) {
    Integer counter = (Integer) session.getAttribute("counter");
    int next = counter == null ? 1 : counter + 1;
    session.setAttribute("counter", next);
    return "counter " + next;
  }
}
