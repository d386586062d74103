package io.connectionhub.organization;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.connectionhub.common.Timestamps;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A domain of an organization. The verification record fields (ours) say what to publish: a TXT record named
 * {@code VerificationRecordName} whose value is {@code VerificationRecordValue}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "Id", "DomainName", "IsVerified", "VerificationStrategy", "VerificationToken",
        "VerificationRecordName", "VerificationRecordValue", "CreatedDate", "VerifiedDate" })
public record DomainResponse(
        @JsonProperty("Id") String id,
        @JsonProperty("DomainName") String domainName,
        @JsonProperty("IsVerified") boolean verified,
        @Schema(examples = "dns") @JsonProperty("VerificationStrategy") String verificationStrategy,
        @JsonProperty("VerificationToken") String verificationToken,
        @Schema(examples = "_connectionhub-challenge.acme.example.com")
        @JsonProperty("VerificationRecordName") String verificationRecordName,
        @Schema(examples = "connectionhub-verification=9fQ2...")
        @JsonProperty("VerificationRecordValue") String verificationRecordValue,
        @JsonProperty("CreatedDate") String createdDate,
        @Schema(description = "Absent until verified") @JsonProperty("VerifiedDate") String verifiedDate) {

    static final String DNS = "dns";

    static DomainResponse of(OrganizationDomain domain) {
        return new DomainResponse(domain.id, domain.domainName, domain.verified(), DNS, domain.verificationToken,
                DomainVerifier.recordName(domain.domainName), DomainVerifier.expectedValue(domain.verificationToken),
                Timestamps.formatSeconds(domain.createdAt), Timestamps.formatSeconds(domain.verifiedAt));
    }
}
