package dev.strangler.notifications.web;

import java.util.List;

/**
 * One page of a list, in the shape the monolith and user-service answer lists.
 */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <T> PageResponse<T> of(List<T> content, int page, int size, long totalElements) {
        return new PageResponse<>(content, page, size, totalElements, (int) ((totalElements + size - 1) / size));
    }
}
