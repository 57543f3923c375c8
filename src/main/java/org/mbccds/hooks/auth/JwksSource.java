package org.mbccds.hooks.auth;

import org.jose4j.http.Get;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A trusted client's public keys (a JWK Set), from an http(s) URL, a file or the classpath. */
interface JwksSource {

    /** Where the keys come from, for logs. */
    String location();

    /** The keys as last read (a URL source downloads on first use and again when its cache lifetime ends). */
    List<JsonWebKey> keys() throws IOException, JoseException;

    /** Read the keys again now (callers rate-limit this). */
    void refresh() throws IOException, JoseException;

    /**
     * @throws IllegalArgumentException an unknown kind of location, or a file or classpath JWKS that cannot be read
     */
    static JwksSource of(String location, Duration timeout) {
        String lower = location.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return new Url(location, timeout);
        }
        if (lower.startsWith("file:")) {
            Path path = lower.startsWith("file://") ? Path.of(URI.create(location)) : Path.of(location.substring(5));
            return new Loaded(location, () -> Files.readString(path, StandardCharsets.UTF_8));
        }
        if (lower.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/+", "");
            return new Loaded(location, () -> {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("no classpath resource " + resource);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
        }
        throw new IllegalArgumentException("a JWKS location must be an http(s) URL, file:<path> or classpath:<resource>");
    }

    /** Only asymmetric signature keys can ever verify a token we accept; other keys are dropped. */
    static List<JsonWebKey> usable(List<JsonWebKey> keys) {
        return keys.stream().filter(k -> k instanceof EllipticCurveJsonWebKey || k instanceof RsaJsonWebKey).toList();
    }

    /** A JWKS read once at start-up (a bad file stops boot) and re-read on {@link #refresh()}. */
    final class Loaded implements JwksSource {
        interface Reader {
            String read() throws IOException;
        }

        private final String location;
        private final Reader reader;
        private volatile List<JsonWebKey> keys;

        Loaded(String location, Reader reader) {
            this.location = location;
            this.reader = reader;
            try {
                refresh();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWKS at " + location, e);
            } catch (JoseException e) {
                throw new IllegalArgumentException("the JWKS at " + location + " is not a JWK Set", e);
            }
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public List<JsonWebKey> keys() {
            return keys;
        }

        @Override
        public void refresh() throws IOException, JoseException {
            keys = usable(new JsonWebKeySet(reader.read()).getJsonWebKeys());
        }
    }

    /** A JWKS downloaded with jose4j's {@link HttpsJwks}: cached per the response's Cache-Control (default 1 h). */
    final class Url implements JwksSource {
        private final HttpsJwks jwks;

        Url(String location, Duration timeout) {
            jwks = new HttpsJwks(location);
            Get get = new Get();
            get.setConnectTimeout((int) timeout.toMillis());
            get.setReadTimeout((int) timeout.toMillis());
            get.setRetries(0);
            get.setResponseBodySizeLimit(256 * 1024);
            jwks.setSimpleHttpGet(get);
            jwks.setDefaultCacheDuration(3600);
            // A failed download keeps the keys we have for a while rather than refusing every call.
            jwks.setRetainCacheOnErrorDuration(3600);
            // IssuerKeys rate-limits re-reads on unknown kids; jose4j's own gap only absorbs simultaneous first loads.
            jwks.setRefreshReprieveThreshold(100);
        }

        @Override
        public String location() {
            return jwks.getLocation();
        }

        @Override
        public List<JsonWebKey> keys() throws IOException, JoseException {
            return usable(jwks.getJsonWebKeys());
        }

        @Override
        public void refresh() throws IOException, JoseException {
            jwks.refresh();
        }
    }
}
