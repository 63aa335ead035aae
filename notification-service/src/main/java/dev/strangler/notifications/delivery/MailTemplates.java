package dev.strangler.notifications.delivery;

import dev.strangler.notifications.recipients.Recipient;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders each e-mail twice from Thymeleaf templates in {@code classpath:mail/}: HTML ({@code *.html}, escaped by the
 * HTML mode, so a user named {@code <script>} stays text) and plain text ({@code *.txt}).
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final NotificationsProperties properties;

    MailTemplates(NotificationsProperties properties) {
        this.properties = properties;
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCacheable(true);
        return resolver;
    }

    Email welcome(Recipient user) {
        Map<String, Object> model = Map.of("name", user.name(), "userId", user.id(),
                "storefrontUrl", properties.storefrontUrl());
        return render(Email.Kind.WELCOME, user.email(), welcomeSubject(user.name()), "welcome", model);
    }

    Email orderConfirmation(Recipient user, OrderCreated order) {
        Map<String, Object> model = Map.of("name", user.name(), "order", order,
                "storefrontUrl", properties.storefrontUrl());
        return render(Email.Kind.ORDER_CONFIRMATION, user.email(), orderConfirmationSubject(order),
                "order-confirmation", model);
    }

    /** The subjects alone, for e-mails another service sent, which are recorded here without being rendered. */
    static String welcomeSubject(String name) {
        return "Welcome to Strangler Shop, " + name;
    }

    static String orderConfirmationSubject(OrderCreated order) {
        return "Your Strangler Shop order #" + order.id();
    }

    private Email render(Email.Kind kind, String to, String subject, String template, Map<String, Object> model) {
        var context = new Context(Locale.ENGLISH, model);
        context.setVariable("subject", subject);
        return new Email(kind, to, subject, engine.process(template + ".txt", context),
                engine.process(template + ".html", context));
    }
}
