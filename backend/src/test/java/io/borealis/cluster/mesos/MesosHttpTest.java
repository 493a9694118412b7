package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** How master URLs and redirect targets are turned into the bases requests resolve against. */
class MesosHttpTest {

    @Test
    void aProtocolRelativeLocationKeepsTheSchemeOfTheRequest() {
        HttpUrl request = HttpUrl.get("https://m1:5050/api/v1/scheduler");

        HttpUrl target = request.resolve("//m2:5050/api/v1/scheduler");

        assertThat(target).hasToString("https://m2:5050/api/v1/scheduler");
        assertThat(MesosHttp.leaderFrom(target, MesosHttp.SCHEDULER_PATH)).hasToString("https://m2:5050/");
    }

    @Test
    void aLeaderBehindAPathPrefixKeepsThePrefix() {
        HttpUrl target = HttpUrl.get("http://proxy/mesos/api/v1/scheduler?x=1");

        assertThat(MesosHttp.leaderFrom(target, MesosHttp.SCHEDULER_PATH)).hasToString("http://proxy/mesos/");
        assertThat(MesosHttp.leaderFrom(HttpUrl.get("http://m2:5050/elsewhere"), MesosHttp.SCHEDULER_PATH))
                .hasToString("http://m2:5050/");
    }

    @Test
    void configuredMastersBecomeBasesThatEndpointsResolveAgainst() {
        assertThat(MesosHttp.base("http://m1:5050").resolve(MesosHttp.SCHEDULER_PATH))
                .hasToString("http://m1:5050/api/v1/scheduler");
        assertThat(MesosHttp.base("http://proxy/mesos").resolve(MesosHttp.OPERATOR_PATH))
                .hasToString("http://proxy/mesos/api/v1");
    }

    @Test
    void displayedUrlsCarryNoCredentialsOrQuery() {
        assertThat(MesosHttp.display(HttpUrl.get("http://user:pw@m1:5050/files/read?path=/secret")))
                .isEqualTo("http://m1:5050/files/read");
    }

    @Test
    void failuresCarryStatusCallTypeAndATruncatedBody() {
        MesosApiException notFound = MesosApiException.forStatus(400, "ACCEPT", "Framework cannot be found");
        assertThat(notFound).isInstanceOf(MesosApiException.ClientError.class);
        assertThat(notFound.status()).isEqualTo(400);
        assertThat(notFound.callType()).isEqualTo("ACCEPT");
        assertThat(notFound).hasMessage("Mesos answered 400 to ACCEPT: Framework cannot be found");
        assertThat(notFound.code()).isEqualTo("cluster_unavailable");

        MesosApiException noLeader = MesosApiException.forStatus(503, "SUBSCRIBE", "x".repeat(1000));
        assertThat(noLeader).isInstanceOf(MesosApiException.ServerError.class);
        assertThat(noLeader.body()).hasSize(MesosApiException.MAX_BODY + 3).endsWith("...");

        assertThat(MesosApiException.forStatus(302, "KILL", "")).isInstanceOf(MesosApiException.ProtocolError.class);
    }
}
