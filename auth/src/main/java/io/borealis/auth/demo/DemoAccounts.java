package io.borealis.auth.demo;

import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.auth.user.UserAccountService;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds three demo accounts into an empty embedded database and prints their passwords once, at
 * that moment. The passwords are public (they are in the README): demo use only. Never runs
 * against a configured (non-H2) datasource, nor when {@code borealis.demo.enabled=false}, nor when
 * any account exists already.
 */
@Component
@Order(DemoAccounts.ORDER)
public class DemoAccounts implements ApplicationRunner {

    /** Seeders of later features (demo teams, jobs) run after this one. */
    public static final int ORDER = 100;

    /** The demo accounts; the README lists the same. */
    public static final List<NewUserAccount> ACCOUNTS = List.of(
            new NewUserAccount("admin", "Ada Admin", "admin@borealis.example", "borealis-admin", PlatformRole.ADMIN),
            new NewUserAccount("lead", "Lee Lead", "lead@borealis.example", "borealis-lead", PlatformRole.USER),
            new NewUserAccount("dev", "Dana Developer", "dev@borealis.example", "borealis-dev", PlatformRole.USER));

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final DemoProperties properties;
    private final DataSource dataSource;
    private final UserAccountRepository repository;
    private final UserAccountService service;

    public DemoAccounts(
            DemoProperties properties,
            DataSource dataSource,
            UserAccountRepository repository,
            UserAccountService service) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.repository = repository;
        this.service = service;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedIfAllowed();
    }

    /** Seeds when allowed; returns whether it did. */
    public boolean seedIfAllowed() {
        if (!properties.enabled() || !EmbeddedDatabase.isEmbedded(dataSource) || repository.count() > 0) {
            return false;
        }
        StringBuilder message = new StringBuilder(
                "Seeded demo accounts into the embedded database (DEMO USE ONLY, change or remove them before real use):");
        for (NewUserAccount account : ACCOUNTS) {
            service.createAccount(account);
            message.append(String.format(
                    "%n    %-6s password: %-15s (%s)",
                    account.username(),
                    account.password(),
                    account.platformRole() == PlatformRole.ADMIN ? "platform admin" : "user"));
        }
        log.warn(message.toString());
        return true;
    }
}
