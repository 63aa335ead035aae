package dev.strangler.orders.web;

import java.util.List;

/**
 * One page of a list, in the monolith's shape, which does not leak Spring Data's internals into the API contract.
 */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    /** A page of {@code size} items out of {@code totalElements}, as Spring Data's {@code Page} counts its pages. */
    public static <T> PageResponse<T> of(List<T> content, int page, int size, long totalElements) {
        int totalPages = (int) ((totalElements + size - 1) / size);
        return new PageResponse<>(content, page, size, totalElements, totalPages);
    }
}
