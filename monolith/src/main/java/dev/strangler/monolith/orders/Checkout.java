package dev.strangler.monolith.orders;

import dev.strangler.monolith.catalog.Product;
import dev.strangler.monolith.catalog.ProductRepository;
import dev.strangler.monolith.mail.LegacyMailer;
import dev.strangler.monolith.users.User;
import dev.strangler.monolith.users.UserRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * Places orders: checks the user and products, takes stock and records the order in one transaction, then sends the
 * confirmation e-mail inside it. Any refusal rolls everything back.
 */
@Service
public class Checkout {

    private final UserRepository users;
    private final ProductRepository products;
    private final OrderRepository orders;
    private final LegacyMailer mailer;
    private final Clock clock;

    Checkout(UserRepository users, ProductRepository products, OrderRepository orders, LegacyMailer mailer,
             Clock clock) {
        this.users = users;
        this.products = products;
        this.orders = orders;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Transactional
    public Order place(PlaceOrderRequest request) {
        rejectRepeatedProducts(request.lines());
        User user = users.findById(request.userId()).orElseThrow(() -> OrderRefusedException.unknownUser(request.userId()));
        // Stock is taken in product-id order so that two orders over the same products cannot deadlock.
        List<PlaceOrderRequest.Line> lines = request.lines().stream()
                .sorted(Comparator.comparing(PlaceOrderRequest.Line::productId))
                .toList();
        var order = new Order(user.getId(), clock.instant());
        for (var line : lines) {
            Product product = products.findById(line.productId())
                    .orElseThrow(() -> OrderRefusedException.unknownProduct(line.productId()));
            if (products.takeStock(product.getId(), line.quantity()) == 0) {
                throw OrderRefusedException.insufficientStock(product.getId(), product.getSku());
            }
            order.addLine(product.getId(), product.getSku(), product.getName(), line.quantity(), product.getPrice());
        }
        Order saved = orders.saveAndFlush(order);
        mailer.sendOrderConfirmation(user, saved);
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
