package org.mbccds.hooks.auth;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier without HTTP: algorithms, the shipped sandbox JWKS, an empty allowlist, the replay bound, logging. */
class ClientTokenVerifierTest {
    private static final String AUD = "https://cds.example.org/cds-services";
    private static final String SANDBOX_DISCOVERY_AUD = "http://127.0.0.1:8082/cds-services";

    private static TrustedIssuers.Issuer issuer(String name, String iss, String jwksJson, Set<String> jku, Clock clock) {
        return new TrustedIssuers.Issuer(name, iss, new IssuerKeys(new JwksSource.Loaded("memory:" + name, () -> jwksJson),
                clock, Duration.ofSeconds(30)), jku, Optional.empty());
    }

    private static TrustedIssuers.Issuer ehr(Clock clock) {
        String jwks = new JsonWebKeySet(TestClients.key(TestClients.EHR_KID)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return issuer("ehr", TestClients.EHR, jwks, Set.of(TestClients.EHR_JKU), clock);
    }

    private static TrustedIssuers.Issuer shippedSandbox(Clock clock) {
        return new TrustedIssuers.Issuer("sandbox", TestClients.SANDBOX, new IssuerKeys(
                JwksSource.of("classpath:sandbox-jwks.json", Duration.ofSeconds(1)), clock, Duration.ofSeconds(30)),
                Set.of(TestClients.SANDBOX_JKU), Optional.empty());
    }

    private static ClientTokenVerifier verifier(Clock clock, int replayCacheSize, TrustedIssuers.Issuer... issuers) {
        return new ClientTokenVerifier(new TrustedIssuers(Arrays.asList(issuers)), new ReplayCache(replayCacheSize, clock),
                clock, Duration.ofSeconds(30));
    }

    private static Reason refusal(ClientTokenVerifier verifier, String authorization, String aud) {
        try {
            verifier.verify(authorization, aud);
        } catch (AuthenticationFailure e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aCapturedSandboxTokenVerifiesAgainstTheShippedJwksAtCaptureTime() {
        Clock atCapture = Clock.fixed(CapturedTimeClock.CAPTURE_TIME, ZoneOffset.UTC);
        String token = TestClients.capturedSandboxToken("discovery-headers.json").get(0);
        VerifiedClient client = verifier(atCapture, 10, shippedSandbox(atCapture)).verify(token, SANDBOX_DISCOVERY_AUD);
        assertThat(client.issuer()).isEqualTo(TestClients.SANDBOX);
        assertThat(client.subject()).isEmpty();
        assertThat(client.tenant()).isEmpty();
    }

    @Test
    void andNowItHasExpired() {
        Clock now = Clock.systemUTC();
        String token = TestClients.capturedSandboxToken("discovery-headers.json").get(0);
        assertThat(refusal(verifier(now, 10, shippedSandbox(now)), token, SANDBOX_DISCOVERY_AUD)).isEqualTo(Reason.EXPIRED);
    }

    /** The same proof with nothing of ours but the JWKS file: jose4j's own consumer at the capture time. */
    @Test
    void jose4jAloneAgreesThatTheSandboxSignatureIsGood() throws Exception {
        String jwks = Files.readString(Path.of("src/main/resources/sandbox-jwks.json"), StandardCharsets.UTF_8);
        assertThat(jwks).isEqualTo(Files.readString(Path.of("src/test/resources/examples/requests/sandbox/sandbox-jwks.json")));
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .setExpectedIssuer(TestClients.SANDBOX)
                .setExpectedAudience(SANDBOX_DISCOVERY_AUD)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setEvaluationTime(NumericDate.fromSeconds(CapturedTimeClock.CAPTURE_TIME.getEpochSecond()))
                .build();
        String token = TestClients.capturedSandboxToken("discovery-headers.json").get(0).substring("Bearer ".length());
        JwtClaims claims = consumer.processToClaims(token);
        assertThat(claims.getJwtId()).isEqualTo("9ac9e6f0-56c8-4ac2-97f3-0e009a3a6582");
        assertThatThrownBy(() -> consumer.processToClaims(TestClients.tamperPayload(token)))
                .hasMessageContaining("signature");
    }

    @Test
    void withNoIssuerConfiguredEveryTokenIsRefused() {
        ClientTokenVerifier verifier = verifier(Clock.systemUTC(), 10);
        assertThat(refusal(verifier, TestClients.ehr(AUD).bearer(), AUD)).isEqualTo(Reason.UNKNOWN_ISSUER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
    void everyAllowedAsymmetricAlgorithmVerifies(String alg) throws Exception {
        PublicJsonWebKey key = alg.startsWith("ES")
                ? EcJwkGenerator.generateJwk(alg.equals("ES256") ? EllipticCurves.P256 : alg.equals("ES384")
                ? EllipticCurves.P384 : EllipticCurves.P521)
                : RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("k-" + alg);
        Clock clock = Clock.systemUTC();
        ClientTokenVerifier verifier = verifier(clock, 10, issuer("ehr", TestClients.EHR,
                new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), Set.of(TestClients.EHR_JKU), clock));
        String token = TestClients.ehr(AUD).header("kid", key.getKeyId()).signedWith(alg, key.getPrivateKey()).bearer();
        assertThat(verifier.verify(token, AUD).name()).isEqualTo("ehr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512", "none"})
    void hmacAndNoneAreRefused(String alg) {
        Clock clock = Clock.systemUTC();
        HmacKey secret = new HmacKey(new byte[64]);
        String token = TestClients.ehr(AUD).signedWith(alg, alg.equals("none") ? null : secret).bearer();
        assertThat(refusal(verifier(clock, 10, ehr(clock)), token, AUD)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    /** The classic confusion: HS384 with the client's public key as the HMAC secret. */
    @Test
    void thePublicKeyAsAnHmacSecretIsRefused() {
        Clock clock = Clock.systemUTC();
        byte[] publicKey = TestClients.key(TestClients.EHR_KID).getPublicKey().getEncoded();
        String token = TestClients.ehr(AUD).signedWith("HS384", new HmacKey(publicKey)).bearer();
        assertThat(refusal(verifier(clock, 10, ehr(clock)), token, AUD)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void aFullReplayCacheRefusesNewTokensRatherThanForgetOldOnes() {
        Clock clock = Clock.systemUTC();
        ClientTokenVerifier verifier = verifier(clock, 1, ehr(clock));
        verifier.verify(TestClients.ehr(AUD).bearer(), AUD);
        assertThat(refusal(verifier, TestClients.ehr(AUD).bearer(), AUD)).isEqualTo(Reason.REPLAY_CACHE_FULL);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        Clock clock = Clock.systemUTC();
        assertThat(verifier(clock, 10, ehr(clock)).verify("bearer " + TestClients.ehr(AUD).sign(), AUD).name())
                .isEqualTo("ehr");
    }

    @Test
    void theLogLineIsOneShortLineWhateverTheTokenHolds() {
        Clock clock = Clock.systemUTC();
        String token = TestClients.ehr(AUD).claims(c -> c.setIssuer("https://evil.example\nreason=fake " + "x".repeat(500)))
                .bearer();
        try {
            verifier(clock, 10, ehr(clock)).verify(token, AUD);
            throw new AssertionError("accepted");
        } catch (AuthenticationFailure e) {
            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
            assertThat(e.logLine()).doesNotContain("\n").contains("evil.example?reason=fake").hasSizeLessThan(400)
                    .doesNotContain(token.substring(7, 40));
            assertThat(e.getStackTrace()).isEmpty();
        }
    }

    @Test
    void claimsOfTheWrongTypeAreMalformed() {
        Clock clock = Clock.systemUTC();
        String token = TestClients.ehr(AUD).claims(c -> c.setClaim("exp", "tomorrow")).bearer();
        assertThat(refusal(verifier(clock, 10, ehr(clock)), token, AUD)).isEqualTo(Reason.MALFORMED);
        java.util.Map<String, Reason> notJwts = java.util.Map.of(
                "Bearer a.b.c.d.e", Reason.MALFORMED,
                "Bearer ....", Reason.MALFORMED,
                "Bearer  ", Reason.NOT_BEARER,
                "Bearer e30.e30.e30", Reason.UNKNOWN_ISSUER);
        notJwts.forEach((value, reason) ->
                assertThat(refusal(verifier(clock, 10, ehr(clock)), value, AUD)).as(value).isEqualTo(reason));
    }
}
