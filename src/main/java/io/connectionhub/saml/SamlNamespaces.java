package io.connectionhub.saml;

/** Namespaces and URIs of SAML 2.0 metadata that both the parser and the writer use. */
final class SamlNamespaces {

    static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String HTTP_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    static final String HTTP_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    static final String NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

    private SamlNamespaces() {
    }
}
