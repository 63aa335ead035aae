package dev.strangler.monolith.web;

import org.springframework.http.HttpStatus;

/**
 * A request the monolith refuses as asked, carrying the status and title its problem answer has; the detail is the
 * message. One handler in {@link ApiProblems} answers every kind (orders, stock reservations) alike, its type the
 * title's slug.
 */
public abstract class RefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    protected RefusedException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
