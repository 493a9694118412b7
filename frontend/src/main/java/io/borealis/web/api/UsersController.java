package io.borealis.web.api;

import io.borealis.auth.token.ApiTokenService;
import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountService;
import io.borealis.error.InvalidInputException;
import io.borealis.web.api.UserModels.NewUserRequest;
import io.borealis.web.api.UserModels.PasswordRequest;
import io.borealis.web.api.UserModels.TokenView;
import io.borealis.web.api.UserModels.UserChangeRequest;
import io.borealis.web.api.UserModels.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** User accounts, for platform admins (people may read their own account). */
@RestController
@RequestMapping(ApiPaths.USERS)
@Tag(name = "Users", description = "Accounts and platform roles (platform admins)")
class UsersController {

    private final UserAccountService users;
    private final ApiTokenService tokens;
    private final Clock clock;

    UsersController(UserAccountService users, ApiTokenService tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "List every account (platform admins)")
    List<UserView> listUsers() {
        return users.listAccounts().stream().map(UserView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account (platform admins)")
    ResponseEntity<UserView> createUser(@RequestBody NewUserRequest request, UriComponentsBuilder uri) {
        UserAccount account = users.createAccountAsAdmin(new NewUserAccount(
                request.username(),
                request.displayName(),
                request.email(),
                request.password(),
                request.platformRole()));
        return ResponseEntity.created(uri.path(ApiPaths.USERS + "/{username}")
                        .buildAndExpand(account.username())
                        .toUri())
                .body(UserView.of(account));
    }

    @GetMapping("/{username}")
    @Operation(summary = "Read an account (your own, or anyone's for platform admins)")
    UserView readUser(@PathVariable String username) {
        return UserView.of(users.account(username));
    }

    @PatchMapping("/{username}")
    @Operation(
            summary = "Enable, disable or change the platform role of an account (platform admins)",
            description = "Nobody disables their own account; the last platform admin keeps the role.")
    UserView changeUser(@PathVariable String username, @RequestBody UserChangeRequest request) {
        if (request.enabled() == null && request.platformRole() == null) {
            throw new InvalidInputException("body", "send enabled, platformRole or both");
        }
        UserAccount changed = null;
        if (request.platformRole() != null) {
            changed = users.setPlatformRole(username, request.platformRole());
        }
        if (request.enabled() != null) {
            changed = users.setEnabled(username, request.enabled());
        }
        return UserView.of(changed);
    }

    @PostMapping("/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password for an account (platform admins)")
    void resetPassword(@PathVariable String username, @RequestBody PasswordRequest request) {
        users.resetPassword(username, request.password());
    }

    @GetMapping("/{username}/tokens")
    @Operation(summary = "List an account's API tokens (your own, or anyone's for platform admins)")
    List<TokenView> listUserTokens(@PathVariable String username) {
        return tokens.tokensOf(username).stream()
                .map(token -> TokenView.of(token, clock.instant()))
                .toList();
    }
}
