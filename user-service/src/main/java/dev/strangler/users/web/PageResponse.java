package dev.strangler.users.web;

import org.springframework.data.domain.Page;

import java.util.List;

/**
 * One page of a list, in the monolith's shape, which does not leak Spring Data's internals into the API contract.
 */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <T> PageResponse<T> of(Page<T> page) {
        return new PageResponse<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
                page.getTotalPages());
    }
}
