package dev.strangler.service.reconciliation;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the gateway's reconciliation asks a side about a capability's rows: digests per bucket of ids, then the rows
 * of the buckets that differ, and, of the owner, to publish rows again. The same API on the monolith and on every
 * service, under the admin account; every refusal is a problem and changes nothing.
 */
@RestController
@RequestMapping("/admin/reconciliation/{capability}")
class ReconciliationController {

    /** The widest bucket, so that a bucket's digest never aggregates an unbounded number of rows. */
    static final long MAX_WIDTH = 1_000_000;

    /** The most rows one request may ask for, so that a reconciliation never loads a table into memory. */
    static final long MAX_ROWS_RANGE = 100_000;

    /** The most ids one republish may name: one transaction, one batch of outbox rows. */
    static final int MAX_REPUBLISH = 10_000;

    private static final String TYPE_BASE = "https://strangler.dev/problems/";

    private final Map<String, ReconciledCapability> capabilities;
    private final Digests digests;
    private final TransactionTemplate transactions;

    ReconciliationController(List<ReconciledCapability> capabilities, Digests digests,
                             TransactionTemplate transactions) {
        this.capabilities = capabilities.stream()
                .collect(Collectors.toUnmodifiableMap(ReconciledCapability::capability, Function.identity()));
        this.digests = digests;
        this.transactions = transactions;
    }

    @GetMapping("/buckets")
    Buckets buckets(@PathVariable String capability, @RequestParam long width) {
        ReconciledCapability reconciled = reconciled(capability);
        if (width < 1 || width > MAX_WIDTH) {
            throw new BadRequest("width must be between 1 and " + MAX_WIDTH);
        }
        List<Digests.Bucket> buckets = digests.buckets(reconciled, width);
        return new Buckets(width, buckets.stream().mapToLong(Digests.Bucket::count).sum(), buckets);
    }

    @GetMapping("/rows")
    List<Digests.Row> rows(@PathVariable String capability, @RequestParam long from, @RequestParam long to) {
        ReconciledCapability reconciled = reconciled(capability);
        if (from < 0 || to <= from || to - from > MAX_ROWS_RANGE) {
            throw new BadRequest("from must be 0 or more and to above it, by at most " + MAX_ROWS_RANGE);
        }
        return digests.rows(reconciled, from, to);
    }

    @PostMapping("/republish")
    Republished republish(@PathVariable String capability, @RequestBody RepublishRequest request) {
        ReconciledCapability reconciled = reconciled(capability);
        List<@Nullable Long> ids = request.ids();
        if (ids == null || ids.contains(null)) {
            throw new BadRequest("ids must be a list of ids");
        }
        if (ids.size() > MAX_REPUBLISH) {
            throw new BadRequest("at most " + MAX_REPUBLISH + " ids per request, not " + ids.size());
        }
        List<Long> distinct = ids.stream().map(Objects::requireNonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return new Republished(0);
        }
        Integer republished = transactions.execute(tx -> reconciled.republisher().republish(distinct));
        return new Republished(republished == null ? 0 : republished);
    }

    private ReconciledCapability reconciled(String capability) {
        ReconciledCapability reconciled = capabilities.get(capability);
        if (reconciled == null) {
            throw new UnknownCapability(capability);
        }
        return reconciled;
    }

    @ExceptionHandler(UnknownCapability.class)
    ProblemDetail unknownCapability(UnknownCapability ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
    }

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest ex) {
        return invalid(ex.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException ex) {
        return invalid("parameter " + ex.getParameterName() + " is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongType(MethodArgumentTypeMismatchException ex) {
        return invalid("parameter " + ex.getName() + " must be a number");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        return invalid("the body must be {\"ids\": [...]} with numeric ids");
    }

    private static ProblemDetail invalid(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * Every non-empty bucket.
     *
     * @param width how many consecutive ids a bucket covers
     * @param count how many rows in all
     * @param buckets the buckets, by ascending id
     */
    record Buckets(long width, long count, List<Digests.Bucket> buckets) {
    }

    /**
     * Which rows to publish again.
     *
     * @param ids their ids, at most {@value #MAX_REPUBLISH}
     */
    record RepublishRequest(@Nullable List<@Nullable Long> ids) {
    }

    /**
     * The answer to a republish.
     *
     * @param republished how many rows were published again (ids without a row are skipped)
     */
    record Republished(long republished) {
    }

    private static final class BadRequest extends RuntimeException {

        BadRequest(String message) {
            super(message);
        }
    }

    private static final class UnknownCapability extends RuntimeException {

        UnknownCapability(String capability) {
            super("No reconciliation of " + capability + " here");
        }
    }
}
