package dev.strangler.monolith.storefront;

import dev.strangler.monolith.users.User;
import dev.strangler.monolith.users.UserRepository;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in shopper, if any, into every storefront page's model for the header.
 */
@ControllerAdvice(assignableTypes = {CatalogPages.class, AccountPages.class})
class CurrentShopperAdvice {

    private final UserRepository users;

    CurrentShopperAdvice(UserRepository users) {
        this.users = users;
    }

    @ModelAttribute("shopper")
    User shopper(@CookieValue(name = Shopper.COOKIE, required = false) String cookie) {
        return Shopper.idFrom(cookie).stream().boxed().findFirst().flatMap(users::findById).orElse(null);
    }
}
