package dev.strangler.gateway.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one operator account of the admin API. There is no default password: set it through
 * {@code STRANGLER_ADMIN_PASSWORD} (the local run generates one and prints it).
 *
 * @param user the user name ({@code STRANGLER_ADMIN_USER})
 * @param password the password ({@code STRANGLER_ADMIN_PASSWORD})
 */
@Validated
@ConfigurationProperties("strangler.admin")
public record AdminProperties(
        @DefaultValue("admin") @NotBlank String user,
        @NotBlank(message = "the admin API has no default password: set STRANGLER_ADMIN_PASSWORD") String password) {

    @Override
    public String toString() {
        return "AdminProperties[user=" + user + ", password=(hidden)]";
    }
}
