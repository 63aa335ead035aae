package dev.strangler.users.reconciliation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/**
 * What the gateway's reconciliation asks this service about its users: digests per bucket of ids, then the rows of
 * the buckets that differ from the monolith's. The same API as the monolith's, under the admin account.
 */
@RestController
@RequestMapping("/admin/reconciliation/users")
class ReconciliationController {

    /** The most rows one request may ask for, so that a reconciliation never loads a table into memory. */
    static final long MAX_ROWS_RANGE = 100_000;

    private final UserDigests digests;

    ReconciliationController(UserDigests digests) {
        this.digests = digests;
    }

    @GetMapping("/buckets")
    Buckets buckets(@RequestParam @Min(1) @Max(1_000_000) long width) {
        List<UserDigests.Bucket> buckets = digests.buckets(width);
        return new Buckets(width, buckets.stream().mapToLong(UserDigests.Bucket::count).sum(), buckets);
    }

    @GetMapping("/rows")
    List<UserDigests.Row> rows(@RequestParam @Min(0) long from, @RequestParam @Min(1) long to) {
        if (to <= from || to - from > MAX_ROWS_RANGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "to must be above from, by at most "
                    + MAX_ROWS_RANGE);
        }
        return digests.rows(from, to);
    }

    /**
     * Every non-empty bucket.
     *
     * @param width how many consecutive ids a bucket covers
     * @param count how many users in all
     * @param buckets the buckets, by ascending id
     */
    record Buckets(long width, long count, List<UserDigests.Bucket> buckets) {
    }
}
