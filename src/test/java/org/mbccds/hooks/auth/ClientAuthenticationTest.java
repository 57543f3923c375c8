package org.mbccds.hooks.auth;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * CDS client authentication over HTTP with authentication on (as in production). Each refusal is the same 401; the
 * log line names the check that failed, which is what these tests assert to show that each check fires on its own.
 */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class ClientAuthenticationTest {
    private static final String SERVICE = "mbc-patient-view";

    @TestHTTPResource("/cds-services")
    URL discovery;

    private CapturedLog log;

    @BeforeEach
    void captureLog() {
        log = CapturedLog.of("org.mbccds.hooks.auth");
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private String discoveryUrl() {
        return discovery.toString();
    }

    private String serviceUrl(String id) {
        return discoveryUrl() + "/" + id;
    }

    /** patient-view with every prefetch key null ("no data"): no FHIR server is needed. */
    private static String patientViewBody() {
        return """
                {"hook": "patient-view", "hookInstance": "%s",
                 "context": {"userId": "Practitioner/example", "patientId": "example"},
                 "prefetch": {"patient": null, "conditions": null, "observations": null, "medStatements": null,
                              "medRequests": null, "medAdministrations": null}}
                """.formatted(UUID.randomUUID());
    }

    private static Response getDiscovery(String authorization) {
        RequestSpecification request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.get("/cds-services");
    }

    private static Response callService(String id, String authorization) {
        return given().header("Authorization", authorization).contentType("application/json").body(patientViewBody())
                .post("/cds-services/" + id);
    }

    /** 401, the generic body and WWW-Authenticate: Bearer; and the log gives this reason, never the token. */
    private void assertRefused(Response response, String reason, String token) {
        response.then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("login"))
                .body("issue[0].diagnostics", equalTo(
                        "Authentication required: send Authorization: Bearer <JWT> signed by a CDS client this service trusts"));
        assertThat(log.lastRefusal()).contains("reason=" + reason + " ");
        if (token != null) {
            String bare = token.startsWith("Bearer ") ? token.substring(7) : token;
            assertThat(log.messages()).noneMatch(m -> m.contains(bare));
            assertThat(log.messages()).noneMatch(m -> bare.contains(".") && m.contains(bare.split("\\.")[1]));
        }
    }

    @Test
    void refusedWithoutAnAuthorizationHeader() {
        assertRefused(getDiscovery(null), "missing-authorization", null);
    }

    @Test
    void refusedWithAnotherScheme() {
        assertRefused(getDiscovery("Basic dXNlcjpwYXNzd29yZA=="), "not-bearer", null);
    }

    @Test
    void refusedWithGarbage() {
        assertRefused(getDiscovery("Bearer not-a-jwt"), "malformed-token", "not-a-jwt");
        assertRefused(getDiscovery("Bearer eyJhbGciOiJFUzM4NCJ9.bm90IGpzb24.c2ln"), "malformed-token", null);
    }

    @Test
    void refusedWhenExpired() {
        long now = Instant.now().getEpochSecond();
        String token = TestClients.ehr(discoveryUrl()).claims(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 420));
            c.setExpirationTime(NumericDate.fromSeconds(now - 120));
        }).bearer();
        assertRefused(getDiscovery(token), "expired", token);
    }

    @Test
    void refusedWithoutExp() {
        String token = TestClients.ehr(discoveryUrl()).claims(c -> c.unsetClaim("exp")).bearer();
        assertRefused(getDiscovery(token), "exp-missing", token);
    }

    @Test
    void refusedWithoutIatOrWithIatInTheFuture() {
        String noIat = TestClients.ehr(discoveryUrl()).claims(c -> c.unsetClaim("iat")).bearer();
        assertRefused(getDiscovery(noIat), "iat-missing", noIat);
        long now = Instant.now().getEpochSecond();
        String future = TestClients.ehr(discoveryUrl()).claims(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now + 600));
            c.setExpirationTime(NumericDate.fromSeconds(now + 900));
        }).bearer();
        assertRefused(getDiscovery(future), "iat-in-future", future);
    }

    @Test
    void refusedBeforeNbf() {
        long now = Instant.now().getEpochSecond();
        String token = TestClients.epic(discoveryUrl()).claims(c -> c.setNotBefore(NumericDate.fromSeconds(now + 600)))
                .bearer();
        assertRefused(getDiscovery(token), "nbf-in-future", token);
    }

    @Test
    void refusedForAnotherServer() {
        String token = TestClients.ehr("https://other-cds.example.org/cds-services").bearer();
        assertRefused(getDiscovery(token), "wrong-aud", token);
    }

    @Test
    void refusedForAnotherServiceOfOurs() {
        String token = TestClients.ehr(serviceUrl("mbc-order-select")).bearer();
        assertRefused(callService(SERVICE, token), "wrong-aud", token);
        String discoveryToken = TestClients.ehr(discoveryUrl()).bearer();
        assertRefused(callService(SERVICE, discoveryToken), "wrong-aud", discoveryToken);
    }

    @Test
    void refusedFromAnUnknownIssuer() {
        String token = TestClients.ehr(discoveryUrl()).claims(c -> c.setIssuer("https://evil.example")).bearer();
        assertRefused(getDiscovery(token), "unknown-iss", token);
    }

    @Test
    void refusedSignedWithAKeyTheIssuerDidNotPublish() {
        String token = TestClients.ehr(discoveryUrl()).header("kid", TestClients.STRANGER_KID)
                .signedWith(AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
                        TestClients.key(TestClients.STRANGER_KID).getPrivateKey()).bearer();
        assertRefused(getDiscovery(token), "unknown-kid", token);
    }

    @Test
    void refusedSignedWithAnotherKeyUnderAKnownKid() {
        String token = TestClients.ehr(discoveryUrl())
                .signedWith(AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
                        TestClients.key(TestClients.STRANGER_KID).getPrivateKey()).bearer();
        assertRefused(getDiscovery(token), "bad-signature", token);
    }

    @Test
    void refusedWithAlgNone() {
        String token = TestClients.ehr(discoveryUrl()).signedWith(AlgorithmIdentifiers.NONE, null).bearer();
        assertThat(token).endsWith(".");
        assertRefused(getDiscovery(token), "alg-not-allowed", token);
    }

    @Test
    void refusedWithHs256() {
        String token = TestClients.ehr(discoveryUrl())
                .signedWith(AlgorithmIdentifiers.HMAC_SHA256, TestClients.secret()).bearer();
        assertRefused(getDiscovery(token), "alg-not-allowed", token);
    }

    @Test
    void refusedWithATamperedPayload() {
        String token = "Bearer " + TestClients.tamperPayload(TestClients.ehr(discoveryUrl()).sign());
        assertRefused(getDiscovery(token), "bad-signature", token);
    }

    @Test
    void refusedWhenReplayed() {
        String token = TestClients.ehr(discoveryUrl()).bearer();
        getDiscovery(token).then().statusCode(200);
        assertRefused(getDiscovery(token), "jti-replayed", token);
    }

    @Test
    void refusedWithAJkuNotAllowedForTheIssuer() {
        String token = TestClients.ehr(discoveryUrl()).header("jku", "https://evil.example/jwks.json").bearer();
        assertRefused(getDiscovery(token), "jku-not-allowed", token);
        // A jku allowed for another issuer is not allowed for this one.
        String epicJku = TestClients.ehr(discoveryUrl()).header("jku", TestClients.EPIC_JKU).bearer();
        assertRefused(getDiscovery(epicJku), "jku-not-allowed", epicJku);
        // An issuer with no jku listed accepts none.
        String multi = TestClients.multi(discoveryUrl(), "tenant-a").header("jku", "https://multi.test.example/jwks")
                .bearer();
        assertRefused(getDiscovery(multi), "jku-not-allowed", multi);
    }

    @Test
    void refusedWithATenantNotAllowed() {
        String other = TestClients.multi(discoveryUrl(), "tenant-c").bearer();
        assertRefused(getDiscovery(other), "tenant-not-allowed", other);
        String none = TestClients.multi(discoveryUrl(), null).bearer();
        assertRefused(getDiscovery(none), "tenant-not-allowed", none);
    }

    @Test
    void refusedWithATypOtherThanJwtOrNone() {
        String at = TestClients.ehr(discoveryUrl()).header("typ", "at+jwt").bearer();
        assertRefused(getDiscovery(at), "typ-not-jwt", at);
        String missing = TestClients.ehr(discoveryUrl()).header("typ", null).bearer();
        assertRefused(getDiscovery(missing), "typ-not-jwt", missing);
    }

    @Test
    void refusedWithoutKidOrJti() {
        String noKid = TestClients.ehr(discoveryUrl()).header("kid", null).bearer();
        assertRefused(getDiscovery(noKid), "kid-missing", noKid);
        String noJti = TestClients.ehr(discoveryUrl()).claims(c -> c.unsetClaim("jti")).bearer();
        assertRefused(getDiscovery(noJti), "jti-missing", noJti);
    }

    @Test
    void refusedBeforeSayingWhetherAServiceExists() {
        assertRefused(given().contentType("application/json").body("{}").post("/cds-services/no-such-service"),
                "missing-authorization", null);
        assertRefused(given().get("/cds-services/mbc-patient-view"), "missing-authorization", null);
    }

    /** The sandbox token captured earlier today verifies (see SandboxCapturedTokenTest) but has expired. */
    @Test
    void refusedARealSandboxTokenOnceItHasExpired() {
        List<String> captured = TestClients.capturedSandboxToken("discovery-headers.json");
        String token = captured.get(0);
        // Its aud is http://127.0.0.1:8082/cds-services: ask as that host so the aud check passes and exp decides.
        Response response = given().header("Authorization", token).header("Host", captured.get(1)).get("/cds-services");
        assertRefused(response, "expired", token);
    }

    @Test
    void acceptedSandboxStyleEs384ForDiscovery() {
        getDiscovery(TestClients.ehr(discoveryUrl()).bearer()).then().statusCode(200)
                .body("services.id", org.hamcrest.Matchers.hasItem(SERVICE));
    }

    @Test
    void acceptedSandboxStyleEs384ForAServiceCall() {
        callService(SERVICE, TestClients.ehr(serviceUrl(SERVICE)).bearer()).then().statusCode(200)
                .body("cards", notNullValue());
    }

    @Test
    void acceptedEpicStyleRs384WithSubAndNbf() {
        callService(SERVICE, TestClients.epic(serviceUrl(SERVICE)).bearer()).then().statusCode(200)
                .body("cards", notNullValue());
    }

    @Test
    void acceptedAnAllowedTenant() {
        getDiscovery(TestClients.multi(discoveryUrl(), "tenant-b").bearer()).then().statusCode(200);
    }

    @Test
    void acceptedAudAsAnArrayAndTypInLowerCase() {
        String token = TestClients.ehr(discoveryUrl())
                .claims(c -> c.setAudience("https://other.example", discoveryUrl())).header("typ", "jwt").bearer();
        getDiscovery(token).then().statusCode(200);
    }

    @Test
    void acceptedATokenForTheFeedbackUrlOnTheFeedbackPath() {
        String token = TestClients.ehr(serviceUrl(SERVICE) + "/feedback").bearer();
        int status = given().header("Authorization", token).contentType("application/json")
                .body("{\"feedback\": []}").post("/cds-services/" + SERVICE + "/feedback").statusCode();
        assertThat(status).isNotEqualTo(401);
        assertThat(log.lastRefusal()).isEqualTo("(none)");
    }

    @Test
    void openCorsHeadersAreOnA401() {
        given().header("Origin", "https://sandbox.cds-hooks.org").get("/cds-services").then().statusCode(401)
                .header("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org");
    }

    @Test
    void openCorsPreflightNeedsNoToken() {
        given().header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/cds-services/" + SERVICE)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsStringIgnoringCase("authorization"));
        assertThat(log.lastRefusal()).isEqualTo("(none)");
    }

    @Test
    void openAPlainOptionsNeedsNoToken() {
        assertThat(given().options("/cds-services").statusCode()).isNotEqualTo(401);
    }

    @Test
    void openHealthNeedsNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
