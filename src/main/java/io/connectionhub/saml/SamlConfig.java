package io.connectionhub.saml;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's side of SAML connections. */
@ConfigMapping(prefix = "connectionhub.saml")
public interface SamlConfig {

    /** Key type of the SP certificates made for new connections: RSA-2048 (widest IdP support) or EC P-256. */
    @WithDefault("RSA")
    SpKeyType spKeyType();

    /** Validity of a new SP certificate; IdPs pin it, so a short one means re-uploading metadata often. */
    @WithDefault("3650d")
    Duration spCertificateValidity();
}
