package dev.strangler.users.accounts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
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
        assertThat(result).bodyJson().isEqualTo("""
                {"status": 409, "title": "E-mail already registered",
                 "detail": "A user with e-mail ada@example.com already exists", "instance": "/api/users"}""",
                JsonCompareMode.LENIENT);
    }

    @Test
    void unknownUserShouldMapTo404Problem() {
        given(accounts.get(42)).willThrow(new UserNotFoundException(42));

        assertThat(mvc.get().uri("/api/users/42").exchange())
                .hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("User 42 does not exist");
    }

    @Test
    void pageSizeOutOfRangeShouldNeverReachTheDatabase() {
        assertThat(mvc.get().uri("/api/users?size=101").exchange()).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("size");
        then(users).shouldHaveNoInteractions();
    }

    @Test
    void unexpectedFailureShouldAnswer500WithoutItsMessage() {
        given(accounts.get(42)).willThrow(new QueryTimeoutException("select * from users: secret detail"));

        var result = mvc.get().uri("/api/users/42").exchange();

        assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isEqualTo("""
                {"type": "https://strangler.dev/problems/internal", "title": "Internal error", "status": 500,
                 "detail": "Something went wrong on our side; nothing was changed unless the request said so.",
                 "instance": "/api/users/42"}""", JsonCompareMode.STRICT);
        assertThat(result).bodyText().doesNotContain("secret", "select", "Exception");
    }
}
