package dev.strangler.notifications.history;

import dev.strangler.notifications.web.PageResponse;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;

/**
 * What was sent to someone, newest first, for support and for tests: {@code GET /api/notifications?recipient=...}.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationHistoryController {

    private final JdbcClient jdbc;

    NotificationHistoryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    PageResponse<NotificationView> list(@RequestParam @NotBlank @Email String recipient,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        long total = jdbc.sql("select count(*) from notifications where recipient = ?").param(recipient)
                .query(Long.class).single();
        var content = jdbc.sql("""
                        select kind, event_id, recipient, subject, status, notified_by, message_id, created_at
                        from notifications where recipient = ?
                        order by created_at desc, id desc limit ? offset ?""")
                .params(recipient, size, (long) page * size)
                .query((rs, row) -> new NotificationView(rs.getString("kind"), rs.getString("event_id"),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("status"),
                        rs.getString("notified_by"), rs.getString("message_id"),
                        rs.getObject("created_at", Timestamp.class).toInstant()))
                .list();
        return PageResponse.of(content, page, size, total);
    }
}
