package dev.strangler.monolith.storefront;

import dev.strangler.monolith.catalog.ProductNotFoundException;
import dev.strangler.monolith.users.UserNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Storefront errors are pages for people, not JSON problems.
 */
@ControllerAdvice(assignableTypes = {CatalogPages.class, AccountPages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorefrontErrors {

    @ExceptionHandler({ProductNotFoundException.class, UserNotFoundException.class,
            MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ModelAndView notFound() {
        var page = new ModelAndView("not-found");
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
