package dev.strangler.monolith.orders;

import dev.strangler.monolith.catalog.Product;
import dev.strangler.monolith.catalog.ProductRepository;
import dev.strangler.monolith.mail.LegacyMailer;
import dev.strangler.monolith.mail.MailDuty;
import dev.strangler.monolith.users.User;
import dev.strangler.monolith.users.UserRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * Places orders: checks the user and products, takes stock, records the order and writes {@code order.created} to the
 * outbox in one transaction, then sends the confirmation e-mail inside it while the monolith still sends e-mail. Any
 * refusal rolls everything back, the event included.
 */
@Service
public class Checkout {

    /** Where order-service allocates new ids (ADR 0013); the monolith's own order ids must stay below it. */
    static final long SERVICE_ID_RANGE_START = 1_000_000_000L;

    private final UserRepository users;
    private final ProductRepository products;
    private final OrderRepository orders;
    private final LegacyMailer mailer;
    private final OrderEvents events;
    private final IdempotencyKeys keys;
    private final Clock clock;

    Checkout(UserRepository users, ProductRepository products, OrderRepository orders, LegacyMailer mailer,
             OrderEvents events, IdempotencyKeys keys, Clock clock) {
        this.users = users;
        this.products = products;
        this.orders = orders;
        this.mailer = mailer;
        this.events = events;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Places the order at most once per key (ADR 0030): the key is claimed first, in this transaction, so a concurrent
     * request with the same key waits for this one and then answers with its order; a refusal rolls the key back with
     * everything else, so the client may retry with the same key.
     */
    @Transactional
    Order place(PlaceOrderRequest request, IdempotencyKey key) {
        String hash = IdempotencyKeys.hash(request);
        if (keys.claim(key, hash, clock.instant())) {
            Order order = place(request);
            keys.attach(key, order.getId());
            return order;
        }
        IdempotencyKeys.Used used = keys.find(key)
                .orElseThrow(() -> new IllegalStateException("Idempotency key taken but not found: " + key.value()));
        if (!used.requestHash().equals(hash)) {
            throw OrderRefusedException.idempotencyKeyReused();
        }
        return orders.findWithLinesById(used.orderId())
                .orElseThrow(() -> new IllegalStateException("Order " + used.orderId() + " of an idempotency key is gone"));
    }

    @Transactional
    public Order place(PlaceOrderRequest request) {
        rejectRepeatedProducts(request.lines());
        User user = users.findById(request.userId()).orElseThrow(() -> OrderRefusedException.unknownUser(request.userId()));
        // Stock is taken in product-id order so that two orders over the same products cannot deadlock.
        List<PlaceOrderRequest.Line> lines = request.lines().stream()
                .sorted(Comparator.comparing(PlaceOrderRequest.Line::productId))
                .toList();
        // Microseconds, what PostgreSQL keeps: the answer, the event and later reads then agree.
        var order = new Order(user.getId(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        for (var line : lines) {
            Product product = products.findById(line.productId())
                    .orElseThrow(() -> OrderRefusedException.unknownProduct(line.productId()));
            if (products.takeStock(product.getId(), line.quantity()) == 0) {
                throw OrderRefusedException.insufficientStock(product.getId(), product.getSku());
            }
            order.addLine(product.getId(), product.getSku(), product.getName(), line.quantity(), product.getPrice());
        }
        Order saved = orders.saveAndFlush(order);
        // The identity hands out the id at the insert; refusing now rolls the order and its stock back.
        if (saved.getId() >= SERVICE_ID_RANGE_START) {
            throw new OrderIdsExhaustedException(saved.getId());
        }
        // Decided once: the e-mail sent here and the mark on the event must tell the same story.
        MailDuty mail = mailer.duty();
        events.created(saved, mail.eventHeaders());
        mailer.sendOrderConfirmation(mail, user, saved);
        return saved;
    }

    private static void rejectRepeatedProducts(List<PlaceOrderRequest.Line> lines) {
        var seen = new HashSet<Long>();
        for (var line : lines) {
            if (!seen.add(line.productId())) {
                throw OrderRefusedException.repeatedProduct(line.productId());
            }
        }
    }
}
