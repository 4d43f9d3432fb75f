package dev.satchel.spring;

import dev.satchel.servlet.SatchelServlet;
import dev.satchel.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

/**
 * Spring MVC's flash attributes ({@code RedirectAttributes.addFlashAttribute}) kept in the Satchel session as JSON.
 * Spring's default manager stores {@code FlashMap} objects, which a JSON session cannot give back; this one stores
 * their content (attributes, target path and parameters, expiry) and rebuilds them. Flash attribute values must be
 * JSON-writable and come back as JSON types (a record as a map, which templates read the same way).
 */
public class SatchelFlashMapManager extends AbstractFlashMapManager {

  /** The session key the flash maps live under. */
  public static final String SESSION_KEY = "spring.flashMaps";

  @Override
  protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
    if (!(SatchelServlet.session(request).get(SESSION_KEY) instanceof List<?> stored)) {
      return null;
    }
    List<FlashMap> flashMaps = new ArrayList<>();
    for (Object entry : stored) {
      if (entry instanceof Map<?, ?> map) {
        flashMaps.add(toFlashMap(map));
      }
    }
    return flashMaps;
  }

  @Override
  protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request,
      HttpServletResponse response) {
    Session session = SatchelServlet.session(request);
    if (flashMaps.isEmpty()) {
      session.remove(SESSION_KEY);
      return;
    }
    List<Map<String, Object>> stored = new ArrayList<>();
    for (FlashMap flashMap : flashMaps) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("attributes", new LinkedHashMap<>(flashMap));
      entry.put("path", flashMap.getTargetRequestPath());
      entry.put("params", new LinkedHashMap<>(flashMap.getTargetRequestParams()));
      entry.put("expires", flashMap.getExpirationTime());
      stored.add(entry);
    }
    session.put(SESSION_KEY, stored);
  }

  @Override
  protected Object getFlashMapsMutex(HttpServletRequest request) {
    // The request's Session is synchronized on itself; across requests the store's deltas apply.
    return SatchelServlet.session(request);
  }

  private static FlashMap toFlashMap(Map<?, ?> entry) {
    FlashMap flashMap = new FlashMap();
    if (entry.get("attributes") instanceof Map<?, ?> attributes) {
      attributes.forEach((k, v) -> flashMap.put(String.valueOf(k), v));
    }
    if (entry.get("path") instanceof String path) {
      flashMap.setTargetRequestPath(path);
    }
    if (entry.get("params") instanceof Map<?, ?> params) {
      LinkedMultiValueMap<String, String> values = new LinkedMultiValueMap<>();
      params.forEach((k, v) -> {
        if (v instanceof List<?> list) {
          list.forEach(item -> values.add(String.valueOf(k), String.valueOf(item)));
        }
      });
      flashMap.addTargetRequestParams(values);
    }
    if (entry.get("expires") instanceof Number expires) {
      flashMap.setExpirationTime(expires.longValue());
    }
    return flashMap;
  }
}
