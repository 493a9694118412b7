package io.borealis.scheduler;

import io.borealis.error.ConflictException;
import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs scheduler work in a transaction, again from the start when it lost a race on a task row or
 * a lock (a few times, then it gives up with a conflict the caller can show).
 */
@Component
public class Transactions {

    static final int ATTEMPTS = 5;

    private final TransactionTemplate template;

    public Transactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    public <T> T run(Supplier<T> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return template.execute(status -> work.get());
            } catch (ConcurrentTaskChange | PessimisticLockingFailureException e) {
                last = e;
            }
        }
        throw new ConflictException("Somebody else changed the same tasks at the same time; please try again.", last);
    }

    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }
}
