package dev.strangler.monolith.users;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.RealInfrastructure;
import dev.strangler.monolith.support.ShopFixtures;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@MonolithIntegrationTest
class UserApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    ShopFixtures shop;

    @BeforeEach
    void setUp() {
        shop = new ShopFixtures(jdbc);
    }

    @Test
    void registerShouldAnswer201WithLocationAndSendWelcomeEmail() throws Exception {
        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "Ada@Example.COM", "name": "Ada Lovelace"}""").exchange();

        assertThat(result).hasStatus(201);
        assertThat(result).bodyJson().extractingPath("$.email").isEqualTo("ada@example.com");
        assertThat(result).bodyJson().extractingPath("$.name").isEqualTo("Ada Lovelace");
        long id = jdbc.queryForObject("select id from users where email = 'ada@example.com'", Long.class);
        assertThat(result).bodyJson().extractingPath("$.id").isEqualTo((int) id);
        assertThat(result).headers().hasValue("Location", "http://localhost/api/users/" + id);

        MimeMessage[] received = RealInfrastructure.smtp().getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0]).hasToString("ada@example.com");
        assertThat(received[0].getSubject()).isEqualTo("Welcome to Strangler Shop, Ada Lovelace");
        assertThat(jdbc.queryForObject("select kind from sent_emails", String.class)).isEqualTo("WELCOME");
    }

    @Test
    void getShouldAnswerTheUser() {
        long id = shop.user("grace@example.com", "Grace Hopper");

        assertThat(mvc.get().uri("/api/users/{id}", id))
                .hasStatusOk()
                .bodyJson().isLenientlyEqualTo("""
                        {"id": %d, "email": "grace@example.com", "name": "Grace Hopper"}""".formatted(id));
    }

    @Test
    void listShouldBePaginatedById() {
        for (int i = 1; i <= 5; i++) {
            shop.user("user" + i + "@example.com", "User " + i);
        }

        var page = mvc.get().uri("/api/users?page=1&size=2").exchange();

        assertThat(page).hasStatusOk();
        assertThat(page).bodyJson().extractingPath("$.content[*].email")
                .asArray().containsExactly("user3@example.com", "user4@example.com");
        assertThat(page).bodyJson().isLenientlyEqualTo("""
                {"page": 1, "size": 2, "totalElements": 5, "totalPages": 3}""");
    }

    @Test
    void putShouldChangeEmailAndName() {
        long id = shop.user("linus@example.com", "Linus");

        var result = mvc.put().uri("/api/users/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "linus.t@example.com", "name": "Linus Torvalds"}""").exchange();

        assertThat(result).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"id": %d, "email": "linus.t@example.com", "name": "Linus Torvalds"}""".formatted(id));
        assertThat(jdbc.queryForObject("select name from users where id = ?", String.class, id))
                .isEqualTo("Linus Torvalds");
    }

    @Test
    void registerWhenEmailTakenInAnyCaseShouldAnswer409AndChangeNothing() {
        shop.user("taken@example.com", "First");
        var before = shop.counts();

        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "TAKEN@example.com", "name": "Second"}""").exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("E-mail already registered");
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(RealInfrastructure.smtp().getReceivedMessages()).isEmpty();
    }

    @Test
    void putWhenEmailBelongsToAnotherUserShouldAnswer409AndChangeNothing() {
        shop.user("one@example.com", "One");
        long two = shop.user("two@example.com", "Two");

        var result = mvc.put().uri("/api/users/{id}", two).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "one@example.com", "name": "Two"}""").exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.queryForObject("select email from users where id = ?", String.class, two))
                .isEqualTo("two@example.com");
    }

    static Stream<Arguments> badRequests() {
        String longName = "n".repeat(101);
        String longEmail = "a".repeat(250) + "@example.com";
        return Stream.of(
                arguments("malformed JSON", HttpMethod.POST, "/api/users", "{\"email\": \"x@example.com\", ", 400, "Malformed request body"),
                arguments("no body", HttpMethod.POST, "/api/users", "", 400, "Malformed request body"),
                arguments("array instead of object", HttpMethod.POST, "/api/users", "[]", 400, "Malformed request body"),
                arguments("missing e-mail", HttpMethod.POST, "/api/users", "{\"name\": \"No Mail\"}", 400, "Invalid request"),
                arguments("missing name", HttpMethod.POST, "/api/users", "{\"email\": \"noname@example.com\"}", 400, "Invalid request"),
                arguments("blank name", HttpMethod.POST, "/api/users", "{\"email\": \"blank@example.com\", \"name\": \"  \"}", 400, "Invalid request"),
                arguments("invalid e-mail", HttpMethod.POST, "/api/users", "{\"email\": \"not-an-email\", \"name\": \"X\"}", 400, "Invalid request"),
                arguments("over-long name", HttpMethod.POST, "/api/users", "{\"email\": \"long@example.com\", \"name\": \"" + longName + "\"}", 400, "Invalid request"),
                arguments("over-long e-mail", HttpMethod.POST, "/api/users", "{\"email\": \"" + longEmail + "\", \"name\": \"X\"}", 400, "Invalid request"),
                arguments("invalid e-mail on change", HttpMethod.PUT, "/api/users/1", "{\"email\": \"nope\", \"name\": \"X\"}", 400, "Invalid request"),
                arguments("non-numeric id", HttpMethod.GET, "/api/users/abc", null, 400, "Bad Request"),
                arguments("non-numeric id on change", HttpMethod.PUT, "/api/users/abc", "{\"email\": \"x@example.com\", \"name\": \"X\"}", 400, "Bad Request"),
                arguments("unknown id", HttpMethod.GET, "/api/users/999999", null, 404, "Not found"),
                arguments("unknown id on change", HttpMethod.PUT, "/api/users/999999", "{\"email\": \"x@example.com\", \"name\": \"X\"}", 404, "Not found"),
                arguments("page size zero", HttpMethod.GET, "/api/users?size=0", null, 400, "Invalid request"),
                arguments("page size too big", HttpMethod.GET, "/api/users?size=101", null, 400, "Invalid request"),
                arguments("negative page", HttpMethod.GET, "/api/users?page=-1", null, 400, "Invalid request"),
                arguments("text instead of JSON", HttpMethod.POST, "/api/users", "email=x", 415, "Unsupported Media Type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputShouldAnswerProblemAndChangeNothing(String name, HttpMethod method, String uri, String body,
                                                    int status, String title) throws Exception {
        shop.user("existing@example.com", "Existing");
        var before = shop.counts();

        var request = mvc.method(method).uri(uri);
        if (body != null) {
            request = request.contentType(title.equals("Unsupported Media Type") ? MediaType.TEXT_PLAIN
                    : MediaType.APPLICATION_JSON).content(body);
        }
        var result = request.exchange();

        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
        assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception", "at dev.strangler", "SQL");
        assertThat(shop.counts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select email from users", String.class)).isEqualTo("existing@example.com");
    }

    @Test
    void invalidFieldsShouldBeListed() {
        var result = mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"email": "not-an-email", "name": ""}""").exchange();

        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("email", "name");
    }
}
