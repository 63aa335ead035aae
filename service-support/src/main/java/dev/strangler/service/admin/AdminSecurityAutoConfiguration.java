package dev.strangler.service.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP Basic on the admin API and nothing else, for every servlet service that depends on service-support. Spring
 * Security's filter is registered for {@code /admin/*} only, so every other path (the legacy shop's storefront forms,
 * the JSON APIs, actuator) is exactly as it was: no CSRF token, no added headers, no firewall. Without a password the
 * admin API answers 503 and the service still starts. Runs before Boot's security auto-configuration, whose defaults
 * (a generated password, a login form on every path) must never apply.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurityAutoConfiguration {

    static final String ROLE = "SHOP_ADMIN";
    static final String DISABLED = "admin API disabled: set STRANGLER_ADMIN_PASSWORD";

    @Bean
    SecurityFilterChain adminApi(HttpSecurity http, AdminProperties admin, JsonMapper json) throws Exception {
        http.securityMatcher("/admin/**")
                // A stateless API called with credentials on every request: no session, no cookie, nothing to forge.
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!admin.enabled()) {
            AuthenticationEntryPoint disabled = (request, response, denied) -> problem(json, request, response,
                    HttpStatus.SERVICE_UNAVAILABLE, "admin-disabled", "Admin API disabled", DISABLED);
            return http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                    .exceptionHandling(handling -> handling.authenticationEntryPoint(disabled))
                    .build();
        }
        AuthenticationEntryPoint unauthenticated = (request, response, denied) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"strangler-admin\"");
            problem(json, request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    "The admin API needs HTTP Basic credentials (STRANGLER_ADMIN_USER / STRANGLER_ADMIN_PASSWORD)");
        };
        AccessDeniedHandler forbidden = (request, response, denied) -> problem(json, request, response,
                HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This account may not use the admin API");
        return http.authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ROLE))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /** Always defined, so that Boot never invents a user with a generated password. */
    @Bean
    UserDetailsService admins(AdminProperties admin) {
        if (!admin.enabled()) {
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(admin.user())
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(admin.password()))
                .roles(ROLE)
                .build());
    }

    /** Narrows Boot's registration of Spring Security's filter from every path to the admin API's. */
    @Bean
    static BeanPostProcessor adminOnlySecurityFilter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && beanName.equals("securityFilterChainRegistration")) {
                    registration.setUrlPatterns(List.of("/admin/*"));
                }
                return bean;
            }
        };
    }

    private static void problem(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
                                HttpStatus status, String type, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://strangler.dev/problems/" + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
