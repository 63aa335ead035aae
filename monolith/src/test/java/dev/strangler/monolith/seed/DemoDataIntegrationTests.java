package dev.strangler.monolith.seed;

import dev.strangler.monolith.support.MonolithIntegrationTest;
import dev.strangler.monolith.support.ShopFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@MonolithIntegrationTest
class DemoDataIntegrationTests {

    @Autowired
    DemoData demoData;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void loadShouldCreateADemoShopOnceAndChangeNothingTheSecondTime() {
        var first = demoData.load(200);
        var afterFirst = new ShopFixtures(jdbc).counts();

        var second = demoData.load(200);

        assertThat(first.users()).isEqualTo(200);
        assertThat(first.products()).isGreaterThanOrEqualTo(20);
        assertThat(first.orders()).isPositive();
        assertThat(afterFirst.users()).isEqualTo(200);
        assertThat(afterFirst.orders()).isEqualTo(first.orders());
        assertThat(afterFirst.orderLines()).isEqualTo(first.orders());
        assertThat(afterFirst.sentEmails()).isZero();
        assertThat(second).isEqualTo(new DemoData.Loaded(0, 0, 0));
        assertThat(new ShopFixtures(jdbc).counts()).isEqualTo(afterFirst);
        assertThat(jdbc.queryForObject("select count(*) from products where stock < 0", Integer.class)).isZero();
    }

    @Test
    void loaderShouldBeOffWhenSeedIsDisabled(@Autowired org.springframework.context.ApplicationContext context) {
        assertThat(context.getBeanNamesForType(DemoDataLoader.class)).isEmpty();
    }
}
