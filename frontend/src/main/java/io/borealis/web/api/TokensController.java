package io.borealis.web.api;

import io.borealis.auth.token.ApiTokenService;
import io.borealis.auth.token.TokenExpiry;
import io.borealis.error.InvalidInputException;
import io.borealis.web.api.UserModels.CreatedTokenView;
import io.borealis.web.api.UserModels.NewTokenRequest;
import io.borealis.web.api.UserModels.TokenView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own personal API tokens (the portal's API tokens page does the same). */
@RestController
@RequestMapping(ApiPaths.TOKENS)
@Tag(name = "Tokens", description = "Your personal API tokens")
class TokensController {

    private final ApiTokenService tokens;
    private final Clock clock;

    TokensController(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "List your tokens", description = "Newest first, revoked and expired ones included.")
    List<TokenView> listTokens() {
        return tokens.myTokens().stream()
                .map(token -> TokenView.of(token, clock.instant()))
                .toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a token",
            description = "The answer holds the token's text, the only time it is shown. expiresInDays is 30, "
                    + "90 or null (never expires).")
    CreatedTokenView createToken(@RequestBody NewTokenRequest request) {
        TokenExpiry expiry = Arrays.stream(TokenExpiry.values())
                .filter(e -> Objects.equals(e.days(), request.expiresInDays()))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidInputException("expiresInDays", "must be 30, 90 or null (the token never expires)"));
        return CreatedTokenView.of(tokens.create(request.name(), expiry), clock.instant());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Revoke a token",
            description = "Your own (platform admins: anybody's). It stops working at once. Revoking a revoked "
                    + "token changes nothing.")
    void revokeToken(@PathVariable String id) {
        tokens.revoke(id);
    }
}
