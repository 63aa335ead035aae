package dev.strangler.monolith.users;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

@WebMvcTest(UserApiController.class)
// A controller slice: the admin API security (service-support) is not under test here and guards /admin/* only.
@AutoConfigureMockMvc(addFilters = false)
class UserApiControllerTests {

    @Autowired
    MockMvcTester mvc;

    /** The storefront's header advice is part of every web slice; it reads the shopper through the directory. */
    @MockitoBean
    UserDirectory directory;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    UserRepository users;

    @Test
    void registerWithInvalidBodyShouldNeverReachTheService() {
        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "nope", "name": ""}""").exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://strangler.dev/problems/invalid-request");
        then(accounts).should(never()).register(any());
    }

    @Test
    void duplicateEmailShouldMapTo409Problem() {
        given(accounts.register(any())).willThrow(new DuplicateEmailException("ada@example.com"));

        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "ada@example.com", "name": "Ada"}""").exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"status": 409, "title": "E-mail already registered",
                 "detail": "A user with e-mail ada@example.com already exists", "instance": "/api/users"}""");
    }

    @Test
    void unknownUserShouldMapTo404Problem() {
        given(accounts.get(42)).willThrow(new UserNotFoundException(42));

        assertThat(mvc.get().uri("/api/users/42").exchange())
                .hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("User 42 does not exist");
    }
}
