package org.mbccds.hooks.auth;

import java.util.Optional;

/**
 * The CDS client of an accepted call. Set on the request as property {@link #PROPERTY}.
 *
 * @param name    our name of the issuer ({@code mbc.auth.issuers.<name>})
 * @param issuer  the token's iss
 * @param subject the token's sub, when sent (Epic sends its client id; the spec does not require it)
 * @param tenant  the token's tenant, when sent
 */
public record VerifiedClient(String name, String issuer, Optional<String> subject, Optional<String> tenant, String jti) {
    public static final String PROPERTY = VerifiedClient.class.getName();
}
