package dev.strangler.monolith.storefront;

import dev.strangler.monolith.catalog.ProductNotFoundException;
import dev.strangler.monolith.users.UserNotFoundException;
import dev.strangler.monolith.web.NotFoundPage;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Storefront errors are pages for people, not JSON problems.
 */
@ControllerAdvice(assignableTypes = {CatalogPages.class, AccountPages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorefrontErrors {

    @ExceptionHandler({ProductNotFoundException.class, UserNotFoundException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<String> notFound() {
        return NotFoundPage.response();
    }
}
