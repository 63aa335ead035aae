package dev.strangler.notifications.delivery;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How notification-service consumes and how its e-mails present the shop, under {@code strangler.notifications}.
 *
 * @param enabled whether the consumer of user and order events runs (off in tests that share the database but do
 *                not test it)
 * @param groupId the consumer group; every instance of the service shares it
 * @param fromAddress the sender of every e-mail
 * @param storefrontUrl the public address of the shop, for links in e-mails
 */
@Validated
@ConfigurationProperties("strangler.notifications")
public record NotificationsProperties(boolean enabled, @NotBlank String groupId, @NotBlank @Email String fromAddress,
                                      @NotBlank String storefrontUrl) {
}
