package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.cluster.mesos.emulator.MesosMasterEmulator;
import io.borealis.cluster.mesos.v1.MasterCall;
import io.borealis.cluster.mesos.v1.MesosJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the masters with a configured trust store: a master with a self-signed certificate (made
 * with the JDK's keytool) is trusted through {@code borealis.mesos.trust-store} and refused without.
 */
class MesosHttpTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path directory;

    private static Path trustStore;
    private static MesosMasterEmulator master;

    @BeforeAll
    static void startTlsMaster() throws Exception {
        Path serverStore = directory.resolve("master.p12");
        Path certificate = directory.resolve("master.crt");
        trustStore = directory.resolve("trust.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "master",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                serverStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "master",
                "-keystore",
                serverStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "master",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        master = MesosMasterEmulator.builder().tls(context).start();
    }

    @AfterAll
    static void stop() {
        master.close();
    }

    @Test
    void aMasterWithACertificateFromTheTrustStoreAnswers() {
        MesosJson json = new MesosJson();
        try (MesosHttp http = new MesosHttp(properties(trustStore.toString(), PASSWORD), leader -> {})) {
            byte[] answer = http.operator("GET_VERSION", json.write(MasterCall.of(MasterCall.Type.GET_VERSION)));

            assertThat(json.read(answer, MasterCall.Response.class)
                            .getVersion()
                            .versionInfo()
                            .version())
                    .isEqualTo("1.11.0");
        }
    }

    @Test
    void withoutTheTrustStoreTheCertificateIsRefused() {
        try (MesosHttp http = new MesosHttp(properties(null, null), leader -> {})) {
            assertThatThrownBy(() ->
                            http.operator("GET_VERSION", "{\"type\":\"GET_VERSION\"}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(MesosApiException.Unreachable.class)
                    .hasMessageContaining("GET_VERSION")
                    .hasMessageContaining("SSLHandshakeException");
        }
    }

    @Test
    void anUnreadableTrustStoreIsAClearStartupError() {
        assertThatThrownBy(() -> new MesosHttp(
                        properties(directory.resolve("missing.p12").toString(), PASSWORD), l -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("borealis.mesos.trust-store: cannot load")
                .hasMessageContaining("missing.p12");
    }

    private static MesosProperties properties(String store, String password) {
        return new MesosProperties(
                List.of(master.masterUrl()),
                null,
                null,
                null,
                null,
                "tester",
                null,
                null,
                "localhost",
                store,
                password,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
