package org.mbccds.hooks.auth;

import org.jose4j.base64url.Base64Url;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * CDS clients for tests: keys generated once per JVM (kept in a system property, so a Quarkus test profile and the
 * test class see the same keys whatever class loader loads them), JWKS files for the service, and signed tokens.
 */
public final class TestClients {
    /** Sandbox-style: ES384 on P-384, jku, no sub, no tenant. */
    public static final String EHR = "https://ehr.test.example";
    public static final String EHR_JKU = "https://ehr.test.example/.well-known/jwks.json";
    public static final String EHR_KID = "ehr-es384";
    /** Signed with a P-384 key the EHR never published. */
    public static final String STRANGER_KID = "ehr-es384-unpublished";
    /** Epic-style: RS384, jku, sub (client id) and nbf = iat - 5 min. */
    public static final String EPIC = "https://fhir.hospital.test/api/FHIR/R4";
    public static final String EPIC_JKU = "https://fhir.hospital.test/api/epic/2019/Security/Open/PublicKeys/530005/OIDC";
    public static final String EPIC_KID = "epic-rs384";
    /** A client serving several tenants, of which we allow two: ES256. */
    public static final String MULTI = "https://multi.test.example";
    public static final String MULTI_KID = "multi-es256";

    public static final String SANDBOX = "https://sandbox.cds-hooks.org";
    public static final String SANDBOX_JKU = "https://sandbox.cds-hooks.org/.well-known/jwks.json";

    private static final String PROPERTY = "mbccds.test.client-keys";

    private TestClients() {
    }

    static synchronized JsonWebKeySet privateKeys() {
        try {
            String json = System.getProperty(PROPERTY);
            if (json == null) {
                var ehr = EcJwkGenerator.generateJwk(EllipticCurves.P384);
                ehr.setKeyId(EHR_KID);
                var stranger = EcJwkGenerator.generateJwk(EllipticCurves.P384);
                stranger.setKeyId(STRANGER_KID);
                var epic = RsaJwkGenerator.generateJwk(2048);
                epic.setKeyId(EPIC_KID);
                var multi = EcJwkGenerator.generateJwk(EllipticCurves.P256);
                multi.setKeyId(MULTI_KID);
                json = new JsonWebKeySet(ehr, stranger, epic, multi).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
                System.setProperty(PROPERTY, json);
            }
            return new JsonWebKeySet(json);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicJsonWebKey key(String kid) {
        return (PublicJsonWebKey) privateKeys().getJsonWebKeys().stream().filter(k -> kid.equals(k.getKeyId())).findFirst()
                .orElseThrow();
    }

    /** Writes the public JWKS of these kids to target/auth-test/{name}-jwks.json and answers its file: location. */
    public static String writeJwks(String name, String... kids) {
        try {
            JsonWebKeySet set = new JsonWebKeySet(Arrays.stream(kids).map(TestClients::key).toList());
            Path file = Path.of("target", "auth-test", name + "-jwks.json").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            return "file:" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token that passes every check for {@code aud}, changed by the test to fail exactly one. */
    public static Token ehr(String aud) {
        Token t = new Token(AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, key(EHR_KID));
        t.header.put("kid", EHR_KID);
        t.header.put("jku", EHR_JKU);
        return t.standardClaims(EHR, aud);
    }

    public static Token epic(String aud) {
        Token t = new Token(AlgorithmIdentifiers.RSA_USING_SHA384, key(EPIC_KID));
        t.header.put("kid", EPIC_KID);
        t.header.put("jku", EPIC_JKU);
        t.standardClaims(EPIC, aud);
        long now = Instant.now().getEpochSecond();
        t.claims.setClaim("sub", "d45049c3-3441-40ef-ab4d-b9cd86a17225");
        t.claims.setNotBefore(NumericDate.fromSeconds(now - 300));
        return t;
    }

    public static Token multi(String aud, String tenant) {
        Token t = new Token(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, key(MULTI_KID));
        t.header.put("kid", MULTI_KID);
        t.standardClaims(MULTI, aud);
        if (tenant != null) {
            t.claims.setClaim("tenant", tenant);
        }
        return t;
    }

    public static final class Token {
        private String alg;
        private java.security.Key signingKey;
        final Map<String, Object> header = new LinkedHashMap<>();
        final JwtClaims claims = new JwtClaims();

        Token(String alg, PublicJsonWebKey key) {
            this.alg = alg;
            this.signingKey = key.getPrivateKey();
            header.put("typ", "JWT");
        }

        private Token standardClaims(String iss, String aud) {
            long now = Instant.now().getEpochSecond();
            claims.setIssuer(iss);
            claims.setAudience(aud);
            claims.setIssuedAt(NumericDate.fromSeconds(now));
            claims.setExpirationTime(NumericDate.fromSeconds(now + 300));
            claims.setJwtId(UUID.randomUUID().toString());
            return this;
        }

        public Token claims(Consumer<JwtClaims> change) {
            change.accept(claims);
            return this;
        }

        public Token header(String name, Object value) {
            if (value == null) {
                header.remove(name);
            } else {
                header.put(name, value);
            }
            return this;
        }

        /** Signs with another key under the same header (kid unchanged unless set). */
        public Token signedWith(String algorithm, java.security.Key key) {
            this.alg = algorithm;
            this.signingKey = key;
            return this;
        }

        public String jti() {
            return (String) claims.getClaimValue("jti");
        }

        public String sign() {
            try {
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(claims.toJson());
                jws.setAlgorithmHeaderValue(alg);
                header.forEach(jws::setHeader);
                jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
                jws.setDoKeyValidation(false);
                if (!AlgorithmIdentifiers.NONE.equals(alg)) {
                    jws.setKey(signingKey);
                }
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }

        public String bearer() {
            return "Bearer " + sign();
        }
    }

    /** An HMAC key for tokens that must be refused whatever the secret. */
    static HmacKey secret() {
        return new HmacKey("a-shared-secret-that-is-32-bytes!!".getBytes(StandardCharsets.UTF_8));
    }

    /** The token with one character of its payload JSON changed (still valid JSON and base64url): the signature no longer matches. */
    static String tamperPayload(String token) {
        String[] parts = token.split("\\.");
        String json = new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8);
        int at = json.indexOf("\"jti\":\"") + 7;
        char c = json.charAt(at);
        String changed = json.substring(0, at) + (c == 'a' ? 'b' : 'a') + json.substring(at + 1);
        return parts[0] + "." + Base64Url.encode(changed, StandardCharsets.UTF_8.name()) + "." + parts[2];
    }

    static List<String> capturedSandboxToken(String headersFile) {
        try {
            String json = Files.readString(Path.of("src/test/resources/examples/requests/sandbox", headersFile));
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            String authorization = node.get("Authorization").asText();
            return List.of(authorization, node.get("Host").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
