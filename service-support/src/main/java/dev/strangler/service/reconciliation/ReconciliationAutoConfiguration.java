package dev.strangler.service.reconciliation;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * The reconciliation endpoints, in a servlet service that declares at least one {@link ReconciledCapability} bean.
 * They live under {@code /admin}, so the admin account guards them like the rest of the admin API.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ReconciledCapability.class, JdbcClient.class, PlatformTransactionManager.class})
public class ReconciliationAutoConfiguration {

    @Bean
    ReconciliationController reconciliationController(List<ReconciledCapability> capabilities, JdbcClient jdbc,
                                                      PlatformTransactionManager transactionManager) {
        return new ReconciliationController(capabilities, new Digests(jdbc), new TransactionTemplate(transactionManager));
    }
}
