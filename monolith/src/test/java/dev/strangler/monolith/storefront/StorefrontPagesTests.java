package dev.strangler.monolith.storefront;

import dev.strangler.monolith.catalog.ProductRepository;
import dev.strangler.monolith.orders.OrderHistory;
import dev.strangler.monolith.orders.OrderWrites;
import dev.strangler.monolith.users.UserDirectory;
import dev.strangler.monolith.users.UserRepository;
import dev.strangler.monolith.users.UserServiceUnavailableException;
import dev.strangler.monolith.users.UserWrites;
import dev.strangler.monolith.users.UserView;
import dev.strangler.monolith.web.PageResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

@WebMvcTest({CatalogPages.class, AccountPages.class})
// A controller slice: the admin API security (service-support) is not under test here and guards /admin/* only.
@AutoConfigureMockMvc(addFilters = false)
class StorefrontPagesTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ProductRepository products;

    @MockitoBean
    UserRepository users;

    @MockitoBean
    UserWrites accounts;

    @MockitoBean
    OrderWrites orders;

    @MockitoBean
    OrderHistory history;

    @MockitoBean
    UserDirectory directory;

    @Test
    void profileShouldShowTheUserTheDirectoryReadWhereverItCameFrom() {
        given(directory.get(5L)).willReturn(new UserView(5, "ada@example.com", "Ada From The Service",
                Instant.parse("2026-01-15T10:00:00Z")));
        given(history.placedBy(5L, 0, 10)).willReturn(new PageResponse<>(List.of(), 0, 10, 0, 0));

        var result = mvc.get().uri("/users/5").accept(MediaType.TEXT_HTML).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyText().contains("Ada From The Service").contains("ada@example.com")
                .contains("Customer since 15 January 2026");
    }

    @Test
    void unknownProductShouldRenderTheNotFoundPage() {
        given(products.findById(7L)).willReturn(Optional.empty());

        var result = mvc.get().uri("/products/7").accept(MediaType.TEXT_HTML).exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        assertThat(result).bodyText().contains("We could not find that");
    }

    @Test
    void orderWithoutSignedInShopperShouldSendToRegistrationAndPlaceNothing() {
        var result = mvc.post().uri("/orders").param("productId", "1").param("quantity", "1").exchange();

        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/register");
        then(orders).should(never()).place(any(), any());
    }

    @Test
    void registrationWithInvalidFieldsShouldShowTheFormAgain() {
        var result = mvc.post().uri("/register").param("name", "").param("email", "not-an-email").exchange();

        assertThat(result).hasStatusOk().hasViewName("register");
        assertThat(result).bodyText().contains("field-error");
        then(accounts).should(never()).register(any());
    }

    @Test
    void registrationWhileUserServiceCannotTakeItShouldSayTryAgainShortlyWith503() {
        given(accounts.register(any())).willThrow(new UserServiceUnavailableException("down", null));

        var result = mvc.post().uri("/register").param("name", "Ada").param("email", "ada@example.com").exchange();

        assertThat(result).hasStatus(503).hasViewName("register");
        assertThat(result).hasHeader("Retry-After", "5");
        assertThat(result).bodyText().contains("nothing was saved").contains("try again shortly")
                .doesNotContain("field-error");
    }
}
