package dev.strangler.service.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one operator account of a service's admin API ({@code /admin/**}). There is no default password; without one
 * the admin API is disabled (503) while the service runs as before.
 *
 * @param user the user name ({@code STRANGLER_ADMIN_USER})
 * @param password the password ({@code STRANGLER_ADMIN_PASSWORD}); blank disables the admin API
 */
@ConfigurationProperties("strangler.admin")
public record AdminProperties(@DefaultValue("admin") String user, @Nullable String password) {

    boolean enabled() {
        return password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[user=" + user + ", password=" + (enabled() ? "(hidden)" : "(none)") + "]";
    }
}
