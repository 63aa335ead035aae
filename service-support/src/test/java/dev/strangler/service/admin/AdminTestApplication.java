package dev.strangler.service.admin;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/**
 * The smallest service that depends on service-support: an admin endpoint, a JSON endpoint and a form endpoint
 * outside {@code /admin}, and no database.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
class AdminTestApplication {

    @RestController
    static class Endpoints {

        @GetMapping("/admin/status")
        Map<String, String> status() {
            return Map.of("state", "idle");
        }

        @PostMapping("/admin/status")
        Map<String, String> start() {
            return Map.of("state", "started");
        }

        @GetMapping("/api/things")
        Map<String, String> things() {
            return Map.of("things", "none");
        }

        @PostMapping("/api/things")
        ResponseEntity<Map<String, String>> create() {
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("created", "yes"));
        }

        @PostMapping("/register")
        ResponseEntity<Void> form(@RequestParam String email) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/users/" + email.length())).build();
        }
    }
}
