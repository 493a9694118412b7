package io.borealis.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.db.testing.SpringTestDatabase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP face of sign-in, as a browser or a scanner sees it: what is open, what redirects to the
 * login page, what a failed or successful sign-in answers, and the session id changing on sign-in.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "borealis.security.sign-in.max-failures=3")
class PortalSecurityIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SpringTestDatabase.register(registry);
        registry.add("borealis.cluster.local.work-dir", () -> "target/sandboxes");
    }

    @Test
    void healthIsOpenToEverybody() throws Exception {
        HttpResponse<String> health = get(client(), "/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void otherActuatorEndpointsAndInnerPagesNeedASignIn() throws Exception {
        HttpClient client = client();

        assertThat(redirectOf(get(client, "/actuator/info"))).endsWith("/login");
        assertThat(redirectOf(get(client, "/actuator/metrics"))).endsWith("/login");
        assertThat(redirectOf(get(client, "/admin/users"))).endsWith("/login");
        assertThat(redirectOf(get(client, "/"))).endsWith("/login");
    }

    @Test
    void theLoginPageIsTheVaadinViewNotSpringSecuritysGeneratedOne() throws Exception {
        HttpResponse<String> login = get(client(), "/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).doesNotContain("Please sign in").contains("window.Vaadin");
    }

    @Test
    void theThemeIsServedToTheAnonymousLoginPage() throws Exception {
        HttpResponse<String> css = get(client(), "/borealis-theme/tokens.css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains("--borealis-accent");
    }

    @Test
    void aWrongPasswordReturnsToTheLoginPageWithAnError() throws Exception {
        HttpClient client = client();

        HttpResponse<String> response = signIn(client, "dev", "not the password");

        assertThat(redirectOf(response)).endsWith("/login?error");
        assertThat(redirectOf(get(client, "/"))).endsWith("/login");
    }

    @Test
    void signingInIssuesANewSessionIdAndOpensInnerPages() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = client(cookies);
        get(client, "/login");
        String before = sessionId(cookies).orElseThrow();

        HttpResponse<String> response = signIn(client, "admin", "borealis-admin");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(redirectOf(response)).doesNotContain("error");
        String after = sessionId(cookies).orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(get(client, "/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get(client, "/admin/users").statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedFailuresLockTheAccountWithItsOwnMessage() throws Exception {
        HttpClient client = client();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(redirectOf(signIn(client, "lead", "wrong " + attempt))).endsWith("/login?error");
        }

        assertThat(redirectOf(signIn(client, "lead", "borealis-lead"))).endsWith("/login?locked");
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> login = get(client(), "/login");

        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(login.headers().firstValue("X-Frame-Options")).isPresent();
    }

    private HttpClient client() {
        return client(new CookieManager());
    }

    private static HttpClient client(CookieManager cookies) {
        return HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(HttpClient client, String username, String password)
            throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return client.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String redirectOf(HttpResponse<?> response) {
        assertThat(response.statusCode()).as("status of " + response.uri()).isEqualTo(302);
        return response.headers().firstValue("Location").orElse("");
    }

    private static Optional<String> sessionId(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue)
                .findFirst();
    }
}
