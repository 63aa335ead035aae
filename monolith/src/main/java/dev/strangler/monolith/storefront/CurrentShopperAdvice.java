package dev.strangler.monolith.storefront;

import dev.strangler.monolith.users.UserDirectory;
import dev.strangler.monolith.users.UserView;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in shopper, if any, into every storefront page's model for the header, read from wherever user
 * reads are served now.
 */
@ControllerAdvice(assignableTypes = {CatalogPages.class, AccountPages.class})
class CurrentShopperAdvice {

    private final UserDirectory users;

    CurrentShopperAdvice(UserDirectory users) {
        this.users = users;
    }

    @ModelAttribute("shopper")
    UserView shopper(@CookieValue(name = Shopper.COOKIE, required = false) String cookie) {
        return Shopper.idFrom(cookie).stream().boxed().findFirst().flatMap(users::find).orElse(null);
    }
}
