package dev.strangler.monolith.seed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Loads a realistic demo catalog, users and orders straight into the tables. Loading twice changes nothing: rows are
 * keyed by sku and e-mail, and orders are only added when no demo user has any yet. No e-mails are sent.
 */
@Component
class DemoData {

    static final String DEMO_DOMAIN = "@demo.strangler.dev";

    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis",
            "Frances", "Edsger", "Radia", "Tim", "Hedy", "Niklaus", "Sophie", "John", "Katherine", "Donald", "Joan",
            "Bjarne"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton",
            "Ritchie", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "Wirth", "Wilson", "Backus"};

    private static final List<Item> CATALOG = List.of(
            new Item("KIT-001", "Cast Iron Skillet", "A 26 cm pre-seasoned skillet that goes from hob to oven.", "39.90", 40),
            new Item("KIT-002", "Chef's Knife", "20 cm stainless steel blade, balanced for everyday chopping.", "54.00", 25),
            new Item("KIT-003", "Oak Cutting Board", "Solid oak, end grain, kind to your knives.", "29.50", 30),
            new Item("KIT-004", "Pour-Over Coffee Set", "Glass dripper, carafe and 100 filters.", "34.90", 35),
            new Item("KIT-005", "Enamel Dutch Oven", "4.5 litres of slow-cooking happiness.", "89.00", 15),
            new Item("KIT-006", "Linen Tea Towels", "Set of three, stonewashed linen.", "18.00", 60),
            new Item("KIT-007", "Ceramic Mug", "Handmade stoneware, 350 ml, dishwasher safe.", "14.50", 80),
            new Item("DSK-001", "Walnut Desk Organizer", "Keeps pens, cards and a phone in order.", "45.00", 20),
            new Item("DSK-002", "Mechanical Pencil", "0.5 mm brass pencil that lasts a lifetime.", "24.00", 50),
            new Item("DSK-003", "Dot Grid Notebook", "A5, 192 pages of 100 g/m² paper.", "16.90", 100),
            new Item("DSK-004", "Desk Lamp", "Warm LED light with a weighted base and a long arm.", "69.00", 18),
            new Item("DSK-005", "Wool Felt Desk Mat", "80 × 30 cm, quiet and warm under the hands.", "32.00", 25),
            new Item("DSK-006", "Fountain Pen", "Steel nib, converter included, writes smooth from day one.", "38.00", 30),
            new Item("OUT-001", "Insulated Bottle", "Keeps drinks cold 24 h or hot 12 h, 750 ml.", "27.90", 70),
            new Item("OUT-002", "Canvas Backpack", "Waxed canvas and leather, 22 litres.", "98.00", 12),
            new Item("OUT-003", "Camping Lantern", "Rechargeable, three brightness levels, 40 h runtime.", "36.50", 22),
            new Item("OUT-004", "Merino Beanie", "Soft, warm and never itchy.", "25.00", 45),
            new Item("OUT-005", "Folding Stool", "Beech and canvas, folds flat, holds 120 kg.", "42.00", 16),
            new Item("OUT-006", "Enamel Camp Plate", "Unbreakable, 24 cm, for the trail and the garden.", "12.00", 90),
            new Item("HOM-001", "Beeswax Candles", "Pair of hand-dipped candles, burn 8 hours each.", "15.00", 55),
            new Item("HOM-002", "Wool Throw", "Lambswool, 130 × 180 cm, woven in Wales.", "119.00", 10),
            new Item("HOM-003", "Plant Mister", "Brass mister for happy ferns.", "21.00", 40),
            new Item("HOM-004", "Linen Cushion Cover", "50 × 50 cm, hidden zip, washable.", "28.00", 35),
            new Item("HOM-005", "Last Item Standing", "A limited edition print: only one left.", "75.00", 1));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DemoData(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Loads whatever part of the demo data is missing and returns what it added. */
    @Transactional
    Loaded load(int userCount) {
        int products = 0;
        for (Item item : CATALOG) {
            products += jdbc.update("""
                    insert into products (sku, name, description, price, stock) values (?, ?, ?, ?, ?)
                    on conflict (sku) do nothing""",
                    item.sku(), item.name(), item.description(), new BigDecimal(item.price()), item.stock());
        }
        Instant now = clock.instant();
        List<Object[]> userRows = new ArrayList<>(userCount);
        for (int i = 1; i <= userCount; i++) {
            String first = FIRST[(i - 1) % FIRST.length];
            String last = LAST[((i - 1) / FIRST.length) % LAST.length];
            Timestamp created = Timestamp.from(now.minus(Duration.ofHours(24L * 200 - i)));
            userRows.add(new Object[] {"%s.%s.%d%s".formatted(first, last, i, DEMO_DOMAIN).toLowerCase().replace("-", ""),
                    first + " " + last, created, created});
        }
        int users = sum(jdbc.batchUpdate("""
                insert into users (email, name, created_at, updated_at) values (?, ?, ?, ?)
                on conflict (email) do nothing""", userRows));
        int orders = loadOrdersOnce(now);
        return new Loaded(products, users, orders);
    }

    private int loadOrdersOnce(Instant now) {
        Integer existing = jdbc.queryForObject(
                "select count(*) from orders o join users u on u.id = o.user_id where u.email like ?",
                Integer.class, "%" + DEMO_DOMAIN);
        if (existing != null && existing > 0) {
            return 0;
        }
        List<Long> userIds = jdbc.queryForList("select id from users where email like ? order by id limit 60",
                Long.class, "%" + DEMO_DOMAIN);
        List<Product> products = jdbc.query(
                "select id, sku, name, price from products where stock >= 20 order by id",
                (rs, n) -> new Product(rs.getLong("id"), rs.getString("sku"), rs.getString("name"),
                        rs.getBigDecimal("price")));
        if (products.isEmpty()) {
            return 0;
        }
        var random = new Random(42);
        int placed = 0;
        for (int i = 0; i < userIds.size(); i++) {
            Product product = products.get(random.nextInt(products.size()));
            int quantity = 1 + random.nextInt(2);
            Timestamp created = Timestamp.from(now.minus(Duration.ofHours(24L * 30 - i * 7L)));
            BigDecimal total = product.price().multiply(BigDecimal.valueOf(quantity));
            Long orderId = jdbc.queryForObject("""
                    insert into orders (user_id, status, total, created_at) values (?, 'PLACED', ?, ?) returning id""",
                    Long.class, userIds.get(i), total, created);
            jdbc.update("""
                    insert into order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price)
                    values (?, 1, ?, ?, ?, ?, ?)""", orderId, product.id(), product.sku(), product.name(), quantity,
                    product.price());
            jdbc.update("update products set stock = stock - ? where id = ?", quantity, product.id());
            placed++;
        }
        return placed;
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += Math.max(count, 0);
        }
        return total;
    }

    record Loaded(int products, int users, int orders) {
    }

    private record Item(String sku, String name, String description, String price, int stock) {
    }

    private record Product(long id, String sku, String name, BigDecimal price) {
    }
}
