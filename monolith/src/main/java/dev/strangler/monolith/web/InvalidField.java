package dev.strangler.monolith.web;

import java.util.Comparator;

/**
 * One invalid field or parameter of a request, as a validation problem lists it under {@code errors}. A record rather
 * than a {@code Map.of}, whose key order changes from one JVM to the next; the list is sorted by {@link #ORDER}, so
 * the same request always gets the same bytes, here and at user-service.
 *
 * @param field the field or parameter name
 * @param message what is wrong with it
 */
public record InvalidField(String field, String message) {

    /** By field, then by message (a field may break two constraints). */
    public static final Comparator<InvalidField> ORDER = Comparator.comparing(InvalidField::field)
            .thenComparing(InvalidField::message);
}
