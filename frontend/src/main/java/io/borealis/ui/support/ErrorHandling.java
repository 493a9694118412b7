package io.borealis.ui.support;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.borealis.error.BorealisException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The portal's one error handler, installed in every session: a {@link BorealisException} (bad
 * input, not found, conflict, refused permission, quota) is shown as it is, because its message
 * is written for the person; anything else is logged with a short error id and shown as a generic
 * message with that id. No stack trace ever reaches the browser.
 */
@Component
public class ErrorHandling implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(session -> session.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        String message = messageFor(event.getThrowable());
        UI ui = UI.getCurrent();
        if (ui == null) {
            return;
        }
        if (ui.getSession() != null && ui.getSession().hasLock()) {
            Notices.error(message);
        } else {
            ui.access(() -> Notices.error(message));
        }
    }

    /** What to tell the person about a failure (and log it when it is not one of ours). */
    public static String messageFor(Throwable failure) {
        BorealisException known = known(failure);
        if (known != null) {
            return known.getMessage();
        }
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        log.error("Unexpected error {} in the portal", id, failure);
        return "Something went wrong on our side (error id " + id + "). Nothing you did caused it; "
                + "try again, and give the error id to your platform team if it happens again.";
    }

    /** The first {@link BorealisException} in the cause chain, if any. */
    public static BorealisException known(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BorealisException borealis) {
                return borealis;
            }
        }
        return null;
    }
}
