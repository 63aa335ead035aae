package dev.strangler.users.accounts;

import com.jayway.jsonpath.JsonPath;
import dev.strangler.users.support.UserFixtures;
import dev.strangler.users.support.UserServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.util.stream.Stream;

import static dev.strangler.users.support.UserFixtures.FIRST_SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The users API against real PostgreSQL: every case of the monolith's {@code UserApiIntegrationTests}, with the
 * monolith's answers to the letter, plus what is this service's own (ids, versions, no e-mail).
 */
@UserServiceIntegrationTest
class UserApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    UserFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new UserFixtures(jdbc);
    }

    @Test
    void registerShouldAnswer201WithLocationAndTheNormalisedUser() {
        var result = register("""
                {"email": "Ada@Example.COM", "name": "  Ada Lovelace  "}""");

        assertThat(result).hasStatus(201).hasContentType(MediaType.APPLICATION_JSON);
        long id = jdbc.queryForObject("select id from users where email = 'ada@example.com'", Long.class);
        assertThat(id).isGreaterThanOrEqualTo(FIRST_SERVICE_ID);
        assertThat(result).bodyJson().isEqualTo("""
                {"id": %d, "email": "ada@example.com", "name": "Ada Lovelace"}""".formatted(id), JsonCompareMode.LENIENT);
        assertThat(result).bodyJson().extractingPath("$.createdAt").isNotNull();
        assertThat(result).headers().hasValue("Location", "http://localhost/api/users/" + id);
        assertThat(fixtures.versionOf(id)).isZero();
    }

    @Test
    void registerAfterAReplicatedUserShouldStillTakeItsIdFromTheServiceRange() {
        fixtures.replicated(42, "replicated@example.com", "From the monolith", 3);

        var first = register("""
                {"email": "first@example.com", "name": "First"}""");
        var second = register("""
                {"email": "second@example.com", "name": "Second"}""");

        assertThat(first).bodyJson().extractingPath("$.id").convertTo(Long.class).isEqualTo(FIRST_SERVICE_ID);
        assertThat(second).bodyJson().extractingPath("$.id").convertTo(Long.class).isEqualTo(FIRST_SERVICE_ID + 1);
    }

    @Test
    void getShouldAnswerTheUserWithTheMonolithsFieldsOnly() {
        long id = fixtures.user("grace@example.com", "Grace Hopper");

        var result = mvc.get().uri("/api/users/{id}", id).exchange();

        assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().isEqualTo("""
                {"id": %d, "email": "grace@example.com", "name": "Grace Hopper"}""".formatted(id), JsonCompareMode.LENIENT);
        assertThat(result).bodyJson().extractingPath("$").asMap()
                .containsOnlyKeys("id", "email", "name", "createdAt", "updatedAt");
    }

    @Test
    void getOfAReplicatedUserShouldAnswerItUnderTheMonolithsId() {
        fixtures.replicated(42, "ada@example.com", "Ada Lovelace", 5);

        assertThat(mvc.get().uri("/api/users/42")).hasStatusOk().bodyJson().isEqualTo("""
                {"id": 42, "email": "ada@example.com", "name": "Ada Lovelace"}""", JsonCompareMode.LENIENT);
    }

    @Test
    void timestampsShouldBeIsoInstantsInUtcAsTheMonolithWritesThem() throws Exception {
        var created = register("""
                {"email": "time@example.com", "name": "Time"}""");
        long id = jdbc.queryForObject("select id from users", Long.class);
        var read = mvc.get().uri("/api/users/{id}", id).exchange();

        // At most microseconds, what PostgreSQL keeps, as in the monolith: the write's answer is what reads return.
        String isoInstant = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6})?Z";
        assertThat(created).bodyJson().extractingPath("$.createdAt").asString().matches(isoInstant);
        assertThat(created).bodyJson().extractingPath("$.updatedAt").asString().matches(isoInstant);
        String createdAt = JsonPath.read(created.getResponse().getContentAsString(), "$.createdAt");
        assertThat(read).bodyJson().extractingPath("$.createdAt").isEqualTo(createdAt);
    }

    @Test
    void listShouldBePaginatedById() {
        for (int i = 1; i <= 5; i++) {
            fixtures.user("user" + i + "@example.com", "User " + i);
        }

        var page = mvc.get().uri("/api/users?page=1&size=2").exchange();

        assertThat(page).hasStatusOk();
        assertThat(page).bodyJson().extractingPath("$.content[*].email")
                .asArray().containsExactly("user3@example.com", "user4@example.com");
        assertThat(page).bodyJson().isEqualTo("""
                {"page": 1, "size": 2, "totalElements": 5, "totalPages": 3}""", JsonCompareMode.LENIENT);
    }

    @Test
    void listShouldPutReplicatedUsersInIdOrderAmongTheServicesOwn() {
        long own = fixtures.user("own@example.com", "Own");
        fixtures.replicated(7, "seven@example.com", "Seven", 0);
        fixtures.replicated(3, "three@example.com", "Three", 0);

        assertThat(mvc.get().uri("/api/users")).hasStatusOk().bodyJson().extractingPath("$.content[*].id")
                .asArray().containsExactly(3, 7, (int) own);
    }

    @Test
    void listWithDefaultsShouldAnswerTheFirstTwentyAndTheTotals() {
        for (int i = 1; i <= 21; i++) {
            fixtures.user("user" + i + "@example.com", "User " + i);
        }

        var page = mvc.get().uri("/api/users").exchange();

        assertThat(page).bodyJson().extractingPath("$.content").asArray().hasSize(20);
        assertThat(page).bodyJson().isEqualTo("""
                {"page": 0, "size": 20, "totalElements": 21, "totalPages": 2}""", JsonCompareMode.LENIENT);
    }

    @Test
    void putShouldChangeEmailAndName() {
        long id = fixtures.user("linus@example.com", "Linus");

        var result = change(id, """
                {"email": "Linus.T@Example.com", "name": " Linus Torvalds "}""");

        assertThat(result).hasStatusOk().bodyJson().isEqualTo("""
                {"id": %d, "email": "linus.t@example.com", "name": "Linus Torvalds"}""".formatted(id),
                JsonCompareMode.LENIENT);
        assertThat(jdbc.queryForObject("select name from users where id = ?", String.class, id))
                .isEqualTo("Linus Torvalds");
        assertThat(fixtures.versionOf(id)).isEqualTo(1);
    }

    @Test
    void putKeepingItsOwnEmailShouldChangeTheName() {
        long id = fixtures.user("same@example.com", "Before");

        var result = change(id, """
                {"email": "SAME@example.com", "name": "After"}""");

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("After");
    }

    @Test
    void putOfAReplicatedUserShouldContinueFromItsReplicatedVersion() {
        fixtures.replicated(42, "ada@example.com", "Ada", 7);

        var result = change(42, """
                {"email": "ada@example.com", "name": "Ada Lovelace"}""");

        assertThat(result).hasStatusOk();
        assertThat(fixtures.versionOf(42)).isEqualTo(8);
    }

    @Test
    void registerWhenEmailTakenInAnyCaseShouldAnswer409AndChangeNothing() {
        fixtures.user("taken@example.com", "First");

        var result = register("""
                {"email": "TAKEN@example.com", "name": "Second"}""");

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isEqualTo("""
                {"type": "https://strangler.dev/problems/duplicate-email", "title": "E-mail already registered",
                 "status": 409, "detail": "A user with e-mail taken@example.com already exists",
                 "instance": "/api/users"}""", JsonCompareMode.STRICT);
        assertThat(fixtures.count()).isEqualTo(1);
    }

    @Test
    void registerWhenEmailTakenByAReplicatedUserShouldAnswer409() {
        fixtures.replicated(42, "old@example.com", "From the monolith", 0);

        var result = register("""
                {"email": "Old@Example.com", "name": "Newcomer"}""");

        assertThat(result).hasStatus(409);
        assertThat(fixtures.count()).isEqualTo(1);
    }

    @Test
    void putWhenEmailBelongsToAnotherUserShouldAnswer409AndChangeNothing() {
        fixtures.user("one@example.com", "One");
        long two = fixtures.user("two@example.com", "Two");

        var result = change(two, """
                {"email": "one@example.com", "name": "Two"}""");

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isEqualTo("""
                {"type": "https://strangler.dev/problems/duplicate-email", "title": "E-mail already registered",
                 "status": 409, "detail": "A user with e-mail one@example.com already exists",
                 "instance": "/api/users/%d"}""".formatted(two), JsonCompareMode.STRICT);
        assertThat(fixtures.emailOf(two)).isEqualTo("two@example.com");
        assertThat(fixtures.versionOf(two)).isZero();
    }

    static Stream<Arguments> badRequests() {
        String longName = "n".repeat(101);
        String longEmail = "a".repeat(250) + "@example.com";
        String json = MediaType.APPLICATION_JSON_VALUE;
        return Stream.of(
                arguments("malformed JSON", HttpMethod.POST, "/api/users", json, "{\"email\": \"x@example.com\", ",
                        malformedBody("/api/users")),
                arguments("no body", HttpMethod.POST, "/api/users", json, "", malformedBody("/api/users")),
                arguments("array instead of object", HttpMethod.POST, "/api/users", json, "[]",
                        malformedBody("/api/users")),
                arguments("null instead of an object", HttpMethod.POST, "/api/users", json, "null",
                        malformedBody("/api/users")),
                arguments("object instead of a name", HttpMethod.POST, "/api/users", json,
                        "{\"email\": \"o@example.com\", \"name\": {\"first\": \"A\"}}", malformedBody("/api/users")),
                arguments("null fields", HttpMethod.POST, "/api/users", json, "{\"email\": null, \"name\": null}",
                        invalidBody("/api/users", "email", "must not be blank", "name", "must not be blank")),
                arguments("number as e-mail", HttpMethod.POST, "/api/users", json, "{\"email\": 5, \"name\": true}",
                        invalidBody("/api/users", "email", "must be a well-formed email address")),
                arguments("missing e-mail", HttpMethod.POST, "/api/users", json, "{\"name\": \"No Mail\"}",
                        invalidBody("/api/users", "email", "must not be blank")),
                arguments("missing name", HttpMethod.POST, "/api/users", json, "{\"email\": \"noname@example.com\"}",
                        invalidBody("/api/users", "name", "must not be blank")),
                arguments("blank name", HttpMethod.POST, "/api/users", json,
                        "{\"email\": \"blank@example.com\", \"name\": \"  \"}",
                        invalidBody("/api/users", "name", "must not be blank")),
                arguments("invalid e-mail", HttpMethod.POST, "/api/users", json,
                        "{\"email\": \"not-an-email\", \"name\": \"X\"}",
                        invalidBody("/api/users", "email", "must be a well-formed email address")),
                arguments("over-long name", HttpMethod.POST, "/api/users", json,
                        "{\"email\": \"long@example.com\", \"name\": \"" + longName + "\"}",
                        invalidBody("/api/users", "name", "size must be between 0 and 100")),
                arguments("over-long e-mail", HttpMethod.POST, "/api/users", json,
                        "{\"email\": \"" + longEmail + "\", \"name\": \"X\"}",
                        invalidBody("/api/users", "email", "must be a well-formed email address",
                                "email", "size must be between 0 and 254")),
                arguments("invalid e-mail on change", HttpMethod.PUT, "/api/users/1", json,
                        "{\"email\": \"nope\", \"name\": \"X\"}",
                        invalidBody("/api/users/1", "email", "must be a well-formed email address")),
                arguments("non-numeric id", HttpMethod.GET, "/api/users/abc", null, null,
                        problem(null, "Bad Request", 400, "Failed to convert 'id' with value: 'abc'",
                                "/api/users/abc")),
                arguments("non-numeric id on change", HttpMethod.PUT, "/api/users/abc", json,
                        "{\"email\": \"x@example.com\", \"name\": \"X\"}",
                        problem(null, "Bad Request", 400, "Failed to convert 'id' with value: 'abc'",
                                "/api/users/abc")),
                arguments("id too big for a long", HttpMethod.GET, "/api/users/99999999999999999999", null, null,
                        problem(null, "Bad Request", 400, "Failed to convert 'id' with value: '99999999999999999999'",
                                "/api/users/99999999999999999999")),
                arguments("negative id", HttpMethod.GET, "/api/users/-5", null, null,
                        notFound("/api/users/-5", "User -5 does not exist")),
                arguments("unknown id", HttpMethod.GET, "/api/users/999999", null, null,
                        notFound("/api/users/999999", "User 999999 does not exist")),
                arguments("unknown id on change", HttpMethod.PUT, "/api/users/999999", json,
                        "{\"email\": \"x@example.com\", \"name\": \"X\"}",
                        notFound("/api/users/999999", "User 999999 does not exist")),
                arguments("page size zero", HttpMethod.GET, "/api/users?size=0", null, null,
                        invalidParameter("size", "must be greater than or equal to 1")),
                arguments("page size too big", HttpMethod.GET, "/api/users?size=101", null, null,
                        invalidParameter("size", "must be less than or equal to 100")),
                arguments("negative page", HttpMethod.GET, "/api/users?page=-1", null, null,
                        invalidParameter("page", "must be greater than or equal to 0")),
                arguments("page and size both out of range", HttpMethod.GET, "/api/users?page=-1&size=0", null, null,
                        invalid("/api/users", "The request has %d invalid parameter(s)",
                                "page", "must be greater than or equal to 0", "size", "must be greater than or equal to 1")),
                arguments("non-numeric page", HttpMethod.GET, "/api/users?page=first", null, null,
                        problem(null, "Bad Request", 400, "Failed to convert 'page' with value: 'first'",
                                "/api/users")),
                arguments("text instead of JSON", HttpMethod.POST, "/api/users", MediaType.TEXT_PLAIN_VALUE, "email=x",
                        problem(null, "Unsupported Media Type", 415,
                                "Content-Type 'text/plain;charset=UTF-8' is not supported.", "/api/users")),
                arguments("method not allowed", HttpMethod.DELETE, "/api/users/1", null, null,
                        problem(null, "Method Not Allowed", 405, "Method 'DELETE' is not supported.",
                                "/api/users/1")),
                arguments("trailing slash", HttpMethod.GET, "/api/users/", null, null,
                        notFound("/api/users/", "Nothing is served at /api/users/")),
                arguments("unknown path", HttpMethod.GET, "/api/users/1/friends", null, null,
                        notFound("/api/users/1/friends", "Nothing is served at /api/users/1/friends")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputShouldAnswerTheMonolithsProblemAndChangeNothing(String name, HttpMethod method, String uri,
                                                                 String contentType, String body, String problem)
            throws Exception {
        long existing = fixtures.user("existing@example.com", "Existing");

        var request = mvc.method(method).uri(uri);
        if (body != null) {
            request = request.contentType(contentType).content(body);
        }
        var result = request.exchange();

        assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().isEqualTo(problem, JsonCompareMode.STRICT);
        assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception", "at dev.strangler", "SQL");
        assertThat(fixtures.count()).isEqualTo(1);
        assertThat(fixtures.emailOf(existing)).isEqualTo("existing@example.com");
        assertThat(fixtures.versionOf(existing)).isZero();
    }

    @Test
    void invalidFieldsShouldBeListed() {
        var result = register("""
                {"email": "not-an-email", "name": ""}""");

        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("The request body has 2 invalid field(s)");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("email", "name");
    }

    private MvcTestResult register(String json) {
        return mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private MvcTestResult change(long id, String json) {
        return mvc.put().uri("/api/users/{id}", id).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private static String malformedBody(String instance) {
        return problem("https://strangler.dev/problems/malformed-body", "Malformed request body", 400,
                "The request body is missing or is not valid JSON of the expected shape", instance);
    }

    private static String notFound(String instance, String detail) {
        return problem("https://strangler.dev/problems/not-found", "Not found", 404, detail, instance);
    }

    /** {@code fieldsAndMessages}: field, message, field, message... in the order the answer lists them. */
    private static String invalidBody(String instance, String... fieldsAndMessages) {
        return invalid(instance, "The request body has %d invalid field(s)", fieldsAndMessages);
    }

    private static String invalidParameter(String parameter, String message) {
        return invalid("/api/users", "The request has %d invalid parameter(s)", parameter, message);
    }

    private static String invalid(String instance, String detail, String... fieldsAndMessages) {
        var errors = new StringBuilder();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            errors.append(i == 0 ? "" : ",").append("""
                    {"field": "%s", "message": "%s"}""".formatted(fieldsAndMessages[i], fieldsAndMessages[i + 1]));
        }
        String problem = problem("https://strangler.dev/problems/invalid-request", "Invalid request", 400,
                detail.formatted(fieldsAndMessages.length / 2), instance);
        return problem.substring(0, problem.length() - 1) + ", \"errors\": [" + errors + "]}";
    }

    /** A {@code type} of null stands for Spring's default, {@code about:blank}, which is left out of the answer. */
    private static String problem(String type, String title, int status, String detail, String instance) {
        return """
                {%s"title": "%s", "status": %d, "detail": "%s", "instance": "%s"}"""
                .formatted(type == null ? "" : "\"type\": \"" + type + "\", ", title, status, detail, instance);
    }
}
