package dev.strangler.gateway.security;

import dev.strangler.gateway.errors.ProblemWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * HTTP Basic on the admin API and nothing else: shop traffic passes through the gateway untouched (no CSRF check, no
 * added headers), because it is the monolith's and the services' to secure.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(AdminProperties.class)
class AdminSecurity {

    static final String ROLE = "MIGRATION_ADMIN";

    @Bean
    SecurityWebFilterChain adminApi(ServerHttpSecurity http, ProblemWriter problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, denied) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"strangler-admin\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    "The admin API needs HTTP Basic credentials (STRANGLER_ADMIN_USER / STRANGLER_ADMIN_PASSWORD)");
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> problems.write(exchange, HttpStatus.FORBIDDEN,
                "forbidden", "Forbidden", "This account may not change the migration");
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin/**"))
                .authorizeExchange(exchanges -> exchanges.anyExchange().hasRole(ROLE))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                // A stateless API called with credentials on every request: no session, no cookie, nothing to forge.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    @Bean
    MapReactiveUserDetailsService admins(AdminProperties admin) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new MapReactiveUserDetailsService(User.withUsername(admin.user())
                .password(encoder.encode(admin.password()))
                .roles(ROLE)
                .build());
    }
}
