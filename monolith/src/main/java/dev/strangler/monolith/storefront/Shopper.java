package dev.strangler.monolith.storefront;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import java.util.OptionalLong;

/**
 * Who is shopping, remembered in a cookie. The demo shop has no passwords: authentication is not what it teaches.
 */
final class Shopper {

    static final String COOKIE = "shopper";

    private Shopper() {
    }

    static OptionalLong idFrom(String cookieValue) {
        if (cookieValue == null || !cookieValue.matches("\\d{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(cookieValue));
    }

    static void remember(HttpServletResponse response, long userId) {
        var cookie = new Cookie(COOKIE, Long.toString(userId));
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(60 * 60 * 24 * 30);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    static void forget(HttpServletResponse response) {
        var cookie = new Cookie(COOKIE, "");
        cookie.setPath("/");
        cookie.setMaxAge(0);
        response.addCookie(cookie);
    }
}
