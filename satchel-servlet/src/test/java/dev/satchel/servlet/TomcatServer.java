package dev.satchel.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat 11 (Servlet 6.1). */
final class TomcatServer implements EmbeddedServer {

  private Tomcat tomcat;

  @Override
  public URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("satchel-tomcat").toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    Context context = tomcat.addContext("", null);
    FilterDef def = new FilterDef();
    def.setFilterName("satchel");
    def.setFilter(filter);
    def.setAsyncSupported("true");
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("satchel");
    map.addURLPattern("/*");
    map.setDispatcher("REQUEST");
    map.setDispatcher("FORWARD");
    map.setDispatcher("ASYNC");
    map.setDispatcher("ERROR");
    context.addFilterMap(map);
    int i = 0;
    for (Map.Entry<String, HttpServlet> e : servlets.entrySet()) {
      String name = "servlet" + i++;
      Wrapper wrapper = Tomcat.addServlet(context, name, e.getValue());
      wrapper.setAsyncSupported(true);
      wrapper.addMapping(e.getKey());
    }
    ErrorPage byStatus = new ErrorPage();
    byStatus.setErrorCode(ERROR_PAGE_STATUS);
    byStatus.setLocation(ERROR_PAGE);
    context.addErrorPage(byStatus);
    ErrorPage byException = new ErrorPage();
    byException.setExceptionType(ErrorPageTrigger.class.getName());
    byException.setLocation(ERROR_PAGE);
    context.addErrorPage(byException);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    tomcat.start();
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/");
  }

  @Override
  public void close() {
    try {
      if (tomcat != null) {
        tomcat.stop();
        tomcat.destroy();
      }
    } catch (org.apache.catalina.LifecycleException e) {
      throw new IllegalStateException("Tomcat did not stop", e);
    }
  }
}
