package dev.strangler.monolith.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The storefront's "not found" page, for people; API clients get a problem instead.
 */
public final class NotFoundPage {

    private static final String HTML = load();

    private NotFoundPage() {
    }

    private static String load() {
        try {
            return new ClassPathResource("pages/not-found.html").getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A browser asking for a page outside the API and actuator. */
    public static boolean wantedBy(HttpServletRequest request) {
        String path = request.getRequestURI();
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return !path.startsWith("/api/") && !path.startsWith("/actuator") && accept != null
                && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    public static ResponseEntity<String> response() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(new MediaType(MediaType.TEXT_HTML,
                StandardCharsets.UTF_8)).body(HTML);
    }
}
