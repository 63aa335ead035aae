package dev.strangler.notifications.delivery;

import dev.strangler.notifications.recipients.Recipient;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTests {

    final MailTemplates templates = new MailTemplates(new NotificationsProperties(true, "group", "shop@strangler.dev",
            "https://shop.example"));

    @Test
    void welcomeShouldGreetByNameAndLinkTheAccountInTextAndEscapedHtml() {
        Email email = templates.welcome(new Recipient(7, "ada@example.com", "Ada & <Co>"));

        assertThat(email.kind()).isEqualTo(Email.Kind.WELCOME);
        assertThat(email.to()).isEqualTo("ada@example.com");
        assertThat(email.subject()).isEqualTo("Welcome to Strangler Shop, Ada & <Co>");
        assertThat(email.text()).startsWith("Hello Ada & <Co>,\n").contains("https://shop.example/users/7");
        assertThat(email.html()).contains("Hello <span>Ada &amp; &lt;Co&gt;</span>,")
                .contains("href=\"https://shop.example/users/7\"");
    }

    @Test
    void orderConfirmationShouldListEveryLineWithTwoDecimalsAndTheTotal() {
        var order = new OrderCreated(1001, 7, List.of(
                new OrderCreated.Line("KET-001", "Kettle", 1, new BigDecimal("24.9"), new BigDecimal("24.9")),
                new OrderCreated.Line("MUG-001", "Mug", 3, new BigDecimal("7.50"), new BigDecimal("22.50"))),
                new BigDecimal("1047.4"), Instant.parse("2026-11-24T10:15:30Z"));

        Email email = templates.orderConfirmation(new Recipient(7, "ada@example.com", "Ada"), order);

        assertThat(email.subject()).isEqualTo("Your Strangler Shop order #1001");
        assertThat(email.text()).contains("""
                  1 x Kettle (KET-001) at 24.90 EUR = 24.90 EUR
                  3 x Mug (MUG-001) at 7.50 EUR = 22.50 EUR

                Total: 1047.40 EUR""");
        assertThat(email.html()).contains("<td>Kettle</td>").contains("<td>MUG-001</td>")
                .contains("<strong>1047.40 EUR</strong>");
    }
}
