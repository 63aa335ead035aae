package dev.strangler.monolith.mail;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the shop presents itself in e-mails.
 *
 * @param fromAddress the sender of every e-mail the shop sends
 * @param storefrontUrl the public address of the storefront, for links in e-mails
 */
@Validated
@ConfigurationProperties("strangler.shop")
public record ShopProperties(@NotBlank @Email String fromAddress, @NotBlank String storefrontUrl) {
}
