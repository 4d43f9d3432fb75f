package dev.satchel.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a User-Agent header into the short "Firefox on Windows" a person recognises on a sessions page. */
final class DeviceNames {

  private static final Pattern BROWSER = Pattern.compile(
      "(Edg|OPR|HeadlessChrome|Chrome|Firefox|Version)/(\\d+)");

  private DeviceNames() {}

  static String describe(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "Unknown device";
    }
    return browser(userAgent) + " on " + system(userAgent);
  }

  private static String browser(String ua) {
    Matcher m = BROWSER.matcher(ua);
    String name = null;
    String version = "";
    while (m.find()) {
      String found = switch (m.group(1)) {
        case "Edg" -> "Edge";
        case "OPR" -> "Opera";
        case "HeadlessChrome" -> "Headless Chrome";
        case "Version" -> ua.contains("Safari/") ? "Safari" : null;
        default -> m.group(1);
      };
      // Later tokens are more specific: "Chrome/.. Edg/.." is Edge, "Chrome/.. Safari/.." is Chrome.
      if (found != null && (name == null || !found.equals("Safari"))) {
        name = found;
        version = " " + m.group(2);
      }
    }
    if (name == null) {
      String first = ua.split("[ /]", 2)[0];
      return first.length() > 40 ? first.substring(0, 40) : first;
    }
    return name + version;
  }

  private static String system(String ua) {
    if (ua.contains("Android")) {
      return "Android";
    }
    if (ua.contains("iPhone") || ua.contains("iPad")) {
      return "iOS";
    }
    if (ua.contains("Windows")) {
      return "Windows";
    }
    if (ua.contains("Mac OS X")) {
      return "macOS";
    }
    if (ua.contains("Linux")) {
      return "Linux";
    }
    return "an unknown system";
  }
}
