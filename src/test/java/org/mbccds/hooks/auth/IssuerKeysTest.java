package org.mbccds.hooks.auth;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key rotation: an unknown kid re-reads the issuer's JWKS, at most once per interval. */
class IssuerKeysTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

    private static String jwks(String... kids) {
        return new JsonWebKeySet(java.util.Arrays.stream(kids).map(TestClients::key).toList())
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static JsonWebSignature signedBy(String kid) throws Exception {
        String token = TestClients.ehr("https://cds.example.org/cds-services").header("kid", kid)
                .signedWith("ES384", TestClients.key(kid).getPrivateKey()).sign();
        return (JsonWebSignature) JsonWebStructure.fromCompactSerialization(token);
    }

    @Test
    void aRotatedKeyInTheFileIsFoundAndRereadsAreRateLimited(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, jwks(TestClients.EHR_KID));
        IssuerKeys keys = new IssuerKeys(JwksSource.of("file:" + file, Duration.ofSeconds(1)), clock, Duration.ofSeconds(30));

        assertThat(keys.keyFor(signedBy(TestClients.EHR_KID))).isPresent();
        assertThat(keys.keyFor(signedBy(TestClients.STRANGER_KID))).isEmpty();   // re-read once: still unknown

        Files.writeString(file, jwks(TestClients.EHR_KID, TestClients.STRANGER_KID));   // the client rotates
        clock.advance(Duration.ofSeconds(10));
        assertThat(keys.keyFor(signedBy(TestClients.STRANGER_KID))).isEmpty();   // too soon to re-read
        clock.advance(Duration.ofSeconds(20));
        assertThat(keys.keyFor(signedBy(TestClients.STRANGER_KID))).isPresent();
    }

    @Test
    void aJwksUrlIsDownloadedOnceAndAgainOnlyForAnUnknownKidAfterTheInterval() throws Exception {
        AtomicInteger downloads = new AtomicInteger();
        AtomicReference<String> served = new AtomicReference<>(jwks(TestClients.EHR_KID));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            downloads.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
            IssuerKeys keys = new IssuerKeys(JwksSource.of(url, Duration.ofSeconds(2)), clock, Duration.ofSeconds(30));
            for (int i = 0; i < 3; i++) {
                assertThat(keys.keyFor(signedBy(TestClients.EHR_KID))).isPresent();
            }
            assertThat(downloads).hasValue(1);
            Thread.sleep(150);   // jose4j's own least gap between downloads (absorbs simultaneous first loads)
            for (int i = 0; i < 5; i++) {
                assertThat(keys.keyFor(signedBy(TestClients.STRANGER_KID))).isEmpty();
            }
            assertThat(downloads).hasValue(2);   // one refresh for any number of made-up kids

            served.set(jwks(TestClients.EHR_KID, TestClients.STRANGER_KID));
            clock.advance(Duration.ofSeconds(31));
            Thread.sleep(150);   // jose4j's real-time least gap applies here too, whatever our clock says
            assertThat(keys.keyFor(signedBy(TestClients.STRANGER_KID))).isPresent();
            assertThat(downloads).hasValue(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingJwksFileStopsStartUp(@TempDir Path dir) {
        assertThatThrownBy(() -> JwksSource.of("file:" + dir.resolve("nope.json"), Duration.ofSeconds(1)))
                .hasMessageContaining("cannot read the JWKS");
        assertThatThrownBy(() -> JwksSource.of("ftp://example.org/jwks", Duration.ofSeconds(1)))
                .hasMessageContaining("http(s) URL, file:");
    }
}
