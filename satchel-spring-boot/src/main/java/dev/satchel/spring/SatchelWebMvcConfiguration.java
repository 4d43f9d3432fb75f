package dev.satchel.spring;

import dev.satchel.servlet.SatchelServlet;
import dev.satchel.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC on Satchel: handler methods may take the {@link Session} as a parameter, and flash attributes of
 * redirects live in the Satchel session (as JSON).
 */
@AutoConfiguration(after = SatchelAutoConfiguration.class,
    beforeName = "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration")
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBean(name = "satchelFilterRegistration")
public class SatchelWebMvcConfiguration implements WebMvcConfigurer {

  /** Replaces Spring's session flash map manager, whose {@code FlashMap} objects a JSON session cannot keep. */
  @Bean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
  @ConditionalOnMissingBean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
  public FlashMapManager flashMapManager() {
    return new SatchelFlashMapManager();
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new SessionArgumentResolver());
  }

  /** Resolves {@code Session session} parameters to the request's session (loaded at that point). */
  static final class SessionArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return Session.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
        NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
      return SatchelServlet.session(webRequest.getNativeRequest(HttpServletRequest.class));
    }
  }
}
