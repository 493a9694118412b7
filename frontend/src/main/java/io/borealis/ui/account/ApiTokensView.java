package io.borealis.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.borealis.auth.token.ApiToken;
import io.borealis.auth.token.ApiTokenService;
import io.borealis.auth.token.CreatedToken;
import io.borealis.auth.token.TokenExpiry;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.ui.support.Formats;
import io.borealis.web.api.ApiPaths;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Everyone's own personal API tokens: create one (its text is shown once, in a dialog with a copy
 * button), see when each was used and when it expires, and revoke one after confirming.
 */
@Route("account/tokens")
@PageTitle("API tokens")
@Menu(title = "API tokens", order = 80, icon = "vaadin:key")
@PermitAll
public class ApiTokensView extends Div {

    final TextField name = new TextField("Name");
    final Select<TokenExpiry> expiry = new Select<>();
    final Button create = new Button("Create token", VaadinIcon.PLUS.create());
    final Grid<ApiToken> grid = new Grid<>(ApiToken.class, false);

    /** The dialog that shows a new token's text, while it is open. */
    Dialog newToken;

    private final ApiTokenService tokens;
    private final Clock clock;

    public ApiTokensView(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        addClassNames("borealis-page", "borealis-tokens");

        Paragraph intro = new Paragraph("A personal API token lets a script call the REST API as you, with your "
                + "permissions. Send it as 'Authorization: Bearer <token>'. ");
        intro.addClassName("borealis-muted");
        Anchor docs = new Anchor(ApiPaths.DOCS, "API documentation", AnchorTarget.BLANK);
        docs.setId("api-docs-link");
        intro.add(docs);

        name.setId("token-name");
        name.setPlaceholder("e.g. deploy script");
        name.setMaxLength(ApiTokenService.MAX_NAME_LENGTH);
        name.setRequiredIndicatorVisible(true);
        expiry.setId("token-expiry");
        expiry.setLabel("Expires after");
        expiry.setItems(TokenExpiry.values());
        expiry.setItemLabelGenerator(TokenExpiry::label);
        expiry.setValue(TokenExpiry.DAYS_90);
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickListener(e -> create());
        HorizontalLayout form = new HorizontalLayout(name, expiry, create);
        form.addClassName("borealis-token-form");
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("tokens-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(ApiToken::hint).setHeader("Token").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> Formats.instant(t.createdAt()))
                .setHeader("Created")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(t -> Formats.instant(t.lastUsedAt()))
                .setHeader("Last used")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(t -> t.expiresAt() == null ? "Never" : Formats.instant(t.expiresAt()))
                .setHeader("Expires")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::status)
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::revokeButton).setHeader("").setFlexGrow(0).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("You have no API tokens yet.");

        add(intro, form, grid);
        refresh();
    }

    private void create() {
        name.setInvalid(false);
        try {
            CreatedToken created = tokens.create(name.getValue(), expiry.getValue());
            name.clear();
            name.setInvalid(false); // cleared on purpose: not a missing name
            refresh();
            showOnce(created);
        } catch (InvalidInputException e) {
            name.setErrorMessage(
                    e.problems().stream().map(FieldProblem::message).collect(Collectors.joining("; ")));
            name.setInvalid(true);
        } catch (ConflictException e) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        }
    }

    /** The only time a token's text is shown; it is dropped from the page when the dialog closes. */
    private void showOnce(CreatedToken created) {
        TextField text = new TextField("Your new token");
        text.setId("new-token");
        text.setValue(created.text());
        text.setReadOnly(true);
        text.setWidthFull();
        Button copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("copy-token");
        copy.addClickListener(e -> {
            text.getElement().executeJs("return navigator.clipboard.writeText($0)", created.text());
            Notification.show("Copied to the clipboard.", 3000, Notification.Position.BOTTOM_START);
        });
        Div warning = new Div(
                VaadinIcon.WARNING.create(),
                new Span("Copy it now: this is the only time it is shown. Keep it like a password. If it is lost, "
                        + "revoke it and create a new one."));
        warning.setId("new-token-warning");
        warning.addClassName("borealis-token-warning");
        HorizontalLayout row = new HorizontalLayout(text, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);

        Dialog dialog = new Dialog();
        dialog.setId("new-token-dialog");
        dialog.setHeaderTitle("Token '" + created.token().name() + "' created");
        dialog.setWidth("min(44rem, 95vw)");
        dialog.add(warning, row);
        Button done = new Button("Done", e -> dialog.close());
        done.setId("new-token-done");
        done.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(done);
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                text.clear();
                dialog.removeAll();
                remove(dialog);
                newToken = null;
            }
        });
        newToken = dialog;
        add(dialog);
        dialog.open();
    }

    private Span status(ApiToken token) {
        ApiToken.Status status = token.statusAt(clock.instant());
        Span badge = new Span(
                switch (status) {
                    case ACTIVE -> "Active";
                    case EXPIRED -> "Expired";
                    case REVOKED -> "Revoked";
                });
        badge.addClassNames("borealis-badge", "borealis-token-" + status.name().toLowerCase(Locale.ROOT));
        return badge;
    }

    private Button revokeButton(ApiToken token) {
        Button revoke = new Button("Revoke", e -> confirmRevoke(token));
        revoke.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR, ButtonVariant.SMALL);
        revoke.setId("revoke-" + token.id());
        revoke.setVisible(token.statusAt(clock.instant()) == ApiToken.Status.ACTIVE);
        return revoke;
    }

    private void confirmRevoke(ApiToken token) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Revoke '" + token.name() + "'?",
                "Scripts that use this token get 401 from their next call on. This cannot be undone.",
                "Revoke",
                e -> {
                    tokens.revoke(token.id());
                    refresh();
                    Notification.show("Token '" + token.name() + "' revoked.", 3000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.SUCCESS);
                });
        confirm.setId("revoke-confirmation");
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setCancelText("Keep it");
        confirm.open();
    }

    private void refresh() {
        grid.setItems(tokens.myTokens());
    }
}
