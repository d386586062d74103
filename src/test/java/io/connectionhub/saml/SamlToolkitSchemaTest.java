package io.connectionhub.saml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.codelibs.saml2.core.util.SchemaFactory;
import org.codelibs.saml2.core.util.Util;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ACS's schema check with the schema compiled once gives the toolkit's own answer ({@code Util.validateXML},
 * which compiles it for every response) on valid and invalid responses, also from many threads at once.
 */
class SamlToolkitSchemaTest {

    static final TestIdp IDP = new TestIdp("https://idp.schema.test/");

    static Document signed(TestIdp.Spec spec) {
        Document document = spec.document();
        IDP.sign(document, spec);
        return document;
    }

    static Document valid() {
        return signed(IDP.spec().answering("https://sp.test/acs", "https://sp.test/", "_req1"));
    }

    /** An element the schema does not allow where it stands (a second Issuer after the Status). */
    static Document misplacedElement() {
        Document document = valid();
        Element root = document.getDocumentElement();
        Element issuer = document.createElementNS(TestIdp.SAML, "saml:Issuer");
        issuer.setTextContent("https://idp.schema.test/");
        root.insertBefore(issuer, root.getElementsByTagNameNS(TestIdp.SAMLP, "Status").item(0).getNextSibling());
        return document;
    }

    /** Without the Version attribute the schema requires. */
    static Document missingVersion() {
        Document document = valid();
        document.getDocumentElement().removeAttribute("Version");
        return document;
    }

    /** An IssueInstant that is not an xs:dateTime. */
    static Document badInstant() {
        Document document = valid();
        document.getDocumentElement().setAttribute("IssueInstant", "yesterday");
        return document;
    }

    @Test
    void aValidResponseMatches() {
        Document document = valid();
        assertTrue(SamlToolkit.matchesProtocolSchema(document));
        assertTrue(Util.validateXML(document, SchemaFactory.SAML_SCHEMA_PROTOCOL_2_0));
    }

    @Test
    void invalidResponsesDoNotMatchAsTheToolkitSays() {
        for (Document document : List.of(misplacedElement(), missingVersion(), badInstant())) {
            assertFalse(Util.validateXML(document, SchemaFactory.SAML_SCHEMA_PROTOCOL_2_0));
            assertFalse(SamlToolkit.matchesProtocolSchema(document));
        }
    }

    @Test
    void theCompiledSchemaServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                boolean good = i % 2 == 0;
                Document document = good ? valid() : misplacedElement();
                answers.add(pool.submit(() -> SamlToolkit.matchesProtocolSchema(document) == good));
            }
            for (Future<Boolean> answer : answers) {
                assertEquals(true, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
