package dev.strangler.monolith.users;

import dev.strangler.monolith.web.InvalidField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
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
    UserWrites writes;

    @MockitoBean
    UserRepository users;

    @Test
    void registerWithInvalidBodyShouldNeverReachTheService() {
        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "nope", "name": ""}""").exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://strangler.dev/problems/invalid-request");
        then(writes).should(never()).register(any());
    }

    @Test
    void invalidFieldsShouldBeListedInOneOrderEveryTime() {
        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "nope", "name": ""}""").exchange();

        assertThat(result).hasStatus(400);
        // Sorted by field, and each entry's keys in one order: byte for byte the same answer on every JVM.
        assertThat(result).bodyText().contains("""
                "errors":[{"field":"email","message":"must be a well-formed email address"},\
                {"field":"name","message":"must not be blank"}]""");
    }

    @Test
    void duplicateEmailShouldMapTo409Problem() {
        given(writes.register(any())).willThrow(new DuplicateEmailException("ada@example.com"));

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

    @Test
    void userServiceThatCannotTakeTheWriteShouldMapTo503ProblemWithRetryAfter() {
        given(writes.change(eq(7L), any())).willThrow(new UserServiceUnavailableException("down", null));

        var result = mvc.put().uri("/api/users/7").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "ada@example.com", "name": "Ada"}""").exchange();

        assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).hasHeader("Retry-After", "5");
        assertThat(result).bodyJson().extractingPath("$.type")
                .isEqualTo("https://strangler.dev/problems/user-service-unavailable");
    }

    @Test
    void invalidAnswerOfUserServiceShouldMapToTheSameValidationProblem() {
        given(writes.register(any())).willThrow(new InvalidUserException("The request body has 2 invalid field(s)",
                java.util.List.of(new InvalidField("name", "size must be between 0 and 100"),
                        new InvalidField("email", "must not be blank"))));

        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "ada@example.com", "name": "Ada"}""").exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"type": "https://strangler.dev/problems/invalid-request", "title": "Invalid request",
                 "detail": "The request body has 2 invalid field(s)",
                 "errors": [{"field": "email", "message": "must not be blank"},
                            {"field": "name", "message": "size must be between 0 and 100"}]}""");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("email", "name");
    }
}
