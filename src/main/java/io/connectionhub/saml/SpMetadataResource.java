package io.connectionhub.saml;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * The SP metadata of a SAML connection, at its {@code MetadataUrl}. Public: identity-provider admins (and their
 * IdPs) load it without credentials; the unguessable token in the path is what names the connection.
 */
@Path("/saml/sp")
@PermitAll
@Tag(name = "SAML service provider", description = "Public SP metadata of SAML connections")
public class SpMetadataResource {

    private final SpIdentityService identities;

    public SpMetadataResource(SpIdentityService identities) {
        this.identities = identities;
    }

    @GET
    @Path("/{token}/metadata.xml")
    @Produces({ SpMetadataWriter.MEDIA_TYPE, "application/xml" })
    @Operation(summary = "SAML 2.0 SP metadata of a connection", description = "EntityDescriptor with the "
            + "connection's EntityId, an SPSSODescriptor with its signing certificate and an HTTP-POST "
            + "AssertionConsumerService at its ACSEndpoint. 404 for an unknown token or a deleted connection.")
    @APIResponse(responseCode = "200", description = "The metadata", content = @Content(mediaType = SpMetadataWriter.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No active SAML connection has this token")
    public Uni<String> metadata(@PathParam("token") String token) {
        return identities.metadata(token);
    }
}
